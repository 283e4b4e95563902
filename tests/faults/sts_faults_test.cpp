// STS faults: outage (full and partial), latency, throttle, TTL change — and their revert.
#include <gtest/gtest.h>

#include "fault_fixture.h"

namespace faults {
namespace {

using models::Outcome;
using testing::fault;
using testing::run_with;
using testing::two_zone_world;

TEST(StsOutage, FullOutageFailsEveryFetchPerCallClientThenRecovers) {
  const auto run = run_with(two_zone_world("no-cache"),
                            {fault(FaultKind::sts_outage, sim::minutes(30), sim::minutes(20))});
  EXPECT_GT(run.share(0, Outcome::no_token, 31, 50), 0.99);
  EXPECT_GT(run.share(1, Outcome::no_token, 31, 50), 0.99);
  EXPECT_EQ(run.share(0, Outcome::ok, 51, 120), 1.0);
  EXPECT_GT(run.world->metrics().sts_at(40).failed, 0u);
  EXPECT_EQ(run.world->metrics().sts_at(60).failed, 0u);
}

TEST(StsOutage, HalfOutageFailsHalfTheRequests) {
  FaultSpec half = fault(FaultKind::sts_outage, sim::minutes(30), sim::minutes(20));
  half.fraction = 0.5;
  const auto run = run_with(two_zone_world("no-cache"), {half});
  EXPECT_NEAR(run.share(0, Outcome::no_token, 31, 50), 0.5, 0.02);
}

TEST(StsOutage, TwoHalfOutagesOverlappingFailThreeQuarters) {
  FaultSpec first = fault(FaultKind::sts_outage, sim::minutes(30), sim::minutes(20));
  FaultSpec second = fault(FaultKind::sts_outage, sim::minutes(40), sim::minutes(20));
  first.fraction = second.fraction = 0.5;
  const auto run = run_with(two_zone_world("no-cache"), {first, second});
  EXPECT_NEAR(run.share(0, Outcome::no_token, 41, 50), 0.75, 0.03);
  EXPECT_NEAR(run.share(0, Outcome::no_token, 51, 60), 0.5, 0.03);
}

TEST(StsLatency, SlowerStsShowsInFetchLatency) {
  FaultSpec slow = fault(FaultKind::sts_latency, sim::minutes(30), sim::minutes(20));
  slow.latency = sim::milliseconds(500);
  const auto run = run_with(two_zone_world("no-cache"), {slow});
  // The extra latency applies each way: at least 1 s per fetch during the fault.
  EXPECT_GE(run.world->metrics().fleet_at(0, 40).fetch_latency.quantile(0.5), sim::seconds(1));
  EXPECT_LT(run.world->metrics().fleet_at(0, 60).fetch_latency.quantile(0.99), sim::milliseconds(50));
}

TEST(StsThrottle, ThrottledStsAnswers429AboveTheRate) {
  FaultSpec throttle = fault(FaultKind::sts_throttle, sim::minutes(30), sim::minutes(20));
  throttle.rate_per_s = 10;  // 40 instances call 1/s each
  const auto run = run_with(two_zone_world("no-cache"), {throttle});
  const models::StsBucket during = run.world->metrics().sts_at(40);
  EXPECT_NEAR(static_cast<double>(during.issued) / 60.0, 10.0, 0.5);
  EXPECT_GT(during.throttled, 25u * 60u);
  EXPECT_EQ(run.world->metrics().sts_at(60).throttled, 0u);
}

TEST(TtlChange, CuttingTheTtlTo5MinutesMultipliesIssuanceThenReverts) {
  FaultSpec cut = fault(FaultKind::ttl_change, sim::minutes(30), sim::minutes(40));
  cut.ttl = sim::minutes(5);
  const auto run = run_with(two_zone_world("msal-go"), {cut});
  std::uint64_t before = 0, during = 0;
  for (std::size_t m = 10; m < 30; ++m) before += run.world->metrics().sts_at(m).issued;
  for (std::size_t m = 45; m < 65; ++m) during += run.world->metrics().sts_at(m).issued;
  // msal-go with 1-hour tokens refreshes ~every 55 min; with 5-minute tokens it cannot use a
  // token inside its 5-minute buffer, so every call fetches: far more issuance.
  EXPECT_GT(during, 10 * (before + 1));
  // Tokens issued during the change carry the short TTL.
  EXPECT_EQ(run.world->sts().token_ttl_for(0), sim::hours(1));
}

}  // namespace
}  // namespace faults
