// Metadata-endpoint faults: block, throttle, latency, partition — each shows its effect on the
// selected nodes only, and reverts.
#include <gtest/gtest.h>

#include "fault_fixture.h"

namespace faults {
namespace {

using testing::fault;
using testing::run_with;
using testing::two_zone_world;
using models::Outcome;

// Clients that fetch on every call make an endpoint fault visible on the very next call.
TEST(ImdsBlock, ZoneABlockedFor20MinutesFailsZoneAOnlyThenRecovers) {
  FaultSpec block = fault(FaultKind::imds_block, sim::minutes(30), sim::minutes(20));
  block.selector.zone = "zone-a";
  const auto run = run_with(two_zone_world("no-cache"), {block});
  EXPECT_GT(run.share(0, Outcome::no_token, 31, 50), 0.99);
  EXPECT_EQ(run.share(1, Outcome::no_token, 31, 50), 0.0);
  EXPECT_EQ(run.share(0, Outcome::ok, 51, 120), 1.0);
  EXPECT_GT(run.sum(0, 31, 50, [](const models::FleetBucket& b) { return b.endpoint_unanswered; }), 0u);
}

TEST(ImdsBlock, TwoOverlappingBlocksEndWhenBothHaveEnded) {
  FaultSpec first = fault(FaultKind::imds_block, sim::minutes(10), sim::minutes(20));
  FaultSpec second = fault(FaultKind::imds_block, sim::minutes(20), sim::minutes(20));
  first.selector.fleet = second.selector.fleet = 0;
  const auto run = run_with(two_zone_world("no-cache"), {first, second});
  EXPECT_GT(run.share(0, Outcome::no_token, 31, 40), 0.99);  // first ended, second still on
  EXPECT_EQ(run.share(0, Outcome::ok, 41, 120), 1.0);
}

TEST(ImdsThrottle, ThrottledNodesAnswer429ThenRecover) {
  FaultSpec throttle = fault(FaultKind::imds_throttle, sim::minutes(30), sim::minutes(20));
  throttle.selector.fleet = 0;
  throttle.rate_per_s = 1;  // 5 instances per node call 1/s each
  const auto run = run_with(two_zone_world("no-cache"), {throttle});
  const auto throttled = [](const models::FleetBucket& b) { return b.endpoint_throttled; };
  EXPECT_GT(run.sum(0, 31, 50, throttled), 4u * 19u * 60u * 3u);
  EXPECT_EQ(run.sum(1, 0, 120, throttled), 0u);
  EXPECT_EQ(run.sum(0, 51, 120, throttled), 0u);
}

TEST(ImdsLatency, AddedLatencyShowsInFetchLatencyThenGoes) {
  FaultSpec slow = fault(FaultKind::imds_latency, sim::minutes(30), sim::minutes(20));
  slow.selector.fleet = 0;
  slow.latency = sim::seconds(2);
  const auto run = run_with(two_zone_world("no-cache"), {slow});
  EXPECT_GE(run.world->metrics().fleet_at(0, 40).fetch_latency.quantile(0.5), sim::seconds(2));
  EXPECT_LT(run.world->metrics().fleet_at(0, 60).fetch_latency.quantile(0.99), sim::milliseconds(50));
  EXPECT_LT(run.world->metrics().fleet_at(1, 40).fetch_latency.quantile(0.99), sim::milliseconds(50));
}

TEST(NetworkPartition, PartitionedNodesCannotReachTheStsThenHeal) {
  FaultSpec cut = fault(FaultKind::network_partition, sim::minutes(30), sim::minutes(20));
  cut.selector.fleet = 0;
  cut.selector.nodes = std::pair<std::uint32_t, std::uint32_t>{0, 1};  // half the fleet
  const auto run = run_with(two_zone_world("no-cache"), {cut});
  EXPECT_NEAR(run.share(0, Outcome::no_token, 31, 50), 0.5, 0.05);
  EXPECT_EQ(run.share(1, Outcome::no_token, 31, 50), 0.0);
  EXPECT_EQ(run.share(0, Outcome::ok, 51, 120), 1.0);
  EXPECT_EQ(run.injector->windows()[0].nodes, 2u);
}

TEST(Selector, SeededFractionPicksThatShareOfNodesTheSameWayEachTime) {
  FaultSpec block = fault(FaultKind::imds_block, sim::minutes(30), sim::minutes(20));
  block.selector.fraction = 0.25;  // 2 of the 8 nodes
  const auto first = run_with(two_zone_world("no-cache"), {block});
  const auto second = run_with(two_zone_world("no-cache"), {block});
  EXPECT_EQ(first.injector->windows()[0].nodes, 2u);
  const double failed = (first.share(0, Outcome::no_token, 31, 50) +
                         first.share(1, Outcome::no_token, 31, 50)) / 2;
  EXPECT_NEAR(failed, 0.25, 0.03);
  EXPECT_EQ(first.share(0, Outcome::no_token, 31, 50), second.share(0, Outcome::no_token, 31, 50));
}

}  // namespace
}  // namespace faults
