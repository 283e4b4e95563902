#include "scenarios/fault_impact.h"

#include <algorithm>
#include <cmath>

#include "models/exposure.h"
#include "scenarios/measures.h"

namespace scenarios {

namespace {

struct Curve {
  std::vector<std::uint64_t> failures;
  std::vector<std::uint64_t> calls;
  double rate(std::size_t b) const {
    return calls[b] == 0 ? 0.0 : static_cast<double>(failures[b]) / static_cast<double>(calls[b]);
  }
};

Curve failure_curve(const models::Metrics& m) {
  Curve c{std::vector<std::uint64_t>(m.bucket_count()), std::vector<std::uint64_t>(m.bucket_count())};
  for (std::size_t b = 0; b < m.bucket_count(); ++b)
    for (std::uint32_t f = 0; f < m.fleet_count(); ++f) {
      c.failures[b] += m.fleet_at(f, b).auth_failures();
      c.calls[b] += m.fleet_at(f, b).calls_total();
    }
  return c;
}

// The failure rate before a fault: over up to 10 buckets before its start.
double baseline_rate(const Curve& c, std::size_t first) {
  std::uint64_t failures = 0, calls = 0;
  for (std::size_t b = first >= 10 ? first - 10 : 0; b < first; ++b) {
    failures += c.failures[b];
    calls += c.calls[b];
  }
  return calls == 0 ? 0.0 : static_cast<double>(failures) / static_cast<double>(calls);
}

// A bucket counts as failing when its rate exceeds the baseline by more than sampling noise:
// 4 binomial standard deviations for the bucket's calls, and at least 0.1 %.
bool failing(const Curve& c, std::size_t b, double baseline) {
  if (c.calls[b] == 0) return false;
  const double sd = std::sqrt(baseline * (1 - baseline) / static_cast<double>(c.calls[b]));
  return c.rate(b) > baseline + std::max(0.001, 4 * sd);
}

}  // namespace

std::vector<FaultImpact> fault_impacts(Run& run) {
  const models::Metrics& m = run.world().metrics();
  const Curve curve = failure_curve(m);
  const sim::Ticks width = m.bucket_width();
  const auto exposures = models::revocation_exposures(run.world());
  std::vector<FaultImpact> out;
  for (std::size_t i = 0; i < run.scenario().faults.size(); ++i) {
    const faults::FaultSpec& spec = run.scenario().faults[i];
    const faults::FaultWindow& w = run.fault_windows()[i];
    FaultImpact impact;
    impact.label = spec.label;
    impact.kind = std::string(faults::to_string(spec.kind));
    impact.start = w.start;
    impact.end = w.end;
    impact.nodes = w.nodes;
    const BucketRange during = buckets_between(m, w.start, w.end);
    const double baseline = baseline_rate(curve, during.first);
    for (std::size_t b = during.first; b < m.bucket_count(); ++b) {
      if (failing(curve, b, baseline)) {
        impact.time_to_first_failure = std::max<sim::Ticks>(0, static_cast<sim::Ticks>(b) * width - w.start);
        break;
      }
      if (b >= during.last) break;  // ended without failures
    }
    // Recovery: the first bucket at or after the fault's end back under the threshold.
    std::size_t recovered = std::max(during.last, during.first);
    while (recovered < m.bucket_count() && failing(curve, recovered, baseline)) ++recovered;
    if (recovered < m.bucket_count())
      impact.recovery_time = std::max<sim::Ticks>(0, static_cast<sim::Ticks>(recovered) * width - w.end);
    for (std::size_t k = during.first; k < std::min(recovered, m.bucket_count()); ++k) {
      impact.peak_failure_rate = std::max(impact.peak_failure_rate, curve.rate(k));
      impact.failed_calls += curve.failures[k];
    }
    if (spec.kind == faults::FaultKind::role_revoke)
      for (const models::RevocationExposure& e : exposures)
        if (e.revoked_at == w.start) impact.exposure_window = e.exposure();
    out.push_back(std::move(impact));
  }
  return out;
}

}  // namespace scenarios
