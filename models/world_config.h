#pragma once
// The world a run simulates, as plain data: the scenario loader fills it, the models read it.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/client_policy.h"
#include "sim/distribution.h"
#include "sim/time.h"

namespace models {

struct CostConfig {
  double per_sts_request = 0;       // issuance: each request that reached the STS
  double per_token_issued = 0;      // issuance: each token issued
  double per_sts_server_hour = 0;   // capacity
  double per_endpoint_node_hour = 0;  // a paid metadata agent or sidecar per node
  double per_failed_call = 0;       // what a failed call costs the business
};

struct AutoscaleConfig {
  bool enabled = false;
  std::uint32_t servers_min = 1;
  std::uint32_t servers_max = 1;
  double target_utilization = 0.6;
  sim::Ticks evaluation_interval = sim::minutes(1);
  sim::Ticks scale_up_delay = sim::minutes(3);  // a new server serves only after this
};

struct StsConfig {
  std::uint32_t servers = 4;
  AutoscaleConfig autoscale;
  sim::Distribution service_time_ms = sim::Distribution::lognormal_p50_p99(20, 120);
  sim::Distribution network_latency_ms = sim::Distribution::constant(2);  // endpoint ↔ STS, one way
  std::uint32_t queue_max = 10'000;      // full → 503
  double rate_limit_per_s = 0;           // 0 = unlimited; token bucket → 429
  double rate_burst = 0;                 // bucket size (0 = one second of rate)
  sim::Ticks token_ttl = sim::hours(1);
};

struct EndpointConfig {
  std::string flavor = "generic";
  sim::Distribution latency_ms = sim::Distribution::lognormal_p50_p99(1, 10);
  double rate_limit_per_s = 0;     // per node; 0 = unlimited → 429
  double rate_burst = 0;
  std::uint32_t concurrency_max = 0;  // per node; 0 = unlimited → 429
  bool throttle_drops = false;      // over the limit: dropped unanswered (AWS link-local), not 429
  bool cache = false;               // the endpoint keeps its own token cache per identity+audience
  sim::Ticks cache_lead = sim::minutes(5);  // served from cache until exp − cache_lead
  // With cache: one STS request in flight per identity+audience; concurrent misses wait for
  // its reply (single flight at the node agent). Off by default and in every flavor: the
  // reference does not say whether the real endpoints do it (docs/models.md).
  bool coalesce_misses = false;
};

struct IdentityConfig {
  std::string name;
  bool user_assigned = true;  // false: system-assigned (lives with its instance)
  std::optional<sim::Ticks> token_ttl;  // overrides the STS default
};

struct RoleConfig {
  std::uint32_t identity = 0;
  std::uint32_t service = 0;
  std::string role = "reader";
};

struct IamConfig {
  sim::Distribution propagation_delay_s = sim::Distribution::lognormal_p50_p99(30, 300);
};

struct ServiceConfig {
  std::string name;
  sim::Ticks authz_cache_ttl = sim::minutes(5);
  sim::Ticks skew_tolerance = sim::minutes(5);
  bool roles_in_token = false;
  bool check_identity_exists = false;
};

struct CallConfig {
  std::uint32_t service = 0;
  double rate_per_s = 1;  // per instance
};

struct FleetConfig {
  std::string name;
  std::uint32_t nodes = 1;
  std::uint32_t instances_per_node = 1;
  // Nodes built for the run (≥ nodes): a `scale` fault may grow the fleet up to this.
  // 0 = nodes. Extra nodes start inactive.
  std::uint32_t nodes_capacity = 0;
  std::string zone = "zone-a";
  std::uint32_t identity = 0;
  std::vector<CallConfig> calls;
  // Multiplier of every call rate per hour of the (simulated) day; empty = flat.
  std::vector<double> daily_profile;
  ClientPolicy client;
  // true: at t = 0 each client holds a token of uniformly random age within its refresh
  // interval (steady state); false: every instance starts cold at t = 0.
  bool warm_start = true;
  // Functions: each instance lives an exponential time with this mean, then a new one starts
  // cold. 0 = instances live for the whole run.
  sim::Ticks instance_lifetime_mean = 0;
  sim::Ticks clock_skew = 0;  // of every node of the fleet (faults add more)
};

struct WorldConfig {
  std::string name = "world";
  std::uint64_t seed = 1;
  sim::Ticks duration = sim::hours(1);
  sim::Ticks bucket = sim::minutes(1);
  StsConfig sts;
  EndpointConfig endpoint;
  IamConfig iam;
  std::vector<IdentityConfig> identities;
  std::vector<RoleConfig> roles;
  std::vector<ServiceConfig> services;
  std::vector<FleetConfig> fleets;
  CostConfig cost;
  // true: every call is an event (--exact-calls); false: calls that find a valid token and
  // change nothing are counted in aggregate (MODEL.md §9, docs/models.md).
  bool exact_calls = false;
};

}  // namespace models
