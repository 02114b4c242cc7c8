#include "runtime/field_extraction.h"

#include <cmath>

#include "runtime/eval_state.h"
#include "stdlib/jql_time.h"

namespace syncrule::runtime {

std::optional<simdjson::dom::element> AtPointer(simdjson::dom::element root,
                                                std::string_view pointer) {
  if (pointer.empty()) return root;
  simdjson::dom::element found;
  if (root.at_pointer(pointer).get(found) != simdjson::SUCCESS) return std::nullopt;
  return found;
}

Value ConvertField(simdjson::dom::element element, ValueType type, Arena& arena) {
  Value value = FromElement(element, arena);
  if (type != ValueType::kTime) return value;
  if (value.is_string()) {
    std::optional<int64_t> at = stdlib::ParseIsoInstant(value.str());
    return at ? Value::Time(*at) : Value::Null();
  }
  if (value.tag == ValueTag::kInt) return Value::Time(value.i);
  if (value.tag == ValueTag::kDouble && std::isfinite(value.d)) {
    return Value::Time(static_cast<int64_t>(value.d));
  }
  return Value::Null();
}

// --- EvalState ------------------------------------------------------------------

EvalState::EvalState(const Program& program) : program_(&program) {
  const ModuleImage& m = program.image();
  stack_.resize(std::max<uint32_t>(program.max_stack(), 1));
  locals_.resize(std::max<uint32_t>(program.max_locals(), 1));
  iterators_.resize(std::max<uint32_t>(program.max_iterators(), 1));
  fields_.Resize(m.fields.size());
  paths_.Resize(m.paths.size());
  jql_[0].Resize(m.jql_fields.size());
  jql_[1].Resize(m.jql_fields.size());
  size_t group = program.index().largest_group();
  index_scratch_.mask.assign((group + kMaskBlock - 1) / kMaskBlock * kMaskBlock, 0);
}

void EvalState::BeginEvent(const EventInfo& event, simdjson::dom::element payload,
                           int64_t now_ms, std::string_view time_zone) {
  event_ = &event;
  ++generation_;
  if (generation_ == 0) {
    // Stamps wrapped around: clear them so no stale entry looks fresh.
    fields_.stamps.assign(fields_.stamps.size(), 0);
    paths_.stamps.assign(paths_.stamps.size(), 0);
    for (auto& cache : jql_) cache.stamps.assign(cache.stamps.size(), 0);
    generation_ = 1;
  }
  arena_.Reset();
  root_ = AtPointer(payload, event.root);
  format_ = program_->FormatIndex(event.format);
  time_.now_ms = now_ms;
  if (time_.zone != time_zone) time_.zone = std::string(time_zone);
  issue_ready_ = false;
}

Value EvalState::Field(uint32_t field) {
  if (fields_.stamps[field] == generation_) return fields_.values[field];
  Value value;
  if (root_ && format_ >= 0) {
    int32_t path = program_->FieldPath(format_, field);
    if (path >= 0) {
      std::optional<simdjson::dom::element> found =
          program_->pointer(static_cast<uint32_t>(path)).Find(*root_);
      if (found) {
        value = ConvertField(*found, program_->image().fields[field].type, arena_);
      }
    }
  }
  fields_.values[field] = value;
  fields_.stamps[field] = generation_;
  return value;
}

Value EvalState::Path(uint32_t path) {
  if (paths_.stamps[path] == generation_) return paths_.values[path];
  Value value;
  if (root_) {
    if (auto found = program_->pointer(path).Find(*root_)) {
      value = FromElement(*found, arena_);
    }
  }
  paths_.values[path] = value;
  paths_.stamps[path] = generation_;
  return value;
}

JqlContext& EvalState::Jql(JqlView view) {
  if (!issue_ready_) {
    if (root_) {
      issue_.Reset(*root_);
    } else {
      issue_.Clear();
    }
    for (int v = 0; v < 2; ++v) {
      JqlContext& context = jql_context_[v];
      context.issue = &issue_;
      context.view = static_cast<JqlView>(v);
      context.arena = &arena_;
      context.text_cache = &text_cache_;
      context.generation = generation_;
      context.time.now_ms = time_.now_ms;
      if (context.time.zone != time_.zone) context.time.zone = time_.zone;
    }
    issue_ready_ = true;
  }
  return jql_context_[static_cast<int>(view)];
}

const JqlValueList& EvalState::JqlField(uint32_t field, JqlView view) {
  auto& cache = jql_[static_cast<int>(view)];
  if (cache.stamps[field] != generation_) {
    cache.values[field] = ReadJqlField(program_->image().jql_fields[field], Jql(view));
    FoldJqlNames(cache.values[field], arena_);
    cache.stamps[field] = generation_;
  }
  return cache.values[field];
}

}  // namespace syncrule::runtime
