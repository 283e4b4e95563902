#pragma once
// The parts of report.html (internal to reports/html): the three views SRE guides recommend
// for identity, then the per-fault table and the expectations.
#include <string>

#include "reports/report_json.h"
#include "reports/svg_chart.h"

namespace reports::html {

std::string executive_view(const RunReport& report);  // pass/fail and the headline figures
std::string oncall_view(const RunReport& report);     // failures, faults, role changes, who
std::string debug_view(const RunReport& report);      // latency, token age, rates, cost, access
std::string fault_table(const RunReport& report);
std::string expectations_table(const RunReport& report);

// A time chart over the run's buckets with every fault's window as a labelled band.
Chart time_chart(const RunReport& report, std::string id, std::string title, std::string y_label);
// The run's totals of one bucket over all fleets.
models::FleetBucket all_fleets_at(const RunReport& report, std::size_t bucket);
std::string percent(double fraction);
// A whole self-contained page with idsim's style sheet (html/report_html.cpp).
std::string page(const std::string& title, const std::string& body);
std::string cell(const std::string& text);  // <td>escaped</td>
std::string ncell(const std::string& text); // right-aligned number cell

}  // namespace reports::html
