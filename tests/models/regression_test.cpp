// Regressions found by running the game-day library (docs/gamedays.md, "model issues").
#include <gtest/gtest.h>

#include "models/endpoint_flavors.h"
#include "world_fixture.h"

namespace models {
namespace {

// A half-life client behind an endpoint that caches tokens: the cached token comes back with
// less lifetime left, and the client must plan its next refresh from what remains (as MSAL
// does with expires_in), not from iat — else every call after half-life fetches again.
TEST(Regression, HalfLifeClientBehindACachingEndpointDoesNotRefreshOnEveryCall) {
  WorldConfig w = testing::small_world(1, 2, testing::preset("msal-dotnet"));
  w.duration = sim::hours(13);
  w.bucket = sim::hours(1);
  w.sts.token_ttl = sim::hours(24);
  w.endpoint = *find_endpoint_flavor("azure-imds");
  w.fleets[0].warm_start = false;
  World world(w);
  world.run();
  // Refreshes at ~12 h (half of 24 h), then at half of what the cache hands back: a handful
  // of requests per hour at most, never one per call (7200 calls an hour).
  for (std::size_t hour = 0; hour < 13; ++hour)
    EXPECT_LE(world.metrics().fleet_at(0, hour).endpoint_requests, 10u) << "hour " << hour;
  EXPECT_TRUE(world.audit().empty());
}

// Function instances replaced while their calls wait on a fetch that cannot succeed: the
// lost calls are counted once (as no_token), and the audit holds.
TEST(Regression, ReplacingAFunctionInstanceWithWaitingCallsKeepsTheCallLedgerBalanced) {
  WorldConfig w = testing::small_world(5, 1, testing::preset("azure-identity-js"));
  w.duration = sim::hours(1);
  w.fleets[0].instance_lifetime_mean = sim::minutes(10);
  w.fleets[0].warm_start = false;
  World world(w);
  testing::Script script(world);
  script.at(sim::minutes(10), [](World& wo) {
    for (std::uint32_t n = 0; n < 5; ++n) wo.endpoint(n).block();
  });
  script.at(sim::minutes(20), [](World& wo) {
    for (std::uint32_t n = 0; n < 5; ++n) wo.endpoint(n).unblock();
  });
  world.run();
  EXPECT_GT(world.ledger().calls_lost_in_restart, 0u);
  EXPECT_TRUE(world.audit().empty()) << world.audit().front();
}

}  // namespace
}  // namespace models
