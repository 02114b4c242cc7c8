#include "stdlib/text_search.h"

#include <fmt/format.h>
#include <libstemmer.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <climits>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "stdlib/english_stop_words.h"

namespace syncrule::stdlib {
namespace {

// Lucene's StandardTokenizer cuts words after this many characters; we split
// longer runs into pieces of this size the same way.
constexpr size_t kMaxWordChars = 255;
// ICU strings are indexed with int32_t; text beyond this many bytes is not
// analyzed. Jira's own text fields hold at most 32,767 characters.
constexpr size_t kMaxAnalyzedBytes = size_t{1} << 30;

// Wildcard patterns are UTF-32 strings in which these two values, outside the
// Unicode range, stand for `*` and `?`.
constexpr char32_t kStarMarker = 0x110000;
constexpr char32_t kAnyMarker = 0x110001;
constexpr char32_t kReplacementChar = 0xFFFD;

// ---------------------------------------------------------------------------
// Unicode helpers.

void AppendUtf8(UChar32 c, std::string* out) {
  char buffer[U8_MAX_LENGTH];
  int32_t length = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buffer), length, U8_MAX_LENGTH, c,
            error);
  if (error) {
    AppendUtf8(kReplacementChar, out);
    return;
  }
  out->append(buffer, static_cast<size_t>(length));
}

// Decodes the code point at byte `*index` of `text` and advances past it.
// Malformed UTF-8 decodes as U+FFFD.
UChar32 NextCodePoint(std::string_view text, size_t* index) {
  const size_t limit = std::min(text.size(), *index + U8_MAX_LENGTH);
  int32_t i = 0;
  UChar32 c = 0;
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data() + *index), i,
          static_cast<int32_t>(limit - *index), c);
  *index += static_cast<size_t>(i);
  return c < 0 ? kReplacementChar : c;
}

bool IsAscii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

const icu::Normalizer2* NfkcCasefold() {
  static const icu::Normalizer2* const instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* normalizer =
        icu::Normalizer2::getNFKCCasefoldInstance(status);
    return U_SUCCESS(status) ? normalizer : nullptr;
  }();
  return instance;
}

// Case-folds `text` with Unicode full case folding after NFKC normalization
// (NFKC_Casefold): "STRASSE", "Straße" and "ｓｔｒａｓｓｅ" all become
// "strasse", and precomposed and decomposed accents agree.
icu::UnicodeString Fold(std::string_view text) {
  icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (const icu::Normalizer2* normalizer = NfkcCasefold()) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString folded = normalizer->normalize(source, status);
    if (U_SUCCESS(status)) return folded;
  }
  source.foldCase(U_FOLD_CASE_DEFAULT);
  return source;
}

bool IsMark(UChar32 c) { return (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0; }

bool IsApostrophe(UChar32 c) { return c == '\'' || c == 0x2019 || c == 0xFF07; }

// Ideographs and Hiragana form one word per character, as in Lucene's
// StandardTokenizer, so that a CJK word can be found inside a longer run.
bool IsSingleCharWord(UChar32 c) {
  if (c < 0x3000) return false;
  if (u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC)) return true;
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(c, &status) == USCRIPT_HIRAGANA;
}

bool IsWordChar(UChar32 c) { return u_isalnum(c) && !IsSingleCharWord(c); }

// ---------------------------------------------------------------------------
// Stemming.

// Snowball stemmers keep state between calls, so each thread gets its own.
class Stemmer {
 public:
  Stemmer() : stemmer_(sb_stemmer_new("english", nullptr)) {}
  ~Stemmer() {
    if (stemmer_ != nullptr) sb_stemmer_delete(stemmer_);
  }
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;

  // Returns the Snowball English stem of `word` (UTF-8, folded).
  std::string Stem(const std::string& word) {
    if (stemmer_ == nullptr || word.size() > INT_MAX) return word;
    const sb_symbol* stem = sb_stemmer_stem(
        stemmer_, reinterpret_cast<const sb_symbol*>(word.data()),
        static_cast<int>(word.size()));
    if (stem == nullptr) return word;
    return std::string(reinterpret_cast<const char*>(stem),
                       static_cast<size_t>(sb_stemmer_length(stemmer_)));
  }

 private:
  sb_stemmer* stemmer_;
};

std::string Stem(const std::string& word) {
  thread_local Stemmer stemmer;
  return stemmer.Stem(word);
}

// ---------------------------------------------------------------------------
// Word splitting.

// Collects the characters of one word at a time and turns finished words into
// index terms.
class WordCollector {
 public:
  explicit WordCollector(AnalyzedText* out) : out_(out) {}

  bool InWord() const { return !current_.empty(); }

  // Adds a character to the current word.
  void Append(UChar32 c) {
    if (chars_ == kMaxWordChars) Flush();
    AppendUtf8(c, &current_);
    ++chars_;
  }

  // Ends the current word, if any.
  void Flush() {
    if (current_.empty()) return;
    Emit(std::move(current_));
    current_.clear();
    chars_ = 0;
  }

 private:
  // Drops a trailing possessive "'s", skips stop words (keeping their
  // position) and stems the rest.
  void Emit(std::string word) {
    if (word.size() > 2 && word.compare(word.size() - 2, 2, "'s") == 0) {
      word.resize(word.size() - 2);
    }
    if (IsEnglishStopWord(word)) {
      out_->terms.emplace_back();
    } else {
      out_->terms.push_back(Stem(word));
    }
    out_->words.push_back(std::move(word));
  }

  AnalyzedText* out_;
  std::string current_;
  size_t chars_ = 0;
};

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9');
}

char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// The fast path for ASCII text; it gives the same words as the ICU path.
void SplitAscii(std::string_view text, WordCollector* words) {
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (IsAsciiAlnum(c)) {
      words->Append(AsciiLower(c));
    } else if (c == '\'' && words->InWord() && i + 1 < text.size() &&
               IsAsciiAlnum(text[i + 1])) {
      words->Append('\'');
    } else {
      words->Flush();
    }
  }
  words->Flush();
}

// Returns true when the code point after index `i` of `s` is a word char.
bool NextIsWordChar(const UChar* s, int32_t i, int32_t length) {
  if (i >= length) return false;
  UChar32 next = 0;
  U16_NEXT(s, i, length, next);
  return IsWordChar(next);
}

void SplitUnicode(std::string_view text, WordCollector* words) {
  const icu::UnicodeString folded = Fold(text);
  const UChar* s = folded.getBuffer();
  const int32_t length = folded.length();
  int32_t i = 0;
  while (i < length) {
    UChar32 c = 0;
    U16_NEXT(s, i, length, c);
    if (IsSingleCharWord(c)) {
      words->Flush();
      words->Append(c);
      words->Flush();
    } else if (IsWordChar(c) || (words->InWord() && IsMark(c))) {
      words->Append(c);
    } else if (IsApostrophe(c) && words->InWord() &&
               NextIsWordChar(s, i, length)) {
      words->Append('\'');
    } else {
      words->Flush();
    }
  }
  words->Flush();
}

// ---------------------------------------------------------------------------
// Wildcards.

// Matches `value` against `pattern` (both UTF-32; the pattern holds
// kStarMarker/kAnyMarker). Iterative with one backtrack point, so the cost is
// at most |pattern| * |value| steps whatever the input.
bool GlobMatch(std::u32string_view pattern, std::u32string_view value) {
  size_t p = 0;
  size_t v = 0;
  size_t star_p = std::u32string_view::npos;
  size_t star_v = 0;
  while (v < value.size()) {
    if (p < pattern.size() && pattern[p] == kStarMarker) {
      star_p = p++;
      star_v = v;
    } else if (p < pattern.size() &&
               (pattern[p] == kAnyMarker || pattern[p] == value[v])) {
      ++p;
      ++v;
    } else if (star_p != std::u32string_view::npos) {
      p = star_p + 1;
      v = ++star_v;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == kStarMarker) ++p;
  return p == pattern.size();
}

// Decodes UTF-8 into `*out`, optionally applying simple case folding to each
// code point (which keeps one character per character, as `?` needs), and
// turning unescaped `*` and `?` into markers when `wildcards` is set.
void DecodeUtf32(std::string_view text, bool fold, bool wildcards,
                 std::u32string* out) {
  out->clear();
  size_t i = 0;
  while (i < text.size()) {
    UChar32 c = NextCodePoint(text, &i);
    if (wildcards && c == '*') {
      out->push_back(kStarMarker);
    } else if (wildcards && c == '?') {
      out->push_back(kAnyMarker);
    } else {
      if (fold) c = u_foldCase(c, U_FOLD_CASE_DEFAULT);
      out->push_back(static_cast<char32_t>(c));
    }
  }
}

// Folds a wildcard term the way the analyzer folds words and returns it as a
// pattern. `*` and `?` are ASCII, which NFKC_Casefold leaves alone.
std::u32string WildcardPattern(std::string_view term) {
  std::string folded;
  if (IsAscii(term)) {
    folded.reserve(term.size());
    for (char c : term) folded.push_back(AsciiLower(c));
  } else {
    Fold(term).toUTF8String(folded);
  }
  std::u32string pattern;
  DecodeUtf32(folded, /*fold=*/false, /*wildcards=*/true, &pattern);
  return pattern;
}

// ---------------------------------------------------------------------------
// Query tokens.

enum class TokenKind {
  kTerm,
  kPhrase,
  kAnd,
  kOr,
  kNot,
  kPlus,
  kMinus,
  kLeftParen,
  kRightParen,
  kFuzzy,
  kBoost,
};

struct Token {
  TokenKind kind = TokenKind::kTerm;
  // The unescaped text of a term or phrase; the spelling of an operator.
  std::string text;
  // True for a term holding an unescaped `*` or `?`.
  bool wildcard = false;
};

bool IsQuerySpace(std::string_view query, size_t i, size_t* width) {
  const char c = query[i];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
      c == '\v') {
    *width = 1;
    return true;
  }
  // U+3000 IDEOGRAPHIC SPACE, which Lucene's query parser also skips.
  if (query.compare(i, 3, "\xE3\x80\x80") == 0) {
    *width = 3;
    return true;
  }
  return false;
}

// Characters that end a term (besides white space). `+`, `-`, `*`, `?`, `&`,
// `|`, `:` and `/` do not: inside a term they are ordinary characters.
bool EndsTerm(char c) {
  switch (c) {
    case '(':
    case ')':
    case '"':
    case '^':
    case '~':
    case '!':
    case '[':
    case ']':
    case '{':
    case '}':
      return true;
    default:
      return false;
  }
}

class Lexer {
 public:
  explicit Lexer(std::string_view query) : query_(query) {}

  // Splits the query into tokens; returns false and sets `error` on failure.
  bool Run(std::vector<Token>* tokens, std::string* error) {
    while (pos_ < query_.size() && error_.empty()) {
      size_t width = 0;
      if (IsQuerySpace(query_, pos_, &width)) {
        pos_ += width;
        continue;
      }
      LexOne(tokens);
    }
    *error = error_;
    return error_.empty();
  }

 private:
  void Push(std::vector<Token>* tokens, TokenKind kind, std::string text) {
    Token token;
    token.kind = kind;
    token.text = std::move(text);
    tokens->push_back(std::move(token));
  }

  void LexOne(std::vector<Token>* tokens) {
    const char c = query_[pos_];
    switch (c) {
      case '(':
        ++pos_;
        return Push(tokens, TokenKind::kLeftParen, "(");
      case ')':
        ++pos_;
        return Push(tokens, TokenKind::kRightParen, ")");
      case '!':
        ++pos_;
        return Push(tokens, TokenKind::kNot, "!");
      case '+':
        ++pos_;
        return Push(tokens, TokenKind::kPlus, "+");
      case '-':
        ++pos_;
        return Push(tokens, TokenKind::kMinus, "-");
      case '"':
        return LexPhrase(tokens);
      case '^':
        return LexBoost(tokens);
      case '~':
        return LexFuzzy(tokens);
      case '[':
      case ']':
      case '{':
      case '}':
        error_ = fmt::format(
            "Range queries are not supported; to search for '{}', escape it "
            "as '\\{}'.",
            c, c);
        return;
      default:
        return LexTerm(tokens);
    }
  }

  // Reads an optional number "N" or "N.N" after `^` or `~`.
  bool SkipNumber() {
    const size_t start = pos_;
    while (
        pos_ < query_.size() &&
        ((query_[pos_] >= '0' && query_[pos_] <= '9') || query_[pos_] == '.')) {
      ++pos_;
    }
    return pos_ > start;
  }

  void LexBoost(std::vector<Token>* tokens) {
    ++pos_;
    if (!SkipNumber()) {
      error_ = "A boost '^' must be followed by a number.";
      return;
    }
    Push(tokens, TokenKind::kBoost, "^");
  }

  void LexFuzzy(std::vector<Token>* tokens) {
    ++pos_;
    SkipNumber();
    Push(tokens, TokenKind::kFuzzy, "~");
  }

  // Appends the code point after a backslash, literally.
  bool AppendEscaped(std::string* text) {
    ++pos_;
    if (pos_ >= query_.size()) {
      error_ = "The text query ends with a single backslash.";
      return false;
    }
    const size_t start = pos_;
    NextCodePoint(query_, &pos_);
    text->append(query_.substr(start, pos_ - start));
    return true;
  }

  void LexPhrase(std::vector<Token>* tokens) {
    ++pos_;
    std::string text;
    while (pos_ < query_.size() && query_[pos_] != '"') {
      if (query_[pos_] == '\\') {
        if (!AppendEscaped(&text)) return;
      } else {
        text.push_back(query_[pos_++]);
      }
    }
    if (pos_ >= query_.size()) {
      error_ = "The text query has a quoted phrase without a closing quote.";
      return;
    }
    ++pos_;
    Push(tokens, TokenKind::kPhrase, std::move(text));
  }

  void LexTerm(std::vector<Token>* tokens) {
    Token token;
    bool escaped = false;
    size_t width = 0;
    while (pos_ < query_.size() && !EndsTerm(query_[pos_]) &&
           !IsQuerySpace(query_, pos_, &width)) {
      const char c = query_[pos_];
      if (c == '\\') {
        escaped = true;
        std::string literal;
        if (!AppendEscaped(&literal)) return;
        // An escaped wildcard is a plain character, which is not indexed.
        token.text += (literal == "*" || literal == "?") ? " " : literal;
        continue;
      }
      token.wildcard = token.wildcard || c == '*' || c == '?';
      token.text.push_back(c);
      ++pos_;
    }
    const std::string& t = token.text;
    if (!escaped && (t == "AND" || t == "&&")) token.kind = TokenKind::kAnd;
    if (!escaped && (t == "OR" || t == "||")) token.kind = TokenKind::kOr;
    if (!escaped && t == "NOT") token.kind = TokenKind::kNot;
    tokens->push_back(std::move(token));
  }

  std::string_view query_;
  size_t pos_ = 0;
  std::string error_;
};

}  // namespace

// ---------------------------------------------------------------------------
// The compiled query: Lucene's BooleanQuery model.

struct TextQuery::Node {
  enum class Kind { kPhrase, kWildcard, kBoolean };
  // How a clause of a boolean node takes part, as in Lucene's BooleanClause.
  enum class Occur { kMust, kShould, kMustNot };
  struct Clause {
    Occur occur = Occur::kMust;
    std::unique_ptr<Node> node;
  };

  Kind kind = Kind::kPhrase;
  // kPhrase: the stems that must appear in this order (one for a term),
  // skipping stop words in the text.
  std::vector<std::string> terms;
  // kWildcard: the folded pattern, with markers for `*` and `?`.
  std::u32string pattern;
  // kBoolean: the clauses.
  std::vector<Clause> clauses;
};

namespace {

using Node = TextQuery::Node;
using Occur = Node::Occur;
using Clause = Node::Clause;

std::unique_ptr<Node> MakePhrase(std::string_view text) {
  const AnalyzedText analyzed = AnalyzeText(text);
  auto node = std::make_unique<Node>();
  node->kind = Node::Kind::kPhrase;
  for (const std::string& term : analyzed.terms) {
    if (!term.empty()) node->terms.push_back(term);
  }
  if (node->terms.empty()) return nullptr;  // only stop words: dropped
  return node;
}

std::unique_ptr<Node> MakeWildcard(std::string_view text) {
  auto node = std::make_unique<Node>();
  node->kind = Node::Kind::kWildcard;
  node->pattern = WildcardPattern(text);
  return node;
}

std::unique_ptr<Node> MakeBoolean(std::vector<Clause> clauses) {
  if (clauses.empty()) return nullptr;
  if (clauses.size() == 1 && clauses[0].occur != Occur::kMustNot) {
    return std::move(clauses[0].node);
  }
  auto node = std::make_unique<Node>();
  node->kind = Node::Kind::kBoolean;
  node->clauses = std::move(clauses);
  return node;
}

enum class Conjunction { kNone, kAnd, kOr };
enum class Modifier { kNone, kRequired, kProhibited };

// Lucene's QueryParser.addClause with the default operator AND: `AND` makes
// the previous clause required, `OR` makes it optional (unless prohibited);
// the new clause is prohibited after NOT/-/!, optional after OR, required
// otherwise. A clause that analyzed to nothing is dropped.
void AddClause(std::vector<Clause>* clauses, Conjunction conjunction,
               Modifier modifier, std::unique_ptr<Node> node) {
  if (!clauses->empty() && conjunction != Conjunction::kNone &&
      clauses->back().occur != Occur::kMustNot) {
    clauses->back().occur =
        conjunction == Conjunction::kAnd ? Occur::kMust : Occur::kShould;
  }
  if (node == nullptr) return;
  Clause clause;
  clause.node = std::move(node);
  if (modifier == Modifier::kProhibited) {
    clause.occur = Occur::kMustNot;
  } else if (conjunction == Conjunction::kOr) {
    clause.occur = Occur::kShould;
  }
  clauses->push_back(std::move(clause));
}

std::string Describe(const Token& token) {
  switch (token.kind) {
    case TokenKind::kPhrase:
      return "\"" + token.text + "\"";
    default:
      return "'" + token.text + "'";
  }
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  // Parses the whole token list; returns the root (null when the query holds
  // nothing searchable) or sets `*error`.
  std::unique_ptr<Node> Run(std::string* error) {
    std::unique_ptr<Node> root = ParseQuery(0);
    if (error_.empty() && !AtEnd()) {
      error_ =
          fmt::format("The text query has an unexpected {}.", Describe(Peek()));
    }
    *error = error_;
    return error_.empty() ? std::move(root) : nullptr;
  }

 private:
  bool AtEnd() const { return pos_ >= tokens_.size(); }
  const Token& Peek() const { return tokens_[pos_]; }
  bool PeekIs(TokenKind kind) const { return !AtEnd() && Peek().kind == kind; }

  Conjunction ReadConjunction() {
    if (PeekIs(TokenKind::kAnd)) {
      ++pos_;
      return Conjunction::kAnd;
    }
    if (PeekIs(TokenKind::kOr)) {
      ++pos_;
      return Conjunction::kOr;
    }
    return Conjunction::kNone;
  }

  Modifier ReadModifier() {
    if (PeekIs(TokenKind::kPlus)) {
      ++pos_;
      return Modifier::kRequired;
    }
    if (PeekIs(TokenKind::kMinus) || PeekIs(TokenKind::kNot)) {
      ++pos_;
      return Modifier::kProhibited;
    }
    return Modifier::kNone;
  }

  // Query := Modifier? Clause (Conjunction? Modifier? Clause)*
  std::unique_ptr<Node> ParseQuery(int depth) {
    std::vector<Clause> clauses;
    bool first = true;
    while (!AtEnd() && !PeekIs(TokenKind::kRightParen)) {
      if (first && (PeekIs(TokenKind::kAnd) || PeekIs(TokenKind::kOr))) {
        error_ = fmt::format("The operator {} needs a term before it.",
                             Describe(Peek()));
        return nullptr;
      }
      const Conjunction conjunction = ReadConjunction();
      const Modifier modifier = ReadModifier();
      std::unique_ptr<Node> node;
      if (!ParseClause(depth, &node)) return nullptr;
      AddClause(&clauses, conjunction, modifier, std::move(node));
      if (clauses.size() > kMaxTextQueryClauses) {
        error_ =
            fmt::format("The text query has more than {} clauses in one group.",
                        kMaxTextQueryClauses);
        return nullptr;
      }
      first = false;
    }
    return MakeBoolean(std::move(clauses));
  }

  // Clause := Term Suffix* | Phrase Suffix* | '(' Query ')' Suffix*
  bool ParseClause(int depth, std::unique_ptr<Node>* node) {
    if (AtEnd()) {
      error_ = "The text query ends where a term was expected.";
      return false;
    }
    const Token& token = Peek();
    switch (token.kind) {
      case TokenKind::kLeftParen:
        if (!ParseGroup(depth, node)) return false;
        break;
      case TokenKind::kTerm:
        *node =
            token.wildcard ? MakeWildcard(token.text) : MakePhrase(token.text);
        ++pos_;
        break;
      case TokenKind::kPhrase:
        *node = MakePhrase(token.text);
        ++pos_;
        break;
      default:
        error_ = fmt::format("The text query has an unexpected {}.",
                             Describe(token));
        return false;
    }
    // Fuzzy `~`, proximity `~N` and boosts `^N` are accepted and ignored.
    while (PeekIs(TokenKind::kFuzzy) || PeekIs(TokenKind::kBoost)) ++pos_;
    return true;
  }

  bool ParseGroup(int depth, std::unique_ptr<Node>* node) {
    if (depth + 1 > kMaxTextQueryDepth) {
      error_ =
          fmt::format("The text query nests parentheses more than {} deep.",
                      kMaxTextQueryDepth);
      return false;
    }
    ++pos_;
    if (PeekIs(TokenKind::kRightParen)) {
      error_ = "The text query has empty parentheses '()'.";
      return false;
    }
    *node = ParseQuery(depth + 1);
    if (!error_.empty()) return false;
    if (!PeekIs(TokenKind::kRightParen)) {
      error_ = "The text query is missing a closing ')'.";
      return false;
    }
    ++pos_;
    return true;
  }

  std::vector<Token> tokens_;
  size_t pos_ = 0;
  std::string error_;
};

// ---------------------------------------------------------------------------
// Matching.

// True when the stems of `phrase` occur in order in `terms`, ignoring the
// empty slots of stop words on the text side (the phrase has none).
bool MatchPhrase(const std::vector<std::string>& phrase,
                 const std::vector<std::string>& terms) {
  for (size_t start = 0; start < terms.size(); ++start) {
    if (terms[start] != phrase[0]) continue;
    size_t matched = 1;
    size_t j = start + 1;
    while (matched < phrase.size()) {
      while (j < terms.size() && terms[j].empty()) ++j;
      if (j == terms.size() || terms[j] != phrase[matched]) break;
      ++matched;
      ++j;
    }
    if (matched == phrase.size()) return true;
  }
  return false;
}

// True when some indexed word, or its stem, matches the wildcard pattern.
bool MatchWildcard(const std::u32string& pattern, const AnalyzedText& text,
                   std::u32string* scratch) {
  const size_t n = std::min(text.terms.size(), text.words.size());
  for (size_t i = 0; i < n; ++i) {
    if (text.terms[i].empty()) continue;  // stop words are not indexed
    DecodeUtf32(text.words[i], false, false, scratch);
    if (GlobMatch(pattern, *scratch)) return true;
    DecodeUtf32(text.terms[i], false, false, scratch);
    if (GlobMatch(pattern, *scratch)) return true;
  }
  return false;
}

bool MatchNode(const Node& node, const AnalyzedText& text,
               std::u32string* scratch);

// Lucene's BooleanQuery: every required clause matches, no prohibited one
// does, and without required clauses at least one optional clause matches.
// A group of prohibited clauses alone matches nothing.
bool MatchBoolean(const std::vector<Clause>& clauses, const AnalyzedText& text,
                  std::u32string* scratch) {
  bool has_required = false;
  bool has_optional = false;
  for (const Clause& clause : clauses) {
    if (clause.occur == Occur::kShould) {
      has_optional = true;
      continue;
    }
    const bool matched = MatchNode(*clause.node, text, scratch);
    if (clause.occur == Occur::kMustNot && matched) return false;
    if (clause.occur == Occur::kMust && !matched) return false;
    has_required = has_required || clause.occur == Occur::kMust;
  }
  if (has_required) return true;
  if (!has_optional) return false;
  for (const Clause& clause : clauses) {
    if (clause.occur == Occur::kShould &&
        MatchNode(*clause.node, text, scratch)) {
      return true;
    }
  }
  return false;
}

bool MatchNode(const Node& node, const AnalyzedText& text,
               std::u32string* scratch) {
  switch (node.kind) {
    case Node::Kind::kPhrase:
      return MatchPhrase(node.terms, text.terms);
    case Node::Kind::kWildcard:
      return MatchWildcard(node.pattern, text, scratch);
    case Node::Kind::kBoolean:
      return MatchBoolean(node.clauses, text, scratch);
  }
  return false;
}

bool StartsWithParen(std::string_view query) {
  size_t i = 0;
  size_t width = 0;
  while (i < query.size() && IsQuerySpace(query, i, &width)) i += width;
  return i < query.size() && query[i] == '(';
}

}  // namespace

AnalyzedText AnalyzeText(std::string_view text) {
  AnalyzedText result;
  if (text.size() > kMaxAnalyzedBytes) text = text.substr(0, kMaxAnalyzedBytes);
  WordCollector words(&result);
  if (IsAscii(text)) {
    SplitAscii(text, &words);
  } else {
    SplitUnicode(text, &words);
  }
  return result;
}

TextQuery::TextQuery(std::string_view query) {
  try {
    if (query.size() > kMaxTextQueryBytes) {
      error_ = fmt::format("The text query is longer than {} bytes.",
                           kMaxTextQueryBytes);
      return;
    }
    if (StartsWithParen(query)) {
      error_ = "A text query must not start with '('.";
      return;
    }
    std::vector<Token> tokens;
    if (!Lexer(query).Run(&tokens, &error_)) return;
    root_ = Parser(std::move(tokens)).Run(&error_);
  } catch (const std::exception& e) {
    root_.reset();
    error_ = fmt::format("The text query could not be compiled: {}", e.what());
  }
}

TextQuery::~TextQuery() = default;
TextQuery::TextQuery(TextQuery&&) noexcept = default;
TextQuery& TextQuery::operator=(TextQuery&&) noexcept = default;

bool TextQuery::Matches(const AnalyzedText& text) const {
  if (root_ == nullptr) return false;
  std::u32string scratch;
  return MatchNode(*root_, text, &scratch);
}

bool TextQuery::WildcardEquals(std::string_view pattern,
                               std::string_view value) {
  std::u32string compiled;
  std::u32string folded;
  DecodeUtf32(pattern, /*fold=*/true, /*wildcards=*/true, &compiled);
  DecodeUtf32(value, /*fold=*/true, /*wildcards=*/false, &folded);
  return GlobMatch(compiled, folded);
}

}  // namespace syncrule::stdlib
