// Scenario target: load (JSON or YAML) → validate → cap → run → analyse → render every report.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "fuzz_entry.h"
#include "reports/html/report_html.h"
#include "reports/junit.h"
#include "reports/openmetrics.h"
#include "reports/report_json.h"
#include "reports/summary_md.h"
#include "reports/timeseries_csv.h"
#include "reports/timeseries_services_csv.h"
#include "scenarios/loader.h"
#include "scenarios/run.h"
#include "sim/assert.h"

namespace fuzz {
namespace {

constexpr const char* kLabel = "fuzz-input";

scenarios::LoadResult load(std::string_view text, std::string_view format,
                           const std::vector<scenarios::Override>& overrides = {}) {
  scenarios::LoadResult result = scenarios::load_scenario_text(text, format, kLabel, overrides);
  check_load_contract(result, kLabel);
  return result;
}

std::uint64_t instances_of(const models::FleetConfig& fleet) {
  return std::uint64_t{fleet.nodes} * fleet.instances_per_node;
}

std::string fleet_key(std::size_t i, const std::string& key) {
  return "fleets[" + std::to_string(i) + "]." + key;
}

std::string number_text(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", value);
  return text;
}

// What a scenario is capped to: its horizon and the instances each fleet may reach.
struct Plan {
  sim::Ticks duration = 0;
  std::uint64_t fleet_instances_max = 0;
};

// nullopt when no cap can fit (more fleets than the instance budget).
std::optional<Plan> plan_for(const scenarios::Scenario& s, const RunCaps& caps) {
  const sim::Ticks duration = std::min(s.world.duration, caps.duration_max);
  const double hours = std::max(sim::to_seconds(duration) / 3600, 1e-9);
  const double by_hours = std::floor(caps.instance_hours_max / hours);
  const std::uint64_t total = by_hours < static_cast<double>(caps.instances_max)
                                  ? static_cast<std::uint64_t>(by_hours)
                                  : caps.instances_max;
  const std::size_t fleets = s.world.fleets.size();
  if (fleets == 0 || total < fleets) return std::nullopt;
  return Plan{duration, total / fleets};
}

// Each fleet's peak size: its start size or the largest a scale fault makes it.
std::vector<std::uint64_t> peak_instances(const scenarios::Scenario& s) {
  std::vector<std::uint64_t> peak;
  for (const models::FleetConfig& f : s.world.fleets) peak.push_back(instances_of(f));
  for (const faults::FaultSpec& fault : s.faults) {
    if (fault.kind != faults::FaultKind::scale) continue;
    SIM_ASSERT(fault.selector.fleet.has_value() && *fault.selector.fleet < peak.size());
    std::uint64_t& p = peak[*fault.selector.fleet];
    p = std::max<std::uint64_t>(p, fault.instances);
  }
  return peak;
}

// One Poisson stream per fleet at instances × Σ rates × peak profile (docs/models.md).
double expected_calls(const scenarios::Scenario& s, const Plan& plan) {
  const std::vector<std::uint64_t> peak = peak_instances(s);
  double calls = 0;
  for (std::size_t i = 0; i < peak.size(); ++i) {
    const models::FleetConfig& f = s.world.fleets[i];
    double rate_per_s = 0;
    for (const models::CallConfig& call : f.calls) rate_per_s += call.rate_per_s;
    const double profile_max =
        f.daily_profile.empty() ? 1.0 : *std::max_element(f.daily_profile.begin(), f.daily_profile.end());
    const double instances = static_cast<double>(std::min(peak[i], plan.fleet_instances_max));
    calls += instances * rate_per_s * profile_max * sim::to_seconds(plan.duration);
  }
  return calls;
}

sim::Ticks lifetime_min(const Plan& plan, const RunCaps& caps) {
  return std::max<sim::Ticks>(plan.duration / static_cast<sim::Ticks>(caps.lifetimes_per_instance_max), 1);
}

// The narrowest bucket, in whole seconds, that keeps fleets × buckets within cells_max.
sim::Ticks bucket_min(const scenarios::Scenario& s, const Plan& plan, const RunCaps& caps) {
  const auto cells = static_cast<sim::Ticks>(caps.cells_max);
  const auto fleets = static_cast<sim::Ticks>(s.world.fleets.size());
  const sim::Ticks width = (plan.duration * fleets + cells - 1) / cells;
  return (width + sim::kTicksPerSecond - 1) / sim::kTicksPerSecond * sim::kTicksPerSecond;
}

void cap_size(const scenarios::Scenario& s, const Plan& plan, const RunCaps& caps,
              std::vector<scenarios::Override>& out) {
  const std::uint64_t budget = plan.fleet_instances_max;
  if (s.world.duration > plan.duration) out.push_back({"duration", sim::format_duration(plan.duration)});
  if (s.world.bucket < bucket_min(s, plan, caps))
    out.push_back({"bucket", sim::format_duration(bucket_min(s, plan, caps))});
  for (std::size_t i = 0; i < s.world.fleets.size(); ++i) {
    const models::FleetConfig& f = s.world.fleets[i];
    if (instances_of(f) <= budget) continue;
    // Keep as many nodes as the budget allows: fault selectors count nodes.
    const std::uint64_t nodes = std::min<std::uint64_t>(f.nodes, budget);
    out.push_back({fleet_key(i, "nodes"), std::to_string(nodes)});
    out.push_back({fleet_key(i, "instances_per_node"), std::to_string(budget / nodes)});
  }
  for (std::size_t k = 0; k < s.faults.size(); ++k) {
    if (s.faults[k].kind == faults::FaultKind::scale && s.faults[k].instances > budget)
      out.push_back({"faults[" + std::to_string(k) + "].instances", std::to_string(budget)});
  }
}

// Scales every call rate down by one factor, so the mix of fleets and targets stays.
void cap_calls(const scenarios::Scenario& s, const Plan& plan, const RunCaps& caps,
               std::vector<scenarios::Override>& out) {
  const double calls = expected_calls(s, plan);
  if (calls <= caps.calls_max) return;
  const double factor = caps.calls_max / calls;
  for (std::size_t i = 0; i < s.world.fleets.size(); ++i) {
    const std::vector<models::CallConfig>& fleet_calls = s.world.fleets[i].calls;
    for (std::size_t j = 0; j < fleet_calls.size(); ++j) {
      out.push_back({fleet_key(i, "calls[" + std::to_string(j) + "].rate_per_s"),
                     number_text(fleet_calls[j].rate_per_s * factor)});
    }
  }
}

void cap_lifetimes(const scenarios::Scenario& s, const Plan& plan, const RunCaps& caps,
                   std::vector<scenarios::Override>& out) {
  const sim::Ticks shortest = lifetime_min(plan, caps);
  for (std::size_t i = 0; i < s.world.fleets.size(); ++i) {
    const sim::Ticks mean = s.world.fleets[i].instance_lifetime_mean;
    if (mean > 0 && mean < shortest)
      out.push_back({fleet_key(i, "instance_lifetime_mean"), sim::format_duration(shortest)});
  }
}

bool within_caps(const scenarios::Scenario& s, const RunCaps& caps) {
  const std::optional<Plan> plan = plan_for(s, caps);
  if (!plan || s.world.duration > plan->duration) return false;
  if (s.world.bucket < bucket_min(s, *plan, caps)) return false;
  for (const std::uint64_t peak : peak_instances(s))
    if (peak > plan->fleet_instances_max) return false;
  for (const models::FleetConfig& f : s.world.fleets) {
    const sim::Ticks mean = f.instance_lifetime_mean;
    if (mean > 0 && mean < lifetime_min(*plan, caps)) return false;
  }
  return expected_calls(s, *plan) <= caps.calls_max * (1 + 1e-9);
}

// Runs, analyses and renders every report a run writes (reports/write_all.cpp), in memory.
void run_and_render(const scenarios::Scenario& scenario) {
  scenarios::Run run(scenario);
  run.execute();
  const reports::RunReport report = reports::analyse(run);
  for (const std::string& broken : report.audit) std::fprintf(stderr, "audit: %s\n", broken.c_str());
  SIM_ASSERT_MSG(report.audit.empty(), "the end-of-run invariant audit failed");
  const std::string rendered[] = {
      reports::report_json(report).dump(2),      reports::timeseries_csv(report),
      reports::report_html(report),              reports::junit_xml({reports::junit_suite(report)}),
      reports::summary_md(report),               reports::openmetrics(report),
      reports::timeseries_services_csv(report),
  };
  for (const std::string& text : rendered) SIM_ASSERT_MSG(!text.empty(), "an empty report");
}

// Judged by nlohmann's own UTF-8 check rather than the loader's is_utf8, which made the
// messages: a message report.json could not print is exactly the failure this guards against.
bool is_utf8_text(const std::string& text) {
  try {
    (void)nlohmann::json(text).dump();
    return true;
  } catch (const nlohmann::json::type_error&) {
    return false;
  }
}

}  // namespace

void check_load_contract(const scenarios::LoadResult& result, std::string_view file) {
  SIM_ASSERT_MSG(result.scenario.has_value() == result.errors.empty(),
                 "a scenario must come back exactly when there are no errors");
  for (const scenarios::LoadError& e : result.errors) {
    SIM_ASSERT_MSG(e.file == file, "an error that does not name the file");
    SIM_ASSERT_MSG(!e.path.empty() && !e.found.empty() && !e.expected.empty(),
                   "an error without path, found or expected");
    SIM_ASSERT_MSG(is_utf8_text(e.message()), "an error message that is not UTF-8");
  }
}

ScenarioOutcome scenario_input(std::span<const std::uint8_t> data, const RunCaps& caps) {
  if (data.empty()) return ScenarioOutcome::refused;
  const std::string_view format = data[0] % 2 == 1 ? "yaml" : "json";
  const std::string_view text(reinterpret_cast<const char*>(data.data()) + 1, data.size() - 1);
  scenarios::LoadResult loaded = load(text, format);
  if (!loaded.scenario) return ScenarioOutcome::refused;
  const std::optional<Plan> plan = plan_for(*loaded.scenario, caps);
  if (!plan) return ScenarioOutcome::refused_after_caps;
  std::vector<scenarios::Override> overrides;
  cap_size(*loaded.scenario, *plan, caps, overrides);
  cap_calls(*loaded.scenario, *plan, caps, overrides);
  cap_lifetimes(*loaded.scenario, *plan, caps, overrides);
  if (!overrides.empty()) {
    loaded = load(text, format, overrides);
    if (!loaded.scenario) return ScenarioOutcome::refused_after_caps;
  }
  SIM_ASSERT_MSG(within_caps(*loaded.scenario, caps), "the cap overrides did not cap");
  run_and_render(*loaded.scenario);
  return ScenarioOutcome::ran;
}

}  // namespace fuzz
