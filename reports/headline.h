#pragma once
// The few figures a reader looks at first (the executive view, summary.md, idsim check):
// each taken from scenarios::measure or the run's totals, never computed another way.
#include <cstddef>

#include "reports/report_json.h"

namespace reports {

// A bucket counts as a failure minute when more than this share of its calls failed auth.
inline constexpr double kFailureMinuteThreshold = 0.001;

struct Headline {
  bool passed = false;
  std::size_t expectations = 0;
  std::size_t expectations_failed = 0;
  double calls = 0;
  double auth_failure_rate = 0;
  double failure_minutes = 0;  // minutes of buckets above kFailureMinuteThreshold
  double issuance_success_rate = 0;
  double sts_peak_rps = 0;
  double fetch_latency_p95_s = 0;
  double cost_total = 0;
  std::size_t identities = 0;
  double resources_per_identity = 0;  // blast radius: role assignments per identity
};

Headline headline(const RunReport& report);
double failure_minutes(const scenarios::Run& run);
double resources_per_identity(const scenarios::Run& run);

}  // namespace reports
