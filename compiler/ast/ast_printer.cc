#include "compiler/ast/ast_printer.h"

#include <nlohmann/json.hpp>

namespace syncrule::ast {
namespace {

// Returns `text` as a JSON string. Bytes that are not UTF-8 (a \u escape of
// a lone surrogate decodes to such bytes) are written as \ufffd instead of
// throwing, so that printing never fails.
std::string Quoted(const std::string& text) {
  return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void Print(const Expr& e, std::string& out);

void PrintChildren(const char* head, const Expr& e, std::string& out) {
  out += '(';
  out += head;
  for (size_t i = 0; i < e.children.size(); ++i) {
    out += ' ';
    if (i < e.arg_names.size() && !e.arg_names[i].empty()) out += e.arg_names[i] + "=";
    Print(e.children[i], out);
  }
  out += ')';
}

void Print(const Expr& e, std::string& out) {
  switch (e.kind) {
    case ExprKind::kNull: out += "null"; return;
    case ExprKind::kBool: out += e.bool_value ? "true" : "false"; return;
    case ExprKind::kNumber: out += e.text; return;
    case ExprKind::kString: out += Quoted(e.text); return;
    case ExprKind::kInterpolated: PrintChildren("str", e, out); return;
    case ExprKind::kName: out += e.text; return;
    case ExprKind::kMember:
      out += "(. ";
      Print(e.children[0], out);
      out += ' ' + e.text + ')';
      return;
    case ExprKind::kIndex: PrintChildren("[]", e, out); return;
    case ExprKind::kCall: PrintChildren(("call " + e.text).c_str(), e, out); return;
    case ExprKind::kList: PrintChildren("list", e, out); return;
    case ExprKind::kObject: PrintChildren("object", e, out); return;
    case ExprKind::kUnary:
    case ExprKind::kBinary: PrintChildren(OpSpelling(e.op), e, out); return;
    case ExprKind::kChanged:
      PrintChildren(e.has_from && e.has_to ? "changed-from-to"
                    : e.has_from           ? "changed-from"
                    : e.has_to             ? "changed-to"
                                           : "changed",
                    e, out);
      return;
  }
}

void PrintStatements(const std::vector<Statement>& body, std::string& out);

void PrintStatement(const Statement& s, std::string& out) {
  switch (s.kind) {
    case StatementKind::kWhen: out += " (when "; Print(s.expr, out); out += ')'; return;
    case StatementKind::kLet: out += " (let " + s.name + ' '; Print(s.expr, out); out += ')'; return;
    case StatementKind::kDo:
      out += " (do " + s.action.name;
      for (const NamedArg& arg : s.action.args) {
        out += ' ' + arg.name + '=';
        Print(arg.value, out);
      }
      out += ')';
      return;
    case StatementKind::kFor:
      out += " (for " + s.loop->variable + ' ';
      Print(s.loop->iterable, out);
      if (s.loop->limit) out += " limit " + std::to_string(*s.loop->limit);
      PrintStatements(s.loop->body, out);
      out += ')';
      return;
  }
}

void PrintStatements(const std::vector<Statement>& body, std::string& out) {
  for (const Statement& s : body) PrintStatement(s, out);
}

}  // namespace

const char* OpSpelling(Op op) {
  switch (op) {
    case Op::kNot: return "not";
    case Op::kNegate: return "-";
    case Op::kAnd: return "and";
    case Op::kOr: return "or";
    case Op::kEq: return "==";
    case Op::kNe: return "!=";
    case Op::kLt: return "<";
    case Op::kLe: return "<=";
    case Op::kGt: return ">";
    case Op::kGe: return ">=";
    case Op::kIn: return "in";
    case Op::kNotIn: return "not in";
    case Op::kMatches: return "matches";
    case Op::kAdd: return "+";
    case Op::kSub: return "-";
  }
  return "?";
}

std::string PrintExpr(const Expr& expr) {
  std::string out;
  Print(expr, out);
  return out;
}

std::string PrintRuleFile(const RuleFile& file) {
  std::string out;
  for (const Connection& c : file.connections) {
    out += "(connection " + c.name;
    for (const NamedArg& s : c.settings) out += ' ' + s.name + '=' + PrintExpr(s.value);
    out += ")\n";
  }
  for (const ConstDecl& c : file.constants) out += "(const " + c.name + ' ' + PrintExpr(c.value) + ")\n";
  for (const MapDecl& m : file.maps) {
    out += "(map " + m.name;
    for (const MapEntry& e : m.entries) {
      out += " (";
      for (size_t i = 0; i < e.keys.size(); ++i) out += (e.key_is_default[i] ? "_" : PrintExpr(e.keys[i])) + ' ';
      out += "=> " + PrintExpr(e.value) + ')';
    }
    out += ")\n";
  }
  for (const Rule& r : file.rules) {
    out += "(rule " + Quoted(r.name) + " (on";
    for (const Trigger& t : r.triggers) out += ' ' + t.name;
    out += ')';
    if (r.manual) out += " manual";
    if (r.match) out += std::string(" (jql") + (r.match->becomes_true ? "-becomes-true " : " ") + Quoted(r.match->text) + ')';
    for (const std::string& a : r.allowances) out += " (allow " + a + ')';
    PrintStatements(r.body, out);
    out += ")\n";
  }
  return out;
}

}  // namespace syncrule::ast
