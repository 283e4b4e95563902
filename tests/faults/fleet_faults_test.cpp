// Fleet and node faults: restart storms, scale, clock skew.
#include <gtest/gtest.h>

#include "fault_fixture.h"

namespace faults {
namespace {

using models::Outcome;
using testing::fault;
using testing::run_with;
using testing::two_zone_world;

TEST(Restart, Restarting40PercentOfTheFleetColdStartsThatManyClients) {
  FaultSpec restart = fault(FaultKind::restart, sim::minutes(30), 0);
  restart.selector.fleet = 0;
  restart.fraction = 0.4;
  restart.spread = sim::seconds(10);
  const auto run = run_with(two_zone_world("msal-go"), {restart});
  const auto fetches = [](const models::FleetBucket& b) { return b.fetches_started; };
  // 20 clients in fleet a: 8 restart and fetch on their first call. Fleet b shows the normal
  // background of refreshes (20 clients every ~55 min: about 0.4 a minute).
  EXPECT_GE(run.sum(0, 30, 31, fetches), 8u);
  EXPECT_LE(run.sum(0, 30, 31, fetches), 8u + 3u);
  EXPECT_LE(run.sum(1, 30, 31, fetches), 3u);
  EXPECT_EQ(run.share(0, Outcome::ok, 0, 120), 1.0);
}

TEST(Scale, DoublingTheFleetDoublesItsCallsThenShrinksBack) {
  FaultSpec scale = fault(FaultKind::scale, sim::minutes(30), sim::minutes(30));
  scale.selector.fleet = 0;
  scale.instances = 40;
  const auto run = run_with(two_zone_world("msal-go"), {scale});
  const auto calls = [](const models::FleetBucket& b) { return b.calls_total(); };
  const double before = static_cast<double>(run.sum(0, 10, 30, calls));
  const double during = static_cast<double>(run.sum(0, 35, 55, calls));
  const double after = static_cast<double>(run.sum(0, 65, 85, calls));
  EXPECT_NEAR(during / before, 2.0, 0.1);
  EXPECT_NEAR(after / before, 1.0, 0.1);
  // The 20 new instances start cold: each fetches once.
  EXPECT_GE(run.sum(0, 30, 32, [](const models::FleetBucket& b) { return b.fetches_started; }), 20u);
}

TEST(ClockSkew, ANodeClockBehindUsesExpiredTokensAndGets401) {
  FaultSpec skew = fault(FaultKind::clock_skew, sim::minutes(30), sim::minutes(60));
  skew.selector.fleet = 0;
  skew.offset = -sim::hours(2);  // the node believes it is 2 h earlier
  const auto run = run_with(two_zone_world("naive-lazy"), {skew});
  // Tokens held at minute 30 expire within the hour; the client keeps using them past
  // exp + 5 min tolerance, so 401s appear before the skew ends, and none on fleet b.
  EXPECT_GT(run.share(0, Outcome::unauthorized, 80, 90), 0.5);
  EXPECT_EQ(run.share(1, Outcome::unauthorized, 0, 120), 0.0);
  // After the clock is fixed the expired tokens are refreshed.
  EXPECT_EQ(run.share(0, Outcome::ok, 92, 120), 1.0);
}

TEST(ClockSkew, ANodeClockAheadRefreshesOnEveryCall) {
  FaultSpec skew = fault(FaultKind::clock_skew, sim::minutes(30), sim::minutes(20));
  skew.selector.fleet = 0;
  skew.offset = sim::hours(2);  // every token looks expired already
  const auto run = run_with(two_zone_world("naive-lazy"), {skew});
  const auto requests = [](const models::FleetBucket& b) { return b.endpoint_requests; };
  const auto calls = [](const models::FleetBucket& b) { return b.calls_total(); };
  EXPECT_NEAR(static_cast<double>(run.sum(0, 31, 50, requests)) /
                  static_cast<double>(run.sum(0, 31, 50, calls)), 1.0, 0.05);
  EXPECT_LT(run.sum(0, 55, 120, requests), 100u);
}

}  // namespace
}  // namespace faults
