#ifndef SYNCRULE_CLI_YAML_JSON_H_
#define SYNCRULE_CLI_YAML_JSON_H_

// YAML nodes as JSON values, for test files: YAML is the readable form,
// JSON the shape payloads and effects have. Plain scalars are typed as
// JSON would type them (null, true/false, integers, numbers); quoted
// scalars are always strings.

#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>

namespace syncrule::cli {

// Returns `node` as JSON. Aliases are followed; tags other than the
// quoted-string tag are ignored.
nlohmann::json YamlToJson(const YAML::Node& node);

// Returns true when `node` is a scalar written with quotes.
bool IsQuotedScalar(const YAML::Node& node);

}  // namespace syncrule::cli

#endif  // SYNCRULE_CLI_YAML_JSON_H_
