#include "reports/report_json.h"

#include <cmath>

#include "reports/format.h"
#include "reports/headline.h"
#include "reports/series.h"
#include "reports/top_lists.h"
#include "scenarios/measures.h"

namespace reports {

using nlohmann::ordered_json;

namespace {

double seconds(sim::Ticks t) { return sim::to_seconds(t); }

ordered_json outcome_counts(const models::FleetBucket& b) {
  return {{"ok", b.calls[0]}, {"no_token", b.calls[1]}, {"401", b.calls[2]}, {"403", b.calls[3]}};
}

ordered_json fleet_figures(const models::FleetBucket& b) {
  return {{"calls", outcome_counts(b)},
          {"auth_failure_rate", scenarios::rate(b.auth_failures(), b.calls_total())},
          {"endpoint_requests", b.endpoint_requests},
          {"endpoint_cache_hits", b.endpoint_cache_hits},
          {"endpoint_throttled", b.endpoint_throttled},
          {"endpoint_unanswered", b.endpoint_unanswered},
          {"endpoint_errors", b.endpoint_errors},
          {"fetches_started", b.fetches_started},
          {"fetches_ok", b.fetches_ok},
          {"refresh_failures", b.refresh_failures},
          {"attempt_timeouts", b.attempt_timeouts},
          {"static_stability_uses", b.static_stability_uses},
          {"secret_fallback_uses", b.secret_fallback_uses},
          {"fetch_latency_s", {{"p50", seconds(b.fetch_latency.quantile(0.5))},
                               {"p95", seconds(b.fetch_latency.quantile(0.95))},
                               {"p99", seconds(b.fetch_latency.quantile(0.99))}}},
          {"token_age_s", {{"p50", seconds(b.token_age.quantile(0.5))},
                           {"p95", seconds(b.token_age.quantile(0.95))},
                           {"max_bin", seconds(b.token_age.quantile(1.0))}}}};
}

ordered_json sts_figures(const models::StsBucket& s) {
  return {{"requests", s.requests}, {"issued", s.issued},     {"failed", s.failed},
          {"throttled", s.throttled}, {"rejected", s.rejected}, {"servers_max", s.servers_max},
          {"server_seconds", s.server_seconds}, {"busy_seconds", s.busy_seconds}};
}

ordered_json cost_json(const scenarios::Cost& c) {
  return {{"issuance", c.issuance}, {"capacity", c.capacity}, {"endpoint", c.endpoint},
          {"failure", c.failure},   {"total", c.total()}};
}

ordered_json optional_seconds(const std::optional<sim::Ticks>& t) {
  return t ? ordered_json(seconds(*t)) : ordered_json(nullptr);
}

ordered_json service_figures(const models::ServiceBucket& s) {
  return {{"calls", s.calls}, {"401", s.unauthorized}, {"403", s.forbidden},
          {"rejected_rate", scenarios::rate(s.unauthorized + s.forbidden, s.calls)}};
}

ordered_json services_at(const RunReport& r, std::optional<std::size_t> bucket) {
  const models::Metrics& m = r.run.world().metrics();
  ordered_json out = ordered_json::object();
  for (std::uint32_t s = 0; s < m.service_count(); ++s)
    out[r.run.scenario().world.services[s].name] =
        service_figures(bucket ? m.service_at(s, *bucket) : m.service_total(s));
  return out;
}

ordered_json error_nodes(const RunReport& r) {
  ordered_json top = ordered_json::array();
  for (const NodeErrors& n : top_error_nodes(r.run, kTopErrorNodes))
    top.push_back({{"node", n.node}, {"fleet", r.run.scenario().world.fleets[n.fleet].name},
                   {"node_in_fleet", n.node_in_fleet}, {"zone", n.zone},
                   {"unanswered", n.errors.unanswered}, {"throttled", n.errors.throttled},
                   {"failed", n.errors.failed}, {"first_error_s", seconds(n.errors.first_at)},
                   {"last_error_s", seconds(n.errors.last_at)}});
  return {{"count", nodes_with_errors(r.run)}, {"nodes", r.run.world().metrics().node_count()},
          {"top", top}};
}

ordered_json series(const RunReport& r) {
  const models::Metrics& m = r.run.world().metrics();
  ordered_json out = ordered_json::array();
  for (std::size_t b = 0; b < m.bucket_count(); ++b) {
    ordered_json fleets = ordered_json::object();
    for (std::uint32_t f = 0; f < m.fleet_count(); ++f)
      fleets[r.run.scenario().world.fleets[f].name] = fleet_figures(m.fleet_at(f, b));
    out.push_back({{"start_s", seconds(static_cast<sim::Ticks>(b) * m.bucket_width())},
                   {"fleets", fleets},
                   {"services", services_at(r, b)},
                   {"sts", sts_figures(m.sts_at(b))},
                   {"cost", cost_json(bucket_cost(r.run, b))}});
  }
  return out;
}

ordered_json slis(const RunReport& r) {
  const scenarios::Run& run = r.run;
  const scenarios::BucketRange all{0, run.world().metrics().bucket_count()};
  ordered_json out;
  for (const char* metric :
       {"issuance_success_rate", "fetch_latency_p95_s", "refresh_failures", "auth_failure_rate",
        "no_token_rate", "unauthorized_rate", "forbidden_rate", "token_age_p95_s",
        "endpoint_throttled", "secret_fallback_uses", "static_stability_uses", "sts_peak_rps",
        "cost_total"})
    out[metric] = *scenarios::measure(run, metric, all, std::nullopt);
  // Blast radius: resources (services) reachable per identity, from the role assignments.
  out["blast_radius_resources_per_identity"] = resources_per_identity(run);
  out["identities"] = run.scenario().world.identities.size();
  out["failure_minutes"] = failure_minutes(run);
  out["endpoint_errors"] = run.world().metrics().all_fleets_total().endpoint_errors;
  return out;
}

ordered_json burn_rate_json(const scenarios::BurnRateExpectation& rule,
                            const scenarios::BurnRateResult& found) {
  const bool paged = found.paged_at.has_value();
  return {{"slo", rule.objective.slo},
          {"period_s", seconds(rule.objective.period)},
          {"sli", scenarios::to_string(rule.sli)},
          {"page_within_s", optional_seconds(rule.page_within)},
          {"paged_at_s", optional_seconds(found.paged_at)},
          {"paged_by", paged ? ordered_json(found.paged_by) : ordered_json(nullptr)},
          {"reference_s", optional_seconds(found.reference)},
          {"time_to_page_s", paged ? ordered_json(seconds(*found.paged_at - *found.reference))
                                   : ordered_json(nullptr)},
          {"ticketed_at_s", optional_seconds(found.ticketed_at)}};
}

ordered_json expectation_json(const scenarios::Expectation& spec,
                              const scenarios::ExpectationResult& e) {
  ordered_json out{{"label", e.label},
                   {"metric", e.metric},
                   {"value", std::isfinite(e.value) ? ordered_json(e.value) : ordered_json(nullptr)},
                   {"bound", e.bound},
                   {"passed", e.passed},
                   {"from_s", seconds(e.from)},
                   {"to_s", seconds(e.to)},
                   {"measured", measured_text(e)}};
  if (e.burn_rate) out["burn_rate"] = burn_rate_json(*spec.burn_rate, *e.burn_rate);
  return out;
}

}  // namespace

std::string measured_text(const scenarios::ExpectationResult& e) {
  return e.measured.empty() ? general(e.value) : e.measured;
}

RunReport analyse(scenarios::Run& run) {
  return RunReport{run, scenarios::fault_impacts(run), scenarios::evaluate_expectations(run),
                   run.audit()};
}

ordered_json report_json(const RunReport& r) {
  const scenarios::Scenario& s = r.run.scenario();
  const models::Metrics& m = r.run.world().metrics();
  const scenarios::BucketRange all{0, m.bucket_count()};
  const scenarios::Totals totals = scenarios::totals(r.run, all, std::nullopt);
  ordered_json fleets = ordered_json::object();
  for (std::uint32_t f = 0; f < m.fleet_count(); ++f)
    fleets[s.world.fleets[f].name] = fleet_figures(m.fleet_total(f));
  ordered_json faults = ordered_json::array();
  for (const scenarios::FaultImpact& f : r.faults)
    faults.push_back({{"label", f.label}, {"kind", f.kind}, {"start_s", seconds(f.start)},
                      {"end_s", seconds(f.end)}, {"nodes", f.nodes},
                      {"time_to_first_failure_s", optional_seconds(f.time_to_first_failure)},
                      {"peak_failure_rate", f.peak_failure_rate},
                      {"failed_calls", f.failed_calls},
                      {"recovery_time_s", optional_seconds(f.recovery_time)},
                      {"exposure_window_s", optional_seconds(f.exposure_window)}});
  ordered_json expectations = ordered_json::array();
  for (std::size_t i = 0; i < r.expectations.size(); ++i)
    expectations.push_back(expectation_json(s.expectations[i], r.expectations[i]));
  return {{"schema_version", kReportSchemaVersion},
          {"scenario", {{"name", s.world.name}, {"file", s.file}, {"description", s.description},
                        {"seed", s.world.seed}, {"duration_s", seconds(s.world.duration)},
                        {"bucket_s", seconds(s.world.bucket)}, {"source", s.source}}},
          {"passed", scenarios::all_passed(r.expectations) && r.audit.empty()},
          {"totals", {{"fleets", fleet_figures(totals.fleet)}, {"sts", sts_figures(totals.sts)}}},
          {"fleets", fleets},
          {"services", services_at(r, std::nullopt)},
          {"nodes_with_endpoint_errors", error_nodes(r)},
          {"slis", slis(r)},
          {"cost", cost_json(scenarios::cost(r.run, totals))},
          {"faults", faults},
          {"expectations", expectations},
          {"audit", r.audit},
          {"series", series(r)}};
}

}  // namespace reports
