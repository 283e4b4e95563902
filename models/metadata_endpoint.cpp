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
  SIM_ASSERT(config_.cache || !config_.coalesce_misses);  // waiters hang off the cache's keys
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
  if (config_.coalesce_misses) return coalesce_miss(record, bucket);
  forward(record);
}

// A miss goes to the STS, unless the endpoint cannot reach it (→ 5xx at once).
bool MetadataEndpoint::forward(std::uint32_t record) {
  if (partitioned()) {
    world_.pool()[record].status = FetchStatus::server_error;
    reply_after_latency(record);
    return false;
  }
  world_.sts().send(record);
  return true;
}

// Single flight per key: the first miss is forwarded; a miss while it is out waits for its
// reply and needs no STS, so it joins even through a partition (the forwarded request left
// before it). Counted as a cache hit: answered without an STS request of its own.
void MetadataEndpoint::coalesce_miss(std::uint32_t record, FleetBucket& bucket) {
  const FetchRecord& r = world_.pool()[record];
  Cached& key = cache_key(r.principal, r.audience);
  if (key.forwarded != kNoRecord) {
    ++bucket.endpoint_cache_hits;
    return wait_for_forwarded(key, record);
  }
  SIM_ASSERT(key.waiters == 0 && key.waiter_first == kNoRecord);
  if (forward(record)) key.forwarded = record;
}

void MetadataEndpoint::wait_for_forwarded(Cached& key, std::uint32_t record) {
  FetchRecord& r = world_.pool()[record];
  SIM_ASSERT(key.forwarded != kNoRecord && key.forwarded != record);
  SIM_ASSERT(r.holds_endpoint_slot && !r.waiting && r.next_waiter == kNoRecord);
  SIM_ASSERT((key.waiters == 0) == (key.waiter_first == kNoRecord));
  SIM_ASSERT((key.waiters == 0) == (key.waiter_last == kNoRecord));
  SIM_ASSERT_MSG(key.waiters < kWaitersPerKeyMax, "endpoint waiters per key over the limit");
  r.waiting = true;
  if (key.waiter_last == kNoRecord) {
    key.waiter_first = record;
  } else {
    world_.pool()[key.waiter_last].next_waiter = record;
  }
  key.waiter_last = record;
  ++key.waiters;
}

void MetadataEndpoint::on_sts_reply(std::uint32_t record) {
  const FetchRecord& r = world_.pool()[record];
  if (r.status == FetchStatus::ok && config_.cache) cache_store(r.token);
  reply_after_latency(record);
  if (config_.coalesce_misses) answer_waiters(record);
}

// The forwarded reply is back: every waiter gets its status and token (a failure fails them
// all alike), each after its own reply latency, in the order they asked (after the forwarded
// one). The forwarded record lives until its own reply is delivered, so it is still readable.
void MetadataEndpoint::answer_waiters(std::uint32_t forwarded) {
  const FetchRecord& reply = world_.pool()[forwarded];
  Cached& key = cache_key(reply.principal, reply.audience);
  SIM_ASSERT(key.forwarded == forwarded && !reply.waiting);
  std::uint32_t answered = 0;
  for (std::uint32_t w = key.waiter_first; w != kNoRecord; ++answered) {
    SIM_ASSERT(answered < key.waiters);
    FetchRecord& waiter = world_.pool()[w];
    SIM_ASSERT(waiter.waiting && waiter.holds_endpoint_slot);
    SIM_ASSERT(waiter.principal == reply.principal && waiter.audience == reply.audience);
    SIM_ASSERT((waiter.next_waiter == kNoRecord) == (w == key.waiter_last));
    const std::uint32_t next = waiter.next_waiter;
    waiter.waiting = false;
    waiter.next_waiter = kNoRecord;
    waiter.status = reply.status;
    waiter.token = reply.token;
    reply_after_latency(w);
    w = next;
  }
  SIM_ASSERT(answered == key.waiters);
  key.forwarded = kNoRecord;
  key.waiter_first = kNoRecord;
  key.waiter_last = kNoRecord;
  key.waiters = 0;
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
  SIM_ASSERT(!r.waiting);  // a waiter is answered only when its list is drained
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
    if (c.token.present() && now < c.token.exp - config_.cache_lead &&
        c.token.generation == world_.iam().generation(principal))
      return &c.token;
    return nullptr;
  }
  return nullptr;
}

MetadataEndpoint::Cached& MetadataEndpoint::cache_key(PrincipalIndex principal,
                                                      ServiceIndex audience) {
  SIM_ASSERT(config_.cache);
  for (Cached& c : cache_)
    if (c.principal == principal && c.audience == audience) return c;
  SIM_ASSERT_MSG(cache_.size() < kCacheKeysMax, "endpoint cache keys over the limit");
  return cache_.emplace_back(Cached{principal, audience, Token{}});
}

void MetadataEndpoint::cache_store(const Token& token) {
  Cached& c = cache_key(token.principal, token.audience);
  if (token.exp >= c.token.exp) c.token = token;
}

}  // namespace models
