#include "scenarios/run.h"

namespace scenarios {

Run::Run(const Scenario& scenario, RunOptions options) : scenario_(scenario), options_(options) {
  models::WorldConfig config = scenario.world;
  faults::reserve_capacity(config, scenario.faults);
  world_ = std::make_unique<models::World>(config);
  injector_ = std::make_unique<faults::FaultInjector>(
      *world_, scenario.faults, sim::RandomStreams(config.seed).stream("faults"));
  injector_->arm();
  world_->simulator().set_stop_flag(options_.stop_flag);
}

bool Run::execute() {
  world_->run();
  // A flag raised after the last event still counts: the user asked to stop, so the caller
  // writes nothing rather than guess whether the run had just finished.
  return options_.stop_flag == nullptr || !options_.stop_flag->load(std::memory_order_relaxed);
}

}  // namespace scenarios
