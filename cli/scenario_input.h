#pragma once
// Loading scenarios for a command: errors printed for people, exit code 2 on any.
#include <optional>
#include <string>
#include <vector>

#include "scenarios/loader.h"

namespace cli {

// Loads FILE with the --set overrides; prints every error ("FILE: PATH: found …, expected …")
// to stderr and returns nullopt when there is any.
std::optional<scenarios::Scenario> load_or_report(const std::string& file,
                                                  const std::vector<std::string>& sets);

}  // namespace cli
