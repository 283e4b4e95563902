#pragma once
// The per-bucket figures every series writer shares (CSV, OpenMetrics, HTML charts): one
// definition of each column, its unit and how it is read from a bucket.
#include <cstdint>
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

// One target service's figures in one bucket (timeseries_services.csv). `calls_count` is the
// calls the service decided: they carried a token (no_token calls never reach a service).
struct ServiceColumn {
  std::string_view name;
  double (*value)(const models::ServiceBucket& bucket);
};
const std::vector<ServiceColumn>& service_columns();
// The service's verdicts: ok, unauthorized (401), forbidden (403); they sum to its calls.
std::uint64_t service_ok_calls(const models::ServiceBucket& bucket);

// Cost of one bucket (all fleets), from scenarios::cost so it matches report.json.
scenarios::Cost bucket_cost(const scenarios::Run& run, std::size_t bucket);

// Histogram quantile in seconds, as report.json gives it.
double quantile_seconds(const models::LogHistogram& histogram, double q);

}  // namespace reports
