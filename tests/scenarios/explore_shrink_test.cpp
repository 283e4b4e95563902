// Shrinking failing schedules, against a judge whose failure condition is known exactly, so
// the minimum the shrinker must reach is known too.
#include <gtest/gtest.h>

#include "scenarios/explore_shrink.h"

namespace {

using faults::FaultKind;
using faults::FaultSpec;
using scenarios::Schedule;
using scenarios::Verdict;

models::WorldConfig two_fleets() {
  models::WorldConfig w;
  w.duration = sim::hours(3);
  models::FleetConfig web;
  web.name = "web";
  web.nodes = 8;
  web.zone = "zone-a";
  models::FleetConfig jobs;
  jobs.name = "jobs";
  jobs.nodes = 4;
  jobs.zone = "zone-b";
  w.fleets = {web, jobs};
  return w;
}

FaultSpec fault(FaultKind kind, sim::Ticks at, sim::Ticks duration) {
  FaultSpec f;
  f.kind = kind;
  f.at = at;
  f.duration = duration;
  return f;
}

Verdict verdict(bool passed) {
  Verdict v;
  v.values = {passed ? 0.0 : 1.0};
  v.passed = {passed};
  return v;
}

// Fails when an STS outage of at least 7 minutes covers at least 30 % of requests while node 5
// of web (all nodes in fleet order: web first) is blocked.
Verdict judge(const Schedule& s) {
  bool outage = false, block = false;
  for (const FaultSpec& f : s) {
    if (f.kind == FaultKind::sts_outage && f.duration >= sim::minutes(7) && f.fraction >= 0.3) outage = true;
    if (f.kind != FaultKind::imds_block) continue;
    const auto& sel = f.selector;
    const bool in_web = !sel.fleet || *sel.fleet == 0;
    const bool in_zone = !sel.zone || *sel.zone == "zone-a";
    const bool in_range = !sel.nodes || (sel.nodes->first <= 5 && 5 <= sel.nodes->second);
    if (in_web && in_zone && in_range) block = true;
  }
  return verdict(!(outage && block));
}

Schedule noisy_failure() {
  FaultSpec outage = fault(FaultKind::sts_outage, sim::minutes(30), sim::minutes(29));
  FaultSpec block = fault(FaultKind::imds_block, sim::minutes(40), sim::minutes(15));  // all nodes
  FaultSpec latency = fault(FaultKind::sts_latency, sim::minutes(50), sim::minutes(10));
  latency.latency = sim::seconds(2);
  FaultSpec restart = fault(FaultKind::restart, sim::hours(1), 0);
  restart.selector.fleet = 1;
  restart.fraction = 0.8;
  return {outage, latency, block, restart};
}

TEST(ExploreShrink, ReachesTheKnownMinimum) {
  const Schedule failing = noisy_failure();
  ASSERT_TRUE(judge(failing).failed());
  std::size_t evaluations = 0;
  const scenarios::Evaluate evaluate = [&](const Schedule& s) {
    ++evaluations;
    return judge(s);
  };
  const scenarios::Shrunk r = scenarios::shrink(failing, judge(failing), two_fleets(), {0, 500, sim::minutes(1)}, evaluate);
  EXPECT_TRUE(r.complete);
  EXPECT_EQ(r.steps, evaluations);
  ASSERT_EQ(r.schedule.size(), 2u);  // the latency and the restart removed
  const FaultSpec& outage = r.schedule[0];
  const FaultSpec& block = r.schedule[1];
  EXPECT_EQ(outage.kind, FaultKind::sts_outage);
  EXPECT_EQ(outage.duration, sim::minutes(7));  // shortened to the grain that still fails
  EXPECT_DOUBLE_EQ(outage.fraction, 0.3);       // lowered to the hundredth that still fails
  EXPECT_EQ(block.kind, FaultKind::imds_block);
  EXPECT_EQ(block.duration, sim::minutes(1));
  // Narrowed from all nodes to the fleet, then to the one node that matters.
  EXPECT_EQ(block.selector.fleet, std::optional<std::uint32_t>(0));
  EXPECT_FALSE(block.selector.zone);
  EXPECT_EQ(block.selector.nodes, (std::optional<std::pair<std::uint32_t, std::uint32_t>>{{5, 5}}));
  EXPECT_TRUE(r.verdict.failed());
}

TEST(ExploreShrink, KeepsTheSameCheckBroken) {
  // Two expectations: the first breaks with an outage, the second with any fault at all. The
  // shrinker must keep the first broken, so it cannot drop the outage for the block.
  const scenarios::Evaluate evaluate = [](const Schedule& s) {
    bool outage = false;
    for (const FaultSpec& f : s) outage = outage || f.kind == FaultKind::sts_outage;
    Verdict v;
    v.values = {0, 0};
    v.passed = {!outage, s.empty()};
    return v;
  };
  const Schedule failing{fault(FaultKind::imds_block, 0, sim::minutes(5)),
                         fault(FaultKind::sts_outage, sim::minutes(10), sim::minutes(5))};
  const scenarios::Shrunk r = scenarios::shrink(failing, evaluate(failing), two_fleets(), {0, 500, sim::minutes(1)}, evaluate);
  ASSERT_EQ(r.schedule.size(), 1u);
  EXPECT_EQ(r.schedule[0].kind, FaultKind::sts_outage);
  EXPECT_TRUE(r.verdict.breaks(0));
}

TEST(ExploreShrink, StopsWhenTheAllowanceIsSpent) {
  const Schedule failing = noisy_failure();
  std::size_t evaluations = 0;
  const scenarios::Evaluate evaluate = [&](const Schedule& s) {
    ++evaluations;
    return judge(s);
  };
  const scenarios::Shrunk r = scenarios::shrink(failing, judge(failing), two_fleets(), {0, 3, sim::minutes(1)}, evaluate);
  EXPECT_FALSE(r.complete);
  EXPECT_EQ(r.steps, 3u);
  EXPECT_EQ(evaluations, 3u);
  EXPECT_TRUE(judge(r.schedule).failed());  // whatever it kept still fails
}

TEST(ExploreShrink, AFailureWithoutFaultsShrinksToNone) {
  const scenarios::Evaluate always = [](const Schedule&) { return verdict(false); };
  const Schedule failing = noisy_failure();
  const scenarios::Shrunk r = scenarios::shrink(failing, verdict(false), two_fleets(), {0, 500, sim::minutes(1)}, always);
  EXPECT_TRUE(r.schedule.empty());
  EXPECT_TRUE(r.complete);
}

}  // namespace
