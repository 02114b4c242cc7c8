// Connection blocks: `connection jira { url = "...", token = env("X") }`.
// Settings are constants; env("NAME") becomes {"env": "NAME"}, resolved
// when the program runs. A setting named like a secret must not hold a
// string written in the rule files: secrets live in the environment.

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "compiler/check/check_internal.h"
#include "compiler/jql/check_spelling.h"

namespace syncrule::check::internal {
namespace {

using json = nlohmann::json;

// Parts of setting names that mark a secret.
constexpr std::string_view kSecretWords[] = {
    "token", "password", "passwd", "secret", "api_key", "apikey",
    "credential", "private_key"};

bool IsSecretName(std::string_view name) {
  const std::string lower = jql::ToLowerAscii(name);
  return std::any_of(std::begin(kSecretWords), std::end(kSecretWords),
                     [&](std::string_view word) {
                       return lower.find(word) != std::string::npos;
                     });
}

// Returns true when `value` holds a string outside an env reference.
bool HoldsLiteralString(const json& value) {
  if (value.is_string()) return true;
  if (value.is_object() && value.size() == 1 && value.contains("env")) {
    return false;
  }
  if (value.is_array() || value.is_object()) {
    return std::any_of(value.begin(), value.end(), HoldsLiteralString);
  }
  return false;
}

std::string EnvNameFor(const std::string& connection, const std::string& setting) {
  std::string name = connection + "_" + setting;
  for (char& c : name) {
    c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A')
        : (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c
                                                           : '_';
  }
  return name;
}

void ReportInlineSecret(ProgramState& state, int file,
                        const ast::Connection& connection,
                        const ast::NamedArg& setting) {
  const SourceRange range = state.RangeOf(file, setting.value.id);
  const std::string replacement =
      fmt::format("env(\"{}\")", EnvNameFor(connection.name, setting.name));
  Diagnostic& d = state.Error(
      file, codes::kInlineSecret, range,
      fmt::format("`{}` is a secret; secrets must be referenced, not written "
                  "inline: use env(\"...\").",
                  setting.name));
  d.notes.push_back("rule files live in git; the secret belongs in the "
                    "environment of the process that runs them");
  d.fixes.push_back({range, replacement, fmt::format("write `{}`", replacement)});
}

void ReportUnknownConnector(ProgramState& state, int file,
                            const ast::Connection& connection) {
  SourceRange range = state.RangeOf(file, connection.id);
  std::string_view text = state.TextOf(file, range);
  if (size_t at = text.find(connection.name, 10); at != std::string_view::npos) {
    range.begin += static_cast<uint32_t>(at);
    range.end = range.begin + static_cast<uint32_t>(connection.name.size());
  }
  Diagnostic& d = state.Error(
      file, codes::kUnknownConnection, range,
      fmt::format("There is no connector named `{}` to configure.",
                  connection.name));
  d.notes.push_back(fmt::format("the connectors are {}",
                                JoinNames(state.schemas.connector_names())));
  AddDidYouMean(d, range, Suggest(connection.name, state.schemas.connector_names()));
}

void CheckSetting(ProgramState& state, int file, const ast::Connection& connection,
                  const ast::NamedArg& setting, IrConnection& ir) {
  std::optional<json> value =
      FoldConstant(state, file, setting.value, ConstContext::kSetting);
  if (!value) return;
  if (IsSecretName(setting.name) && HoldsLiteralString(*value)) {
    ReportInlineSecret(state, file, connection, setting);
    return;
  }
  ir.settings.emplace_back(setting.name, std::move(*value));
}

void CheckConnection(ProgramState& state, int file,
                     const ast::Connection& connection) {
  if (state.schemas.FindConnector(connection.name) == nullptr) {
    ReportUnknownConnector(state, file, connection);
  }
  IrConnection ir;
  ir.name = connection.name;
  ir.span = state.SpanOf(file, connection.id);
  std::set<std::string> seen;
  for (const ast::NamedArg& setting : connection.settings) {
    if (!seen.insert(setting.name).second) {
      state.Error(file, codes::kDuplicateName, state.RangeOf(file, setting.id),
                  fmt::format("The setting `{}` is given twice.", setting.name));
      continue;
    }
    CheckSetting(state, file, connection, setting, ir);
  }
  state.program.connections.push_back(std::move(ir));
}

}  // namespace

void CheckConnections(ProgramState& state) {
  std::set<std::string> seen;
  for (size_t i = 0; i < state.files.size(); ++i) {
    for (const ast::Connection& connection : state.files[i].file.connections) {
      // A repeated connection was reported by CollectGlobals.
      if (!seen.insert(connection.name).second) continue;
      CheckConnection(state, static_cast<int>(i), connection);
    }
  }
}

}  // namespace syncrule::check::internal
