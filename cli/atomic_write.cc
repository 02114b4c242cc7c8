#include "cli/atomic_write.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace syncrule::cli {
namespace {

// Writes all of `text` to `fd`; returns false on an error.
bool WriteAll(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    text.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// Flushes the directory `directory`, so that a rename in it is durable.
void SyncDirectory(const std::string& directory) {
  int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

bool WriteFileAtomically(const std::string& path, std::string_view text, std::string* error) {
  // Through a symbolic link, replace the file it points to, not the link.
  std::filesystem::path target(path);
  std::error_code ec;
  if (std::filesystem::is_symlink(path, ec)) {
    target = std::filesystem::canonical(path, ec);
    if (ec) {
      *error = "cannot write '" + path + "': " + ec.message();
      return false;
    }
  }
  std::string directory = target.has_parent_path() ? target.parent_path().string() : ".";
  std::string temporary = directory + "/." + target.filename().string() + ".fmt-XXXXXX";
  int fd = ::mkstemp(temporary.data());
  if (fd < 0) {
    *error = "cannot write '" + path + "': " + std::strerror(errno);
    return false;
  }
  struct stat original;
  bool ok = ::stat(target.c_str(), &original) != 0 ||
            ::fchmod(fd, original.st_mode & 07777) == 0;
  ok = ok && WriteAll(fd, text) && ::fsync(fd) == 0;
  int saved_errno = errno;
  ok = ::close(fd) == 0 && ok;
  ok = ok && std::rename(temporary.c_str(), target.c_str()) == 0;
  if (!ok) {
    if (errno == 0) errno = saved_errno;
    *error = "cannot write '" + path + "': " + std::strerror(errno);
    std::remove(temporary.c_str());
    return false;
  }
  SyncDirectory(directory);
  return true;
}

}  // namespace syncrule::cli
