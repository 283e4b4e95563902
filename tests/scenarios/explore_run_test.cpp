// idsim explore end to end on the shipped pair (scenarios/explore/): the planted weakness is
// found, each failure shrinks to at most two faults and its written scenario replays it
// exactly; the robust client gives nothing; --jobs changes nothing; the budget holds.
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

ExploreOptions shipped(const std::string& name, std::size_t runs, std::size_t jobs) {
  ExploreOptions o;
  o.source.file = "scenarios/explore/" + name + ".json";
  o.source.format = "json";
  o.source.text = read_file(source_dir() + "/" + o.source.file);
  o.runs = runs;
  o.jobs = jobs;
  return o;
}

// The weakness explored once per test binary for the tests that read the same outcome (the
// CLI test explores the full 200 runs of issue 9).
const ExploreOutcome& weakness() {
  static const ExploreOutcome outcome = scenarios::run_explore(shipped("refresh-weakness", 80, 2), nullptr);
  return outcome;
}

const idsim_test::ScratchRoot kScratch("idsim-explore-test");
fs::path scratch_root() { return kScratch.path(); }

fs::path scratch(const std::string& name) {
  const fs::path dir = scratch_root() / name;
  fs::remove_all(dir);
  return dir;
}

void write_file(const fs::path& path, std::string_view content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

// What `idsim run FILE` does: the scenario loaded from the file as it is on disk, then run.
scenarios::Verdict replay(const fs::path& file) {
  const auto loaded = scenarios::load_scenario_file(file.string());
  EXPECT_TRUE(loaded.scenario) << messages(loaded);
  return scenarios::judge_scenario(*loaded.scenario);
}

TEST(ExploreRun, PlantedWeaknessIsFoundAndEveryFailureShrinksToAtMostTwoFaults) {
  const ExploreOutcome& o = weakness();
  EXPECT_TRUE(o.errors.empty());
  ASSERT_GT(o.failures(), 10u);
  for (const scenarios::ExploredRun& r : o.runs) {
    if (!r.shrunk) continue;
    EXPECT_TRUE(r.shrunk->complete) << "seed " << r.seed;
    EXPECT_LE(r.shrunk->schedule.size(), 2u) << "seed " << r.seed;
    EXPECT_LE(r.shrunk->schedule.size(), r.drawn.size());
    EXPECT_TRUE(r.shrunk->verdict.breaks(r.verdict.first_broken())) << "seed " << r.seed;
  }
  EXPECT_GE(o.distinct.size(), 2u);  // more than one way to break it
  EXPECT_LT(o.distinct.size(), o.failures());
}

TEST(ExploreRun, EveryWrittenFailureReplaysExactlyAsTheShrunkRun) {
  const ExploreOutcome& o = weakness();
  const fs::path dir = scratch("weakness");
  scenarios::write_explore_outputs(o, dir, write_file);
  std::size_t replayed = 0;
  for (const scenarios::ExploredRun& r : o.runs) {
    if (!r.shrunk) continue;
    const fs::path file = dir / "explore" / scenarios::failure_file_name(r.seed);
    ASSERT_TRUE(fs::exists(file)) << file;
    const scenarios::Verdict again = replay(file);
    EXPECT_EQ(again.digest, r.shrunk->verdict.digest) << file;
    EXPECT_TRUE(again.breaks(r.verdict.first_broken())) << file;
    ++replayed;
  }
  EXPECT_EQ(replayed, o.failures());
  EXPECT_TRUE(fs::exists(dir / "explore.json"));
}

TEST(ExploreRun, RobustClientSurvivesTheSameExploration) {
  const ExploreOutcome o = scenarios::run_explore(shipped("refresh-robust", 200, 2), nullptr);
  EXPECT_TRUE(o.errors.empty());
  EXPECT_EQ(o.failures(), 0u) << scenarios::render_explore_summary(o, "out");
  EXPECT_EQ(o.simulations, 200u);
}

TEST(ExploreRun, OneJobOrTwoGiveTheSameResults) {
  const ExploreOutcome one = scenarios::run_explore(shipped("refresh-weakness", 60, 1), nullptr);
  const ExploreOutcome two = scenarios::run_explore(shipped("refresh-weakness", 60, 2), nullptr);
  ASSERT_GT(one.failures(), 0u);
  EXPECT_EQ(scenarios::to_json(one).dump(), scenarios::to_json(two).dump());
  EXPECT_EQ(scenarios::render_explore_summary(one, "out"), scenarios::render_explore_summary(two, "out"));
}

TEST(ExploreRun, CheckDeterminismRunsEveryRunTwiceAndFindsThemEqual) {
  ExploreOptions o = shipped("refresh-weakness", 30, 2);
  o.check_determinism = true;
  const ExploreOutcome r = scenarios::run_explore(o, nullptr);
  std::size_t shrink_steps = 0;
  for (const scenarios::ExploredRun& run : r.runs) {
    EXPECT_EQ(run.nondeterminism, "") << "seed " << run.seed;
    if (run.shrunk) shrink_steps += run.shrunk->steps;
  }
  EXPECT_EQ(r.simulations, 2 * 30 + shrink_steps);
}

TEST(ExploreRun, BudgetBoundsEverySimulationShrinkingIncluded) {
  ExploreOptions o = shipped("refresh-weakness", 40, 2);
  o.budget = 40 + 30;
  const ExploreOutcome r = scenarios::run_explore(o, nullptr);
  ASSERT_GT(r.failures(), 3u);
  EXPECT_LE(r.simulations, 70u);
  EXPECT_EQ(r.shrink_allowance, 30 / r.failures());
  bool some_cut_short = false;
  for (const scenarios::ExploredRun& run : r.runs)
    if (run.shrunk) some_cut_short = some_cut_short || !run.shrunk->complete;
  EXPECT_TRUE(some_cut_short);

  o.budget = 39;
  EXPECT_THROW(scenarios::prepare_explore(o), scenarios::ExploreError);
}

TEST(ExploreRun, ExpectationsOverAFaultsWindowAreRefused) {
  ExploreOptions o;
  o.source = {"x.json", "json",
              minimal(R"("faults": [{"kind": "sts_outage", "at": "10m", "duration": "5m"}],
                         "expect": [{"metric": "no_token_rate", "max": 0, "window": {"during": 0}}])")};
  try {
    scenarios::prepare_explore(o);
    FAIL() << "no error";
  } catch (const scenarios::ExploreError& e) {
    EXPECT_NE(std::string(e.what()).find("x.json: expect[0].window: found {\"during\": 0}, expected \"run\" or"),
              std::string::npos) << e.what();
  }
}

TEST(ExploreRun, ABrokenNoPageCheckSaysThatNoPageWasAllowed) {
  ExploreOptions o;
  o.source = {"x.json", "json", minimal(R"("expect": [{"burn_rate": {"slo": 0.999, "period": "30d",
                                                       "sli": "call_success"}, "no_page": true}])")};
  ExploreOutcome outcome;
  outcome.scenario = scenarios::prepare_explore(o);
  scenarios::ExploredRun run;
  run.verdict.values = {1380};
  run.verdict.passed = {false};
  run.shrunk = scenarios::Shrunk{{}, run.verdict, 0, true};
  EXPECT_EQ(scenarios::failure_story(outcome, run), "no fault at all → time_to_page_s 1380 (no page allowed)");
}

TEST(ExploreRun, AScenarioWithoutBoundsIsExploredWithTheDefaults) {
  ExploreOptions o;
  o.source = {"x.json", "json", minimal(R"("expect": [{"metric": "calls", "min": 0}])")};
  o.runs = 5;
  const scenarios::Scenario s = scenarios::prepare_explore(o);
  ASSERT_TRUE(s.explore);
  EXPECT_EQ(s.explore->kinds.size(), scenarios::default_explore_kinds().size());
  const ExploreOutcome r = scenarios::run_explore(o, nullptr);
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.failures(), 0u);
}

}  // namespace
