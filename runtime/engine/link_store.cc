#include "runtime/engine/link_store.h"

#include <algorithm>

namespace syncrule::runtime {

void MemoryLinkStore::Link(const EntityRef& a, const EntityRef& b) {
  links_[{a, b.kind}] = b;
  links_[{b, a.kind}] = a;
}

std::optional<EntityRef> MemoryLinkStore::Find(const EntityRef& entity,
                                               const std::string& kind) const {
  auto it = links_.find({entity, kind});
  if (it == links_.end()) return std::nullopt;
  return it->second;
}

std::string MemoryLinkStore::NextPlaceholder(const std::string& kind) {
  std::string slug = kind;
  std::replace(slug.begin(), slug.end(), '.', '-');
  return "pending-" + slug + "-" + std::to_string(++placeholders_[kind]);
}

void MemoryLinkStore::Remember(const EntityRef& entity, const std::string& field,
                               nlohmann::json value) {
  state_[entity][field] = std::move(value);
}

std::optional<std::string> MemoryLinkStore::LinkedId(std::string_view entity_kind,
                                                     std::string_view entity_id,
                                                     std::string_view linked_kind) const {
  auto found = Find(EntityRef{std::string(entity_kind), std::string(entity_id)},
                    std::string(linked_kind));
  if (!found) return std::nullopt;
  return found->id;
}

nlohmann::json MemoryLinkStore::LinkedField(std::string_view linked_kind,
                                            std::string_view linked_id,
                                            std::string_view field) const {
  auto it = state_.find(EntityRef{std::string(linked_kind), std::string(linked_id)});
  if (it == state_.end()) return nullptr;
  auto value = it->second.find(std::string(field));
  return value == it->second.end() ? nlohmann::json(nullptr) : *value;
}

}  // namespace syncrule::runtime
