// `~` and `!~`: Lucene-style text search on text fields (stdlib::TextQuery
// over stdlib::AnalyzeText), wildcard matching on versions, and the plain
// text of Atlassian Document Format values.

#include <string>

#include "compiler/jql/evaluator_internal.h"
#include "compiler/jql/evaluator_util.h"

namespace syncrule::jql::eval {
namespace {

using nlohmann::json;

// Returns member `name` of object `node` as text; "" when absent or not a
// string or number (json::value would throw on a wrong type).
std::string TextMember(const json& node, const char* name) {
  auto it = node.find(name);
  return it == node.end() ? std::string() : JsonScalarText(*it);
}

bool IsInlineNode(const std::string& type) {
  return type == "text" || type == "hardBreak" || type == "mention" ||
         type == "emoji" || type == "inlineCard" || type == "date" ||
         type == "status";
}

// ADF deeper than this is ignored, so hostile JSON cannot exhaust the stack.
constexpr int kMaxAdfDepth = 256;

// Appends the text of ADF node `node` to `out`; block nodes end with a
// line break so that words of adjacent paragraphs do not run together.
void AppendAdf(const json& node, std::string* out, int depth = 0) {
  if (depth > kMaxAdfDepth) return;
  if (node.is_array()) {
    for (const json& child : node) AppendAdf(child, out, depth + 1);
    return;
  }
  if (!node.is_object()) return;
  std::string type = TextMember(node, "type");
  auto attrs = node.find("attrs");
  auto attr = [&](const char* name) -> std::string {
    if (attrs == node.end() || !attrs->is_object()) return std::string();
    return JsonScalarText(attrs->value(name, json()));
  };
  if (type == "text") out->append(TextMember(node, "text"));
  if (type == "hardBreak") out->push_back('\n');
  if (type == "mention" || type == "emoji") out->append(attr("text"));
  if (type == "inlineCard") out->append(attr("url"));
  if (type == "status" || type == "date") out->append(attr("text"));
  if (auto content = node.find("content"); content != node.end()) {
    AppendAdf(*content, out, depth + 1);
  }
  if (!IsInlineNode(type)) out->push_back('\n');
}

void AddTexts(const FieldValues& values, std::vector<std::string>* texts) {
  for (const FieldValue& value : values) {
    if (!value.text.empty()) texts->push_back(value.text);
  }
}

bool IsTextLike(const json& value) {
  return value.is_string() ||
         (value.is_object() && TextMember(value, "type") == "doc");
}

// The custom fields `text ~` searches: the catalog's text fields, or every
// customfield_* holding a string or an ADF document.
std::vector<std::string> TextCustomKeys(const IssueDocument& issue,
                                        const Plan& plan) {
  if (plan.text_keys_known) return plan.text_custom_keys;
  std::vector<std::string> keys;
  for (const auto& [key, value] : issue.fields().items()) {
    if (key.rfind("customfield_", 0) == 0 && IsTextLike(value)) {
      keys.push_back(key);
    }
  }
  return keys;
}

// Each text `text ~` searches, one document per field (per comment).
std::vector<std::string> MasterTexts(const IssueDocument& issue,
                                     const Plan& plan) {
  std::vector<std::string> texts;
  for (const char* key : {"summary", "description", "environment"}) {
    if (const json* value = issue.Field(key)) texts.push_back(PlainText(*value));
  }
  FieldInfo comment;
  comment.name = "comment";
  comment.type = FieldType::kText;
  std::string ignored;
  AddTexts(ReadField(comment, issue, plan, &ignored), &texts);
  for (const std::string& key : TextCustomKeys(issue, plan)) {
    if (const json* value = issue.Field(key)) texts.push_back(PlainText(*value));
  }
  return texts;
}

std::vector<std::string> LikeTexts(const Term& term, const IssueDocument& issue,
                                   const Plan& plan, std::string* error) {
  std::vector<std::string> texts;
  if (term.field->type == FieldType::kTextMaster) return MasterTexts(issue, plan);
  if (term.field->type == FieldType::kEntityProperty) {
    AddTexts(ReadProperty(issue, term.property_path), &texts);
    return texts;
  }
  AddTexts(ReadField(*term.field, issue, plan, error), &texts);
  return texts;
}

Outcome VersionLike(const Term& term, const IssueDocument& issue,
                    const Plan& plan, bool negated) {
  std::string error;
  FieldValues values = ReadField(*term.field, issue, plan, &error);
  if (!error.empty()) return Outcome{false, error};
  if (values.empty()) return Outcome{};
  bool any = false;
  for (const FieldValue& value : values) {
    for (const QueryValue& pattern : term.values) {
      any = any || stdlib::TextQuery::WildcardEquals(pattern.text, value.text);
    }
  }
  return Outcome{negated ? !any : any, ""};
}

}  // namespace

std::string PlainText(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  std::string out;
  if (value.is_object() || value.is_array()) AppendAdf(value, &out);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

Outcome EvaluateLike(const Term& term, const IssueDocument& issue,
                     const Plan& plan, bool negated) {
  if (term.field->type == FieldType::kVersion) {
    return VersionLike(term, issue, plan, negated);
  }
  if (!term.text_query) return Outcome{};
  std::string error;
  std::vector<std::string> texts = LikeTexts(term, issue, plan, &error);
  if (!error.empty()) return Outcome{false, error};
  // `!~` never matches an empty field, like `!=`.
  if (texts.empty()) return Outcome{};
  bool any = false;
  for (const std::string& text : texts) {
    any = any || term.text_query->Matches(stdlib::AnalyzeText(text));
    if (any) break;
  }
  return Outcome{negated ? !any : any, ""};
}

}  // namespace syncrule::jql::eval
