#include "runtime/program.h"

#include <algorithm>

#include <fmt/format.h>

#include "runtime/verifier.h"

namespace syncrule::runtime {

// Builds a Program from a verified image: everything done once at load.
class ProgramLinker {
 public:
  static LoadResult Link(ModuleImage image) {
    std::shared_ptr<Program> program(new Program());
    program->image_ = std::move(image);
    ModuleStatus status = LinkInto(*program);
    if (!status.ok()) return LoadResult{nullptr, status};
    return LoadResult{std::move(program), ModuleStatus{}};
  }

 private:
  static ModuleStatus LinkInto(Program& p) {
    const ModuleImage& m = p.image_;
    p.constants_.reserve(m.constants.size());
    for (const nlohmann::json& c : m.constants) {
      p.constants_.push_back(FromJson(c, p.constant_arena_));
    }
    if (p.constant_arena_.exceeded()) {
      // Instructions rely on the verified constant types; a constant that
      // did not fit would read as null.
      return ModuleStatus{ModuleError::kBadValue,
                          "the constants need more than 64 MiB once loaded"};
    }
    for (const SetImage& s : m.sets) {
      p.sets_.emplace_back(s.items.begin(), s.items.end());
    }
    ModuleStatus status = CompileRegexes(p);
    if (!status.ok()) return status;
    for (const MapImage& map : m.maps) {
      auto& out = p.maps_.emplace_back();
      for (const auto& [key, constant] : map.entries) out.emplace(key, constant);
    }
    for (size_t t = 0; t < m.jql_terms.size(); ++t) {
      const JqlTermImage& image = m.jql_terms[t];
      JqlTerm term;
      std::string error;
      if (!PrepareJqlTerm(image, m.jql_fields[image.field], &term, &error)) {
        return ModuleStatus{ModuleError::kBadValue,
                            fmt::format("JQL term {}: {}", t, error)};
      }
      p.jql_terms_.push_back(std::move(term));
    }
    IndexFormats(p);
    p.pointers_.reserve(p.image_.paths.size());
    for (const std::string& path : p.image_.paths) p.pointers_.emplace_back(path);
    IndexRules(p);
    p.index_ = RuleIndex::Build(p);
    return ModuleStatus{};
  }

  static ModuleStatus CompileRegexes(Program& p) {
    for (size_t r = 0; r < p.image_.regexes.size(); ++r) {
      const RegexImage& image = p.image_.regexes[r];
      RE2::Options options;
      options.set_log_errors(false);
      options.set_max_mem(kRegexMaxMemory);
      options.set_case_sensitive(!image.case_insensitive);
      auto re = std::make_unique<RE2>(image.pattern, options);
      if (!re->ok()) {
        return ModuleStatus{ModuleError::kBadRegex,
                            fmt::format("regex {} /{}/ does not compile: {}", r,
                                        image.pattern, re->error())};
      }
      if (re->ProgramSize() > kMaxRegexProgramSize) {
        return ModuleStatus{ModuleError::kBadRegex,
                            fmt::format("regex {} /{}/ is too large ({} > {} "
                                        "instructions)",
                                        r, image.pattern, re->ProgramSize(),
                                        kMaxRegexProgramSize)};
      }
      p.regexes_.push_back(std::move(re));
    }
    return ModuleStatus{};
  }

  static void IndexFormats(Program& p) {
    const ModuleImage& m = p.image_;
    for (const FieldImage& field : m.fields) {
      for (const auto& [format, path] : field.paths) {
        p.formats_.emplace(format, static_cast<uint32_t>(p.formats_.size()));
      }
    }
    p.field_paths_.assign(p.formats_.size() * m.fields.size(), -1);
    for (size_t f = 0; f < m.fields.size(); ++f) {
      for (const auto& [format, path] : m.fields[f].paths) {
        size_t index = p.formats_.find(format)->second;
        p.field_paths_[index * m.fields.size() + f] = static_cast<int32_t>(path);
      }
    }
  }

  static void IndexRules(Program& p) {
    const ModuleImage& m = p.image_;
    p.rule_of_pc_.resize(m.code.size());
    for (uint32_t r = 0; r < m.rules.size(); ++r) {
      const RuleImage& rule = m.rules[r];
      p.rule_starts_.push_back({rule.code_begin, rule.local_count, rule.iterator_count});
      std::fill(p.rule_of_pc_.begin() + rule.code_begin,
                p.rule_of_pc_.begin() + rule.code_end, r);
      p.max_stack_ = std::max(p.max_stack_, rule.max_stack);
      p.max_locals_ = std::max(p.max_locals_, rule.local_count);
      p.max_iterators_ = std::max(p.max_iterators_, rule.iterator_count);
      if (rule.manual) continue;
      for (const std::string& trigger : rule.triggers) {
        std::vector<uint32_t>& list = p.rules_by_trigger_[trigger];
        if (list.empty() || list.back() != r) list.push_back(r);
      }
    }
  }
};

int Program::FindRule(std::string_view name) const {
  for (size_t r = 0; r < image_.rules.size(); ++r) {
    if (image_.rules[r].name == name) return static_cast<int>(r);
  }
  return -1;
}

std::span<const uint32_t> Program::RulesFor(std::string_view event_type) const {
  auto it = rules_by_trigger_.find(event_type);
  if (it == rules_by_trigger_.end()) return {};
  return it->second;
}

int Program::FormatIndex(std::string_view format) const {
  auto it = formats_.find(format);
  return it == formats_.end() ? -1 : static_cast<int>(it->second);
}

SourceLocation Program::Locate(uint32_t pc) const {
  SourceLocation location;
  if (pc < rule_of_pc_.size()) location.rule = static_cast<int>(rule_of_pc_[pc]);
  auto it = std::upper_bound(
      image_.lines.begin(), image_.lines.end(), pc,
      [](uint32_t value, const LineEntry& entry) { return value < entry.pc; });
  if (it == image_.lines.begin()) return location;
  --it;
  location.file = static_cast<int>(it->file);
  location.line = it->line;
  location.column = it->column;
  return location;
}

size_t Program::MemoryBytes() const {
  size_t bytes = image_.code.size() * sizeof(Instruction) +
                 constant_arena_.capacity() + constants_.size() * sizeof(Value);
  for (const auto& set : sets_) bytes += set.size() * 48;
  for (const auto& file : image_.files) bytes += file.text.size();
  for (const auto& rule : image_.rules) bytes += sizeof(rule) + rule.name.size();
  bytes += regexes_.size() * 4096;
  return bytes;
}

LoadResult LoadImage(ModuleImage image) {
  ModuleStatus status = VerifyModule(image);
  if (!status.ok()) return LoadResult{nullptr, status};
  return ProgramLinker::Link(std::move(image));
}

LoadResult LoadModule(std::string_view bytes) {
  ModuleImage image;
  ModuleStatus status = ReadModule(bytes, &image);
  if (!status.ok()) return LoadResult{nullptr, status};
  return LoadImage(std::move(image));
}

}  // namespace syncrule::runtime
