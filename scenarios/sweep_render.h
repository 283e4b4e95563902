#pragma once
// The files a complete sweep writes — sweep.csv, sweep.json, sweep.html — and the terminal
// recommendation. Every one is a pure function of the manifest and the points in grid order,
// so a sweep on one machine and a merge of its shards give the same bytes.
#include <string>
#include <vector>

#include "scenarios/sweep_summary.h"

namespace scenarios {

struct SweepTable {
  SweepManifest manifest;           // shard field ignored
  SweepGrid grid;
  std::vector<PointResult> points;  // every point, in grid order
  std::vector<PointSummary> summaries;
};
SweepTable make_table(const SweepManifest& manifest, std::vector<PointResult> points);

std::string render_csv(const SweepTable& t);
std::string render_json(const SweepTable& t);
std::string render_html(const SweepTable& t);
std::string render_recommendation(const SweepTable& t, std::size_t shown = 3);

// The command that reruns one seed of one point alone (rerun_command), with --exact-calls
// when the sweep ran exact and no axis sets the call mode (a redundant flag when the file
// already says so: it gives the same run).
std::string point_rerun(const SweepTable& t, std::size_t point, std::uint64_t seed);

// Shared by the renderers: "%.9g", "nan"/"inf" when not finite.
std::string sweep_number(double value);
std::string margin_text(const SweepExpectation& e, double margin);  // "45%" or "+0.5 (abs)"

}  // namespace scenarios
