#include "scenarios/measures.h"

#include <algorithm>

namespace scenarios {


double rate(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

BucketRange buckets_between(const models::Metrics& metrics, sim::Ticks from, sim::Ticks to) {
  const sim::Ticks width = metrics.bucket_width();
  const auto first = static_cast<std::size_t>(std::max<sim::Ticks>(0, from) / width);
  const auto last = static_cast<std::size_t>((std::max<sim::Ticks>(0, to) + width - 1) / width);
  return {std::min(first, metrics.bucket_count()), std::min(last, metrics.bucket_count())};
}

Totals totals(const Run& run, BucketRange range, std::optional<std::uint32_t> fleet) {
  const models::Metrics& m = run.world().metrics();
  Totals t;
  const double bucket_s = sim::to_seconds(m.bucket_width());
  for (std::size_t b = range.first; b < range.last; ++b) {
    for (std::uint32_t f = 0; f < m.fleet_count(); ++f)
      if (!fleet || *fleet == f) t.fleet.add(m.fleet_at(f, b));
    const models::StsBucket& s = m.sts_at(b);
    t.sts.add(s);
    t.sts_peak_rps = std::max(t.sts_peak_rps, static_cast<double>(s.requests) / bucket_s);
  }
  t.seconds = bucket_s * static_cast<double>(range.last - range.first);
  return t;
}

Cost cost(const Run& run, const Totals& t) {
  const models::CostConfig& price = run.scenario().world.cost;
  Cost c;
  c.issuance = price.per_sts_request * static_cast<double>(t.sts.requests) +
               price.per_token_issued * static_cast<double>(t.sts.issued);
  c.capacity = price.per_sts_server_hour * t.sts.server_seconds / 3600.0;
  double nodes = 0;
  for (const models::FleetConfig& f : run.scenario().world.fleets) nodes += f.nodes;
  c.endpoint = price.per_endpoint_node_hour * nodes * t.seconds / 3600.0;
  c.failure = price.per_failed_call * static_cast<double>(t.fleet.auth_failures());
  return c;
}

std::optional<double> measure(const Run& run, std::string_view metric, BucketRange range,
                              std::optional<std::uint32_t> fleet) {
  const Totals t = totals(run, range, fleet);
  const models::FleetBucket& f = t.fleet;
  const std::uint64_t calls = f.calls_total();
  auto outcome = [&](models::Outcome o) { return f.calls[static_cast<std::size_t>(o)]; };
  if (metric == "auth_failure_rate") return rate(f.auth_failures(), calls);
  if (metric == "no_token_rate") return rate(outcome(models::Outcome::no_token), calls);
  if (metric == "unauthorized_rate") return rate(outcome(models::Outcome::unauthorized), calls);
  if (metric == "forbidden_rate") return rate(outcome(models::Outcome::forbidden), calls);
  if (metric == "calls") return static_cast<double>(calls);
  if (metric == "failed_calls") return static_cast<double>(f.auth_failures());
  if (metric == "issuance_success_rate")
    return t.sts.requests == 0 ? 1.0 : rate(t.sts.issued, t.sts.requests);
  if (metric == "sts_requests") return static_cast<double>(t.sts.requests);
  if (metric == "sts_peak_rps") return t.sts_peak_rps;
  if (metric == "endpoint_requests") return static_cast<double>(f.endpoint_requests);
  if (metric == "endpoint_throttled") return static_cast<double>(f.endpoint_throttled);
  if (metric == "fetch_latency_p95_s") return sim::to_seconds(f.fetch_latency.quantile(0.95));
  if (metric == "token_age_p95_s") return sim::to_seconds(f.token_age.quantile(0.95));
  if (metric == "refresh_failures") return static_cast<double>(f.refresh_failures);
  if (metric == "static_stability_uses") return static_cast<double>(f.static_stability_uses);
  if (metric == "secret_fallback_uses") return static_cast<double>(f.secret_fallback_uses);
  if (metric == "cost_total") return cost(run, t).total();
  return std::nullopt;
}

SliSeries sli_series(const Run& run, Sli sli, std::optional<std::uint32_t> fleet) {
  const models::Metrics& m = run.world().metrics();
  std::vector<SliBucket> buckets(m.bucket_count());
  for (std::size_t b = 0; b < m.bucket_count(); ++b) {
    SliBucket& out = buckets[b];
    if (sli == Sli::issuance_success) {
      const models::StsBucket& s = m.sts_at(b);  // responses, counted when they are sent
      out.bad = s.failed + s.throttled + s.rejected;
      out.total = s.issued + out.bad;
      continue;
    }
    for (std::uint32_t f = 0; f < m.fleet_count(); ++f) {
      if (fleet && *fleet != f) continue;
      const models::FleetBucket& cell = m.fleet_at(f, b);
      out.total += cell.calls_total();
      out.bad += cell.auth_failures();
    }
  }
  return SliSeries(buckets, m.bucket_width());
}

}  // namespace scenarios
