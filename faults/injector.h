#pragma once
// Runs a fault script against a World through the models' own hooks. Faults start at `at`,
// revert by themselves after `duration`, and compose when they overlap: blocks and partitions
// nest, outages combine as 1 − Π(1 − fᵢ), latencies add, throttles take the lowest rate.
#include <cstdint>
#include <vector>

#include "faults/fault_spec.h"
#include "models/world.h"
#include "sim/random.h"

namespace faults {

// When a fault was in force: [start, end); end = the horizon for faults that never revert.
struct FaultWindow {
  sim::Ticks start = 0;
  sim::Ticks end = 0;
  std::uint32_t nodes = 0;  // nodes the selector picked (0 for world-wide faults)
};

// Grows each fleet's node capacity to what its `scale` faults need; call before building
// the World.
void reserve_capacity(models::WorldConfig& world, const std::vector<FaultSpec>& faults);

// The nodes a selector picks, in increasing order (the seeded fraction draws from `rng`).
std::vector<std::uint32_t> resolve_selector(const models::World& world, const Selector& selector,
                                            sim::Rng& rng);

class FaultInjector final : public sim::EventHandler {
 public:
  FaultInjector(models::World& world, std::vector<FaultSpec> faults, sim::Rng rng);

  void arm();  // schedules every fault's start and end
  const std::vector<FaultSpec>& faults() const { return faults_; }
  const std::vector<FaultWindow>& windows() const { return windows_; }
  void on_event(std::uint64_t tag) override;

 private:
  enum Phase : std::uint64_t { kStart = 0, kEnd = 1, kRecreate = 2 };
  void start(std::size_t index);
  void end(std::size_t index);
  void refresh_sts();
  void refresh_endpoint(std::uint32_t node);
  bool covers(std::size_t fault, std::uint32_t node) const;
  std::vector<std::uint32_t> fleets_of(std::size_t fault) const;

  models::World& world_;
  std::vector<FaultSpec> faults_;
  std::vector<FaultWindow> windows_;
  std::vector<std::vector<std::uint32_t>> nodes_;  // resolved per fault (sorted)
  std::vector<bool> active_;
  std::vector<std::uint32_t> scale_before_;        // scale: the size to return to
  std::vector<sim::Ticks> ttl_stack_;              // ttl_change: active overrides, latest last
};

}  // namespace faults
