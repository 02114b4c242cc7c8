#include "compiler/jql/formatter.h"

#include <fmt/format.h>

#include "compiler/jql/reserved_words.h"

namespace syncrule::jql {
namespace {

// Returns true when the ASCII byte `c` may stand in an unquoted string.
bool IsBareAscii(unsigned char c) {
  if (c < 0x20 || c == 0x7F) return false;
  return std::string_view(" \\\"'=!<>()~,[]|&{}*/%+^$#@?;").find(c) ==
         std::string_view::npos;
}

// Returns true when `text` holds a code point that may not stand unquoted
// outside ASCII: C1 controls, U+FDD0..U+FDEF, U+FFFE and U+FFFF.
bool HasNonBareUnicode(const std::string& text) {
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    auto a = static_cast<unsigned char>(text[i]);
    auto b = static_cast<unsigned char>(text[i + 1]);
    if (a == 0xC2 && b >= 0x80 && b <= 0x9F) return true;
    if (a == 0xEF && i + 2 < text.size()) {
      auto c = static_cast<unsigned char>(text[i + 2]);
      if (b == 0xB7 && c >= 0x90 && c <= 0xAF) return true;
      if (b == 0xBF && (c == 0xBE || c == 0xBF)) return true;
    }
  }
  return false;
}

// Returns true when `text` would lex as a number.
bool LooksLikeNumber(const std::string& text) {
  size_t start = !text.empty() && text[0] == '-' ? 1 : 0;
  if (start == text.size()) return false;
  return text.find_first_not_of("0123456789", start) == std::string::npos;
}

bool CanBeBare(const std::string& text) {
  if (text.empty() || MustQuoteWord(text) || LooksLikeNumber(text)) return false;
  for (unsigned char c : text) {
    if (c < 0x80 && !IsBareAscii(c)) return false;
  }
  return !HasNonBareUnicode(text);
}

// Escapes `text` for a double-quoted JQL string.
std::string Escape(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += fmt::format("\\u{:04x}", c);
        } else if (c == 0xC2 && i + 1 < text.size() &&
                   static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned char>(text[++i]));
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

class Formatter {
 public:
  std::string Format(const Query& query) {
    if (query.where.has_value()) Clause(*query.where, nullptr);
    if (!query.order_by.empty()) {
      if (!out_.empty()) out_ += ' ';
      out_ += "ORDER BY ";
      for (size_t i = 0; i < query.order_by.size(); ++i) {
        if (i > 0) out_ += ", ";
        Sort(query.order_by[i]);
      }
    }
    return std::move(out_);
  }

 private:
  static bool NeedsParens(const jql::Clause& child, const jql::Clause* parent) {
    if (parent == nullptr || child.kind == ClauseKind::kTerminal) return false;
    if (parent->kind == ClauseKind::kNot) return child.kind != ClauseKind::kNot;
    if (child.kind == ClauseKind::kNot) return false;
    // Same kind must keep its nesting; OR inside AND needs it for precedence;
    // AND inside OR gets it for readability.
    return true;
  }

  void Clause(const jql::Clause& clause, const jql::Clause* parent) {
    bool parens = NeedsParens(clause, parent);
    if (parens) out_ += '(';
    switch (clause.kind) {
      case ClauseKind::kAnd:
      case ClauseKind::kOr:
        for (size_t i = 0; i < clause.children.size(); ++i) {
          if (i > 0) out_ += clause.kind == ClauseKind::kAnd ? " AND " : " OR ";
          Clause(clause.children[i], &clause);
        }
        break;
      case ClauseKind::kNot:
        out_ += "NOT ";
        Clause(clause.children[0], &clause);
        break;
      case ClauseKind::kTerminal: Terminal(clause); break;
    }
    if (parens) out_ += ')';
  }

  void Terminal(const jql::Clause& clause) {
    Field(clause.field);
    out_ += ' ';
    out_ += OperatorSpelling(clause.op);
    if (clause.operand.has_value()) {
      out_ += ' ';
      Operand(*clause.operand);
    }
    for (const Predicate& predicate : clause.predicates) {
      out_ += ' ';
      out_ += PredicateSpelling(predicate.kind);
      out_ += ' ';
      Operand(predicate.operand);
    }
  }

  void Field(const FieldRef& field) {
    out_ += field.custom_field_id.has_value() ? field.name.text : Literal(field.name);
    for (const PropertyAccess& access : field.properties) {
      out_ += '[' + Literal(access.key) + ']';
      for (size_t i = 0; i < access.path.size(); ++i) {
        if (i > 0) out_ += ' ';
        out_ += Literal(access.path[i]);
      }
    }
  }

  void Operand(const jql::Operand& operand) {
    switch (operand.kind) {
      case OperandKind::kEmpty: out_ += "EMPTY"; return;
      case OperandKind::kValue: out_ += Literal(operand.literal); return;
      case OperandKind::kFunction:
        out_ += Literal(operand.literal) + '(';
        for (size_t i = 0; i < operand.arguments.size(); ++i) {
          if (i > 0) out_ += ", ";
          out_ += Literal(operand.arguments[i]);
        }
        out_ += ')';
        return;
      case OperandKind::kList:
        out_ += '(';
        for (size_t i = 0; i < operand.elements.size(); ++i) {
          if (i > 0) out_ += ", ";
          Operand(operand.elements[i]);
        }
        out_ += ')';
        return;
    }
  }

  void Sort(const SortKey& key) {
    Field(key.field);
    if (key.direction.has_value()) {
      out_ += *key.direction == SortDirection::kAscending ? " ASC" : " DESC";
    }
  }

  static std::string Literal(const jql::Literal& literal) {
    return literal.is_number ? literal.text : QuoteIfNeeded(literal.text);
  }

  std::string out_;
};

}  // namespace

std::string QuoteIfNeeded(const std::string& text) {
  return CanBeBare(text) ? text : "\"" + Escape(text) + "\"";
}

std::string FormatQuery(const Query& query) { return Formatter().Format(query); }

}  // namespace syncrule::jql
