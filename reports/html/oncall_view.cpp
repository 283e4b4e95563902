#include <algorithm>
#include <numeric>

#include "reports/format.h"
#include "reports/html/views.h"
#include "reports/top_lists.h"
#include "scenarios/measures.h"

namespace reports::html {

namespace {

constexpr std::size_t kTopRows = 10;  // rows of the "who" tables

const char* change_kind(models::RoleChange::Kind kind) {
  switch (kind) {
    case models::RoleChange::Kind::revoke: return "role revoked";
    case models::RoleChange::Kind::grant: return "role granted";
    case models::RoleChange::Kind::identity_delete: return "identity deleted";
    case models::RoleChange::Kind::identity_recreate: return "identity recreated";
  }
  return "change";
}

std::string change_label(const RunReport& r, const models::RoleChange& c) {
  const auto& world = r.run.scenario().world;
  std::string label = std::string(change_kind(c.kind)) + ": " + world.identities[c.identity].name;
  if (c.kind == models::RoleChange::Kind::revoke || c.kind == models::RoleChange::Kind::grant)
    label += " on " + world.services[c.service].name;
  return label + " at " + sim::format_duration(c.at);
}

std::string failure_chart(const RunReport& r) {
  Chart c = time_chart(r, "chart-auth-failures", "Auth failures by outcome (all fleets)",
                       "failed calls per bucket");
  const models::Metrics& m = r.run.world().metrics();
  const std::pair<const char*, const char*> outcomes[] = {
      {"no token", "#7f7f7f"}, {"401 unauthorized", "#ff7f0e"}, {"403 forbidden", "#d62728"}};
  for (std::size_t o = 0; o < 3; ++o) {
    ChartSeries s{outcomes[o].first, outcomes[o].second, {}};
    for (std::size_t b = 0; b < m.bucket_count(); ++b)
      s.values.push_back(static_cast<double>(all_fleets_at(r, b).calls[o + 1]));
    c.series.push_back(std::move(s));
  }
  c.stacked = true;
  for (const models::RoleChange& change : r.run.world().iam().changes())
    c.markers.push_back({sim::to_seconds(change.at), change_label(r, change)});
  return c.series.empty() ? "" : svg_chart(c);
}

std::string endpoint_errors_table(const RunReport& r) {
  const models::Metrics& m = r.run.world().metrics();
  std::string rows;
  for (std::uint32_t f = 0; f < m.fleet_count(); ++f) {
    const models::FleetBucket t = m.fleet_total(f);
    if (t.endpoint_errors + t.endpoint_unanswered + t.endpoint_throttled == 0) continue;
    const models::FleetConfig& fleet = r.run.scenario().world.fleets[f];
    rows += "<tr>" + cell(fleet.name) + cell(fleet.zone) + ncell(integer(fleet.nodes)) +
            ncell(integer(t.endpoint_errors)) + ncell(integer(t.endpoint_unanswered)) +
            ncell(integer(t.endpoint_throttled)) + "</tr>";
  }
  std::string nodes;
  for (const scenarios::FaultImpact& f : r.faults)
    if (f.nodes > 0) nodes += "<li>" + xml_escape(f.label) + ": " + integer(f.nodes) + " nodes</li>";
  std::string out = "<h3>Fleets with endpoint errors</h3>";
  out += rows.empty() ? "<p>No endpoint errors.</p>"
                      : "<table><thead><tr><th>fleet</th><th>zone</th><th>nodes</th><th>errors</th>"
                        "<th>unanswered</th><th>throttled (429)</th></tr></thead><tbody>" + rows +
                            "</tbody></table>";
  if (!nodes.empty()) out += "<p>Nodes selected by node-level faults:</p><ul>" + nodes + "</ul>";
  return out;
}

std::string whole_seconds(sim::Ticks t) {
  return sim::format_duration(t / sim::kTicksPerSecond * sim::kTicksPerSecond);
}

std::string error_nodes_table(const RunReport& r) {
  const std::vector<NodeErrors> top = top_error_nodes(r.run, kTopRows);
  std::string out = "<h3>Nodes with endpoint errors</h3>";
  if (top.empty()) return out + "<p>No node's endpoint had an error.</p>";
  const auto& world = r.run.scenario().world;
  out += "<p class=\"note\">" + integer(nodes_with_errors(r.run)) + " of " +
         integer(r.run.world().metrics().node_count()) + " nodes; the " + integer(top.size()) +
         " with most errors. Unanswered: blocked; throttled: the endpoint's own limit; failed: "
         "an error relayed from the STS or a partition.</p>";
  out += "<table id=\"error-nodes\"><thead><tr><th>node</th><th>zone</th><th>unanswered</th>"
         "<th>throttled</th><th>failed</th><th>first error</th><th>last error</th></tr></thead>"
         "<tbody>";
  for (const NodeErrors& n : top)
    out += "<tr>" + cell(world.fleets[n.fleet].name + " #" + integer(n.node_in_fleet)) + cell(n.zone) +
           ncell(integer(n.errors.unanswered)) + ncell(integer(n.errors.throttled)) +
           ncell(integer(n.errors.failed)) + cell(whole_seconds(n.errors.first_at)) +
           cell(whole_seconds(n.errors.last_at)) + "</tr>";
  return out + "</tbody></table>";
}

std::string rejecting_services_table(const RunReport& r) {
  const std::vector<ServiceRejections> top = top_rejecting_services(r.run, kTopRows);
  std::string out = "<h3>Services returning most 401/403</h3>";
  if (top.empty()) return out + "<p>No service returned a 401 or a 403.</p>";
  out += "<table id=\"rejecting-services\"><thead><tr><th>service</th><th>calls with a token</th>"
         "<th>401</th><th>403</th><th>rejected</th></tr></thead><tbody>";
  for (const ServiceRejections& s : top)
    out += "<tr>" + cell(r.run.scenario().world.services[s.service].name) +
           ncell(integer(s.totals.calls)) + ncell(integer(s.totals.unauthorized)) +
           ncell(integer(s.totals.forbidden)) +
           ncell(percent(scenarios::rate(s.rejected(), s.totals.calls))) + "</tr>";
  return out + "</tbody></table>";
}

std::string role_changes_table(const RunReport& r) {
  const auto& changes = r.run.world().iam().changes();
  if (changes.empty()) return "<h3>Role changes</h3><p>No role or identity changes.</p>";
  std::string out = "<h3>Role changes</h3><table><thead><tr><th>at</th><th>change</th>"
                    "<th>propagated everywhere at</th></tr></thead><tbody>";
  for (const models::RoleChange& c : changes)
    out += "<tr>" + cell(sim::format_duration(c.at)) + cell(change_label(r, c)) +
           cell(c.propagated_at < 0 ? "not by the end"
                                    : sim::format_duration(c.propagated_at / sim::kTicksPerSecond *
                                                           sim::kTicksPerSecond)) +
           "</tr>";
  return out + "</tbody></table>";
}

std::string rejections_table(const RunReport& r) {
  const models::Metrics& m = r.run.world().metrics();
  const auto& world = r.run.scenario().world;
  std::vector<std::uint32_t> order(m.fleet_count());
  std::iota(order.begin(), order.end(), 0u);
  auto rejected = [&](std::uint32_t f) { const auto t = m.fleet_total(f); return t.calls[2] + t.calls[3]; };
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return rejected(a) > rejected(b); });
  std::string out = "<h3>Fleets receiving 401/403</h3><table>"
                    "<thead><tr><th>fleet</th><th>identity</th><th>services called</th>"
                    "<th>401</th><th>403</th></tr></thead><tbody>";
  for (const std::uint32_t f : order) {
    const models::FleetBucket t = m.fleet_total(f);
    std::string services;
    for (const models::CallConfig& call : world.fleets[f].calls)
      services += (services.empty() ? "" : ", ") + world.services[call.service].name;
    out += "<tr>" + cell(world.fleets[f].name) + cell(world.identities[world.fleets[f].identity].name) +
           cell(services) + ncell(integer(t.calls[2])) + ncell(integer(t.calls[3])) + "</tr>";
  }
  return out + "</tbody></table>";
}

}  // namespace

std::string oncall_view(const RunReport& r) {
  return "<section id=\"oncall\"><h2>On-call view</h2>" + failure_chart(r) +
         "<div class=\"columns\"><div>" + endpoint_errors_table(r) + error_nodes_table(r) +
         role_changes_table(r) + "</div><div>" + rejecting_services_table(r) + rejections_table(r) +
         "</div></div></section>";
}

}  // namespace reports::html
