#pragma once
// `idsim explore` (docs/explore.md): N runs of a scenario's world, each with a fault schedule
// drawn from its own seed within the scenario's `explore` bounds, on a Boost.Asio thread pool;
// every run that breaks an expectation is shrunk to a minimal schedule, and the minimal
// failures are grouped by shape. Results depend neither on --jobs nor on completion order.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "scenarios/explore_shrink.h"
#include "scenarios/sweep_point.h"

namespace scenarios {

inline constexpr std::size_t kExploreRunsMax = 1'000'000;

class ExploreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ExploreOptions {
  ScenarioSource source;
  std::vector<Override> overrides;       // --set, applied before anything else
  std::size_t runs = 100;
  std::optional<std::uint64_t> seed;     // --seed: the base of the run seeds instead of the file's
  std::size_t jobs = 1;
  // --budget: simulations in all — exploration runs, their repeats under --check-determinism
  // and every shrinking step. Unset: each failure may take kShrinkStepsMax steps.
  std::optional<std::size_t> budget;
  bool check_determinism = false;        // every exploration run twice, digests compared
  // --keep-faults: as `"explore": {"keep_faults": true}`, whatever the file says.
  bool keep_faults = false;
};

struct ExploredRun {
  std::size_t index = 0;
  std::uint64_t seed = 0;                // the world's seed and the schedule's: reproduces the run
  Schedule drawn;
  Verdict verdict;
  std::optional<Shrunk> shrunk;          // set for runs that failed
  std::string nondeterminism;            // non-empty: the repeat differed (what differed)
};

struct DistinctFailure {
  std::string shape;                     // minimal_shape() of the minimal schedule
  std::vector<std::size_t> runs;         // indices of ExploreOutcome::runs, in run order
};

struct ExploreOutcome {
  Scenario scenario;                     // as explored (overrides, --seed, bounds)
  std::string source_hash;               // FNV-1a of the scenario file's text
  std::uint64_t base_seed = 0;
  std::size_t jobs = 1;
  std::optional<std::size_t> budget;
  bool check_determinism = false;
  std::vector<ExploredRun> runs;         // in run order
  std::vector<DistinctFailure> distinct; // ordered by their first run
  std::size_t simulations = 0;           // everything run, shrinking included
  std::size_t shrink_allowance = 0;      // steps each failure could take
  std::vector<std::string> errors;       // runs that could not be built (an idsim bug)
  std::size_t failures() const;
};

// Called after each finished task, from a worker thread, one call at a time.
using ExploreProgress = std::function<void(std::string_view phase, std::size_t done, std::size_t total)>;

// Runs a loaded scenario and judges it: expectations, audit, and a digest of its trace and
// values (equal digests: the same run).
Verdict judge_scenario(const Scenario& scenario);

// Seed of run i: the first draw of the stream "explore/<i>" under the base seed.
std::uint64_t explore_seed(std::uint64_t base_seed, std::size_t run);

// Whether the explored runs keep the scenario's own faults (the loaded `explore` section says).
ScenarioFaults scenario_faults(const Scenario& explored);

// The shape a minimal schedule is grouped by: schedule_shape(), and "(the scenario's faults
// alone)" when kept faults break the check without any drawn one.
std::string minimal_shape(const Scenario& explored, const Schedule& minimal);

// Loads the scenario as explore sees it (with an empty `explore` section when it has none)
// and checks that it can be explored; throws ExploreError with every problem.
Scenario prepare_explore(const ExploreOptions& options);

ExploreOutcome run_explore(const ExploreOptions& options, const ExploreProgress& progress);

}  // namespace scenarios
