#pragma once
// timeseries.csv: one row per bucket for all fleets together (fleet "(all)", with STS and
// cost columns), then one row per fleet (STS and cost cells empty: they are not per fleet).
#include <string>

#include "reports/report_json.h"

namespace reports {

std::string timeseries_csv(const RunReport& report);

}  // namespace reports
