// Reading partial results back, combining shards, writing the sweep's files.
#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "scenarios/sweep_run.h"

namespace scenarios {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace {

Json parse_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SweepError(path.string() + ": cannot read");
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return Json::parse(text.str());
  } catch (const Json::exception& e) {
    throw SweepError(path.string() + ": not JSON (" + e.what() + ")");
  }
}

std::vector<PointResult> read_points(const fs::path& dir, bool skip_bad) {
  std::vector<PointResult> points;
  std::error_code ec;
  if (!fs::is_directory(dir / "points", ec)) return points;
  for (const auto& entry : fs::directory_iterator(dir / "points")) {
    const std::string name = entry.path().filename().string();
    if (name.size() != 12 || name[0] != 'p' || entry.path().extension() != ".json") continue;
    try {
      PointResult p = point_from_json(parse_file(entry.path()));
      if (point_file_name(p.index) != name) throw SweepError(entry.path().string() + ": wrong point");
      points.push_back(std::move(p));
    } catch (const std::exception& e) {
      if (!skip_bad) throw SweepError(entry.path().string() + ": " + e.what());
    }
  }
  std::sort(points.begin(), points.end(),
            [](const PointResult& a, const PointResult& b) { return a.index < b.index; });
  return points;
}

const Partial& first_shard(const std::vector<Partial>& partials) {
  const Partial* first = &partials.front();
  for (const Partial& p : partials)
    if (p.manifest.shard.index < first->manifest.shard.index) first = &p;
  return *first;
}

}  // namespace

Partial read_partial(const fs::path& dir, bool skip_bad) {
  Partial partial;
  try {
    partial.manifest = manifest_from_json(parse_file(dir / kManifestFile));
  } catch (const SweepError&) {
    throw;
  } catch (const std::exception& e) {
    throw SweepError((dir / kManifestFile).string() + ": not a sweep manifest (" + e.what() + ")");
  }
  partial.points = read_points(dir, skip_bad);
  return partial;
}

SweepTable merge_partials(const std::vector<Partial>& partials) {
  if (partials.empty()) throw SweepError("nothing to merge");
  const SweepManifest& m = first_shard(partials).manifest;
  const std::size_t total = SweepGrid(m.axes).size();
  std::map<std::size_t, const PointResult*> found;
  for (const Partial& part : partials) {
    const std::string why = incompatibility(m, part.manifest);
    if (!why.empty()) throw SweepError("cannot merge: " + why);
    for (const PointResult& p : part.points) {
      if (p.index >= total || p.runs.size() != m.seeds)
        throw SweepError("point " + std::to_string(p.index) + " does not belong to this grid");
      for (std::size_t i = 0; i < p.runs.size(); ++i)  // as --resume checks before keeping one
        if (p.runs[i].seed != sweep_seed(m.scenario_seed, i))
          throw SweepError("point " + std::to_string(p.index) + " seed " + std::to_string(i) +
                           " is " + std::to_string(p.runs[i].seed) + ", not this sweep's " +
                           std::to_string(sweep_seed(m.scenario_seed, i)));
      const auto [it, fresh] = found.emplace(p.index, &p);
      if (!fresh && to_json(*it->second) != to_json(p))
        throw SweepError("point " + std::to_string(p.index) + " differs between partial results");
    }
  }
  std::vector<PointResult> points;
  for (std::size_t i = 0; i < total; ++i) {
    const auto it = found.find(i);
    if (it == found.end())
      throw SweepError("point " + std::to_string(i) + " is missing (shard " +
                       std::to_string(i % m.shard.count) + "/" + std::to_string(m.shard.count) + ")");
    points.push_back(*it->second);
  }
  return make_table(m, std::move(points));
}

void write_sweep_outputs(const SweepTable& table, const fs::path& dir, const WriteFile& write) {
  write(dir / "sweep.csv", render_csv(table));
  write(dir / "sweep.json", render_json(table));
  write(dir / "sweep.html", render_html(table));
}

}  // namespace scenarios
