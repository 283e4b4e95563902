// The idsim binary as users meet it: exit codes and outputs.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

struct Result {
  int exit_code;
  std::string output;
};

Result run_idsim(const std::string& args) {
  const fs::path log = fs::temp_directory_path() / ("idsim-cli-" + std::to_string(::getpid()));
  const std::string command = std::string(IDSIM_BINARY) + " " + args + " >" + log.string() + " 2>&1";
  const int status = std::system(command.c_str());
  std::ifstream in(log);
  std::stringstream text;
  text << in.rdbuf();
  fs::remove(log);
  return {WEXITSTATUS(status), text.str()};
}

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("idsim-test-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  return dir;
}

TEST(Cli, VersionAndHelpExitZero) {
  EXPECT_EQ(run_idsim("version").exit_code, 0);
  const Result help = run_idsim("help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.output.find("exit codes"), std::string::npos);
}

TEST(Cli, UnknownCommandIsAUsageErrorWithExitTwo) {
  const Result r = run_idsim("frobnicate");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("unknown command 'frobnicate'"), std::string::npos);
}

TEST(Cli, UnknownOptionIsAUsageErrorWithExitTwo) {
  const Result r = run_idsim("run --no-such-flag");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("no-such-flag"), std::string::npos);
}

TEST(Cli, BadSeedIsAUsageErrorWithExitTwo) {
  EXPECT_EQ(run_idsim("run --seed banana").exit_code, 2);
}

TEST(Cli, SelfCheckWritesTheSameReportForTheSameSeed) {
  const fs::path a = fresh_dir("a"), b = fresh_dir("b");
  ASSERT_EQ(run_idsim("selfcheck --quiet --seed 5 --out " + a.string()).exit_code, 0);
  ASSERT_EQ(run_idsim("selfcheck --quiet --seed 5 --out " + b.string()).exit_code, 0);
  auto slurp = [](const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  };
  const std::string report = slurp(a / "report.json");
  EXPECT_NE(report.find("\"trace_digest\""), std::string::npos);
  EXPECT_EQ(report, slurp(b / "report.json"));
  fs::remove_all(a), fs::remove_all(b);
}

std::string source(const std::string& relative) { return std::string(IDSIM_SOURCE_DIR) + "/" + relative; }

TEST(Cli, RunOfAScenarioWithFailingExpectationsExitsOneAndWritesTheReport) {
  const fs::path out = fresh_dir("run");
  const Result r = run_idsim("run " + source("tests/scenarios/valid/full.json") + " --out " + out.string());
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("FAIL expect[0] auth_failure_rate"), std::string::npos);
  EXPECT_NE(r.output.find("report: "), std::string::npos);
  EXPECT_TRUE(fs::exists(out / "report.json"));
  fs::remove_all(out);
}

TEST(Cli, RunOfAMalformedScenarioExitsTwoAndWritesNothing) {
  const fs::path out = fresh_dir("bad");
  const Result r = run_idsim("run " + source("tests/scenarios/malformed/broken_json.json") + " --out " + out.string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("broken_json.json"), std::string::npos);
  EXPECT_FALSE(fs::exists(out));
}

TEST(Cli, SetOverridesAFieldAndBadPathsAreUsageErrors) {
  const fs::path out = fresh_dir("set");
  const std::string file = source("tests/scenarios/valid/full.json");
  EXPECT_EQ(run_idsim("validate " + file + " --set fleets[web].nodes=3").exit_code, 0);
  const Result bad = run_idsim("validate " + file + " --set fleets[nope].nodes=3");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.output.find("fleets[nope]"), std::string::npos);
  fs::remove_all(out);
}

TEST(Cli, ExplainTellsTheFaultTimelineInWords) {
  const Result r = run_idsim("explain " + source("tests/scenarios/valid/full.yaml"));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.output.find("at 1h: faults[0] imds_block zone zone-a, reverts at 1h20m"), std::string::npos)
      << r.output;
}

TEST(Cli, ExplainNamesAClientThatReadsExpiresIn) {
  // The clock-skew game day's google-auth-node client: a skewed clock does little to it.
  const Result r = run_idsim("explain " + source("scenarios/gamedays/clock-skew.json"));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.output.find("4 attempts, expiry from expires_in)"), std::string::npos) << r.output;
}

TEST(Cli, ExplainSaysWhenEndpointsCoalesceMisses) {
  const Result r = run_idsim("explain " + source("scenarios/gamedays/clock-skew.json") +
                             " --set metadata.coalesce_misses=true");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.output.find("own token cache, one STS request per missed key"), std::string::npos)
      << r.output;
}

TEST(Cli, SchemaIsJson) {
  const Result r = run_idsim("schema");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.output.find("\"$schema\""), std::string::npos);
}

TEST(Cli, ValidateRefusesBrokenJsonWithExitTwo) {
  const fs::path dir = fresh_dir("validate");
  fs::create_directories(dir);
  std::ofstream(dir / "broken.json") << "{ \"name\": ";
  const Result r = run_idsim("validate " + (dir / "broken.json").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("broken.json"), std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
