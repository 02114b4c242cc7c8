// The environment's names, indexed once per program.

#include <algorithm>

#include "compiler/check/check_internal.h"

namespace syncrule::check::internal {
namespace {

// Returns the first dot-separated segment of `name`.
std::string_view FirstSegment(std::string_view name) {
  return name.substr(0, name.find('.'));
}

// Appends `value` to `list` unless it is already there.
void AddUnique(std::vector<std::string>& list, std::string value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) {
    list.push_back(std::move(value));
  }
}

}  // namespace

SchemaIndex::SchemaIndex(const Environment& environment) {
  for (const runtime::ConnectorSchema* connector : environment.connectors) {
    if (connector == nullptr) continue;
    connectors_.emplace(connector->name, connector);
    connector_names_.push_back(connector->name);
    for (const runtime::EventTypeDecl& event : connector->events) {
      events_.emplace(event.name, EventRef{connector, &event});
      event_names_.push_back(event.name);
      AddUnique(entity_kinds_, connector->name + "." + event.entity);
    }
    for (const runtime::ActionDecl& action : connector->actions) {
      actions_.emplace(action.name, &action);
      action_names_.push_back(action.name);
    }
    for (const runtime::FieldDecl& field : connector->fields) {
      AddUnique(field_roots_, std::string(FirstSegment(field.name)));
    }
  }
}

const EventRef* SchemaIndex::FindEvent(std::string_view name) const {
  auto it = events_.find(std::string(name));
  return it == events_.end() ? nullptr : &it->second;
}

const runtime::ActionDecl* SchemaIndex::FindAction(
    std::string_view name) const {
  auto it = actions_.find(std::string(name));
  return it == actions_.end() ? nullptr : it->second;
}

const runtime::ConnectorSchema* SchemaIndex::FindConnector(
    std::string_view name) const {
  auto it = connectors_.find(std::string(name));
  return it == connectors_.end() ? nullptr : it->second;
}

const runtime::FieldDecl* SchemaIndex::FindField(
    const runtime::ConnectorSchema& connector, std::string_view name) {
  for (const runtime::FieldDecl& field : connector.fields) {
    if (field.name == name) return &field;
  }
  return nullptr;
}

bool SchemaIndex::IsEntityKind(std::string_view kind) const {
  return std::find(entity_kinds_.begin(), entity_kinds_.end(), kind) !=
         entity_kinds_.end();
}

bool SchemaIndex::IsFieldRoot(std::string_view name) const {
  return std::find(field_roots_.begin(), field_roots_.end(), name) !=
         field_roots_.end();
}

}  // namespace syncrule::check::internal
