#include "reports/report_diff.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "reports/format.h"
#include "reports/html/views.h"
#include "reports/svg_chart.h"

namespace reports {

using nlohmann::ordered_json;

namespace {

struct Row {
  std::string name;
  const ordered_json* a;
  const ordered_json* b;
};

const ordered_json kNull = nullptr;

const ordered_json& at(const ordered_json& j, const std::string& key) {
  return j.is_object() && j.contains(key) ? j.at(key) : kNull;
}

std::string value_text(const ordered_json& v) {
  if (v.is_number()) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", v.get<double>());
    return buffer;
  }
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  return v.is_null() ? "-" : v.dump();
}

std::string change_text(const ordered_json& a, const ordered_json& b) {
  if (!a.is_number() || !b.is_number()) return a == b ? "" : "changed";
  const double x = a.get<double>(), y = b.get<double>();
  if (x == y) return "=";
  std::string text = (y > x ? "+" : "") + value_text(ordered_json(y - x));
  if (x != 0) text += " (" + std::string(y > x ? "+" : "") + fixed(100 * (y - x) / std::fabs(x), 1) + " %)";
  return text;
}

std::vector<Row> rows(const ordered_json& a, const ordered_json& b) {
  std::vector<Row> out;
  for (const auto& [key, value] : at(a, "slis").items()) out.push_back({key, &value, &at(at(b, "slis"), key)});
  if (!at(a, "slis").contains("cost_total"))
    out.push_back({"cost_total", &at(at(a, "cost"), "total"), &at(at(b, "cost"), "total")});
  const ordered_json& fa = at(a, "faults");
  const ordered_json& fb = at(b, "faults");
  const std::size_t n = std::max(fa.size(), fb.size());
  for (std::size_t i = 0; i < n; ++i) {
    const ordered_json& x = i < fa.size() ? fa[i] : kNull;
    const ordered_json& y = i < fb.size() ? fb[i] : kNull;
    const std::string label = value_text(at(x.is_null() ? y : x, "label"));
    for (const char* figure : {"time_to_first_failure_s", "peak_failure_rate", "failed_calls",
                               "recovery_time_s", "exposure_window_s"})
      out.push_back({label.substr(0, 20) + " " + figure, &at(x, figure), &at(y, figure)});
  }
  return out;
}

std::string run_name(const ordered_json& r) {
  const ordered_json& s = at(r, "scenario");
  return value_text(at(s, "name")) + " (seed " + value_text(at(s, "seed")) + ", " +
         value_text(at(s, "file")) + ")";
}

}  // namespace

std::string diff_text(const ordered_json& a, const ordered_json& b) {
  std::string out = "A: " + run_name(a) + "\nB: " + run_name(b) + "\n";
  char line[256];
  std::snprintf(line, sizeof line, "  %-44s %14s %14s  %s\n", "figure", "A", "B", "change");
  out += line;
  for (const Row& r : rows(a, b)) {
    std::snprintf(line, sizeof line, "  %-44s %14s %14s  %s\n", r.name.substr(0, 44).c_str(),
                  value_text(*r.a).c_str(), value_text(*r.b).c_str(),
                  change_text(*r.a, *r.b).c_str());
    out += line;
  }
  return out;
}

namespace {

struct Curves {
  std::vector<double> x, failure_rate, sts_rps, latency_p95;
  double x_end = 0;
};

Curves curves(const ordered_json& r) {
  Curves c;
  const double bucket_s = at(at(r, "scenario"), "bucket_s").is_number()
                              ? at(at(r, "scenario"), "bucket_s").get<double>() : 60.0;
  for (const ordered_json& b : at(r, "series")) {
    double calls = 0, failed = 0, p95 = 0;
    for (const auto& [name, fleet] : at(b, "fleets").items()) {
      for (const auto& [outcome, n] : fleet.at("calls").items()) {
        calls += n.get<double>();
        if (outcome != "ok") failed += n.get<double>();
      }
      p95 = std::max(p95, fleet.at("fetch_latency_s").at("p95").get<double>());
    }
    c.x.push_back(b.at("start_s").get<double>());
    c.failure_rate.push_back(calls > 0 ? 100 * failed / calls : 0);
    c.sts_rps.push_back(at(at(b, "sts"), "requests").get<double>() / bucket_s);
    c.latency_p95.push_back(p95);
  }
  c.x_end = c.x.empty() ? 0 : c.x.back() + bucket_s;
  return c;
}

std::string overlay(const std::string& id, const std::string& title, const std::string& unit,
                    const Curves& a, const Curves& b, std::vector<double> Curves::*field) {
  Chart c;
  c.id = id;
  c.title = title;
  c.y_label = unit;
  c.x_end = std::max(a.x_end, b.x_end);
  c.series = {{"A", "#1f77b4", a.*field, a.x}, {"B", "#d62728", b.*field, b.x}};
  return svg_chart(c);
}

std::string table_html(const ordered_json& a, const ordered_json& b) {
  std::string out = "<table><thead><tr><th>figure</th><th>A</th><th>B</th><th>change</th></tr>"
                    "</thead><tbody>";
  for (const Row& r : rows(a, b))
    out += "<tr>" + html::cell(r.name) + html::ncell(value_text(*r.a)) +
           html::ncell(value_text(*r.b)) + html::ncell(change_text(*r.a, *r.b)) + "</tr>";
  return out + "</tbody></table>";
}

}  // namespace

std::string diff_html(const ordered_json& a, const ordered_json& b) {
  const Curves ca = curves(a), cb = curves(b);
  const std::string body =
      "<header><h1>idsim diff</h1><p class=\"meta\">A: " + xml_escape(run_name(a)) +
      "</p><p class=\"meta\">B: " + xml_escape(run_name(b)) + "</p></header><section><div class=\"grid\">" +
      overlay("diff-failure-rate", "Auth-failure rate", "percent of calls", ca, cb, &Curves::failure_rate) +
      overlay("diff-sts-rps", "STS requests", "requests per second", ca, cb, &Curves::sts_rps) +
      overlay("diff-latency", "Token fetch latency p95 (worst fleet)", "seconds", ca, cb,
              &Curves::latency_p95) +
      "</div></section><section><h2>Figures</h2>" + table_html(a, b) + "</section>";
  return html::page("idsim diff", body);
}

}  // namespace reports
