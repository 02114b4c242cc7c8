// The file level of the printer: declarations in source order, connections,
// constants and maps, and the block helpers the rule printer shares.

#include <algorithm>

#include "compiler/format/expr_printer.h"
#include "compiler/format/printer_internal.h"
#include "compiler/format/string_quoting.h"

namespace syncrule::format::internal {
namespace {

// What a top-level declaration is.
enum class DeclKind { kConnection, kConst, kMap, kRule };

// A declaration and where it starts, for printing in source order.
struct DeclRef {
  uint32_t begin;
  DeclKind kind;
  size_t index;
};

// Returns true when the source has a blank line between `from` and `to`,
// as LayoutWriter judges it: two line breaks in a stretch with no comment.
bool BlankLineBetween(std::string_view source, const std::vector<ast::Comment>& comments,
                      uint32_t from, uint32_t to) {
  auto blank = [&](uint32_t a, uint32_t b) {
    if (b <= a) return false;
    std::string_view gap = source.substr(a, b - a);
    return std::count(gap.begin(), gap.end(), '\n') >= 2;
  };
  for (const ast::Comment& comment : comments) {
    if (comment.range.begin < from || comment.range.begin >= to) continue;
    if (blank(from, comment.range.begin)) return true;
    from = comment.range.end;
  }
  return blank(from, to);
}

}  // namespace

uint32_t FindOutsideLiterals(std::string_view source, uint32_t from, char wanted) {
  for (size_t i = from; i < source.size(); ++i) {
    char c = source[i];
    if (c == wanted) return static_cast<uint32_t>(i);
    if (c == '#') {
      while (i < source.size() && source[i] != '\n') ++i;
    } else if (c == '"') {
      for (++i; i < source.size() && source[i] != '"' && source[i] != '\n'; ++i) {
        if (source[i] == '\\') ++i;
      }
    } else if (c == '`') {
      for (++i; i < source.size() && source[i] != '`'; ++i) {
      }
    }
  }
  return static_cast<uint32_t>(source.size());
}

Printer::Printer(const ast::RuleFile& file, const std::vector<ast::Comment>& comments,
                 std::string_view source, const FormatOptions& options)
    : file_(file),
      source_(source),
      options_(options),
      writer_(source, comments),
      comments_(comments) {}

std::string Printer::PrintFile() {
  std::vector<DeclRef> decls;
  for (size_t i = 0; i < file_.connections.size(); ++i) {
    decls.push_back({RangeOf(file_.connections[i].id).begin, DeclKind::kConnection, i});
  }
  for (size_t i = 0; i < file_.constants.size(); ++i) {
    decls.push_back({RangeOf(file_.constants[i].id).begin, DeclKind::kConst, i});
  }
  for (size_t i = 0; i < file_.maps.size(); ++i) {
    decls.push_back({RangeOf(file_.maps[i].id).begin, DeclKind::kMap, i});
  }
  for (size_t i = 0; i < file_.rules.size(); ++i) {
    decls.push_back({RangeOf(file_.rules[i].id).begin, DeclKind::kRule, i});
  }
  std::stable_sort(decls.begin(), decls.end(),
                   [](const DeclRef& a, const DeclRef& b) { return a.begin < b.begin; });
  for (size_t i = 0; i < decls.size(); ++i) {
    // Blocks stand apart; consecutive constants may stay grouped.
    if (i > 0 && (decls[i].kind != DeclKind::kConst || decls[i - 1].kind != DeclKind::kConst)) {
      writer_.ForceBlankLine();
    }
    switch (decls[i].kind) {
      case DeclKind::kConnection:
        Connection(file_.connections[decls[i].index]);
        break;
      case DeclKind::kConst:
        Const(file_.constants[decls[i].index]);
        break;
      case DeclKind::kMap:
        Map(file_.maps[decls[i].index]);
        break;
      case DeclKind::kRule:
        Rule(file_.rules[decls[i].index]);
        break;
    }
  }
  return writer_.Finish(0);
}

void Printer::OneLine(ast::NodeId id, int indent, std::string_view text) {
  OneLine(RangeOf(id), indent, text);
}

void Printer::OneLine(SourceRange range, int indent, std::string_view text) {
  writer_.LeadIn(range.begin, indent);
  writer_.Hoist(range.end, indent);
  writer_.Line(indent, text);
  writer_.Trail(range.end);
}

bool Printer::OpenBlock(SourceRange range, uint32_t open, int indent, std::string text, char close,
                        bool empty) {
  writer_.LeadIn(range.begin, indent);
  writer_.Hoist(open, indent);
  if (empty && !writer_.HasCommentBefore(range.end)) {
    writer_.Line(indent, text + close);
    writer_.Trail(range.end);
    return false;
  }
  writer_.Line(indent, text);
  writer_.Trail(open + 1);
  writer_.OpenBlock();
  return true;
}

void Printer::CloseBlock(SourceRange range, int indent, char close) {
  writer_.CommentsBefore(range.end, indent + 1);
  writer_.Line(indent, std::string(1, close));
  writer_.Trail(range.end);
}

void Printer::Connection(const ast::Connection& connection) {
  SourceRange range = RangeOf(connection.id);
  uint32_t open = FindOutsideLiterals(source_, range.begin, '{');
  std::string header = "connection " + connection.name + " {";
  if (!OpenBlock(range, open, 0, header, '}', connection.settings.empty())) return;
  for (const ast::NamedArg& setting : connection.settings) {
    OneLine(setting.id, 1, setting.name + " = " + PrintExpression(setting.value));
  }
  CloseBlock(range, 0, '}');
}

void Printer::Const(const ast::ConstDecl& constant) {
  OneLine(constant.id, 0, "const " + constant.name + " = " + PrintExpression(constant.value));
}

void Printer::Map(const ast::MapDecl& map) {
  SourceRange range = RangeOf(map.id);
  uint32_t open = FindOutsideLiterals(source_, range.begin, '{');
  if (!OpenBlock(range, open, 0, "map " + map.name + " {", '}', map.entries.empty())) return;
  MapEntries(map);
  CloseBlock(range, 0, '}');
}

void Printer::MapEntries(const ast::MapDecl& map) {
  std::vector<std::string> keys;
  for (const ast::MapEntry& entry : map.entries) {
    std::string text;
    for (size_t i = 0; i < entry.keys.size(); ++i) {
      if (i > 0) text += ", ";
      text += entry.key_is_default[i] ? entry.keys[i].text : PrintExpression(entry.keys[i]);
    }
    keys.push_back(std::move(text));
  }
  // `=>` lines up within each run of entries that no blank line separates.
  size_t run_start = 0;
  while (run_start < keys.size()) {
    size_t run_end = run_start + 1;
    while (run_end < keys.size() &&
           !BlankLineBetween(source_, comments_, RangeOf(map.entries[run_end - 1].id).end,
                             RangeOf(map.entries[run_end].id).begin)) {
      ++run_end;
    }
    int width = 0;
    for (size_t i = run_start; i < run_end; ++i) width = std::max(width, DisplayWidth(keys[i]));
    for (size_t i = run_start; i < run_end; ++i) {
      std::string line = keys[i] + std::string(width - DisplayWidth(keys[i]), ' ') + " => " +
                         PrintExpression(map.entries[i].value);
      OneLine(map.entries[i].id, 1, line);
    }
    run_start = run_end;
  }
}

}  // namespace syncrule::format::internal
