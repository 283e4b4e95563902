#pragma once
// The token service: c servers (fixed, or autoscaled on utilization with a scale-up delay),
// a bounded FIFO queue (full → 503), a token-bucket rate limit (→ 429), and the availability
// hooks faults turn (error fraction, extra latency, rate). Refuses deleted identities (400).
#include <cstdint>
#include <deque>
#include <vector>

#include "models/token.h"
#include "models/token_bucket.h"
#include "models/world_config.h"
#include "sim/random.h"
#include "sim/simulator.h"

namespace models {

class World;

class Sts final : public sim::EventHandler {
 public:
  Sts(World& world, const StsConfig& config, sim::Rng rng);

  void start();
  // A request (a FetchRecord id) leaves its endpoint for the STS now.
  void send(std::uint32_t record);

  // Fault hooks.
  void set_error_fraction(double fraction);
  void set_extra_latency(sim::Ticks latency) { extra_latency_ = latency; }
  void set_rate_limit(double rate_per_s) { limiter_.set_rate(rate_per_s); }
  double configured_rate_limit() const { return config_.rate_limit_per_s; }
  // ttl_change: the TTL of newly issued tokens, for all identities (0 = back to configured).
  void set_ttl_override(sim::Ticks ttl) { ttl_override_ = ttl; }
  // The same for one identity; it wins over the all-identities override (0 = none).
  void set_identity_ttl_override(IdentityIndex identity, sim::Ticks ttl);
  void set_issuer(std::uint32_t issuer) { issuer_ = issuer; }
  std::uint32_t issuer() const { return issuer_; }

  // The token a client holds at t = 0 in a warm start, issued now (the run's start).
  Token issue_before_start(IdentityIndex identity, PrincipalIndex principal,
                           ServiceIndex audience);

  std::uint32_t servers() const { return servers_; }
  std::size_t queue_length() const { return queue_.size(); }
  std::uint32_t busy() const { return busy_; }
  // Queueing statistics over the run: requests that reached a server, and their total time
  // waiting in the queue (0 for those served on arrival). Mean wait = total / served.
  std::uint64_t served() const { return served_; }
  double wait_seconds_total() const { return sim::to_seconds(wait_total_); }
  sim::Ticks token_ttl_for(std::uint32_t identity) const;
  void finish(sim::Ticks horizon);  // closes the server-time accounting
  void on_event(std::uint64_t tag) override;

 private:
  enum Kind : std::uint64_t { kArrive = 0, kDone = 1, kEvaluate = 2, kServerReady = 3 };
  static std::uint64_t tag(Kind kind, std::uint32_t value) {
    return (static_cast<std::uint64_t>(kind) << 32) | value;
  }
  void arrive(std::uint32_t record);
  void start_service(std::uint32_t record, sim::Ticks arrived);
  void start_next_queued();
  void complete(std::uint32_t record);
  void reply(std::uint32_t record);
  void evaluate_autoscale();
  void account_servers();
  sim::Ticks sample_ms(const sim::Distribution& d);

  World& world_;
  StsConfig config_;
  sim::Rng rng_;
  TokenBucket limiter_;
  std::deque<std::uint32_t> queue_;
  std::deque<sim::Ticks> queued_at_;  // beside queue_: when each queued request arrived
  std::uint64_t served_ = 0;
  sim::Ticks wait_total_ = 0;
  std::uint32_t servers_ = 0;
  std::uint32_t servers_pending_ = 0;  // scale-ups not ready yet
  std::uint32_t busy_ = 0;
  double error_fraction_ = 0;
  sim::Ticks extra_latency_ = 0;
  sim::Ticks ttl_override_ = 0;  // 0 = none
  std::vector<sim::Ticks> identity_ttl_override_;  // per identity, 0 = none
  std::uint32_t issuer_ = 0;
  std::uint64_t serial_next_ = 1;
  sim::Ticks servers_since_ = 0;        // server-time accounting: servers_ constant since then
  double busy_seconds_window_ = 0;      // autoscale: busy time in the current evaluation window
};

}  // namespace models
