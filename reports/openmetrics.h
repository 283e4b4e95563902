#pragma once
// metrics.prom: the run's series in OpenMetrics text, one sample per bucket end with its
// timestamp (simulated time + kOpenMetricsEpoch), ready for `promtool tsdb
// create-blocks-from openmetrics`. Counters are cumulative from the run's start.
#include <string>

#include "reports/report_json.h"

namespace reports {

// 2024-01-01T00:00:00Z: simulated time 0. Fixed, so the same run gives the same file.
inline constexpr double kOpenMetricsEpoch = 1704067200.0;

std::string openmetrics(const RunReport& report);

}  // namespace reports
