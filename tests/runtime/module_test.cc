// The instruction encoding, the module file format (write, read, checksum)
// and the verifier's error table: each corrupt or hostile module gets its
// error code, never a crash (re2's error_tests[] style).

#include <gtest/gtest.h>

#include <cstring>

#include "runtime/disasm.h"
#include "runtime/verifier.h"
#include "tests/runtime/runtime_test_util.h"

namespace syncrule::runtime {
namespace {

using O = Opcode;

TEST(InstructionTest, EncodingsRoundTrip) {
  for (uint32_t a : {0u, 1u, 255u, 65535u, kMaxA}) {
    Instruction i = EncodeA(O::kPUSH_CONST, a);
    EXPECT_EQ(OpOf(i), O::kPUSH_CONST);
    EXPECT_EQ(ArgA(i), a);
  }
  for (int32_t sj : {0, 1, -1, 1000, -1000, kMaxJump, kMinJump}) {
    Instruction i = EncodeSJ(O::kJMP, sj);
    EXPECT_EQ(OpOf(i), O::kJMP);
    EXPECT_EQ(ArgSJ(i), sj);
    EXPECT_EQ(JumpOffset(i), sj);
  }
  for (uint32_t a : {0u, 7u, 255u}) {
    for (uint32_t b : {0u, 1u, 300u, 65535u}) {
      Instruction i = EncodeAB(O::kCALL, a, b);
      EXPECT_EQ(ArgShortA(i), a);
      EXPECT_EQ(ArgB(i), b);
    }
    for (int32_t sb : {0, 5, -5, kMaxShortJump, kMinShortJump}) {
      Instruction i = EncodeASB(O::kITER_NEXT, a, sb);
      EXPECT_EQ(OpOf(i), O::kITER_NEXT);
      EXPECT_EQ(ArgShortA(i), a);
      EXPECT_EQ(ArgSB(i), sb);
      EXPECT_EQ(ArgSB(WithJumpOffset(i, -sb / 2)), -sb / 2);
    }
  }
}

TEST(InstructionTest, TablesComeFromOpcodesDef) {
  EXPECT_EQ(OpcodeName(O::kNOP), "NOP");
  EXPECT_EQ(OpcodeName(O::kJQL_TERM), "JQL_TERM");
  EXPECT_EQ(FormatOf(O::kITER_NEXT), OperandFormat::kIterJump);
  EXPECT_EQ(DeclaredEffect(O::kEQ), -1);
  EXPECT_EQ(DeclaredEffect(O::kCALL), kVariableEffect);
  for (int op = 0; op < kOpcodeCount; ++op) {
    EXPECT_FALSE(OpcodeName(static_cast<Opcode>(op)).empty());
  }
}

// A module with one rule over `code`.
ModuleImage Image(std::vector<Instruction> code, uint32_t max_stack = 4) {
  ModuleImage m;
  m.constants = {"a string", 42, nlohmann::json::array({"k"}), 1.5};
  m.paths = {"/event/data/title"};
  m.fields.push_back(FieldImage{"incident.title", ValueType::kString, {{"pagerduty.v3", 0}}});
  m.regexes.push_back(RegexImage{"^a+$", false});
  m.sets.push_back(SetImage{false, {"x", "y"}});
  m.sets.push_back(SetImage{true, {"open"}});
  m.sites.push_back(SiteImage{"pagerduty.add_note", "incident", "pagerduty", false, {"content"}});
  m.files.push_back(FileImage{"t.rule", "rule \"r\" {}\n"});
  RuleImage rule;
  rule.name = "r";
  rule.triggers = {"pagerduty.incident.triggered"};
  rule.code_begin = 0;
  rule.code_end = static_cast<uint32_t>(code.size());
  rule.local_count = 2;
  rule.iterator_count = 1;
  rule.max_stack = max_stack;
  m.rules.push_back(rule);
  m.code = std::move(code);
  m.lines.push_back(LineEntry{0, 0, 1, 1});
  return m;
}

ModuleImage ValidImage() {
  return Image({EncodeA(O::kPUSH_CONST, 0), EncodeA(O::kIN_SET, 0),
                EncodeSJ(O::kJMP_IF_FALSE, 2), EncodeA(O::kLOAD_FIELD, 0),
                EncodeA(O::kEFFECT, 0), EncodeA(O::kRETURN, 0)});
}

TEST(ModuleTest, WriteReadRoundTrip) {
  ModuleImage image = ValidImage();
  image.settings = {{"jira", {{"url", "https://x"}, {"token", {{"env", "T"}}}}}};
  std::string bytes = WriteModule(image);
  EXPECT_EQ(bytes.substr(0, 4), std::string("SRB\x1a", 4));
  ModuleImage back;
  ModuleStatus status = ReadModule(bytes, &back);
  ASSERT_TRUE(status.ok()) << status.message;
  EXPECT_EQ(back.code, image.code);
  EXPECT_EQ(back.constants, image.constants);
  EXPECT_EQ(back.settings, image.settings);
  EXPECT_EQ(back.rules[0].name, "r");
  EXPECT_EQ(WriteModule(back), bytes);  // the format is canonical
  EXPECT_TRUE(LoadModule(bytes).ok());
}

TEST(ModuleTest, ChecksumIsFnv1a64OfThePayload) {
  EXPECT_EQ(Fnv1a64(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(Fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
  std::string bytes = WriteModule(ValidImage());
  uint64_t stored = 0;
  std::memcpy(&stored, bytes.data() + 12, 8);
  EXPECT_EQ(stored, Fnv1a64(std::string_view(bytes).substr(kModuleHeaderBytes)));
}

// Rewrites the header's checksum after a payload edit, so that the reader
// gets past it to the damage inside.
std::string Reseal(std::string bytes) {
  uint64_t sum = Fnv1a64(std::string_view(bytes).substr(kModuleHeaderBytes));
  std::memcpy(bytes.data() + 12, &sum, 8);
  return bytes;
}

struct ByteCase {
  const char* name;
  std::string (*mutate)(std::string);
  ModuleError error;
};

const ByteCase kByteCases[] = {
    {"empty", [](std::string) { return std::string(); }, ModuleError::kTooShort},
    {"header only", [](std::string b) { return b.substr(0, 10); }, ModuleError::kTooShort},
    {"magic", [](std::string b) { b[0] = 'X'; return b; }, ModuleError::kBadMagic},
    {"version", [](std::string b) { b[4] = 9; return b; }, ModuleError::kBadVersion},
    {"length", [](std::string b) { return b + "x"; }, ModuleError::kBadLength},
    {"checksum", [](std::string b) { b[b.size() - 3] ^= 0x40; return b; },
     ModuleError::kBadChecksum},
    {"section order",
     [](std::string b) { b[kModuleHeaderBytes] = 2; return Reseal(b); },
     ModuleError::kBadSection},
    {"truncated payload",
     [](std::string b) {
       b.resize(b.size() - 2);
       uint32_t length = static_cast<uint32_t>(b.size() - kModuleHeaderBytes);
       std::memcpy(b.data() + 8, &length, 4);
       return Reseal(b);
     },
     ModuleError::kTruncated},
};

TEST(ModuleTest, CorruptBytesAreRefused) {
  std::string good = WriteModule(ValidImage());
  for (const ByteCase& c : kByteCases) {
    LoadResult loaded = LoadModule(c.mutate(good));
    EXPECT_FALSE(loaded.ok()) << c.name;
    EXPECT_EQ(loaded.status.error, c.error)
        << c.name << ": " << ModuleErrorName(loaded.status.error) << " "
        << loaded.status.message;
    EXPECT_FALSE(loaded.status.message.empty()) << c.name;
  }
}

struct ImageCase {
  const char* name;
  void (*mutate)(ModuleImage&);
  ModuleError error;
};

void SetCode(ModuleImage& m, std::vector<Instruction> code) {
  m.code = std::move(code);
  m.rules[0].code_end = static_cast<uint32_t>(m.code.size());
}

const ImageCase kImageCases[] = {
    {"undefined opcode", [](ModuleImage& m) { m.code[0] = 250; }, ModuleError::kBadOpcode},
    {"constant out of range",
     [](ModuleImage& m) { m.code[0] = EncodeA(O::kPUSH_CONST, 99); }, ModuleError::kBadOperand},
    {"field out of range",
     [](ModuleImage& m) { m.code[3] = EncodeA(O::kLOAD_FIELD, 7); }, ModuleError::kBadOperand},
    {"local out of range",
     [](ModuleImage& m) { m.code[3] = EncodeA(O::kLOAD_LOCAL, 2); }, ModuleError::kBadOperand},
    {"operand on NOP", [](ModuleImage& m) { m.code[5] = EncodeA(O::kRETURN, 3); },
     ModuleError::kBadOperand},
    {"unfolded set for JQL",
     [](ModuleImage& m) { m.code[1] = EncodeA(O::kJQL_ANY_IN, 0); }, ModuleError::kBadConstantType},
    {"site out of range", [](ModuleImage& m) { m.code[4] = EncodeA(O::kEFFECT, 3); },
     ModuleError::kBadOperand},
    {"builtin id", [](ModuleImage& m) { SetCode(m, {EncodeAB(O::kCALL, 200, 0), EncodeA(O::kRETURN)}); },
     ModuleError::kBadOperand},
    {"builtin arity",
     [](ModuleImage& m) { SetCode(m, {EncodeA(O::kPUSH_NULL), EncodeAB(O::kCALL, 0, 1),
                                      EncodeA(O::kRETURN)}); },
     ModuleError::kBadOperand},
    {"regex builtin through CALL",
     [](ModuleImage& m) {
       SetCode(m, {EncodeA(O::kPUSH_NULL), EncodeA(O::kPUSH_NULL), EncodeAB(O::kCALL, 10, 2),
                   EncodeA(O::kRETURN)});
     },
     ModuleError::kBadOperand},
    {"MEMBER of a non-string",
     [](ModuleImage& m) { SetCode(m, {EncodeA(O::kPUSH_NULL), EncodeA(O::kMEMBER, 1),
                                      EncodeA(O::kRETURN)}); },
     ModuleError::kBadConstantType},
    {"object keys not a list",
     [](ModuleImage& m) { SetCode(m, {EncodeA(O::kPUSH_NULL), EncodeAB(O::kMAKE_OBJECT, 1, 0),
                                      EncodeA(O::kRETURN)}); },
     ModuleError::kBadConstantType},
    {"jump past the rule",
     [](ModuleImage& m) { m.code[2] = EncodeSJ(O::kJMP_IF_FALSE, 50); }, ModuleError::kBadJump},
    {"backward jump",
     [](ModuleImage& m) { m.code[4] = EncodeSJ(O::kJMP, -3); }, ModuleError::kBadJump},
    {"stack underflow", [](ModuleImage& m) { m.code[0] = EncodeA(O::kPOP); },
     ModuleError::kBadStack},
    {"depths disagree",
     [](ModuleImage& m) {
       SetCode(m, {EncodeA(O::kPUSH_TRUE), EncodeSJ(O::kJMP_IF_FALSE, 1), EncodeA(O::kPUSH_NULL),
                   EncodeA(O::kRETURN)});
     },
     ModuleError::kBadStack},
    {"declared stack too small", [](ModuleImage& m) { m.rules[0].max_stack = 0; },
     ModuleError::kBadStack},
    {"falls off the end", [](ModuleImage& m) { SetCode(m, {EncodeA(O::kNOP)}); },
     ModuleError::kBadStack},
    {"regex does not compile", [](ModuleImage& m) { m.regexes[0].pattern = "(unclosed"; },
     ModuleError::kBadRegex},
    {"regex too large",
     [](ModuleImage& m) { m.regexes[0].pattern = "((((a{100}){100}){100}){100})"; },
     ModuleError::kBadRegex},
    {"loop limit zero",
     [](ModuleImage& m) { SetCode(m, {EncodeA(O::kPUSH_NULL), EncodeAB(O::kITER_INIT, 0, 0),
                                      EncodeA(O::kRETURN)}); },
     ModuleError::kBadLoop},
    {"loop back to a non-loop",
     [](ModuleImage& m) {
       SetCode(m, {EncodeA(O::kNOP), EncodeASB(O::kITER_LOOP, 0, -2), EncodeA(O::kRETURN)});
     },
     ModuleError::kBadLoop},
    {"loop re-initialised inside itself",
     [](ModuleImage& m) {
       SetCode(m, {EncodeA(O::kPUSH_NULL), EncodeAB(O::kITER_INIT, 0, 5),
                   EncodeASB(O::kITER_NEXT, 0, 4), EncodeA(O::kPOP), EncodeA(O::kPUSH_NULL),
                   EncodeAB(O::kITER_INIT, 0, 5), EncodeASB(O::kITER_LOOP, 0, -5),
                   EncodeA(O::kRETURN)});
     },
     ModuleError::kBadLoop},
    {"iterator slot out of range",
     [](ModuleImage& m) { SetCode(m, {EncodeA(O::kPUSH_NULL), EncodeAB(O::kITER_INIT, 3, 5),
                                      EncodeA(O::kRETURN)}); },
     ModuleError::kBadOperand},
    {"rule range outside the code", [](ModuleImage& m) { m.rules[0].code_end = 99; },
     ModuleError::kBadRule},
    {"code owned by no rule", [](ModuleImage& m) { m.code.push_back(EncodeA(O::kRETURN)); },
     ModuleError::kBadRule},
    {"line table out of order",
     [](ModuleImage& m) { m.lines = {LineEntry{3, 0, 1, 1}, LineEntry{1, 0, 2, 1}}; },
     ModuleError::kBadLineTable},
    {"line table file", [](ModuleImage& m) { m.lines = {LineEntry{0, 5, 1, 1}}; },
     ModuleError::kBadLineTable},
    {"field path out of range", [](ModuleImage& m) { m.fields[0].paths[0].second = 9; },
     ModuleError::kBadOperand},
    {"JQL term field out of range",
     [](ModuleImage& m) { m.jql_terms.push_back(JqlTermImage{}); }, ModuleError::kBadOperand},
    {"JQL reader on a plain value (found by the module fuzzer)",
     [](ModuleImage& m) {
       SetCode(m, {EncodeA(O::kPUSH_NULL), EncodeA(O::kJQL_ANY_IN, 1), EncodeA(O::kRETURN)});
     },
     ModuleError::kBadStack},
    {"JQL values left on the stack",
     [](ModuleImage& m) {
       m.jql_fields.push_back(JqlFieldImage{});
       SetCode(m, {EncodeA(O::kJQL_LOAD, 0), EncodeA(O::kRETURN)});
     },
     ModuleError::kBadStack},
    {"jump between a JQL load and its reader",
     [](ModuleImage& m) {
       m.jql_fields.push_back(JqlFieldImage{});
       SetCode(m, {EncodeA(O::kPUSH_TRUE), EncodeSJ(O::kJMP_IF_TRUE, 1),
                   EncodeA(O::kJQL_LOAD, 0), EncodeA(O::kJQL_EMPTY), EncodeA(O::kRETURN)});
     },
     ModuleError::kBadStack},
    {"map default out of range",
     [](ModuleImage& m) { m.maps.push_back(MapImage{"m", {}, 77}); }, ModuleError::kBadOperand},
};

TEST(VerifierTest, ErrorTable) {
  ASSERT_TRUE(LoadImage(ValidImage()).ok()) << LoadImage(ValidImage()).status.message;
  for (const ImageCase& c : kImageCases) {
    ModuleImage image = ValidImage();
    c.mutate(image);
    // Through the file form, as a hostile .srb would arrive.
    LoadResult loaded = LoadModule(WriteModule(image));
    EXPECT_FALSE(loaded.ok()) << c.name;
    EXPECT_EQ(loaded.status.error, c.error)
        << c.name << ": got " << ModuleErrorName(loaded.status.error) << " ("
        << loaded.status.message << ")";
    // The listing never reads out of bounds, even for a refused module.
    EXPECT_FALSE(Disassemble(image).empty());
  }
}

TEST(VerifierTest, StackEffectsPerEdge) {
  ModuleImage m = ValidImage();
  EXPECT_EQ(StackEffect(EncodeSJ(O::kAND_JMP, 3), m, true), 0);
  EXPECT_EQ(StackEffect(EncodeSJ(O::kAND_JMP, 3), m, false), -1);
  EXPECT_EQ(StackEffect(EncodeASB(O::kITER_NEXT, 0, 3), m, false), 1);
  EXPECT_EQ(StackEffect(EncodeASB(O::kITER_NEXT, 0, 3), m, true), 0);
  EXPECT_EQ(StackEffect(EncodeAB(O::kCALL, 0, 2), m, false), -1);
  EXPECT_EQ(StackEffect(EncodeA(O::kCONCAT, 3), m, false), -2);
  EXPECT_EQ(StackEffect(EncodeA(O::kEFFECT, 0), m, false), -1);
  EXPECT_EQ(StackEffect(EncodeAB(O::kCHANGED_FT, 3, 0), m, false), -1);
}

TEST(VerifierTest, EveryCompiledExampleVerifies) {
  for (const char* dir : {"pagerduty-jira-cloud", "pagerduty-jira-server",
                          "flashduty-jira-sync", "gitlab-jira", "alertmanager-jira"}) {
    std::string path = std::string("examples/") + dir + "/sync.rule";
    std::string text = testing::ReadSource(path);
    if (text.empty()) continue;
    testing::CompiledRules compiled = testing::CompileRules({{path, text}});
    EXPECT_EQ(compiled.errors, "") << path;
    EXPECT_TRUE(compiled.program != nullptr) << path;
  }
}

}  // namespace
}  // namespace syncrule::runtime
