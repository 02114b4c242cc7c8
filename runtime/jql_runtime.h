#ifndef SYNCRULE_RUNTIME_JQL_RUNTIME_H_
#define SYNCRULE_RUNTIME_JQL_RUNTIME_H_

// The runtime half of JQL: reading a JQL field's values from a Jira issue
// in an event payload (simdjson), testing them against folded name sets
// (JQL_ANY_IN, JQL_NONE_IN), and evaluating the terminal clauses that need
// more than a set test (JQL_TERM: ordering, dates, `~`, WAS/CHANGED). The
// semantics mirror the reference evaluator (compiler/jql/evaluator*.cc,
// docs/jql-semantics.md), which the differential test checks; this code
// never includes the compiler.
//
// Two views of the issue exist: the current one, and the previous one
// rebuilt from the event's changelog (each item's from/fromString replaces
// the field's current value), for `match jql ... becomes true`.

#include <simdjson.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/module.h"
#include "runtime/value.h"
#include "stdlib/jql_time.h"
#include "stdlib/text_search.h"

namespace syncrule::runtime {

// One value of a JQL field (the reference evaluator's FieldValue): the
// primary text, the other identifiers `=` accepts, the numeric form, a
// cascading select's child names, and a state flag.
struct JqlValue {
  std::string_view text;
  const std::string_view* ids = nullptr;
  uint32_t id_count = 0;
  const std::string_view* child = nullptr;
  uint32_t child_count = 0;
  bool has_number = false;
  double number = 0;
  std::string_view state;
};

// The values of one JQL field in one view of one issue; empty is EMPTY.
struct JqlValueList {
  const JqlValue* values = nullptr;
  uint32_t size = 0;
  // The field the values were read for.
  const JqlFieldImage* field = nullptr;
  // Set when the issue lacks data the field needs (a watcher list Jira
  // left out): a term on it reports this error.
  const char* error = nullptr;
  // Every folded name of every value (text, ids, cascade children), when
  // FoldJqlNames has run: membership tests then fold nothing.
  const std::string_view* names = nullptr;
  uint32_t name_count = 0;
  bool names_ready = false;
};

// Which view of the issue JQL loads read.
enum class JqlView : uint8_t { kCurrent = 0, kPrevious = 1 };

// One operand value prepared at load (the reference's QueryValue).
struct JqlQueryValue {
  JqlOperandKind kind = JqlOperandKind::kText;
  std::string text;
  std::string folded;
  bool is_number = false;
  // The numeric form known at load: a number, a duration in seconds, a
  // priority rank.
  std::optional<double> number;
  // Date operands resolve against the clock per evaluation.
  bool instant = false;
  std::string argument;
  // Issue-key order operands: project (folded) and number.
  std::string key_project;
  int64_t key_number = 0;
};

// A JQL term prepared at load for JQL_TERM.
struct JqlTerm {
  uint32_t field = 0;
  JqlOp op = JqlOp::kEquals;
  std::vector<JqlQueryValue> values;
  std::shared_ptr<const stdlib::TextQuery> text_query;
  std::vector<JqlWindowImage> windows;
  bool has_by = false;
  std::vector<std::string> by;
  bool has_from = false;
  std::vector<JqlQueryValue> from;
  bool has_to = false;
  std::vector<JqlQueryValue> to;
};

// Prepares `image` (for `field`) into `term`; returns false with `error`
// set when an operand cannot be prepared (a malformed duration, an issue
// key that cannot be ordered, a text query that does not compile).
bool PrepareJqlTerm(const JqlTermImage& image, const JqlFieldImage& field,
                    JqlTerm* term, std::string* error);

// Returns the rank of `name` in the default priority order (Highest|Blocker
// = 0 ... Lowest|Trivial = 4), or nullopt.
std::optional<int> DefaultPriorityRank(std::string_view name);

// The issue carried by one event payload, located once per event: the
// webhook shape {webhookEvent, issue, changelog, user, timestamp, comment}
// or the REST shape {key, fields, changelog?}.
class JqlIssue {
 public:
  // Locates the issue in `root`. Cheap: no field is read yet.
  void Reset(simdjson::dom::element root);
  // Forgets the issue: found() is false until the next Reset.
  void Clear();

  // True when the payload holds an issue.
  bool found() const { return found_; }
  std::string_view key() const { return key_; }
  std::string_view id() const { return id_; }
  // Returns fields[key] when present and not null.
  std::optional<simdjson::dom::element> Field(std::string_view key) const;
  // The fields object, when the issue has one.
  std::optional<simdjson::dom::element> fields() const { return fields_; }
  std::optional<simdjson::dom::element> properties() const { return properties_; }
  // The webhook event's comment (comment events), and the event name.
  std::optional<simdjson::dom::element> webhook_comment() const { return comment_; }
  std::string_view webhook_event() const { return webhook_event_; }
  // The webhook changelog's items (the change this event made), or none.
  std::optional<simdjson::dom::element> event_items() const { return event_items_; }

  // One entry of the change history.
  struct Entry {
    int64_t created_ms = 0;
    std::optional<simdjson::dom::element> author;
    simdjson::dom::element items;  // an array
  };
  // Returns the change history, oldest first (built on first use).
  const std::vector<Entry>& history();

 private:
  void AddHistories(simdjson::dom::element changelog);
  void Locate(simdjson::dom::element root);

  bool found_ = false;
  bool webhook_ = false;
  std::string id_storage_;
  std::string_view key_;
  std::string_view id_;
  std::string_view webhook_event_;
  std::optional<simdjson::dom::element> root_;
  std::optional<simdjson::dom::element> issue_;
  std::optional<simdjson::dom::element> fields_;
  std::optional<simdjson::dom::element> properties_;
  std::optional<simdjson::dom::element> comment_;
  std::optional<simdjson::dom::element> event_items_;
  bool history_built_ = false;
  std::vector<Entry> history_;
};

// The analysed texts `~` searched this event, per field and view, so that
// many rules searching one field analyse its text once per event.
struct JqlTextCache {
  struct Entry {
    const JqlFieldImage* field = nullptr;
    JqlView view = JqlView::kCurrent;
    uint32_t generation = 0;
    std::vector<stdlib::AnalyzedText> texts;
  };
  std::vector<Entry> entries;
};

// What the JQL runtime needs for one evaluation.
struct JqlContext {
  JqlIssue* issue = nullptr;
  JqlView view = JqlView::kCurrent;
  stdlib::TimeContext time;
  Arena* arena = nullptr;
  // Optional: the per-event cache of analysed texts and the event's
  // generation number (entries of other generations are stale).
  JqlTextCache* text_cache = nullptr;
  uint32_t generation = 0;
};

// Reads field `field` of the issue in `context.view`. The result lives in
// the arena.
JqlValueList ReadJqlField(const JqlFieldImage& field, JqlContext& context);

// Calls `visit(name)` with each folded name of each value of `list` (its
// text, its ids, and for cascading selects its child names) until one call
// returns true; returns true when a call did. JQL_ANY_IN and the rule
// index both name values through it.
template <typename Visit>
bool AnyJqlName(const JqlValueList& list, const JqlFieldImage& field, Arena& arena,
                Visit visit) {
  if (list.names_ready) {
    for (uint32_t n = 0; n < list.name_count; ++n) {
      if (visit(list.names[n])) return true;
    }
    return false;
  }
  for (uint32_t v = 0; v < list.size; ++v) {
    const JqlValue& value = list.values[v];
    if (visit(FoldCase(value.text, arena))) return true;
    for (uint32_t i = 0; i < value.id_count; ++i) {
      if (visit(FoldCase(value.ids[i], arena))) return true;
    }
    if (field.compare == JqlCompare::kCascade) {
      for (uint32_t i = 0; i < value.child_count; ++i) {
        if (visit(FoldCase(value.child[i], arena))) return true;
      }
    }
  }
  return false;
}

// Folds every name of `list`'s values once, into `arena`, so that the
// membership tests of all rules reading the list fold nothing.
void FoldJqlNames(JqlValueList& list, Arena& arena);

// Returns true when some value of `list` (text, ids, and for cascading
// selects child names) folded is in `set` (folded strings).
template <typename Set>
bool JqlAnyNamed(const JqlValueList& list, const JqlFieldImage& field,
                 const Set& set, Arena& arena) {
  return AnyJqlName(list, field, arena,
                    [&](std::string_view name) { return set.contains(name); });
}

// The verdict of a term: matched, or an error message (then not matched).
struct JqlOutcome {
  bool matched = false;
  std::string error;
};

// Evaluates `term` on field `field` in `context`. `values` are the field's
// values in the context's view (read through the VM's cache).
JqlOutcome EvaluateJqlTerm(const JqlTerm& term, const JqlFieldImage& field,
                           const JqlValueList& values, JqlContext& context);

// Returns the plain text of a JSON value: a string, or the text of an
// Atlassian Document Format node.
std::string JqlPlainText(simdjson::dom::element value);

}  // namespace syncrule::runtime

#endif  // SYNCRULE_RUNTIME_JQL_RUNTIME_H_
