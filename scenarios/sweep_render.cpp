#include "scenarios/sweep_render.h"

#include <cmath>
#include <cstdio>

namespace scenarios {

namespace {

using Json = nlohmann::ordered_json;

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

Json number_json(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

std::string csv_header(const SweepTable& t) {
  std::string h = "point";
  for (const SweepAxis& a : t.grid.axes()) h += "," + csv_field(a.path);
  h += ",seeds,fail_rate,passed";
  for (const std::string& s : sweep_slis()) h += "," + s + "_mean," + s + "_sd";
  for (std::size_t e = 0; e < t.manifest.expectations.size(); ++e) {
    const std::string name = "e" + std::to_string(e) + "_" + t.manifest.expectations[e].metric;
    h += "," + name + "," + name + "_margin";
  }
  return h + ",rerun\n";
}

std::string csv_row(const SweepTable& t, std::size_t p) {
  const PointSummary& s = t.summaries[p];
  std::string row = std::to_string(p);
  for (const Override& o : t.grid.overrides(p)) row += "," + csv_field(o.value);
  row += "," + std::to_string(t.points[p].runs.size()) + "," + sweep_number(s.fail_rate) + "," +
         (s.fail_rate == 0 ? "yes" : "no");
  for (std::size_t k = 0; k < s.mean.size(); ++k)
    row += "," + sweep_number(s.mean[k]) + "," + sweep_number(s.spread[k]);
  for (std::size_t e = 0; e < s.failures.size(); ++e)
    row += std::string(s.failures[e] == 0 ? ",pass," : ",fail,") + sweep_number(s.margin[e]);
  const std::uint64_t seed = t.points[p].runs.empty() ? 0 : t.points[p].runs[0].seed;
  return row + "," + csv_field(point_rerun(t, p, seed)) + "\n";
}

Json point_json(const SweepTable& t, std::size_t p) {
  const PointSummary& s = t.summaries[p];
  Json params = Json::object();
  for (const Override& o : t.grid.overrides(p)) params[o.path] = o.value;
  Json slis = Json::object();
  for (std::size_t k = 0; k < s.mean.size(); ++k)
    slis[sweep_slis()[k]] = {{"mean", number_json(s.mean[k])}, {"sd", number_json(s.spread[k])}};
  Json expectations = Json::array();
  for (std::size_t e = 0; e < s.failures.size(); ++e)
    expectations.push_back({{"label", t.manifest.expectations[e].label},
                            {"failed_seeds", s.failures[e]}, {"margin", number_json(s.margin[e])}});
  Json runs = to_json(t.points[p]).at("runs");
  for (Json& r : runs)
    r["rerun"] = point_rerun(t, p, r.at("seed").get<std::uint64_t>());
  return {{"point", p}, {"params", params}, {"passed", s.fail_rate == 0},
          {"fail_rate", s.fail_rate}, {"slis", slis}, {"expectations", expectations}, {"runs", runs}};
}

}  // namespace

std::string point_rerun(const SweepTable& t, std::size_t point, std::uint64_t seed) {
  const std::string command = rerun_command(t.manifest.file, t.grid.overrides(point), seed);
  bool axis_sets_mode = false;
  for (const SweepAxis& a : t.grid.axes()) axis_sets_mode = axis_sets_mode || a.path == "exact_calls";
  return t.manifest.exact_calls && !axis_sets_mode ? command + " --exact-calls" : command;
}

std::string sweep_number(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.9g", value == 0 ? 0.0 : value);
  return buffer;
}

std::string margin_text(const SweepExpectation& e, double margin) {
  const bool relative = (e.max && *e.max != 0) || (e.min && *e.min != 0);
  if (relative) return sweep_number(std::round(margin * 1000) / 10) + "%";
  return (margin >= 0 ? "+" : "") + sweep_number(margin) + " (abs)";
}

SweepTable make_table(const SweepManifest& manifest, std::vector<PointResult> points) {
  SweepTable t{manifest, SweepGrid(manifest.axes), std::move(points), {}};
  t.manifest.shard = Shard{};
  for (const PointResult& p : t.points) t.summaries.push_back(summarise(t.manifest, p));
  return t;
}

std::string render_csv(const SweepTable& t) {
  std::string out = csv_header(t);
  for (std::size_t p = 0; p < t.points.size(); ++p) out += csv_row(t, p);
  return out;
}

std::string render_json(const SweepTable& t) {
  Json manifest = to_json(t.manifest);
  manifest.erase("shard");
  manifest.erase("format");
  Json seeds = Json::array();
  for (std::size_t i = 0; i < t.manifest.seeds; ++i) seeds.push_back(sweep_seed(t.manifest.scenario_seed, i));
  manifest["seeds"] = seeds;
  Json points = Json::array();
  for (std::size_t p = 0; p < t.points.size(); ++p) points.push_back(point_json(t, p));
  manifest["points"] = points;
  manifest["recommended"] = recommended(t.summaries);
  manifest["pareto_front"] = pareto_front(t.summaries);
  return manifest.dump(2) + "\n";
}

}  // namespace scenarios
