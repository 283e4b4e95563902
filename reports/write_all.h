#pragma once
// Every file a run writes to its output directory, each whole or not at all.
#include <string>
#include <vector>

#include "reports/report_json.h"

namespace reports {

// Writes report.json, timeseries.csv, timeseries_services.csv, report.html, junit.xml,
// summary.md and metrics.prom into out_dir (created when missing); throws OutputError.
// Returns the paths written.
std::vector<std::string> write_run_reports(const RunReport& report, const std::string& out_dir);

}  // namespace reports
