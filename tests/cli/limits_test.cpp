// Scenarios too big for memory or time are refused up front by the real binary: exit 2, a
// message naming the limit, where it is set and how to stay under it, and nothing run. The wall
// time of each refusal is printed (docs/reliability.md quotes them); it is not asserted.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/cli/child_process.h"
#include "tests/scratch_root.h"

namespace {

namespace fs = std::filesystem;
using testing_process::ChildProcess;

const idsim_test::ScratchRoot kScratch("idsim-limits");
fs::path scratch_root() { return kScratch.path(); }

std::string limits_file(const std::string& name) {
  return std::string(IDSIM_SOURCE_DIR) + "/tests/cli/limits/" + name;
}

struct Refusal {
  int exit_code = -1;
  std::string output;
};

// Runs idsim with `args`, prints how long the refusal took, and returns its exit and output.
Refusal idsim(const std::vector<std::string>& args) {
  std::vector<std::string> argv{IDSIM_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  const auto start = std::chrono::steady_clock::now();
  ChildProcess child(argv, scratch_root() / "idsim.log");
  const testing_process::Exit exit = child.wait();
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  std::printf("  [%s] refused in %.0f ms\n", ::testing::UnitTest::GetInstance()->current_test_info()->name(), ms);
  return {exit.signalled ? 128 + exit.code : exit.code, child.output()};
}

void expect_refused(const Refusal& r, const std::vector<std::string>& phrases) {
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("nothing was run"), std::string::npos) << r.output;
  for (const std::string& phrase : phrases) EXPECT_NE(r.output.find(phrase), std::string::npos) << phrase << "\n" << r.output;
}

TEST(Limits, TenToTheTwelveInstancesAreRefusedNamingTheInstanceLimit) {
  const Refusal r = idsim({"run", limits_file("small.json"), "--set", "fleets[web].nodes=1000000",
                           "--set", "fleets[web].instances_per_node=1000000"});
  expect_refused(r, {"found nodes × instances_per_node = 1000000000000",
                     "at most 10000000 instances per fleet (limit kInstancesMax, scenarios/validate.h:",
                     "simulate a slice of the estate"});
}

TEST(Limits, NanosecondBucketOverAYearIsRefusedNamingBothLimits) {
  const Refusal r = idsim({"run", limits_file("small.json"), "--set", "duration=365d", "--set", "bucket=1ns"});
  expect_refused(r, {"duration: found \"365d\", expected a duration in 1us..30d (limit kRunMax, scenarios/validate.h",
                     "bucket: found \"1ns\" (unknown unit), expected a duration in 1s..30d (limits: at least 1s",
                     "use a coarser bucket"});
}

TEST(Limits, SecondBucketsOverAMonthExceedTheReportCells) {
  const Refusal r = idsim({"run", limits_file("small.json"), "--set", "duration=30d", "--set", "bucket=1s"});
  expect_refused(r, {"2592000 buckets × 1 fleets", "models::Metrics::kCellsMax", "use a larger bucket"});
}

TEST(Limits, BillionFaultsThroughYamlAliasesAreRefusedBeforeExpansion) {
  const Refusal r = idsim({"run", limits_file("billion-faults.yaml")});
  expect_refused(r, {"values once its aliases are expanded", "limit kDocumentValuesMax, scenarios/validate.h",
                     "no alias chains"});
}

TEST(Limits, FaultsArrayLongerThanTheLimitIsRefused) {
  fs::create_directories(scratch_root());
  const fs::path file = scratch_root() / "many-faults.json";
  {
    std::ofstream out(file);
    out << R"({"name": "many-faults", "duration": "1h", "identities": [{"name": "app"}],
      "services": [{"name": "storage"}], "fleets": [{"name": "web", "nodes": 1, "identity": "app",
      "calls": [{"service": "storage"}], "client": {"preset": "msal-dotnet"}}], "faults": [)";
    for (int i = 0; i < 20'000; ++i) out << (i ? "," : "") << R"({"kind": "sts_outage", "at": "10m", "duration": "1m"})";
    out << "]}";
  }
  const Refusal r = idsim({"run", file.string()});
  expect_refused(r, {"faults: found an array of 20000 entries, expected an array of at most 10000 entries",
                     "limit kFaultsMax, scenarios/validate.h: split the fault script"});
}

TEST(Limits, TokenCachesBeyondTheKernelsPendingEventsAreRefused) {
  // 10^7 instances × 2 call entries: 2·10^7 token caches, each with a refresh timer.
  const Refusal r = idsim({"validate", limits_file("small.json"), "--set", "fleets[web].nodes=1000000",
                           "--set", "fleets[web].instances_per_node=10"});
  expect_refused(r, {"20000000 entries, one per client and call",
                     "sim::SimulatorOptions::pending_events_max", "\"cache\": \"node\""});
}

TEST(Limits, ServicesTimesIdentitiesBeyondMemoryAreRefused) {
  fs::create_directories(scratch_root());
  const fs::path file = scratch_root() / "wide.json";
  {
    std::ofstream out(file);
    out << R"({"name": "wide", "duration": "1h", "identities": [)";
    for (int i = 0; i < 20'000; ++i) out << (i ? "," : "") << R"({"name": "i)" << i << "\"}";
    out << R"(], "services": [)";
    for (int i = 0; i < 20'000; ++i) out << (i ? "," : "") << R"({"name": "s)" << i << "\"}";
    out << R"(], "fleets": [{"name": "web", "nodes": 1, "identity": "i0", "calls": [{"service": "s0"}],
      "client": {"preset": "msal-dotnet"}}]})";
  }
  const Refusal r = idsim({"run", file.string()});
  expect_refused(r, {"20000 services × 20000 identity objects (one per user identity, one per "
                     "instance of a system identity) = 400000000 authorization views",
                     "limit kAuthzCellsMax, scenarios/validate.h", "of memory", "limit kMemoryBytesMax"});
}

// 400 pods per node, each with its own system identity, calling 2 services: 1200 keys.
TEST(Limits, SystemIdentitiesTimesAudiencesBeyondTheEndpointCacheAreRefused) {
  const Refusal r = idsim({"run", limits_file("small.json"), "--set", "metadata={\"cache\": true}",
                           "--set", "identities[0].kind=system", "--set",
                           "fleets[web].instances_per_node=400"});
  expect_refused(r, {"found 1200 token cache keys per node",
                     "400 system identities, one per instance × (2 distinct services + 1",
                     "a user identity"});
}

// 10^7 instances with system identities, each known to 2 services, is 2·10^7 views.
TEST(Limits, SystemIdentityViewsBeyondMemoryAreRefused) {
  const Refusal r = idsim({"run", limits_file("small.json"), "--set", "identities[0].kind=system",
                           "--set", "fleets[web].nodes=1000000", "--set",
                           "fleets[web].instances_per_node=10"});
  expect_refused(r, {"identity objects (one per user identity, one per instance of a system identity)",
                     "limit kAuthzCellsMax", "or use a user identity"});
}

TEST(Limits, ExactModeCallsBeyondTheEventBudgetAreRefusedAsTooLong) {
  const Refusal r = idsim({"run", limits_file("small.json"), "--exact-calls", "--set", "duration=30d",
                           "--set", "bucket=1h", "--set", "fleets[web].calls[0].rate_per_s=10000"});
  expect_refused(r, {"calls, one event each", "limit kCallEventsMax, scenarios/validate.h",
                     "drop exact_calls / --exact-calls", "a shorter duration, fewer instances or lower call rates"});
}

TEST(Limits, ScenarioFileLargerThanTheLimitIsRefusedUnread) {
  fs::create_directories(scratch_root());
  const fs::path file = scratch_root() / "huge.json";
  std::ofstream(file) << "{";
  fs::resize_file(file, (std::uintmax_t{64} << 20) + 1);  // sparse: nothing is written
  const Refusal r = idsim({"run", file.string()});
  expect_refused(r, {"found 67108865 bytes", "limit kDocumentBytesMax, scenarios/validate.h"});
}

TEST(Limits, SweepGridSeedsAndThreadsAreBounded) {
  const std::string file = std::string(IDSIM_SOURCE_DIR) + "/scenarios/tuning/ttl-vs-outage.json";
  const fs::path out = scratch_root() / "sweep";
  const Refusal grid = idsim({"sweep", file, "--range", "fleets[web].client.refresh.fraction=0.1:0.9:0.0001",
                              "--range", "sts.servers=1:9999:1", "--out", out.string()});
  EXPECT_EQ(grid.exit_code, 2);
  EXPECT_NE(grid.output.find("the grid has 8001 × 9999 points, more than 1000000 (limit kSweepPointsMax"),
            std::string::npos) << grid.output;
  const Refusal seeds = idsim({"sweep", file, "--set", "sts.token_ttl=1h", "--seeds", "1000000000000",
                               "--out", out.string()});
  EXPECT_EQ(seeds.exit_code, 2);
  EXPECT_NE(seeds.output.find("limit kSweepSeedsMax"), std::string::npos) << seeds.output;
  const Refusal jobs = idsim({"sweep", file, "--set", "sts.token_ttl=1h", "--jobs", "100000", "--out", out.string()});
  EXPECT_EQ(jobs.exit_code, 2);
  EXPECT_NE(jobs.output.find("limit kSweepJobsMax"), std::string::npos) << jobs.output;
  EXPECT_FALSE(fs::exists(out)) << "a refused sweep wrote into " << out;
}

}  // namespace
