#pragma once
// The terminal summary of a run: compact, aligned, under 100 columns.
#include <string>

#include "reports/report_json.h"

namespace cli {

std::string run_summary(const reports::RunReport& report, double wall_seconds);

}  // namespace cli
