// idsim sweep as users meet it: --exact-calls is accepted and shows in what the sweep prints
// and writes; bad input found before the first run (a bad axis value, a manifest --resume
// cannot continue) exits 2 with the file or value named, never 3.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/cli/child_process.h"
#include "tests/scratch_root.h"

namespace {

namespace fs = std::filesystem;
using testing_process::ChildProcess;

const idsim_test::ScratchRoot kScratch("idsim-sweep-cli");
fs::path scratch_root() { return kScratch.path(); }

struct Result {
  int exit_code = -1;
  std::string output;
};

// `idsim sweep` of the tuning example with `args` after the scenario, writing into `out`.
Result sweep(const fs::path& out, const std::vector<std::string>& args) {
  std::vector<std::string> argv{IDSIM_BINARY, "sweep",
                                std::string(IDSIM_SOURCE_DIR) + "/scenarios/tuning/ttl-vs-outage.json"};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.insert(argv.end(), {"--jobs", "2", "--out", out.string()});
  fs::create_directories(scratch_root());
  ChildProcess child(argv, scratch_root() / (out.filename().string() + ".log"));
  const testing_process::Exit exit = child.wait();
  return {exit.signalled ? 128 + exit.code : exit.code, child.output()};
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(SweepCli, ExactCallsIsAcceptedAndRecordedInTheSweepsFiles) {
  const fs::path out = scratch_root() / "exact";
  const Result r = sweep(out, {"--set", "sts.token_ttl=1h,2h", "--seeds", "1", "--exact-calls"});
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.output;  // 1: no point passes
  EXPECT_NE(r.output.find("on 2 threads, exact calls -> "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("--exact-calls\n"), std::string::npos) << "rerun commands:\n" << r.output;
  const auto json = nlohmann::ordered_json::parse(slurp(out / "sweep.json"));
  EXPECT_EQ(json.at("exact_calls"), true);
  EXPECT_EQ(nlohmann::ordered_json::parse(slurp(out / "sweep-partial.json")).at("exact_calls"), true);
}

TEST(SweepCli, ABadAxisValueExitsTwoBeforeAnythingRuns) {
  const fs::path out = scratch_root() / "bad-value";
  const Result r = sweep(out, {"--set", "sts.token_ttl=1h,banana", "--seeds", "1"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("axis sts.token_ttl, value banana: "), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(out)) << "points ran before the refusal";
}

TEST(SweepCli, ResumeOverAManifestItCannotContinueExitsTwoNamingIt) {
  const fs::path out = scratch_root() / "old-manifest";
  fs::create_directories(out);
  std::ofstream(out / "sweep-partial.json") << R"({"format": "idsim-sweep-partial/1"})" << "\n";
  const Result r = sweep(out, {"--set", "sts.token_ttl=1h", "--seeds", "1", "--resume"});
  EXPECT_EQ(r.exit_code, 2) << r.output;  // was 3: "idsim: internal error: unknown format"
  EXPECT_NE(r.output.find((out / "sweep-partial.json").string()), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("older idsim"), std::string::npos) << r.output;
}

}  // namespace
