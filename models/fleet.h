#pragma once
// A fleet: instances on nodes sharing an identity, a call pattern and a client policy. In
// exact mode every call is an event: the fleet's calls are one Poisson stream (the superposition
// of its instances' streams, thinned by the daily profile), each call landing on a uniformly
// chosen instance and a target chosen by call rate.
#include <cstdint>
#include <vector>

#include "models/token.h"
#include "models/world_config.h"
#include "sim/random.h"
#include "sim/simulator.h"

namespace models {

class World;

class Fleet final : public sim::EventHandler {
 public:
  Fleet(World& world, std::uint32_t index, const FleetConfig& config, std::uint32_t first_node,
        std::uint32_t first_client, sim::Rng rng);

  void start();
  void on_event(std::uint64_t tag) override;

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
  enum Kind : std::uint64_t { kCall = 0, kLifetimeEnd = 1, kRestart = 2 };
  void schedule_next_call();
  double profile_at(sim::Ticks t) const;

  World& world_;
  std::uint32_t index_;
  FleetConfig config_;
  std::uint32_t first_node_;
  std::uint32_t first_client_;
  sim::Rng rng_;
  std::vector<std::uint32_t> audiences_;  // service index per entry slot
  std::vector<double> cumulative_rate_;  // for choosing a target by rate
  double rate_per_instance_ = 0;
  double profile_max_ = 1;
  std::uint64_t calls_started_ = 0;
  std::uint32_t active_instances_ = 0;
  sim::EventId next_call_;
  int audience_mismatch_ = 0;
  std::vector<std::uint32_t> restart_order_;  // restart(): clients in a seeded random order
};

}  // namespace models
