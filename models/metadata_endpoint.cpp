#include "models/metadata_endpoint.h"

#include "models/trace_kinds.h"
#include "models/world.h"

namespace models {

namespace {
enum Kind : std::uint64_t { kDeliver = 0, kStsReply = 1 };
}  // namespace

MetadataEndpoint::MetadataEndpoint(World& world, const EndpointConfig& config, std::uint32_t node,
                                   sim::Rng rng)
    : world_(world), config_(config), node_(node), rng_(rng) {
  limiter_.configure(config_.rate_limit_per_s, config_.rate_burst);
  world_.metrics().add_node(node_);  // this node's row of endpoint errors
}

void MetadataEndpoint::receive(std::uint32_t record) {
  FetchRecord& r = world_.pool()[record];
  const sim::Ticks now = world_.simulator().now();
  world_.simulator().emit(sim::TraceRecord{now, kTraceEndpointRequest, node_, r.attempt});
  FleetBucket& bucket = world_.metrics().fleet(r.fleet, now);
  ++bucket.endpoint_requests;
  NodeEndpointErrors& node_errors = world_.metrics().node(node_);
  if (blocked()) {  // never answers: the client's timeout decides
    ++bucket.endpoint_unanswered;
    ++node_errors.unanswered;
    node_errors.seen_at(now);
    world_.pool().release(record);
    return;
  }
  if ((config_.concurrency_max > 0 && in_flight_ >= config_.concurrency_max) ||
      !limiter_.try_take(now)) {
    ++bucket.endpoint_throttled;
    ++node_errors.throttled;
    node_errors.seen_at(now);
    if (config_.throttle_drops) {  // the packet is dropped: the client's timeout decides
      world_.pool().release(record);
      return;
    }
    r.status = FetchStatus::throttled;
    return reply_after_latency(record);
  }
  ++in_flight_;
  r.holds_endpoint_slot = true;
  if (const Token* cached = cache_lookup(r.principal, r.audience)) {
    ++bucket.endpoint_cache_hits;
    r.status = FetchStatus::ok;
    r.token = *cached;
    return reply_after_latency(record);
  }
  if (partitioned()) {
    r.status = FetchStatus::server_error;
    return reply_after_latency(record);
  }
  world_.sts().send(record);
}

void MetadataEndpoint::on_sts_reply(std::uint32_t record) {
  const FetchRecord& r = world_.pool()[record];
  if (r.status == FetchStatus::ok && config_.cache) cache_store(r.token);
  reply_after_latency(record);
}

sim::Ticks MetadataEndpoint::reply_latency() {
  const double ms = config_.latency_ms.sample(rng_);
  return (ms <= 0 ? 0 : sim::from_seconds(ms / 1000.0)) + extra_latency_;
}

void MetadataEndpoint::reply_after_latency(std::uint32_t record) {
  world_.simulator().schedule_after(reply_latency(), *this, (kDeliver << 32) | record);
}

void MetadataEndpoint::relay_sts_reply(std::uint32_t record, sim::Ticks network_delay) {
  SIM_ASSERT(network_delay >= 0);
  if (config_.cache) {  // the cache takes the token when it arrives
    world_.simulator().schedule_after(network_delay, *this, (kStsReply << 32) | record);
    return;
  }
  world_.simulator().schedule_after(network_delay + reply_latency(), *this,
                                    (kDeliver << 32) | record);
}

void MetadataEndpoint::on_event(std::uint64_t tag) {
  const auto record = static_cast<std::uint32_t>(tag & 0xffff'ffffu);
  if ((tag >> 32) == kStsReply) return on_sts_reply(record);
  FetchRecord& r = world_.pool()[record];
  if (r.holds_endpoint_slot) {
    SIM_ASSERT(in_flight_ > 0);
    --in_flight_;
  }
  const sim::Ticks now = world_.simulator().now();
  if (r.status != FetchStatus::ok) ++world_.metrics().fleet(r.fleet, now).endpoint_errors;
  // Errors past the limiter (an STS error relayed, a partition); its own 429s were counted
  // when they were refused.
  if (r.status != FetchStatus::ok && r.holds_endpoint_slot) {
    NodeEndpointErrors& node_errors = world_.metrics().node(node_);
    ++node_errors.failed;
    node_errors.seen_at(now);
  }
  r.client->on_fetch_reply(record);
  world_.pool().release(record);
}

const Token* MetadataEndpoint::cache_lookup(PrincipalIndex principal, ServiceIndex audience) const {
  if (!config_.cache) return nullptr;
  const sim::Ticks now = world_.simulator().now();
  for (const Cached& c : cache_) {
    if (c.principal != principal || c.audience != audience) continue;
    // Served until cache_lead before expiry, and only while it is the identity's current object.
    if (now < c.token.exp - config_.cache_lead &&
        c.token.generation == world_.iam().generation(principal))
      return &c.token;
    return nullptr;
  }
  return nullptr;
}

void MetadataEndpoint::cache_store(const Token& token) {
  for (Cached& c : cache_) {
    if (c.principal == token.principal && c.audience == token.audience) {
      if (token.exp >= c.token.exp) c.token = token;
      return;
    }
  }
  SIM_ASSERT_MSG(cache_.size() < kCacheKeysMax, "endpoint cache keys over the limit");
  cache_.push_back(Cached{token.principal, token.audience, token});
}

}  // namespace models
