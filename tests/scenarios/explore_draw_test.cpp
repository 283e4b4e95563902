// Drawing fault schedules for `idsim explore`: every kind's draw loads back as the same fault,
// draws stay within the bounds, swarm draws switch kinds off, and the seed alone decides.
#include <gtest/gtest.h>

#include <set>

#include "scenario_test_util.h"
#include "scenarios/explore_draw.h"
#include "scenarios/explore_schedule.h"

namespace {

using namespace scenario_test;
using faults::FaultKind;
using faults::FaultSpec;
using scenarios::Schedule;

// Two fleets in two zones, two identities and services, one role: every kind has a target.
const std::string kWorld = R"({"name": "draws", "duration": "3h",
  "identities": [{"name": "app"}, {"name": "batch"}],
  "services": [{"name": "storage"}, {"name": "queue"}],
  "roles": [{"identity": "app", "service": "storage"}],
  "fleets": [
    {"name": "web", "nodes": 5, "instances_per_node": 2, "zone": "zone-a", "identity": "app",
     "calls": [{"service": "storage"}], "client": {"preset": "msal-dotnet"}},
    {"name": "jobs", "nodes": 3, "zone": "zone-b", "identity": "batch",
     "calls": [{"service": "queue"}], "client": {"preset": "botocore"}}],
  "explore": EXPLORE})";

scenarios::Scenario load_world(const std::string& explore) {
  std::string text = kWorld;
  text.replace(text.find("EXPLORE"), 7, explore);
  auto r = load_json(text);
  EXPECT_TRUE(r.scenario) << messages(r);
  return std::move(*r.scenario);
}

std::string every_kind() {
  std::string kinds;
  for (int i = 0; i < faults::kFaultKindCount; ++i)
    kinds += std::string(kinds.empty() ? "" : ", ") + "\"" + std::string(faults::to_string(static_cast<FaultKind>(i))) + "\": {}";
  return R"({"faults_max": 10, "kinds": {)" + kinds + "}}";
}

Schedule draw(const scenarios::Scenario& s, std::uint64_t seed) {
  sim::Rng rng(seed, "explore/schedule");
  return scenarios::draw_schedule(s.world, *s.explore, rng);
}

// Every field but the label (the loader names unlabelled faults "faults[i] kind").
void expect_same(const FaultSpec& a, const FaultSpec& b, const std::string& where) {
  EXPECT_EQ(a.kind, b.kind) << where;
  EXPECT_EQ(a.at, b.at) << where;
  EXPECT_EQ(a.duration, b.duration) << where;
  EXPECT_EQ(a.selector.fleet, b.selector.fleet) << where;
  EXPECT_EQ(a.selector.zone, b.selector.zone) << where;
  EXPECT_EQ(a.selector.nodes, b.selector.nodes) << where;
  EXPECT_EQ(a.selector.fraction, b.selector.fraction) << where;
  EXPECT_EQ(a.fraction, b.fraction) << where;
  EXPECT_EQ(a.rate_per_s, b.rate_per_s) << where;
  EXPECT_EQ(a.latency, b.latency) << where;
  EXPECT_EQ(a.offset, b.offset) << where;
  EXPECT_EQ(a.ttl, b.ttl) << where;
  EXPECT_EQ(a.spread, b.spread) << where;
  EXPECT_EQ(a.recreate_after, b.recreate_after) << where;
  EXPECT_EQ(a.reassign_roles, b.reassign_roles) << where;
  EXPECT_EQ(a.identity, b.identity) << where;
  EXPECT_EQ(a.service, b.service) << where;
  EXPECT_EQ(a.instances, b.instances) << where;
}

TEST(ExploreDraw, EveryKindsDrawLoadsBackAsTheSameFault) {
  const scenarios::Scenario s = load_world(every_kind());
  std::set<FaultKind> seen;
  for (std::uint64_t seed = 0; seed < 300; ++seed) {
    const Schedule drawn = draw(s, seed);
    const auto doc = scenarios::run_document(s.source, scenarios::run_name("draws", seed), seed, drawn, s.world,
                                             scenarios::ScenarioFaults::replaced);
    const auto r = load_json(doc.dump());
    ASSERT_TRUE(r.scenario) << "seed " << seed << "\n" << messages(r) << doc["faults"].dump();
    ASSERT_EQ(r.scenario->faults.size(), drawn.size());
    for (std::size_t i = 0; i < drawn.size(); ++i) {
      expect_same(r.scenario->faults[i], drawn[i], "seed " + std::to_string(seed) + " " + doc["faults"][i].dump());
      seen.insert(drawn[i].kind);
    }
  }
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(faults::kFaultKindCount));
}

TEST(ExploreDraw, DrawsStayWithinTheBounds) {
  const scenarios::Scenario s = load_world(R"({"faults_max": 4, "at_min": "30m", "at_max": "2h", "grain": "5m",
      "kinds": {"sts_outage": {"duration_min": "5m", "duration_max": "25m", "fraction_min": 0.5},
                "imds_latency": {"duration_max": "10m", "latency_min": "1s", "latency_max": "3s"},
                "restart": {"fraction_min": 0.2, "fraction_max": 0.6, "spread_max": "30s"}}})");
  for (std::uint64_t seed = 0; seed < 300; ++seed) {
    const Schedule drawn = draw(s, seed);
    ASSERT_GE(drawn.size(), 1u);
    ASSERT_LE(drawn.size(), 4u);
    for (const FaultSpec& f : drawn) {
      EXPECT_GE(f.at, sim::minutes(30));
      EXPECT_LE(f.at, sim::hours(2));
      EXPECT_EQ(f.at % sim::minutes(5), 0) << "seed " << seed;
      switch (f.kind) {
        case FaultKind::sts_outage:
          EXPECT_GE(f.duration, sim::minutes(5));
          EXPECT_LE(f.duration, sim::minutes(25));
          EXPECT_GE(f.fraction, 0.5);
          EXPECT_LE(f.fraction, 1.0);
          break;
        case FaultKind::imds_latency:
          EXPECT_LE(f.duration, sim::minutes(10));
          EXPECT_GE(f.latency, sim::seconds(1));
          EXPECT_LE(f.latency, sim::seconds(3));
          break;
        case FaultKind::restart:
          EXPECT_GE(f.fraction, 0.2);
          EXPECT_LE(f.fraction, 0.6);
          EXPECT_LE(f.spread, sim::seconds(30));
          ASSERT_TRUE(f.selector.fleet);
          break;
        default: ADD_FAILURE() << "kind not allowed: " << faults::to_string(f.kind);
      }
    }
  }
}

TEST(ExploreDraw, SwarmRunsSwitchWholeKindsOff) {
  // With 10 faults per run from 5 kinds, plain draws would almost always use all 5; swarm
  // draws leave about half of them out entirely.
  const scenarios::Scenario s = load_world(R"({"faults_max": 10, "kinds": {"imds_block": {},
      "imds_latency": {}, "sts_outage": {}, "sts_latency": {}, "sts_throttle": {}}})");
  std::size_t runs_missing_a_kind = 0, runs_with_many_faults = 0;
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    const Schedule drawn = draw(s, seed);
    if (drawn.size() < 8) continue;
    ++runs_with_many_faults;
    std::set<FaultKind> kinds;
    for (const FaultSpec& f : drawn) kinds.insert(f.kind);
    if (kinds.size() < 5) ++runs_missing_a_kind;
  }
  ASSERT_GT(runs_with_many_faults, 20u);
  EXPECT_GT(runs_missing_a_kind * 10, runs_with_many_faults * 8);
}

TEST(ExploreDraw, TheSeedAloneDecidesTheSchedule) {
  const scenarios::Scenario s = load_world(every_kind());
  const auto json = [&](std::uint64_t seed) {
    return scenarios::run_document(s.source, "x", seed, draw(s, seed), s.world, scenarios::ScenarioFaults::replaced)["faults"].dump();
  };
  EXPECT_EQ(json(42), json(42));
  EXPECT_NE(json(42), json(43));
}

TEST(ExploreDraw, SchedulesTellTheirStoryAndShape) {
  const scenarios::Scenario s = load_world(every_kind());
  FaultSpec outage;
  outage.kind = FaultKind::sts_outage;
  outage.at = sim::minutes(10);
  outage.duration = sim::minutes(34);
  FaultSpec block;
  block.kind = FaultKind::imds_block;
  block.at = sim::minutes(20);
  block.duration = sim::minutes(5);
  block.selector.fleet = 0;
  block.selector.nodes = std::pair{1u, 2u};
  FaultSpec restart;
  restart.kind = FaultKind::restart;
  restart.at = sim::hours(2);
  restart.fraction = 0.4;
  restart.spread = sim::seconds(30);
  restart.selector.fleet = 1;
  const Schedule schedule{outage, block, restart};
  EXPECT_EQ(scenarios::schedule_story(schedule, s.world),
            "STS outage of 34m while IMDS blocked on nodes 1-2 of web (2 of 5) for 5m, then 40 % of jobs "
            "restarting within 30s");
  EXPECT_EQ(scenarios::schedule_shape(schedule, s.world), "imds_block@web + restart@jobs + sts_outage");
  EXPECT_EQ(scenarios::schedule_shape({}, s.world), "(no fault)");
}

}  // namespace
