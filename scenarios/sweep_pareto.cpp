// The cost-versus-failure scatter of sweep.html, the Pareto front drawn and labelled.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "scenarios/sweep_render.h"

namespace scenarios {

namespace {

constexpr double kW = 720, kH = 360, kLeft = 70, kTop = 20, kRight = 260, kBottom = 40;

std::string fmt(double v) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.1f", std::isfinite(v) ? v : 0.0);
  return buffer;
}

std::string short_label(const SweepTable& t, std::size_t p) {
  std::string out = "#" + std::to_string(p);
  for (const Override& o : t.grid.overrides(p)) out += " " + o.value;
  return out;
}

std::string xml(std::string_view text) {
  std::string out;
  for (const char c : text) out += c == '<' ? "&lt;" : c == '&' ? "&amp;" : std::string(1, c);
  return out;
}

}  // namespace

std::string pareto_svg(const SweepTable& t) {
  double lo = 0, hi = 1;
  for (std::size_t i = 0; i < t.summaries.size(); ++i) {
    lo = i == 0 ? t.summaries[i].cost() : std::min(lo, t.summaries[i].cost());
    hi = i == 0 ? t.summaries[i].cost() : std::max(hi, t.summaries[i].cost());
  }
  if (hi <= lo) hi = lo + 1;
  const double pw = kW - kLeft - kRight, ph = kH - kTop - kBottom;
  const auto px = [&](double c) { return kLeft + pw * (c - lo) / (hi - lo); };
  const auto py = [&](double f) { return kTop + ph * (1 - f); };
  std::string s = "<svg xmlns='http://www.w3.org/2000/svg' width='" + fmt(kW) + "' height='" +
                  fmt(kH) + "' font-size='11'>\n<rect x='" + fmt(kLeft) + "' y='" + fmt(kTop) +
                  "' width='" + fmt(pw) + "' height='" + fmt(ph) + "' fill='none' stroke='#999'/>\n";
  for (const PointSummary& p : t.summaries)
    s += "<circle cx='" + fmt(px(p.cost())) + "' cy='" + fmt(py(p.fail_rate)) +
         "' r='4' fill='#bbb'/>\n";
  std::string line;
  for (const std::size_t i : pareto_front(t.summaries)) {
    const PointSummary& p = t.summaries[i];
    line += fmt(px(p.cost())) + "," + fmt(py(p.fail_rate)) + " ";
    s += "<circle cx='" + fmt(px(p.cost())) + "' cy='" + fmt(py(p.fail_rate)) +
         "' r='5' fill='#c0392b'/><text x='" + fmt(px(p.cost()) + 8) + "' y='" +
         fmt(py(p.fail_rate) - 6) + "'>" + xml(short_label(t, i)) + "</text>\n";
  }
  s += "<polyline points='" + line + "' fill='none' stroke='#c0392b'/>\n";
  s += "<text x='" + fmt(kLeft) + "' y='" + fmt(kH - 8) + "'>cost (mean cost_total) " +
       sweep_number(lo) + " … " + sweep_number(hi) + "</text>\n<text x='4' y='" + fmt(kTop + 10) +
       "'>fail 1</text><text x='4' y='" + fmt(kTop + ph) + "'>fail 0</text>\n";
  return s + "</svg>\n";
}

}  // namespace scenarios
