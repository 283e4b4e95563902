#include "reports/svg_chart.h"

#include <algorithm>
#include <cmath>

#include "reports/format.h"

namespace reports {

namespace {

constexpr double kWidth = 760, kHeight = 280;
constexpr double kLeft = 64, kRight = 16, kTop = 30, kBottom = 64;
constexpr double kPlotW = kWidth - kLeft - kRight, kPlotH = kHeight - kTop - kBottom;

std::string px(double v) { return fixed(v, 1); }

// A "nice" step (1, 2 or 5 × 10^k) giving about `ticks` ticks over [0, span].
double nice_step(double span, int ticks) {
  if (span <= 0) return 1;
  const double raw = span / ticks;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double m : {1.0, 2.0, 5.0, 10.0})
    if (raw <= m * magnitude) return m * magnitude;
  return 10 * magnitude;
}

double nice_time_step(double span) {
  for (const double s : {60.0, 300.0, 600.0, 900.0, 1800.0, 3600.0, 7200.0, 10800.0, 21600.0,
                         43200.0, 86400.0})
    if (span / s <= 12) return s;
  return nice_step(span, 10);
}

struct Frame {
  double x_end, y_max;
  double x(double v) const { return kLeft + kPlotW * (x_end > 0 ? v / x_end : 0); }
  double y(double v) const { return kTop + kPlotH * (1 - (y_max > 0 ? v / y_max : 0)); }
};

std::string text(double x, double y, const std::string& body, const char* anchor,
                 const char* cls = "axis") {
  return "<text class=\"" + std::string(cls) + "\" x=\"" + px(x) + "\" y=\"" + px(y) +
         "\" text-anchor=\"" + anchor + "\">" + xml_escape(body) + "</text>";
}

std::string line(double x1, double y1, double x2, double y2, const char* cls) {
  return "<line class=\"" + std::string(cls) + "\" x1=\"" + px(x1) + "\" y1=\"" + px(y1) +
         "\" x2=\"" + px(x2) + "\" y2=\"" + px(y2) + "\"/>";
}

std::string y_axis(const Frame& f, double step, const std::string& label) {
  std::string out;
  for (double v = 0; v <= f.y_max * 1.0000001; v += step) {
    out += line(kLeft, f.y(v), kLeft + kPlotW, f.y(v), "grid");
    out += text(kLeft - 6, f.y(v) + 4, axis_number(v), "end");
  }
  out += "<text class=\"axis-title\" transform=\"translate(14," + px(kTop + kPlotH / 2) +
         ") rotate(-90)\" text-anchor=\"middle\">" + xml_escape(label) + "</text>";
  return out;
}

std::string x_axis(const Frame& f) {
  std::string out = line(kLeft, kTop + kPlotH, kLeft + kPlotW, kTop + kPlotH, "axis-line");
  const double step = nice_time_step(f.x_end);
  for (double v = 0; v <= f.x_end * 1.0000001; v += step) {
    out += line(f.x(v), kTop + kPlotH, f.x(v), kTop + kPlotH + 4, "axis-line");
    out += text(f.x(v), kTop + kPlotH + 16, axis_time(v), "middle");
  }
  return out + text(kLeft + kPlotW / 2, kTop + kPlotH + 32, "simulated time (h:mm)", "middle",
                    "axis-title");
}

std::string bands(const Chart& c, const Frame& f) {
  std::string out;
  for (std::size_t i = 0; i < c.bands.size(); ++i) {
    const ChartBand& b = c.bands[i];
    const double x1 = f.x(b.from), x2 = std::max(f.x(b.to), x1 + 1.5);
    out += "<g class=\"fault-band\" data-fault=\"" + xml_escape(b.label) + "\"><rect x=\"" +
           px(x1) + "\" y=\"" + px(kTop) + "\" width=\"" + px(x2 - x1) + "\" height=\"" +
           px(kPlotH) + "\"/><title>" + xml_escape(b.label) + "</title>" +
           text(x1 + 2, kTop + 10 + 10 * static_cast<double>(i % 3), b.label, "start",
                "band-label") + "</g>";
  }
  return out;
}

std::string markers(const Chart& c, const Frame& f) {
  std::string out;
  for (const ChartMarker& m : c.markers)
    out += "<g class=\"marker\" data-marker=\"" + xml_escape(m.label) + "\">" +
           line(f.x(m.at), kTop, f.x(m.at), kTop + kPlotH, "marker-line") + "<title>" +
           xml_escape(m.label) + "</title>" + "<path class=\"marker-head\" d=\"M" +
           px(f.x(m.at) - 4) + " " + px(kTop + kPlotH) + " l4 -7 l4 7 z\"/></g>";
  return out;
}

std::string legend(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string out = "<g class=\"legend\">";
  double x = kLeft;
  const double y = kHeight - 12;
  for (const auto& [name, color] : entries) {
    out += "<rect x=\"" + px(x) + "\" y=\"" + px(y - 9) + "\" width=\"10\" height=\"10\" fill=\"" +
           color + "\"/>" + text(x + 14, y, name, "start", "legend-text");
    x += 24 + 6.5 * static_cast<double>(name.size());
  }
  return out + "</g>";
}

std::string series_path(const Chart& c, const Frame& f, std::size_t s,
                        const std::vector<double>& base) {
  const ChartSeries& series = c.series[s];
  const std::vector<double>& xs = series.x.empty() ? c.x : series.x;
  const double step = xs.size() > 1 ? xs[1] - xs[0] : c.x_end;
  std::string d;
  for (std::size_t i = 0; i < series.values.size(); ++i) {
    const double xm = xs[i] + step / 2;  // a bucket's value drawn at its middle
    d += (i == 0 ? "M" : " L") + px(f.x(xm)) + " " + px(f.y(base[i] + series.values[i]));
  }
  const std::string head = "<path data-series=\"" + xml_escape(series.name) + "\" ";
  if (!c.stacked)
    return head + "class=\"series-line\" stroke=\"" + series.color + "\" d=\"" + d + "\"/>";
  for (std::size_t i = series.values.size(); i-- > 0;)
    d += " L" + px(f.x(c.x[i] + step / 2)) + " " + px(f.y(base[i]));
  return head + "class=\"series-area\" fill=\"" + series.color + "\" d=\"" + d + " Z\"/>";
}

double top_value(const Chart& c) {
  double top = 0;
  if (!c.stacked) {
    for (const ChartSeries& s : c.series)
      for (const double v : s.values) top = std::max(top, v);
    return top;
  }
  for (std::size_t i = 0; i < c.x.size(); ++i) {
    double sum = 0;
    for (const ChartSeries& s : c.series) sum += s.values[i];
    top = std::max(top, sum);
  }
  return top;
}

std::string open_svg(const std::string& id, const std::string& title) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"" + xml_escape(id) +
         "\" class=\"chart\" viewBox=\"0 0 " + px(kWidth) + " " + px(kHeight) +
         "\" role=\"img\" aria-label=\"" + xml_escape(title) + "\"><title>" + xml_escape(title) +
         "</title>" + text(kLeft, 18, title, "start", "chart-title");
}

}  // namespace

std::string axis_number(double v) {
  const double a = std::fabs(v);
  if (a >= 1e6) return general(std::round(v / 1e5) / 10) + "M";
  if (a >= 1e4) return general(std::round(v / 1e2) / 10) + "k";
  if (a >= 1 || a == 0) return general(std::round(v * 100) / 100);
  return general(std::round(v * 1e6) / 1e6);
}

std::string axis_duration(double s) {
  const auto two = [](double v) { return general(v >= 10 ? std::round(v) : std::round(v * 10) / 10); };
  if (s < 1e-3) return two(s * 1e6) + " µs";
  if (s < 1) return two(s * 1e3) + " ms";
  if (s < 60) return two(s) + " s";
  if (s < 3600) return two(s / 60) + " min";
  return two(s / 3600) + " h";
}

std::string axis_time(double seconds) {
  if (seconds > 0 && seconds < 60) return fixed(seconds, 0) + "s";
  const auto minutes = static_cast<long long>(std::llround(seconds / 60));
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%lld:%02lld", minutes / 60, minutes % 60);
  return buffer;
}

std::string svg_chart(const Chart& c) {
  const double top = top_value(c);
  const double step = nice_step(top > 0 ? top : 1, 5);
  const Frame f{c.x_end, step * std::ceil((top > 0 ? top : 1) / step)};
  std::string out = open_svg(c.id, c.title) + bands(c, f) + y_axis(f, step, c.y_label) + x_axis(f);
  std::size_t points = c.x.size();
  for (const ChartSeries& s : c.series) points = std::max(points, s.values.size());
  std::vector<double> base(points, 0.0);  // the stack's floor (stays 0 for line charts)
  std::vector<std::pair<std::string, std::string>> entries;
  for (std::size_t s = 0; s < c.series.size(); ++s) {
    out += series_path(c, f, s, base);
    if (c.stacked)
      for (std::size_t i = 0; i < base.size(); ++i) base[i] += c.series[s].values[i];
    entries.emplace_back(c.series[s].name, c.series[s].color);
  }
  if (!c.bands.empty()) entries.emplace_back("fault window", "#f4c7c3");
  return out + markers(c, f) + legend(entries) + "</svg>";
}

std::string svg_bars(const BarChart& c) {
  double top = 0;
  for (const double v : c.values) top = std::max(top, v);
  const double step = nice_step(top > 0 ? top : 1, 5);
  const Frame f{1, step * std::ceil((top > 0 ? top : 1) / step)};
  std::string out = open_svg(c.id, c.title) + y_axis(f, step, c.y_label);
  out += line(kLeft, kTop + kPlotH, kLeft + kPlotW, kTop + kPlotH, "axis-line");
  const double n = static_cast<double>(std::max<std::size_t>(c.values.size(), 1));
  const double w = kPlotW / n;
  const std::size_t label_every = std::max<std::size_t>(1, c.values.size() / 10);
  for (std::size_t i = 0; i < c.values.size(); ++i) {
    const double x = kLeft + w * static_cast<double>(i);
    out += "<rect data-series=\"" + xml_escape(c.title) + "\" x=\"" + px(x + 1) + "\" y=\"" +
           px(f.y(c.values[i])) + "\" width=\"" + px(std::max(w - 2, 1.0)) + "\" height=\"" +
           px(kTop + kPlotH - f.y(c.values[i])) + "\" fill=\"" + c.color + "\"><title>" +
           xml_escape(c.categories[i] + ": " + general(c.values[i])) + "</title></rect>";
    if (i % label_every == 0) out += text(x + w / 2, kTop + kPlotH + 16, c.categories[i], "middle");
  }
  out += text(kLeft + kPlotW / 2, kTop + kPlotH + 32, c.x_label, "middle", "axis-title");
  return out + legend({{c.title, c.color}}) + "</svg>";
}

}  // namespace reports
