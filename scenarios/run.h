#pragma once
// One run of a scenario: the world with its fault script, executed to the horizon. Reports
// and expectations read it afterwards.
#include <atomic>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "faults/injector.h"
#include "models/invariants.h"
#include "models/world.h"
#include "scenarios/scenario.h"

namespace scenarios {

struct RunOptions {
  // Raised by a signal handler (or another thread): the simulation stops before its next
  // event and execute() returns false. Must outlive the run; nullptr: the run cannot be stopped.
  const std::atomic<bool>* stop_flag = nullptr;
  // --paranoid: the model invariants (models/invariants.h) after every event; the first
  // broken one stops the run and is kept in violation().
  bool paranoid = false;
};

class Run {
 public:
  // Builds the world (with capacity for the script's scale faults) and arms the faults.
  explicit Run(const Scenario& scenario, RunOptions options = {});
  // Runs to the horizon; then audit() lists broken invariants (none expected). False when the
  // stop flag was raised or (paranoid) an invariant broke: the run is incomplete and nothing
  // may be reported from it but violation().
  bool execute();
  // The invariant --paranoid found broken, with the time and event; nullptr when none.
  const models::Violation* violation() const;
  std::uint64_t events_checked() const { return checker_ ? checker_->events_checked() : 0; }

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
  std::unique_ptr<models::InvariantChecker> checker_;  // only when paranoid
};

// Thrown where a run's broken invariant must end more than the run (a sweep).
class InvariantBroken : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// "invariant broken after the event at 3h0m0s (sequence 1234) of scenario 'x' --seed 5: what"
// for a run whose violation() is set.
std::string describe_violation(const Run& run);

}  // namespace scenarios
