#include "cli/scenario_input.h"

#include <cstdio>

namespace cli {

std::optional<scenarios::Scenario> load_or_report(const std::string& file,
                                                  const std::vector<std::string>& sets) {
  std::vector<scenarios::Override> overrides;
  bool ok = true;
  for (const std::string& text : sets) {
    std::string error;
    if (auto o = scenarios::parse_override(text, error)) overrides.push_back(*o);
    else {
      std::fprintf(stderr, "--set %s: %s\n", text.c_str(), error.c_str());
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  scenarios::LoadResult result = scenarios::load_scenario_file(file, overrides);
  for (const scenarios::LoadError& e : result.errors) std::fprintf(stderr, "%s\n", e.message().c_str());
  if (!result.errors.empty()) {
    std::fprintf(stderr, "%s: %zu problem%s, nothing was run\n", file.c_str(), result.errors.size(),
                 result.errors.size() == 1 ? "" : "s");
    return std::nullopt;
  }
  return std::move(result.scenario);
}

}  // namespace cli
