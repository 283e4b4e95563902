// The determinism audit (MODEL.md §8, docs/reliability.md): report.json of every game day and
// the files of one sweep must equal the checked-in digests (tests/golden/digests.txt), whether
// made twice in this process (on two threads at once), by a separate `idsim` process, under
// --jobs 2, or by two shards merged. A changed digest is updated on purpose: make update-golden.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli/commands.h"
#include "reports/report_json.h"
#include "scenarios/loader.h"
#include "scenarios/run.h"
#include "tests/cli/child_process.h"
#include "tests/golden/sha256.h"

namespace {

namespace fs = std::filesystem;
using testing_process::ChildProcess;

const char* const kUpdateHint =
    "if the change is intended, run `make update-golden` and say why in the commit message";

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Paths inside reports are echoed as given, so everything runs from the source directory with
// the same relative paths `make update-golden` uses.
class InSourceDirectory : public ::testing::Environment {
 public:
  void SetUp() override { fs::current_path(IDSIM_SOURCE_DIR); }
  void TearDown() override { fs::remove_all(scratch_root()); }
  static fs::path scratch_root() {
    return fs::temp_directory_path() / ("idsim-golden-" + std::to_string(::getpid()));
  }
};
const auto* const kEnvironment = ::testing::AddGlobalTestEnvironment(new InSourceDirectory);

fs::path scratch(const std::string& name) {
  const fs::path dir = InSourceDirectory::scratch_root() / name;
  fs::remove_all(dir);
  return dir;
}

// "gamedays/default.json" → sha256, from tests/golden/digests.txt.
std::map<std::string, std::string> golden_digests() {
  std::ifstream in(std::string(IDSIM_SOURCE_DIR) + "/tests/golden/digests.txt");
  std::map<std::string, std::string> digests;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string name, digest;
    fields >> name >> digest;
    digests[name] = digest;
  }
  return digests;
}

std::vector<std::string> game_days() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(std::string(IDSIM_SOURCE_DIR) + "/scenarios/gamedays"))
    if (entry.path().extension() == ".json") names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// Exactly the bytes `idsim run` writes as report.json.
std::string report_in_process(const std::string& file) {
  const scenarios::LoadResult loaded = scenarios::load_scenario_file(file);
  if (!loaded.scenario) return "load failed: " + loaded.errors.front().message();
  scenarios::Run run(*loaded.scenario);
  run.execute();
  return reports::report_json(reports::analyse(run)).dump(2) + "\n";
}

TEST(Golden, EveryGameDayHasADigestAndEveryDigestAGameDay) {
  std::vector<std::string> listed;
  for (const auto& [name, digest] : golden_digests())
    if (name.starts_with("gamedays/")) listed.push_back(name.substr(9));
  EXPECT_EQ(listed, game_days()) << kUpdateHint;
}

class GoldenGameDay : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenGameDay, ReportJsonEqualsTheDigestTwiceInProcessAndAsAProcess) {
  const std::string file = "scenarios/gamedays/" + GetParam();
  const auto digests = golden_digests();
  ASSERT_TRUE(digests.contains("gamedays/" + GetParam())) << "no golden digest; " << kUpdateHint;
  const std::string& golden = digests.at("gamedays/" + GetParam());
  const fs::path out = scratch("run-" + GetParam());
  ChildProcess child({IDSIM_BINARY, "run", file, "--quiet", "--out", out.string()}, out.string() + ".log");
  std::string second;
  std::thread other([&] { second = report_in_process(file); });
  const std::string first = report_in_process(file);
  other.join();
  const testing_process::Exit exit = child.wait();
  ASSERT_TRUE(child.spawned());
  ASSERT_FALSE(exit.signalled);
  ASSERT_TRUE(exit.code == 0 || exit.code == 1) << child.output();

  EXPECT_EQ(golden::sha256_hex(first), golden::sha256_hex(second))
      << "two runs in one process differ: hidden state, hash order, addresses or uninitialised memory";
  EXPECT_EQ(golden::sha256_hex(first), golden) << file << " changed in process; " << kUpdateHint;
  EXPECT_EQ(golden::sha256_hex(slurp(out / "report.json")), golden)
      << file << " changed as `idsim run`; " << kUpdateHint << "\n" << child.output();
}

INSTANTIATE_TEST_SUITE_P(GameDays, GoldenGameDay, ::testing::ValuesIn(game_days()),
                         [](const auto& param_info) {
                           std::string name = param_info.param.substr(0, param_info.param.size() - 5);
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

// The checker only reads: a run checked after every event reports the same bytes.
TEST(Golden, ParanoidRunOfAGameDayWritesTheGoldenReport) {
  const std::string name = "role-revoke-restore.json";
  const fs::path out = scratch("paranoid");
  ChildProcess child({IDSIM_BINARY, "run", "scenarios/gamedays/" + name, "--paranoid", "--quiet",
                      "--out", out.string()},
                     out.string() + ".log");
  const testing_process::Exit exit = child.wait();
  ASSERT_FALSE(exit.signalled);
  ASSERT_TRUE(exit.code == 0 || exit.code == 1) << child.output();
  EXPECT_EQ(golden::sha256_hex(slurp(out / "report.json")), golden_digests().at("gamedays/" + name))
      << "--paranoid changed the result\n" << child.output();
}

std::vector<std::string> golden_sweep_args() {
  std::ifstream in(std::string(IDSIM_SOURCE_DIR) + "/tests/golden/sweep.args");
  std::vector<std::string> args;
  for (std::string word; in >> word;) args.push_back(word);
  return args;
}

std::vector<std::string> plus(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

ChildProcess& start(std::vector<std::unique_ptr<ChildProcess>>& children, const std::string& command,
                    const std::vector<std::string>& args, const fs::path& out) {
  children.push_back(std::make_unique<ChildProcess>(
      plus({IDSIM_BINARY, command}, plus(args, {"--quiet", "--out", out.string()})), out.string() + ".log"));
  return *children.back();
}

TEST(Golden, SweepFilesEqualTheDigestsUnderJobsTwoInProcessAsAProcessAndShardedThenMerged) {
  const std::vector<std::string> args = golden_sweep_args();
  ASSERT_FALSE(args.empty());
  const fs::path in_a = scratch("sweep-in-a"), in_b = scratch("sweep-in-b"), process = scratch("sweep-process"),
                 shard0 = scratch("sweep-shard0"), shard1 = scratch("sweep-shard1"), merged = scratch("sweep-merged");
  std::vector<std::unique_ptr<ChildProcess>> children;
  start(children, "sweep", plus(args, {"--jobs", "2"}), process);
  start(children, "sweep", plus(args, {"--jobs", "1", "--shard", "0/2"}), shard0);
  start(children, "sweep", plus(args, {"--jobs", "1", "--shard", "1/2"}), shard1);
  for (const fs::path& out : {in_a, in_b})
    EXPECT_LE(cli::command_sweep(plus(args, {"--jobs", "2", "--quiet", "--out", out.string()})), 1)
        << "in-process sweep into " << out;
  for (auto& child : children) {
    const testing_process::Exit exit = child->wait();
    ASSERT_FALSE(exit.signalled);
    ASSERT_TRUE(exit.code == 0 || exit.code == 1) << child->output();
  }
  ChildProcess& merge = start(children, "merge", {shard0.string(), shard1.string()}, merged);
  ASSERT_EQ(merge.wait().code, 0) << merge.output();

  const auto digests = golden_digests();
  for (const char* file : {"sweep.csv", "sweep.json", "sweep.html"}) {
    ASSERT_TRUE(digests.contains(std::string("sweep/") + file)) << kUpdateHint;
    const std::string& golden = digests.at(std::string("sweep/") + file);
    for (const fs::path& dir : {in_a, in_b, process, merged})
      EXPECT_EQ(golden::sha256_hex(slurp(dir / file)), golden)
          << file << " from " << dir.filename() << " changed; " << kUpdateHint;
  }
}

// The digest function itself, against FIPS 180-4's examples (and so against sha256sum).
TEST(Golden, Sha256MatchesTheStandardsExamples) {
  EXPECT_EQ(golden::sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(golden::sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(golden::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(golden::sha256_hex(std::string(1'000'000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

}  // namespace
