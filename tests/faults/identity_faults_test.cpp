// Identity and role faults: delete (with and without recreation and role re-assignment),
// revoke, grant, audience and issuer mismatch.
#include <gtest/gtest.h>

#include "fault_fixture.h"

namespace faults {
namespace {

using models::Outcome;
using testing::fault;
using testing::run_with;
using testing::two_zone_world;

FaultSpec delete_identity(sim::Ticks recreate_after, bool reassign) {
  FaultSpec d = fault(FaultKind::identity_delete, sim::minutes(30), 0);
  d.identity = 0;
  d.recreate_after = recreate_after;
  d.reassign_roles = reassign;
  return d;
}

TEST(IdentityDelete, TheStsRefusesNewTokensAtOnce) {
  const auto run = run_with(two_zone_world("no-cache"), {delete_identity(-1, false)});
  EXPECT_GT(run.world->metrics().sts_at(40).rejected, 0u);
  EXPECT_EQ(run.world->metrics().sts_at(40).issued, 0u);
  EXPECT_GT(run.share(0, Outcome::no_token, 31, 120), 0.99);
}

TEST(IdentityDelete, RecreatedWithoutRolesGets403UntilTheEnd) {
  const auto run = run_with(two_zone_world("no-cache"), {delete_identity(sim::minutes(15), false)});
  // Recreated at minute 45: a new object with no role assignment.
  EXPECT_GT(run.share(0, Outcome::forbidden, 52, 120), 0.99);
}

TEST(IdentityDelete, RecreatedWithRolesReassignedWorksAgainOncePropagated) {
  const auto run = run_with(two_zone_world("no-cache"), {delete_identity(sim::minutes(15), true)});
  // Propagation 30 s plus up to a 5-minute authz cache: working again from minute 51.
  EXPECT_EQ(run.share(0, Outcome::ok, 52, 120), 1.0);
}

TEST(RoleRevoke, RevokedRoleGives403ThenTheRevertRestoresIt) {
  FaultSpec revoke = fault(FaultKind::role_revoke, sim::minutes(30), sim::minutes(30));
  revoke.identity = 0;
  revoke.service = 0;
  const auto run = run_with(two_zone_world("msal-go"), {revoke});
  EXPECT_EQ(run.share(0, Outcome::forbidden, 36, 60), 1.0);
  EXPECT_EQ(run.share(0, Outcome::ok, 66, 120), 1.0);
}

TEST(RoleGrant, GrantingAMissingRoleEndsThe403s) {
  models::WorldConfig w = two_zone_world("msal-go");
  w.roles.clear();
  FaultSpec grant = fault(FaultKind::role_grant, sim::minutes(30), 0);
  grant.identity = 0;
  grant.service = 0;
  const auto run = run_with(w, {grant});
  EXPECT_EQ(run.share(0, Outcome::forbidden, 0, 30), 1.0);
  EXPECT_EQ(run.share(0, Outcome::ok, 36, 120), 1.0);
}

TEST(AudienceMismatch, WrongAudienceGives401ForThatFleetOnly) {
  FaultSpec wrong = fault(FaultKind::audience_mismatch, sim::minutes(30), sim::minutes(20));
  wrong.selector.fleet = 0;
  const auto run = run_with(two_zone_world("no-cache"), {wrong});
  EXPECT_GT(run.share(0, Outcome::unauthorized, 31, 50), 0.99);
  EXPECT_EQ(run.share(1, Outcome::unauthorized, 0, 120), 0.0);
  EXPECT_EQ(run.share(0, Outcome::ok, 51, 120), 1.0);
}

TEST(IssuerMismatch, BrokenFederationTrustGives401EverywhereThenRecovers) {
  const auto run = run_with(two_zone_world("msal-go"),
                            {fault(FaultKind::issuer_mismatch, sim::minutes(30), sim::minutes(20))});
  EXPECT_EQ(run.share(0, Outcome::unauthorized, 30, 50), 1.0);
  EXPECT_EQ(run.share(1, Outcome::unauthorized, 30, 50), 1.0);
  EXPECT_EQ(run.share(0, Outcome::ok, 50, 120), 1.0);
}

}  // namespace
}  // namespace faults
