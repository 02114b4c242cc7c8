#include "cli/yaml_json.h"

#include <charconv>
#include <string>

namespace syncrule::cli {
namespace {

// Returns a plain scalar typed as JSON would type it.
nlohmann::json PlainScalar(const std::string& text) {
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
    return nullptr;
  }
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  const char* begin = text.data();
  const char* end = begin + text.size();
  int64_t integer = 0;
  auto [int_end, int_error] = std::from_chars(begin, end, integer);
  if (int_error == std::errc() && int_end == end) return integer;
  double number = 0;
  auto [double_end, double_error] = std::from_chars(begin, end, number);
  if (double_error == std::errc() && double_end == end) return number;
  return text;
}

}  // namespace

bool IsQuotedScalar(const YAML::Node& node) {
  return node.IsScalar() && node.Tag() == "!";
}

nlohmann::json YamlToJson(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      return IsQuotedScalar(node) ? nlohmann::json(node.Scalar()) : PlainScalar(node.Scalar());
    case YAML::NodeType::Sequence: {
      nlohmann::json list = nlohmann::json::array();
      for (const YAML::Node& item : node) list.push_back(YamlToJson(item));
      return list;
    }
    case YAML::NodeType::Map: {
      nlohmann::json object = nlohmann::json::object();
      for (auto it = node.begin(); it != node.end(); ++it) {
        object[it->first.Scalar()] = YamlToJson(it->second);
      }
      return object;
    }
    default:
      return nullptr;
  }
}

}  // namespace syncrule::cli
