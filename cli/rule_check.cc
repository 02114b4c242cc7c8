// `syncrule check`, `compile` and `disasm`.

#include <fstream>
#include <iostream>

#include "cli/cli_io.h"
#include "cli/rule_build.h"
#include "cli/rule_commands_internal.h"
#include "runtime/disasm.h"
#include "runtime/module.h"
#include "runtime/program.h"

namespace syncrule::cli {
namespace {

// Builds and reports a one-line summary; returns the exit code.
int BuildAndSummarize(const RuleCommandOptions& options, bool check_only,
                      BuiltProgram* built, const char* command) {
  BuildOptions build;
  build.fields_path = options.fields_path;
  build.format = options.format;
  build.check_only = check_only;
  std::string error;
  bool ok = BuildRules(options.paths, build, std::cout, built, &error);
  if (!error.empty()) {
    std::cerr << "syncrule " << command << ": " << error << '\n';
    return built->error_count > 0 ? kExitFindings : kExitUsage;
  }
  if (options.format == "text") {
    std::cerr << built->file_count << " file(s): " << built->error_count << " error(s), "
              << built->warning_count << " warning(s)\n";
  }
  return ok ? kExitOk : kExitFindings;
}

}  // namespace

int RunCheck(const RuleCommandOptions& options) {
  BuiltProgram built;
  return BuildAndSummarize(options, /*check_only=*/true, &built, "check");
}

int RunCompile(const RuleCommandOptions& options) {
  BuiltProgram built;
  int code = BuildAndSummarize(options, false, &built, "compile");
  if (code != kExitOk) return code;
  std::string temporary = options.output + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << built.module;
    if (!out) {
      std::cerr << "syncrule compile: cannot write '" << options.output << "'\n";
      return kExitUsage;
    }
  }
  if (std::rename(temporary.c_str(), options.output.c_str()) != 0) {
    std::cerr << "syncrule compile: cannot write '" << options.output << "'\n";
    return kExitUsage;
  }
  std::cerr << "wrote " << options.output << " (" << built.module.size() << " bytes, "
            << built.program->rule_count() << " rules)\n";
  return kExitOk;
}

int RunDisasm(const RuleCommandOptions& options) {
  std::string bytes, error;
  bool is_module = options.paths.size() == 1 && options.paths[0].size() > 4 &&
                   options.paths[0].substr(options.paths[0].size() - 4) == ".srb";
  if (is_module) {
    if (!ReadInput(options.paths[0], &bytes, &error)) {
      std::cerr << "syncrule disasm: " << error << '\n';
      return kExitUsage;
    }
  } else {
    BuiltProgram built;
    int code = BuildAndSummarize(options, false, &built, "disasm");
    if (code != kExitOk) return code;
    bytes = built.module;
  }
  runtime::LoadResult loaded = runtime::LoadModule(bytes);
  if (!loaded.ok()) {
    std::cerr << "syncrule disasm: " << options.paths[0] << ": " << loaded.status.message << '\n';
    return kExitFindings;
  }
  std::cout << runtime::Disassemble(loaded.program->image());
  return kExitOk;
}

}  // namespace syncrule::cli
