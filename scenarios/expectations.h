#pragma once
// Expectations turned into pass/fail: each names its measured value and its bound.
#include <optional>
#include <string>
#include <vector>

#include "scenarios/run.h"

namespace scenarios {

// What a burn-rate expectation found (scenarios/burn_rate.h).
struct BurnRateResult {
  std::optional<sim::Ticks> paged_at;     // end of the bucket where a page rule first held
  std::string paged_by;                   // that rule: "1h/5m burn 14.4"
  std::optional<sim::Ticks> reference;    // time to page counts from here (see docs)
  std::optional<sim::Ticks> ticketed_at;  // the ticket rule (3d/6h), for information
};

struct ExpectationResult {
  std::string label;
  std::string metric;
  double value = 0;  // burn rate: seconds from reference to page, +infinity when never paged
  std::string bound;  // "<= 0.001", ">= 0.99", "<= 0.001 and >= 0"; burn rate "<= 5m", "no page"
  bool passed = false;
  sim::Ticks from = 0;  // the window measured
  sim::Ticks to = 0;
  std::optional<BurnRateResult> burn_rate;
  std::string measured;  // burn rate only: "paged after 44m (1h/5m burn 14.4)", "never paged"
};

std::vector<ExpectationResult> evaluate_expectations(const Run& run);
bool all_passed(const std::vector<ExpectationResult>& results);

}  // namespace scenarios
