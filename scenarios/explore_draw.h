#pragma once
// Drawing one run's fault schedule for `idsim explore` (docs/explore.md): swarm testing, so
// each run first switches whole fault kinds off, then draws how many faults, which kinds,
// when, how long, where (selectors) and how strong, all within the scenario's bounds.
#include <vector>

#include "faults/fault_spec.h"
#include "models/world_config.h"
#include "scenarios/explore_bounds.h"
#include "sim/random.h"

namespace scenarios {

// A schedule the loader accepts for `world` (bounds validated by the loader), sorted by `at`.
std::vector<faults::FaultSpec> draw_schedule(const models::WorldConfig& world,
                                             const ExploreBounds& bounds, sim::Rng& rng);

// The zones of the world's fleets, in fleet order, each once.
std::vector<std::string> world_zones(const models::WorldConfig& world);

}  // namespace scenarios
