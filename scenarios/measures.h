#pragma once
// The figures a run is judged by (MODEL.md §6), over a window of buckets and for one fleet or
// all: the one place that defines what "auth_failure_rate" or "sts_peak_rps" means.
#include <cstdint>
#include <optional>
#include <string_view>

#include "models/metrics.h"
#include "scenarios/burn_rate.h"
#include "scenarios/run.h"

namespace scenarios {

// A window in buckets: [first, last).
struct BucketRange {
  std::size_t first = 0;
  std::size_t last = 0;
};
BucketRange buckets_between(const models::Metrics& metrics, sim::Ticks from, sim::Ticks to);

struct Totals {
  models::FleetBucket fleet;  // summed over the window (and fleets)
  models::StsBucket sts;      // summed over the window (the STS is shared by every fleet)
  double sts_peak_rps = 0;
  double seconds = 0;
};
Totals totals(const Run& run, BucketRange range, std::optional<std::uint32_t> fleet);

struct Cost {
  double issuance = 0;
  double capacity = 0;
  double endpoint = 0;
  double failure = 0;
  double total() const { return issuance + capacity + endpoint + failure; }
};
Cost cost(const Run& run, const Totals& totals);

// The value of a metric named as in docs/scenario-format.md; nullopt for an unknown name.
std::optional<double> measure(const Run& run, std::string_view metric, BucketRange range,
                              std::optional<std::uint32_t> fleet);

double rate(std::uint64_t part, std::uint64_t whole);  // 0 when whole is 0

// The run's bucket series of one SLI (docs/scenario-format.md "Burn-rate expectations"):
// call_success for one fleet or all; issuance_success for the STS.
SliSeries sli_series(const Run& run, Sli sli, std::optional<std::uint32_t> fleet);

}  // namespace scenarios
