#include "scenarios/sweep_point.h"

#include <cmath>
#include <stdexcept>

#include "scenarios/expectations.h"
#include "scenarios/measures.h"
#include "scenarios/run.h"

namespace scenarios {

const std::vector<std::string>& sweep_slis() {
  static const std::vector<std::string> names{"auth_failure_rate", "no_token_rate",
                                              "sts_peak_rps",      "sts_requests",
                                              "fetch_latency_p95_s", "cost_total"};
  return names;
}

bool SeedRun::ok() const {
  if (!audit.empty()) return false;
  for (const bool p : passed)
    if (!p) return false;
  return true;
}

namespace {

Scenario load_point(const ScenarioSource& source, std::vector<Override> overrides,
                    std::uint64_t seed) {
  overrides.push_back(Override{"seed", std::to_string(seed)});
  LoadResult loaded = load_scenario_text(source.text, source.format, source.file, overrides);
  if (!loaded.scenario) throw std::invalid_argument(join_load_errors(loaded.errors));
  return std::move(*loaded.scenario);
}

// JSON has no NaN or infinity: they are written as null and read back as NaN.
nlohmann::ordered_json doubles_to_json(const std::vector<double>& values) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const double v : values) out.push_back(std::isfinite(v) ? nlohmann::ordered_json(v) : nullptr);
  return out;
}

std::vector<double> doubles_from_json(const nlohmann::ordered_json& j) {
  std::vector<double> out;
  for (const auto& v : j) out.push_back(v.is_null() ? std::nan("") : v.get<double>());
  return out;
}

}  // namespace

std::optional<SeedRun> run_seed(const ScenarioSource& source,
                                const std::vector<Override>& overrides, std::uint64_t seed,
                                const RunOptions& options) {
  const Scenario scenario = load_point(source, overrides, seed);
  Run run(scenario, options);
  if (!run.execute()) {
    if (run.violation() != nullptr) throw InvariantBroken(describe_violation(run));
    return std::nullopt;
  }
  SeedRun out;
  out.seed = seed;
  const BucketRange all = buckets_between(run.world().metrics(), 0, scenario.world.duration);
  for (const std::string& metric : sweep_slis())
    out.slis.push_back(measure(run, metric, all, std::nullopt).value_or(0.0));
  for (const ExpectationResult& r : evaluate_expectations(run)) {
    out.values.push_back(r.value);
    out.passed.push_back(r.passed);
  }
  out.audit = run.audit();
  return out;
}

nlohmann::ordered_json to_json(const PointResult& point) {
  nlohmann::ordered_json runs = nlohmann::ordered_json::array();
  for (const SeedRun& r : point.runs) {
    runs.push_back({{"seed", r.seed}, {"slis", doubles_to_json(r.slis)}, {"values", doubles_to_json(r.values)},
                    {"passed", r.passed}, {"audit", r.audit}});
  }
  return {{"point", point.index}, {"runs", runs}};
}

PointResult point_from_json(const nlohmann::ordered_json& j) {
  PointResult point;
  point.index = j.at("point").get<std::size_t>();
  for (const auto& r : j.at("runs")) {
    SeedRun run;
    run.seed = r.at("seed").get<std::uint64_t>();
    run.slis = doubles_from_json(r.at("slis"));
    run.values = doubles_from_json(r.at("values"));
    run.passed = r.at("passed").get<std::vector<bool>>();
    run.audit = r.at("audit").get<std::vector<std::string>>();
    point.runs.push_back(std::move(run));
  }
  return point;
}

}  // namespace scenarios
