#include "reports/format.h"
#include "reports/html/views.h"

namespace reports::html {

namespace {

std::string maybe(const std::optional<sim::Ticks>& t, const char* none) {
  return t ? sim::format_duration(*t) : none;
}

}  // namespace

std::string fault_table(const RunReport& r) {
  std::string out = "<section id=\"faults\"><h2>Faults</h2>";
  if (r.faults.empty()) return out + "<p>No faults in this scenario.</p></section>";
  out += "<table><thead><tr><th>fault</th><th>kind</th><th>start</th><th>end</th><th>nodes</th>"
         "<th>time to first failure</th><th>peak failure rate</th><th>failed calls</th>"
         "<th>recovery time</th><th>exposure window</th></tr></thead><tbody>";
  for (const scenarios::FaultImpact& f : r.faults)
    out += "<tr>" + cell(f.label) + cell(f.kind) + cell(sim::format_duration(f.start)) +
           cell(sim::format_duration(f.end)) + ncell(integer(f.nodes)) +
           cell(maybe(f.time_to_first_failure, "no failure above baseline")) +
           ncell(percent(f.peak_failure_rate)) + ncell(integer(f.failed_calls)) +
           cell(maybe(f.recovery_time, "not recovered")) + cell(maybe(f.exposure_window, "—")) +
           "</tr>";
  return out + "</tbody></table></section>";
}

std::string expectations_table(const RunReport& r) {
  std::string out = "<section id=\"expectations\"><h2>Expectations</h2>";
  if (r.expectations.empty()) out += "<p>The scenario sets no expectations.</p>";
  else {
    out += "<table><thead><tr><th>result</th><th>expectation</th><th>metric</th>"
           "<th>measured</th><th>bound</th><th>window</th></tr></thead><tbody>";
    for (const scenarios::ExpectationResult& e : r.expectations)
      out += std::string("<tr class=\"") + (e.passed ? "pass" : "fail") + "\">" +
             cell(e.passed ? "PASS" : "FAIL") + cell(e.label) + cell(e.metric) +
             (e.measured.empty() ? ncell(general(e.value)) : cell(e.measured)) + cell(e.bound) +
             cell(sim::format_duration(e.from) + " to " + sim::format_duration(e.to)) + "</tr>";
    out += "</tbody></table>";
  }
  for (const std::string& broken : r.audit)
    out += "<p class=\"fail\">Invariant audit failed: " + xml_escape(broken) + "</p>";
  return out + "</section>";
}

}  // namespace reports::html
