#include "scenarios/explore_draw.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace scenarios {

namespace {

using faults::FaultKind;
using faults::FaultSpec;
using models::WorldConfig;

// A multiple of `step` in [low, high], uniformly, or `low` when no multiple lies within: drawn
// times read as users write them ("1h23m", not "1h22m47.113s").
sim::Ticks draw_ticks(sim::Rng& rng, sim::Ticks low, sim::Ticks high, sim::Ticks step) {
  SIM_ASSERT(step > 0 && low >= 0);
  if (high < low) return low;
  const sim::Ticks first = (low + step - 1) / step;
  const sim::Ticks last = high / step;
  if (first > last) return low;
  return (first + static_cast<sim::Ticks>(rng.below(static_cast<std::uint64_t>(last - first + 1)))) * step;
}

// A multiple of 0.01 in [low, high] (never 0 when low > 0), or `low` when none lies within.
double draw_hundredths(sim::Rng& rng, double low, double high) {
  SIM_ASSERT(low >= 0 && low <= high && high <= 1e7);
  auto first = static_cast<std::int64_t>(std::ceil(low * 100 - 1e-9));
  if (low > 0) first = std::max<std::int64_t>(first, 1);
  const auto last = static_cast<std::int64_t>(std::floor(high * 100 + 1e-9));
  if (first > last) return low;
  const auto k = first + static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(last - first + 1)));
  return static_cast<double>(k) / 100;
}

std::uint32_t pick(sim::Rng& rng, std::size_t count) {
  SIM_ASSERT(count > 0);
  return static_cast<std::uint32_t>(rng.below(count));
}

// All nodes, one zone, one fleet, or a strict part of one fleet (node range), each choice
// offered only when it differs from the ones before it.
faults::Selector draw_selector(const WorldConfig& w, sim::Rng& rng) {
  const std::vector<std::string> zones = world_zones(w);
  std::vector<std::uint32_t> splittable;  // fleets with at least 2 nodes
  for (std::uint32_t f = 0; f < w.fleets.size(); ++f)
    if (w.fleets[f].nodes >= 2) splittable.push_back(f);
  std::vector<int> choices{0};
  if (zones.size() > 1) choices.push_back(1);
  if (w.fleets.size() > 1) choices.push_back(2);
  if (!splittable.empty()) choices.push_back(3);
  faults::Selector s;
  switch (choices[pick(rng, choices.size())]) {
    case 1: s.zone = zones[pick(rng, zones.size())]; break;
    case 2: s.fleet = pick(rng, w.fleets.size()); break;
    case 3: {
      const std::uint32_t fleet = splittable[pick(rng, splittable.size())];
      const std::uint32_t nodes = w.fleets[fleet].nodes;
      const std::uint32_t count = 1 + pick(rng, nodes - 1);  // 1..nodes-1
      const std::uint32_t first = pick(rng, nodes - count + 1);
      s.fleet = fleet;
      s.nodes = std::pair{first, first + count - 1};
      break;
    }
    default: break;
  }
  return s;
}

// Which identity, service or fleet the fault acts on.
void draw_target(const WorldConfig& w, FaultSpec& f, sim::Rng& rng) {
  switch (f.kind) {
    case FaultKind::identity_delete: f.identity = pick(rng, w.identities.size()); break;
    case FaultKind::role_revoke: {
      const models::RoleConfig& r = w.roles[pick(rng, w.roles.size())];
      f.identity = r.identity;
      f.service = r.service;
      break;
    }
    case FaultKind::role_grant: {
      std::set<std::pair<std::uint32_t, std::uint32_t>> held;
      for (const models::RoleConfig& r : w.roles) held.insert({r.identity, r.service});
      std::vector<std::pair<std::uint32_t, std::uint32_t>> missing;
      for (std::uint32_t i = 0; i < w.identities.size(); ++i)
        for (std::uint32_t s = 0; s < w.services.size(); ++s)
          if (held.count({i, s}) == 0) missing.emplace_back(i, s);
      const auto [identity, service] = missing[pick(rng, missing.size())];
      f.identity = identity;
      f.service = service;
      break;
    }
    case FaultKind::ttl_change:
      if (!w.identities.empty() && rng.below(2) == 1) f.identity = pick(rng, w.identities.size());
      break;
    case FaultKind::restart:
    case FaultKind::scale: f.selector.fleet = pick(rng, w.fleets.size()); break;
    case FaultKind::audience_mismatch:
      if (rng.below(2) == 1) f.selector.fleet = pick(rng, w.fleets.size());
      break;
    case FaultKind::issuer_mismatch:
      if (!w.services.empty() && rng.below(2) == 1) f.service = pick(rng, w.services.size());
      break;
    default: break;
  }
}

void draw_strength(const WorldConfig& w, const KindBounds& b, FaultSpec& f, sim::Rng& rng) {
  const KindParams k = kind_params(b.kind);
  if (k.fraction) f.fraction = draw_hundredths(rng, b.fraction_min, b.fraction_max);
  if (k.rate) f.rate_per_s = draw_hundredths(rng, b.rate_min_per_s, b.rate_max_per_s);
  if (k.latency) f.latency = draw_ticks(rng, b.latency_min, b.latency_max, sim::milliseconds(10));
  if (k.offset) {
    const sim::Ticks magnitude = draw_ticks(rng, sim::seconds(1), b.offset_max, sim::seconds(1));
    f.offset = rng.below(2) == 1 ? magnitude : -magnitude;
  }
  if (k.spread) f.spread = draw_ticks(rng, 0, std::min(b.spread_max, w.duration - f.at), sim::seconds(1));
  if (k.scale) {
    const models::FleetConfig& fleet = w.fleets[*f.selector.fleet];
    const double size = static_cast<double>(fleet.nodes) * fleet.instances_per_node;
    const double factor = draw_hundredths(rng, b.scale_min, b.scale_max);
    f.instances = static_cast<std::uint32_t>(std::min(1e7, std::round(factor * size)));
  }
}

FaultSpec draw_fault(const WorldConfig& w, const ExploreBounds& bounds, const KindBounds& b,
                     sim::Rng& rng) {
  const KindParams k = kind_params(b.kind);
  FaultSpec f;
  f.kind = b.kind;
  // Lasting faults must end by the end of the run; every fault must start before it.
  const sim::Ticks shortest = k.lasts ? b.duration_min : sim::seconds(1);
  f.at = draw_ticks(rng, bounds.at_min, std::min(bounds.at_max, w.duration - shortest), bounds.grain);
  if (k.lasts)
    f.duration = draw_ticks(rng, b.duration_min, std::min(b.duration_max, w.duration - f.at), bounds.grain);
  if (k.selects_nodes) f.selector = draw_selector(w, rng);
  draw_target(w, f, rng);
  if (k.ttl) f.ttl = draw_ticks(rng, b.ttl_min, b.ttl_max, bounds.grain);
  if (k.recreate) {
    f.recreate_after = draw_ticks(rng, b.recreate_after_min, b.recreate_after_max, bounds.grain);
    f.reassign_roles = b.reassign_roles;
  }
  draw_strength(w, b, f, rng);
  return f;
}

}  // namespace

std::vector<std::string> world_zones(const WorldConfig& world) {
  std::vector<std::string> zones;
  for (const models::FleetConfig& f : world.fleets)
    if (std::find(zones.begin(), zones.end(), f.zone) == zones.end()) zones.push_back(f.zone);
  return zones;
}

std::vector<FaultSpec> draw_schedule(const WorldConfig& world, const ExploreBounds& bounds,
                                     sim::Rng& rng) {
  SIM_ASSERT(!bounds.kinds.empty() && bounds.faults_max >= 1 && bounds.faults_max <= kExploreFaultsMax);
  // Swarm: each kind is on for this run with probability 1/2 (at least one is).
  std::vector<const KindBounds*> enabled;
  for (const KindBounds& b : bounds.kinds)
    if (rng.below(2) == 1) enabled.push_back(&b);
  if (enabled.empty()) enabled.push_back(&bounds.kinds[pick(rng, bounds.kinds.size())]);
  const std::uint32_t count = 1 + pick(rng, bounds.faults_max);
  std::vector<FaultSpec> schedule;
  for (std::uint32_t i = 0; i < count; ++i)
    schedule.push_back(draw_fault(world, bounds, *enabled[pick(rng, enabled.size())], rng));
  std::stable_sort(schedule.begin(), schedule.end(),
                   [](const FaultSpec& a, const FaultSpec& b) { return a.at < b.at; });
  return schedule;
}

}  // namespace scenarios
