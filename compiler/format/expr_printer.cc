#include "compiler/format/expr_printer.h"

#include <string_view>
#include <utility>

#include "compiler/format/string_quoting.h"

namespace syncrule::format {
namespace {

using ast::Expr;
using ast::ExprKind;
using ast::Op;

// The text being written, and whether it is inside the ${...} of a string,
// where no string literal can stand (its quote would end the string).
struct Output {
  std::string text;
  bool in_interpolation = false;

  Output& operator+=(std::string_view more) {
    text += more;
    return *this;
  }
  Output& operator+=(char c) {
    text += c;
    return *this;
  }
};

// Binding strength, from the grammar's layering: orExpr, andExpr, notExpr,
// comparison, additive, then postfix and primary expressions.
enum Level : int { kOr = 1, kAnd, kNot, kComparison, kAdditive, kPostfix };

Level LevelOf(const Expr& e) {
  if (e.kind == ExprKind::kChanged) return kComparison;
  if (e.kind == ExprKind::kUnary) return e.op == Op::kNot ? kNot : kPostfix;
  if (e.kind != ExprKind::kBinary) return kPostfix;
  switch (e.op) {
    case Op::kOr:
      return kOr;
    case Op::kAnd:
      return kAnd;
    case Op::kAdd:
    case Op::kSub:
      return kAdditive;
    default:
      return kComparison;
  }
}

void Print(const Expr& e, Output& out);

// Prints `e`, in parentheses when it binds more loosely than `least`.
void PrintAtLeast(const Expr& e, Level least, Output& out) {
  bool group = LevelOf(e) < least;
  if (group) out += '(';
  Print(e, out);
  if (group) out += ')';
}

// Prints `children` separated by ", ", each with its name when it has one.
void PrintItems(const Expr& e, bool quote_names, Output& out) {
  for (size_t i = 0; i < e.children.size(); ++i) {
    if (i > 0) out += ", ";
    const std::string name = i < e.arg_names.size() ? e.arg_names[i] : "";
    if (quote_names) {
      // Keys inside ${...} were written bare: a quote would end the string.
      out += (out.in_interpolation ? name : QuoteString(name)) + ": ";
    } else if (!name.empty()) {
      out += name + " = ";
    }
    Print(e.children[i], out);
  }
}

void PrintInterpolated(const Expr& e, Output& out) {
  out += '"';
  for (const Expr& part : e.children) {
    if (part.kind == ExprKind::kString) {
      AppendEscaped(part.text, out.text);
    } else {
      out += "${";
      bool outer = out.in_interpolation;
      out.in_interpolation = true;
      Print(part, out);
      out.in_interpolation = outer;
      out += '}';
    }
  }
  out += '"';
}

void PrintBinary(const Expr& e, Output& out) {
  Level level = LevelOf(e);
  bool chains = level != kComparison;  // or, and, + and - associate left
  PrintAtLeast(e.children[0], chains ? level : kAdditive, out);
  out += ' ';
  out += ast::OpSpelling(e.op);
  out += ' ';
  PrintAtLeast(e.children[1], chains ? Level(level + 1) : kAdditive, out);
}

void PrintChanged(const Expr& e, Output& out) {
  PrintAtLeast(e.children[0], kAdditive, out);
  out += " changed";
  size_t next = 1;
  if (e.has_from && next < e.children.size()) {
    out += " from ";
    PrintAtLeast(e.children[next++], kAdditive, out);
  }
  if (e.has_to && next < e.children.size()) {
    out += " to ";
    PrintAtLeast(e.children[next], kAdditive, out);
  }
}

void Print(const Expr& e, Output& out) {
  switch (e.kind) {
    case ExprKind::kNull:
      out += "null";
      return;
    case ExprKind::kBool:
      out += e.bool_value ? "true" : "false";
      return;
    case ExprKind::kNumber:
      out += e.text;
      return;
    case ExprKind::kString:
      out += QuoteString(e.text);
      return;
    case ExprKind::kInterpolated:
      PrintInterpolated(e, out);
      return;
    case ExprKind::kName:
      out += e.text;
      return;
    case ExprKind::kMember:
      PrintAtLeast(e.children[0], kPostfix, out);
      out += '.' + e.text;
      return;
    case ExprKind::kIndex:
      PrintAtLeast(e.children[0], kPostfix, out);
      out += '[';
      Print(e.children[1], out);
      out += ']';
      return;
    case ExprKind::kCall:
      out += e.text + '(';
      PrintItems(e, /*quote_names=*/false, out);
      out += ')';
      return;
    case ExprKind::kList:
      out += '[';
      PrintItems(e, false, out);
      out += ']';
      return;
    case ExprKind::kObject:
      out += '{';
      PrintItems(e, /*quote_names=*/true, out);
      out += '}';
      return;
    case ExprKind::kUnary:
      out += e.op == Op::kNot ? "not " : "-";
      // `not (a == b)` rather than `not a == b`, which reads as if `not`
      // bound to `a` alone.
      if (e.op == Op::kNot && LevelOf(e.children[0]) == kComparison) {
        out += '(';
        Print(e.children[0], out);
        out += ')';
        return;
      }
      PrintAtLeast(e.children[0], e.op == Op::kNot ? kNot : kPostfix, out);
      return;
    case ExprKind::kBinary:
      PrintBinary(e, out);
      return;
    case ExprKind::kChanged:
      PrintChanged(e, out);
      return;
  }
}

}  // namespace

std::string PrintExpression(const ast::Expr& expr) {
  Output out;
  Print(expr, out);
  return std::move(out.text);
}

}  // namespace syncrule::format
