// Suppression comments: `# syncrule: ignore SL101, SL402 (why)`.

#include <re2/re2.h>

#include <algorithm>

#include "compiler/lint/lint.h"

namespace syncrule::lint {
namespace {

// A stretch of the file where some codes are silenced.
struct Region {
  uint32_t begin = 0;
  uint32_t end = 0;
  std::vector<std::string> codes;
};

// A suppression comment: where it is, whether code precedes it on its
// line, and the codes it names.
struct Comment {
  uint32_t offset = 0;
  uint32_t line_begin = 0;
  uint32_t line_end = 0;
  bool trailing = false;
  std::vector<std::string> codes;
};

std::vector<std::string> CodesIn(std::string_view comment) {
  static const RE2 kIgnore(R"(#\s*syncrule:\s*ignore\s+([A-Z]+[0-9]+(?:\s*,\s*[A-Z]+[0-9]+)*))");
  static const RE2 kCode(R"(([A-Z]+[0-9]+))");
  std::string list;
  if (!RE2::PartialMatch(comment, kIgnore, &list)) return {};
  std::vector<std::string> codes;
  re2::StringPiece rest(list);
  std::string code;
  while (RE2::FindAndConsume(&rest, kCode, &code)) codes.push_back(code);
  return codes;
}

// Finds the suppression comments of `text`, skipping `#` inside strings and
// JQL blocks.
std::vector<Comment> FindComments(std::string_view text) {
  std::vector<Comment> comments;
  bool in_string = false, in_jql = false, code_on_line = false;
  uint32_t line_begin = 0;
  for (uint32_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') {
      in_string = false;
      code_on_line = false;
      line_begin = i + 1;
      continue;
    }
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (in_jql) {
      in_jql = c != '`';
      continue;
    }
    if (c == '"') in_string = true;
    if (c == '`') in_jql = true;
    if (c == '#') {
      uint32_t end = static_cast<uint32_t>(std::min(text.find('\n', i), text.size()));
      std::vector<std::string> codes = CodesIn(text.substr(i, end - i));
      if (!codes.empty()) comments.push_back({i, line_begin, end, code_on_line, codes});
      i = end - 1;
      continue;
    }
    if (c != ' ' && c != '\t' && c != '\r') code_on_line = true;
  }
  return comments;
}

// The ranges of the file's rules, maps and connections.
std::vector<SourceRange> Blocks(const ast::RuleFile& file) {
  std::vector<SourceRange> blocks;
  for (const ast::Rule& rule : file.rules) blocks.push_back(file.RangeOf(rule.id));
  for (const ast::MapDecl& map : file.maps) blocks.push_back(file.RangeOf(map.id));
  for (const ast::Connection& c : file.connections) blocks.push_back(file.RangeOf(c.id));
  return blocks;
}

// Returns the region a comment silences.
Region RegionOf(const Comment& comment, std::string_view text,
                const std::vector<SourceRange>& blocks) {
  Region region{comment.line_begin, comment.line_end, comment.codes};
  if (comment.trailing) return region;
  for (const SourceRange& block : blocks) {
    bool above = block.begin >= comment.line_end &&
                 text.substr(comment.line_end, block.begin - comment.line_end)
                         .find_first_not_of(" \t\r\n") == std::string_view::npos;
    if (above) {
      region.end = block.end;
      return region;
    }
  }
  size_t next_end = text.find('\n', comment.line_end + 1);
  region.end = static_cast<uint32_t>(std::min(next_end, text.size()));
  return region;
}

}  // namespace

std::vector<Diagnostic> Unsuppressed(const check::ParsedFile& file, const DiagnosticList& list) {
  std::string_view text = file.source->text();
  std::vector<SourceRange> blocks = Blocks(file.file);
  std::vector<Region> regions;
  for (const Comment& comment : FindComments(text)) {
    regions.push_back(RegionOf(comment, text, blocks));
  }
  std::vector<Diagnostic> kept;
  for (const Diagnostic& d : list.items()) {
    bool silenced = std::any_of(regions.begin(), regions.end(), [&](const Region& r) {
      return r.begin <= d.range.begin && d.range.begin <= r.end &&
             std::find(r.codes.begin(), r.codes.end(), d.code) != r.codes.end();
    });
    if (!silenced) kept.push_back(d);
  }
  return kept;
}

}  // namespace syncrule::lint
