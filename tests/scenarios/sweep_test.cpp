// idsim sweep: the grid, determinism across --jobs and shards, merge, resume, and the shipped
// tuning example's recommendation against the hand-reasoned answer.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "scenarios/sweep_run.h"
#include "sim/random.h"

namespace {

namespace fs = std::filesystem;
using namespace scenarios;

const std::string kTtl = "sts.token_ttl";
const std::string kFraction = "fleets[web].client.refresh.fraction";
const std::string kJitter = "fleets[web].client.refresh.jitter_min";

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Whole-or-nothing, like reports::write_file_atomically (which this library cannot link).
void write_file(const fs::path& path, std::string_view content) {
  fs::create_directories(path.parent_path());
  const fs::path temp = path.string() + ".tmp";
  std::ofstream(temp, std::ios::binary) << content;
  fs::rename(temp, path);
}

fs::path scratch_root() {
  return fs::temp_directory_path() / ("idsim-sweep-test-" + std::to_string(::getpid()));
}

fs::path scratch(const std::string& name) {
  const fs::path dir = scratch_root() / name;
  fs::remove_all(dir);
  return dir;
}

// Removes every test's output directory when the binary ends.
class ScratchCleanup : public ::testing::Environment {
 public:
  void TearDown() override { fs::remove_all(scratch_root()); }
};
const auto* const kCleanup = ::testing::AddGlobalTestEnvironment(new ScratchCleanup);

SweepOptions example(const fs::path& out, std::size_t jobs, Shard shard = {}) {
  SweepOptions o;
  o.source.file = "scenarios/tuning/ttl-vs-outage.json";
  o.source.format = "json";
  o.source.text = slurp(std::string(IDSIM_SOURCE_DIR) + "/" + o.source.file);
  o.axes = {{kTtl, {"1h", "2h"}}, {kFraction, {"0.25", "0.5", "0.75"}}, {kJitter, {"0s", "-10m"}}};
  o.seeds = 2;
  o.jobs = jobs;
  o.shard = shard;
  o.out_dir = out;
  return o;
}

SweepOutcome sweep(const SweepOptions& o) {
  SweepOutcome r = run_sweep(o, write_file, nullptr);
  EXPECT_TRUE(r.errors.empty());
  if (r.table) write_sweep_outputs(*r.table, o.out_dir, write_file);
  return r;
}

std::size_t point_of(const SweepGrid& grid, const std::string& ttl, const std::string& fraction,
                     const std::string& jitter) {
  for (std::size_t p = 0; p < grid.size(); ++p)
    if (grid.label(p) == kTtl + "=" + ttl + " " + kFraction + "=" + fraction + " " + kJitter + "=" + jitter)
      return p;
  ADD_FAILURE() << "no point " << ttl << " " << fraction << " " << jitter;
  return 0;
}

TEST(SweepGrid, SplitsValuesOutsideBracketsAndExpandsRanges) {
  std::string error;
  const auto set = parse_set_axis("faults[0].selector.nodes=[0,9],[10,19],\"a,b\"", error);
  ASSERT_TRUE(set) << error;
  EXPECT_EQ(set->path, "faults[0].selector.nodes");
  EXPECT_EQ(set->values, (std::vector<std::string>{"[0,9]", "[10,19]", "\"a,b\""}));
  const auto numbers = parse_range_axis("x.fraction=0.3:0.7:0.1", error);
  ASSERT_TRUE(numbers) << error;
  EXPECT_EQ(numbers->values, (std::vector<std::string>{"0.3", "0.4", "0.5", "0.6", "0.7"}));
  const auto durations = parse_range_axis("x.jitter_min=-10m:0s:5m", error);
  ASSERT_TRUE(durations) << error;
  EXPECT_EQ(durations->values, (std::vector<std::string>{"-10m", "-5m", "0s"}));
  EXPECT_FALSE(parse_range_axis("x=1:0:1", error));
  EXPECT_FALSE(parse_set_axis("x=1,,2", error));
}

TEST(SweepGrid, OrdersPointsShardsAndSeedsAsDocumented) {
  const SweepGrid grid({{"a", {"1", "2"}}, {"b", {"x", "y", "z"}}});
  ASSERT_EQ(grid.size(), 6u);
  EXPECT_EQ(grid.label(4), "a=2 b=y");  // the last axis varies fastest
  std::string error;
  const auto shard = parse_shard("2/3", error);
  ASSERT_TRUE(shard);
  EXPECT_TRUE(shard->holds(2) && shard->holds(5) && !shard->holds(3));
  EXPECT_FALSE(parse_shard("3/3", error));
  EXPECT_EQ(sweep_seed(7, 0), sim::mix64(7 ^ sim::mix64(1)));
  EXPECT_EQ(rerun_command("f.json", grid.overrides(4), 9),
            "idsim run f.json --set a=2 --set b=y --seed 9");
  EXPECT_EQ(shell_quote("fleets[web].x=it's"), "'fleets[web].x=it'\\''s'");
}

// The issue's "done when": --jobs 1 and --jobs 2 give byte-identical files, and three shards
// merged give the unsharded sweep's files byte for byte.
TEST(Sweep, JobsAndShardsDoNotChangeABit) {
  const fs::path one = scratch("jobs1"), two = scratch("jobs2"), merged = scratch("merged");
  sweep(example(one, 1));
  sweep(example(two, 2));
  std::vector<Partial> partials;
  for (std::size_t i = 0; i < 3; ++i) {
    const fs::path dir = scratch("shard" + std::to_string(i));
    const SweepOutcome r = sweep(example(dir, 2, Shard{i, 3}));
    EXPECT_EQ(r.points_in_shard, 4u);
    EXPECT_FALSE(r.table.has_value());
    partials.push_back(read_partial(dir));
  }
  write_sweep_outputs(merge_partials(partials), merged, write_file);
  for (const char* name : {"sweep.csv", "sweep.json", "sweep.html"}) {
    const std::string reference = slurp(one / name);
    EXPECT_GT(reference.size(), 500u) << name;
    EXPECT_EQ(slurp(two / name), reference) << name;
    EXPECT_EQ(slurp(merged / name), reference) << name;
  }
  partials.pop_back();
  EXPECT_THROW(merge_partials(partials), SweepError);  // shard 2's points are missing
}

TEST(Sweep, ResumeRunsOnlyWhatIsMissing) {
  const fs::path dir = scratch("resume");
  SweepOptions o = example(dir, 2);
  o.axes[0].values = {"2h"};
  sweep(o);
  const std::string csv = slurp(dir / "sweep.csv");
  fs::remove(dir / "points" / point_file_name(3));
  fs::remove(dir / "sweep.csv");
  o.resume = true;
  const SweepOutcome r = sweep(o);
  EXPECT_EQ(r.points_run, 1u);
  EXPECT_EQ(r.points_skipped, 5u);
  EXPECT_EQ(slurp(dir / "sweep.csv"), csv);
  o.seeds = 3;  // another sweep in the same directory: refused, not mixed
  EXPECT_THROW(run_sweep(o, write_file, nullptr), SweepError);
}

// Hand-reasoned: a token refreshed at fraction f of lifetime L keeps (1-f)·L, so the 40-minute
// outage is survived iff 40m < (1-f)·L (refresh at half-life tolerates an outage shorter than
// L/2); without jitter the restart's cold fetches come back as one refresh herd above the STS's
// 10/s. The cheapest point that passes both is L = 2h, f = 0.5, jitter_min = -10m.
TEST(Sweep, TuningExampleRecommendsWhatTheArithmeticSays) {
  const SweepOutcome r = sweep(example(scratch("tuning"), 2));
  ASSERT_TRUE(r.table);
  const SweepTable& t = *r.table;
  const auto failed = [&](const std::string& ttl, const std::string& f, const std::string& j,
                          std::size_t e) { return t.summaries[point_of(t.grid, ttl, f, j)].failures[e] > 0; };
  for (const char* j : {"0s", "-10m"}) {
    EXPECT_TRUE(failed("1h", "0.5", j, 0)) << "40m outage > L/2 = 30m";
    EXPECT_FALSE(failed("2h", "0.5", j, 0)) << "40m outage < L/2 = 60m";
    EXPECT_FALSE(failed("1h", "0.25", j, 0)) << "40m < 0.75·1h = 45m";
    EXPECT_TRUE(failed("2h", "0.75", j, 0)) << "40m > 0.25·2h = 30m";
  }
  for (const char* ttl : {"1h", "2h"})
    for (const char* f : {"0.25", "0.5", "0.75"}) {
      EXPECT_TRUE(failed(ttl, f, "0s", 1)) << "no jitter: the herd exceeds 10/s";
      EXPECT_FALSE(failed(ttl, f, "-10m", 1)) << "10 minutes of jitter spread it";
    }
  const std::vector<std::size_t> best = recommended(t.summaries);
  ASSERT_EQ(best.size(), 3u);
  EXPECT_EQ(best.front(), point_of(t.grid, "2h", "0.5", "-10m"));
  EXPECT_NE(render_recommendation(t).find("#" + std::to_string(best.front()) + "  " + kTtl + "=2h"),
            std::string::npos);
}

}  // namespace
