// A system-assigned identity is one object per instance, created and deleted with it
// (MODEL.md §2): instances on a node do not share cached tokens, a replaced or added instance
// is a new object whose role assignment the targets learn only after the propagation delay,
// and a fault on the identity reaches every instance's object.
#include <gtest/gtest.h>

#include "world_fixture.h"

namespace models {
namespace {

ClientPolicy kubelet_per_instance() {
  ClientPolicy policy = testing::preset("kubelet");
  policy.cache = CacheScope::instance;
  return policy;
}

WorldConfig system_world(std::uint32_t nodes, std::uint32_t per_node) {
  WorldConfig w = testing::small_world(nodes, per_node, kubelet_per_instance());
  w.identities[0].user_assigned = false;
  return w;
}

double forbidden(const World& world) { return testing::calls(world, Outcome::forbidden); }

TEST(SystemIdentity, EveryInstanceHoldsATokenForItsOwnObject) {
  WorldConfig w = system_world(2, 3);
  w.duration = sim::minutes(10);
  World world(w);
  world.run();
  std::vector<PrincipalIndex> seen;
  for (std::uint32_t c = 0; c < world.client_count(); ++c) {
    const Token& token = world.client(c).token(0);
    ASSERT_TRUE(token.present());
    EXPECT_EQ(token.identity, 0u);
    for (const PrincipalIndex other : seen) EXPECT_NE(token.principal, other);
    seen.push_back(token.principal);
  }
  EXPECT_EQ(world.principals().count(), 6u);
}

TEST(SystemIdentity, AUserIdentityIsOneObjectSharedByTheFleet) {
  WorldConfig w = testing::small_world(2, 3, kubelet_per_instance());
  w.duration = sim::minutes(10);
  World world(w);
  world.run();
  for (std::uint32_t c = 0; c < world.client_count(); ++c)
    EXPECT_EQ(world.client(c).token(0).principal, world.client(0).token(0).principal);
  EXPECT_EQ(world.principals().count(), 1u);
}

// Function instances live 10 minutes on average; each replacement is a new identity object.
// Its role assignment reaches the target 120 s later, and until then its calls are denied: about
// instances × (duration / lifetime) replacements × 120 s × 1 call/s.
WorldConfig churning_functions(bool system, double propagation_s) {
  WorldConfig w = testing::small_world(10, 2, kubelet_per_instance());
  w.identities[0].user_assigned = !system;
  w.fleets[0].instance_lifetime_mean = sim::minutes(10);
  w.services[0].authz_cache_ttl = 0;  // decide from the propagated view directly
  w.iam.propagation_delay_s = sim::Distribution::constant(propagation_s);
  return w;
}

TEST(SystemIdentity, ReplacedFunctionInstanceIsDeniedUntilItsRoleAssignmentPropagates) {
  World world(churning_functions(true, 120));
  world.run();
  const double expected = 20.0 * (120.0 / 10.0) * 120.0 * 1.0;
  EXPECT_GT(forbidden(world), 0.75 * expected);
  EXPECT_LT(forbidden(world), 1.25 * expected);
}

TEST(SystemIdentity, ReplacedInstancesOfAUserIdentityAreNeverDenied) {
  World world(churning_functions(false, 120));
  world.run();
  EXPECT_EQ(forbidden(world), 0);
}

TEST(SystemIdentity, InstantPropagationLeavesNoDenialWindow) {
  World world(churning_functions(true, 0));
  world.run();
  EXPECT_EQ(forbidden(world), 0);
}

TEST(SystemIdentity, TheSameChurnIsDeniedAlikeWithExactAndAggregatedCalls) {
  WorldConfig exact = churning_functions(true, 120);
  exact.exact_calls = true;
  World a(exact);
  a.run();
  World b(churning_functions(true, 120));
  b.run();
  EXPECT_NEAR(forbidden(a) / forbidden(b), 1.0, 0.15);
}

TEST(SystemIdentity, ScaledOutInstancesAreNewObjectsAndScaledInOnesAreDeleted) {
  WorldConfig w = system_world(2, 2);
  w.fleets[0].nodes_capacity = 4;
  w.duration = sim::minutes(30);
  World world(w);
  const PrincipalIndex added = world.principals().of_client(0, 6);
  EXPECT_FALSE(world.iam().exists(added));  // its instance has not started
  testing::Script script(world);
  script.at(sim::minutes(5), [](World& wd) { wd.fleet(0).set_instances(8); });
  script.at(sim::minutes(20), [](World& wd) { wd.fleet(0).set_instances(2); });
  world.run();
  EXPECT_EQ(world.iam().generation(added), 2u);  // created at the scale-out
  EXPECT_FALSE(world.iam().exists(added));       // deleted at the scale-in
  EXPECT_TRUE(world.iam().exists(world.principals().of_client(0, 1)));
  EXPECT_EQ(world.iam().generation(world.principals().of_client(0, 1)), 1u);
}

TEST(SystemIdentity, ARestartedProcessKeepsItsInstancesObject) {
  WorldConfig w = system_world(2, 2);
  w.duration = sim::minutes(30);
  World world(w);
  testing::Script script(world);
  script.at(sim::minutes(5), [](World& wd) { wd.fleet(0).restart(1.0, 0); });
  world.run();
  for (std::uint32_t c = 0; c < 4; ++c)
    EXPECT_EQ(world.iam().generation(world.principals().of_client(0, c)), 1u);
  EXPECT_EQ(forbidden(world), 0);
}

TEST(SystemIdentity, DeletingTheIdentityDeletesEveryInstancesObjectInOneChange) {
  WorldConfig w = system_world(3, 2);
  w.duration = sim::hours(3);
  World world(w);
  testing::Script script(world);
  script.at(sim::minutes(30), [](World& wd) { wd.iam().delete_identity(0); });
  world.run();
  for (std::uint32_t c = 0; c < 6; ++c) EXPECT_FALSE(world.iam().exists(world.principals().of_client(0, c)));
  ASSERT_EQ(world.iam().changes().size(), 1u);
  EXPECT_EQ(world.iam().changes()[0].propagated_at, sim::minutes(30) + sim::seconds(30));
  EXPECT_GT(world.metrics().sts_total().rejected, 0u);
  // Tokens last an hour and refresh at 80 %: two hours later every instance is without one.
  EXPECT_EQ(world.metrics().fleet_at(0, 179).calls[static_cast<std::size_t>(Outcome::ok)], 0u);
}

// Five pods on one node behind a caching metadata endpoint: with a user identity they share the
// endpoint's cached token; with system identities each pod's token is its own STS issuance.
TEST(SystemIdentity, InstancesOnOneNodeDoNotShareTheEndpointCache) {
  auto issued = [](bool system) {
    WorldConfig w = testing::small_world(1, 5, kubelet_per_instance());
    w.identities[0].user_assigned = !system;
    w.endpoint.cache = true;
    w.duration = sim::hours(4);
    World world(w);
    world.run();
    return world.metrics().sts_total().issued;
  };
  const auto shared = issued(false);
  const auto own = issued(true);
  EXPECT_GE(own, 3 * shared) << "user " << shared << ", system " << own;
}

}  // namespace
}  // namespace models
