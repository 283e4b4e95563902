#pragma once
// Shrinking a failing schedule (docs/explore.md): faults removed, durations shortened,
// selectors narrowed and fractions lowered while the run still breaks the same check, until
// no single step keeps it failing (or the step allowance is spent).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "models/world_config.h"
#include "scenarios/explore_schedule.h"

namespace scenarios {

inline constexpr std::size_t kShrinkStepsMax = 500;  // evaluations per failing run

// How one run fared.
struct Verdict {
  static constexpr std::size_t kAudit = SIZE_MAX;  // the check "the invariant audit holds"
  std::vector<double> values;       // one per expectation, in the scenario's order
  std::vector<bool> passed;
  std::vector<std::string> audit;   // broken invariants (none expected)
  std::uint64_t digest = 0;         // the trace digest: equal digests, equal runs
  bool failed() const;
  // What a failure is shrunk against: the first expectation that failed, else kAudit.
  std::size_t first_broken() const;
  bool breaks(std::size_t check) const;
};

// Runs a schedule (on the explored run's seed) and judges it.
using Evaluate = std::function<Verdict(const Schedule&)>;

struct ShrinkOptions {
  std::size_t check = 0;            // the broken check to keep broken (Verdict::first_broken)
  std::size_t steps_max = kShrinkStepsMax;
  sim::Ticks grain = sim::minutes(1);  // durations are shortened in whole grains
};

struct Shrunk {
  Schedule schedule;
  Verdict verdict;
  std::size_t steps = 0;            // evaluations spent
  bool complete = false;            // false: the allowance ran out before a minimum
};

Shrunk shrink(const Schedule& failing, const Verdict& verdict, const models::WorldConfig& world,
              const ShrinkOptions& options, const Evaluate& evaluate);

}  // namespace scenarios
