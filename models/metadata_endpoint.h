#pragma once
// The metadata endpoint of one node: latency, a per-node rate limit and concurrency limit
// (→ 429), an optional token cache (served until cache_lead before exp) that may coalesce
// concurrent misses, and the hooks faults turn: blocked (never answers), partitioned from the
// STS, throttled, slowed.
#include <cstdint>
#include <vector>

#include "models/fetch_pool.h"
#include "models/token.h"
#include "models/token_bucket.h"
#include "models/world_config.h"
#include "sim/random.h"
#include "sim/simulator.h"

namespace models {

class World;
struct FleetBucket;

class MetadataEndpoint final : public sim::EventHandler {
 public:
  // (principal, audience) keys one node's token cache holds; scenarios are checked up front.
  // A system identity has a principal per instance, so a node holds instances × audiences.
  static constexpr std::size_t kCacheKeysMax = 1024;
  // Misses waiting on one key's forwarded request (coalesce_misses): each is a record in
  // flight, as is the forwarded one, so the pool bounds them.
  static constexpr std::uint32_t kWaitersPerKeyMax = FetchPool::kRecordsMax - 1;

  MetadataEndpoint(World& world, const EndpointConfig& config, std::uint32_t node, sim::Rng rng);

  // A client's request (a FetchRecord id) arrives now.
  void receive(std::uint32_t record);
  // The STS answered a forwarded request; the reply is now back at this endpoint.
  void on_sts_reply(std::uint32_t record);
  // The STS replied; the reply reaches this endpoint after `network_delay`. Without its own
  // cache the endpoint only relays it, so both hops are one event (the endpoint's latency is
  // drawn now rather than on arrival: the same distribution, one event fewer per fetch).
  void relay_sts_reply(std::uint32_t record, sim::Ticks network_delay);
  void on_event(std::uint64_t tag) override;

  // Fault hooks; blocks and partitions nest (two blocks: unblocked when both have ended).
  void block() { ++blocked_; }
  void unblock() { --blocked_; }
  void partition() { ++partitioned_; }
  void heal() { --partitioned_; }
  bool blocked() const { return blocked_ > 0; }
  bool partitioned() const { return partitioned_ > 0; }
  void set_rate_limit(double rate_per_s) { limiter_.set_rate(rate_per_s); }
  double configured_rate_limit() const { return config_.rate_limit_per_s; }
  void set_extra_latency(sim::Ticks latency) { extra_latency_ = latency; }
  std::uint32_t in_flight() const { return in_flight_; }

 private:
  // One (principal, audience) key: its token, and with coalesce_misses the request forwarded
  // to the STS for it and the misses waiting for that reply (a FIFO chained through the
  // records' next_waiter).
  struct Cached {
    PrincipalIndex principal;
    ServiceIndex audience;
    Token token;  // none (serial 0) until a reply brings one
    std::uint32_t forwarded = kNoRecord;
    std::uint32_t waiter_first = kNoRecord;
    std::uint32_t waiter_last = kNoRecord;
    std::uint32_t waiters = 0;
  };
  void reply_after_latency(std::uint32_t record);
  sim::Ticks reply_latency();
  bool forward(std::uint32_t record);
  void coalesce_miss(std::uint32_t record, FleetBucket& bucket);
  void wait_for_forwarded(Cached& key, std::uint32_t record);
  void answer_waiters(std::uint32_t forwarded);
  const Token* cache_lookup(PrincipalIndex principal, ServiceIndex audience) const;
  Cached& cache_key(PrincipalIndex principal, ServiceIndex audience);
  void cache_store(const Token& token);

  World& world_;
  EndpointConfig config_;
  std::uint32_t node_;
  sim::Rng rng_;
  TokenBucket limiter_;
  std::vector<Cached> cache_;  // a handful of (identity, audience) keys per node
  std::uint32_t in_flight_ = 0;
  int blocked_ = 0;
  int partitioned_ = 0;
  sim::Ticks extra_latency_ = 0;
};

}  // namespace models
