#ifndef SYNCRULE_RUNTIME_LINK_VIEW_H_
#define SYNCRULE_RUNTIME_LINK_VIEW_H_

// How the VM asks about links between entities (an incident and the issue
// created for it) without owning their storage: the engine implements this
// interface over its link store, and the VM only calls it. Kinds are
// "<connector>.<entity>": "pagerduty.incident", "jira.issue".

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace syncrule::runtime {

// Read access to the link store, for one evaluation.
class LinkView {
 public:
  virtual ~LinkView() = default;

  // Returns the id of the entity of kind `linked_kind` linked to the entity
  // `entity_kind`/`entity_id`, or nullopt when there is none.
  virtual std::optional<std::string> LinkedId(std::string_view entity_kind,
                                              std::string_view entity_id,
                                              std::string_view linked_kind) const = 0;

  // Returns field `field` ("status") of the linked entity `linked_kind`/
  // `linked_id` as last seen by the engine, or null when unknown.
  virtual nlohmann::json LinkedField(std::string_view linked_kind,
                                     std::string_view linked_id,
                                     std::string_view field) const {
    return nullptr;
  }
};

}  // namespace syncrule::runtime

#endif  // SYNCRULE_RUNTIME_LINK_VIEW_H_
