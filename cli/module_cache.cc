#include "cli/module_cache.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "cli/atomic_write.h"
#include "cli/cli_io.h"
#include "runtime/connectors/digest.h"

namespace syncrule::cli {
namespace {

// How many modules the cache keeps (a 10,000-rule module is about 4 MB).
constexpr size_t kMaxCachedModules = 32;

bool IsModuleFile(const std::vector<std::string>& paths) {
  return paths.size() == 1 && paths[0].size() > 4 &&
         paths[0].compare(paths[0].size() - 4, 4, ".srb") == 0;
}

// Appends `part` with its length first, so that no two lists of parts
// join to the same text.
void AppendPart(std::string_view part, std::string* out) {
  *out += std::to_string(part.size());
  *out += ':';
  *out += part;
}

// Returns what identifies the running binary, or "" when it cannot be
// told (then nothing is cached).
std::string BinaryIdentity() {
  std::error_code error;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) return "";
  struct stat info;
  if (::stat(self.c_str(), &info) != 0) return "";
  return self.string() + '|' + std::to_string(info.st_size) + '|' +
         std::to_string(info.st_mtim.tv_sec) + '.' + std::to_string(info.st_mtim.tv_nsec) + '|' +
         std::to_string(info.st_ino);
}

// Returns the cache file for the rules of `paths` and sets `*file_count`,
// or returns "" when they cannot be read (the compiler then reports why)
// or nothing can be cached.
std::string CachePath(const std::vector<std::string>& paths, const BuildOptions& options,
                      const std::string& directory, int* file_count) {
  std::string identity = BinaryIdentity();
  if (identity.empty() || directory.empty()) return "";
  std::string error;
  std::vector<std::string> files = FindRuleFiles(paths, &error);
  if (!error.empty()) return "";
  *file_count = static_cast<int>(files.size());
  std::string key;
  AppendPart(identity, &key);
  AppendPart(options.fields_path, &key);
  std::string text;
  if (!options.fields_path.empty()) {
    if (!ReadInput(options.fields_path, &text, &error)) return "";
    AppendPart(text, &key);
  }
  for (const std::string& file : files) {
    if (!ReadInput(file, &text, &error)) return "";
    AppendPart(file, &key);
    AppendPart(text, &key);
  }
  return directory + "/modules/" + runtime::Sha256Hex(key) + ".srb";
}

// Loads the module at `path` into `built`; false when it is missing or
// does not verify.
bool LoadModuleFile(const std::string& path, BuiltProgram* built, std::string* error) {
  std::string bytes;
  if (!ReadInput(path, &bytes, error)) return false;
  runtime::LoadResult loaded = runtime::LoadModule(bytes);
  if (!loaded.ok()) {
    *error = path + ": " + loaded.status.message;
    return false;
  }
  built->program = loaded.program;
  built->module = std::move(bytes);
  built->file_count = 1;
  return true;
}

// Keeps at most kMaxCachedModules modules in `directory`, removing the
// least recently used (a hit touches its module).
void Prune(const std::filesystem::path& directory) {
  std::error_code error;
  std::vector<std::pair<std::filesystem::file_time_type, std::filesystem::path>> modules;
  for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
    if (entry.path().extension() != ".srb") continue;
    modules.emplace_back(entry.last_write_time(error), entry.path());
  }
  if (modules.size() <= kMaxCachedModules) return;
  std::sort(modules.begin(), modules.end());
  for (size_t k = 0; k + kMaxCachedModules < modules.size(); ++k) {
    std::filesystem::remove(modules[k].second, error);
  }
}

}  // namespace

std::string ModuleCacheDirectory(const ModuleCacheOptions& options) {
  if (!options.directory.empty()) return options.directory;
  if (const char* dir = std::getenv("SYNCRULE_CACHE_DIR"); dir && *dir) return dir;
  if (const char* dir = std::getenv("XDG_CACHE_HOME"); dir && *dir) {
    return std::string(dir) + "/syncrule";
  }
  if (const char* home = std::getenv("HOME"); home && *home) {
    return std::string(home) + "/.cache/syncrule";
  }
  return "";
}

bool BuildRulesCached(const std::vector<std::string>& paths, const BuildOptions& options,
                      const ModuleCacheOptions& cache, std::ostream& out, BuiltProgram* built,
                      ModuleSource* source, std::string* error) {
  if (IsModuleFile(paths)) {
    *source = ModuleSource::kModuleFile;
    return LoadModuleFile(paths[0], built, error);
  }
  *source = ModuleSource::kCompiled;
  int file_count = 0;
  std::string cached =
      cache.enabled ? CachePath(paths, options, ModuleCacheDirectory(cache), &file_count) : "";
  std::string ignored;
  if (!cached.empty() && LoadModuleFile(cached, built, &ignored)) {
    std::error_code touched;
    std::filesystem::last_write_time(cached, std::filesystem::file_time_type::clock::now(),
                                     touched);
    built->file_count = file_count;
    *source = ModuleSource::kCache;
    return true;
  }
  std::ostringstream diagnostics;
  bool ok = BuildRules(paths, options, diagnostics, built, error);
  out << diagnostics.str();
  if (ok && !cached.empty() && diagnostics.str().empty() && built->warning_count == 0) {
    std::error_code made;
    std::filesystem::create_directories(std::filesystem::path(cached).parent_path(), made);
    if (!made && WriteFileAtomically(cached, built->module, &ignored)) {
      Prune(std::filesystem::path(cached).parent_path());
    }
  }
  return ok;
}

}  // namespace syncrule::cli
