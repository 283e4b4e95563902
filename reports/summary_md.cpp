#include "reports/summary_md.h"

#include "reports/format.h"
#include "reports/headline.h"

namespace reports {

namespace {

std::string percent(double fraction) { return fixed(100.0 * fraction, 3) + " %"; }

std::string md_cell(std::string_view text) {
  std::string out;
  for (const char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

std::string optional_s(const std::optional<sim::Ticks>& t) {
  return t ? sim::format_duration(*t) : "—";
}

std::string figures(const Headline& h) {
  return "| figure | value |\n|---|---:|\n"
         "| auth-failure rate | " + percent(h.auth_failure_rate) + " |\n"
         "| failure minutes (> 0.1 % failing) | " + fixed(h.failure_minutes, 0) + " |\n"
         "| issuance success rate | " + percent(h.issuance_success_rate) + " |\n"
         "| peak STS load | " + fixed(h.sts_peak_rps, 2) + " req/s |\n"
         "| fetch latency p95 | " + fixed(h.fetch_latency_p95_s, 3) + " s |\n"
         "| cost | " + fixed(h.cost_total, 2) + " |\n"
         "| identities / resources per identity | " + integer(h.identities) + " / " +
         fixed(h.resources_per_identity, 2) + " |\n";
}

std::string faults_table(const RunReport& r) {
  if (r.faults.empty()) return "";
  std::string out = "\n| fault | window | first failure | peak failure rate | failed calls | "
                    "recovery |\n|---|---|---|---:|---:|---|\n";
  for (const scenarios::FaultImpact& f : r.faults)
    out += "| " + md_cell(f.label) + " | " + sim::format_duration(f.start) + "–" +
           sim::format_duration(f.end) + " | " + optional_s(f.time_to_first_failure) + " | " +
           percent(f.peak_failure_rate) + " | " + integer(f.failed_calls) + " | " +
           optional_s(f.recovery_time) + " |\n";
  return out;
}

std::string expectations_table(const RunReport& r) {
  if (r.expectations.empty()) return "";
  std::string out = "\n| | expectation | measured | bound |\n|---|---|---:|---|\n";
  for (const scenarios::ExpectationResult& e : r.expectations)
    out += std::string("| ") + (e.passed ? "✅" : "❌") + " | " + md_cell(e.label) + " | " +
           md_cell(measured_text(e)) + " | " + md_cell(e.bound) + " |\n";
  return out;
}

}  // namespace

std::string summary_md(const RunReport& r) {
  const Headline h = headline(r);
  const auto& world = r.run.scenario().world;
  std::string out = std::string("### ") + (h.passed ? "✅ " : "❌ ") + md_cell(world.name) +
                    (h.passed ? " passed" : " failed") + "\n\n";
  out += integer(h.expectations - h.expectations_failed) + " of " + integer(h.expectations) +
         " expectations met · seed " + integer(world.seed) + " · " +
         sim::format_duration(world.duration) + " in " + sim::format_duration(world.bucket) +
         " buckets · " + fixed(h.calls, 0) + " calls\n\n";
  if (!r.audit.empty()) out += "**Invariant audit failed** (" + integer(r.audit.size()) + ")\n\n";
  return out + figures(h) + faults_table(r) + expectations_table(r);
}

}  // namespace reports
