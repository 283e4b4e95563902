#pragma once
// One point of a sweep: its runs (one per seed) reduced to the figures the sweep compares,
// and their JSON form (the partial results --resume and `idsim merge` read back).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "scenarios/loader.h"
#include "scenarios/run.h"

namespace scenarios {

// The key SLIs a sweep reports for every point, over the whole run and every fleet:
// auth_failure_rate, no_token_rate, sts_peak_rps, sts_requests, fetch_latency_p95_s, cost_total.
const std::vector<std::string>& sweep_slis();

struct SeedRun {
  std::uint64_t seed = 0;
  std::vector<double> slis;         // in sweep_slis() order
  std::vector<double> values;       // one per expectation, in the scenario's order
  std::vector<bool> passed;         // one per expectation
  std::vector<std::string> audit;   // broken invariants (none expected); a failure if any
  bool ok() const;                  // every expectation passed and the audit is clean
};

struct PointResult {
  std::size_t index = 0;
  std::vector<SeedRun> runs;        // in seed order
};

// The scenario text, read once and loaded by every worker with its own overrides.
struct ScenarioSource {
  std::string file;    // as given on the command line (error messages, rerun commands)
  std::string format;  // "json" or "yaml"
  std::string text;
};

// Loads `source` with `overrides` then seed=SEED, runs it to the horizon and measures it.
// Throws std::invalid_argument with every load error when the overrides do not load.
// Returns nullopt when options.stop_flag stopped the run (it measured nothing); throws
// InvariantBroken when options.paranoid found a broken invariant.
std::optional<SeedRun> run_seed(const ScenarioSource& source,
                                const std::vector<Override>& overrides, std::uint64_t seed,
                                const RunOptions& options = {});

nlohmann::ordered_json to_json(const PointResult& point);
PointResult point_from_json(const nlohmann::ordered_json& j);  // throws nlohmann::json::exception

}  // namespace scenarios
