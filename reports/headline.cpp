#include "reports/headline.h"

#include "scenarios/measures.h"

namespace reports {

double failure_minutes(const scenarios::Run& run) {
  const models::Metrics& m = run.world().metrics();
  double minutes = 0;
  for (std::size_t b = 0; b < m.bucket_count(); ++b)
    if (*scenarios::measure(run, "auth_failure_rate", {b, b + 1}, std::nullopt) >
        kFailureMinuteThreshold)
      minutes += sim::to_seconds(m.bucket_width()) / 60.0;
  return minutes;
}

double resources_per_identity(const scenarios::Run& run) {
  const auto& world = run.scenario().world;
  return world.identities.empty() ? 0.0
                                  : static_cast<double>(world.roles.size()) /
                                        static_cast<double>(world.identities.size());
}

Headline headline(const RunReport& r) {
  const scenarios::BucketRange all{0, r.run.world().metrics().bucket_count()};
  auto measure = [&](const char* metric) { return *scenarios::measure(r.run, metric, all, std::nullopt); };
  Headline h;
  h.expectations = r.expectations.size();
  for (const auto& e : r.expectations) h.expectations_failed += e.passed ? 0 : 1;
  h.passed = h.expectations_failed == 0 && r.audit.empty();
  h.calls = measure("calls");
  h.auth_failure_rate = measure("auth_failure_rate");
  h.failure_minutes = failure_minutes(r.run);
  h.issuance_success_rate = measure("issuance_success_rate");
  h.sts_peak_rps = measure("sts_peak_rps");
  h.fetch_latency_p95_s = measure("fetch_latency_p95_s");
  h.cost_total = measure("cost_total");
  h.identities = r.run.scenario().world.identities.size();
  h.resources_per_identity = resources_per_identity(r.run);
  return h;
}

}  // namespace reports
