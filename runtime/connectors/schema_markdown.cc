#include "runtime/connectors/schema_markdown.h"

#include <string>
#include <string_view>

#include "runtime/connectors/registry.h"

namespace syncrule::runtime {
namespace {

// Escapes table separators.
std::string Cell(std::string_view text) {
  std::string cell;
  for (char c : text) {
    if (c == '|') cell.push_back('\\');
    cell.push_back(c);
  }
  return cell;
}

std::string Code(std::string_view text) {
  return "`" + std::string(text) + "`";
}

void RenderEvents(const ConnectorSchema& schema, std::string& out) {
  out += "### Event types\n\n| event type | entity | when |\n|---|---|---|\n";
  for (const EventTypeDecl& event : schema.events) {
    out += "| " + Code(event.name) + " | " + event.entity + " | " +
           Cell(event.doc) + " |\n";
  }
  out += "\n";
}

std::string Paths(const FieldDecl& field) {
  std::string paths;
  for (const FieldPath& path : field.paths) {
    if (!paths.empty()) paths += "<br>";
    paths += path.format + ": " + Code(path.pointer);
  }
  return paths;
}

void RenderFields(const ConnectorSchema& schema, std::string& out) {
  out +=
      "### Fields\n\n| field | type | paths (format: JSON Pointer) | "
      "meaning |\n|---|---|---|---|\n";
  for (const FieldDecl& field : schema.fields) {
    out += "| " + Code(field.name) + " | " + Code(ValueTypeName(field.type)) +
           " | " + Paths(field) + " | " + Cell(field.doc) + " |\n";
  }
  out += "\n";
}

std::string Params(const ActionDecl& action) {
  std::string params;
  for (const ParamDecl& param : action.params) {
    if (!params.empty()) params += "<br>";
    params += Code(param.name + (param.required ? "!" : "")) + " " +
              Code(ValueTypeName(param.type)) + ": " + Cell(param.doc);
  }
  return params;
}

std::string Causes(const ActionDecl& action) {
  std::string causes = action.creates ? "creates; " : "";
  for (size_t i = 0; i < action.causes.size(); ++i) {
    causes += (i == 0 ? "" : ", ") + Code(action.causes[i]);
  }
  return causes;
}

void RenderActions(const ConnectorSchema& schema, std::string& out) {
  out += "### Actions\n\n";
  if (schema.actions.empty()) {
    out += "None.\n\n";
    return;
  }
  out +=
      "Parameters marked `!` are required.\n\n| action | parameters | "
      "creates / causes | what it does |\n|---|---|---|---|\n";
  for (const ActionDecl& action : schema.actions) {
    out += "| " + Code(action.name) + " | " + Params(action) + " | " +
           Causes(action) + " | " + Cell(action.doc) + " |\n";
  }
  out += "\n";
}

}  // namespace

std::string RenderSchemaMarkdown(const ConnectorSchema& schema) {
  std::string out = "## " + Code(schema.name) + "\n\n";
  RenderEvents(schema, out);
  RenderFields(schema, out);
  RenderActions(schema, out);
  return out;
}

std::string RenderConnectorsMarkdown() {
  std::string out;
  for (const Connector* connector : AllConnectors()) {
    out += RenderSchemaMarkdown(connector->schema());
  }
  return out;
}

}  // namespace syncrule::runtime
