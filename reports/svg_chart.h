#pragma once
// Inline SVG charts drawn by idsim itself (no script, no network): a time axis, a value axis
// with its unit, a legend, shaded and labelled bands (fault windows) and marked instants
// (role changes). Well-formed XML, so the page also parses as XHTML.
#include <string>
#include <vector>

namespace reports {

struct ChartSeries {
  std::string name;
  std::string color;           // CSS colour, e.g. "#d62728"
  std::vector<double> values;  // one per x
  std::vector<double> x = {};  // its own bucket starts (line charts only); empty: the chart's
};

struct ChartBand {
  double from = 0;  // x units (seconds of simulated time)
  double to = 0;
  std::string label;
};

struct ChartMarker {
  double at = 0;
  std::string label;
};

struct Chart {
  std::string id;       // unique in the page
  std::string title;
  std::string y_label;  // with the unit: "calls per bucket", "seconds"
  std::vector<double> x;  // bucket starts, seconds
  double x_end = 0;       // the end of the time axis, seconds
  std::vector<ChartSeries> series;
  bool stacked = false;   // stacked areas instead of lines
  std::vector<ChartBand> bands;
  std::vector<ChartMarker> markers;
};

std::string svg_chart(const Chart& chart);

// A bar chart over labelled categories (the token-age histogram).
struct BarChart {
  std::string id;
  std::string title;
  std::string x_label;
  std::string y_label;
  std::vector<std::string> categories;
  std::vector<double> values;
  std::string color;
};

std::string svg_bars(const BarChart& chart);

// "0", "1.5k", "2M": compact axis labels.
std::string axis_number(double value);
// A duration for an axis: "850 µs", "12 ms", "4.2 s", "17 min", "1.5 h".
std::string axis_duration(double seconds);
// A time-of-run label: "0:00", "1:30", "26:00" (hours:minutes) or "45s" under a minute.
std::string axis_time(double seconds);

}  // namespace reports
