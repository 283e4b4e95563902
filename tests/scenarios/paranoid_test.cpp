// --paranoid (models/invariants.h): the invariants are checked after every event, so accounting
// broken through a seam stops the run at exactly that event, named with its time and the seed;
// without --paranoid only the end-of-run audit notices, hours of simulated time later.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "models/invariants.h"
#include "scenarios/loader.h"
#include "scenarios/run.h"
#include "sim/simulator.h"

namespace {

using ScenarioRun = scenarios::Run;

// A small game day: 4 h, 100 instances, seed 33.
scenarios::Scenario game_day() {
  scenarios::LoadResult loaded = scenarios::load_scenario_file(
      std::string(IDSIM_SOURCE_DIR) + "/scenarios/gamedays/role-revoke-restore.json");
  EXPECT_TRUE(loaded.scenario.has_value());
  return std::move(*loaded.scenario);
}

// An event scheduled into the run that corrupts one counter through the world's accessors.
struct Saboteur final : sim::EventHandler {
  Saboteur(void (*how)(models::World&), models::World& w) : corrupt(how), world(w) {}
  void on_event(std::uint64_t) override { corrupt(world); }
  void (*corrupt)(models::World&);
  models::World& world;
};

struct Sabotaged {
  bool completed = false;
  std::optional<models::Violation> violation;
  std::string description;
  sim::EventId sabotage;
  std::vector<std::string> audit;
};

Sabotaged run_sabotaged(bool paranoid, void (*corrupt)(models::World&)) {
  const scenarios::Scenario scenario = game_day();
  ScenarioRun run(scenario, {.paranoid = paranoid});
  Saboteur saboteur(corrupt, run.world());
  Sabotaged out;
  out.sabotage = run.world().simulator().schedule_at(sim::hours(1), saboteur);
  out.completed = run.execute();
  if (run.violation() != nullptr) {
    out.violation = *run.violation();
    out.description = scenarios::describe_violation(run);
  }
  out.audit = run.audit();
  return out;
}

void lose_one_call(models::World& world) { world.ledger().calls_resolved += 1; }

TEST(Paranoid, LostCallStopsTheRunAtTheEventThatLostItNamingTimeAndSeed) {
  const Sabotaged r = run_sabotaged(true, lose_one_call);
  EXPECT_FALSE(r.completed);
  ASSERT_TRUE(r.violation.has_value());
  EXPECT_EQ(r.violation->at, sim::hours(1));
  EXPECT_EQ(r.violation->event, r.sabotage.sequence) << "the very event that broke it";
  EXPECT_NE(r.violation->what.find("calls: "), std::string::npos) << r.violation->what;
  EXPECT_NE(r.description.find("after the event at 1h "), std::string::npos) << r.description;
  EXPECT_NE(r.description.find("'role-revoke-restore' --seed 33"), std::string::npos) << r.description;
}

TEST(Paranoid, WithoutItTheSameLostCallIsOnlyFoundByTheEndOfRunAudit) {
  const Sabotaged r = run_sabotaged(false, lose_one_call);
  EXPECT_TRUE(r.completed) << "ran to the 4 h horizon";
  EXPECT_FALSE(r.violation.has_value());
  ASSERT_FALSE(r.audit.empty());
  EXPECT_NE(r.audit.front().find("calls: "), std::string::npos) << r.audit.front();
}

TEST(Paranoid, StsRequestAnsweredTwiceBreaksRequestConservation) {
  const Sabotaged r = run_sabotaged(true, [](models::World& world) {
    ++world.metrics().sts(world.simulator().now()).issued;
  });
  ASSERT_TRUE(r.violation.has_value());
  EXPECT_EQ(r.violation->at, sim::hours(1));
  EXPECT_NE(r.violation->what.find("sts: "), std::string::npos) << r.violation->what;
}

TEST(Paranoid, TokenAcceptedPastExpiryIsCaughtAtOnce) {
  const Sabotaged r = run_sabotaged(true, [](models::World& world) {
    world.ledger().tokens_accepted_expired = 1;
  });
  ASSERT_TRUE(r.violation.has_value());
  EXPECT_EQ(r.violation->event, r.sabotage.sequence);
  EXPECT_NE(r.violation->what.find("tokens: "), std::string::npos) << r.violation->what;
}

TEST(Paranoid, StaticStabilityUseInAFleetWithoutItIsCaught) {
  const Sabotaged r = run_sabotaged(true, [](models::World& world) {
    ++world.metrics().fleet(0, world.simulator().now()).static_stability_uses;
  });
  ASSERT_TRUE(r.violation.has_value());
  EXPECT_NE(r.violation->what.find("without static stability"), std::string::npos) << r.violation->what;
}

// The clock check on its own: out of (time, sequence) order, or not the kernel's clock.
TEST(Paranoid, ClockRunningBackwardsOrOutOfInsertionOrderIsNamed) {
  const scenarios::Scenario scenario = game_day();
  ScenarioRun run(scenario);
  models::InvariantChecker checker(run.world());
  EXPECT_EQ(checker.check({0, 5, 0}), "");
  EXPECT_NE(checker.check({0, 3, 0}).find("event sequence 3 ran after 5"), std::string::npos);
  EXPECT_NE(checker.check({sim::seconds(10), 9, 0}).find("but now() is 0"), std::string::npos);
}

// A clean game day passes every check after every event and reports exactly what it reports
// unchecked (the checker only reads).
TEST(Paranoid, CleanRunPassesEveryEventAndChangesNothing) {
  const scenarios::Scenario scenario = game_day();
  ScenarioRun plain(scenario), checked(scenario, {.paranoid = true});
  ASSERT_TRUE(plain.execute());
  ASSERT_TRUE(checked.execute());
  EXPECT_EQ(checked.violation(), nullptr);
  EXPECT_EQ(checked.events_checked(), checked.world().simulator().stats().events_dispatched);
  EXPECT_GT(checked.events_checked(), 100u);
  EXPECT_EQ(checked.world().simulator().stats().events_dispatched,
            plain.world().simulator().stats().events_dispatched);
  EXPECT_EQ(checked.world().ledger().calls_resolved, plain.world().ledger().calls_resolved);
}

}  // namespace
