// STS autoscaling (MODEL.md §2): a fleet without a token cache sends every call to the STS, so
// the STS load follows the fleet's size. Grow the fleet fivefold for half an hour: the STS
// grows from its minimum within one evaluation interval plus the scale-up delay — in steps,
// since saturated servers measure a utilization of at most 1, so one evaluation can ask for at
// most 1/target times the servers it has — never beyond its maximum, and shrinks back once
// the load is gone.
#include <gtest/gtest.h>

#include <map>

#include "models/world.h"
#include "world_fixture.h"

namespace models {
namespace {

using testing::Script;

WorldConfig autoscaled_world() {
  WorldConfig w = testing::small_world(10, 10, testing::preset("no-cache"));
  w.duration = sim::minutes(90);
  w.fleets[0].nodes_capacity = 50;
  w.fleets[0].calls[0].rate_per_s = 1.5;  // 100 instances → 150 requests/s → 0.75 busy servers
  w.sts.service_time_ms = sim::Distribution::constant(5);
  w.sts.autoscale.enabled = true;
  w.sts.autoscale.servers_min = 2;
  w.sts.autoscale.servers_max = 8;
  w.sts.autoscale.target_utilization = 0.5;
  w.sts.autoscale.evaluation_interval = sim::minutes(1);
  w.sts.autoscale.scale_up_delay = sim::minutes(3);
  w.sts.queue_max = 1'000'000;
  return w;
}

TEST(StsAutoscale, GrowsWithinIntervalPlusDelayStaysUnderMaxAndShrinksBack) {
  World world(autoscaled_world());
  Script script(world);
  std::map<int, std::uint32_t> servers_at_min;
  for (int m = 1; m < 90; ++m)
    script.at(sim::minutes(m) + sim::seconds(30),
              [&servers_at_min, m](World& w) { servers_at_min[m] = w.sts().servers(); });
  script.at(sim::minutes(30), [](World& w) { w.fleet(0).set_instances(500); });  // 3.75 busy
  script.at(sim::minutes(60), [](World& w) { w.fleet(0).set_instances(100); });
  world.run();
  ASSERT_TRUE(world.audit().empty());
  // Before the surge: 0.75 busy servers at a 0.5 target want 2 — the minimum.
  for (int m = 1; m < 30; ++m) EXPECT_EQ(servers_at_min[m], 2u) << "minute " << m;
  // The first evaluation after the surge (31 min) orders 2 more; they serve 3 min later.
  EXPECT_EQ(servers_at_min[33], 2u);
  EXPECT_EQ(servers_at_min[34], 4u);
  // Then 4 saturated servers ask for 8 = 3.75 / 0.5 rounded up, and the maximum.
  for (int m = 40; m <= 60; ++m) EXPECT_EQ(servers_at_min[m], 8u) << "minute " << m;
  for (const auto& [m, s] : servers_at_min) EXPECT_LE(s, 8u);
  // After the load drops (60 min), the next evaluation shrinks it to the minimum at once.
  for (int m = 61; m < 90; ++m) EXPECT_EQ(servers_at_min[m], 2u) << "minute " << m;
  // Capacity cost follows: more server-seconds in the surge than before it.
  const auto& metrics = world.metrics();
  const std::size_t before = metrics.bucket_of(sim::minutes(20));
  const std::size_t during = metrics.bucket_of(sim::minutes(45));
  EXPECT_NEAR(metrics.sts_at(before).server_seconds, 2 * 60.0, 1e-6);
  EXPECT_NEAR(metrics.sts_at(during).server_seconds, 8 * 60.0, 1e-6);
}

}  // namespace
}  // namespace models
