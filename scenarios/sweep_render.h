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

// Shared by the renderers: "%.9g", "nan"/"inf" when not finite.
std::string sweep_number(double value);
std::string margin_text(const SweepExpectation& e, double margin);  // "45%" or "+0.5 (abs)"

}  // namespace scenarios
