// The scenario's `explore` section (docs/explore.md): defaults, per-kind bounds, and every
// bound that cannot work reported at its path, like the rest of the format.
#include <gtest/gtest.h>

#include "scenario_test_util.h"

namespace {

using namespace scenario_test;
using faults::FaultKind;

std::string with_explore(const std::string& section, const std::string& extra = "") {
  return minimal(R"("explore": )" + section + (extra.empty() ? "" : ", " + extra));
}

// Every error line, for EXPECT_*_THAT-free checks: "" when the document loads.
std::string errors_of(const std::string& text) { return messages(load_json(text)); }

TEST(ExploreSection, AbsentLeavesTheScenarioWithoutBounds) {
  const auto r = load_json(minimal());
  ASSERT_TRUE(r.scenario) << messages(r);
  EXPECT_FALSE(r.scenario->explore);
}

TEST(ExploreSection, EmptyMeansTheDefaultInfrastructureKindsOverTheWholeRun) {
  const auto r = load_json(with_explore("{}"));
  ASSERT_TRUE(r.scenario) << messages(r);
  const scenarios::ExploreBounds& e = *r.scenario->explore;
  EXPECT_EQ(e.faults_max, 3u);
  EXPECT_EQ(e.at_min, 0);
  EXPECT_EQ(e.at_max, sim::hours(1));  // the run's end
  EXPECT_EQ(e.grain, sim::minutes(1));
  ASSERT_EQ(e.kinds.size(), scenarios::default_explore_kinds().size());
  for (std::size_t i = 0; i < e.kinds.size(); ++i) {
    EXPECT_EQ(e.kinds[i].kind, scenarios::default_explore_kinds()[i]);
    EXPECT_EQ(e.kinds[i].duration_min, sim::minutes(1));
    EXPECT_EQ(e.kinds[i].duration_max, sim::minutes(30));
  }
}

TEST(ExploreSection, NamedKindsKeepFaultKindOrderAndTheirOwnBounds) {
  const auto r = load_json(with_explore(R"({"faults_max": 2, "duration_max": "20m", "grain": "30s",
      "at_min": "10m", "at_max": "50m",
      "kinds": {"restart": {"fraction_min": 0.4, "spread_max": "1m"},
                "sts_outage": {"duration_max": "5m", "fraction_min": 0.5}}})"));
  ASSERT_TRUE(r.scenario) << messages(r);
  const scenarios::ExploreBounds& e = *r.scenario->explore;
  EXPECT_EQ(e.faults_max, 2u);
  EXPECT_EQ(e.grain, sim::seconds(30));
  EXPECT_EQ(e.at_min, sim::minutes(10));
  EXPECT_EQ(e.at_max, sim::minutes(50));
  ASSERT_EQ(e.kinds.size(), 2u);
  EXPECT_EQ(e.kinds[0].kind, FaultKind::sts_outage);
  EXPECT_EQ(e.kinds[0].duration_max, sim::minutes(5));
  EXPECT_EQ(e.kinds[0].fraction_min, 0.5);
  EXPECT_EQ(e.kinds[1].kind, FaultKind::restart);
  EXPECT_EQ(e.kinds[1].fraction_min, 0.4);
  EXPECT_EQ(e.kinds[1].spread_max, sim::minutes(1));
}

TEST(ExploreSection, SectionWideDurationsAreEveryKindsDefault) {
  const auto r = load_json(with_explore(R"({"duration_min": "2m", "duration_max": "20m",
      "kinds": {"imds_block": {}, "sts_latency": {"duration_max": "4m"}}})"));
  ASSERT_TRUE(r.scenario) << messages(r);
  EXPECT_EQ(r.scenario->explore->kinds[0].duration_min, sim::minutes(2));
  EXPECT_EQ(r.scenario->explore->kinds[0].duration_max, sim::minutes(20));
  EXPECT_EQ(r.scenario->explore->kinds[1].duration_max, sim::minutes(4));
}

TEST(ExploreSection, AnUnknownKindIsNamedWithTheKindsThereAre) {
  const std::string e = errors_of(with_explore(R"({"kinds": {"sts_outtage": {}}})"));
  EXPECT_NE(e.find("explore.kinds.sts_outtage: found \"sts_outtage\", expected one of imds_block"), std::string::npos) << e;
}

TEST(ExploreSection, ABoundOfAnotherKindIsAnUnknownKey) {
  const std::string e = errors_of(with_explore(R"({"kinds": {"sts_outage": {"latency_max": "1s"}}})"));
  EXPECT_NE(e.find("explore.kinds.sts_outage"), std::string::npos) << e;
  EXPECT_NE(e.find("latency_max"), std::string::npos) << e;
}

TEST(ExploreSection, MinAboveMaxIsReportedAtTheKind) {
  const std::string e = errors_of(with_explore(R"({"kinds": {"sts_outage": {"duration_min": "20m", "duration_max": "5m"}}})"));
  EXPECT_NE(e.find("explore.kinds.sts_outage: found duration_min 20m > duration_max 5m, expected duration_min <= duration_max"),
            std::string::npos) << e;
}

TEST(ExploreSection, FaultsMaxHasALimit) {
  EXPECT_NE(errors_of(with_explore(R"({"faults_max": 0})")).find("explore.faults_max"), std::string::npos);
  EXPECT_NE(errors_of(with_explore(R"({"faults_max": 11})")).find("explore.faults_max"), std::string::npos);
  EXPECT_EQ(errors_of(with_explore(R"({"faults_max": 10})")), "");
}

TEST(ExploreSection, KeepFaultsIsOffByDefaultAndMustBeABoolean) {
  EXPECT_FALSE(load_json(with_explore("{}")).scenario->explore->keep_faults);
  EXPECT_TRUE(load_json(with_explore(R"({"keep_faults": true})")).scenario->explore->keep_faults);
  const std::string e = errors_of(with_explore(R"({"keep_faults": "yes"})"));
  EXPECT_NE(e.find("explore.keep_faults: found \"yes\""), std::string::npos) << e;
}

// Kept and drawn faults share one run, and the loader takes at most kFaultsMax faults.
TEST(ExploreSection, KeptAndDrawnFaultsTogetherMustFitTheFaultsLimit) {
  std::string faults = R"("faults": [)";
  const std::size_t kept = 9998;  // kFaultsMax (scenarios/validate.h) - 2
  for (std::size_t i = 0; i < kept; ++i)
    faults += std::string(i == 0 ? "" : ",") + R"({"kind": "sts_latency", "at": "10m", "duration": "1m", "latency": "1s"})";
  faults += "]";
  EXPECT_EQ(errors_of(with_explore(R"({"keep_faults": true, "faults_max": 2})", faults)), "");
  EXPECT_EQ(errors_of(with_explore(R"({"faults_max": 3})", faults)), "");  // replaced: 3 in all
  const std::string e = errors_of(with_explore(R"({"keep_faults": true, "faults_max": 3})", faults));
  EXPECT_NE(e.find("explore.faults_max: found 3 (after the scenario's 9998 kept faults: 10001 in all), expected at "
                   "most 10000 faults in all, kept and drawn (limit kFaultsMax"),
            std::string::npos) << e;
}

TEST(ExploreSection, StartWindowMustLieWithinTheRun) {
  const std::string e = errors_of(with_explore(R"({"at_max": "2h"})"));
  EXPECT_NE(e.find("explore.at_max: found 2h, expected a time within the run (duration 1h)"), std::string::npos) << e;
}

TEST(ExploreSection, AFaultThatCannotFitAfterAtMinIsRefused) {
  const std::string e = errors_of(with_explore(R"({"at_min": "50m", "kinds": {"sts_outage": {"duration_min": "15m"}}})"));
  EXPECT_NE(e.find("explore.kinds.sts_outage.duration_min: found 15m"), std::string::npos) << e;
}

TEST(ExploreSection, KindsTheWorldCannotApplyAreRefused) {
  // minimal() declares an identity and a service but no role.
  const std::string e = errors_of(with_explore(R"({"kinds": {"role_revoke": {}}})"));
  EXPECT_NE(e.find("explore.kinds.role_revoke: found \"role_revoke\", expected a kind this world can apply "
                   "(it needs a role to revoke)"),
            std::string::npos) << e;
  EXPECT_EQ(errors_of(with_explore(R"({"kinds": {"role_grant": {}}})")), "");
}

TEST(ExploreSection, EmptyKindsIsRefused) {
  const std::string e = errors_of(with_explore(R"({"kinds": {}})"));
  EXPECT_NE(e.find("explore.kinds: found {}, expected at least one fault kind"), std::string::npos) << e;
}

}  // namespace
