// Validator section for the fault script: kinds, times, parameters and selectors (resolved
// against the fleets, so a selector that matches no node is an error).
#include <algorithm>
#include <set>

#include "scenarios/validate.h"

namespace scenarios::detail {
namespace {

using faults::FaultKind;
constexpr double kInf = std::numeric_limits<double>::infinity();

struct KindShape {
  bool selector = false;     // takes a selector
  bool fleet_only = false;   // its selector may only name a fleet
  bool lasts = true;         // false: one-shot (no `duration`)
  std::vector<std::string_view> params;
};

KindShape shape(FaultKind kind) {
  switch (kind) {
    case FaultKind::imds_block:
    case FaultKind::network_partition: return {true, false, true, {}};
    case FaultKind::imds_throttle: return {true, false, true, {"rate_per_s"}};
    case FaultKind::imds_latency: return {true, false, true, {"latency"}};
    case FaultKind::sts_outage: return {false, false, true, {"fraction"}};
    case FaultKind::sts_latency: return {false, false, true, {"latency"}};
    case FaultKind::sts_throttle: return {false, false, true, {"rate_per_s"}};
    case FaultKind::identity_delete:
      return {false, false, false, {"identity", "recreate_after", "reassign_roles"}};
    case FaultKind::role_revoke:
    case FaultKind::role_grant: return {false, false, true, {"identity", "service"}};
    case FaultKind::ttl_change: return {false, false, true, {"ttl", "identity"}};
    case FaultKind::clock_skew: return {true, false, true, {"offset"}};
    case FaultKind::restart: return {false, false, false, {"fleet", "fraction", "spread"}};
    case FaultKind::scale: return {false, false, true, {"fleet", "instances"}};
    case FaultKind::audience_mismatch: return {true, true, true, {}};
    case FaultKind::issuer_mismatch: return {false, false, true, {"service"}};
  }
  return {};
}

std::string kind_names() {
  std::vector<std::string> names;
  for (int i = 0; i < faults::kFaultKindCount; ++i)
    names.emplace_back(faults::to_string(static_cast<FaultKind>(i)));
  return one_of(names);
}

// The number of nodes a selector matches, reporting fields that cannot match anything.
void resolve_selector(Context& c, const Json& s, const std::string& p, const faults::Selector& sel) {
  const std::vector<models::FleetConfig>& fleets = c.world.fleets;
  const std::size_t before = c.check.error_count();
  std::set<std::string> zones;
  std::uint64_t total_nodes = 0;
  for (std::size_t i = 0; i < fleets.size(); ++i) {
    if (!sel.fleet || *sel.fleet == i) zones.insert(fleets[i].zone);
    total_nodes += fleets[i].nodes;
  }
  if (sel.zone && zones.count(*sel.zone) == 0) {
    c.check.fail(child_path(p, "zone"), describe(s["zone"]),
                 "a zone " + std::string(sel.fleet ? "of fleet " + fleets[*sel.fleet].name
                                                   : "some fleet is in") +
                     " (" + join({zones.begin(), zones.end()}) + ")");
  }
  const std::uint64_t span = sel.fleet ? fleets[*sel.fleet].nodes : total_nodes;
  if (sel.nodes && sel.nodes->second >= span) {
    c.check.fail(child_path(p, "nodes"), describe(s["nodes"]),
                 "a node range within " +
                     (sel.fleet ? "fleet " + fleets[*sel.fleet].name + "'s " : std::string("all fleets' ")) +
                     std::to_string(span) + " nodes (0.." + std::to_string(span - 1) + ")");
  }
  if (c.check.error_count() != before) return;
  std::uint64_t matched = 0;
  std::uint64_t offset = 0;
  for (std::size_t i = 0; i < fleets.size(); ++i) {
    const std::uint64_t first = sel.fleet ? 0 : offset;
    offset += fleets[i].nodes;
    if ((sel.fleet && *sel.fleet != i) || (sel.zone && fleets[i].zone != *sel.zone)) continue;
    std::uint64_t low = first, high = first + fleets[i].nodes - 1;
    if (sel.nodes) {
      low = std::max<std::uint64_t>(low, sel.nodes->first);
      high = std::min<std::uint64_t>(high, sel.nodes->second);
    }
    if (low <= high) matched += high - low + 1;
  }
  if (matched == 0) c.check.fail(p, describe(s), "a selector that matches at least one node");
}

void check_selector(Context& c, const Json& e, const std::string& path, bool fleet_only,
                    faults::Selector& out) {
  const Json* s = section(c, e, path, "selector");
  if (s == nullptr) return;
  const std::string p = child_path(path, "selector");
  const std::size_t before = c.check.error_count();
  if (fleet_only) {
    c.check.keys(*s, p, {"fleet"});
  } else {
    c.check.keys(*s, p, {"fleet", "zone", "nodes", "fraction"});
  }
  out.fleet = reference(c, *s, p, "fleet", c.fleets, "fleet", false);
  out.zone = c.check.string(*s, p, "zone");
  if (const Json* nodes = c.check.get(*s, p, "nodes")) {
    const bool ok = nodes->is_array() && nodes->size() == 2 && (*nodes)[0].is_number_unsigned() &&
                    (*nodes)[1].is_number_unsigned() &&
                    (*nodes)[0].get<std::uint64_t>() <= (*nodes)[1].get<std::uint64_t>() &&
                    (*nodes)[1].get<std::uint64_t>() < kInstancesMax;
    if (ok) {
      out.nodes = std::pair{(*nodes)[0].get<std::uint32_t>(), (*nodes)[1].get<std::uint32_t>()};
    } else {
      c.check.fail(child_path(p, "nodes"), describe(*nodes), "[first, last] node indices, first <= last");
    }
  }
  out.fraction = c.check.number(*s, p, "fraction", {0, 1, true, false});
  if (c.check.error_count() == before && c.fleets_ok) resolve_selector(c, *s, p, out);
}

void check_params(Context& c, const Json& e, const std::string& p, const KindShape& sh,
                  faults::FaultSpec& out) {
  Checker& k = c.check;
  auto has = [&](std::string_view name) {
    return std::find(sh.params.begin(), sh.params.end(), name) != sh.params.end();
  };
  if (has("rate_per_s")) Checker::set(out.rate_per_s, k.number(e, p, "rate_per_s", {0, kInf, true}, true));
  if (has("latency")) Checker::set(out.latency, k.duration(e, p, "latency", {1, kRunMax}, true));
  if (has("fraction")) Checker::set(out.fraction, k.number(e, p, "fraction", {0, 1, true, false}));
  if (has("identity")) {
    const bool required = out.kind != FaultKind::ttl_change;
    out.identity = reference(c, e, p, "identity", c.identities, "identity", required);
  }
  if (has("service")) {
    const bool required = out.kind != FaultKind::issuer_mismatch;
    out.service = reference(c, e, p, "service", c.services, "service", required);
  }
  if (has("recreate_after")) Checker::set(out.recreate_after, k.duration(e, p, "recreate_after", {0, kRunMax}));
  if (has("reassign_roles")) Checker::set(out.reassign_roles, k.boolean(e, p, "reassign_roles"));
  if (has("ttl")) Checker::set(out.ttl, k.duration(e, p, "ttl", {sim::minutes(1), 7 * sim::kTicksPerDay}, true));
  if (has("offset")) Checker::set(out.offset, k.duration(e, p, "offset", {0, 0, true}, true));
  if (has("fleet")) {
    if (auto fleet = reference(c, e, p, "fleet", c.fleets, "fleet", true)) out.selector.fleet = fleet;
  }
  if (has("spread")) Checker::set(out.spread, k.duration(e, p, "spread", {0, kRunMax}));
  if (auto v = has("instances") ? k.integer(e, p, "instances", 0, kInstancesMax, true, kInstancesLimit) : std::nullopt)
    out.instances = static_cast<std::uint32_t>(*v);
}

// `at`, `duration` and `spread` against the run's length.
void check_timing(Context& c, const Json& e, const std::string& p, const KindShape& sh,
                  faults::FaultSpec& out) {
  const auto at = c.check.duration(e, p, "at", {0, kRunMax}, true);
  std::optional<sim::Ticks> length;
  if (sh.lasts) length = c.check.duration(e, p, "duration", {1, kRunMax});
  if (!c.duration || !at) return;
  const std::string run = sim::format_duration(*c.duration);
  out.at = *at;
  if (*at >= *c.duration) {
    c.check.fail(child_path(p, "at"), describe(e["at"]),
                 "a time before the end of the run (duration " + run + ")");
    return;
  }
  if (length.has_value()) {
    const sim::Ticks fault_length = length.value();
    out.duration = fault_length;
    if (*at + fault_length > *c.duration) {
      c.check.fail(child_path(p, "duration"), describe(e["duration"]),
                   "a duration of at most " + sim::format_duration(*c.duration - *at) +
                       " (the fault must end by the end of the run, " + run +
                       "; leave duration out to last to the end)");
    }
  }
  if (out.kind == FaultKind::restart && *at + out.spread > *c.duration) {
    c.check.fail(child_path(p, "spread"), describe(e["spread"]),
                 "a spread of at most " + sim::format_duration(*c.duration - *at) + " (the run ends at " + run + ")");
  }
}

void check_fault(Context& c, const Json& e, const std::string& p, std::size_t index,
                 faults::FaultSpec& out) {
  const std::string kinds = kind_names();
  const Json* kind = c.check.get(e, p, "kind", true, kinds);
  if (kind == nullptr) return;
  const auto parsed = kind->is_string() ? faults::parse_fault_kind(kind->get<std::string>()) : std::nullopt;
  if (!parsed) {
    c.check.fail(child_path(p, "kind"), describe(*kind), kinds);
    return;
  }
  out.kind = *parsed;
  const KindShape sh = shape(out.kind);
  std::vector<std::string_view> allowed{"kind", "at", "label"};
  if (sh.lasts) allowed.push_back("duration");
  if (sh.selector) allowed.push_back("selector");
  allowed.insert(allowed.end(), sh.params.begin(), sh.params.end());
  c.check.keys(e, p, allowed);
  out.label = "faults[" + std::to_string(index) + "] " + std::string(faults::to_string(out.kind));
  Checker::set(out.label, c.check.string(e, p, "label"));
  check_params(c, e, p, sh, out);
  check_timing(c, e, p, sh, out);
  if (sh.selector) check_selector(c, e, p, sh.fleet_only, out.selector);
}

}  // namespace

void check_faults(Context& c, std::vector<faults::FaultSpec>& out) {
  const Json* list = c.check.array(c.doc, "", "faults", 0, kFaultsMax, false, kFaultsLimit);
  if (list == nullptr) return;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Json& e = (*list)[i];
    const std::string p = index_path("faults", i);
    faults::FaultSpec& spec = out.emplace_back();
    if (c.check.object(e, p)) check_fault(c, e, p, i, spec);
  }
}

}  // namespace scenarios::detail
