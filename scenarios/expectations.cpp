#include "scenarios/expectations.h"

#include <sstream>

#include "scenarios/measures.h"

namespace scenarios {

namespace {

std::pair<sim::Ticks, sim::Ticks> window_of(const Run& run, const Expectation& e) {
  const sim::Ticks horizon = run.scenario().world.duration;
  switch (e.window) {
    case Expectation::Window::run: return {0, horizon};
    case Expectation::Window::during_fault: {
      const faults::FaultWindow& w = run.fault_windows().at(e.fault);
      return {w.start, w.end};
    }
    case Expectation::Window::after_fault: return {run.fault_windows().at(e.fault).end, horizon};
    case Expectation::Window::range: return {e.from, e.to};
  }
  return {0, horizon};
}

std::string format_bound(const Expectation& e) {
  std::ostringstream out;
  if (e.max) out << "<= " << *e.max;
  if (e.max && e.min) out << " and ";
  if (e.min) out << ">= " << *e.min;
  return out.str();
}

}  // namespace

std::vector<ExpectationResult> evaluate_expectations(const Run& run) {
  std::vector<ExpectationResult> results;
  for (const Expectation& e : run.scenario().expectations) {
    const auto [from, to] = window_of(run, e);
    const BucketRange range = buckets_between(run.world().metrics(), from, to);
    const std::optional<double> value = measure(run, e.metric, range, e.fleet);
    SIM_ASSERT_MSG(value.has_value(), "the loader let an unknown metric through");
    ExpectationResult r{e.label, e.metric, *value, format_bound(e), true, from, to};
    if (e.max && *value > *e.max) r.passed = false;
    if (e.min && *value < *e.min) r.passed = false;
    results.push_back(std::move(r));
  }
  return results;
}

bool all_passed(const std::vector<ExpectationResult>& results) {
  for (const ExpectationResult& r : results)
    if (!r.passed) return false;
  return true;
}

}  // namespace scenarios
