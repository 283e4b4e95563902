#include "models/world.h"

#include <gtest/gtest.h>

#include "world_fixture.h"

namespace models {
namespace {

using testing::calls;
using testing::small_world;

TEST(World, HealthyFleetCallsSucceedAndTheAuditHolds) {
  World world(small_world(10, 5, testing::preset("msal-dotnet")));
  world.run();
  EXPECT_TRUE(world.audit().empty()) << world.audit().front();
  // 50 instances × 1 call/s × 2 h ≈ 360 000 calls, all ok.
  EXPECT_NEAR(calls(world, Outcome::ok), 360'000, 5 * 600);
  EXPECT_EQ(calls(world, Outcome::no_token), 0);
  EXPECT_GT(world.metrics().sts_total().issued, 0u);
}

TEST(World, SameSeedGivesIdenticalMetrics) {
  auto digest = [] {
    World world(small_world(4, 5, testing::preset("botocore")));
    world.run();
    std::vector<std::uint64_t> out;
    for (std::size_t b = 0; b < world.metrics().bucket_count(); ++b) {
      const FleetBucket& f = world.metrics().fleet_at(0, b);
      out.insert(out.end(), f.calls.begin(), f.calls.end());
      out.push_back(f.endpoint_requests);
      out.push_back(f.token_age.quantile(0.5));
      out.push_back(world.metrics().sts_at(b).issued);
    }
    return out;
  };
  EXPECT_EQ(digest(), digest());
}

}  // namespace
}  // namespace models
