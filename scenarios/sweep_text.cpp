// The recommendation printed at the end of a sweep (and of a merge).
#include <algorithm>

#include "scenarios/sweep_render.h"

namespace scenarios {

namespace {

std::string margins_line(const SweepTable& t, const PointSummary& s) {
  std::string out;
  std::size_t tightest = 0;
  for (std::size_t e = 0; e < s.margin.size(); ++e) {
    const SweepExpectation& x = t.manifest.expectations[e];
    out += (e == 0 ? "" : ", ") + std::string("e") + std::to_string(e) + " " + x.metric + " " +
           margin_text(x, s.margin[e]);
    if (s.margin[e] < s.margin[tightest]) tightest = e;
  }
  if (s.margin.empty()) return "no expectations";
  return "margins " + out + "  (tightest: " + t.manifest.expectations[tightest].label + ")";
}

std::string point_lines(const SweepTable& t, std::size_t p) {
  const PointSummary& s = t.summaries[p];
  const std::size_t cost = static_cast<std::size_t>(
      std::find(sweep_slis().begin(), sweep_slis().end(), "cost_total") - sweep_slis().begin());
  const std::uint64_t seed = t.points[p].runs.empty() ? 0 : t.points[p].runs[0].seed;
  return "  #" + std::to_string(p) + "  " + t.grid.label(p) + "\n      cost " +
         sweep_number(s.mean[cost]) + " (sd " + sweep_number(s.spread[cost]) + "), failure rate " +
         sweep_number(s.fail_rate) + "; " + margins_line(t, s) + "\n      rerun: " +
         point_rerun(t, p, seed) + "\n";
}

std::vector<std::size_t> closest(const SweepTable& t) {
  std::vector<std::size_t> order(t.summaries.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const PointSummary& x = t.summaries[a];
    const PointSummary& y = t.summaries[b];
    return x.fail_rate != y.fail_rate ? x.fail_rate < y.fail_rate : x.cost() < y.cost();
  });
  return order;
}

}  // namespace

std::string render_recommendation(const SweepTable& t, std::size_t shown) {
  const std::vector<std::size_t> good = recommended(t.summaries);
  const std::string total = std::to_string(t.points.size());
  const std::string seeds = std::to_string(t.manifest.seeds);
  std::string out;
  std::vector<std::size_t> listed = good;
  if (good.empty()) {
    out = "recommendation: none of the " + total + " points meets every expectation in all " +
          seeds + " seeds; the closest (lowest failure rate, then cost):\n";
    listed = closest(t);
  } else {
    out = "recommendation: " + std::to_string(good.size()) + " of " + total +
          " points meet every expectation in all " + seeds + " seeds; cheapest first:\n";
  }
  for (std::size_t i = 0; i < listed.size() && i < shown; ++i) out += point_lines(t, listed[i]);
  return out;
}

}  // namespace scenarios
