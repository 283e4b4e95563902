#pragma once
// A fleet: instances on nodes sharing an identity, a call pattern and a client policy.
// Exact mode (--exact-calls): every call is an event — the fleet's calls are one Poisson stream
// (the superposition of its instances' streams, thinned by the daily profile), each landing on
// a uniformly chosen instance and a target chosen by call rate.
// Aggregated mode (default, MODEL.md §9): each client entry is quiet (its calls are counted
// in QuietCalls and drawn per bucket) or active (its own Poisson stream of exact calls).
#include <cstdint>
#include <utility>
#include <vector>

#include "models/daily_profile.h"
#include "models/metrics.h"
#include "models/quiet_calls.h"
#include "models/token.h"
#include "models/world_config.h"
#include "sim/random.h"
#include "sim/simulator.h"

namespace models {

class World;
class Client;

class Fleet final : public sim::EventHandler {
 public:
  Fleet(World& world, std::uint32_t index, const FleetConfig& config, std::uint32_t first_node,
        std::uint32_t first_client, sim::Rng rng);

  void start();
  // Counts the quiet calls of the bucket still open at the end of the run.
  void finish(sim::Ticks end);
  void on_event(std::uint64_t tag) override;

  bool aggregated() const { return aggregated_; }
  QuietCalls& quiet() { return quiet_; }
  const DailyProfile& profile() const { return profile_; }
  double entry_rate_per_s(std::uint32_t entry) const { return config_.calls[entry].rate_per_s; }
  // Instances client `c` (0-based within the fleet) serves now: 0 when it is not running.
  std::uint32_t client_instances(std::uint32_t c) const;
  // A call begins (the one place calls are counted as started).
  void count_calls_started(std::uint64_t calls);
  // The clients (world indices, [first, last)) on a node of this fleet.
  std::pair<std::uint32_t, std::uint32_t> clients_of_node(std::uint32_t node) const;
  // Aggregated mode: a target's decisions changed; entries calling it are judged again.
  void recheck_service(ServiceIndex service);
  // The same for one client (0-based within the fleet): its system identity's object changed.
  void recheck_client(ServiceIndex service, std::uint32_t c);

  const FleetConfig& config() const { return config_; }
  // Instances running now (a `scale` fault changes it), and the most the fleet can have.
  std::uint32_t instances() const { return active_instances_; }
  std::uint32_t nodes_capacity() const {
    return config_.nodes_capacity > config_.nodes ? config_.nodes_capacity : config_.nodes;
  }
  std::uint32_t instances_capacity() const { return nodes_capacity() * config_.instances_per_node; }
  // scale: grows (new instances start cold) or shrinks (removed ones die, waiting calls fail).
  void set_instances(std::uint32_t instances);
  std::uint32_t first_node() const { return first_node_; }
  std::uint32_t first_client() const { return first_client_; }
  std::uint32_t client_count() const;  // clients built (for the capacity)
  std::uint32_t active_clients() const;
  std::uint32_t client_of_instance(std::uint32_t instance) const;
  std::uint64_t calls_started() const { return calls_started_; }
  // The audience slot of a service in this fleet's clients.
  const std::vector<std::uint32_t>& audiences() const { return audiences_; }
  // The audience a client asks for: its target's, or a wrong one during audience_mismatch.
  ServiceIndex requested_audience(ServiceIndex target) const {
    return audience_mismatch_ > 0 ? kWrongAudience : target;
  }
  void begin_audience_mismatch() { ++audience_mismatch_; }
  void end_audience_mismatch() { --audience_mismatch_; }
  static constexpr ServiceIndex kWrongAudience = 0xffff'fffe;

  // restart: `fraction` of the instances (chosen by the seed) restart within `spread`.
  void restart(double fraction, sim::Ticks spread);

 private:
  enum Kind : std::uint64_t { kCall = 0, kLifetimeEnd = 1, kRestart = 2, kFlush = 3 };
  void schedule_next_call();
  void flush_quiet(sim::Ticks from, sim::Ticks to);
  void flush_quiet_slot(std::uint32_t entry, Outcome outcome, sim::Ticks from, sim::Ticks to);
  void record_quiet_token_ages(std::uint32_t entry, Outcome outcome, std::uint64_t calls,
                               sim::Ticks from, sim::Ticks to);
  Client* pick_quiet_client(std::uint32_t entry, Outcome outcome);
  void record_last_quiet_ok(std::uint32_t entry, sim::Ticks now, sim::Ticks floor);

  World& world_;
  std::uint32_t index_;
  FleetConfig config_;
  std::uint32_t first_node_;
  std::uint32_t first_client_;
  sim::Rng rng_;
  sim::Rng quiet_rng_;  // draws of aggregated calls, apart from the exact stream's
  bool aggregated_;
  DailyProfile profile_;
  QuietCalls quiet_;
  sim::Ticks flushed_until_ = 0;
  std::vector<std::uint32_t> audiences_;  // service index per entry slot
  std::vector<double> cumulative_rate_;  // for choosing a target by rate
  double rate_per_instance_ = 0;
  std::uint64_t calls_started_ = 0;
  std::uint32_t active_instances_ = 0;
  sim::EventId next_call_;
  int audience_mismatch_ = 0;
  std::vector<std::uint32_t> restart_order_;  // restart(): clients in a seeded random order
};

}  // namespace models
