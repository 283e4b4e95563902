// A role assignment is removed by mistake: how long does the role keep working, and when do
// the 403s start? With an authz cache they start together once the change has propagated and
// the cache has refreshed; with roles in the token, only as each token expires.
#include <gtest/gtest.h>

#include "models/exposure.h"
#include "world_fixture.h"

namespace models {
namespace {

constexpr sim::Ticks kRevokeAt = sim::minutes(30);

WorldConfig revocation_world(bool roles_in_token) {
  ClientPolicy proactive = testing::preset("kubelet");
  proactive.cache = CacheScope::instance;
  WorldConfig w = testing::small_world(10, 2, proactive);
  w.duration = sim::hours(3);
  w.services[0].roles_in_token = roles_in_token;
  w.services[0].authz_cache_ttl = sim::minutes(5);
  w.iam.propagation_delay_s = sim::Distribution::constant(30);
  return w;
}

// The first bucket (minute) with any 403 and the last bucket with any ok call.
std::pair<std::size_t, std::size_t> forbidden_window(const World& world) {
  std::size_t first_403 = SIZE_MAX, last_ok = 0;
  for (std::size_t b = 0; b < world.metrics().bucket_count(); ++b) {
    const FleetBucket& f = world.metrics().fleet_at(0, b);
    if (f.calls[static_cast<std::size_t>(Outcome::forbidden)] > 0 && first_403 == SIZE_MAX)
      first_403 = b;
    if (f.calls[static_cast<std::size_t>(Outcome::ok)] > 0) last_ok = b;
  }
  return {first_403, last_ok};
}

TEST(Revocation, AuthzCacheDeniesEveryoneOncePropagatedAndRefreshed) {
  World world(revocation_world(false));
  testing::Script script(world);
  script.at(kRevokeAt, [](World& w) { w.iam().revoke(0, 0); });
  world.run();
  const auto [first_403, last_ok] = forbidden_window(world);
  // Propagation 30 s, then the next refresh of a 5-minute authz cache (at a multiple of 5 min):
  // the 403s start at 35:00 and the last allowed call falls in minute 34.
  EXPECT_EQ(first_403, 35u);
  EXPECT_EQ(last_ok, 34u);
  const auto exposures = revocation_exposures(world);
  ASSERT_EQ(exposures.size(), 1u);
  EXPECT_EQ(exposures[0].propagated_at, kRevokeAt + sim::seconds(30));
  EXPECT_GT(exposures[0].exposure(), sim::minutes(4));
  EXPECT_LE(exposures[0].exposure(), sim::minutes(5));
}

TEST(Revocation, RolesInTokenKeepWorkingUntilEachTokenExpires) {
  World world(revocation_world(true));
  testing::Script script(world);
  script.at(kRevokeAt, [](World& w) { w.iam().revoke(0, 0); });
  world.run();
  const auto [first_403, last_ok] = forbidden_window(world);
  // kubelet refreshes at 80 % of a 1-hour TTL: tokens issued after the revocation carry no
  // role, so 403s start with the first refresh after it; tokens issued before it still work
  // until they are replaced (at most 48 min) — never beyond their expiry (1 h).
  EXPECT_GT(first_403, 30u);
  EXPECT_GT(last_ok, 60u);
  EXPECT_LE(last_ok, 30u + 60u);
  const auto exposures = revocation_exposures(world);
  ASSERT_EQ(exposures.size(), 1u);
  EXPECT_GT(exposures[0].exposure(), sim::minutes(30));
  EXPECT_LE(exposures[0].exposure(), sim::hours(1));
  // Every call after the last old token is gone is denied.
  const FleetBucket late = world.metrics().fleet_at(0, 100);
  EXPECT_EQ(late.calls[static_cast<std::size_t>(Outcome::ok)], 0u);
  EXPECT_GT(late.calls[static_cast<std::size_t>(Outcome::forbidden)], 0u);
}

TEST(Revocation, RestoringTheRoleEndsTheDenials) {
  World world(revocation_world(false));
  testing::Script script(world);
  script.at(kRevokeAt, [](World& w) { w.iam().revoke(0, 0); });
  script.at(kRevokeAt + sim::minutes(20), [](World& w) { w.iam().grant(0, 0); });
  world.run();
  // Denied from minute 35 until the grant propagates (minute 50.5) and the cache refreshes (55).
  for (std::size_t b = 36; b < 55; ++b)
    EXPECT_EQ(world.metrics().fleet_at(0, b).calls[0], 0u) << "minute " << b;
  for (std::size_t b = 56; b < 120; ++b)
    EXPECT_EQ(world.metrics().fleet_at(0, b).calls[static_cast<std::size_t>(Outcome::forbidden)], 0u)
        << "minute " << b;
}

}  // namespace
}  // namespace models
