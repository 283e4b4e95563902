#pragma once
// Client presets: ClientPolicy values taken from real SDKs (docs/presets.md, which cites
// /work/shared/reference/client-behaviors.md — "ref §…" in presets.cpp). Scenarios pick one by
// name and may override any field.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/client_policy.h"

namespace models {

// Every preset name, in a fixed (alphabetical) order.
const std::vector<std::string>& preset_names();

// The policy of a named preset, or std::nullopt if there is none by that name.
std::optional<ClientPolicy> find_preset(std::string_view name);

}  // namespace models
