#include "compiler/diagnostic.h"

#include <fmt/format.h>

#include <algorithm>

namespace syncrule {
namespace {

// Counts the code points in `text`, so that carets line up under non-ASCII
// text in a terminal.
int CodePointWidth(std::string_view text) {
  int width = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++width;
  }
  return width;
}

// Replaces control characters with spaces so that a source line cannot move
// the cursor or ring the bell when printed.
std::string Printable(std::string_view line) {
  std::string out(line);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
  }
  return out;
}

}  // namespace

void DiagnosticList::Add(Diagnostic diagnostic) {
  if (diagnostic.severity == Severity::kError) ++error_count_;
  if (items_.size() >= kMaxDiagnostics) {
    ++dropped_;
    return;
  }
  items_.push_back(std::move(diagnostic));
}

Diagnostic& DiagnosticList::Placeholder() {
  overflow_ = Diagnostic{};
  return overflow_;
}

Diagnostic& DiagnosticList::Error(std::string code, SourceRange range,
                                  std::string message) {
  Add(Diagnostic{Severity::kError, std::move(code), range, std::move(message),
                 {}, {}});
  return dropped_ > 0 && items_.size() >= kMaxDiagnostics ? Placeholder()
                                                          : items_.back();
}

Diagnostic& DiagnosticList::Warning(std::string code, SourceRange range,
                                    std::string message) {
  Add(Diagnostic{Severity::kWarning, std::move(code), range,
                 std::move(message), {}, {}});
  return dropped_ > 0 && items_.size() >= kMaxDiagnostics ? Placeholder()
                                                          : items_.back();
}

void DiagnosticList::Append(const DiagnosticList& other) {
  for (const Diagnostic& d : other.items_) Add(d);
  dropped_ += other.dropped_;
  error_count_ += other.error_count_ -
                  std::count_if(other.items_.begin(), other.items_.end(),
                                [](const Diagnostic& d) {
                                  return d.severity == Severity::kError;
                                });
}

const char* SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kNote: return "note";
  }
  return "error";
}

std::string FormatDiagnostic(const Source& source,
                             const Diagnostic& diagnostic) {
  std::string_view text = source.text();
  uint32_t begin = std::min<uint32_t>(diagnostic.range.begin,
                                      static_cast<uint32_t>(text.size()));
  SourcePosition position = source.PositionOf(begin);
  std::string out = fmt::format("{}:{}:{}: {}[{}]: {}\n", source.name(),
                                position.line, position.column,
                                SeverityName(diagnostic.severity),
                                diagnostic.code, diagnostic.message);
  size_t newline = text.substr(0, begin).rfind('\n');
  size_t line_begin = newline == std::string_view::npos ? 0 : newline + 1;
  size_t line_end = std::min(text.find('\n', begin), text.size());
  std::string_view line = text.substr(line_begin, line_end - line_begin);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  size_t span_end = std::clamp<size_t>(diagnostic.range.end, begin,
                                       line_begin + line.size());
  int indent = CodePointWidth(text.substr(line_begin, begin - line_begin));
  int width = std::max(1, CodePointWidth(text.substr(begin, span_end - begin)));
  std::string gutter = std::to_string(position.line);
  std::string pad(gutter.size(), ' ');
  out += fmt::format(" {} | {}\n", gutter, Printable(line));
  out += fmt::format(" {} | {}{}\n", pad, std::string(indent, ' '),
                     std::string(width, '^'));
  for (const std::string& note : diagnostic.notes) {
    out += fmt::format(" {} = note: {}\n", pad, note);
  }
  for (const FixIt& fix : diagnostic.fixes) {
    out += fmt::format(" {} = help: {}\n", pad, fix.message);
  }
  return out;
}

}  // namespace syncrule
