#pragma once
// What a run records: per fleet and per time bucket, the counters of MODEL.md §6; per bucket,
// the STS's own. Plain data: reports read it, models add to it.
#include <array>
#include <cstdint>
#include <vector>

#include "models/histogram.h"
#include "sim/assert.h"
#include "sim/time.h"

namespace models {

enum class Outcome : std::uint8_t { ok, no_token, unauthorized, forbidden };  // ok, no_token, 401, 403
inline constexpr int kOutcomeCount = 4;
const char* to_string(Outcome outcome);

struct FleetBucket {
  std::array<std::uint64_t, kOutcomeCount> calls{};
  std::uint64_t endpoint_requests = 0;     // requests the fleet's clients sent to their endpoint
  std::uint64_t endpoint_cache_hits = 0;   // answered from the endpoint's own cache
  std::uint64_t endpoint_throttled = 0;    // 429 from the endpoint's rate or concurrency limit
  std::uint64_t endpoint_unanswered = 0;   // dropped by a blocked endpoint
  std::uint64_t endpoint_errors = 0;       // replies other than ok (any status)
  std::uint64_t fetches_started = 0;       // fetch operations (a fetch may take several attempts)
  std::uint64_t fetches_ok = 0;
  std::uint64_t refresh_failures = 0;      // fetches that gave up after their last attempt
  std::uint64_t attempt_timeouts = 0;
  std::uint64_t static_stability_uses = 0; // calls served with an expired token kept on purpose
  std::uint64_t secret_fallback_uses = 0;  // calls served with the static secret
  LogHistogram fetch_latency;              // fetch start → token in cache (successful fetches)
  LogHistogram token_age;                  // age of the token at each call that used one

  std::uint64_t calls_total() const {
    return calls[0] + calls[1] + calls[2] + calls[3];
  }
  std::uint64_t auth_failures() const { return calls_total() - calls[0]; }
  void add(const FleetBucket& other);  // sums counters, merges histograms
};

struct StsBucket {
  std::uint64_t requests = 0;
  std::uint64_t issued = 0;
  std::uint64_t failed = 0;     // 5xx: outage or a full queue
  std::uint64_t throttled = 0;  // 429: rate limit
  std::uint64_t rejected = 0;   // 400: deleted or unknown identity
  double server_seconds = 0;    // provisioned server time in this bucket (capacity cost)
  double busy_seconds = 0;      // server time spent serving (utilization)
  std::uint32_t servers_max = 0;
  void add(const StsBucket& other);  // sums counters, keeps the larger servers_max
};

class Metrics {
 public:
  // At most this many (fleet × bucket) cells, about 5 KiB each with their histograms
  // (≈ 1 GiB): e.g. 1-minute buckets over a day for 138 fleets. Scenarios check it up front.
  static constexpr std::size_t kCellsMax = 200'000;

  Metrics(std::size_t fleets, sim::Ticks horizon, sim::Ticks bucket);

  sim::Ticks bucket_width() const { return bucket_; }
  std::size_t bucket_count() const { return buckets_; }
  std::size_t fleet_count() const { return fleets_; }
  std::size_t bucket_of(sim::Ticks t) const {
    const auto b = static_cast<std::size_t>(t < 0 ? 0 : t / bucket_);
    return b < buckets_ ? b : buckets_ - 1;
  }

  FleetBucket& fleet(std::size_t fleet, sim::Ticks t) {
    SIM_ASSERT(fleet < fleets_);
    return fleet_cells_[fleet * buckets_ + bucket_of(t)];
  }
  const FleetBucket& fleet_at(std::size_t fleet, std::size_t bucket) const {
    return fleet_cells_[fleet * buckets_ + bucket];
  }
  StsBucket& sts(sim::Ticks t) { return sts_cells_[bucket_of(t)]; }
  const StsBucket& sts_at(std::size_t bucket) const { return sts_cells_[bucket]; }

  // Whole-run sums.
  FleetBucket fleet_total(std::size_t fleet) const;
  FleetBucket all_fleets_total() const;
  StsBucket sts_total() const;

 private:
  std::size_t fleets_;
  sim::Ticks bucket_;
  std::size_t buckets_;
  std::vector<FleetBucket> fleet_cells_;
  std::vector<StsBucket> sts_cells_;
};

}  // namespace models
