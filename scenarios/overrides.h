#pragma once
// Internal to the scenarios library: applies --set overrides to a parsed document.
#include <vector>

#include "scenarios/check.h"

namespace scenarios::detail {

// Applies each override in order; reports paths that do not exist.
void apply_overrides(Json& doc, const std::vector<Override>& overrides, Checker& check);

}  // namespace scenarios::detail
