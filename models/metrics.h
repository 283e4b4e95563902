#pragma once
// What a run records: per fleet and per time bucket, the counters of MODEL.md §6; per bucket,
// the STS's own; per target service and bucket, its 401/403; per node, its endpoint's errors
// over the run. Plain data: reports read it, models add to it.
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
  // Answered without an STS request of their own: from the endpoint's cache, or (with
  // coalesce_misses) by waiting on another request's reply, whatever that reply was.
  std::uint64_t endpoint_cache_hits = 0;
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

// One target service in one bucket: the calls it decided (they carried a token) and its
// rejections. Calls without a token never reach a service and are not here.
struct ServiceBucket {
  std::uint64_t calls = 0;
  std::uint64_t unauthorized = 0;  // 401
  std::uint64_t forbidden = 0;     // 403
  void add(const ServiceBucket& other);
};

// One node's metadata endpoint over the whole run (nodes may be 10^6: run totals, no buckets).
// The three counts are disjoint.
struct NodeEndpointErrors {
  std::uint64_t unanswered = 0;  // requests dropped while the endpoint was blocked
  std::uint64_t throttled = 0;   // refused by its own rate or concurrency limit (429 or dropped)
  std::uint64_t failed = 0;      // answered with another error: the STS's, or a partition
  sim::Ticks first_at = -1;      // the first and the last error; -1 without errors
  sim::Ticks last_at = -1;
  std::uint64_t total() const { return unanswered + throttled + failed; }
  void seen_at(sim::Ticks now) {
    if (first_at < 0) first_at = now;
    last_at = now;
  }
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

  // Target services and nodes register themselves, in index order, when they are built:
  // their rows exist exactly for the services and endpoints the world has. A node row (40 B)
  // is bounded by its metadata endpoint, which costs several times more.
  // At most this many (service × bucket) cells, 24 B each; scenarios check it up front.
  static constexpr std::size_t kServiceCellsMax = 4'000'000;
  void add_service(std::size_t index);
  void add_node(std::size_t index);

  std::size_t service_count() const { return services_; }
  ServiceBucket& service(std::size_t service, sim::Ticks t) {
    SIM_ASSERT(service < services_);
    return service_cells_[service * buckets_ + bucket_of(t)];
  }
  const ServiceBucket& service_at(std::size_t service, std::size_t bucket) const {
    return service_cells_[service * buckets_ + bucket];
  }
  std::size_t node_count() const { return nodes_.size(); }
  NodeEndpointErrors& node(std::size_t node) {
    SIM_ASSERT(node < nodes_.size());
    return nodes_[node];
  }
  const NodeEndpointErrors& node_at(std::size_t node) const { return nodes_[node]; }

  // Whole-run sums.
  FleetBucket fleet_total(std::size_t fleet) const;
  FleetBucket all_fleets_total() const;
  StsBucket sts_total() const;
  ServiceBucket service_total(std::size_t service) const;

 private:
  std::size_t fleets_;
  sim::Ticks bucket_;
  std::size_t buckets_;
  std::size_t services_ = 0;
  std::vector<FleetBucket> fleet_cells_;
  std::vector<StsBucket> sts_cells_;
  std::vector<ServiceBucket> service_cells_;  // service-major: [service][bucket]
  std::vector<NodeEndpointErrors> nodes_;
};

}  // namespace models
