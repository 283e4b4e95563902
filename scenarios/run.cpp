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
  if (options_.paranoid) {
    checker_ = std::make_unique<models::InvariantChecker>(*world_);
    world_->simulator().set_after_event(checker_.get());
  }
}

const models::Violation* Run::violation() const {
  return checker_ && checker_->violation() ? &*checker_->violation() : nullptr;
}

bool Run::execute() {
  world_->run();
  if (violation() != nullptr) return false;
  // A flag raised after the last event still counts: the user asked to stop, so the caller
  // writes nothing rather than guess whether the run had just finished.
  return options_.stop_flag == nullptr || !options_.stop_flag->load(std::memory_order_relaxed);
}

std::string describe_violation(const Run& run) {
  const models::Violation* v = run.violation();
  SIM_ASSERT(v != nullptr);
  return "invariant broken after the event at " + sim::format_duration(v->at) + " (sequence " +
         std::to_string(v->event) + ") of scenario '" + run.scenario().world.name + "' --seed " +
         std::to_string(run.scenario().world.seed) + ": " + v->what;
}

}  // namespace scenarios
