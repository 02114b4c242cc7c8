#ifndef SYNCRULE_RUNTIME_MODULE_H_
#define SYNCRULE_RUNTIME_MODULE_H_

// The compiled program as plain data (ModuleImage) and its versioned binary
// file form, `.srb`. The emitter fills an image; WriteModule serialises it;
// ReadModule parses bytes back into an image without trusting them (every
// read is bounds-checked); LoadModule (program.h) verifies an image and
// links it into a runnable Program. Compile -> write -> read -> verify ->
// link is the one path every program takes, so what the tests run is what
// a `.srb` file runs.
//
// File layout (little-endian):
//
//   offset  size  field
//   0       4     magic "SRB\x1a"
//   4       2     format version (kModuleVersion)
//   6       2     reserved, 0
//   8       4     payload length N
//   12      8     FNV-1a 64 checksum of the payload
//   20      N     payload: sections, each
//                   u8 section id, varint byte length, that many bytes
//
// Every section appears exactly once, in id order (SectionId). Integers in
// sections are LEB128 varints, strings a varint length then bytes.
// docs/bytecode.md describes each section's contents.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/instruction.h"
#include "runtime/schema.h"

namespace syncrule::runtime {

// The module format version; readers reject other versions.
inline constexpr uint16_t kModuleVersion = 1;
// The size of the fixed header.
inline constexpr size_t kModuleHeaderBytes = 20;

// Limits that bound what a module may ask of the loader, so that a hostile
// file cannot make loading slow or huge. Each is far above what a 10,000-rule
// program needs.
inline constexpr size_t kMaxModuleBytes = size_t{256} << 20;
inline constexpr size_t kMaxTableEntries = 1u << 22;
inline constexpr size_t kMaxStringBytes = size_t{16} << 20;
// Constants nest (lists of objects of lists); deeper is rejected.
inline constexpr int kMaxConstantDepth = 32;
// Instructions in one module.
inline constexpr size_t kMaxCodeWords = size_t{1} << 24;

// Section ids, in file order.
enum class SectionId : uint8_t {
  kConstants = 1,
  kPaths,
  kFields,
  kRegexes,
  kSets,
  kMaps,
  kSites,
  kJqlFields,
  kJqlTerms,
  kRules,
  kCode,
  kFiles,
  kLines,
  kSettings,
};
inline constexpr int kSectionCount = 14;

// Returns the section's name for errors ("constants").
const char* SectionName(SectionId id);

// An event field a program reads: its name, type, and where it sits in each
// payload format (path indexes).
struct FieldImage {
  std::string name;
  ValueType type = ValueType::kAny;
  std::vector<std::pair<std::string, uint32_t>> paths;  // format -> path
};

// A regular expression, compiled once at load.
struct RegexImage {
  std::string pattern;
  bool case_insensitive = false;
};

// A set of strings for membership tests; `folded` sets hold case-folded
// names and are probed with folded text (JQL).
struct SetImage {
  bool folded = false;
  std::vector<std::string> items;
};

// A rule-language map: string keys to constants, with an optional default.
struct MapImage {
  std::string name;
  std::vector<std::pair<std::string, uint32_t>> entries;  // key -> constant
  int64_t default_constant = -1;
};

// One `do` call site: which action, and the names of the arguments the
// EFFECT instruction pops (in push order).
struct SiteImage {
  std::string action;
  // The entity kind the action targets ("issue"), for the link lookup.
  std::string entity;
  // The connector owning the action ("jira"), so the link kind is
  // "jira.issue".
  std::string connector;
  bool creates = false;
  std::vector<std::string> arg_names;
};

// How the JQL runtime reads a field's values from an issue (mirrors the
// reference evaluator's ReadField cases).
enum class JqlReader : uint8_t {
  kGeneric,        // names of strings/objects/arrays under fields[key]
  kText,           // plain text of fields[key] (ADF flattened)
  kComment,        // comment bodies
  kWorklogComment, // worklog comments
  kNumber,         // numbers (votes/watchCount/value members unwrapped)
  kWorkRatio,      // workratio, -1 meaning none
  kProgress,       // progress percent
  kDate,           // instants, at second resolution
  kDateOnly,       // local day starts
  kWorklogDate,    // worklog start days
  kDuration,       // seconds, with timetracking fallbacks
  kWatchers,       // watcher list (may need data Jira leaves out)
  kVoters,         // voter list
  kWorklogAuthor,  // worklog authors
  kProject,        // project object, else the key's prefix
  kStatusCategory, // status.statusCategory with its key's synonyms
  kIssueKey,       // the issue's key and id
  kSprint,         // sprint objects or Server sprint strings
  kLinkTypes,      // link descriptions seen from this issue
  kCategory,       // project.projectCategory
  kTextMaster,     // `text`: every text field at once (only for ~)
  kProperty,       // issue.property[key].path: history_names holds the path
};
inline constexpr int kJqlReaderCount = 22;

// How a JQL field's values compare (mirrors the reference evaluator's field
// type cases).
enum class JqlCompare : uint8_t {
  kName,       // text and ids, case-insensitively
  kNumeric,    // numbers compare numerically when both sides have one
  kCascade,    // cascading select: child option names too
  kPriority,   // ordered by the priority order
  kResolution, // ordered by the resolution order
  kVersion,    // ordered naturally; ~ is a wildcard
  kIssueKey,   // ordered within a project
  kLinkType,   // != also matches issues without links
  kText,       // ~ searches text
};
inline constexpr int kJqlCompareCount = 9;

// A JQL field a program reads.
struct JqlFieldImage {
  std::string name;
  JqlReader reader = JqlReader::kGeneric;
  JqlCompare compare = JqlCompare::kName;
  // The key under issue.fields ("priority", "customfield_10010"); "" for
  // computed fields.
  std::string json_key;
  bool multi_valued = false;
  bool is_custom = false;
  // Changelog `field` names of this field, for WAS/CHANGED and the
  // previous-state view.
  std::vector<std::string> history_names;
  // The interned path of the field's JSON (index into paths), or -1.
  int64_t path = -1;
};

// What a JQL operand value is.
enum class JqlOperandKind : uint8_t {
  kEmpty,         // EMPTY / NULL (and resolution "unresolved")
  kText,          // a literal
  kDateLiteral,   // a date literal, resolved against the clock at run time
  kDateFunction,  // now(), startOfDay("-1")...: `text` is the folded name,
                  // `argument` the increment
};

// One operand value of a JQL term.
struct JqlOperandImage {
  JqlOperandKind kind = JqlOperandKind::kText;
  std::string text;
  bool is_number = false;
  std::string argument;
};

// A history predicate's time part: AFTER, BEFORE, ON or DURING.
enum class JqlWindowKind : uint8_t { kAfter, kBefore, kOn, kDuring };

struct JqlWindowImage {
  JqlWindowKind kind = JqlWindowKind::kAfter;
  JqlOperandImage first;
  JqlOperandImage second;  // DURING only
};

// The JQL operators, numbered as compiler/jql/ast.h numbers them.
enum class JqlOp : uint8_t {
  kEquals, kNotEquals, kLike, kNotLike, kLess, kGreater, kLessEquals,
  kGreaterEquals, kIn, kNotIn, kIs, kIsNot, kWas, kWasNot, kWasIn,
  kWasNotIn, kChanged,
};
inline constexpr int kJqlOpCount = 17;

// A JQL terminal clause evaluated by one JQL_TERM instruction.
struct JqlTermImage {
  uint32_t field = 0;
  JqlOp op = JqlOp::kEquals;
  std::vector<JqlOperandImage> values;
  // `~`: the text query.
  std::string text_query;
  // WAS* / CHANGED predicates.
  std::vector<JqlWindowImage> windows;
  bool has_by = false;
  std::vector<std::string> by;
  bool has_from = false;
  std::vector<JqlOperandImage> from;
  bool has_to = false;
  std::vector<JqlOperandImage> to;
};

// A rule: its triggers and its code range.
struct RuleImage {
  std::string name;
  std::vector<std::string> triggers;
  bool manual = false;
  bool one_link_per_entity = true;
  uint32_t code_begin = 0;
  uint32_t code_end = 0;
  // Local slots (let variables, loop variables) and iterator slots.
  uint32_t local_count = 0;
  uint32_t iterator_count = 0;
  // The deepest operand stack the emitter computed; the verifier checks it.
  uint32_t max_stack = 0;
  // The JQL match text, for listings ("" when none).
  std::string jql;
  bool becomes_true = false;
  // Where the rule is written.
  uint32_t file = 0;
  uint32_t line = 0;
  uint32_t column = 0;
};

// A source file of the program, kept for listings and --explain.
struct FileImage {
  std::string name;
  std::string text;
};

// The source position of instructions [pc, next entry's pc).
struct LineEntry {
  uint32_t pc = 0;
  uint32_t file = 0;
  uint32_t line = 0;
  uint32_t column = 0;
};

// A whole module as plain data.
struct ModuleImage {
  // Constants: null, booleans, integers, doubles, strings, and lists and
  // objects of those (nested at most kMaxConstantDepth).
  std::vector<nlohmann::json> constants;
  // Interned JSON Pointers into event payloads.
  std::vector<std::string> paths;
  std::vector<FieldImage> fields;
  std::vector<RegexImage> regexes;
  std::vector<SetImage> sets;
  std::vector<MapImage> maps;
  std::vector<SiteImage> sites;
  std::vector<JqlFieldImage> jql_fields;
  std::vector<JqlTermImage> jql_terms;
  std::vector<RuleImage> rules;
  std::vector<Instruction> code;
  std::vector<FileImage> files;
  std::vector<LineEntry> lines;
  // Connection settings as JSON ({"jira": {"url": ..., "token": {"env":
  // "X"}}}), for the engine; never holds secrets, only references.
  nlohmann::json settings = nlohmann::json::object();
};

// Serialises `image` into module bytes.
std::string WriteModule(const ModuleImage& image);

// What went wrong reading or verifying a module.
enum class ModuleError : uint8_t {
  kOk,
  kTooShort,        // shorter than the header
  kBadMagic,        // not a syncrule module
  kBadVersion,      // another format version
  kBadLength,       // payload length disagrees with the file size
  kBadChecksum,     // payload corrupted
  kTruncated,       // a section or value runs past its end
  kBadSection,      // sections missing, repeated or out of order
  kBadValue,        // a malformed value (constant tag, enum, limit)
  kBadOpcode,       // an undefined opcode byte
  kBadOperand,      // an operand out of range for what it indexes
  kBadJump,         // a jump outside the rule, or backward (but ITER_LOOP)
  kBadStack,        // stack underflow, disagreement or too deep
  kBadConstantType, // a constant of the wrong type for its use
  kBadRegex,        // a regex that does not compile or is too big
  kBadLoop,         // an iterator misuse (limit 0, unmatched loop)
  kBadRule,         // a rule's code range, slots or trigger table
  kBadLineTable,    // line entries out of order or out of range
};

// Returns the error's code name ("bad_checksum").
const char* ModuleErrorName(ModuleError error);

// The result of reading (or loading) a module: an error code with a message
// naming where, or success.
struct ModuleStatus {
  ModuleError error = ModuleError::kOk;
  std::string message;

  bool ok() const { return error == ModuleError::kOk; }
};

// Parses `bytes` into `image`. Never crashes or reads out of bounds on any
// input; returns the first problem found.
ModuleStatus ReadModule(std::string_view bytes, ModuleImage* image);

// Returns the FNV-1a 64-bit hash of `bytes` (the module checksum).
uint64_t Fnv1a64(std::string_view bytes);

}  // namespace syncrule::runtime

#endif  // SYNCRULE_RUNTIME_MODULE_H_
