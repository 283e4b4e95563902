#pragma once
// One run of a scenario: the world with its fault script, executed to the horizon. Reports
// and expectations read it afterwards.
#include <atomic>
#include <memory>
#include <vector>

#include "faults/injector.h"
#include "models/world.h"
#include "scenarios/scenario.h"

namespace scenarios {

struct RunOptions {
  // Raised by a signal handler (or another thread): the simulation stops before its next
  // event and execute() returns false. Must outlive the run; nullptr: the run cannot be stopped.
  const std::atomic<bool>* stop_flag = nullptr;
};

class Run {
 public:
  // Builds the world (with capacity for the script's scale faults) and arms the faults.
  explicit Run(const Scenario& scenario, RunOptions options = {});
  // Runs to the horizon; then audit() lists broken invariants (none expected). False when the
  // stop flag was raised: the run is incomplete and nothing may be reported from it.
  bool execute();

  const Scenario& scenario() const { return scenario_; }
  models::World& world() { return *world_; }
  const models::World& world() const { return *world_; }
  const std::vector<faults::FaultWindow>& fault_windows() const { return injector_->windows(); }
  std::vector<std::string> audit() const { return world_->audit(); }

 private:
  const Scenario& scenario_;
  RunOptions options_;
  std::unique_ptr<models::World> world_;
  std::unique_ptr<faults::FaultInjector> injector_;
};

}  // namespace scenarios
