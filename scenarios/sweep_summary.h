#pragma once
// What a sweep knows besides its points (the manifest every partial result carries), and the
// per-point reduction over seeds: means, spreads, failure rate, margins, the recommendation.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "scenarios/scenario.h"
#include "scenarios/sweep_grid.h"
#include "scenarios/sweep_point.h"

namespace scenarios {

struct SweepExpectation {
  std::string label;
  std::string metric;
  std::optional<double> max;
  std::optional<double> min;
};

struct SweepManifest {
  std::string file;                  // the scenario file as given
  std::string name;                  // the scenario's name
  std::string source_hash;           // FNV-1a of the file's bytes, hex
  std::uint64_t scenario_seed = 0;   // the seed the point seeds derive from
  // Call mode of the scenario as swept, before the axes: its "exact_calls" or --exact-calls.
  // An exact_calls axis (only without --exact-calls) sets it per point instead.
  bool exact_calls = false;
  std::size_t seeds = 1;             // K
  std::vector<SweepAxis> axes;
  std::size_t heatmap_x = 0;         // axis indices of the HTML heatmaps
  std::size_t heatmap_y = 1;
  std::vector<SweepExpectation> expectations;
  Shard shard;                       // the only field in which partial results may differ
};

nlohmann::ordered_json to_json(const SweepManifest& m);
SweepManifest manifest_from_json(const nlohmann::ordered_json& j);  // throws on a bad document
// "idsim-sweep-partial/2": /1 (before the call mode was recorded) is refused, not guessed.
inline constexpr const char* kManifestFormat = "idsim-sweep-partial/2";
// Why two partial results cannot be merged ("" when they can): all but the shard must agree.
std::string incompatibility(const SweepManifest& a, const SweepManifest& b);
std::string hash_text(const std::string& text);
std::vector<SweepExpectation> sweep_expectations(const Scenario& scenario);

struct PointSummary {
  std::size_t index = 0;
  std::vector<double> mean;           // per SLI (sweep_slis() order)
  std::vector<double> spread;         // sample standard deviation over seeds (0 for one seed)
  double fail_rate = 0;               // share of seeds that failed an expectation or the audit
  std::vector<std::size_t> failures;  // per expectation: seeds that failed it
  std::vector<double> margin;         // per expectation: smallest margin over seeds (below)
  double cost() const;                // mean cost_total
};

// Margin of a value against a bound, relative to the bound (absolute when the bound is 0):
// (max − v)/|max| and (v − min)/|min|, the smaller when both; negative when it fails.
double margin_of(const SweepExpectation& e, double value);
PointSummary summarise(const SweepManifest& m, const PointResult& point);

// The points that meet every expectation in every seed, cheapest first (ties: grid order).
std::vector<std::size_t> recommended(const std::vector<PointSummary>& summaries);
// The cost-versus-failure-rate Pareto front, cheapest first.
std::vector<std::size_t> pareto_front(const std::vector<PointSummary>& summaries);

}  // namespace scenarios
