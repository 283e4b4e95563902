#pragma once
// The reference model's state and rules, written once and run by both engines, so the kernel
// and the bare loop do the same model: same state, same draws in the same order, same
// scheduling order (ties then break the same way). An engine supplies a Schedule with
//   void call_at(sim::Ticks at, std::uint32_t client);
//   void response_at(sim::Ticks at, std::uint32_t client);
// and calls on_call / on_response for each event it takes off its queue.
//
// State is compact and allocated once: 8 bytes per client (its refresh point) and a FIFO ring
// of client indices for the STS. No allocation per event.
#include <cstdint>
#include <vector>

#include "bench/refmodel.h"
#include "sim/assert.h"
#include "sim/distribution.h"
#include "sim/random.h"

namespace bench {

class RefModel {
 public:
  explicit RefModel(const RefModelOptions& options);

  // t = 0: each client holds a token whose refresh point is uniform over one mean cycle
  // without its service time, (-1/r, 0.9·TTL]; a point <= 0 means the next call refreshes.
  // That is the stationary phase (docs/bench.md), so token requests come at a constant rate.
  template <class Schedule>
  void start(Schedule& schedule) {
    const auto span = static_cast<std::uint64_t>(renewal_to_refresh_ + mean_call_gap_);
    for (std::uint32_t client = 0; client < clients_; ++client) {
      refresh_at_[client] = renewal_to_refresh_ - static_cast<sim::Ticks>(init_rng_.below(span));
      schedule.call_at(draw_call_gap(), client);
    }
  }

  template <class Schedule>
  void on_call(sim::Ticks now, std::uint32_t client, Schedule& schedule) {
    ++counts_.calls;
    schedule.call_at(now + draw_call_gap(), client);
    // Strictly after the refresh point: less than 10 % of the TTL left. A client with a request
    // outstanding has its point at kRequestOutstanding, which no time passes.
    if (now > refresh_at_[client]) {
      refresh_at_[client] = kRequestOutstanding;
      ++counts_.token_requests;
      sts_arrive(now, client, schedule);
    }
  }

  template <class Schedule>
  void on_response(sim::Ticks now, std::uint32_t client, Schedule& schedule) {
    SIM_ASSERT(refresh_at_[client] == kRequestOutstanding);
    ++counts_.token_responses;
    refresh_at_[client] = now + renewal_to_refresh_;  // expiry = now + TTL, less the window
    if (waiting_count_ > 0) {  // the freed server takes the head of the FIFO
      const std::uint32_t next = waiting_[waiting_head_];
      waiting_head_ = waiting_head_ + 1 == clients_ ? 0 : waiting_head_ + 1;
      --waiting_count_;
      schedule.response_at(now + draw_service(), next);
    } else {
      SIM_ASSERT(busy_servers_ > 0);
      --busy_servers_;
    }
  }

  // The counts so far; `events` is left to the engine, which is the one that counts them.
  RefModelCounts counts() const {
    RefModelCounts counts = counts_;
    counts.requests_in_flight = static_cast<std::uint32_t>(counts.token_requests -
                                                           counts.token_responses);
    return counts;
  }

  std::uint32_t clients() const { return clients_; }
  std::uint32_t sts_servers() const { return sts_servers_; }

 private:
  static constexpr sim::Ticks kRequestOutstanding = sim::kTicksMax;

  template <class Schedule>
  void sts_arrive(sim::Ticks now, std::uint32_t client, Schedule& schedule) {
    if (busy_servers_ < sts_servers_) {
      ++busy_servers_;
      schedule.response_at(now + draw_service(), client);
      return;
    }
    // At most one request per client, so the ring of `clients_` slots never overflows.
    SIM_ASSERT(waiting_count_ < clients_);
    std::uint32_t tail = waiting_head_ + waiting_count_;
    if (tail >= clients_) tail -= clients_;
    waiting_[tail] = client;
    ++waiting_count_;
  }

  sim::Ticks draw_call_gap() { return draw_exponential(calls_rng_, mean_call_gap_s_); }
  sim::Ticks draw_service() { return draw_exponential(sts_rng_, sts_service_mean_s_); }

  static sim::Ticks draw_exponential(sim::Rng& rng, double mean_s) {
    return sim::from_seconds(sim::sample_exponential(rng, mean_s));
  }

  std::uint32_t clients_;
  std::uint32_t sts_servers_;
  double mean_call_gap_s_;
  double sts_service_mean_s_;
  sim::Ticks mean_call_gap_;      // 1/r in ticks
  sim::Ticks renewal_to_refresh_;  // TTL - TTL/10: a new token's time to its refresh point
  // One stream per concern: the engines take the same draws in the same order.
  sim::Rng init_rng_;
  sim::Rng calls_rng_;
  sim::Rng sts_rng_;
  std::vector<sim::Ticks> refresh_at_;  // per client; kRequestOutstanding while one is out
  std::vector<std::uint32_t> waiting_;  // the STS FIFO: a ring of client indices
  std::uint32_t waiting_head_ = 0;
  std::uint32_t waiting_count_ = 0;
  std::uint32_t busy_servers_ = 0;
  RefModelCounts counts_;
};

// The two engines (refmodel_kernel.cpp, refmodel_pq.cpp); run_refmodel picks one.
RefModelCounts run_refmodel_on_kernel(const RefModelOptions& options);
RefModelCounts run_refmodel_on_priority_queue(const RefModelOptions& options);

}  // namespace bench
