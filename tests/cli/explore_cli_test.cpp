// `idsim explore` as users meet it (docs/explore.md): on the shipped planted weakness it exits
// 1 and every distinct minimal failure it writes makes `idsim run` exit 1 on the same
// expectation; on the robust client it exits 0; --jobs 1 and 2 write the same bytes; bad
// input exits 2 with nothing run. With --keep-faults a game day is explored on top of its own
// faults, and its failures replay the same way.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/scratch_root.h"

namespace {

namespace fs = std::filesystem;

struct Result {
  int exit_code;
  std::string out;  // stdout
  std::string err;  // stderr
};

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

const idsim_test::ScratchRoot kScratch("idsim-explore-cli");
fs::path scratch_root() { return kScratch.path(); }

fs::path scratch(const std::string& name) {
  const fs::path dir = scratch_root() / name;
  fs::remove_all(dir);
  fs::create_directories(dir.parent_path());
  return dir;
}

Result idsim(const std::string& args) {
  const fs::path out = scratch("stdout"), err = scratch("stderr");
  const std::string command = "cd " + std::string(IDSIM_SOURCE_DIR) + " && " + IDSIM_BINARY + " " + args +
                              " >" + out.string() + " 2>" + err.string();
  const int status = std::system(command.c_str());
  return {WEXITSTATUS(status), slurp(out), slurp(err)};
}

// Every file under dir, by relative path, with its bytes.
std::map<std::string, std::string> tree(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) files[fs::relative(e.path(), dir).string()] = slurp(e.path());
  return files;
}

std::string without(std::string text, const std::string& part) {
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part)) text.erase(at, part.size());
  return text;
}

const std::string kWeakness = "scenarios/explore/refresh-weakness.json";

TEST(ExploreCli, PlantedWeaknessExitsOneAndEveryDistinctFailureReplaysWithRun) {
  const fs::path dir = scratch("weakness");
  const Result r = idsim("explore " + kWeakness + " --runs 200 --jobs 2 --out " + dir.string());
  ASSERT_EQ(r.exit_code, 1) << r.out << r.err;
  const auto report = nlohmann::json::parse(slurp(dir / "explore.json"));
  ASSERT_GT(report["failures"].get<int>(), 0);
  for (const auto& run : report["results"]) {
    if (run["passed"].get<bool>()) continue;
    EXPECT_LE(run["minimal"].size(), 2u) << run.dump();
    EXPECT_TRUE(fs::exists(dir / run["file"].get<std::string>())) << run["file"];
  }
  ASSERT_FALSE(report["distinct"].empty());
  for (const auto& d : report["distinct"]) {
    const std::string file = (dir / d["file"].get<std::string>()).string();
    const Result replay = idsim("run " + file + " --out " + scratch("replay").string());
    EXPECT_EQ(replay.exit_code, 1) << file << "\n" << replay.out << replay.err;
    EXPECT_NE(replay.out.find("FAIL at most 0.2 % of calls without a token"), std::string::npos) << replay.out;
  }
  EXPECT_NE(r.out.find("distinct"), std::string::npos);
  EXPECT_NE(r.out.find(" → no_token_rate "), std::string::npos) << r.out;
}

TEST(ExploreCli, OneJobOrTwoWriteTheSameBytes) {
  const fs::path one = scratch("one"), two = scratch("two");
  const Result a = idsim("explore " + kWeakness + " --runs 80 --jobs 1 --out " + one.string());
  const Result b = idsim("explore " + kWeakness + " --runs 80 --jobs 2 --out " + two.string());
  ASSERT_EQ(a.exit_code, 1);
  ASSERT_EQ(b.exit_code, 1);
  EXPECT_EQ(without(a.out, one.string()), without(b.out, two.string()));
  const auto files_one = tree(one), files_two = tree(two);
  EXPECT_GT(files_one.size(), 2u);
  EXPECT_TRUE(files_one == files_two);
}

TEST(ExploreCli, RobustClientExitsZeroWithNoFailureFiles) {
  const fs::path dir = scratch("robust");
  const Result r = idsim("explore scenarios/explore/refresh-robust.json --runs 200 --jobs 2 --check-determinism --out " + dir.string());
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("each run twice: same digests"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(dir / "explore"));
  EXPECT_TRUE(fs::exists(dir / "explore.json"));
}

// A game day whose checks look at its own STS outage ({"during": 0}, {"after": 0}), with
// restarts drawn inside the outage on top of it: restarted instances have no token to serve.
const std::string kGameDay = "scenarios/gamedays/sts-outage-static-stability.json";
const std::string kRestartsDuringTheOutage =
    R"(--set 'explore={"kinds": {"restart": {}}, "at_min": "2h", "at_max": "2h30m"}')";

std::string measured(double value) {
  char text[64];
  std::snprintf(text, sizeof text, ": measured %g,", value);
  return text;
}

TEST(ExploreCli, GameDayWithAFaultWindowExploresOnTopOfItsFaultsAndEveryFailureReplaysWithRun) {
  const fs::path dir = scratch("gameday");
  const Result r = idsim("explore " + kGameDay + " --keep-faults --runs 6 --jobs 2 " + kRestartsDuringTheOutage +
                         " --out " + dir.string());
  ASSERT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("(kept: the scenario's own faults are faults[0] of every run; the drawn ones follow)"),
            std::string::npos) << r.out;
  const auto report = nlohmann::json::parse(slurp(dir / "explore.json"));
  ASSERT_GT(report["failures"].get<int>(), 0);
  for (const auto& run : report["results"]) {
    if (run["passed"].get<bool>()) continue;
    const std::string file = (dir / run["file"].get<std::string>()).string();
    const auto failure = nlohmann::json::parse(slurp(file));
    EXPECT_EQ(failure["faults"][0]["label"], "STS outage 40m") << file;
    const Result replay = idsim("run " + file + " --out " + scratch("replay").string());
    EXPECT_EQ(replay.exit_code, 1) << file << "\n" << replay.out << replay.err;
    const std::string fail_line = "FAIL " + run["minimal_breaks"].get<std::string>() +
                                  measured(run["minimal_value"].get<double>());
    EXPECT_NE(replay.out.find(fail_line), std::string::npos) << fail_line << "\n" << replay.out;
  }
}

TEST(ExploreCli, KeepFaultsOneJobOrTwoWriteTheSameBytes) {
  const fs::path one = scratch("keep-one"), two = scratch("keep-two");
  const std::string args = "explore " + kGameDay + " --keep-faults --runs 6 " + kRestartsDuringTheOutage;
  const Result a = idsim(args + " --jobs 1 --out " + one.string());
  const Result b = idsim(args + " --jobs 2 --out " + two.string());
  ASSERT_EQ(a.exit_code, 1) << a.err;
  ASSERT_EQ(b.exit_code, 1) << b.err;
  EXPECT_EQ(without(a.out, one.string()), without(b.out, two.string()));
  const auto files_one = tree(one), files_two = tree(two);
  EXPECT_GT(files_one.size(), 1u);
  EXPECT_TRUE(files_one == files_two);
}

TEST(ExploreCli, AFaultWindowWithoutKeepFaultsExitsTwoAndTheMessageNamesTheOption) {
  const fs::path dir = scratch("refused");
  const Result r = idsim("explore " + kGameDay + " --runs 5 --out " + dir.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(kGameDay + ": expect[0].window: found {\"during\": 0}"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--keep-faults keeps them"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir));
}

TEST(ExploreCli, BadInputExitsTwoAndRunsNothing) {
  const fs::path dir = scratch("bad");
  EXPECT_EQ(idsim("explore").exit_code, 2);
  EXPECT_EQ(idsim("explore no-such-file.json --out " + dir.string()).exit_code, 2);
  const Result zero = idsim("explore " + kWeakness + " --runs 0 --out " + dir.string());
  EXPECT_EQ(zero.exit_code, 2);
  EXPECT_NE(zero.err.find("--runs must be in 1..1000000"), std::string::npos) << zero.err;
  const Result negative = idsim("explore " + kWeakness + " --runs -3 --out " + dir.string());
  EXPECT_EQ(negative.exit_code, 2);
  EXPECT_NE(negative.err.find("--runs -3: expected a whole number"), std::string::npos) << negative.err;
  const Result budget = idsim("explore " + kWeakness + " --runs 20 --budget 10 --out " + dir.string());
  EXPECT_EQ(budget.exit_code, 2);
  EXPECT_NE(budget.err.find("--budget 10 is below"), std::string::npos) << budget.err;
  const Result bad_bound = idsim("explore " + kWeakness + " --set explore.faults_max=0 --out " + dir.string());
  EXPECT_EQ(bad_bound.exit_code, 2);
  EXPECT_NE(bad_bound.err.find("explore.faults_max: found 0"), std::string::npos) << bad_bound.err;
  EXPECT_FALSE(fs::exists(dir));
}

}  // namespace
