#ifndef SYNCRULE_CLI_ATOMIC_WRITE_H_
#define SYNCRULE_CLI_ATOMIC_WRITE_H_

// Replacing a file so that readers see the old or the new contents, never a
// mix, even if the machine stops half way.

#include <string>
#include <string_view>

namespace syncrule::cli {

// Replaces the contents of `path` with `text`: writes a temporary file in
// the same directory with the same permissions, flushes it to disk, renames
// it over `path` (over the file a symbolic link points to) and flushes the
// directory. Returns false and sets `*error` to a sentence naming the path
// on failure, leaving `path` untouched.
bool WriteFileAtomically(const std::string& path, std::string_view text, std::string* error);

}  // namespace syncrule::cli

#endif  // SYNCRULE_CLI_ATOMIC_WRITE_H_
