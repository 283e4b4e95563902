#include "reports/junit.h"

#include "reports/format.h"

namespace reports {

namespace {

JunitCase expectation_case(const scenarios::ExpectationResult& e) {
  JunitCase c{e.label, "", "", false};
  if (e.passed) return c;
  const std::string measured = measured_text(e);
  c.failure = e.metric + " = " + measured + ", bound " + e.bound;
  c.detail = "metric: " + e.metric + "\nmeasured: " + measured + "\nbound: " + e.bound +
             "\nwindow: " + sim::format_duration(e.from) + " to " + sim::format_duration(e.to) +
             "\n";
  if (e.burn_rate && e.burn_rate->ticketed_at)
    c.detail += "ticket rule (3d/6h) held at: " + sim::format_duration(*e.burn_rate->ticketed_at) + "\n";
  return c;
}

std::size_t count(const JunitSuite& s, bool errors) {
  std::size_t n = 0;
  for (const JunitCase& c : s.cases) n += (!c.failure.empty() && c.error == errors) ? 1 : 0;
  return n;
}

std::string case_xml(const JunitSuite& s, const JunitCase& c) {
  std::string out = "    <testcase classname=\"" + xml_escape("idsim." + s.name) + "\" name=\"" +
                    xml_escape(c.name) + "\" time=\"0\"";
  if (c.failure.empty()) return out + "/>\n";
  const char* tag = c.error ? "error" : "failure";
  return out + ">\n      <" + tag + " message=\"" + xml_escape(c.failure) + "\" type=\"" +
         (c.error ? "error" : "expectation") + "\">" + xml_escape(c.detail) + "</" + tag +
         ">\n    </testcase>\n";
}

std::string suite_xml(const JunitSuite& s) {
  std::string out = "  <testsuite name=\"" + xml_escape(s.name) + "\" tests=\"" +
                    integer(s.cases.size()) + "\" failures=\"" + integer(count(s, false)) +
                    "\" errors=\"" + integer(count(s, true)) + "\" skipped=\"0\" time=\"0\">\n";
  out += "    <properties>\n      <property name=\"file\" value=\"" + xml_escape(s.file) +
         "\"/>\n    </properties>\n";
  for (const JunitCase& c : s.cases) out += case_xml(s, c);
  return out + "  </testsuite>\n";
}

}  // namespace

JunitSuite junit_suite(const RunReport& r) {
  JunitSuite s{r.run.scenario().world.name, r.run.scenario().file, {}};
  for (const scenarios::ExpectationResult& e : r.expectations) s.cases.push_back(expectation_case(e));
  if (!r.audit.empty()) {
    JunitCase audit{"invariant audit", "invariants broken", "", true};
    for (const std::string& line : r.audit) audit.detail += line + "\n";
    s.cases.push_back(audit);
  } else if (s.cases.empty()) {
    s.cases.push_back({"run completes", "", "", false});
  }
  return s;
}

JunitSuite junit_load_error(const std::string& file, const std::string& message) {
  return {file, file, {{"load", "scenario could not be loaded", message, true}}};
}

std::string junit_xml(const std::vector<JunitSuite>& suites) {
  std::size_t tests = 0, failures = 0, errors = 0;
  for (const JunitSuite& s : suites) {
    tests += s.cases.size();
    failures += count(s, false);
    errors += count(s, true);
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"idsim\" tests=\"" +
                    integer(tests) + "\" failures=\"" + integer(failures) + "\" errors=\"" +
                    integer(errors) + "\" time=\"0\">\n";
  for (const JunitSuite& s : suites) out += suite_xml(s);
  return out + "</testsuites>\n";
}

}  // namespace reports
