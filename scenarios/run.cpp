#include "scenarios/run.h"

namespace scenarios {

Run::Run(const Scenario& scenario) : scenario_(scenario) {
  models::WorldConfig config = scenario.world;
  faults::reserve_capacity(config, scenario.faults);
  world_ = std::make_unique<models::World>(config);
  injector_ = std::make_unique<faults::FaultInjector>(
      *world_, scenario.faults, sim::RandomStreams(config.seed).stream("faults"));
  injector_->arm();
}

void Run::execute() { world_->run(); }

}  // namespace scenarios
