#include "models/metrics.h"

namespace models {

const char* to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::ok: return "ok";
    case Outcome::no_token: return "no_token";
    case Outcome::unauthorized: return "401";
    case Outcome::forbidden: return "403";
  }
  return "?";
}

Metrics::Metrics(std::size_t fleets, sim::Ticks horizon, sim::Ticks bucket)
    : fleets_(fleets), bucket_(bucket) {
  SIM_ASSERT(bucket > 0 && horizon > 0);
  buckets_ = static_cast<std::size_t>((horizon + bucket - 1) / bucket);
  SIM_ASSERT_MSG(fleets_ * buckets_ <= kCellsMax, "metrics table over its limit");
  fleet_cells_.resize(fleets_ * buckets_);
  sts_cells_.resize(buckets_);
}

namespace {
void add_into(FleetBucket& into, const FleetBucket& from) {
  for (int i = 0; i < kOutcomeCount; ++i) into.calls[static_cast<std::size_t>(i)] += from.calls[static_cast<std::size_t>(i)];
  into.endpoint_requests += from.endpoint_requests;
  into.endpoint_cache_hits += from.endpoint_cache_hits;
  into.endpoint_throttled += from.endpoint_throttled;
  into.endpoint_unanswered += from.endpoint_unanswered;
  into.endpoint_errors += from.endpoint_errors;
  into.fetches_started += from.fetches_started;
  into.fetches_ok += from.fetches_ok;
  into.refresh_failures += from.refresh_failures;
  into.attempt_timeouts += from.attempt_timeouts;
  into.static_stability_uses += from.static_stability_uses;
  into.secret_fallback_uses += from.secret_fallback_uses;
  into.fetch_latency.merge(from.fetch_latency);
  into.token_age.merge(from.token_age);
}
}  // namespace

FleetBucket Metrics::fleet_total(std::size_t fleet) const {
  FleetBucket total;
  for (std::size_t b = 0; b < buckets_; ++b) add_into(total, fleet_at(fleet, b));
  return total;
}

FleetBucket Metrics::all_fleets_total() const {
  FleetBucket total;
  for (std::size_t f = 0; f < fleets_; ++f) add_into(total, fleet_total(f));
  return total;
}

StsBucket Metrics::sts_total() const {
  StsBucket total;
  for (const StsBucket& b : sts_cells_) {
    total.requests += b.requests;
    total.issued += b.issued;
    total.failed += b.failed;
    total.throttled += b.throttled;
    total.rejected += b.rejected;
    total.server_seconds += b.server_seconds;
    total.busy_seconds += b.busy_seconds;
    total.servers_max = std::max(total.servers_max, b.servers_max);
  }
  return total;
}

}  // namespace models
