// Schema sanity: names are prefixed and unique, actions cause declared
// events, and every field path of every format resolves, with a value of
// the declared type, on some fixture of that format (or is listed below
// with the reason no fixture has it).

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "runtime/connectors/payload.h"
#include "runtime/connectors/registry.h"
#include "runtime/connectors/timestamp.h"
#include "tests/connectors/fixture.h"

namespace syncrule::runtime::testing {
namespace {

namespace fs = std::filesystem;

bool HasPrefix(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

std::set<std::string> AllEventTypes() {
  std::set<std::string> types;
  for (const Connector* connector : AllConnectors()) {
    for (const EventTypeDecl& event : connector->schema().events) {
      types.insert(event.name);
    }
  }
  return types;
}

TEST(SchemaTest, RegistryHasTheFiveConnectors) {
  std::vector<std::string> names;
  for (const Connector* connector : AllConnectors()) {
    names.emplace_back(connector->name());
    EXPECT_EQ(FindConnector(connector->name()), connector);
    EXPECT_FALSE(connector->shape().empty());
  }
  EXPECT_EQ(names, (std::vector<std::string>{"jira", "pagerduty", "flashduty",
                                             "gitlab", "alertmanager"}));
  EXPECT_EQ(FindConnector("opsgenie"), nullptr);
  EXPECT_EQ(FindConnector(""), nullptr);
}

TEST(SchemaTest, NamesArePrefixedUniqueAndDocumented) {
  for (const Connector* connector : AllConnectors()) {
    const ConnectorSchema& schema = connector->schema();
    const std::string prefix = schema.name + ".";
    std::set<std::string> seen;
    for (const EventTypeDecl& event : schema.events) {
      EXPECT_TRUE(HasPrefix(event.name, prefix)) << event.name;
      EXPECT_TRUE(seen.insert(event.name).second) << event.name;
      EXPECT_FALSE(event.entity.empty()) << event.name;
      EXPECT_FALSE(event.doc.empty()) << event.name;
    }
    for (const ActionDecl& action : schema.actions) {
      EXPECT_TRUE(HasPrefix(action.name, prefix)) << action.name;
      EXPECT_TRUE(seen.insert(action.name).second) << action.name;
      EXPECT_FALSE(action.doc.empty()) << action.name;
      std::set<std::string> params;
      for (const ParamDecl& param : action.params) {
        EXPECT_TRUE(params.insert(param.name).second)
            << action.name << "(" << param.name << ")";
        EXPECT_FALSE(param.doc.empty()) << action.name << "." << param.name;
      }
    }
    std::set<std::string> fields;
    for (const FieldDecl& field : schema.fields) {
      EXPECT_TRUE(fields.insert(field.name).second) << field.name;
      EXPECT_FALSE(field.doc.empty()) << field.name;
      EXPECT_FALSE(field.paths.empty()) << field.name;
      std::set<std::string> formats;
      for (const FieldPath& path : field.paths) {
        EXPECT_TRUE(HasPrefix(path.format, prefix) ||
                    path.format == schema.name)
            << field.name << " in " << path.format;
        EXPECT_TRUE(HasPrefix(path.pointer, "/"))
            << field.name << ": " << path.pointer;
        EXPECT_TRUE(formats.insert(path.format).second)
            << field.name << " has two paths in " << path.format;
      }
    }
  }
}

TEST(SchemaTest, ActionsCauseDeclaredEvents) {
  const std::set<std::string> types = AllEventTypes();
  for (const Connector* connector : AllConnectors()) {
    for (const ActionDecl& action : connector->schema().actions) {
      EXPECT_FALSE(action.entity.empty()) << action.name;
      EXPECT_FALSE(action.causes.empty()) << action.name;
      for (const std::string& cause : action.causes) {
        EXPECT_TRUE(types.count(cause)) << action.name << " causes " << cause;
      }
    }
  }
}

TEST(SchemaTest, CreatingActionsAreTheCreateOnes) {
  for (const Connector* connector : AllConnectors()) {
    for (const ActionDecl& action : connector->schema().actions) {
      EXPECT_EQ(action.creates,
                action.name.find(".create_") != std::string::npos)
          << action.name;
    }
  }
}

TEST(SchemaTest, ValueTypeNames) {
  EXPECT_STREQ(ValueTypeName(ValueType::kString), "string");
  EXPECT_STREQ(ValueTypeName(ValueType::kTime), "time");
  EXPECT_STREQ(ValueTypeName(ValueType::kStringList), "list<string>");
  EXPECT_STREQ(ValueTypeName(ValueType::kUser), "user");
}

// ---------------------------------------------------------------------------
// Paths against fixtures.

// Returns true when `value` is a value of `type`.
bool HasType(simdjson::dom::element value, ValueType type) {
  switch (type) {
    case ValueType::kAny:
      return true;
    case ValueType::kBool:
      return value.is_bool();
    case ValueType::kInt:
      return value.is_int64() || value.is_uint64();
    case ValueType::kNumber:
      return value.is_number();
    case ValueType::kString:
      return value.is_string();
    case ValueType::kTime: {
      std::string_view text;
      if (value.get_string().get(text) == simdjson::SUCCESS) {
        return ParseTimestampMs(text).has_value();
      }
      return value.is_int64();  // epoch milliseconds
    }
    case ValueType::kStringList: {
      simdjson::dom::array array;
      if (value.get_array().get(array) != simdjson::SUCCESS) return false;
      for (simdjson::dom::element item : array) {
        if (!item.is_string()) return false;
      }
      return true;
    }
    case ValueType::kList:
      return value.is_array();
    case ValueType::kObject:
      return value.is_object();
    case ValueType::kUser:
      return value.is_object() || value.is_string();
  }
  return false;
}

// Field paths no fixture exercises, and why.
struct Unverified {
  const char* field;
  const char* format;
  const char* reason;
};

constexpr Unverified kUnverified[] = {
    {"issue.due_date", "jira", "duedate is null in every Jira fixture"},
    {"issue.environment", "jira", "environment is null in every Jira fixture"},
    {"issue.parent", "jira", "no Jira fixture is a subtask or child issue"},
    {"issue.due_date", "gitlab.issue",
     "due_date is null in the GitLab issue fixture"},
};

bool IsUnverified(const std::string& field, const std::string& format) {
  for (const Unverified& entry : kUnverified) {
    if (field == entry.field && format == entry.format) return true;
  }
  return false;
}

std::vector<std::string> FixtureFiles() {
  std::vector<std::string> files;
  const std::string dir = TestFixturesDir();
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") {
      files.push_back(fs::relative(entry.path(), dir).generic_string());
    }
  }
  return files;
}

using FieldFormat = std::pair<std::string, std::string>;

// Resolves every field of `event`'s format in `body`; records resolved
// (field, format) pairs and checks the type of each value.
void ResolveFields(const std::string& file, const EventInfo& event,
                   simdjson::dom::element body,
                   std::set<FieldFormat>& resolved) {
  const Connector* connector = FindConnector(event.source);
  ASSERT_NE(connector, nullptr);
  for (const FieldDecl& field : connector->schema().fields) {
    for (const FieldPath& path : field.paths) {
      if (path.format != event.format) continue;
      std::optional<simdjson::dom::element> value =
          ElementAt(body, event.root + path.pointer);
      if (!value) continue;
      EXPECT_TRUE(HasType(*value, field.type))
          << file << ": " << field.name << " at " << path.pointer << " is "
          << JsonTypeWord(*value) << ", declared " << ValueTypeName(field.type);
      resolved.insert({field.name, path.format});
    }
  }
}

TEST(SchemaPathsTest, EveryPathResolvesOnSomeFixtureWithItsType) {
  std::set<FieldFormat> resolved;
  std::set<std::string> formats_seen;
  for (const std::string& file : FixtureFiles()) {
    auto payload = LoadFixture(file);
    if (!payload->parsed) continue;
    const DecodeResult result =
        DecodeDelivery(payload->delivery, payload->body);
    if (!result.decoded()) continue;
    for (const EventInfo& event : result.events) {
      formats_seen.insert(event.format);
      ResolveFields(file, event, payload->body, resolved);
    }
  }
  for (const Connector* connector : AllConnectors()) {
    for (const FieldDecl& field : connector->schema().fields) {
      for (const FieldPath& path : field.paths) {
        EXPECT_TRUE(formats_seen.count(path.format))
            << "no fixture of format " << path.format;
        const bool found = resolved.count({field.name, path.format}) > 0;
        const bool excused = IsUnverified(field.name, path.format);
        EXPECT_TRUE(found || excused)
            << field.name << " at " << path.pointer << " resolves on no "
            << path.format << " fixture";
        EXPECT_FALSE(found && excused)
            << field.name << " in " << path.format
            << " is listed as unverified but a fixture has it";
      }
    }
  }
}

// The entity of a decoded event is the one its type declares, except for
// GitLab notes, which are ordered with what they are on.
TEST(SchemaPathsTest, DecodedEntitiesMatchDeclaredOnes) {
  std::map<std::string, std::string> declared;
  for (const Connector* connector : AllConnectors()) {
    for (const EventTypeDecl& event : connector->schema().events) {
      declared[event.name] = event.entity;
    }
  }
  for (const std::string& file : FixtureFiles()) {
    auto payload = LoadFixture(file);
    if (!payload->parsed) continue;
    const DecodeResult result =
        DecodeDelivery(payload->delivery, payload->body);
    for (const EventInfo& event : result.events) {
      if (event.type == "gitlab.note") continue;
      EXPECT_EQ(event.entity, declared[event.type]) << file;
    }
  }
}

}  // namespace
}  // namespace syncrule::runtime::testing
