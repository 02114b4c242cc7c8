#ifndef SYNCRULE_TESTS_COMPILER_RULE_FILE_GENERATOR_H_
#define SYNCRULE_TESTS_COMPILER_RULE_FILE_GENERATOR_H_

// A deterministic generator of random but syntactically valid .rule files,
// for the formatter's property tests. It covers every construct of
// grammar/RuleParser.g4 (declarations, clauses, every expression form,
// escapes and interpolation in strings, embedded JQL) and puts random
// whitespace, blank lines and comments between tokens. It uses its own
// pseudo-random numbers (splitmix64), so a seed gives the same file on every
// platform.

#include <cstdint>
#include <string>
#include <vector>

namespace syncrule::testing {

// Generates rule files; see the file comment.
class RuleFileGenerator {
 public:
  // Starts the sequence of files for `seed`.
  explicit RuleFileGenerator(uint64_t seed) : state_(seed) {}

  // Returns the next file.
  std::string Generate() {
    out_.clear();
    comment_count_ = 0;
    if (Chance(30)) out_ += "# leading comment\n\n";
    int declarations = Below(6);
    for (int i = 0; i < declarations; ++i) Declaration();
    if (Chance(20)) Emit("\n# trailing comment at the end");
    if (Chance(70)) out_ += '\n';
    return out_;
  }

 private:
  // A run of tokens and how tightly it binds, as in the grammar's layers:
  // 1 or, 2 and, 3 not, 4 comparison, 5 additive, 6 postfix and primary.
  struct Piece {
    std::vector<std::string> tokens;
    int level;
  };

  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  int Below(int n) { return static_cast<int>(Next() % static_cast<uint64_t>(n)); }
  bool Chance(int percent) { return Below(100) < percent; }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Below(static_cast<int>(items.size()))];
  }

  // Writes the whitespace (and sometimes a comment) before a token.
  void Separator() {
    int kind = Below(100);
    if (kind < 60) {
      out_ += ' ';
    } else if (kind < 75) {
      out_ += '\n';
    } else if (kind < 82) {
      out_ += "\n\n\n  ";
    } else if (kind < 88) {
      out_ += "\t ";
    } else if (kind < 94) {
      out_ += "  # comment " + std::to_string(++comment_count_) + (Chance(30) ? "  \n" : "\n");
    } else {
      out_ += "\n\n# own-line comment " + std::to_string(++comment_count_) + "\n";
    }
  }

  void Emit(const std::string& token) {
    if (!out_.empty()) Separator();
    out_ += token;
  }
  void Emit(const Piece& piece) {
    for (const std::string& token : piece.tokens) Emit(token);
  }

  // --- Declarations ---

  void Declaration() {
    switch (Below(5)) {
      case 0:
        Connection();
        break;
      case 1:
        Const();
        break;
      case 2:
        Map();
        break;
      default:
        Rule();
        break;
    }
  }

  std::string Name() {
    return Pick<std::string>({"incident", "issue", "alert", "x", "y_1", "_tmp", "title", "status",
                              "labels", "project", "keys"});
  }

  void Connection() {
    Emit("connection");
    Emit(Pick<std::string>({"jira", "pagerduty", "gitlab"}));
    Emit("{");
    int settings = Below(4);
    for (int i = 0; i < settings; ++i) {
      // Keywords may name settings (`to`, `limit`); a separator keeps an
      // operator keyword from reading as part of the value before it.
      std::string name = Pick<std::string>({"url", "token", "user", "to", "limit", "in", "and"});
      Emit(name);
      Emit("=");
      Emit(Expr(2));
      if (Chance(50)) Emit(Chance(50) ? "," : ";");
    }
    Emit("}");
  }

  void Const() {
    Emit("const");
    Emit(Name());
    Emit("=");
    Emit(Expr(3));
  }

  void Map() {
    Emit("map");
    Emit(Pick<std::string>({"priorities", "pd_to_jira", "m"}));
    Emit("{");
    int entries = Below(5);
    for (int i = 0; i < entries; ++i) {
      int keys = 1 + (Chance(25) ? Below(3) : 0);
      for (int k = 0; k < keys; ++k) {
        if (k > 0) Emit(",");
        switch (Below(5)) {
          case 0:
            Emit(StringToken());
            break;
          case 1:
            Emit(Number());
            break;
          case 2:
            Emit(Chance(50) ? "true" : "false");
            break;
          case 3:
            Emit("_");
            break;
          default:
            Emit("\"" + Pick<std::string>({"P1", "P2", "critical", "warning"}) + "\"");
            break;
        }
      }
      Emit("=>");
      Emit(Expr(2));
      if (Chance(30)) Emit(Chance(50) ? "," : ";");
    }
    Emit("}");
  }

  void Rule() {
    Emit("rule");
    Emit(StringToken());
    Emit("{");
    bool matched = false;
    int clauses = Below(7);
    for (int i = 0; i < clauses; ++i) {
      switch (Below(8)) {
        case 0:
          On();
          break;
        case 1:
          Emit("manual");
          break;
        case 2:
          if (!matched) Match();
          matched = true;
          break;
        case 3:
          Emit("allow");
          Emit("duplicates");
          if (Chance(30)) Emit("updates");
          break;
        default:
          Statement(2);
          break;
      }
    }
    Emit("}");
  }

  void On() {
    Emit("on");
    int triggers = 1 + Below(3);
    for (int i = 0; i < triggers; ++i) {
      if (i > 0) Emit(",");
      std::string name = Pick<std::string>(
          {"pagerduty.incident.triggered", "jira.issue.updated", "gitlab.issue.opened"});
      // Dotted names are several tokens.
      size_t start = 0;
      while (true) {
        size_t dot = name.find('.', start);
        Emit(name.substr(start, dot - start));
        if (dot == std::string::npos) break;
        Emit(".");
        start = dot + 1;
      }
    }
  }

  void Match() {
    Emit("match");
    Emit("jql");
    Emit("`" +
         Pick<std::string>({"project = SRE AND priority = High",
                            "project=SRE and status in (Open, \"In Progress\")",
                            "assignee is EMPTY order by created desc",
                            "project = SRE\n    AND labels = oncall",
                            "labels = \"a#b\" OR summary ~ \"x}\"", "project = = broken"}) +
         "`");
    if (Chance(30)) {
      Emit("becomes");
      Emit("true");
    }
  }

  void Statement(int depth) {
    int kind = Below(depth > 0 ? 4 : 3);
    if (kind == 0) {
      Emit("when");
      Emit(Expr(3));
    } else if (kind == 1) {
      Emit("let");
      Emit(Name());
      Emit("=");
      Emit(Expr(3));
    } else if (kind == 2) {
      Do();
    } else {
      Emit("for");
      Emit(Name());
      Emit("in");
      Emit(Expr(2));
      if (Chance(40)) {
        Emit("limit");
        Emit(std::to_string(Below(100)));
      }
      Emit("{");
      int statements = Below(4);
      for (int i = 0; i < statements; ++i) Statement(depth - 1);
      Emit("}");
    }
  }

  void Do() {
    Emit("do");
    std::string action = Pick<std::string>(
        {"jira.create_issue", "jira.transition", "pagerduty.add_note", "gitlab.comment"});
    Emit(action.substr(0, action.find('.')));
    Emit(".");
    Emit(action.substr(action.find('.') + 1));
    Emit("(");
    int args = Below(6);
    for (int i = 0; i < args; ++i) {
      if (i > 0) Emit(",");
      Emit(Pick<std::string>({"project", "summary", "to", "description", "labels", "in"}));
      Emit("=");
      Emit(Expr(Chance(20) ? 4 : 2));
    }
    if (args > 0 && Chance(30)) Emit(",");
    Emit(")");
  }

  // --- Expressions ---

  Piece Wrap(Piece piece) {
    piece.tokens.insert(piece.tokens.begin(), "(");
    piece.tokens.push_back(")");
    piece.level = 6;
    return piece;
  }

  Piece AtLeast(Piece piece, int least) { return piece.level < least ? Wrap(piece) : piece; }

  static Piece Join(Piece left, const std::vector<std::string>& op, const Piece& right, int level) {
    left.tokens.insert(left.tokens.end(), op.begin(), op.end());
    left.tokens.insert(left.tokens.end(), right.tokens.begin(), right.tokens.end());
    left.level = level;
    return left;
  }

  Piece Expr(int depth) {
    Piece piece = depth <= 0 || Chance(30) ? Atom(depth) : Compound(depth - 1);
    return Chance(8) ? Wrap(piece) : piece;
  }

  Piece Compound(int depth) {
    switch (Below(11)) {
      case 0:
        return Join(AtLeast(Expr(depth), 1), {"or"}, AtLeast(Expr(depth), 2), 1);
      case 1:
        return Join(AtLeast(Expr(depth), 2), {"and"}, AtLeast(Expr(depth), 3), 2);
      case 2: {
        Piece operand = AtLeast(Expr(depth), 3);
        operand.tokens.insert(operand.tokens.begin(), "not");
        operand.level = 3;
        return operand;
      }
      case 3: {
        std::vector<std::string> op = {
            Pick<std::string>({"==", "!=", "<", "<=", ">", ">=", "matches"})};
        if (Chance(20)) op = {"in"};
        if (Chance(10)) op = {"not", "in"};
        return Join(AtLeast(Expr(depth), 5), op, AtLeast(Expr(depth), 5), 4);
      }
      case 4: {
        Piece changed = AtLeast(Expr(depth), 5);
        changed.tokens.push_back("changed");
        if (Chance(50)) changed = Join(changed, {"from"}, AtLeast(Expr(depth), 5), 4);
        if (Chance(50)) changed = Join(changed, {"to"}, AtLeast(Expr(depth), 5), 4);
        changed.level = 4;
        return changed;
      }
      case 5:
        return Join(AtLeast(Expr(depth), 5), {Chance(50) ? "+" : "-"}, AtLeast(Expr(depth), 6), 5);
      case 6:
        return Join(AtLeast(Expr(depth), 6), {"."}, Piece{{Name()}, 6}, 6);
      case 7: {
        Piece index = Join(AtLeast(Expr(depth), 6), {"["}, Expr(depth), 6);
        index.tokens.push_back("]");
        return index;
      }
      case 8:
        return Call(depth);
      case 9:
        return Sequence(depth, "[", "]", false);
      default:
        return Sequence(depth, "{", "}", true);
    }
  }

  Piece Call(int depth) {
    Piece call{{Pick<std::string>({"lower", "len", "default", "join", "env", "linked"}), "("}, 6};
    int args = Below(4);
    for (int i = 0; i < args; ++i) {
      if (i > 0) call.tokens.push_back(",");
      if (Chance(25)) {
        call.tokens.push_back(Pick<std::string>({"sep", "limit_", "n"}));
        call.tokens.push_back("=");
      }
      Piece arg = Expr(depth);
      call.tokens.insert(call.tokens.end(), arg.tokens.begin(), arg.tokens.end());
    }
    if (args > 0 && Chance(20)) call.tokens.push_back(",");
    call.tokens.push_back(")");
    return call;
  }

  // A list, or an object with string or bare keys.
  Piece Sequence(int depth, const char* open, const char* close, bool object) {
    Piece sequence{{open}, 6};
    int items = Below(4);
    for (int i = 0; i < items; ++i) {
      if (i > 0) sequence.tokens.push_back(",");
      if (object) {
        sequence.tokens.push_back(Chance(50) ? StringToken() : Name());
        sequence.tokens.push_back(":");
      }
      Piece item = Expr(depth);
      sequence.tokens.insert(sequence.tokens.end(), item.tokens.begin(), item.tokens.end());
    }
    if (items > 0 && Chance(20)) sequence.tokens.push_back(",");
    sequence.tokens.push_back(close);
    return sequence;
  }

  Piece Atom(int depth) {
    switch (Below(9)) {
      case 0:
        return {{Name()}, 6};
      case 1:
        return Chance(50) ? Piece{{"-", Number()}, 6} : Piece{{Number()}, 6};
      case 2:
        return {{StringToken()}, 6};
      case 3:
        return {{Interpolated()}, 6};
      case 4:
        return {{Pick<std::string>({"true", "false", "null"})}, 6};
      case 5:
        return Join(Piece{{Name()}, 6}, {"."}, Piece{{Name()}, 6}, 6);
      case 6:
        return {{LongString()}, 6};
      default:
        return depth > 0 ? Compound(depth - 1) : Piece{{Name()}, 6};
    }
  }

  std::string Number() {
    std::string digits = std::to_string(Below(1000));
    if (Chance(30)) digits += "." + std::to_string(Below(100));
    if (Chance(5)) digits = "007";
    return digits;
  }

  // A string literal spelled with random (valid) escapes.
  std::string StringToken() {
    static const std::vector<std::string> kPieces = {
        "a", "Sev", " ",       "\\\"",     "\\\\", "\\n", "\\t", "\t",      "\\$", "$",      "\\${",
        "}", "{",   "\\u00e9", "\xC3\xA9", "#",    "`",   "\\r", "\\u0001", "x y", "\\u00FF"};
    std::string token = "\"";
    bool bare_dollar = false;
    int length = Below(6);
    for (int i = 0; i < length; ++i) {
      const std::string& piece = Pick(kPieces);
      // A bare `$` before `{` would start an interpolation.
      if (bare_dollar && piece[0] == '{') token += "x";
      token += piece;
      bare_dollar = piece == "$";
    }
    return token + "\"";
  }

  // A string with ${...} parts; the parts hold no strings or braces.
  std::string Interpolated() {
    std::string token = "\"[";
    int parts = 1 + Below(3);
    for (int i = 0; i < parts; ++i) {
      token += Pick<std::string>({"${", "${ "});
      token += Pick<std::string>({"incident.title", "len(labels)", "x + 1", "a.b[0]",
                                  "default(issue.key, 0)", "not x", "(a or b) and c",
                                  "{k: 1, j: [x]}.k"});
      token += Pick<std::string>({"}", " }"});
      token += Pick<std::string>({"", " - ", "\\\"", "$"});
    }
    return token + "]\"";
  }

  // A string long enough to push a `do` call past 100 columns.
  std::string LongString() {
    return "\"" + std::string(static_cast<size_t>(20 + Below(60)), 'w') + "\"";
  }

  uint64_t state_;
  int comment_count_ = 0;
  std::string out_;
};

}  // namespace syncrule::testing

#endif  // SYNCRULE_TESTS_COMPILER_RULE_FILE_GENERATOR_H_
