#ifndef SYNCRULE_CLI_MODULE_CACHE_H_
#define SYNCRULE_CLI_MODULE_CACHE_H_

// A cache of compiled modules, as Python keeps compiled bytecode beside its
// sources: `syncrule bench` of the same rule files with the same binary
// loads the verified module instead of parsing and checking the rules
// again. The key is the SHA-256 of everything that decides the module: the
// binary itself (its path, size, modification time and inode, so that any
// rebuild misses), each rule file's path and contents, and the custom field
// catalog. Only modules whose compilation printed nothing are cached, so a
// hit never hides a warning. A cached module is verified when it is loaded,
// like any other; one that does not load is compiled again and replaced.
// The cache keeps the 32 most recently used modules.

#include <string>
#include <vector>

#include "cli/rule_build.h"

namespace syncrule::cli {

// Where and whether to cache.
struct ModuleCacheOptions {
  // False compiles every time and leaves the cache alone.
  bool enabled = true;
  // The cache directory; empty means $SYNCRULE_CACHE_DIR, else
  // $XDG_CACHE_HOME/syncrule, else $HOME/.cache/syncrule. With none of
  // these set, nothing is cached.
  std::string directory;
};

// How a program was obtained.
enum class ModuleSource { kCompiled, kCache, kModuleFile };

// Builds the program of `paths` as BuildRules does, through the cache when
// `cache.enabled`; a single `.srb` path is loaded as a module file instead.
// `*source` says which happened. Returns false as BuildRules does; failing
// to read or write the cache is never an error (the rules are compiled).
bool BuildRulesCached(const std::vector<std::string>& paths, const BuildOptions& options,
                      const ModuleCacheOptions& cache, std::ostream& out, BuiltProgram* built,
                      ModuleSource* source, std::string* error);

// Returns the cache directory `options` selects, or "" when there is none.
std::string ModuleCacheDirectory(const ModuleCacheOptions& options);

}  // namespace syncrule::cli

#endif  // SYNCRULE_CLI_MODULE_CACHE_H_
