#pragma once
// A scenario: the world, the fault script and the expectations, as loaded from a file.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "faults/fault_spec.h"
#include "models/world_config.h"
#include "scenarios/burn_rate.h"
#include "scenarios/explore_bounds.h"
#include "sim/time.h"

namespace scenarios {

// A burn-rate expectation: "an SLO of `objective` on `sli` would have paged within
// `page_within`" — or, without page_within, "would not have paged" (scenarios/burn_rate.h).
struct BurnRateExpectation {
  Sli sli = Sli::call_success;
  Objective objective;
  std::optional<sim::Ticks> page_within;  // empty: no page may fire in the window
};

// What an expectation looks at (MODEL.md §6). Rates are fractions (0.001 = 0.1 %).
struct Expectation {
  std::string metric;               // e.g. "auth_failure_rate", "no_token_rate", "sts_peak_rps"
  std::optional<double> max;
  std::optional<double> min;
  // Window: the whole run, during fault k, after fault k ends (to the end of the run), or
  // [from, to).
  enum class Window : std::uint8_t { run, during_fault, after_fault, range };
  Window window = Window::run;
  std::uint32_t fault = 0;
  sim::Ticks from = 0;
  sim::Ticks to = 0;
  std::optional<std::uint32_t> fleet;  // fleet index; empty = all fleets
  std::string label;                   // "expect[3] auth_failure_rate ≤ 0.001 during faults[0]"
  // Set for a burn-rate expectation: then metric is "time_to_page_s" and max is page_within
  // in seconds (absent for "no page"), so tools that only read metric and bounds still work.
  std::optional<BurnRateExpectation> burn_rate;
};

struct Scenario {
  std::string file;                 // where it was loaded from
  std::string description;
  models::WorldConfig world;
  std::vector<faults::FaultSpec> faults;
  std::vector<Expectation> expectations;
  std::optional<ExploreBounds> explore;  // the `explore` section, when present (docs/explore.md)
  nlohmann::ordered_json source;    // the document after --set overrides (echoed in reports)
};

}  // namespace scenarios
