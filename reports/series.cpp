#include "reports/series.h"

namespace reports {

namespace {

double n(std::uint64_t count) { return static_cast<double>(count); }

}  // namespace

double quantile_seconds(const models::LogHistogram& histogram, double q) {
  return sim::to_seconds(histogram.quantile(q));
}

const std::vector<FleetColumn>& fleet_columns() {
  using B = models::FleetBucket;
  static const std::vector<FleetColumn> columns{
      {"calls_count", [](const B& b) { return n(b.calls_total()); }},
      {"calls_ok_count", [](const B& b) { return n(b.calls[0]); }},
      {"calls_no_token_count", [](const B& b) { return n(b.calls[1]); }},
      {"calls_401_count", [](const B& b) { return n(b.calls[2]); }},
      {"calls_403_count", [](const B& b) { return n(b.calls[3]); }},
      {"auth_failure_ratio",
       [](const B& b) { return scenarios::rate(b.auth_failures(), b.calls_total()); }},
      {"endpoint_requests_count", [](const B& b) { return n(b.endpoint_requests); }},
      {"endpoint_cache_hits_count", [](const B& b) { return n(b.endpoint_cache_hits); }},
      {"endpoint_throttled_count", [](const B& b) { return n(b.endpoint_throttled); }},
      {"endpoint_unanswered_count", [](const B& b) { return n(b.endpoint_unanswered); }},
      {"endpoint_errors_count", [](const B& b) { return n(b.endpoint_errors); }},
      {"fetches_started_count", [](const B& b) { return n(b.fetches_started); }},
      {"fetches_ok_count", [](const B& b) { return n(b.fetches_ok); }},
      {"refresh_failures_count", [](const B& b) { return n(b.refresh_failures); }},
      {"attempt_timeouts_count", [](const B& b) { return n(b.attempt_timeouts); }},
      {"static_stability_uses_count", [](const B& b) { return n(b.static_stability_uses); }},
      {"secret_fallback_uses_count", [](const B& b) { return n(b.secret_fallback_uses); }},
      {"fetch_latency_p50_seconds", [](const B& b) { return quantile_seconds(b.fetch_latency, 0.5); }},
      {"fetch_latency_p95_seconds", [](const B& b) { return quantile_seconds(b.fetch_latency, 0.95); }},
      {"fetch_latency_p99_seconds", [](const B& b) { return quantile_seconds(b.fetch_latency, 0.99); }},
      {"token_age_p50_seconds", [](const B& b) { return quantile_seconds(b.token_age, 0.5); }},
      {"token_age_p95_seconds", [](const B& b) { return quantile_seconds(b.token_age, 0.95); }},
  };
  return columns;
}

const std::vector<StsColumn>& sts_columns() {
  using S = models::StsBucket;
  static const std::vector<StsColumn> columns{
      {"sts_requests_count", [](const S& s, double) { return n(s.requests); }},
      {"sts_requests_per_second", [](const S& s, double w) { return n(s.requests) / w; }},
      {"sts_issued_count", [](const S& s, double) { return n(s.issued); }},
      {"sts_failed_count", [](const S& s, double) { return n(s.failed); }},
      {"sts_throttled_count", [](const S& s, double) { return n(s.throttled); }},
      {"sts_rejected_count", [](const S& s, double) { return n(s.rejected); }},
      {"sts_servers_max_count", [](const S& s, double) { return static_cast<double>(s.servers_max); }},
      {"sts_server_seconds", [](const S& s, double) { return s.server_seconds; }},
      {"sts_busy_seconds", [](const S& s, double) { return s.busy_seconds; }},
  };
  return columns;
}

std::uint64_t service_ok_calls(const models::ServiceBucket& b) {
  SIM_ASSERT(b.unauthorized + b.forbidden <= b.calls);
  return b.calls - b.unauthorized - b.forbidden;
}

const std::vector<ServiceColumn>& service_columns() {
  using S = models::ServiceBucket;
  static const std::vector<ServiceColumn> columns{
      {"calls_count", [](const S& s) { return n(s.calls); }},
      {"calls_ok_count", [](const S& s) { return n(service_ok_calls(s)); }},
      {"calls_401_count", [](const S& s) { return n(s.unauthorized); }},
      {"calls_403_count", [](const S& s) { return n(s.forbidden); }},
      {"rejected_ratio",
       [](const S& s) { return scenarios::rate(s.unauthorized + s.forbidden, s.calls); }},
  };
  return columns;
}

scenarios::Cost bucket_cost(const scenarios::Run& run, std::size_t bucket) {
  return scenarios::cost(run, scenarios::totals(run, {bucket, bucket + 1}, std::nullopt));
}

}  // namespace reports
