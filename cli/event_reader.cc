#include "cli/event_reader.h"

#include <fcntl.h>
#include <simdjson.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace syncrule::cli {
namespace {

constexpr size_t kChunkBytes = size_t{8} << 20;

// Reads a file descriptor in chunks of whole lines into one buffer, which
// grows only for a line longer than a chunk.
class BufferedReader final : public EventReader {
 public:
  BufferedReader(int fd, bool owned)
      : fd_(fd), owned_(owned), buffer_(kChunkBytes + simdjson::SIMDJSON_PADDING) {}
  ~BufferedReader() override {
    if (owned_) close(fd_);
  }

  bool Next(std::string_view* chunk) override {
    // Keep the unfinished line of the previous chunk.
    std::memmove(buffer_.data(), buffer_.data() + consumed_, filled_ - consumed_);
    filled_ -= consumed_;
    consumed_ = 0;
    for (;;) {
      size_t newline = std::string_view(buffer_.data(), filled_).rfind('\n');
      if (newline != std::string_view::npos && (filled_ == Capacity() || eof_)) {
        return Emit(newline + 1, chunk);
      }
      if (eof_) return filled_ > 0 ? Emit(filled_, chunk) : false;
      if (filled_ == Capacity()) Grow();  // one line longer than a chunk
      ssize_t n = read(fd_, buffer_.data() + filled_, Capacity() - filled_);
      if (n < 0) {
        if (errno == EINTR) continue;
        error_ = std::strerror(errno);
        return false;
      }
      if (n == 0) eof_ = true;
      filled_ += static_cast<size_t>(n);
    }
  }

  const std::string& error() const override { return error_; }

 private:
  size_t Capacity() const { return buffer_.size() - simdjson::SIMDJSON_PADDING; }
  void Grow() { buffer_.resize(buffer_.size() * 2); }
  // The bytes after a line are readable (the next line, or the padding),
  // which is all simdjson asks of them.
  bool Emit(size_t end, std::string_view* chunk) {
    *chunk = std::string_view(buffer_.data(), end);
    consumed_ = end;
    return true;
  }

  int fd_;
  bool owned_;
  std::vector<char> buffer_;
  size_t filled_ = 0;
  size_t consumed_ = 0;
  bool eof_ = false;
  std::string error_;
};

// Reads a regular file through a read-only mapping. Lines that end within
// simdjson's padding of the mapping's end are copied into a padded buffer,
// the only copy made.
class MappedReader final : public EventReader {
 public:
  MappedReader(const char* data, size_t size) : data_(data), size_(size) {
    size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
    size_t readable = (size + page - 1) / page * page;  // the last page is zero-filled
    size_t safe = readable > simdjson::SIMDJSON_PADDING ? readable - simdjson::SIMDJSON_PADDING : 0;
    if (safe >= size) {
      tail_ = size;
    } else {
      size_t newline = std::string_view(data, safe).rfind('\n');
      tail_ = newline == std::string_view::npos ? 0 : newline + 1;
    }
    madvise(const_cast<char*>(data_), size_, MADV_SEQUENTIAL);
  }
  ~MappedReader() override { munmap(const_cast<char*>(data_), size_); }

  bool Next(std::string_view* chunk) override {
    Release();
    if (at_ < tail_) {
      size_t end = std::min(tail_, at_ + kChunkBytes);
      if (end < tail_) {
        size_t newline = std::string_view(data_ + at_, end - at_).rfind('\n');
        if (newline != std::string_view::npos) {
          end = at_ + newline + 1;
        } else {  // one line longer than a chunk
          size_t next = std::string_view(data_ + at_, tail_ - at_).find('\n');
          end = next == std::string_view::npos ? tail_ : at_ + next + 1;
        }
      }
      *chunk = std::string_view(data_ + at_, end - at_);
      at_ = end;
      return true;
    }
    if (at_ < size_) {
      copy_.assign(data_ + at_, data_ + size_);
      copy_.resize(copy_.size() + simdjson::SIMDJSON_PADDING, '\0');
      *chunk = std::string_view(copy_.data(), size_ - at_);
      at_ = size_;
      return true;
    }
    return false;
  }

  const std::string& error() const override { return error_; }

 private:
  // Gives back the pages of the chunks already processed, so that the
  // resident size stays that of a chunk, not of the file.
  void Release() {
    size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
    size_t done = at_ / page * page;
    if (done > released_) {
      madvise(const_cast<char*>(data_) + released_, done - released_, MADV_DONTNEED);
      released_ = done;
    }
  }

  const char* data_;
  size_t size_;
  size_t tail_ = 0;
  size_t at_ = 0;
  size_t released_ = 0;
  std::vector<char> copy_;
  std::string error_;
};

}  // namespace

std::unique_ptr<EventReader> OpenEventReader(const std::string& path, std::string* error) {
  if (path == "-") return std::make_unique<BufferedReader>(0, false);
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = "cannot read '" + path + "': " + std::strerror(errno);
    return nullptr;
  }
  struct stat info;
  if (fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0) {
    void* data = mmap(nullptr, static_cast<size_t>(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (data != MAP_FAILED) {
      close(fd);
      return std::make_unique<MappedReader>(static_cast<const char*>(data),
                                            static_cast<size_t>(info.st_size));
    }
  }
  return std::make_unique<BufferedReader>(fd, true);
}

}  // namespace syncrule::cli
