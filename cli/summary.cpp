#include "cli/summary.h"

#include <cmath>
#include <cstdio>
#include <string>

#include "reports/report_json.h"
#include "scenarios/measures.h"

namespace cli {

std::string short_measured(const scenarios::ExpectationResult& e) {
  if (!std::isfinite(e.value)) return reports::measured_text(e);
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", e.value);
  return text;
}

namespace {

std::string format(const char* fmt, auto... args) {
  char buffer[256];
  std::snprintf(buffer, sizeof buffer, fmt, args...);
  return buffer;
}

std::string percent(double fraction) { return format("%.2f%%", 100.0 * fraction); }

std::string count(std::uint64_t n) {
  std::string digits = std::to_string(n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
  return digits;
}

std::string maybe_duration(const std::optional<sim::Ticks>& t) {
  return t ? "+" + sim::format_duration(*t / sim::kTicksPerSecond * sim::kTicksPerSecond) : "—";
}

// Pads to `width` columns, counting UTF-8 code points (so "—" takes one column).
std::string pad(std::string text, std::size_t width) {
  std::size_t columns = 0;
  for (const char c : text) columns += (static_cast<unsigned char>(c) & 0xC0) == 0x80 ? 0 : 1;
  if (columns < width) text.append(width - columns, ' ');
  return text;
}

std::string faults_block(const reports::RunReport& r) {
  std::string out;
  if (r.faults.empty()) return out;
  out += "  faults\n";
  for (const scenarios::FaultImpact& f : r.faults) {
    out += format("    %s %7s–%s  first failure %s  peak %s  recovery %s\n",
                  pad(f.label.substr(0, 24), 24).c_str(), sim::format_duration(f.start).c_str(),
                  pad(sim::format_duration(f.end), 8).c_str(),
                  pad(maybe_duration(f.time_to_first_failure), 7).c_str(),
                  pad(percent(f.peak_failure_rate), 7).c_str(),
                  maybe_duration(f.recovery_time).c_str());
  }
  return out;
}

std::string expectations_block(const reports::RunReport& r) {
  if (r.expectations.empty()) return "";
  std::size_t failed = 0;
  for (const auto& e : r.expectations) failed += e.passed ? 0 : 1;
  std::string out = format("  expectations     %zu passed, %zu failed\n",
                           r.expectations.size() - failed, failed);
  for (const auto& e : r.expectations)
    if (!e.passed)
      // The whole label: a cut one hid which fleet failed ("during faults[0] flee").
      out += "    FAIL " + e.label + ": measured " + short_measured(e) + ", bound " + e.bound + "\n";
  return out;
}

}  // namespace

std::string run_summary(const reports::RunReport& r, double wall_seconds) {
  const scenarios::Run& run = r.run;
  const auto& world = run.scenario().world;
  const scenarios::Totals t =
      scenarios::totals(run, {0, run.world().metrics().bucket_count()}, std::nullopt);
  const models::FleetBucket& f = t.fleet;
  const std::uint64_t calls = f.calls_total();
  std::string out = format("%s  seed %llu  %s in %s buckets  (%.1f s wall)\n", world.name.c_str(),
                           static_cast<unsigned long long>(world.seed),
                           sim::format_duration(world.duration).c_str(),
                           sim::format_duration(world.bucket).c_str(), wall_seconds);
  out += format("  calls            %-14s ok %-8s no_token %-8s 401 %-8s 403 %s\n",
                count(calls).c_str(), percent(scenarios::rate(f.calls[0], calls)).c_str(),
                percent(scenarios::rate(f.calls[1], calls)).c_str(),
                percent(scenarios::rate(f.calls[2], calls)).c_str(),
                percent(scenarios::rate(f.calls[3], calls)).c_str());
  out += format("  STS              requests %-10s issued %-10s peak %.1f/s  success %s\n",
                count(t.sts.requests).c_str(), count(t.sts.issued).c_str(), t.sts_peak_rps,
                percent(t.sts.requests ? scenarios::rate(t.sts.issued, t.sts.requests) : 1.0).c_str());
  out += format("  endpoints        requests %-10s throttled %-10s unanswered %s\n",
                count(f.endpoint_requests).c_str(), count(f.endpoint_throttled).c_str(),
                count(f.endpoint_unanswered).c_str());
  out += format("  fetch latency    p50 %.3f s  p95 %.3f s  p99 %.3f s   token age p95 %s\n",
                sim::to_seconds(f.fetch_latency.quantile(0.5)),
                sim::to_seconds(f.fetch_latency.quantile(0.95)),
                sim::to_seconds(f.fetch_latency.quantile(0.99)),
                sim::format_duration(f.token_age.quantile(0.95) / sim::kTicksPerSecond *
                                     sim::kTicksPerSecond).c_str());
  if (f.refresh_failures || f.static_stability_uses || f.secret_fallback_uses)
    out += format("  refresh          failures %-10s static stability %-10s secret fallback %s\n",
                  count(f.refresh_failures).c_str(), count(f.static_stability_uses).c_str(),
                  count(f.secret_fallback_uses).c_str());
  const scenarios::Cost c = scenarios::cost(run, t);
  if (c.total() > 0)
    out += format("  cost             %.2f  (issuance %.2f, capacity %.2f, endpoint %.2f, "
                  "failure %.2f)\n", c.total(), c.issuance, c.capacity, c.endpoint, c.failure);
  out += faults_block(r);
  out += expectations_block(r);
  for (const std::string& broken : r.audit) out += "  AUDIT FAILED     " + broken + "\n";
  return out;
}

}  // namespace cli
