// Exploring on top of a scripted incident (docs/explore.md, "On top of a scripted incident"):
// with keep_faults a game day's own faults stay as faults[0..n-1] of every run, so its
// {"during": k} / {"after": k} checks keep naming them; drawn faults follow, only they are
// shrunk, and the written failures replay exactly. Without it the windows are refused.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "scenario_test_util.h"
#include "scenarios/explore_report.h"
#include "tests/scratch_root.h"

namespace {

namespace fs = std::filesystem;
using namespace scenario_test;
using scenarios::ExploreOptions;
using scenarios::ExploreOutcome;
using scenarios::ScenarioFaults;
using Json = nlohmann::ordered_json;

// A 40-minute STS outage at 2h; expect[0] is auth_failure_rate ≤ 0.1 % {"during": 0}.
const std::string kGameDay = "scenarios/gamedays/sts-outage-static-stability.json";

// Restarts drawn inside the kept outage: a restarted instance has no token to serve while the
// STS is down, so nearly every run breaks expect[0], and only with both faults in place.
const scenarios::Override kRestartsDuringTheOutage{
    "explore", R"({"kinds": {"restart": {}}, "at_min": "2h", "at_max": "2h30m"})"};

ExploreOptions game_day(std::size_t runs, bool keep_faults) {
  ExploreOptions o;
  o.source.file = kGameDay;
  o.source.format = "json";
  o.source.text = read_file(source_dir() + "/" + kGameDay);
  o.runs = runs;
  o.jobs = 2;
  o.keep_faults = keep_faults;
  return o;
}

const ExploreOutcome& restarts_during_the_outage() {
  static const ExploreOutcome outcome = [] {
    ExploreOptions o = game_day(6, true);
    o.overrides.push_back(kRestartsDuringTheOutage);
    return scenarios::run_explore(o, nullptr);
  }();
  return outcome;
}

Json scenario_faults_as_written() { return Json::parse(read_file(source_dir() + "/" + kGameDay))["faults"]; }

const idsim_test::ScratchRoot kScratch("idsim-explore-keep");
fs::path scratch_root() { return kScratch.path(); }

void write_file(const fs::path& path, std::string_view content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

TEST(ExploreKeep, WithoutTheOptionAFaultWindowIsRefusedAndTheMessageNamesKeepFaults) {
  try {
    scenarios::prepare_explore(game_day(5, false));
    FAIL() << "no error";
  } catch (const scenarios::ExploreError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(kGameDay + ": expect[0].window: found {\"during\": 0}"), std::string::npos) << message;
    EXPECT_NE(message.find("--keep-faults keeps them"), std::string::npos) << message;
  }
}

TEST(ExploreKeep, WithTheOptionTheGameDaysFaultWindowsAreAcceptedAndStillNameItsFaults) {
  const scenarios::Scenario s = scenarios::prepare_explore(game_day(5, true));
  ASSERT_TRUE(s.explore);
  EXPECT_EQ(scenarios::scenario_faults(s), ScenarioFaults::kept);
  ASSERT_EQ(s.faults.size(), 1u);
  EXPECT_EQ(s.faults[0].kind, faults::FaultKind::sts_outage);
  EXPECT_EQ(s.expectations[0].window, scenarios::Expectation::Window::during_fault);
  EXPECT_EQ(s.expectations[0].fault, 0u);
}

TEST(ExploreKeep, TheFileKeyKeepsTheFaultsLikeTheFlag) {
  ExploreOptions o = game_day(5, false);
  o.overrides.push_back({"explore", R"({"keep_faults": true})"});
  EXPECT_EQ(scenarios::scenario_faults(scenarios::prepare_explore(o)), ScenarioFaults::kept);
}

TEST(ExploreKeep, TheFlagWinsOverAFileThatSaysFalse) {
  ExploreOptions o = game_day(5, true);
  o.overrides.push_back({"explore", R"({"keep_faults": false})"});
  EXPECT_EQ(scenarios::scenario_faults(scenarios::prepare_explore(o)), ScenarioFaults::kept);
}

TEST(ExploreKeep, EveryFailureFileHoldsTheScenariosFaultsFirstThenTheShrunkDrawnOnes) {
  const ExploreOutcome& o = restarts_during_the_outage();
  ASSERT_TRUE(o.errors.empty()) << o.errors.front();
  ASSERT_GT(o.failures(), 0u);
  const Json kept = scenario_faults_as_written();
  for (const scenarios::ExploredRun& r : o.runs) {
    if (!r.shrunk) continue;
    const Json faults = scenarios::failure_document(o, r)["faults"];
    ASSERT_EQ(faults.size(), kept.size() + r.shrunk->schedule.size()) << "seed " << r.seed;
    EXPECT_EQ(faults[0], kept[0]) << "seed " << r.seed;  // as written, label included
    for (std::size_t j = 0; j < r.shrunk->schedule.size(); ++j)
      EXPECT_EQ(faults[kept.size() + j], scenarios::fault_to_json(r.shrunk->schedule[j], o.scenario.world));
  }
}

TEST(ExploreKeep, ShrinkingKeepsTheScenariosFaultEvenThoughTheCheckNeedsBoth) {
  const ExploreOutcome& o = restarts_during_the_outage();
  ASSERT_GT(o.failures(), 0u);
  for (const scenarios::ExploredRun& r : o.runs) {
    if (!r.shrunk) continue;
    EXPECT_TRUE(r.shrunk->complete) << "seed " << r.seed;
    EXPECT_EQ(r.verdict.first_broken(), 0u) << "seed " << r.seed;  // auth failures during faults[0]
    ASSERT_EQ(r.shrunk->schedule.size(), 1u) << "seed " << r.seed;
    EXPECT_EQ(r.shrunk->schedule[0].kind, faults::FaultKind::restart);
  }
}

TEST(ExploreKeep, KeptFaultsSurviveShrinkingEvenWhenTheyAloneBreakTheCheck) {
  ExploreOptions o = game_day(4, true);
  o.overrides.push_back({"fleets[orders].client.static_stability.enabled", "false"});
  const ExploreOutcome r = scenarios::run_explore(o, nullptr);
  ASSERT_EQ(r.failures(), 4u);
  ASSERT_EQ(r.distinct.size(), 1u);
  EXPECT_EQ(r.distinct[0].shape, "(the scenario's faults alone)");
  for (const scenarios::ExploredRun& run : r.runs) {
    ASSERT_TRUE(run.shrunk);
    EXPECT_TRUE(run.shrunk->schedule.empty()) << "seed " << run.seed;
    EXPECT_EQ(scenarios::failure_document(r, run)["faults"], scenario_faults_as_written());
    EXPECT_EQ(scenarios::failure_story(r, run).rfind("no drawn fault: the scenario's own faults alone → ", 0), 0u)
        << scenarios::failure_story(r, run);
  }
}

TEST(ExploreKeep, EveryWrittenFailureReplaysExactlyWithItsKeptFaults) {
  const ExploreOutcome& o = restarts_during_the_outage();
  ASSERT_GT(o.failures(), 0u);
  const fs::path dir = scratch_root() / "replay";
  scenarios::write_explore_outputs(o, dir, write_file);
  std::size_t replayed = 0;
  for (const scenarios::ExploredRun& r : o.runs) {
    if (!r.shrunk) continue;
    const auto loaded = scenarios::load_scenario_file((dir / "explore" / scenarios::failure_file_name(r.seed)).string());
    ASSERT_TRUE(loaded.scenario) << messages(loaded);
    EXPECT_EQ(loaded.scenario->faults.size(), 1 + r.shrunk->schedule.size());
    const scenarios::Verdict again = scenarios::judge_scenario(*loaded.scenario);
    EXPECT_EQ(again.digest, r.shrunk->verdict.digest) << "seed " << r.seed;
    EXPECT_TRUE(again.breaks(0)) << "seed " << r.seed;
    ++replayed;
  }
  EXPECT_EQ(replayed, o.failures());
}

TEST(ExploreKeep, TheSummaryAndExploreJsonSayTheFaultsWereKept) {
  const ExploreOutcome& o = restarts_during_the_outage();
  const std::string summary = scenarios::render_explore_summary(o, "out");
  EXPECT_NE(summary.find("(kept: the scenario's own faults are faults[0] of every run; the drawn ones follow)"),
            std::string::npos) << summary;
  EXPECT_EQ(summary.find("replaced"), std::string::npos) << summary;
  const Json report = scenarios::to_json(o);
  EXPECT_EQ(report["kept_faults"], scenario_faults_as_written());
  EXPECT_EQ(report["explore"]["keep_faults"], true);
}

TEST(ExploreKeep, OneJobOrTwoGiveTheSameResults) {
  ExploreOptions o = game_day(6, true);
  o.overrides.push_back(kRestartsDuringTheOutage);
  o.jobs = 1;
  const ExploreOutcome one = scenarios::run_explore(o, nullptr);
  const ExploreOutcome& two = restarts_during_the_outage();
  ASSERT_GT(one.failures(), 0u);
  EXPECT_EQ(scenarios::to_json(one).dump(), scenarios::to_json(two).dump());
  EXPECT_EQ(scenarios::render_explore_summary(one, "out"), scenarios::render_explore_summary(two, "out"));
}

}  // namespace
