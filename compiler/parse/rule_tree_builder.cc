// The one visitor of the rule parser: it walks a successful parse tree once
// and builds syncrule's rule AST, with every node's range in the side table.

#include <fmt/format.h>

#include <charconv>
#include <cstdlib>

#include "compiler/parse/rule_parse_internal.h"

namespace syncrule::rule_parse {
namespace {

using P = syncrule_rule_gen::RuleParser;
using L = syncrule_rule_gen::RuleLexer;
using ast::Expr;
using ast::ExprKind;
using ast::NodeId;
using ast::Op;

// Appends the UTF-8 encoding of `cp` to `out`.
void AppendUtf8(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Returns the index of the '}' that closes the "${" whose body starts at
// `start` in `body`, skipping nested braces and strings; npos when none.
size_t FindInterpolationEnd(std::string_view body, size_t start) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = start; i < body.size(); ++i) {
    char c = body[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{') {
      ++depth;
    } else if (c == '}') {
      if (depth == 0) return i;
      --depth;
    }
  }
  return std::string_view::npos;
}

// Builds expressions; shared by file building and ${...} parts.
class ExprBuilder {
 public:
  ExprBuilder(const OffsetMap& offsets, std::string_view file_text,
              const RuleParseOptions& options,
              std::function<NodeId(SourceRange)> next_id,
              DiagnosticList& diagnostics, uint32_t text_base = 0)
      : offsets_(&offsets), file_text_(file_text), text_base_(text_base),
        options_(options), next_id_(std::move(next_id)),
        diagnostics_(diagnostics) {}

  // Makes later ranges come from `offsets`: the map of the next piece of a
  // file parsed in pieces (it must outlive the building).
  void UseOffsets(const OffsetMap& offsets) { offsets_ = &offsets; }

  NodeId Id(antlr4::ParserRuleContext* ctx) {
    return next_id_(offsets_->Span(ctx->getStart(), ctx->getStop()));
  }

  NodeId Id(antlr4::Token* token) { return next_id_(offsets_->RangeOf(token)); }

  Expr Build(P::ExprContext* ctx) { return Or(ctx->orExpr()); }

  // Decodes a STRING token into a string or interpolated expression.
  Expr String(antlr4::Token* token) {
    SourceRange range = offsets_->RangeOf(token);
    std::string_view body =
        file_text_.substr(range.begin - text_base_ + 1, range.end - range.begin - 2);
    Expr out;
    out.id = next_id_(range);
    out.kind = ExprKind::kString;
    std::string literal;
    for (size_t i = 0; i < body.size(); ++i) {
      if (body[i] == '\\' && i + 1 < body.size()) {
        i = Escape(body, i, literal);
        continue;
      }
      if (body[i] == '$' && i + 1 < body.size() && body[i + 1] == '{') {
        FlushLiteral(literal, out, range);
        i = Interpolation(body, i, range.begin + 1, out);
        continue;
      }
      literal += body[i];
    }
    if (out.kind == ExprKind::kInterpolated) {
      FlushLiteral(literal, out, range);
    } else {
      out.text = std::move(literal);
    }
    return out;
  }

 private:
  size_t Escape(std::string_view body, size_t i, std::string& literal) {
    char c = body[i + 1];
    switch (c) {
      case 'n': literal += '\n'; return i + 1;
      case 't': literal += '\t'; return i + 1;
      case 'r': literal += '\r'; return i + 1;
      case 'u':
        AppendUtf8(static_cast<uint32_t>(std::strtoul(
                       std::string(body.substr(i + 2, 4)).c_str(), nullptr, 16)),
                   literal);
        return i + 5;
      default: literal += c; return i + 1;
    }
  }

  void FlushLiteral(std::string& literal, Expr& out, SourceRange range) {
    if (out.kind != ExprKind::kInterpolated) {
      out.kind = ExprKind::kInterpolated;
    }
    if (literal.empty()) return;
    Expr part;
    part.id = next_id_(range);
    part.kind = ExprKind::kString;
    part.text = std::move(literal);
    literal.clear();
    out.children.push_back(std::move(part));
  }

  // Parses the ${...} starting at body[i]; returns the index of its '}'.
  size_t Interpolation(std::string_view body, size_t i, uint32_t body_base, Expr& out) {
    size_t end = FindInterpolationEnd(body, i + 2);
    uint32_t at = body_base + static_cast<uint32_t>(i);
    if (end == std::string_view::npos) {
      Diagnostic& d = diagnostics_.Error(
          "SR006", SourceRange{at, at + 2},
          "This '${' is not closed by a '}' before the end of the string.");
      d.fixes.push_back({SourceRange{at, at + 1}, "\\$",
                         "write '\\$' for a literal dollar sign"});
      return body.size();
    }
    Expr part;
    std::string_view inner = body.substr(i + 2, end - i - 2);
    if (ParseEmbeddedExpression(inner, at + 2, options_, next_id_, &part, diagnostics_)) {
      out.children.push_back(std::move(part));
    }
    return end;
  }

  Expr Binary(antlr4::ParserRuleContext* ctx, Op op, Expr left, Expr right) {
    Expr e;
    e.id = Id(ctx);
    e.kind = ExprKind::kBinary;
    e.op = op;
    e.children.push_back(std::move(left));
    e.children.push_back(std::move(right));
    return e;
  }

  Expr Or(P::OrExprContext* ctx) {
    Expr e = And(ctx->andExpr(0));
    for (size_t i = 1; i < ctx->andExpr().size(); ++i) {
      e = Binary(ctx, Op::kOr, std::move(e), And(ctx->andExpr(i)));
    }
    return e;
  }

  Expr And(P::AndExprContext* ctx) {
    Expr e = Not(ctx->notExpr(0));
    for (size_t i = 1; i < ctx->notExpr().size(); ++i) {
      e = Binary(ctx, Op::kAnd, std::move(e), Not(ctx->notExpr(i)));
    }
    return e;
  }

  Expr Not(P::NotExprContext* ctx) {
    if (auto* negation = dynamic_cast<P::NegationContext*>(ctx)) {
      Expr e;
      e.id = Id(ctx);
      e.kind = ExprKind::kUnary;
      e.op = Op::kNot;
      e.children.push_back(Not(negation->notExpr()));
      return e;
    }
    return Comparison(static_cast<P::PositiveContext*>(ctx)->comparison());
  }

  static Op CompareOp(size_t type) {
    switch (type) {
      case L::EQ: return Op::kEq;
      case L::NE: return Op::kNe;
      case L::LT: return Op::kLt;
      case L::LE: return Op::kLe;
      case L::GT: return Op::kGt;
      default: return Op::kGe;
    }
  }

  Expr Comparison(P::ComparisonContext* ctx) {
    if (auto* c = dynamic_cast<P::CompareContext*>(ctx)) {
      return Binary(ctx, CompareOp(c->op->getType()), Additive(c->left), Additive(c->right));
    }
    if (auto* m = dynamic_cast<P::MembershipContext*>(ctx)) {
      return Binary(ctx, m->NOT() ? Op::kNotIn : Op::kIn, Additive(m->left), Additive(m->right));
    }
    if (auto* r = dynamic_cast<P::RegexMatchContext*>(ctx)) {
      return Binary(ctx, Op::kMatches, Additive(r->left), Additive(r->right));
    }
    if (auto* ch = dynamic_cast<P::ChangedContext*>(ctx)) {
      Expr e;
      e.id = Id(ctx);
      e.kind = ExprKind::kChanged;
      e.children.push_back(Additive(ch->left));
      if (ch->from != nullptr) {
        e.has_from = true;
        e.children.push_back(Additive(ch->from));
      }
      if (ch->to != nullptr) {
        e.has_to = true;
        e.children.push_back(Additive(ch->to));
      }
      return e;
    }
    return Additive(static_cast<P::PlainContext*>(ctx)->additive());
  }

  Expr Additive(P::AdditiveContext* ctx) {
    Expr e = Postfix(ctx->postfix(0));
    for (size_t i = 1; i < ctx->postfix().size(); ++i) {
      Op op = ctx->op[i - 1]->getType() == L::PLUS ? Op::kAdd : Op::kSub;
      e = Binary(ctx, op, std::move(e), Postfix(ctx->postfix(i)));
    }
    return e;
  }

  Expr Postfix(P::PostfixContext* ctx) {
    Expr e = Primary(ctx->primary());
    for (P::SuffixContext* suffix : ctx->suffix()) {
      Expr outer;
      outer.id = next_id_(offsets_->Span(ctx->getStart(), suffix->getStop()));
      if (auto* member = dynamic_cast<P::MemberSuffixContext*>(suffix)) {
        outer.kind = ExprKind::kMember;
        outer.text = member->IDENT()->getText();
      } else {
        outer.kind = ExprKind::kIndex;
      }
      outer.children.push_back(std::move(e));
      if (auto* index = dynamic_cast<P::IndexSuffixContext*>(suffix)) {
        outer.children.push_back(Build(index->expr()));
      }
      e = std::move(outer);
    }
    return e;
  }

  Expr Number(antlr4::ParserRuleContext* ctx, const std::string& digits, bool negative) {
    Expr e;
    e.id = Id(ctx);
    e.kind = ExprKind::kNumber;
    e.text = (negative ? "-" : "") + digits;
    e.number_value = std::strtod(e.text.c_str(), nullptr);
    e.is_integer = digits.find('.') == std::string::npos && digits.size() <= 18;
    return e;
  }

  Expr Primary(P::PrimaryContext* ctx) {
    if (auto* s = dynamic_cast<P::StringLiteralContext*>(ctx)) return String(s->STRING()->getSymbol());
    if (auto* n = dynamic_cast<P::NumberLiteralContext*>(ctx)) return Number(ctx, n->NUMBER()->getText(), false);
    if (auto* n = dynamic_cast<P::NegativeNumberContext*>(ctx)) return Number(ctx, n->NUMBER()->getText(), true);
    if (auto* g = dynamic_cast<P::GroupContext*>(ctx)) return Build(g->expr());
    if (auto* c = dynamic_cast<P::CallContext*>(ctx)) return Call(c);
    if (auto* l = dynamic_cast<P::ListLiteralContext*>(ctx)) return List(l);
    if (auto* o = dynamic_cast<P::ObjectLiteralContext*>(ctx)) return Object(o);
    Expr e;
    e.id = Id(ctx);
    if (auto* name = dynamic_cast<P::NameContext*>(ctx)) {
      e.kind = ExprKind::kName;
      e.text = name->IDENT()->getText();
    } else if (dynamic_cast<P::NullLiteralContext*>(ctx) == nullptr) {
      e.kind = ExprKind::kBool;
      e.bool_value = dynamic_cast<P::TrueLiteralContext*>(ctx) != nullptr;
    }
    return e;
  }

  Expr Call(P::CallContext* ctx) {
    Expr e;
    e.id = Id(ctx);
    e.kind = ExprKind::kCall;
    e.text = ctx->IDENT()->getText();
    for (P::ArgumentContext* argument : ctx->argument()) {
      e.arg_names.push_back(argument->IDENT() ? argument->IDENT()->getText() : "");
      e.children.push_back(Build(argument->expr()));
    }
    return e;
  }

  Expr List(P::ListLiteralContext* ctx) {
    Expr e;
    e.id = Id(ctx);
    e.kind = ExprKind::kList;
    for (P::ExprContext* element : ctx->expr()) e.children.push_back(Build(element));
    return e;
  }

  Expr Object(P::ObjectLiteralContext* ctx) {
    Expr e;
    e.id = Id(ctx);
    e.kind = ExprKind::kObject;
    for (P::ObjectEntryContext* entry : ctx->objectEntry()) {
      e.arg_names.push_back(entry->IDENT() ? entry->IDENT()->getText()
                                           : String(entry->STRING()->getSymbol()).text);
      e.children.push_back(Build(entry->expr()));
    }
    return e;
  }

  const OffsetMap* offsets_;
  // The text that ranges index, and the file offset of its first byte.
  std::string_view file_text_;
  uint32_t text_base_;
  const RuleParseOptions& options_;
  std::function<NodeId(SourceRange)> next_id_;
  DiagnosticList& diagnostics_;
};

// Builds the declarations of one file.
class FileBuilder {
 public:
  FileBuilder(const OffsetMap& offsets, std::string_view text,
              const RuleParseOptions& options, DiagnosticList& diagnostics)
      : offsets_(&offsets),
        text_(text),
        exprs_(offsets, text, options,
               [this](SourceRange range) {
                 file_.ranges.push_back(range);
                 return static_cast<NodeId>(file_.ranges.size() - 1);
               },
               diagnostics) {
    file_.ranges.push_back(SourceRange{});
  }

  // Adds the items of `tree`, whose tokens `offsets` maps (it must outlive
  // the building).
  void Add(P::ProgramContext* tree, const OffsetMap& offsets) {
    offsets_ = &offsets;
    exprs_.UseOffsets(offsets);
    for (P::ItemContext* item : tree->item()) Item(item);
  }

  ast::RuleFile Finish() { return std::move(file_); }

 private:
  void Item(P::ItemContext* ctx) {
    if (auto* c = dynamic_cast<P::ConnectionItemContext*>(ctx)) return Connection(c);
    if (auto* k = dynamic_cast<P::ConstItemContext*>(ctx)) {
      file_.constants.push_back({exprs_.Id(ctx), k->name->getText(), exprs_.Build(k->expr())});
      return;
    }
    if (auto* m = dynamic_cast<P::MapItemContext*>(ctx)) return Map(m);
    Rule(static_cast<P::RuleItemContext*>(ctx));
  }

  void Connection(P::ConnectionItemContext* ctx) {
    ast::Connection connection;
    connection.id = exprs_.Id(ctx);
    connection.name = ctx->name->getText();
    for (P::SettingContext* setting : ctx->setting()) {
      connection.settings.push_back(
          {exprs_.Id(setting), setting->argName()->getText(), exprs_.Build(setting->expr())});
    }
    file_.connections.push_back(std::move(connection));
  }

  void Map(P::MapItemContext* ctx) {
    ast::MapDecl map;
    map.id = exprs_.Id(ctx);
    map.name = ctx->name->getText();
    for (P::MapEntryContext* entry : ctx->mapEntry()) {
      ast::MapEntry out;
      out.id = exprs_.Id(entry);
      for (P::MapKeyContext* key : entry->mapKey()) {
        out.key_is_default.push_back(dynamic_cast<P::DefaultKeyContext*>(key) != nullptr);
        out.keys.push_back(MapKey(key));
      }
      out.value = exprs_.Build(entry->expr());
      map.entries.push_back(std::move(out));
    }
    file_.maps.push_back(std::move(map));
  }

  Expr MapKey(P::MapKeyContext* ctx) {
    if (auto* s = dynamic_cast<P::StringKeyContext*>(ctx)) return exprs_.String(s->STRING()->getSymbol());
    Expr e;
    e.id = exprs_.Id(ctx);
    if (auto* n = dynamic_cast<P::NumberKeyContext*>(ctx)) {
      e.kind = ExprKind::kNumber;
      e.text = n->NUMBER()->getText();
      e.number_value = std::strtod(e.text.c_str(), nullptr);
      e.is_integer = e.text.find('.') == std::string::npos;
    } else if (auto* d = dynamic_cast<P::DefaultKeyContext*>(ctx)) {
      e.kind = ExprKind::kName;
      e.text = d->IDENT()->getText();
    } else {
      e.kind = ExprKind::kBool;
      e.bool_value = dynamic_cast<P::TrueKeyContext*>(ctx) != nullptr;
    }
    return e;
  }

  void Rule(P::RuleItemContext* ctx) {
    ast::Rule rule;
    rule.id = exprs_.Id(ctx);
    Expr name = exprs_.String(ctx->name);
    rule.name = name.text;
    rule.name_id = name.id;
    for (P::ClauseContext* clause : ctx->clause()) RuleClause(clause, rule);
    file_.rules.push_back(std::move(rule));
  }

  void RuleClause(P::ClauseContext* ctx, ast::Rule& rule) {
    if (auto* on = dynamic_cast<P::OnClauseContext*>(ctx)) {
      for (P::EventTypeContext* type : on->eventType()) {
        rule.triggers.push_back({exprs_.Id(type), type->getText()});
      }
    } else if (dynamic_cast<P::ManualClauseContext*>(ctx) != nullptr) {
      rule.manual = true;
      rule.manual_id = exprs_.Id(ctx);
    } else if (auto* match = dynamic_cast<P::MatchClauseContext*>(ctx)) {
      if (rule.match) second_matches_.push_back(exprs_.Id(ctx));
      SourceRange block = offsets_->RangeOf(match->JQL_BLOCK()->getSymbol());
      ast::JqlMatch jql;
      jql.id = exprs_.Id(ctx);
      jql.offset = block.begin + 1;
      jql.text = std::string(text_.substr(block.begin + 1, block.end - block.begin - 2));
      jql.becomes_true = match->BECOMES() != nullptr;
      rule.match = std::move(jql);
    } else if (auto* allow = dynamic_cast<P::AllowClauseContext*>(ctx)) {
      for (auto* word : allow->IDENT()) {
        rule.allowances.push_back(word->getText());
        rule.allowance_ids.push_back(exprs_.Id(word->getSymbol()));
      }
    } else {
      rule.body.push_back(Statement(ctx));
    }
  }

  ast::Statement Statement(P::ClauseContext* ctx) {
    ast::Statement s;
    s.id = exprs_.Id(ctx);
    if (auto* when = dynamic_cast<P::WhenClauseContext*>(ctx)) {
      s.kind = ast::StatementKind::kWhen;
      s.expr = exprs_.Build(when->expr());
    } else if (auto* let = dynamic_cast<P::LetClauseContext*>(ctx)) {
      s.kind = ast::StatementKind::kLet;
      s.name = let->name->getText();
      s.expr = exprs_.Build(let->expr());
    } else if (auto* d = dynamic_cast<P::DoClauseContext*>(ctx)) {
      s.kind = ast::StatementKind::kDo;
      s.action = Action(d->action());
    } else if (auto* loop = dynamic_cast<P::ForClauseContext*>(ctx)) {
      s.kind = ast::StatementKind::kFor;
      s.loop = For(loop);
    } else {
      // on/manual/match/allow inside a loop body: the grammar allows them
      // there, but they only mean something at the top of a rule.
      s.kind = ast::StatementKind::kWhen;
      s.expr.kind = ExprKind::kBool;
      s.expr.bool_value = true;
      s.expr.id = s.id;
      misplaced_.push_back(s.id);
    }
    return s;
  }

  std::shared_ptr<ast::ForLoop> For(P::ForClauseContext* ctx) {
    auto loop = std::make_shared<ast::ForLoop>();
    loop->id = exprs_.Id(ctx);
    loop->variable = ctx->name->getText();
    loop->iterable = exprs_.Build(ctx->expr());
    if (ctx->NUMBER() != nullptr) {
      std::string digits = ctx->NUMBER()->getText();
      int64_t bound = 0;
      auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), bound);
      loop->limit = error == std::errc() ? bound : int64_t{-1};
    }
    for (P::ClauseContext* clause : ctx->clause()) loop->body.push_back(Statement(clause));
    return loop;
  }

  ast::Action Action(P::ActionContext* ctx) {
    ast::Action action;
    action.id = exprs_.Id(ctx);
    for (size_t i = 0; i < ctx->IDENT().size(); ++i) {
      if (i > 0) action.name += '.';
      action.name += ctx->IDENT(i)->getText();
    }
    for (P::NamedArgContext* arg : ctx->namedArg()) {
      action.args.push_back({exprs_.Id(arg), arg->argName()->getText(), exprs_.Build(arg->expr())});
    }
    return action;
  }

 public:
  std::vector<NodeId> misplaced_;
  // `match` clauses after a rule's first, which would silently replace it.
  std::vector<NodeId> second_matches_;

 private:
  const OffsetMap* offsets_;
  std::string_view text_;
  ast::RuleFile file_;
  ExprBuilder exprs_;
};

}  // namespace

bool ParseEmbeddedExpression(std::string_view text, uint32_t base,
                             const RuleParseOptions& options,
                             const std::function<NodeId(SourceRange)>& next_id,
                             ast::Expr* out, DiagnosticList& diagnostics) {
  size_t errors_before = diagnostics.items().size() + diagnostics.dropped();
  OffsetMap offsets(text, base);
  antlr4::ANTLRInputStream input(text.data(), text.size());
  L lexer(&input);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  if (ReportLexicalErrors(tokens, offsets, text, diagnostics) ||
      !CheckNesting(tokens, offsets, options.max_nesting, diagnostics)) {
    return false;
  }
  P parser(&tokens);
  parser.removeErrorListeners();
  RuleErrorListener listener(offsets, diagnostics);
  parser.addErrorListener(&listener);
  P::ExprOnlyContext* tree = parser.exprOnly();
  if (diagnostics.items().size() + diagnostics.dropped() != errors_before) return false;
  ExprBuilder builder(offsets, text, options, next_id, diagnostics, base);
  *out = builder.Build(tree->expr());
  return true;
}

ast::RuleFile BuildRuleFile(const std::vector<ParsedPiece>& pieces, std::string_view text,
                            const RuleParseOptions& options, DiagnosticList& diagnostics) {
  FileBuilder builder(pieces.front().offsets, text, options, diagnostics);
  for (const ParsedPiece& piece : pieces) builder.Add(piece.tree, piece.offsets);
  ast::RuleFile file = builder.Finish();
  for (NodeId id : builder.misplaced_) {
    diagnostics.Error("SR010", file.RangeOf(id),
                      "Only `when`, `let`, `do` and `for` may appear inside a "
                      "`for` loop; `on`, `manual`, `match` and `allow` belong at "
                      "the top of the rule.");
  }
  for (NodeId id : builder.second_matches_) {
    diagnostics.Error("SR011", file.RangeOf(id),
                      "A rule has at most one `match jql` clause; combine the "
                      "queries with AND.");
  }
  return file;
}

}  // namespace syncrule::rule_parse
