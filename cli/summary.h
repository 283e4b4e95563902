#pragma once
// The terminal summary of a run: compact, aligned, under 100 columns.
#include <string>

#include "reports/report_json.h"
#include "scenarios/expectations.h"

namespace cli {

// A measured value for a terminal line: 6 significant digits, or the report's words when it
// has them (a burn-rate expectation that never paged).
std::string short_measured(const scenarios::ExpectationResult& e);

std::string run_summary(const reports::RunReport& report, double wall_seconds);

}  // namespace cli
