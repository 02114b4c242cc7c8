#include "cli/junit.h"

#include <fmt/format.h>

#include <ostream>

namespace syncrule::cli {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Returns the length of the valid UTF-8 sequence starting at `text[i]`, or
// 0 when it is not one.
size_t Utf8Length(std::string_view text, size_t i) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || i + length > text.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return 0;
  }
  return length;
}

// Counts the cases of `suites` with status `status`.
int Count(const std::vector<JunitCase>& cases, JunitStatus status) {
  int n = 0;
  for (const JunitCase& c : cases) n += c.status == status ? 1 : 0;
  return n;
}

// Writes one <testcase>.
void WriteCase(std::ostream& out, const JunitCase& c) {
  out << fmt::format(R"(    <testcase name="{}" classname="{}" time="{:.3f}")",
                     XmlEscape(c.name), XmlEscape(c.classname), c.seconds);
  if (c.status == JunitStatus::kPassed) {
    out << "/>\n";
    return;
  }
  out << ">\n";
  const char* tag = c.status == JunitStatus::kFailed  ? "failure"
                    : c.status == JunitStatus::kError ? "error"
                                                      : "skipped";
  out << fmt::format(R"(      <{} message="{}">{}</{}>)", tag, XmlEscape(c.message),
                     XmlEscape(c.details), tag)
      << "\n    </testcase>\n";
}

}  // namespace

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    size_t length = Utf8Length(text, i);
    if (length == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    if (length > 1) {
      out.append(text.substr(i, length));
      i += length;
      continue;
    }
    char c = text[i++];
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\t': case '\n': case '\r': out += c; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
          out += kReplacement;
        } else {
          out += c;
        }
    }
  }
  return out;
}

void WriteJunit(std::ostream& out, const std::string& name,
                const std::vector<JunitSuite>& suites) {
  int tests = 0, failures = 0, errors = 0, skipped = 0;
  for (const JunitSuite& suite : suites) {
    tests += static_cast<int>(suite.cases.size());
    failures += Count(suite.cases, JunitStatus::kFailed);
    errors += Count(suite.cases, JunitStatus::kError);
    skipped += Count(suite.cases, JunitStatus::kSkipped);
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << fmt::format(R"(<testsuites name="{}" tests="{}" failures="{}" errors="{}" skipped="{}">)",
                     XmlEscape(name), tests, failures, errors, skipped)
      << "\n";
  for (const JunitSuite& suite : suites) {
    out << fmt::format(
               R"(  <testsuite name="{}" tests="{}" failures="{}" errors="{}" skipped="{}">)",
               XmlEscape(suite.name), suite.cases.size(),
               Count(suite.cases, JunitStatus::kFailed), Count(suite.cases, JunitStatus::kError),
               Count(suite.cases, JunitStatus::kSkipped))
        << "\n";
    for (const JunitCase& c : suite.cases) WriteCase(out, c);
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

}  // namespace syncrule::cli
