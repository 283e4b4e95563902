// Validator section for `explore` (docs/explore.md): the bounds `idsim explore` draws fault
// schedules within. Every bound is checked against the run and the world here, so a drawn
// schedule always loads.
#include <set>

#include "scenarios/validate.h"

namespace scenarios::detail {
namespace {

using faults::FaultKind;
constexpr double kInf = std::numeric_limits<double>::infinity();

// Reports `low_key` > `high_key` at `path`.
template <typename T>
void check_order(Context& c, const std::string& path, std::string_view low_key, T low,
                 std::string_view high_key, T high, const std::string& low_text,
                 const std::string& high_text) {
  if (low <= high) return;
  c.check.fail(path, std::string(low_key) + " " + low_text + " > " + std::string(high_key) + " " + high_text,
               std::string(low_key) + " <= " + std::string(high_key));
}

void check_duration_pair(Context& c, const Json& s, const std::string& p, std::string_view low_key,
                         std::string_view high_key, DurationRange range, sim::Ticks& low,
                         sim::Ticks& high) {
  Checker::set(low, c.check.duration(s, p, low_key, range));
  Checker::set(high, c.check.duration(s, p, high_key, range));
  check_order(c, p, low_key, low, high_key, high, sim::format_duration(low), sim::format_duration(high));
}

void check_number_pair(Context& c, const Json& s, const std::string& p, std::string_view low_key,
                       std::string_view high_key, NumberRange range, double& low, double& high) {
  Checker::set(low, c.check.number(s, p, low_key, range));
  Checker::set(high, c.check.number(s, p, high_key, range));
  check_order(c, p, low_key, low, high_key, high, Json(low).dump(), Json(high).dump());
}

std::vector<std::string_view> allowed_keys(const KindParams& k) {
  std::vector<std::string_view> keys;
  if (k.lasts) keys.insert(keys.end(), {"duration_min", "duration_max"});
  if (k.fraction) keys.insert(keys.end(), {"fraction_min", "fraction_max"});
  if (k.rate) keys.insert(keys.end(), {"rate_min_per_s", "rate_max_per_s"});
  if (k.latency) keys.insert(keys.end(), {"latency_min", "latency_max"});
  if (k.offset) keys.push_back("offset_max");
  if (k.ttl) keys.insert(keys.end(), {"ttl_min", "ttl_max"});
  if (k.spread) keys.push_back("spread_max");
  if (k.recreate) keys.insert(keys.end(), {"recreate_after_min", "recreate_after_max", "reassign_roles"});
  if (k.scale) keys.insert(keys.end(), {"scale_min", "scale_max"});
  return keys;
}

void check_kind_values(Context& c, const Json& s, const std::string& p, KindBounds& b) {
  const KindParams k = kind_params(b.kind);
  c.check.keys(s, p, allowed_keys(k));
  if (k.lasts)
    check_duration_pair(c, s, p, "duration_min", "duration_max", {sim::seconds(1), kRunMax},
                        b.duration_min, b.duration_max);
  if (k.fraction)
    check_number_pair(c, s, p, "fraction_min", "fraction_max", {0, 1, true, false}, b.fraction_min, b.fraction_max);
  if (k.rate)
    check_number_pair(c, s, p, "rate_min_per_s", "rate_max_per_s", {0, kInf, true}, b.rate_min_per_s,
                      b.rate_max_per_s);
  if (k.latency)
    check_duration_pair(c, s, p, "latency_min", "latency_max", {sim::milliseconds(1), sim::hours(1)},
                        b.latency_min, b.latency_max);
  if (k.offset) Checker::set(b.offset_max, c.check.duration(s, p, "offset_max", {sim::seconds(1), sim::kTicksPerDay}));
  if (k.ttl)
    check_duration_pair(c, s, p, "ttl_min", "ttl_max", {sim::minutes(1), 7 * sim::kTicksPerDay}, b.ttl_min, b.ttl_max);
  if (k.spread) Checker::set(b.spread_max, c.check.duration(s, p, "spread_max", {0, sim::kTicksPerDay}));
  if (k.recreate) {
    check_duration_pair(c, s, p, "recreate_after_min", "recreate_after_max", {0, kRunMax},
                        b.recreate_after_min, b.recreate_after_max);
    Checker::set(b.reassign_roles, c.check.boolean(s, p, "reassign_roles"));
  }
  if (k.scale) check_number_pair(c, s, p, "scale_min", "scale_max", {0, 100}, b.scale_min, b.scale_max);
}

// A role that is not assigned yet (what role_grant can grant).
bool some_role_missing(const models::WorldConfig& w) {
  std::set<std::pair<std::uint32_t, std::uint32_t>> held;
  for (const models::RoleConfig& r : w.roles) held.insert({r.identity, r.service});
  return held.size() < w.identities.size() * w.services.size();
}

// What the world must hold for a kind to have something to act on.
void check_kind_world(Context& c, const std::string& p, FaultKind kind) {
  const models::WorldConfig& w = c.world;
  std::string missing;
  if (kind == FaultKind::identity_delete && w.identities.empty()) missing = "an identity to delete";
  if (kind == FaultKind::role_revoke && w.roles.empty()) missing = "a role to revoke";
  if (kind == FaultKind::role_grant && !some_role_missing(w)) missing = "an identity-service pair without a role";
  if (missing.empty()) return;
  c.check.fail(p, "\"" + std::string(faults::to_string(kind)) + "\"",
               "a kind this world can apply (it needs " + missing + ")");
}

void check_kind_timing(Context& c, const std::string& p, const ExploreBounds& e, const KindBounds& b) {
  if (!c.duration || !kind_params(b.kind).lasts || e.at_min + b.duration_min <= *c.duration) return;
  c.check.fail(child_path(p, "duration_min"), sim::format_duration(b.duration_min),
               "a duration that fits between at_min (" + sim::format_duration(e.at_min) +
                   ") and the end of the run (" + sim::format_duration(*c.duration) + ")");
}

void check_kinds(Context& c, const Json& s, ExploreBounds& e, sim::Ticks duration_min,
                 sim::Ticks duration_max) {
  const Json* kinds = section(c, s, "explore", "kinds");
  if (kinds == nullptr) {
    if (!s.contains("kinds"))
      for (const FaultKind kind : default_explore_kinds())
        e.kinds.push_back(default_kind_bounds(kind, duration_min, duration_max));
    return;
  }
  if (kinds->empty()) c.check.fail("explore.kinds", "{}", "at least one fault kind");
  std::vector<std::string> names;
  for (int i = 0; i < faults::kFaultKindCount; ++i) names.emplace_back(faults::to_string(static_cast<FaultKind>(i)));
  for (int i = 0; i < faults::kFaultKindCount; ++i) {  // FaultKind order: the draw order
    const auto kind = static_cast<FaultKind>(i);
    const std::string name(faults::to_string(kind));
    if (!kinds->contains(name)) continue;
    const std::string p = child_path("explore.kinds", name);
    KindBounds b = default_kind_bounds(kind, duration_min, duration_max);
    if (c.check.object((*kinds)[name], p)) check_kind_values(c, (*kinds)[name], p, b);
    check_kind_world(c, p, kind);
    check_kind_timing(c, p, e, b);
    e.kinds.push_back(b);
  }
  for (const auto& [key, value] : kinds->items())
    if (!faults::parse_fault_kind(key)) c.check.fail(child_path("explore.kinds", key), "\"" + key + "\"", one_of(names));
}

// With keep_faults the runs hold the scenario's faults and the drawn ones, and the loader
// must accept that many: a drawn schedule that does not load would be an idsim bug (exit 3).
void check_total_faults(Context& c, const ExploreBounds& e) {
  const Json* faults = c.doc.contains("faults") ? &c.doc["faults"] : nullptr;
  const std::size_t kept = faults != nullptr && faults->is_array() ? faults->size() : 0;
  if (!e.keep_faults || kept + e.faults_max <= kFaultsMax) return;
  c.check.fail("explore.faults_max", std::to_string(e.faults_max) + " (after the scenario's " +
                                         std::to_string(kept) + " kept faults: " +
                                         std::to_string(kept + e.faults_max) + " in all)",
               "at most " + std::to_string(kFaultsMax) + " faults in all, kept and drawn (" +
                   std::string(kFaultsLimit) + ")");
}

}  // namespace

void check_explore(Context& c, std::optional<ExploreBounds>& out) {
  const Json* s = section(c, c.doc, "", "explore");
  if (s == nullptr) return;
  Checker& k = c.check;
  k.keys(*s, "explore",
         {"faults_max", "at_min", "at_max", "grain", "duration_min", "duration_max", "kinds", "keep_faults"});
  ExploreBounds e;
  if (auto n = k.integer(*s, "explore", "faults_max", 1, kExploreFaultsMax)) e.faults_max = static_cast<std::uint32_t>(*n);
  Checker::set(e.keep_faults, k.boolean(*s, "explore", "keep_faults"));
  check_total_faults(c, e);
  Checker::set(e.grain, k.duration(*s, "explore", "grain", {sim::seconds(1), sim::kTicksPerDay}));
  e.at_max = c.duration.value_or(sim::hours(1));
  check_duration_pair(c, *s, "explore", "at_min", "at_max", {0, kRunMax}, e.at_min, e.at_max);
  if (c.duration && e.at_max > *c.duration)
    k.fail("explore.at_max", sim::format_duration(e.at_max),
           "a time within the run (duration " + sim::format_duration(*c.duration) + ")");
  if (c.duration && e.at_min >= *c.duration)
    k.fail("explore.at_min", sim::format_duration(e.at_min),
           "a time before the end of the run (duration " + sim::format_duration(*c.duration) + ")");
  sim::Ticks duration_min = sim::minutes(1), duration_max = sim::minutes(30);
  check_duration_pair(c, *s, "explore", "duration_min", "duration_max", {sim::seconds(1), kRunMax},
                      duration_min, duration_max);
  check_kinds(c, *s, e, duration_min, duration_max);
  out = std::move(e);
}

}  // namespace scenarios::detail
