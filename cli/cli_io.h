#ifndef SYNCRULE_CLI_CLI_IO_H_
#define SYNCRULE_CLI_CLI_IO_H_

// Input and output helpers shared by the subcommands: reading files or
// standard input, and the exit codes every subcommand uses.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compiler/diagnostic.h"

namespace syncrule::cli {

// Exit codes: 0 success, 1 findings (invalid queries, failed tests), 2 bad
// usage or unreadable input.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitUsage = 2;

// Reads the whole of `path` ("-" is standard input) into `*text`. Returns
// false and sets `*error` to a sentence naming the path on failure.
bool ReadInput(const std::string& path, std::string* text, std::string* error);

// Splits `text` into lines without their line breaks (and a trailing "\r").
std::vector<std::string> SplitLines(const std::string& text);

// Reads a query from one input line: a JSON string, or a JSON object with a
// string member "query". Returns nullopt when the line is neither.
std::optional<std::string> QueryFromJsonLine(const std::string& line);

// Returns `diagnostic` as JSON for machine output: code, severity, 1-based
// line and column of its start and end, message, notes and fixes.
nlohmann::json DiagnosticToJson(const Source& source, const Diagnostic& diagnostic);

}  // namespace syncrule::cli

#endif  // SYNCRULE_CLI_CLI_IO_H_
