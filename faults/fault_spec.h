#pragma once
// A scripted fault as a scenario describes it (MODEL.md §5), resolved to model indices.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "sim/time.h"

namespace faults {

enum class FaultKind : std::uint8_t {
  imds_block,         // selected endpoints never answer
  imds_throttle,      // selected endpoints' rate limit drops to rate_per_s
  imds_latency,       // + latency at selected endpoints
  sts_outage,         // the STS fails `fraction` of requests with 5xx
  sts_latency,        // + latency on the STS path
  sts_throttle,       // the STS rate limit drops to rate_per_s
  network_partition,  // selected nodes cannot reach the STS
  identity_delete,    // identity deleted; optional recreate_after, reassign_roles
  role_revoke,        // (identity, service) role removed, then propagates
  role_grant,         // (identity, service) role added, then propagates
  ttl_change,         // newly issued tokens get `ttl` (all identities, or `identity`)
  clock_skew,         // selected nodes' clocks jump by `offset`
  restart,            // `fraction` of a fleet's instances restart within `spread`
  scale,              // a fleet grows or shrinks to `instances`
  audience_mismatch,  // the selected fleets' clients ask for the wrong audience
  issuer_mismatch,    // the target `service` (or all) no longer trusts the STS's issuer
};
inline constexpr int kFaultKindCount = 16;

std::string_view to_string(FaultKind kind);
std::optional<FaultKind> parse_fault_kind(std::string_view name);

// Where a fault applies. Every field that is set narrows the set of nodes; none set = all.
struct Selector {
  std::optional<std::uint32_t> fleet;  // fleet index
  std::optional<std::string> zone;     // zone name
  // Node index range [first, last] inclusive, counted within the fleet when `fleet` is set,
  // else over all nodes in fleet order.
  std::optional<std::pair<std::uint32_t, std::uint32_t>> nodes;
  std::optional<double> fraction;  // a seeded random fraction of the nodes left, in (0, 1]
};

struct FaultSpec {
  FaultKind kind = FaultKind::sts_outage;
  std::string label;           // "faults[2] sts_outage" unless the scenario names it
  sim::Ticks at = 0;
  sim::Ticks duration = 0;     // 0 = lasts to the end of the run (one-shot kinds: unused)
  Selector selector;
  double fraction = 1.0;       // sts_outage: failed share; restart: share of instances
  double rate_per_s = 0;       // imds_throttle, sts_throttle
  sim::Ticks latency = 0;      // imds_latency, sts_latency
  sim::Ticks offset = 0;       // clock_skew (may be negative)
  sim::Ticks ttl = 0;          // ttl_change
  sim::Ticks spread = 0;       // restart
  sim::Ticks recreate_after = -1;  // identity_delete: -1 = never recreated
  bool reassign_roles = false;     // identity_delete
  std::optional<std::uint32_t> identity;  // identity_delete, role_*, ttl_change
  std::optional<std::uint32_t> service;   // role_*, issuer_mismatch
  std::uint32_t instances = 0;  // scale: the fleet's new instance count
};

}  // namespace faults
