// sweep.html: heatmaps of failure rate and of cost over two parameters, and the
// cost-versus-failure Pareto front. Self-contained (inline SVG, no script).
#include <algorithm>
#include <cmath>
#include <functional>

#include "scenarios/sweep_render.h"

namespace scenarios {

namespace {

std::string esc(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string num(double v, int decimals = 1) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, std::isfinite(v) ? v : 0.0);
  return buffer;
}

struct Heat {
  std::vector<std::string> xs{""}, ys{""};
  std::string x_name, y_name;
  std::vector<double> sum, count;  // per cell, y-major
};

Heat collect(const SweepTable& t, const std::function<double(const PointSummary&)>& value) {
  Heat h;
  const auto& axes = t.grid.axes();
  const std::size_t ax = t.manifest.heatmap_x, ay = t.manifest.heatmap_y;
  if (ax < axes.size()) h.xs = axes[ax].values, h.x_name = axes[ax].path;
  if (ay < axes.size() && ay != ax) h.ys = axes[ay].values, h.y_name = axes[ay].path;
  h.sum.assign(h.xs.size() * h.ys.size(), 0);
  h.count.assign(h.sum.size(), 0);
  for (std::size_t p = 0; p < t.summaries.size(); ++p) {
    const std::vector<std::size_t> c = t.grid.coordinates(p);
    const std::size_t x = ax < c.size() ? c[ax] : 0;
    const std::size_t y = ay < c.size() && ay != ax ? c[ay] : 0;
    h.sum[y * h.xs.size() + x] += value(t.summaries[p]);
    h.count[y * h.xs.size() + x] += 1;
  }
  return h;
}

// `colour` maps a cell's mean to a fill; cells show the mean with `decimals`.
std::string heatmap_svg(const Heat& h, const std::function<std::string(double)>& colour,
                        int decimals) {
  const int cw = 96, ch = 34, left = 150, top = 30;
  const int width = left + cw * static_cast<int>(h.xs.size()) + 20;
  const int height = top + ch * static_cast<int>(h.ys.size()) + 40;
  std::string s = "<svg xmlns='http://www.w3.org/2000/svg' width='" + std::to_string(width) +
                  "' height='" + std::to_string(height) + "' font-size='12'>\n";
  for (std::size_t y = 0; y < h.ys.size(); ++y) {
    const int py = top + ch * static_cast<int>(y);
    s += "<text x='" + std::to_string(left - 6) + "' y='" + std::to_string(py + 21) +
         "' text-anchor='end'>" + esc(h.ys[y]) + "</text>\n";
    for (std::size_t x = 0; x < h.xs.size(); ++x) {
      const std::size_t i = y * h.xs.size() + x;
      const double v = h.count[i] > 0 ? h.sum[i] / h.count[i] : 0;
      const int px = left + cw * static_cast<int>(x);
      s += "<rect x='" + std::to_string(px) + "' y='" + std::to_string(py) + "' width='" +
           std::to_string(cw - 2) + "' height='" + std::to_string(ch - 2) + "' fill='" +
           colour(v) + "'/><text x='" + std::to_string(px + cw / 2) + "' y='" +
           std::to_string(py + 21) + "' text-anchor='middle'>" + num(v, decimals) + "</text>\n";
    }
  }
  for (std::size_t x = 0; x < h.xs.size(); ++x)
    s += "<text x='" + std::to_string(left + cw * static_cast<int>(x) + cw / 2) + "' y='" +
         std::to_string(top + ch * static_cast<int>(h.ys.size()) + 16) +
         "' text-anchor='middle'>" + esc(h.xs[x]) + "</text>\n";
  s += "<text x='" + std::to_string(left) + "' y='" + std::to_string(height - 6) + "'>x: " +
       esc(h.x_name) + (h.y_name.empty() ? "" : "   y: " + esc(h.y_name)) + "</text>\n";
  return s + "</svg>\n";
}

std::string failure_colour(double v) {
  return "hsl(" + num(120 * (1 - std::clamp(v, 0.0, 1.0)), 0) + ",70%,60%)";
}

std::function<std::string(double)> cost_colour(const std::vector<PointSummary>& s) {
  double lo = 0, hi = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    lo = i == 0 ? s[i].cost() : std::min(lo, s[i].cost());
    hi = i == 0 ? s[i].cost() : std::max(hi, s[i].cost());
  }
  return [lo, hi](double v) {
    const double f = hi > lo ? (v - lo) / (hi - lo) : 0;
    return "hsl(215,70%," + num(92 - 50 * f, 0) + "%)";
  };
}

}  // namespace

std::string pareto_svg(const SweepTable& t);  // sweep_pareto.cpp

std::string render_html(const SweepTable& t) {
  const auto fail = [](const PointSummary& s) { return s.fail_rate; };
  const auto cost = [](const PointSummary& s) { return s.cost(); };
  std::string out = "<!doctype html>\n<html><head><meta charset='utf-8'><title>sweep: " +
                    esc(t.manifest.name) + "</title><style>body{font-family:sans-serif;margin:2em}"
                    "pre{background:#f4f4f4;padding:1em}</style></head><body>\n<h1>Sweep of " +
                    esc(t.manifest.name) + "</h1>\n<p>" + std::to_string(t.points.size()) +
                    " points × " + std::to_string(t.manifest.seeds) + " seeds of " +
                    esc(t.manifest.file) +
                    (t.manifest.exact_calls ? ", every call simulated as an event (exact calls)" : "") +
                    ". Cells show the mean over the other parameters.</p>\n";
  out += "<h2>Failure rate (share of seeds failing an expectation)</h2>\n" +
         heatmap_svg(collect(t, fail), failure_colour, 2);
  out += "<h2>Cost (mean cost_total)</h2>\n" +
         heatmap_svg(collect(t, cost), cost_colour(t.summaries), 1);
  out += "<h2>Cost versus failure rate: the Pareto front</h2>\n" + pareto_svg(t);
  out += "<h2>Recommendation</h2>\n<pre>" + esc(render_recommendation(t)) + "</pre>\n";
  return out + "</body></html>\n";
}

}  // namespace scenarios
