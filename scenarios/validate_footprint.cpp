// What the world of a valid scenario would hold and how many call events it would run,
// estimated before anything is built, so that a scenario too big for memory or time is refused
// with the limit it hits rather than killed by the OOM killer or run for days.
#include <algorithm>
#include <cstdio>
#include <set>

#include "faults/injector.h"
#include "models/metadata_endpoint.h"
#include "models/metrics.h"
#include "models/principals.h"
#include "scenarios/validate.h"
#include "sim/simulator.h"

namespace scenarios::detail {

namespace {

// Bytes per item, measured with /usr/bin/time on 10^6-instance worlds (docs/reliability.md):
// a node with its metadata endpoint, a client, a token cache entry with its share of the event
// queue (a pending refresh, the radix heap's spare capacity), a target's view of one identity.
constexpr double kBytesBase = 16 << 20;
constexpr double kBytesPerNode = 330;
constexpr double kBytesPerClient = 140;
constexpr double kBytesPerEntry = 170;
constexpr double kBytesPerAuthzCell = 48;

struct Footprint {
  std::uint64_t nodes = 0, clients = 0, entries = 0, lifetime_clients = 0;
  std::uint64_t cells = 0, authz_cells = 0, pending_events = 0, principals = 0;
  double bytes = 0, call_events = 0;
};

Footprint estimate(const Context& c, const std::vector<faults::FaultSpec>& faults) {
  models::WorldConfig world = c.world;
  faults::reserve_capacity(world, faults);  // scale faults: the most the fleets can have
  Footprint f;
  const double duration_s = sim::to_seconds(*c.duration);
  for (const models::FleetConfig& fleet : world.fleets) {
    const std::uint64_t nodes = std::max(fleet.nodes_capacity, fleet.nodes);
    const std::uint64_t instances = nodes * fleet.instances_per_node;
    const std::uint64_t clients = fleet.client.cache == models::CacheScope::node ? nodes : instances;
    f.nodes += nodes;
    f.clients += clients;
    f.entries += clients * fleet.calls.size();
    if (fleet.instance_lifetime_mean > 0) f.lifetime_clients += clients;
    double rate = 0;
    for (const models::CallConfig& call : fleet.calls) rate += call.rate_per_s;
    double profile_max = 1;
    for (const double m : fleet.daily_profile) profile_max = std::max(profile_max, m);
    f.call_events += static_cast<double>(instances) * rate * profile_max * duration_s;
  }
  const auto bucket = static_cast<std::uint64_t>(world.bucket);
  f.cells = world.fleets.size() * ((static_cast<std::uint64_t>(*c.duration) + bucket - 1) / bucket);
  f.principals = models::Principals::count_for(world);
  f.authz_cells = std::uint64_t{world.services.size()} * f.principals;
  // About two per cache entry (a refresh or retry timer, a request in flight), one per
  // instance lifetime, a few per fleet, service, identity and fault.
  f.pending_events = 2 * f.entries + f.lifetime_clients + world.fleets.size() +
                     world.services.size() + world.identities.size() + 2 * faults.size() + 1024;
  f.bytes = kBytesBase + kBytesPerNode * static_cast<double>(f.nodes) +
            kBytesPerClient * static_cast<double>(f.clients) +
            kBytesPerEntry * static_cast<double>(f.entries) +
            static_cast<double>(sizeof(models::FleetBucket) * f.cells) +
            kBytesPerAuthzCell * static_cast<double>(f.authz_cells);
  return f;
}

std::string str(std::uint64_t n) { return std::to_string(n); }

std::string gib(double bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f GiB", bytes / static_cast<double>(1 << 30));
  return text;
}

// A node's endpoint cache holds one key per principal and audience its fleet asks for, and one
// per principal for a wrong audience (the audience_mismatch fault). A system identity has a
// principal per instance (models/principals.h).
// A user identity always fits: only system identities' per-instance principals can fill a cache.
static_assert(kCallsPerFleetMax + 1 <= models::MetadataEndpoint::kCacheKeysMax);
void check_endpoint_cache_keys(Context& c) {
  if (!c.world.endpoint.cache) return;
  for (std::size_t i = 0; i < c.world.fleets.size(); ++i) {
    const models::FleetConfig& fleet = c.world.fleets[i];
    std::set<std::uint32_t> services;
    for (const models::CallConfig& call : fleet.calls) services.insert(call.service);
    const bool per_instance = fleet.identity < c.world.identities.size() &&
                              !c.world.identities[fleet.identity].user_assigned &&
                              fleet.client.cache != models::CacheScope::node;
    const std::uint64_t principals = per_instance ? fleet.instances_per_node : 1;
    const std::uint64_t keys = principals * (services.size() + 1);
    if (keys <= models::MetadataEndpoint::kCacheKeysMax) continue;
    c.check.fail(index_path("fleets", i),
                 str(keys) + " token cache keys per node with the metadata endpoint's cache on (" +
                     str(principals) + (per_instance ? " system identities, one per instance" : " identity") +
                     " × (" + str(services.size()) + " distinct services + 1 for a wrong audience))",
                 "at most " + str(models::MetadataEndpoint::kCacheKeysMax) +
                     " (limit models::MetadataEndpoint::kCacheKeysMax): fewer services or instances "
                     "per node, a user identity, or \"metadata\": {\"cache\": false}");
  }
}

}  // namespace

void check_footprint(Context& c, const std::vector<faults::FaultSpec>& faults) {
  if (!c.duration || !c.fleets_ok || c.check.error_count() != 0) return;
  check_endpoint_cache_keys(c);
  const Footprint f = estimate(c, faults);
  if (f.authz_cells > kAuthzCellsMax)
    c.check.fail("services",
                 str(c.world.services.size()) + " services × " + str(f.principals) +
                     " identity objects (one per user identity, one per instance of a system "
                     "identity) = " + str(f.authz_cells) + " authorization views",
                 "at most " + str(kAuthzCellsMax) + " (limit kAuthzCellsMax, scenarios/validate.h: "
                 "every service keeps a view of every identity object; simulate the ones that "
                 "matter, or use a user identity)");
  if (f.principals > models::Principals::kPrincipalsMax)
    c.check.fail("identities",
                 str(f.principals) + " identity objects (one per instance of a system identity)",
                 "at most " + str(models::Principals::kPrincipalsMax) +
                     " (limit models::Principals::kPrincipalsMax): fewer instances with a system "
                     "identity, or a user identity");
  const std::size_t pending_max = sim::SimulatorOptions{}.pending_events_max;
  if (f.pending_events > pending_max)
    c.check.fail("fleets",
                 "about " + str(f.pending_events) + " pending events (2 per token cache entry: " +
                     str(f.entries) + " entries, one per client and call; plus " +
                     str(f.lifetime_clients) + " instance lifetimes)",
                 "at most " + str(pending_max) + " pending events (the kernel's limit, "
                 "sim::SimulatorOptions::pending_events_max): fewer instances or call entries, or "
                 "\"cache\": \"node\"");
  if (f.bytes > static_cast<double>(kMemoryBytesMax))
    c.check.fail("fleets",
                 "an estimated " + gib(f.bytes) + " of memory (" + str(f.nodes) + " nodes, " +
                     str(f.clients) + " clients, " + str(f.entries) + " token cache entries, " +
                     str(f.cells) + " report cells, " + str(f.authz_cells) + " authorization views)",
                 "at most " + gib(static_cast<double>(kMemoryBytesMax)) +
                     " (limit kMemoryBytesMax, scenarios/validate.h: fewer instances, nodes or call "
                     "entries, or a coarser bucket)");
  // Aggregated calls (the default) are not events: only exact mode pays one per call.
  if (c.world.exact_calls && f.call_events > kCallEventsMax) {
    char found[96];
    std::snprintf(found, sizeof found, "about %.3g calls, one event each", f.call_events);
    c.check.fail("fleets", found,
                 "at most 1e10 calls per run, ten minutes or more of simulation (limit "
                 "kCallEventsMax, scenarios/validate.h: drop exact_calls / --exact-calls, or a shorter "
                 "duration, fewer instances or lower call rates)");
  }
}

}  // namespace scenarios::detail
