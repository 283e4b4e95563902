// idsim sweep: the grid, determinism across --jobs and shards, merge, resume, --exact-calls,
// and the shipped tuning example's recommendation against the hand-reasoned answer.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "scenarios/sweep_run.h"
#include "sim/random.h"
#include "tests/scratch_root.h"

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

const idsim_test::ScratchRoot kScratch("idsim-sweep-test");
fs::path scratch_root() { return kScratch.path(); }

fs::path scratch(const std::string& name) {
  const fs::path dir = scratch_root() / name;
  fs::remove_all(dir);
  return dir;
}

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

// Two points (TTL 1h, 2h) × one seed of the tuning example: the smallest sweep that still has
// a grid, for the call-mode tests (exact mode simulates its 5·10^5 calls per run one by one).
SweepOptions two_points(const fs::path& out, bool exact_calls, Shard shard = {}) {
  SweepOptions o = example(out, 2, shard);
  o.axes = {{kTtl, {"1h", "2h"}}};
  o.seeds = 1;
  o.exact_calls = exact_calls;
  return o;
}

std::string runs_of(const fs::path& dir) {
  std::string out;
  for (const PointResult& p : read_partial(dir).points) out += to_json(p).dump() + "\n";
  return out;
}

// --exact-calls gives every run exactly what the override exact_calls=true gives it (the
// one-value axis was the way to ask for it before), and the call mode shows in what the
// sweep writes: the manifest, sweep.json, the page and each rerun command.
TEST(Sweep, ExactCallsRunsEveryPointAsTheExactCallsOverrideDoes) {
  const fs::path flag = scratch("exact-flag"), axis = scratch("exact-axis"), plain = scratch("plain");
  const SweepOutcome exact = sweep(two_points(flag, true));
  SweepOptions by_axis = two_points(axis, false);
  by_axis.axes.push_back({"exact_calls", {"true"}});
  sweep(by_axis);
  sweep(two_points(plain, false));
  EXPECT_EQ(runs_of(flag), runs_of(axis));
  EXPECT_NE(runs_of(flag), runs_of(plain)) << "one call at a time draws other numbers than the aggregate";
  ASSERT_TRUE(exact.table);
  EXPECT_TRUE(exact.manifest.exact_calls);
  EXPECT_TRUE(read_partial(flag).manifest.exact_calls);
  const auto json = nlohmann::ordered_json::parse(slurp(flag / "sweep.json"));
  EXPECT_EQ(json.at("exact_calls"), true);
  EXPECT_EQ(nlohmann::ordered_json::parse(slurp(plain / "sweep.json")).at("exact_calls"), false);
  const std::string rerun = json.at("points").at(1).at("runs").at(0).at("rerun");
  EXPECT_EQ(rerun, "idsim run scenarios/tuning/ttl-vs-outage.json --set sts.token_ttl=2h --seed " +
                       std::to_string(sweep_seed(exact.manifest.scenario_seed, 0)) + " --exact-calls");
  EXPECT_NE(slurp(flag / "sweep.html").find("exact calls"), std::string::npos);
  EXPECT_EQ(slurp(plain / "sweep.csv").find("--exact-calls"), std::string::npos);
  EXPECT_NE(slurp(flag / "sweep.csv").find("--exact-calls"), std::string::npos);
  EXPECT_EQ(slurp(axis / "sweep.csv").find("--exact-calls"), std::string::npos)
      << "the axis's own --set already gives the mode";
}

// The exact-mode limit on call events is checked before anything runs, with the flag: a call
// rate the aggregate mode takes in its stride is refused up front in exact mode.
TEST(Sweep, ExactCallsAppliesTheExactModeLimitUpFront) {
  SweepOptions o = two_points(scratch("exact-limit"), false);
  o.axes.push_back({"fleets[web].calls[0].rate_per_s", {"100000"}});
  EXPECT_NO_THROW(prepare_manifest(o));
  o.exact_calls = true;
  try {
    prepare_manifest(o);
    ADD_FAILURE() << "2.6·10^11 call events accepted in exact mode";
  } catch (const SweepError& e) {
    EXPECT_NE(std::string(e.what()).find("kCallEventsMax"), std::string::npos) << e.what();
  }
}

TEST(Sweep, ExactCallsWithAnExactCallsAxisIsRefused) {
  SweepOptions o = two_points(scratch("exact-both"), true);
  o.axes.push_back({"exact_calls", {"false", "true"}});
  EXPECT_THROW(prepare_manifest(o), SweepError);
}

// Resume and merge check the call mode as they check seeds and grid: one sweep's files never
// mix exact and aggregated runs.
TEST(Sweep, ResumeAndMergeRefuseToMixCallModes) {
  const fs::path exact = scratch("mode-exact"), plain = scratch("mode-plain");
  sweep(two_points(exact, true, Shard{0, 2}));
  sweep(two_points(plain, false, Shard{1, 2}));
  try {
    merge_partials({read_partial(exact), read_partial(plain)});
    ADD_FAILURE() << "merged an exact shard with an aggregated one";
  } catch (const SweepError& e) {
    EXPECT_NE(std::string(e.what()).find("call modes"), std::string::npos) << e.what();
  }
  SweepOptions resume = two_points(exact, false, Shard{0, 2});
  resume.resume = true;
  EXPECT_THROW(run_sweep(resume, write_file, nullptr), SweepError);
  EXPECT_EQ(read_partial(exact).points.size(), 1u) << "the refused resume deleted points";
}

// A manifest that parses as JSON but is not one this idsim writes — an older format, another
// tool's file — is bad input (exit 2), not an internal error (it was: std::invalid_argument
// escaped to main, exit 3).
TEST(Sweep, ResumeOverAManifestOfAnotherFormatIsASweepError) {
  const fs::path dir = scratch("old-manifest");
  for (const char* manifest : {R"({"format": "idsim-sweep-partial/1", "seeds": 1})",
                               R"({"format": "something-else"})", R"([1, 2])"}) {
    write_file(dir / kManifestFile, manifest);
    SweepOptions o = two_points(dir, false);
    o.resume = true;
    try {
      run_sweep(o, write_file, nullptr);
      ADD_FAILURE() << "resumed over " << manifest;
    } catch (const SweepError& e) {
      EXPECT_NE(std::string(e.what()).find(kManifestFile), std::string::npos) << e.what();
    }
  }
}

// Every value of every axis is loaded before anything runs: a bad one is bad input up front
// (exit 2, nothing run), not a failed point after all the others ran (it was: point 0 alone
// was loaded, so the bad TTL below failed points 2 and 3 after points 0 and 1 had run).
TEST(Sweep, ABadValueOnAnyAxisIsRefusedBeforeAnythingRuns) {
  const fs::path out = scratch("bad-value");
  SweepOptions o = example(out, 2);
  o.axes = {{kTtl, {"1h", "banana"}}, {kFraction, {"0.5", "0.6"}}};
  o.seeds = 1;
  try {
    run_sweep(o, write_file, nullptr);
    ADD_FAILURE() << "a sweep with sts.token_ttl=banana ran";
  } catch (const SweepError& e) {
    EXPECT_NE(std::string(e.what()).find("axis sts.token_ttl, value banana: "), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(out)) << "something was written before the refusal";
}

// merge checks each run's seed as --resume does: a point file from another sweep of the same
// grid (another --seed) is refused, not mixed in.
TEST(Sweep, MergeRefusesAPointWhoseSeedsAreNotTheSweeps) {
  const fs::path dir = scratch("foreign-seed");
  sweep(two_points(dir, false));
  const fs::path point = dir / "points" / point_file_name(1);
  auto json = nlohmann::ordered_json::parse(slurp(point));
  json["runs"][0]["seed"] = json["runs"][0]["seed"].get<std::uint64_t>() + 1;
  write_file(point, json.dump() + "\n");
  try {
    merge_partials({read_partial(dir)});
    ADD_FAILURE() << "merged a point run with a foreign seed";
  } catch (const SweepError& e) {
    EXPECT_NE(std::string(e.what()).find("point 1 seed 0"), std::string::npos) << e.what();
  }
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
