#pragma once
// The per-bucket figures every series writer shares (CSV, OpenMetrics, HTML charts): one
// definition of each column, its unit and how it is read from a bucket.
#include <string>
#include <string_view>
#include <vector>

#include "models/metrics.h"
#include "scenarios/measures.h"

namespace reports {

struct FleetColumn {
  std::string_view name;  // with its unit: "calls_ok_count", "fetch_latency_p95_seconds"
  double (*value)(const models::FleetBucket& bucket);
};
const std::vector<FleetColumn>& fleet_columns();

struct StsColumn {
  std::string_view name;
  double (*value)(const models::StsBucket& bucket, double bucket_seconds);
};
const std::vector<StsColumn>& sts_columns();

// Cost of one bucket (all fleets), from scenarios::cost so it matches report.json.
scenarios::Cost bucket_cost(const scenarios::Run& run, std::size_t bucket);

// Histogram quantile in seconds, as report.json gives it.
double quantile_seconds(const models::LogHistogram& histogram, double q);

}  // namespace reports
