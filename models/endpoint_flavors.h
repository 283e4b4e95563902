#pragma once
// Metadata endpoint flavors: the real endpoints' limits and server-side cache rules
// (docs/presets.md "Endpoint flavors", from ../shared/reference/client-behaviors.md).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/world_config.h"

namespace models {

const std::vector<std::string>& endpoint_flavor_names();
// The flavor's limits and cache rule; latency stays at the default (the reference gives none).
std::optional<EndpointConfig> find_endpoint_flavor(std::string_view name);

}  // namespace models
