// The endpoint flavors reproduce the real endpoints' limits (docs/presets.md).
#include <gtest/gtest.h>

#include "models/endpoint_flavors.h"
#include "world_fixture.h"

namespace models {
namespace {

TEST(EndpointFlavor, EveryNamedFlavorIsFoundUnderItsName) {
  for (const std::string& name : endpoint_flavor_names()) {
    const auto flavor = find_endpoint_flavor(name);
    ASSERT_TRUE(flavor.has_value()) << name;
    EXPECT_EQ(flavor->flavor, name);
  }
  EXPECT_FALSE(find_endpoint_flavor("azure").has_value());
}

// client-behaviors.md does not say whether any real endpoint answers concurrent misses with
// one STS request, so no flavor claims it (docs/models.md, "Endpoint cache and herds").
TEST(EndpointFlavor, NoFlavorCoalescesMisses) {
  for (const std::string& name : endpoint_flavor_names())
    EXPECT_FALSE(find_endpoint_flavor(name)->coalesce_misses) << name;
}

// 50 instances on one VM with no token cache of their own call 2/s each: azure-imds lets
// 20 identity requests per second through and answers the rest 429.
TEST(EndpointFlavor, AzureImdsThrottlesAVmAboveTwentyRequestsPerSecond) {
  WorldConfig w = testing::small_world(1, 50, testing::preset("no-cache"));
  w.duration = sim::minutes(2);
  w.endpoint = *find_endpoint_flavor("azure-imds");
  w.endpoint.latency_ms = sim::Distribution::constant(1);
  w.fleets[0].calls[0].rate_per_s = 2;
  World world(w);
  world.run();
  const FleetBucket total = world.metrics().fleet_total(0);
  const double seconds = 120;
  // ~100 requests/s offered; the 20/s bucket (plus the initial burst) passes ~20/s.
  EXPECT_NEAR(static_cast<double>(total.endpoint_requests - total.endpoint_throttled) / seconds,
              20, 1.0);
  EXPECT_GT(total.endpoint_throttled, 70u * 120u);
}

// The AWS link-local limit drops packets instead of answering: throttled requests time out.
TEST(EndpointFlavor, AwsImdsDropsThrottledRequestsSoClientsTimeOut) {
  WorldConfig w = testing::small_world(1, 200, testing::preset("no-cache"));
  w.duration = sim::minutes(1);
  w.endpoint = *find_endpoint_flavor("aws-imds");
  World world(w);
  world.run();
  const FleetBucket total = world.metrics().fleet_total(0);
  EXPECT_GT(total.endpoint_throttled, 0u);
  EXPECT_GT(total.attempt_timeouts, 0u);
}

}  // namespace
}  // namespace models
