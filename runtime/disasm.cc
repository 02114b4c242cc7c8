#include "runtime/disasm.h"

#include <fmt/format.h>

#include "stdlib/builtin_names.h"

namespace syncrule::runtime {
namespace {

constexpr size_t kMaxShown = 48;

// JSON text of `value`; invalid UTF-8 (a refused module's strings) is
// replaced rather than thrown on.
std::string Dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string Shorten(std::string text) {
  if (text.size() > kMaxShown) {
    text.resize(kMaxShown - 3);
    text += "...";
  }
  return text;
}

std::string ConstantText(const ModuleImage& m, uint32_t index) {
  if (index >= m.constants.size()) return fmt::format("K{}?", index);
  return Shorten(Dump(m.constants[index]));
}

std::string SetText(const ModuleImage& m, uint32_t index) {
  if (index >= m.sets.size()) return "?";
  std::string out = "{";
  for (size_t k = 0; k < m.sets[index].items.size(); ++k) {
    if (k > 0) out += ", ";
    out += Dump(nlohmann::json(m.sets[index].items[k]));
  }
  return Shorten(out + "}");
}

const char* kJqlOpNames[] = {"=",  "!=", "~",  "!~",  "<",      ">",
                             "<=", ">=", "IN", "NOT IN", "IS", "IS NOT",
                             "WAS", "WAS NOT", "WAS IN", "WAS NOT IN", "CHANGED"};

std::string TermText(const ModuleImage& m, uint32_t index) {
  if (index >= m.jql_terms.size()) return "?";
  const JqlTermImage& t = m.jql_terms[index];
  std::string field = t.field < m.jql_fields.size() ? m.jql_fields[t.field].name : "?";
  std::string out = field + " " + kJqlOpNames[static_cast<int>(t.op)];
  if (!t.text_query.empty()) out += " " + Dump(nlohmann::json(t.text_query));
  for (size_t k = 0; k < t.values.size(); ++k) {
    const JqlOperandImage& v = t.values[k];
    out += k == 0 ? " " : ", ";
    if (v.kind == JqlOperandKind::kEmpty) {
      out += "EMPTY";
    } else if (v.kind == JqlOperandKind::kDateFunction) {
      out += v.text + "(" + v.argument + ")";
    } else {
      out += Dump(nlohmann::json(v.text));
    }
  }
  if (!t.windows.empty() || t.has_by || t.has_from || t.has_to) out += " +predicates";
  return Shorten(out);
}

std::string Explain(const ModuleImage& m, uint32_t pc, Instruction i) {
  Opcode op = OpOf(i);
  uint32_t a = ArgA(i);
  switch (FormatOf(op)) {
    case OperandFormat::kNone: return "";
    case OperandFormat::kSignedA: return fmt::format("{}", ArgSJ(i));
    case OperandFormat::kConst: return fmt::format("K{}  ; {}", a, ConstantText(m, a));
    case OperandFormat::kField:
      return fmt::format("F{}  ; {}", a, a < m.fields.size() ? m.fields[a].name : "?");
    case OperandFormat::kPath:
      return fmt::format("P{}  ; {}", a, a < m.paths.size() ? m.paths[a] : "?");
    case OperandFormat::kLocal: return fmt::format("L{}", a);
    case OperandFormat::kSet: return fmt::format("S{}  ; {}", a, SetText(m, a));
    case OperandFormat::kRegex:
      return fmt::format("R{}  ; /{}/", a, a < m.regexes.size() ? m.regexes[a].pattern : "?");
    case OperandFormat::kCount: return fmt::format("{}", a);
    case OperandFormat::kObject:
      return fmt::format("{} K{}  ; {}", ArgShortA(i), ArgB(i), ConstantText(m, ArgB(i)));
    case OperandFormat::kMap:
      return fmt::format("M{}  ; {}", a, a < m.maps.size() ? m.maps[a].name : "?");
    case OperandFormat::kCall:
    case OperandFormat::kCallRegex: {
      uint32_t id = ArgShortA(i);
      std::string name = id < stdlib::kBuiltins.size()
                             ? std::string(stdlib::kBuiltins[id].name) : "?";
      if (FormatOf(op) == OperandFormat::kCall) {
        return fmt::format("{}/{}", name, ArgB(i));
      }
      return fmt::format("{} R{}  ; /{}/", name, ArgB(i),
                         ArgB(i) < m.regexes.size() ? m.regexes[ArgB(i)].pattern : "?");
    }
    case OperandFormat::kChanged:
      return fmt::format("F{}{}{}  ; {}", ArgB(i), ArgShortA(i) & 1 ? " from" : "",
                         ArgShortA(i) & 2 ? " to" : "",
                         ArgB(i) < m.fields.size() ? m.fields[ArgB(i)].name : "?");
    case OperandFormat::kLinkedField: return fmt::format("K{}  ; {}", a, ConstantText(m, a));
    case OperandFormat::kJump:
    case OperandFormat::kIterJump: {
      int64_t target = static_cast<int64_t>(pc) + 1 + JumpOffset(i);
      if (FormatOf(op) == OperandFormat::kIterJump) {
        return fmt::format("I{} -> {:04}", ArgShortA(i), target);
      }
      return fmt::format("-> {:04}", target);
    }
    case OperandFormat::kIter: return fmt::format("I{} limit {}", ArgShortA(i), ArgB(i));
    case OperandFormat::kSite: {
      if (a >= m.sites.size()) return fmt::format("E{}", a);
      std::string args;
      for (const std::string& name : m.sites[a].arg_names) {
        args += (args.empty() ? "" : ", ") + name;
      }
      return fmt::format("E{}  ; {}({})", a, m.sites[a].action, args);
    }
    case OperandFormat::kView: return a == 0 ? "current" : "previous";
    case OperandFormat::kJqlField:
      return fmt::format("JF{}  ; {}", a, a < m.jql_fields.size() ? m.jql_fields[a].name : "?");
    case OperandFormat::kJqlTerm: return fmt::format("JT{}  ; {}", a, TermText(m, a));
  }
  return "";
}

std::string_view SourceLine(const ModuleImage& m, uint32_t file, uint32_t line) {
  if (file >= m.files.size() || line == 0) return std::string_view();
  std::string_view text = m.files[file].text;
  for (uint32_t l = 1; l < line; ++l) {
    size_t next = text.find('\n');
    if (next == std::string_view::npos) return std::string_view();
    text.remove_prefix(next + 1);
  }
  return text.substr(0, text.find('\n'));
}

void ListRule(const ModuleImage& m, size_t r, const DisasmOptions& options,
              std::string* out) {
  const RuleImage& rule = m.rules[r];
  std::string file = rule.file < m.files.size() ? m.files[rule.file].name : "?";
  *out += fmt::format("rule {} \"{}\"  ({}:{}:{})\n", r, rule.name, file, rule.line,
                      rule.column);
  std::string triggers;
  for (const std::string& t : rule.triggers) triggers += (triggers.empty() ? "" : ", ") + t;
  *out += fmt::format("  on {}{}\n", rule.manual ? "manual " : "",
                      triggers.empty() ? "-" : triggers);
  if (!rule.jql.empty()) {
    *out += fmt::format("  match jql `{}`{}\n", rule.jql,
                        rule.becomes_true ? " becomes true" : "");
  }
  *out += fmt::format("  locals {}, iterators {}, stack {}{}\n", rule.local_count,
                      rule.iterator_count, rule.max_stack,
                      rule.one_link_per_entity ? "" : ", allow duplicates");
  size_t line_index = 0;
  while (line_index < m.lines.size() && m.lines[line_index].pc < rule.code_begin) ++line_index;
  uint32_t shown_line = 0;
  for (uint32_t pc = rule.code_begin; pc < rule.code_end && pc < m.code.size(); ++pc) {
    while (line_index + 1 < m.lines.size() && m.lines[line_index + 1].pc <= pc) ++line_index;
    uint32_t line = 0;
    if (line_index < m.lines.size() && m.lines[line_index].pc <= pc) {
      const LineEntry& e = m.lines[line_index];
      line = e.line;
      if (options.source_lines && e.line != shown_line) {
        std::string_view text = SourceLine(m, e.file, e.line);
        while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
          text.remove_prefix(1);
        }
        *out += fmt::format("  ; {:>3} | {}\n", e.line, text);
        shown_line = e.line;
      }
    }
    *out += fmt::format("  {:04} {:>4}  {}\n", pc,
                        line > 0 ? fmt::format("{}", line) : std::string("-"),
                        DisassembleInstruction(m, pc));
  }
}

}  // namespace

std::string DisassembleInstruction(const ModuleImage& m, uint32_t pc) {
  if (pc >= m.code.size()) return "?";
  Instruction i = m.code[pc];
  if (OpByte(i) >= kOpcodeCount) return fmt::format("<bad opcode {}>", OpByte(i));
  std::string operands = Explain(m, pc, i);
  std::string name(OpcodeName(OpOf(i)));
  if (operands.empty()) return name;
  return fmt::format("{:<13} {}", name, operands);
}

std::string Disassemble(const ModuleImage& m, const DisasmOptions& options) {
  std::string out;
  if (options.header) {
    out += fmt::format(
        "; syncrule module v{}: {} rules, {} instructions, {} constants, {} "
        "paths, {} fields, {} sets, {} regexes, {} maps, {} JQL fields, {} JQL "
        "terms\n",
        kModuleVersion, m.rules.size(), m.code.size(), m.constants.size(),
        m.paths.size(), m.fields.size(), m.sets.size(), m.regexes.size(),
        m.maps.size(), m.jql_fields.size(), m.jql_terms.size());
  }
  for (size_t r = 0; r < m.rules.size(); ++r) {
    if (r > 0 || options.header) out += "\n";
    ListRule(m, r, options, &out);
  }
  return out;
}

}  // namespace syncrule::runtime
