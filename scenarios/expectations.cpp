#include "scenarios/expectations.h"

#include <limits>
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

ExpectationResult evaluate_metric(const Run& run, const Expectation& e) {
  const auto [from, to] = window_of(run, e);
  const BucketRange range = buckets_between(run.world().metrics(), from, to);
  const std::optional<double> value = measure(run, e.metric, range, e.fleet);
  SIM_ASSERT_MSG(value.has_value(), "the loader let an unknown metric through");
  ExpectationResult r{e.label, e.metric, *value, format_bound(e), true, from, to, {}, {}};
  if (e.max && *value > *e.max) r.passed = false;
  if (e.min && *value < *e.min) r.passed = false;
  return r;
}

// Pages are looked for from the window's start to the end of the run. Time to page counts
// from the window's start — except for the whole run, where it counts from the first bad
// bucket in the firing rule's long window (where the failures the alert saw began).
ExpectationResult evaluate_burn_rate(const Run& run, const Expectation& e) {
  const BurnRateExpectation& rule = *e.burn_rate;
  const auto [from, to] = window_of(run, e);
  const BucketRange range = buckets_between(run.world().metrics(), from, to);
  const SliSeries series = sli_series(run, rule.sli, e.fleet);
  const sim::Ticks width = series.bucket_width();
  const auto end_of = [&](std::size_t b) { return static_cast<sim::Ticks>(b + 1) * width; };

  BurnRateResult found;
  const std::optional<Alert> page = first_alert(series, rule.objective, Severity::page, range.first);
  const std::optional<Alert> ticket =
      first_alert(series, rule.objective, Severity::ticket, range.first);
  if (ticket) found.ticketed_at = end_of(ticket->bucket);
  ExpectationResult r{e.label, e.metric, std::numeric_limits<double>::infinity(), "", true,
                      from, to, {}, "never paged"};
  if (page) {
    found.paged_at = end_of(page->bucket);
    found.paged_by = rule_text(kWorkbookRules[page->rule], rule.objective.period);
    const std::size_t onset = onset_bucket(series, rule.objective, *page);
    found.reference = e.window == Expectation::Window::run
                          ? static_cast<sim::Ticks>(onset) * width
                          : from;
    r.value = sim::to_seconds(*found.paged_at - *found.reference);
    r.measured = "paged after " + sim::format_duration(*found.paged_at - *found.reference) +
                 " (" + found.paged_by + ")";
  }
  if (rule.page_within) {
    r.bound = "<= " + sim::format_duration(*rule.page_within);
    r.passed = page && *found.paged_at - *found.reference <= *rule.page_within;
  } else {
    r.bound = "no page";
    r.passed = !page || page->bucket >= range.last;  // a page after the window is not its own
    if (page && r.passed)
      r.measured = "no page in the window (paged at " + sim::format_duration(*found.paged_at) + ")";
  }
  r.burn_rate = found;
  return r;
}

}  // namespace

std::vector<ExpectationResult> evaluate_expectations(const Run& run) {
  std::vector<ExpectationResult> results;
  for (const Expectation& e : run.scenario().expectations)
    results.push_back(e.burn_rate ? evaluate_burn_rate(run, e) : evaluate_metric(run, e));
  return results;
}

bool all_passed(const std::vector<ExpectationResult>& results) {
  for (const ExpectationResult& r : results)
    if (!r.passed) return false;
  return true;
}

}  // namespace scenarios
