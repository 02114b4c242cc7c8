#include "cli/rule_test_file.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "cli/cli_io.h"
#include "cli/yaml_json.h"
#include "stdlib/jql_time.h"

namespace syncrule::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kTestFileSuffix = ".ruletest.yaml";

// Reads one test file into a TestFile, stopping at the first problem.
class TestFileLoader {
 public:
  explicit TestFileLoader(std::string path)
      : path_(std::move(path)), dir_(fs::path(path_).parent_path().string()) {}

  TestFileResult Load();

 private:
  // Records the first problem, at `node`; always returns false.
  bool Fail(const YAML::Node& node, const std::string& message);
  // Returns true when `node` is a map whose keys are all in `allowed`.
  bool CheckKeys(const YAML::Node& node, const std::set<std::string>& allowed,
                 const char* what);
  bool String(const YAML::Node& node, const char* what, std::string* out);
  // Reads the optional `now`, `tz` and `user` of `node` over the defaults.
  bool Settings(const YAML::Node& node, std::string* now, std::string* zone, std::string* user);
  bool TopLevel(const YAML::Node& root);
  bool Case(const YAML::Node& node);
  bool Events(const YAML::Node& node, TestCase* test);
  bool EventFile(const YAML::Node& node, TestCase* test);
  bool Links(const YAML::Node& node, TestCase* test);
  bool Link(const YAML::Node& node, TestCase* test);
  bool Expect(const YAML::Node& node, TestCase* test);
  // Returns `relative` (a path written in the file) from the file's
  // directory.
  std::string Resolve(const std::string& relative) const;

  std::string path_;
  std::string dir_;
  TestFileResult result_;
  std::string default_now_ = "2026-01-01T00:00:00Z";
  std::string default_zone_ = "UTC";
  std::string default_user_;
};

bool TestFileLoader::Fail(const YAML::Node& node, const std::string& message) {
  if (!result_.message.empty()) return false;
  result_.message = message;
  result_.where.file = path_;
  YAML::Mark mark = node.Mark();
  if (!mark.is_null()) {
    result_.where.line = mark.line + 1;
    result_.where.column = mark.column + 1;
  }
  return false;
}

bool TestFileLoader::CheckKeys(const YAML::Node& node, const std::set<std::string>& allowed,
                               const char* what) {
  if (!node.IsMap()) return Fail(node, std::string(what) + " must be a map");
  std::set<std::string> seen;
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string key = it->first.IsScalar() ? it->first.Scalar() : "";
    if (!allowed.contains(key)) {
      std::string list;
      for (const std::string& name : allowed) list += (list.empty() ? "" : ", ") + name;
      return Fail(it->first, "unknown key '" + key + "' in " + what + " (expected one of " +
                                 list + ")");
    }
    if (!seen.insert(key).second) return Fail(it->first, "key '" + key + "' appears twice");
  }
  return true;
}

bool TestFileLoader::String(const YAML::Node& node, const char* what, std::string* out) {
  if (!node.IsScalar()) return Fail(node, std::string(what) + " must be a string");
  *out = node.Scalar();
  return true;
}

bool TestFileLoader::Settings(const YAML::Node& node, std::string* now, std::string* zone,
                              std::string* user) {
  if (node["now"]) {
    if (!String(node["now"], "'now'", now)) return false;
    if (!stdlib::ParseIsoInstant(*now)) {
      return Fail(node["now"], "'now' is not an ISO 8601 instant: '" + *now + "'");
    }
  }
  if (node["tz"]) {
    if (!String(node["tz"], "'tz'", zone)) return false;
    if (!stdlib::IsKnownTimeZone(*zone)) {
      return Fail(node["tz"], "'tz' is not a known time zone: '" + *zone + "'");
    }
  }
  return !node["user"] || String(node["user"], "'user'", user);
}

std::string TestFileLoader::Resolve(const std::string& relative) const {
  if (fs::path(relative).is_absolute() || dir_.empty()) return relative;
  return (fs::path(dir_) / relative).lexically_normal().string();
}

TestFileResult TestFileLoader::Load() {
  result_.file.path = path_;
  std::string text, error;
  if (!ReadInput(path_, &text, &error)) {
    result_.message = error;
    result_.where.file = path_;
    return result_;
  }
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    result_.message = "not valid YAML: " + e.msg;
    result_.where = {path_, e.mark.is_null() ? 0 : e.mark.line + 1,
                     e.mark.is_null() ? 0 : e.mark.column + 1};
    return result_;
  }
  TopLevel(root);
  return result_;
}

bool TestFileLoader::TopLevel(const YAML::Node& root) {
  if (!CheckKeys(root, {"rules", "now", "tz", "user", "tests"}, "a test file")) return false;
  if (root["rules"]) {
    const YAML::Node rules = root["rules"];
    if (rules.IsScalar()) {
      result_.file.rules.push_back(Resolve(rules.Scalar()));
    } else if (rules.IsSequence()) {
      for (const YAML::Node& item : rules) {
        std::string rule;
        if (!String(item, "a rules entry", &rule)) return false;
        result_.file.rules.push_back(Resolve(rule));
      }
    } else {
      return Fail(rules, "'rules' must be a path or a list of paths");
    }
  } else {
    result_.file.rules.push_back(dir_.empty() ? "." : dir_);
  }
  if (!Settings(root, &default_now_, &default_zone_, &default_user_)) return false;
  const YAML::Node tests = root["tests"];
  if (!tests || !tests.IsSequence() || tests.size() == 0) {
    return Fail(tests ? tests : root, "a test file needs 'tests': a list of test cases");
  }
  for (const YAML::Node& test : tests) {
    if (!Case(test)) return false;
  }
  return true;
}

bool TestFileLoader::Case(const YAML::Node& node) {
  if (!CheckKeys(node, {"name", "events", "now", "tz", "user", "fire", "links", "expect"},
                 "a test case")) {
    return false;
  }
  TestCase test;
  test.where = {path_, node.Mark().line + 1, node.Mark().column + 1};
  test.now = default_now_;
  test.zone = default_zone_;
  test.user = default_user_;
  if (!node["name"]) return Fail(node, "a test case needs a 'name'");
  if (!String(node["name"], "'name'", &test.name)) return false;
  for (const TestCase& other : result_.file.cases) {
    if (other.name == test.name) {
      return Fail(node["name"], "two test cases are named \"" + test.name + "\"");
    }
  }
  if (!Settings(node, &test.now, &test.zone, &test.user)) return false;
  if (node["fire"] && !String(node["fire"], "'fire'", &test.fire)) return false;
  if (!node["events"]) return Fail(node, "test \"" + test.name + "\" needs 'events'");
  if (!Events(node["events"], &test)) return false;
  if (node["links"] && !Links(node["links"], &test)) return false;
  if (!node["expect"]) return Fail(node, "test \"" + test.name + "\" needs 'expect'");
  if (!Expect(node["expect"], &test)) return false;
  result_.file.cases.push_back(std::move(test));
  return true;
}

bool TestFileLoader::Events(const YAML::Node& node, TestCase* test) {
  if (!node.IsSequence() || node.size() == 0) {
    return Fail(node, "'events' must be a list of event files or inline payloads");
  }
  for (const YAML::Node& item : node) {
    if (item.IsScalar()) {
      if (!EventFile(item, test)) return false;
    } else if (item.IsMap()) {
      std::string label = "inline event " + std::to_string(test->events.size() + 1);
      test->events.push_back({YamlToJson(item).dump(), label});
    } else {
      return Fail(item, "an event is a file path or an inline payload (a map)");
    }
  }
  return true;
}

bool TestFileLoader::EventFile(const YAML::Node& node, TestCase* test) {
  std::string written = node.Scalar();
  size_t hash = written.rfind('#');
  std::string file = hash == std::string::npos ? written : written.substr(0, hash);
  int line_number = 0;
  if (hash != std::string::npos) {
    std::string number = written.substr(hash + 1);
    if (number.empty() || number.find_first_not_of("0123456789") != std::string::npos ||
        number.size() > 6 || std::stoi(number) == 0) {
      return Fail(node, "'" + written + "': after '#' comes a line number (1 or more)");
    }
    line_number = std::stoi(number);
  }
  std::string text, error;
  if (!ReadInput(Resolve(file), &text, &error)) return Fail(node, error);
  bool lines = line_number > 0 || fs::path(file).extension() == ".ndjson";
  if (!lines) {
    test->events.push_back({text, written});
    return true;
  }
  std::vector<std::string> all = SplitLines(text);
  if (line_number > static_cast<int>(all.size())) {
    return Fail(node, "'" + file + "' has " + std::to_string(all.size()) + " lines, not " +
                          std::to_string(line_number));
  }
  for (size_t i = 0; i < all.size(); ++i) {
    if (line_number > 0 && static_cast<int>(i) + 1 != line_number) continue;
    if (all[i].find_first_not_of(" \t") == std::string::npos) {
      if (line_number > 0) return Fail(node, "line " + std::to_string(line_number) + " of '" +
                                                 file + "' is blank");
      continue;
    }
    test->events.push_back({all[i], file + "#" + std::to_string(i + 1)});
  }
  return true;
}

bool TestFileLoader::Links(const YAML::Node& node, TestCase* test) {
  if (!node.IsSequence()) return Fail(node, "'links' must be a list of links");
  for (const YAML::Node& item : node) {
    if (!Link(item, test)) return false;
  }
  return true;
}

bool TestFileLoader::Link(const YAML::Node& node, TestCase* test) {
  const char* shape =
      "a link is a map of two entities, kind: id, such as "
      "{pagerduty.incident: Q1ABC, jira.issue: OPS-7}";
  if (!node.IsMap() || node.size() != 2) return Fail(node, shape);
  std::vector<std::pair<std::string, std::string>> sides;
  std::vector<nlohmann::json> fields;
  for (auto it = node.begin(); it != node.end(); ++it) {
    std::string kind = it->first.Scalar();
    if (kind.find('.') == std::string::npos) {
      return Fail(it->first, "'" + kind + "' is not an entity kind (connector.entity)");
    }
    nlohmann::json value = YamlToJson(it->second);
    nlohmann::json side_fields = nlohmann::json::object();
    if (value.is_object()) {
      if (!value.contains("id") || !value["id"].is_string()) {
        return Fail(it->second, "an entity given as a map needs a string 'id'");
      }
      side_fields = value;
      value = side_fields["id"];
      side_fields.erase("id");
    } else if (!it->second.IsScalar()) {
      return Fail(it->second, shape);
    } else {
      value = it->second.Scalar();
    }
    sides.emplace_back(kind, value.get<std::string>());
    fields.push_back(side_fields);
  }
  test->links.push_back(
      {sides[0].first, sides[0].second, sides[1].first, sides[1].second, fields[0], fields[1]});
  return true;
}

bool TestFileLoader::Expect(const YAML::Node& node, TestCase* test) {
  if (node.IsScalar() && node.Scalar() == "none") {
    test->mode = ExpectMode::kNone;
    return true;
  }
  if (!CheckKeys(node, {"exact", "subset"}, "'expect'")) return false;
  if (node.size() != 1) {
    return Fail(node, "'expect' is 'none', or a map with one key: 'exact' or 'subset'");
  }
  const std::string mode = node.begin()->first.Scalar();
  const YAML::Node effects = node.begin()->second;
  test->mode = mode == "exact" ? ExpectMode::kExact : ExpectMode::kSubset;
  if (!effects.IsSequence()) return Fail(effects, "'" + mode + "' must be a list of effects");
  for (const YAML::Node& effect : effects) {
    if (!CheckKeys(effect, {"rule", "action", "args", "target", "event"}, "an expected effect")) {
      return false;
    }
    test->effects.push_back(YamlToJson(effect));
  }
  return true;
}

}  // namespace

std::string FormatLocation(const TestFileLocation& where) {
  if (where.line <= 0) return where.file;
  return where.file + ":" + std::to_string(where.line) + ":" + std::to_string(where.column);
}

const char* ExpectModeName(ExpectMode mode) {
  switch (mode) {
    case ExpectMode::kExact: return "exact";
    case ExpectMode::kSubset: return "subset";
    case ExpectMode::kNone: return "none";
  }
  return "?";
}

std::string TestFileResult::error() const {
  return FormatLocation(where) + ": " + message;
}

TestFileResult LoadTestFile(const std::string& path) {
  try {
    return TestFileLoader(path).Load();
  } catch (const YAML::Exception& e) {
    // yaml-cpp reports misuse by throwing; the loader checks node types
    // first, so this is a last resort that keeps a bad file from crashing.
    TestFileResult result;
    result.message = "cannot read the test file: " + e.msg;
    result.where = {path, e.mark.is_null() ? 0 : e.mark.line + 1,
                    e.mark.is_null() ? 0 : e.mark.column + 1};
    return result;
  }
}

std::vector<std::string> FindTestFiles(const std::vector<std::string>& paths,
                                       std::string* error) {
  auto is_test_file = [](const fs::path& p) {
    std::string name = p.filename().string();
    return name.size() > std::string_view(kTestFileSuffix).size() &&
           name.ends_with(kTestFileSuffix);
  };
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      for (const auto& entry : fs::recursive_directory_iterator(path, ec)) {
        if (entry.is_regular_file() && is_test_file(entry.path())) {
          files.push_back(entry.path().lexically_normal().string());
        }
      }
    } else if (fs::exists(path, ec)) {
      files.push_back(fs::path(path).lexically_normal().string());
    } else {
      *error = "'" + path + "' does not exist";
      return {};
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  if (files.empty()) *error = "no *.ruletest.yaml files found";
  return files;
}

}  // namespace syncrule::cli
