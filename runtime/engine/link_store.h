#ifndef SYNCRULE_RUNTIME_ENGINE_LINK_STORE_H_
#define SYNCRULE_RUNTIME_ENGINE_LINK_STORE_H_

// Links between entities of different tools: the PagerDuty incident and the
// Jira issue created for it. A link is symmetric, and an entity has at most
// one linked entity of each kind, which is what "one issue per incident"
// means. This store lives in memory, for dry runs and tests; the durable
// store of the sync service implements the same LinkView.

#include <map>
#include <optional>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "runtime/link_view.h"

namespace syncrule::runtime {

// An entity: its kind ("pagerduty.incident") and id ("Q1ABC").
struct EntityRef {
  std::string kind;
  std::string id;

  bool operator<(const EntityRef& other) const {
    return std::tie(kind, id) < std::tie(other.kind, other.id);
  }
};

// An in-memory, single-threaded link store.
class MemoryLinkStore : public LinkView {
 public:
  // Links `a` and `b` both ways, replacing any link of the same kinds.
  void Link(const EntityRef& a, const EntityRef& b);

  // Returns the entity of kind `kind` linked to `entity`, if any.
  std::optional<EntityRef> Find(const EntityRef& entity, const std::string& kind) const;

  // Returns a new placeholder id for an entity of `kind` that a dry run
  // pretends to create: "jira.issue" gives "pending-jira-issue-1", then 2...
  std::string NextPlaceholder(const std::string& kind);

  // Remembers the last seen value of `field` of `entity`, so that rules on
  // the other side can read the linked entity's state.
  void Remember(const EntityRef& entity, const std::string& field, nlohmann::json value);

  // Returns how many links are stored (each counted once).
  size_t size() const { return links_.size() / 2; }

  std::optional<std::string> LinkedId(std::string_view entity_kind,
                                      std::string_view entity_id,
                                      std::string_view linked_kind) const override;

  nlohmann::json LinkedField(std::string_view linked_kind, std::string_view linked_id,
                             std::string_view field) const override;

 private:
  // (entity, linked kind) -> linked entity.
  std::map<std::pair<EntityRef, std::string>, EntityRef> links_;
  std::map<EntityRef, nlohmann::json> state_;
  std::map<std::string, int> placeholders_;
};

}  // namespace syncrule::runtime

#endif  // SYNCRULE_RUNTIME_ENGINE_LINK_STORE_H_
