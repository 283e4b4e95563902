#pragma once
// junit.xml: one <testsuite> per scenario, one <testcase> per expectation; a failure carries
// the metric, the measured value and the bound. A broken invariant audit is an <error>, and
// so is a scenario that could not be loaded (idsim check).
#include <string>
#include <vector>

#include "reports/report_json.h"

namespace reports {

struct JunitCase {
  std::string name;
  std::string failure;  // empty: passed
  std::string detail;   // the failure's text body
  bool error = false;   // an <error> rather than a <failure>
};

struct JunitSuite {
  std::string name;
  std::string file;
  std::vector<JunitCase> cases;
};

JunitSuite junit_suite(const RunReport& report);
JunitSuite junit_load_error(const std::string& file, const std::string& message);
std::string junit_xml(const std::vector<JunitSuite>& suites);

}  // namespace reports
