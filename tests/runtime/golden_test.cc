// Bytecode goldens (lua's testes/code.lua, through the disassembler): each
// tests/golden/bytecode/NAME.rule is compiled and its listing compared with
// NAME.txt. After an intended change to the emitter, regenerate with
//
//   SYNCRULE_REGENERATE_GOLDENS=1 build/bin/runtime_tests --gtest_filter='Golden*'
//
// and review the diff. The opcode reference in docs/bytecode.md is
// generated from runtime/opcodes.def the same way.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>

#include "runtime/disasm.h"
#include "tests/runtime/runtime_test_util.h"

namespace syncrule::runtime {
namespace {

bool Regenerate() {
  const char* flag = std::getenv("SYNCRULE_REGENERATE_GOLDENS");
  return flag != nullptr && std::string(flag) == "1";
}

void WriteSource(const std::string& path, const std::string& text) {
  std::ofstream out(std::string(SYNCRULE_SOURCE_DIR) + "/" + path, std::ios::binary);
  out << text;
}

TEST(GoldenTest, BytecodeListings) {
  std::string dir = std::string(SYNCRULE_SOURCE_DIR) + "/tests/golden/bytecode";
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".rule") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  ASSERT_GE(names.size(), 4u);
  for (const std::string& name : names) {
    std::string rule_path = "tests/golden/bytecode/" + name + ".rule";
    std::string golden_path = "tests/golden/bytecode/" + name + ".txt";
    testing::CompiledRules compiled =
        testing::CompileRules({{name + ".rule", testing::ReadSource(rule_path)}});
    ASSERT_EQ(compiled.errors, "") << rule_path;
    std::string listing = Disassemble(compiled.image);
    if (Regenerate()) {
      WriteSource(golden_path, listing);
      continue;
    }
    EXPECT_EQ(listing, testing::ReadSource(golden_path))
        << golden_path << " differs; if the change is intended, regenerate with "
        << "SYNCRULE_REGENERATE_GOLDENS=1";
  }
}

// The fuzzer's seeds: every golden rule file and example program, compiled.
TEST(GoldenTest, FuzzSeedModulesLoad) {
  std::vector<std::pair<std::string, std::string>> sources;  // seed name, rule path
  std::string dir = std::string(SYNCRULE_SOURCE_DIR) + "/tests/golden/bytecode";
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".rule") {
      sources.emplace_back(entry.path().stem().string(),
                           "tests/golden/bytecode/" + entry.path().filename().string());
    }
  }
  for (const char* example : {"pagerduty-jira-cloud", "pagerduty-jira-server",
                              "flashduty-jira-sync", "gitlab-jira", "alertmanager-jira"}) {
    std::string path = std::string("examples/") + example + "/sync.rule";
    if (!testing::ReadSource(path).empty()) sources.emplace_back(example, path);
  }
  for (const auto& [name, path] : sources) {
    std::string seed = "tests/fuzz/module_seeds/" + name + ".srb";
    if (Regenerate()) {
      testing::CompiledRules compiled =
          testing::CompileRules({{path, testing::ReadSource(path)}});
      ASSERT_EQ(compiled.errors, "") << path;
      WriteSource(seed, compiled.bytes);
      continue;
    }
    LoadResult loaded = LoadModule(testing::ReadSource(seed));
    EXPECT_TRUE(loaded.ok()) << seed << ": " << loaded.status.message
                             << " (regenerate with SYNCRULE_REGENERATE_GOLDENS=1)";
  }
}

// Renders the opcode table of docs/bytecode.md from opcodes.def.
std::string OpcodeTable() {
  std::string def = testing::ReadSource("runtime/opcodes.def");
  std::regex line(R"(^OP\((\w+), (\w+), ([-\w]+)\)\s*//\s*(.*)$)");
  std::regex group(R"(^// --- (.*?) -+$)");
  std::string out = "| opcode | operands | stack | what it does |\n|---|---|---|---|\n";
  std::istringstream lines(def);
  std::string text;
  while (std::getline(lines, text)) {
    std::smatch m;
    if (std::regex_match(text, m, group)) {
      out += "| **" + m[1].str() + "** | | | |\n";
    } else if (std::regex_match(text, m, line)) {
      std::string effect = m[3].str() == "kVariableEffect" ? "var" : m[3].str();
      if (effect[0] != '-' && effect != "var" && effect != "0") effect = "+" + effect;
      std::string what = m[4].str();
      for (size_t at = what.find('|'); at != std::string::npos; at = what.find('|', at + 2)) {
        what.replace(at, 1, "\\|");
      }
      out += "| `" + m[1].str() + "` | " + m[2].str().substr(1) + " | " + effect + " | " +
             what + " |\n";
    }
  }
  return out;
}

TEST(GoldenTest, DocsOpcodeTableMatchesOpcodesDef) {
  const std::string begin = "<!-- opcodes:begin (generated from runtime/opcodes.def) -->\n";
  const std::string end = "<!-- opcodes:end -->";
  std::string docs = testing::ReadSource("docs/bytecode.md");
  size_t from = docs.find(begin);
  size_t to = docs.find(end);
  ASSERT_NE(from, std::string::npos) << "docs/bytecode.md lacks the opcode markers";
  ASSERT_NE(to, std::string::npos);
  std::string table = OpcodeTable();
  std::string current = docs.substr(from + begin.size(), to - from - begin.size());
  if (Regenerate()) {
    docs.replace(from + begin.size(), to - from - begin.size(), table);
    WriteSource("docs/bytecode.md", docs);
    return;
  }
  EXPECT_EQ(current, table) << "regenerate with SYNCRULE_REGENERATE_GOLDENS=1";
}

}  // namespace
}  // namespace syncrule::runtime
