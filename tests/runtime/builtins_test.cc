// The rule language's builtins (runtime/builtins.cc): every one on ordinary
// and on wrong-typed arguments (which give null, never an error).

#include <gtest/gtest.h>

#include "runtime/builtins.h"

namespace syncrule::runtime {
namespace {

using stdlib::Builtin;

class BuiltinsTest : public ::testing::Test {
 protected:
  Value Call(Builtin id, std::vector<Value> args) {
    return CallBuiltin(id, args.data(), static_cast<uint32_t>(args.size()), context_);
  }
  Value CallRe(Builtin id, Value subject, const char* pattern) {
    RE2::Options options;
    options.set_log_errors(false);
    regexes_.push_back(std::make_unique<RE2>(pattern, options));
    return CallRegexBuiltin(id, subject, *regexes_.back(), context_);
  }
  nlohmann::json J(Value v) { return ToJson(v); }
  Value S(std::string_view s) { return Value::String(arena_.CopyString(s)); }

  Arena arena_;
  BuiltinContext context_{&arena_, 1769860800000};
  std::vector<std::unique_ptr<RE2>> regexes_;
};

TEST_F(BuiltinsTest, Strings) {
  EXPECT_EQ(J(Call(Builtin::kSplit, {S(" a, b ,,c "), S(",")})), nlohmann::json({"a", "b", "c"}));
  EXPECT_EQ(J(Call(Builtin::kSplit, {Value::Int(3), S(",")})), nullptr);
  Value list = Call(Builtin::kSplit, {S("x;y"), S(";")});
  EXPECT_EQ(J(Call(Builtin::kJoin, {list, S(" + ")})), "x + y");
  EXPECT_EQ(J(Call(Builtin::kLower, {S("ÀB Ωmega")})), "àb ωmega");
  EXPECT_EQ(J(Call(Builtin::kUpper, {S("abc-1")})), "ABC-1");
  EXPECT_EQ(J(Call(Builtin::kTrim, {S("  x \n")})), "x");
  EXPECT_EQ(J(Call(Builtin::kContains, {S("checkout api"), S("api")})), true);
  EXPECT_EQ(J(Call(Builtin::kContains, {list, S("y")})), true);
  EXPECT_EQ(J(Call(Builtin::kContains, {Value::Null(), S("y")})), false);
  EXPECT_EQ(J(Call(Builtin::kStartsWith, {S("PROJ-1"), S("PROJ-")})), true);
  EXPECT_EQ(J(Call(Builtin::kEndsWith, {S("PROJ-1"), S("-1")})), true);
  EXPECT_EQ(J(Call(Builtin::kEndsWith, {S("1"), S("-1")})), false);
  EXPECT_EQ(J(Call(Builtin::kReplace, {S("a-b-c"), S("-"), S("+")})), "a+b+c");
  EXPECT_EQ(J(Call(Builtin::kLen, {S("añb")})), 3);
  EXPECT_EQ(J(Call(Builtin::kLen, {list})), 2);
  EXPECT_EQ(J(Call(Builtin::kLen, {Value::Null()})), 0);
  EXPECT_EQ(J(Call(Builtin::kToString, {Value::Int(42)})), "42");
  EXPECT_EQ(J(Call(Builtin::kToString, {Value::Double(1.5)})), "1.5");
  EXPECT_EQ(J(Call(Builtin::kToNumber, {S(" 12 ")})), 12);
  EXPECT_EQ(J(Call(Builtin::kToNumber, {S("1.25")})), 1.25);
  EXPECT_EQ(J(Call(Builtin::kToNumber, {S("0x10")})), nullptr);
}

TEST_F(BuiltinsTest, Regexes) {
  EXPECT_EQ(J(CallRe(Builtin::kRegexMatch, S("Fixes PROJ-12"), "(?i)fixes")), true);
  EXPECT_EQ(J(CallRe(Builtin::kRegexMatch, Value::Null(), "x")), false);
  EXPECT_EQ(J(CallRe(Builtin::kRegexExtract, S("see PROJ-12 now"), "([A-Z]+)-\\d+")), "PROJ");
  EXPECT_EQ(J(CallRe(Builtin::kRegexExtract, S("see PROJ-12 now"), "[A-Z]+-\\d+")), "PROJ-12");
  EXPECT_EQ(J(CallRe(Builtin::kRegexExtract, S("none"), "\\d+")), nullptr);
  EXPECT_EQ(J(CallRe(Builtin::kExtractAll, S("A-1, B-2 and A-1; C-3"), "[A-Z]-\\d")),
            nlohmann::json({"A-1", "B-2", "C-3"}));
  EXPECT_EQ(J(CallRe(Builtin::kExtractAll, S("x"), "")), nlohmann::json({""}));
}

TEST_F(BuiltinsTest, TimesAndDurations) {
  EXPECT_EQ(ParseDurationMs("1h30m"), 5400000);
  EXPECT_EQ(ParseDurationMs("-2d"), -172800000);
  EXPECT_EQ(ParseDurationMs("1w 1s"), 604801000);
  EXPECT_FALSE(ParseDurationMs("5"));
  EXPECT_FALSE(ParseDurationMs("1y"));
  EXPECT_EQ(J(Call(Builtin::kNow, {})), "2026-01-31T12:00:00.000Z");
  EXPECT_EQ(J(Call(Builtin::kDuration, {S("1m")})), 60000);
  Value t = Call(Builtin::kParseTime, {S("2026-01-31T12:00:00.000+0100")});
  EXPECT_EQ(t.tag, ValueTag::kTime);
  EXPECT_EQ(J(Call(Builtin::kAddDuration, {t, S("-1h")})), "2026-01-31T10:00:00.000Z");
  EXPECT_EQ(J(Call(Builtin::kFormatTime, {t})), "2026-01-31T11:00:00.000Z");
  EXPECT_EQ(J(Call(Builtin::kParseTime, {S("yesterday")})), nullptr);
}

TEST_F(BuiltinsTest, CollectionsAndDefaults) {
  Value list = Call(Builtin::kSplit, {S("a,b,c"), S(",")});
  EXPECT_EQ(J(Call(Builtin::kFirst, {list})), "a");
  EXPECT_EQ(J(Call(Builtin::kLast, {list})), "c");
  EXPECT_EQ(J(Call(Builtin::kFirst, {S("x")})), nullptr);
  EXPECT_EQ(J(Call(Builtin::kCoalesce, {Value::Null(), S(""), S("z")})), "z");
  EXPECT_EQ(J(Call(Builtin::kDefault, {Value::Null(), S("fallback")})), "fallback");
  EXPECT_EQ(J(Call(Builtin::kDefault, {S("v"), S("fallback")})), "v");
  EXPECT_EQ(J(Call(Builtin::kUserByEmail, {S("a@b.com")})),
            nlohmann::json({{"email", "a@b.com"}}));
}

}  // namespace
}  // namespace syncrule::runtime
