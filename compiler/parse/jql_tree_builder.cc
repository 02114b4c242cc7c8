// The one visitor of the JQL parser: it walks a successful ANTLR parse tree
// once and builds syncrule's own AST, recording each node's source range in
// the query's side table.

#include <algorithm>
#include <charconv>

#include "compiler/parse/jql_parse_internal.h"

namespace syncrule::jql::parse_internal {
namespace {

using P = syncrule_jql_gen::JqlParser;
using Lexer = syncrule_jql_gen::JqlLexer;

class TreeBuilder {
 public:
  explicit TreeBuilder(const OffsetMap& offsets) : offsets_(offsets) {
    query_.ranges.push_back(SourceRange{});
  }

  Query Build(P::QueryContext* tree) {
    if (tree->orClause() != nullptr) query_.where = Or(tree->orClause());
    if (tree->orderBy() != nullptr) {
      for (P::SortKeyContext* key : tree->orderBy()->sortKey()) {
        query_.order_by.push_back(Sort(key));
      }
    }
    return std::move(query_);
  }

 private:
  NodeId NextId(antlr4::ParserRuleContext* ctx) {
    query_.ranges.push_back(offsets_.Span(ctx->getStart(), ctx->getStop()));
    return static_cast<NodeId>(query_.ranges.size() - 1);
  }

  NodeId NextId(antlr4::tree::TerminalNode* node) {
    query_.ranges.push_back(offsets_.RangeOf(node->getSymbol()));
    return static_cast<NodeId>(query_.ranges.size() - 1);
  }

  Clause Or(P::OrClauseContext* ctx) {
    if (ctx->andClause().size() == 1) return And(ctx->andClause(0));
    Clause clause;
    clause.id = NextId(ctx);
    clause.kind = ClauseKind::kOr;
    for (P::AndClauseContext* child : ctx->andClause()) {
      clause.children.push_back(And(child));
    }
    return clause;
  }

  Clause And(P::AndClauseContext* ctx) {
    if (ctx->notClause().size() == 1) return Not(ctx->notClause(0));
    Clause clause;
    clause.id = NextId(ctx);
    clause.kind = ClauseKind::kAnd;
    for (P::NotClauseContext* child : ctx->notClause()) {
      clause.children.push_back(Not(child));
    }
    return clause;
  }

  Clause Not(P::NotClauseContext* ctx) {
    if (auto* prefix = dynamic_cast<P::NotPrefixContext*>(ctx)) {
      Clause clause;
      clause.id = NextId(ctx);
      clause.kind = ClauseKind::kNot;
      clause.children.push_back(Not(prefix->notClause()));
      return clause;
    }
    if (auto* group = dynamic_cast<P::ParenGroupContext*>(ctx)) {
      Clause clause = Or(group->orClause());
      clause.parenthesized = true;
      return clause;
    }
    return Terminal(static_cast<P::TerminalPrefixContext*>(ctx)->terminalClause());
  }

  Clause Terminal(P::TerminalClauseContext* ctx) {
    Clause clause;
    clause.id = NextId(ctx);
    clause.field = Field(ctx->field());
    Rhs(ctx->rhs(), clause);
    return clause;
  }

  void Rhs(P::RhsContext* ctx, Clause& clause) {
    if (auto* eq = dynamic_cast<P::EqualityRhsContext*>(ctx)) {
      clause.op = EqualityOperator(eq->op->getType());
      clause.operand = Single(eq->singleOperand());
    } else if (auto* rel = dynamic_cast<P::RelationalRhsContext*>(ctx)) {
      clause.op = RelationalOperator(rel->op->getType());
      clause.operand = ValueOrFunction(rel->valueOrFunction());
    } else if (auto* in = dynamic_cast<P::InRhsContext*>(ctx)) {
      clause.op = in->NOT() ? Operator::kNotIn : Operator::kIn;
      clause.operand = ListOrFunction(in->listOrFunction());
    } else if (auto* is = dynamic_cast<P::IsRhsContext*>(ctx)) {
      clause.op = is->NOT() ? Operator::kIsNot : Operator::kIs;
      clause.operand = Empty(is->EMPTY());
    } else if (auto* was_in = dynamic_cast<P::WasInRhsContext*>(ctx)) {
      clause.op = was_in->NOT() ? Operator::kWasNotIn : Operator::kWasIn;
      clause.operand = ListOrFunction(was_in->listOrFunction());
      for (auto* p : was_in->historyPredicate()) {
        clause.predicates.push_back(MakePredicate(p, p->op, p->operand()));
      }
    } else if (auto* was = dynamic_cast<P::WasRhsContext*>(ctx)) {
      clause.op = was->NOT() ? Operator::kWasNot : Operator::kWas;
      clause.operand = Single(was->singleOperand());
      for (auto* p : was->historyPredicate()) {
        clause.predicates.push_back(MakePredicate(p, p->op, p->operand()));
      }
    } else if (auto* changed = dynamic_cast<P::ChangedRhsContext*>(ctx)) {
      clause.op = Operator::kChanged;
      for (auto* p : changed->changedPredicate()) {
        clause.predicates.push_back(MakePredicate(p, p->op, p->operand()));
      }
    }
  }

  static Operator EqualityOperator(size_t type) {
    switch (type) {
      case Lexer::NOT_EQUALS: return Operator::kNotEquals;
      case Lexer::LIKE: return Operator::kLike;
      case Lexer::NOT_LIKE: return Operator::kNotLike;
      default: return Operator::kEquals;
    }
  }

  static Operator RelationalOperator(size_t type) {
    switch (type) {
      case Lexer::LT: return Operator::kLess;
      case Lexer::GT: return Operator::kGreater;
      case Lexer::LTEQ: return Operator::kLessEquals;
      default: return Operator::kGreaterEquals;
    }
  }

  static PredicateKind PredicateOf(size_t type) {
    switch (type) {
      case Lexer::AFTER: return PredicateKind::kAfter;
      case Lexer::BEFORE: return PredicateKind::kBefore;
      case Lexer::ON: return PredicateKind::kOn;
      case Lexer::DURING: return PredicateKind::kDuring;
      case Lexer::BY: return PredicateKind::kBy;
      case Lexer::FROM: return PredicateKind::kFrom;
      default: return PredicateKind::kTo;
    }
  }

  Predicate MakePredicate(antlr4::ParserRuleContext* ctx, antlr4::Token* op,
                          P::OperandContext* operand) {
    Predicate predicate;
    predicate.id = NextId(ctx);
    predicate.kind = PredicateOf(op->getType());
    predicate.operand = MakeOperand(operand);
    return predicate;
  }

  FieldRef Field(P::FieldContext* ctx) {
    FieldRef field;
    field.id = NextId(ctx);
    if (auto* number = dynamic_cast<P::NumberFieldContext*>(ctx)) {
      field.name = Number(number->number());
      return field;
    }
    auto* named = static_cast<P::NamedFieldContext*>(ctx);
    if (named->customField() != nullptr) {
      CustomField(named->customField(), field);
    } else {
      field.name = String(named->string());
    }
    for (P::PropertySuffixContext* suffix : named->propertySuffix()) {
      PropertyAccess access;
      access.key = Argument(suffix->argument(0));
      for (size_t i = 1; i < suffix->argument().size(); ++i) {
        access.path.push_back(Argument(suffix->argument(i)));
      }
      field.properties.push_back(std::move(access));
    }
    return field;
  }

  void CustomField(P::CustomFieldContext* ctx, FieldRef& field) {
    std::string digits = ctx->POSNUMBER()->getText();
    size_t first = std::min(digits.find_first_not_of('0'), digits.size() - 1);
    digits = digits.substr(first);
    int64_t id = 0;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
    if (error == std::errc()) field.custom_field_id = id;
    field.name.id = NextId(ctx);
    field.name.text = "cf[" + digits + "]";
  }

  Operand Single(P::SingleOperandContext* ctx) {
    if (ctx->EMPTY() != nullptr) return Empty(ctx->EMPTY());
    if (ctx->value() != nullptr) return Value(ctx->value());
    return Function(ctx->function());
  }

  Operand ValueOrFunction(P::ValueOrFunctionContext* ctx) {
    return ctx->value() != nullptr ? Value(ctx->value()) : Function(ctx->function());
  }

  Operand ListOrFunction(P::ListOrFunctionContext* ctx) {
    return ctx->list() != nullptr ? List(ctx->list()) : Function(ctx->function());
  }

  Operand MakeOperand(P::OperandContext* ctx) {
    if (ctx->EMPTY() != nullptr) return Empty(ctx->EMPTY());
    if (ctx->value() != nullptr) return Value(ctx->value());
    if (ctx->function() != nullptr) return Function(ctx->function());
    return List(ctx->list());
  }

  Operand Empty(antlr4::tree::TerminalNode* node) {
    Operand operand;
    operand.id = NextId(node);
    operand.kind = OperandKind::kEmpty;
    operand.literal.id = operand.id;
    operand.literal.text = node->getText();
    return operand;
  }

  Operand Value(P::ValueContext* ctx) {
    Operand operand;
    operand.id = NextId(ctx);
    operand.kind = OperandKind::kValue;
    operand.literal = ctx->string() != nullptr ? String(ctx->string())
                                               : Number(ctx->number());
    return operand;
  }

  Operand Function(P::FunctionContext* ctx) {
    Operand operand;
    operand.id = NextId(ctx);
    operand.kind = OperandKind::kFunction;
    operand.literal = ctx->string() != nullptr ? String(ctx->string())
                                               : Number(ctx->number());
    for (P::ArgumentContext* argument : ctx->argument()) {
      operand.arguments.push_back(Argument(argument));
    }
    return operand;
  }

  Operand List(P::ListContext* ctx) {
    Operand operand;
    operand.id = NextId(ctx);
    operand.kind = OperandKind::kList;
    for (P::OperandContext* element : ctx->operand()) {
      operand.elements.push_back(MakeOperand(element));
    }
    return operand;
  }

  Literal Argument(P::ArgumentContext* ctx) {
    return ctx->string() != nullptr ? String(ctx->string()) : Number(ctx->number());
  }

  Literal String(P::StringContext* ctx) {
    Literal literal;
    literal.id = NextId(ctx);
    literal.text = DecodeJqlString(ctx->getText());
    literal.quoting = ctx->QUOTE_STRING()   ? Quoting::kDouble
                      : ctx->SQUOTE_STRING() ? Quoting::kSingle
                                             : Quoting::kBare;
    return literal;
  }

  Literal Number(P::NumberContext* ctx) {
    Literal literal;
    literal.id = NextId(ctx);
    literal.text = ctx->getText();
    literal.is_number = true;
    return literal;
  }

  SortKey Sort(P::SortKeyContext* ctx) {
    SortKey key;
    key.id = NextId(ctx);
    key.field = Field(ctx->field());
    if (ctx->direction != nullptr) {
      key.direction = ctx->direction->getType() == Lexer::DESC
                          ? SortDirection::kDescending
                          : SortDirection::kAscending;
    }
    return key;
  }

  const OffsetMap& offsets_;
  Query query_;
};

}  // namespace

Query BuildQuery(P::QueryContext* tree, const OffsetMap& offsets) {
  return TreeBuilder(offsets).Build(tree);
}

}  // namespace syncrule::jql::parse_internal
