#pragma once
// Small worlds for model tests, and a way to turn a model hook at a simulated time.
#include <functional>
#include <vector>

#include "models/presets.h"
#include "models/world.h"

namespace models::testing {

// One identity, one service it may call, one fleet of `nodes` × `per_node` instances.
inline WorldConfig small_world(std::uint32_t nodes, std::uint32_t per_node, ClientPolicy client) {
  WorldConfig w;
  w.name = "test";
  w.seed = 7;
  w.duration = sim::hours(2);
  w.bucket = sim::minutes(1);
  w.sts.servers = 8;
  w.sts.service_time_ms = sim::Distribution::constant(5);
  w.sts.network_latency_ms = sim::Distribution::constant(1);
  w.endpoint.latency_ms = sim::Distribution::constant(1);
  w.iam.propagation_delay_s = sim::Distribution::constant(30);
  w.identities.push_back(IdentityConfig{"app", true, std::nullopt});
  w.services.push_back(ServiceConfig{"storage", sim::minutes(5), sim::minutes(5), false, false});
  w.roles.push_back(RoleConfig{0, 0, "reader"});
  FleetConfig f;
  f.name = "web";
  f.nodes = nodes;
  f.instances_per_node = per_node;
  f.calls.push_back(CallConfig{0, 1.0});
  f.client = std::move(client);
  w.fleets.push_back(f);
  return w;
}

inline ClientPolicy preset(const char* name) { return *find_preset(name); }

// Runs actions at simulated times (what faults will do through the same hooks).
class Script final : public sim::EventHandler {
 public:
  explicit Script(World& world) : world_(world) {}
  void at(sim::Ticks t, std::function<void(World&)> action) {
    actions_.push_back(std::move(action));
    world_.simulator().schedule_at(t, *this, actions_.size() - 1);
  }
  void on_event(std::uint64_t tag) override { actions_[tag](world_); }

 private:
  World& world_;
  std::vector<std::function<void(World&)>> actions_;
};

inline double calls(const World& w, Outcome o) {
  return static_cast<double>(w.metrics().all_fleets_total().calls[static_cast<std::size_t>(o)]);
}

}  // namespace models::testing
