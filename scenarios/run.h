#pragma once
// One run of a scenario: the world with its fault script, executed to the horizon. Reports
// and expectations read it afterwards.
#include <memory>
#include <vector>

#include "faults/injector.h"
#include "models/world.h"
#include "scenarios/scenario.h"

namespace scenarios {

class Run {
 public:
  // Builds the world (with capacity for the script's scale faults) and arms the faults.
  explicit Run(const Scenario& scenario);
  void execute();  // runs to the horizon; then audit() lists broken invariants (none expected)

  const Scenario& scenario() const { return scenario_; }
  models::World& world() { return *world_; }
  const models::World& world() const { return *world_; }
  const std::vector<faults::FaultWindow>& fault_windows() const { return injector_->windows(); }
  std::vector<std::string> audit() const { return world_->audit(); }

 private:
  const Scenario& scenario_;
  std::unique_ptr<models::World> world_;
  std::unique_ptr<faults::FaultInjector> injector_;
};

}  // namespace scenarios
