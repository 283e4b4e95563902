#include "scenarios/sweep_summary.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>

#include "sim/random.h"

namespace scenarios {

namespace {

using Json = nlohmann::ordered_json;

Json optional_json(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }
std::optional<double> optional_from(const Json& j) {
  return j.is_null() ? std::nullopt : std::optional<double>(j.get<double>());
}

Json axes_json(const std::vector<SweepAxis>& axes) {
  Json out = Json::array();
  for (const SweepAxis& a : axes) out.push_back({{"path", a.path}, {"values", a.values}});
  return out;
}

Json expectations_json(const std::vector<SweepExpectation>& es) {
  Json out = Json::array();
  for (const SweepExpectation& e : es) {
    out.push_back({{"label", e.label}, {"metric", e.metric}, {"max", optional_json(e.max)},
                   {"min", optional_json(e.min)}});
  }
  return out;
}

std::size_t cost_sli() {
  const auto& names = sweep_slis();
  return static_cast<std::size_t>(std::find(names.begin(), names.end(), "cost_total") - names.begin());
}

}  // namespace

Json to_json(const SweepManifest& m) {
  return {{"format", kManifestFormat},
          {"scenario", {{"file", m.file}, {"name", m.name}, {"hash", m.source_hash},
                        {"seed", m.scenario_seed}}},
          {"exact_calls", m.exact_calls},
          {"seeds", m.seeds},
          {"axes", axes_json(m.axes)},
          {"heatmap", {m.heatmap_x, m.heatmap_y}},
          {"expectations", expectations_json(m.expectations)},
          {"shard", {{"index", m.shard.index}, {"count", m.shard.count}}}};
}

SweepManifest manifest_from_json(const Json& j) {
  if (j.at("format") == "idsim-sweep-partial/1")
    throw std::invalid_argument("written by an older idsim (idsim-sweep-partial/1, which did not "
                                "record the call mode); run that sweep again");
  if (j.at("format") != kManifestFormat)
    throw std::invalid_argument("unknown format, expected " + std::string(kManifestFormat));
  SweepManifest m;
  const Json& s = j.at("scenario");
  m.file = s.at("file").get<std::string>();
  m.name = s.at("name").get<std::string>();
  m.source_hash = s.at("hash").get<std::string>();
  m.scenario_seed = s.at("seed").get<std::uint64_t>();
  m.exact_calls = j.at("exact_calls").get<bool>();
  m.seeds = j.at("seeds").get<std::size_t>();
  for (const Json& a : j.at("axes"))
    m.axes.push_back({a.at("path").get<std::string>(), a.at("values").get<std::vector<std::string>>()});
  m.heatmap_x = j.at("heatmap").at(0).get<std::size_t>();
  m.heatmap_y = j.at("heatmap").at(1).get<std::size_t>();
  for (const Json& e : j.at("expectations")) {
    m.expectations.push_back({e.at("label").get<std::string>(), e.at("metric").get<std::string>(),
                              optional_from(e.at("max")), optional_from(e.at("min"))});
  }
  m.shard.index = j.at("shard").at("index").get<std::size_t>();
  m.shard.count = j.at("shard").at("count").get<std::size_t>();
  return m;
}

std::string incompatibility(const SweepManifest& a, const SweepManifest& b) {
  if (a.source_hash != b.source_hash || a.name != b.name) return "different scenario files";
  if (a.scenario_seed != b.scenario_seed || a.seeds != b.seeds) return "different seeds";
  if (a.exact_calls != b.exact_calls) return "different call modes (one used --exact-calls)";
  if (axes_json(a.axes) != axes_json(b.axes)) return "different grids (--set/--range)";
  if (a.heatmap_x != b.heatmap_x || a.heatmap_y != b.heatmap_y) return "different --heatmap";
  if (expectations_json(a.expectations) != expectations_json(b.expectations))
    return "different expectations";
  if (a.shard.count != b.shard.count) return "different shard counts";
  return "";
}

std::string hash_text(const std::string& text) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx",
                static_cast<unsigned long long>(sim::hash_name(text)));
  return buffer;
}

std::vector<SweepExpectation> sweep_expectations(const Scenario& scenario) {
  std::vector<SweepExpectation> out;
  for (const Expectation& e : scenario.expectations) out.push_back({e.label, e.metric, e.max, e.min});
  return out;
}

double PointSummary::cost() const { return mean.at(cost_sli()); }

double margin_of(const SweepExpectation& e, double value) {
  double m = std::numeric_limits<double>::infinity();
  if (e.max) m = std::min(m, (*e.max - value) / (*e.max == 0 ? 1.0 : std::fabs(*e.max)));
  if (e.min) m = std::min(m, (value - *e.min) / (*e.min == 0 ? 1.0 : std::fabs(*e.min)));
  return m;
}

namespace {

void mean_and_spread(const PointResult& point, std::size_t sli, PointSummary& s) {
  const double n = static_cast<double>(point.runs.size());
  double sum = 0;
  for (const SeedRun& r : point.runs) sum += r.slis.at(sli);
  const double mean = n > 0 ? sum / n : 0;
  double squares = 0;
  for (const SeedRun& r : point.runs) squares += (r.slis[sli] - mean) * (r.slis[sli] - mean);
  s.mean.push_back(mean);
  s.spread.push_back(n > 1 ? std::sqrt(squares / (n - 1)) : 0.0);
}

}  // namespace

PointSummary summarise(const SweepManifest& m, const PointResult& point) {
  PointSummary s;
  s.index = point.index;
  for (std::size_t k = 0; k < sweep_slis().size(); ++k) mean_and_spread(point, k, s);
  s.failures.assign(m.expectations.size(), 0);
  s.margin.assign(m.expectations.size(), std::numeric_limits<double>::infinity());
  std::size_t failed = 0;
  for (const SeedRun& r : point.runs) {
    failed += r.ok() ? 0 : 1;
    for (std::size_t e = 0; e < m.expectations.size(); ++e) {
      s.failures[e] += r.passed.at(e) ? 0 : 1;
      s.margin[e] = std::min(s.margin[e], margin_of(m.expectations[e], r.values.at(e)));
    }
  }
  s.fail_rate = point.runs.empty() ? 1.0 : static_cast<double>(failed) / static_cast<double>(point.runs.size());
  return s;
}

std::vector<std::size_t> recommended(const std::vector<PointSummary>& summaries) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < summaries.size(); ++i)
    if (summaries[i].fail_rate == 0) out.push_back(i);
  std::stable_sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) {
    return summaries[a].cost() < summaries[b].cost();
  });
  return out;
}

std::vector<std::size_t> pareto_front(const std::vector<PointSummary>& summaries) {
  std::vector<std::size_t> order(summaries.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (summaries[a].cost() != summaries[b].cost()) return summaries[a].cost() < summaries[b].cost();
    return summaries[a].fail_rate < summaries[b].fail_rate;
  });
  std::vector<std::size_t> front;
  double best = std::numeric_limits<double>::infinity();
  for (const std::size_t i : order) {
    if (summaries[i].fail_rate < best) {
      front.push_back(i);
      best = summaries[i].fail_rate;
    }
  }
  return front;
}

}  // namespace scenarios
