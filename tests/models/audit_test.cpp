// The end-of-run audit must catch broken accounting: each test breaks one ledger line through
// the ledger seam after an honest run, and expects the audit to name it.
#include <gtest/gtest.h>

#include "world_fixture.h"

namespace models {
namespace {

World& honest_run(World& world) {
  world.run();
  EXPECT_TRUE(world.audit().empty());
  return world;
}

WorldConfig world_config() { return testing::small_world(3, 3, testing::preset("msal-go")); }

TEST(Audit, ACallCountedTwiceIsCaught) {
  World world(world_config());
  honest_run(world).ledger().calls_resolved += 1;
  ASSERT_FALSE(world.audit().empty());
  EXPECT_NE(world.audit().front().find("calls"), std::string::npos);
}

TEST(Audit, ACallNeverResolvedIsCaught) {
  World world(world_config());
  honest_run(world).ledger().calls_started += 1;
  ASSERT_FALSE(world.audit().empty());
}

TEST(Audit, AnExpiredTokenAcceptedIsCaught) {
  World world(world_config());
  honest_run(world).ledger().tokens_accepted_expired = 1;
  ASSERT_EQ(world.audit().size(), 1u);
  EXPECT_NE(world.audit().front().find("exp + tolerance"), std::string::npos);
}

TEST(Audit, OutcomesMissingFromTheMetricsAreCaught) {
  World world(world_config());
  honest_run(world).metrics().fleet(0, 0).calls[0] -= 1;
  ASSERT_FALSE(world.audit().empty());
}

}  // namespace
}  // namespace models
