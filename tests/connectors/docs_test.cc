// docs/connectors.md holds the reference generated from the schemas between
// two markers; this test fails when the schemas changed and the document
// did not. Run with SYNCRULE_UPDATE_DOCS=1 to rewrite that part.

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "runtime/connectors/schema_markdown.h"
#include "tests/connectors/fixture.h"

namespace syncrule::runtime::testing {
namespace {

constexpr char kBegin[] =
    "<!-- BEGIN GENERATED: schema reference (tests/connectors/docs_test.cc) "
    "-->\n";
constexpr char kEnd[] = "<!-- END GENERATED -->\n";

TEST(ConnectorDocsTest, ReferenceIsUpToDate) {
  const std::string path = SYNCRULE_SOURCE_DIR "/docs/connectors.md";
  const std::optional<std::string> doc = ReadFile(path);
  ASSERT_TRUE(doc.has_value()) << path;
  const size_t begin = doc->find(kBegin);
  const size_t end = doc->find(kEnd);
  ASSERT_NE(begin, std::string::npos) << "no begin marker in " << path;
  ASSERT_NE(end, std::string::npos) << "no end marker in " << path;
  ASSERT_LT(begin, end);
  const size_t body = begin + std::string(kBegin).size();
  const std::string generated = "\n" + RenderConnectorsMarkdown();
  if (std::getenv("SYNCRULE_UPDATE_DOCS") != nullptr) {
    std::ofstream(path, std::ios::binary)
        << doc->substr(0, body) << generated << doc->substr(end);
    GTEST_SKIP() << "rewrote " << path;
  }
  EXPECT_EQ(doc->substr(body, end - body), generated)
      << path << " is out of date: run connector_tests with "
      << "SYNCRULE_UPDATE_DOCS=1";
}

TEST(ConnectorDocsTest, RendersTablesWithEscapedCells) {
  ConnectorSchema schema;
  schema.name = "demo";
  schema.events = {{"demo.thing.happened", "thing", "A | pipe."}};
  schema.fields = {{"thing.id", ValueType::kString, {{"demo", "/id"}}, "Id."}};
  schema.actions = {{"demo.poke",
                     {{"how", ValueType::kString, true, "How."}},
                     false,
                     "thing",
                     false,
                     {"demo.thing.happened"},
                     "Pokes."}};
  const std::string text = RenderSchemaMarkdown(schema);
  EXPECT_NE(text.find("## `demo`"), std::string::npos) << text;
  EXPECT_NE(text.find("| `demo.thing.happened` | thing | A \\| pipe. |"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("| `thing.id` | `string` | demo: `/id` | Id. |"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("`how!` `string`: How."), std::string::npos) << text;
}

}  // namespace
}  // namespace syncrule::runtime::testing
