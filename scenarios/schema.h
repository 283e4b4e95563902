#pragma once
// The scenario format (docs/scenario-format.md) as a JSON Schema (draft 2020-12), for editors
// and CI. The loader is the authority: it also checks what a schema cannot say (names that
// must be declared, selectors that must match a node, faults within the run, size limits).
#include <nlohmann/json.hpp>

namespace scenarios {

nlohmann::ordered_json scenario_json_schema();

}  // namespace scenarios
