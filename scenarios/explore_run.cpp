#include "scenarios/explore_run.h"

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include <algorithm>
#include <bit>
#include <cstdio>
#include <map>
#include <mutex>

#include "scenarios/explore_draw.h"
#include "scenarios/expectations.h"
#include "scenarios/run.h"
#include "scenarios/sweep_summary.h"
#include "sim/trace_digest.h"

namespace scenarios {

std::size_t ExploreOutcome::failures() const {
  std::size_t n = 0;
  for (const ExploredRun& r : runs) n += r.shrunk ? 1 : 0;
  return n;
}

Verdict judge_scenario(const Scenario& scenario) {
  Run run(scenario);
  sim::TraceDigest trace;
  run.world().simulator().set_observer(&trace);
  run.execute();
  run.world().simulator().set_observer(nullptr);
  Verdict v;
  v.digest = trace.digest();
  for (const ExpectationResult& r : evaluate_expectations(run)) {
    v.values.push_back(r.value);
    v.passed.push_back(r.passed);
    v.digest = sim::mix64(v.digest ^ std::bit_cast<std::uint64_t>(r.value));
  }
  v.audit = run.audit();
  return v;
}

std::uint64_t explore_seed(std::uint64_t base_seed, std::size_t run) {
  return sim::Rng(base_seed, "explore/" + std::to_string(run)).next_u64();
}

namespace {

Scenario load_or_throw(const ScenarioSource& source, const std::vector<Override>& overrides) {
  LoadResult loaded = load_scenario_text(source.text, source.format, source.file, overrides);
  if (loaded.scenario) return std::move(*loaded.scenario);
  throw ExploreError(join_load_errors(loaded.errors));
}

// Without the scenario's faults, an expectation over a fault's window would name a drawn fault
// or none: refuse it, and say how to keep the faults it names.
std::string fault_window_problems(const Scenario& s) {
  std::string problems;
  if (scenario_faults(s) == ScenarioFaults::kept) return problems;
  for (std::size_t i = 0; i < s.expectations.size(); ++i) {
    const Expectation& e = s.expectations[i];
    if (e.window != Expectation::Window::during_fault && e.window != Expectation::Window::after_fault) continue;
    const std::string key = e.window == Expectation::Window::during_fault ? "during" : "after";
    LoadError error{s.file, "expect[" + std::to_string(i) + "].window",
                    "{\"" + key + "\": " + std::to_string(e.fault) + "}",
                    "\"run\" or {\"from\": d, \"to\": d} (explore replaces the scenario's faults with "
                    "drawn ones, so fault indices would name nothing; --keep-faults keeps them)"};
    problems += (problems.empty() ? "" : "\n") + error.message();
  }
  return problems;
}

// One schedule on one seed: the run's scenario document, loaded as `idsim run` would load the
// file written from it, run and judged.
Verdict evaluate(const Scenario& base, std::uint64_t seed, const Schedule& schedule) {
  const std::string name = run_name(base.world.name, seed);
  const auto doc = run_document(base.source, name, seed, schedule, base.world, scenario_faults(base));
  LoadResult loaded = load_scenario_text(doc.dump(), "json", base.file + " (explore seed " + std::to_string(seed) + ")");
  if (!loaded.scenario) throw std::logic_error("a drawn schedule does not load: " + loaded.errors.front().message());
  return judge_scenario(*loaded.scenario);
}

std::string hex(std::uint64_t v) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(v));
  return buffer;
}

struct Slot {
  ExploredRun run;
  std::size_t simulations = 0;
  std::string error;
};

// Runs task(i) for i in [0, count) on `jobs` threads; each writes only its own slot.
template <typename Task>
void parallel_for(std::size_t jobs, std::size_t count, const Task& task, std::string_view phase,
                  const ExploreProgress& progress) {
  std::mutex mutex;
  std::size_t done = 0;
  boost::asio::thread_pool pool(jobs);
  for (std::size_t i = 0; i < count; ++i) {
    boost::asio::post(pool, [&, i] {
      task(i);
      const std::lock_guard<std::mutex> lock(mutex);
      ++done;
      if (progress) progress(phase, done, count);
    });
  }
  pool.join();
}

void explore_one(const Scenario& base, const ExploreOptions& o, std::size_t i, Slot& slot) {
  ExploredRun& r = slot.run;
  r.index = i;
  r.seed = explore_seed(base.world.seed, i);
  try {
    sim::Rng rng(r.seed, "explore/schedule");
    r.drawn = draw_schedule(base.world, *base.explore, rng);
    r.verdict = evaluate(base, r.seed, r.drawn);
    slot.simulations = 1;
    if (!o.check_determinism) return;
    const Verdict again = evaluate(base, r.seed, r.drawn);
    slot.simulations = 2;
    if (again.digest != r.verdict.digest)
      r.nondeterminism = "run " + std::to_string(i) + " (seed " + std::to_string(r.seed) +
                         ") ran twice with different results (trace digests " + hex(r.verdict.digest) +
                         " and " + hex(again.digest) + ")";
  } catch (const std::exception& e) {
    slot.error = "run " + std::to_string(i) + " (seed " + std::to_string(r.seed) + "): " + e.what();
  }
}

void shrink_one(const Scenario& base, std::size_t allowance, Slot& slot) {
  ExploredRun& r = slot.run;
  try {
    const ShrinkOptions options{r.verdict.first_broken(), allowance, base.explore->grain};
    const Evaluate run_schedule = [&](const Schedule& s) { return evaluate(base, r.seed, s); };
    r.shrunk = shrink(r.drawn, r.verdict, base.world, options, run_schedule);
    slot.simulations += r.shrunk->steps;
  } catch (const std::exception& e) {
    slot.error = "shrinking run " + std::to_string(r.index) + " (seed " + std::to_string(r.seed) + "): " + e.what();
  }
}

void group_by_shape(ExploreOutcome& out) {
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < out.runs.size(); ++i) {
    if (!out.runs[i].shrunk) continue;
    const std::string shape = minimal_shape(out.scenario, out.runs[i].shrunk->schedule);
    const auto [it, added] = index.emplace(shape, out.distinct.size());
    if (added) out.distinct.push_back(DistinctFailure{shape, {}});
    out.distinct[it->second].runs.push_back(i);
  }
}

}  // namespace

ScenarioFaults scenario_faults(const Scenario& explored) {
  SIM_ASSERT(explored.explore.has_value());
  return explored.explore->keep_faults ? ScenarioFaults::kept : ScenarioFaults::replaced;
}

std::string minimal_shape(const Scenario& explored, const Schedule& minimal) {
  const bool background = scenario_faults(explored) == ScenarioFaults::kept && !explored.faults.empty();
  if (background && minimal.empty()) return "(the scenario's faults alone)";
  return schedule_shape(minimal, explored.world);
}

Scenario prepare_explore(const ExploreOptions& o) {
  if (o.runs == 0 || o.runs > kExploreRunsMax)
    throw ExploreError("--runs must be in 1.." + std::to_string(kExploreRunsMax));
  const std::size_t needed = o.runs * (o.check_determinism ? 2 : 1);
  if (o.budget && *o.budget < needed)
    throw ExploreError("--budget " + std::to_string(*o.budget) + " is below the " + std::to_string(needed) +
                       " simulations the exploration runs themselves take (--runs" +
                       (o.check_determinism ? " × 2 with --check-determinism)" : ")"));
  std::vector<Override> overrides = o.overrides;
  if (o.seed) overrides.push_back(Override{"seed", std::to_string(*o.seed)});
  Scenario s = load_or_throw(o.source, overrides);
  const std::size_t given = overrides.size();
  // The defaults, checked against this world.
  if (!s.explore) overrides.push_back(Override{"explore", "{}"});
  // Through the loader, so that the combined limits are checked as for the file's own key.
  if (o.keep_faults) overrides.push_back(Override{"explore.keep_faults", "true"});
  if (overrides.size() != given) s = load_or_throw(o.source, overrides);
  const std::string problems = fault_window_problems(s);
  if (!problems.empty()) throw ExploreError(problems);
  return s;
}

ExploreOutcome run_explore(const ExploreOptions& o, const ExploreProgress& progress) {
  ExploreOutcome out;
  out.scenario = prepare_explore(o);
  out.source_hash = hash_text(o.source.text);
  out.base_seed = out.scenario.world.seed;
  out.jobs = std::max<std::size_t>(1, o.jobs);
  out.budget = o.budget;
  out.check_determinism = o.check_determinism;
  SIM_ASSERT(o.runs >= 1 && o.runs <= kExploreRunsMax && out.scenario.explore.has_value());
  std::vector<Slot> slots(o.runs);
  parallel_for(out.jobs, o.runs, [&](std::size_t i) { explore_one(out.scenario, o, i, slots[i]); },
               "explore", progress);
  std::vector<std::size_t> failing;
  std::size_t used = 0;
  for (const Slot& s : slots) used += s.simulations;
  for (std::size_t i = 0; i < slots.size(); ++i)
    if (slots[i].error.empty() && slots[i].run.verdict.failed()) failing.push_back(i);
  // Every failure gets the same share of what the budget leaves, so which failures shrink how
  // far depends on nothing but the runs themselves.
  out.shrink_allowance = kShrinkStepsMax;
  if (o.budget && !failing.empty())
    out.shrink_allowance = std::min(kShrinkStepsMax, (*o.budget - used) / failing.size());
  parallel_for(out.jobs, failing.size(),
               [&](std::size_t k) { shrink_one(out.scenario, out.shrink_allowance, slots[failing[k]]); },
               "shrink", progress);
  for (Slot& s : slots) {
    out.simulations += s.simulations;
    if (!s.error.empty()) out.errors.push_back(s.error);
    out.runs.push_back(std::move(s.run));
  }
  group_by_shape(out);
  return out;
}

}  // namespace scenarios
