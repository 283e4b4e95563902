#include <algorithm>

#include "reports/format.h"
#include "reports/html/views.h"
#include "reports/series.h"

namespace reports::html {

namespace {

std::string latency_chart(const RunReport& r) {
  Chart c = time_chart(r, "chart-fetch-latency", "Token fetch latency (all fleets)", "seconds");
  const std::pair<double, const char*> qs[] = {{0.5, "p50"}, {0.95, "p95"}, {0.99, "p99"}};
  const char* colors[] = {"#2ca02c", "#1f77b4", "#9467bd"};
  for (std::size_t q = 0; q < 3; ++q) {
    ChartSeries s{qs[q].second, colors[q], {}};
    for (std::size_t b = 0; b < c.x.size(); ++b)
      s.values.push_back(quantile_seconds(all_fleets_at(r, b).fetch_latency, qs[q].first));
    c.series.push_back(std::move(s));
  }
  return svg_chart(c);
}

std::string token_age_chart(const RunReport& r) {
  const models::Metrics& m = r.run.world().metrics();
  const models::LogHistogram age =
      scenarios::totals(r.run, {0, m.bucket_count()}, std::nullopt).fleet.token_age;
  BarChart c{"chart-token-age", "Token age at use (all calls)", "token age (upper edge, log scale)",
             "calls", {}, {}, "#17becf"};
  const auto& bins = age.bins();
  std::vector<double> octaves;  // 8 sub-bins per octave merged into one bar
  for (int b = 0; b < models::LogHistogram::kBins; ++b) {
    const auto o = static_cast<std::size_t>(b == 0 ? 0 : (b - 1) / models::LogHistogram::kSubBins + 1);
    if (octaves.size() <= o) octaves.resize(o + 1, 0.0);
    octaves[o] += static_cast<double>(bins[static_cast<std::size_t>(b)]);
  }
  std::size_t first = 0, last = octaves.size();
  while (first < last && octaves[first] == 0) ++first;
  while (last > first && octaves[last - 1] == 0) --last;
  for (std::size_t o = first; o < last; ++o) {
    const int upper = o == 0 ? 0 : static_cast<int>(o) * models::LogHistogram::kSubBins;
    c.categories.push_back("≤" + axis_duration(sim::to_seconds(models::LogHistogram::bin_upper(upper))));
    c.values.push_back(octaves[o]);
  }
  return svg_bars(c);
}

std::string rates_chart(const RunReport& r) {
  Chart c = time_chart(r, "chart-request-rates", "Token requests: endpoints and STS",
                       "requests per second");
  const double w = sim::to_seconds(r.run.world().metrics().bucket_width());
  ChartSeries ep{"endpoint requests", "#1f77b4", {}}, ept{"endpoint throttled (429)", "#aec7e8", {}};
  ChartSeries sts{"STS requests", "#ff7f0e", {}}, stst{"STS throttled (429)", "#d62728", {}};
  for (std::size_t b = 0; b < c.x.size(); ++b) {
    const models::FleetBucket f = all_fleets_at(r, b);
    const models::StsBucket& s = r.run.world().metrics().sts_at(b);
    ep.values.push_back(static_cast<double>(f.endpoint_requests) / w);
    ept.values.push_back(static_cast<double>(f.endpoint_throttled) / w);
    sts.values.push_back(static_cast<double>(s.requests) / w);
    stst.values.push_back(static_cast<double>(s.throttled) / w);
  }
  c.series = {ep, ept, sts, stst};
  return svg_chart(c);
}

std::string cost_chart(const RunReport& r) {
  Chart c = time_chart(r, "chart-cost", "Cumulative cost by part", "cost (scenario's price unit)");
  ChartSeries parts[] = {{"issuance", "#1f77b4", {}}, {"capacity", "#ff7f0e", {}},
                         {"endpoint", "#2ca02c", {}}, {"failure", "#d62728", {}}};
  double sum[4] = {0, 0, 0, 0};
  for (std::size_t b = 0; b < c.x.size(); ++b) {
    const scenarios::Cost k = bucket_cost(r.run, b);
    const double v[4] = {k.issuance, k.capacity, k.endpoint, k.failure};
    for (std::size_t p = 0; p < 4; ++p) parts[p].values.push_back(sum[p] += v[p]);
  }
  c.series.assign(std::begin(parts), std::end(parts));
  c.stacked = true;
  return svg_chart(c);
}

std::string access_table(const RunReport& r) {
  const auto& world = r.run.scenario().world;
  const models::Metrics& m = r.run.world().metrics();
  std::string out = "<h3>Per-identity access</h3><table><thead><tr><th>identity</th>"
                    "<th>roles</th><th>fleets</th><th>calls</th><th>ok</th><th>401</th>"
                    "<th>403</th></tr></thead><tbody>";
  for (std::uint32_t i = 0; i < world.identities.size(); ++i) {
    std::string roles, fleets;
    for (const models::RoleConfig& role : world.roles)
      if (role.identity == i)
        roles += (roles.empty() ? "" : ", ") + role.role + " on " + world.services[role.service].name;
    std::uint64_t calls[4] = {0, 0, 0, 0};
    for (std::uint32_t f = 0; f < world.fleets.size(); ++f) {
      if (world.fleets[f].identity != i) continue;
      fleets += (fleets.empty() ? "" : ", ") + world.fleets[f].name;
      const models::FleetBucket t = m.fleet_total(f);
      for (std::size_t o = 0; o < 4; ++o) calls[o] += t.calls[o];
    }
    out += "<tr>" + cell(world.identities[i].name) + cell(roles.empty() ? "none" : roles) +
           cell(fleets) + ncell(integer(calls[0] + calls[1] + calls[2] + calls[3])) +
           ncell(integer(calls[0])) + ncell(integer(calls[2])) + ncell(integer(calls[3])) + "</tr>";
  }
  return out + "</tbody></table>";
}

}  // namespace

std::string debug_view(const RunReport& r) {
  return "<section id=\"debug\"><h2>Debug view</h2><div class=\"grid\">" + latency_chart(r) +
         token_age_chart(r) + rates_chart(r) + cost_chart(r) + "</div>" + access_table(r) +
         "</section>";
}

}  // namespace reports::html
