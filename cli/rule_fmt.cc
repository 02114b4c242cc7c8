// `syncrule fmt`: rewrite rule files in the canonical layout (docs/fmt.md).

#include <algorithm>
#include <iostream>
#include <memory>

#include "cli/atomic_write.h"
#include "cli/cli_io.h"
#include "cli/commands.h"
#include "cli/rule_build.h"
#include "compiler/format/rule_formatter.h"
#include "compiler/format/unified_diff.h"

namespace syncrule::cli {
namespace {

// The options of `syncrule fmt`.
struct FmtCommandOptions {
  std::vector<std::string> paths;
  bool check = false;
  bool diff = false;
  bool write = false;
};

// Formats one input and reports as the options ask; returns its exit code.
int FormatInput(const std::string& path, const FmtCommandOptions& options) {
  std::string text, error;
  if (!ReadInput(path, &text, &error)) {
    std::cerr << "syncrule fmt: " << error << '\n';
    return kExitUsage;
  }
  std::string name = path == "-" ? "<stdin>" : path;
  format::FormatResult result = format::FormatRuleSource(text);
  if (!result.ok()) {
    Source source(name, text);
    for (const Diagnostic& d : result.diagnostics.items()) std::cerr << FormatDiagnostic(source, d);
    return kExitFindings;
  }
  bool changed = result.text != text;
  if (!options.check && !options.diff && !options.write) {
    std::cout << result.text;
    return kExitOk;
  }
  if (options.check && changed) std::cout << name << '\n';
  if (options.diff && changed) {
    std::cout << format::UnifiedDiff(text, result.text, name + "\t(original)",
                                     name + "\t(formatted)");
  }
  if (options.write && changed) {
    if (!WriteFileAtomically(path, result.text, &error)) {
      std::cerr << "syncrule fmt: " << error << '\n';
      return kExitUsage;
    }
    return kExitOk;
  }
  return changed && !options.write ? kExitFindings : kExitOk;
}

// Expands directories into their .rule files; "-" stays as it is.
bool ExpandPaths(const std::vector<std::string>& paths, std::vector<std::string>* inputs) {
  for (const std::string& path : paths) {
    if (path == "-") {
      inputs->push_back(path);
      continue;
    }
    std::string error;
    std::vector<std::string> files = FindRuleFiles({path}, &error);
    if (!error.empty()) {
      std::cerr << "syncrule fmt: " << error << '\n';
      return false;
    }
    inputs->insert(inputs->end(), files.begin(), files.end());
  }
  return true;
}

int RunFmtCommand(const FmtCommandOptions& options) {
  std::vector<std::string> inputs;
  if (!ExpandPaths(options.paths, &inputs)) return kExitUsage;
  bool to_stdout = !options.check && !options.diff && !options.write;
  if (to_stdout && inputs.size() > 1) {
    std::cerr << "syncrule fmt: " << inputs.size()
              << " files: give --check, --diff or --write, or one file\n";
    return kExitUsage;
  }
  if (options.write && std::find(inputs.begin(), inputs.end(), "-") != inputs.end()) {
    std::cerr << "syncrule fmt: --write cannot rewrite standard input\n";
    return kExitUsage;
  }
  int code = kExitOk;
  for (const std::string& input : inputs) code = std::max(code, FormatInput(input, options));
  return code;
}

}  // namespace

void RegisterFmtCommand(CLI::App& app) {
  auto options = std::make_shared<FmtCommandOptions>();
  CLI::App* sub = app.add_subcommand(
      "fmt",
      "Format rule files canonically. One file (or - for stdin): print it formatted. "
      "Exit 0 ok, 1 syntax errors or (with --check/--diff) files that would change, 2 usage.");
  sub->add_option("paths", options->paths, "Rule files or directories, or - for stdin")->required();
  CLI::Option* write =
      sub->add_flag("--write,-w", options->write, "Rewrite the files in place (atomically)");
  sub->add_flag("--check", options->check, "List the files that are not formatted; exit 1 if any")
      ->excludes(write);
  sub->add_flag("--diff,-d", options->diff, "Print a unified diff of the changes; exit 1 if any")
      ->excludes(write);
  sub->callback([options] { SetExitCode(RunFmtCommand(*options)); });
}

}  // namespace syncrule::cli
