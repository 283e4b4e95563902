#pragma once
// timeseries_services.csv: one row per bucket and target service (scenario order), with the
// calls the service decided and its 401/403. A file of its own rather than rows or columns in
// timeseries.csv: that table keeps its shape, and each file is one rectangular table that
// pandas or a spreadsheet reads with its defaults (docs/reports.md).
#include <string>

#include "reports/report_json.h"

namespace reports {

std::string timeseries_services_csv(const RunReport& report);

}  // namespace reports
