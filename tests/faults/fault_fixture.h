#pragma once
// A small two-zone world for fault tests: fleet "a" (zone-a) and fleet "b" (zone-b), 4 nodes
// × 5 instances each, one identity with a role on one service, 1-minute buckets.
#include <memory>
#include <vector>

#include "../models/world_fixture.h"
#include "faults/injector.h"

namespace faults::testing {

using models::Outcome;

inline models::WorldConfig two_zone_world(const char* preset) {
  models::WorldConfig w = models::testing::small_world(4, 5, models::testing::preset(preset));
  w.duration = sim::hours(2);
  w.fleets[0].name = "a";
  w.fleets[0].zone = "zone-a";
  models::FleetConfig b = w.fleets[0];
  b.name = "b";
  b.zone = "zone-b";
  w.fleets.push_back(b);
  return w;
}

struct FaultedRun {
  std::unique_ptr<models::World> world;
  std::unique_ptr<FaultInjector> injector;

  // The share of fleet `fleet`'s calls in minutes [from, to) with this outcome.
  double share(std::uint32_t fleet, Outcome outcome, std::size_t from, std::size_t to) const {
    std::uint64_t hit = 0, all = 0;
    for (std::size_t m = from; m < to; ++m) {
      const models::FleetBucket& b = world->metrics().fleet_at(fleet, m);
      hit += b.calls[static_cast<std::size_t>(outcome)];
      all += b.calls_total();
    }
    return all == 0 ? 0.0 : static_cast<double>(hit) / static_cast<double>(all);
  }
  // Sum of a per-bucket counter of fleet `fleet` over minutes [from, to).
  template <class F>
  std::uint64_t sum(std::uint32_t fleet, std::size_t from, std::size_t to, F field) const {
    std::uint64_t total = 0;
    for (std::size_t m = from; m < to; ++m) total += field(world->metrics().fleet_at(fleet, m));
    return total;
  }
};

inline FaultSpec fault(FaultKind kind, sim::Ticks at, sim::Ticks duration) {
  FaultSpec f;
  f.kind = kind;
  f.at = at;
  f.duration = duration;
  f.label = std::string(to_string(kind));
  return f;
}

inline FaultedRun run_with(models::WorldConfig config, std::vector<FaultSpec> specs) {
  reserve_capacity(config, specs);
  FaultedRun run;
  run.world = std::make_unique<models::World>(config);
  run.injector = std::make_unique<FaultInjector>(*run.world, std::move(specs),
                                                 sim::RandomStreams(config.seed).stream("faults"));
  run.injector->arm();
  run.world->run();
  EXPECT_TRUE(run.world->audit().empty());
  return run;
}

}  // namespace faults::testing
