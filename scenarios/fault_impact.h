#pragma once
// What each fault did (MODEL.md §6 "per fault"): time to first failure, peak failure rate,
// failed calls, recovery time after it ended, and for revocations the exposure window.
// Resolution is one report bucket.
#include <optional>
#include <string>
#include <vector>

#include "scenarios/run.h"

namespace scenarios {

struct FaultImpact {
  std::string label;
  std::string kind;
  sim::Ticks start = 0;
  sim::Ticks end = 0;
  std::uint32_t nodes = 0;
  // From the fault's start to the start of the first bucket failing more than before it (the
  // baseline: the rate over up to 10 buckets before the fault, plus 4 standard deviations of
  // sampling noise and at least 0.1 %); none: no such bucket.
  std::optional<sim::Ticks> time_to_first_failure;
  double peak_failure_rate = 0;     // highest bucket auth-failure rate from start to recovery
  std::uint64_t failed_calls = 0;   // auth failures from start to recovery
  // From the fault's end to the first bucket back at the baseline; none: never recovered.
  std::optional<sim::Ticks> recovery_time;
  std::optional<sim::Ticks> exposure_window;  // role_revoke: how long the role still worked
};

std::vector<FaultImpact> fault_impacts(Run& run);

}  // namespace scenarios
