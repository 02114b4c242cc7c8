#ifndef SYNCRULE_RUNTIME_CONNECTORS_SCHEMA_MARKDOWN_H_
#define SYNCRULE_RUNTIME_CONNECTORS_SCHEMA_MARKDOWN_H_

// Renders connector schemas as Markdown reference tables, the generated
// part of docs/connectors.md.

#include <string>

#include "runtime/schema.h"

namespace syncrule::runtime {

// Returns the reference for `schema`: a heading, then tables of its event
// types, its fields with their paths per payload format, and its actions
// with their parameters.
std::string RenderSchemaMarkdown(const ConnectorSchema& schema);

// Returns the reference of every connector, in AllConnectors() order.
std::string RenderConnectorsMarkdown();

}  // namespace syncrule::runtime

#endif  // SYNCRULE_RUNTIME_CONNECTORS_SCHEMA_MARKDOWN_H_
