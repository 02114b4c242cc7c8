// Compiled JSON Pointers find exactly what simdjson's at_pointer finds, for
// well-formed and malformed pointers alike.

#include <gtest/gtest.h>
#include <simdjson.h>

#include <random>
#include <string>
#include <vector>

#include "runtime/json_pointer.h"

namespace syncrule::runtime {
namespace {

// The raw JSON of what `at_pointer` finds, or "<none>".
std::string Reference(simdjson::dom::element root, const std::string& pointer) {
  simdjson::dom::element found;
  if (pointer.empty()) return simdjson::minify(root);
  if (root.at_pointer(pointer).get(found) != simdjson::SUCCESS) return "<none>";
  return simdjson::minify(found);
}

std::string Compiled(simdjson::dom::element root, const std::string& pointer) {
  std::optional<simdjson::dom::element> found = CompiledPointer(pointer).Find(root);
  return found ? simdjson::minify(*found) : "<none>";
}

constexpr const char* kDocument = R"({
  "event": {"data": {"title": "Disk full", "id": "Q1", "priority": null,
                     "labels": ["a", "b", {"x": [10, 20]}], "0": "zero key", "01": "x"}},
  "": {"": "empty keys"}, "a/b": 1, "m~n": 2, "~": 3, "~1": 4,
  "list": [[1, 2], [3, [4, 5]]], "n": 5
})";

TEST(CompiledPointerTest, FindsWhatAtPointerFinds) {
  simdjson::dom::parser parser;
  simdjson::dom::element root = parser.parse(std::string(kDocument));
  std::vector<std::string> pointers = {
      "", "/", "//", "/event", "/event/data/title", "/event/data/priority",
      "/event/data/labels/0", "/event/data/labels/2/x/1", "/event/data/labels/3",
      "/event/data/labels/-", "/event/data/labels/01", "/event/data/labels/",
      "/event/data/labels/1a", "/event/data/0", "/event/data/01", "/a~1b", "/m~0n",
      "/~0", "/~01", "/~", "/~2", "/a~", "/list/1/1/0", "/list/1/1/0/x", "/n/0",
      "event", "/event/data/title/x", "/missing", "/list/99999999999999999999"};
  for (const std::string& pointer : pointers) {
    EXPECT_EQ(Compiled(root, pointer), Reference(root, pointer)) << "pointer '" << pointer << "'";
  }
}

TEST(CompiledPointerTest, HugeIndexesFindNothing) {
  // simdjson's at_pointer lets an index past 2^64 wrap around (2^64 + 1
  // finds element 1); a compiled pointer finds nothing.
  simdjson::dom::parser parser;
  simdjson::dom::element root = parser.parse(std::string(kDocument));
  EXPECT_EQ(Compiled(root, "/list/18446744073709551617"), "<none>");
  EXPECT_EQ(Compiled(root, "/list/1"), "[3,[4,5]]");
}

TEST(CompiledPointerTest, AgreesWithAtPointerOnRandomPointers) {
  simdjson::dom::parser parser;
  simdjson::dom::element root = parser.parse(std::string(kDocument));
  std::mt19937 random(20261207);
  const std::vector<std::string> tokens = {"event", "data", "title", "labels", "0", "1", "2",
                                           "x", "", "~0", "~1", "~", "01", "-", "list", "a~1b",
                                           "m~0n", "n", "id"};
  for (int round = 0; round < 5000; ++round) {
    std::string pointer;
    int depth = std::uniform_int_distribution<int>(0, 5)(random);
    for (int d = 0; d < depth; ++d) pointer += "/" + tokens[random() % tokens.size()];
    ASSERT_EQ(Compiled(root, pointer), Reference(root, pointer)) << "pointer '" << pointer << "'";
  }
}

}  // namespace
}  // namespace syncrule::runtime
