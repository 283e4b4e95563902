#include "models/metrics.h"

#include <algorithm>

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

void FleetBucket::add(const FleetBucket& from) {
  FleetBucket& into = *this;
  for (std::size_t i = 0; i < calls.size(); ++i) calls[i] += from.calls[i];
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

void StsBucket::add(const StsBucket& from) {
  requests += from.requests;
  issued += from.issued;
  failed += from.failed;
  throttled += from.throttled;
  rejected += from.rejected;
  server_seconds += from.server_seconds;
  busy_seconds += from.busy_seconds;
  servers_max = std::max(servers_max, from.servers_max);
}

void ServiceBucket::add(const ServiceBucket& from) {
  calls += from.calls;
  unauthorized += from.unauthorized;
  forbidden += from.forbidden;
}

void Metrics::add_service(std::size_t index) {
  SIM_ASSERT_MSG(index == services_, "services register in index order");
  SIM_ASSERT_MSG((services_ + 1) * buckets_ <= kServiceCellsMax, "service cells over their limit");
  ++services_;
  service_cells_.resize(services_ * buckets_);
}

void Metrics::add_node(std::size_t index) {
  SIM_ASSERT_MSG(index == nodes_.size(), "nodes register in index order");
  nodes_.emplace_back();
}

ServiceBucket Metrics::service_total(std::size_t service) const {
  SIM_ASSERT(service < services_);
  ServiceBucket total;
  for (std::size_t b = 0; b < buckets_; ++b) total.add(service_at(service, b));
  return total;
}

FleetBucket Metrics::fleet_total(std::size_t fleet) const {
  FleetBucket total;
  for (std::size_t b = 0; b < buckets_; ++b) total.add(fleet_at(fleet, b));
  return total;
}

FleetBucket Metrics::all_fleets_total() const {
  FleetBucket total;
  for (std::size_t f = 0; f < fleets_; ++f) total.add(fleet_total(f));
  return total;
}

StsBucket Metrics::sts_total() const {
  StsBucket total;
  for (const StsBucket& b : sts_cells_) total.add(b);
  return total;
}

}  // namespace models
