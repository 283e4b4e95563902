// SIGINT and SIGTERM during `idsim run` and `idsim sweep` (docs/reliability.md): the real binary
// is started, signalled at a seeded-random point, and its output directory inspected. A sweep
// stopped twice and resumed twice must equal an uninterrupted one byte for byte.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "scenarios/sweep_run.h"
#include "sim/random.h"
#include "tests/cli/child_process.h"

namespace {

namespace fs = std::filesystem;
using testing_process::ChildProcess;
using testing_process::Exit;

fs::path scratch(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("idsim-interrupt-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  return dir;
}

std::string source(const std::string& relative) { return std::string(IDSIM_SOURCE_DIR) + "/" + relative; }

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The kill points come from this seed; IDSIM_INTERRUPT_SEED=N replays another set of them.
std::uint64_t interrupt_seed() {
  const char* env = std::getenv("IDSIM_INTERRUPT_SEED");
  return env != nullptr ? std::strtoull(env, nullptr, 10) : 8;
}

// Waits (polling) until `ready` holds or the child exits; false when it exited first. The
// deadline only guards against a hung child, it is not a timing assertion.
template <class Ready>
bool wait_until(const ChildProcess& child, Ready ready) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline) {
    if (ready()) return true;
    if (!child.running()) return ready();
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return false;
}

std::size_t count_point_files(const fs::path& dir) {
  std::error_code ec;
  std::size_t n = 0;
  for (const auto& entry : fs::directory_iterator(dir / "points", ec))
    if (entry.path().extension() == ".json" && entry.path().filename().string()[0] == 'p') ++n;
  return n;
}

// Every file under dir is complete: no temporary name, and every point file parses whole.
void expect_only_complete_files(const fs::path& dir) {
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const std::string name = entry.path().filename().string();
    EXPECT_FALSE(name.starts_with('.') || name.find(".tmp") != std::string::npos)
        << "left behind: " << entry.path();
    if (entry.path().parent_path().filename() != "points") continue;
    const auto json = nlohmann::ordered_json::parse(slurp(entry.path()), nullptr, false);
    ASSERT_FALSE(json.is_discarded()) << "partial point file " << entry.path();
    EXPECT_EQ(scenarios::point_from_json(json).runs.size(), 2u) << entry.path();
  }
}

// 12 points × 2 seeds of the tuning example: about 2 s on two threads.
std::vector<std::string> sweep_args(const fs::path& out, bool resume) {
  std::vector<std::string> args{IDSIM_BINARY, "sweep", source("scenarios/tuning/ttl-vs-outage.json"),
                                "--set", "sts.token_ttl=1h,2h",
                                "--set", "fleets[web].client.refresh.fraction=0.25,0.5,0.75",
                                "--set", "fleets[web].client.refresh.jitter_min=0s,-10m",
                                // every call an event: points slow enough to stop between them
                                // (and resume checks the call mode it finds in the manifest)
                                "--exact-calls",
                                "--seeds", "2", "--jobs", "2", "--quiet", "--out", out.string()};
  if (resume) args.push_back("--resume");
  return args;
}
constexpr std::size_t kSweepPoints = 12;

// Starts the sweep, waits for at least `points` point files plus up to 50 ms, sends SIGTERM.
Exit sweep_and_terminate(const fs::path& out, bool resume, std::size_t points, sim::Rng& rng) {
  ChildProcess child(sweep_args(out, resume), out.string() + ".log");
  EXPECT_TRUE(child.spawned());
  const bool reached = wait_until(child, [&] { return count_point_files(out) >= points; });
  EXPECT_TRUE(reached) << "the sweep ended before point " << points << ":\n" << child.output();
  std::this_thread::sleep_for(std::chrono::microseconds(rng.below(50'000)));
  child.signal(SIGTERM);
  const Exit exit = child.wait();
  EXPECT_NE(child.output().find("stopped by SIGTERM"), std::string::npos) << child.output();
  return exit;
}

TEST(Interrupt, TerminatedSweepKeepsCompletePointsAndResumesToTheUninterruptedBytes) {
  sim::Rng rng(interrupt_seed(), "interrupt-test");
  SCOPED_TRACE("IDSIM_INTERRUPT_SEED=" + std::to_string(interrupt_seed()));
  const fs::path reference = scratch("sweep-reference"), out = scratch("sweep");
  ChildProcess whole(sweep_args(reference, false), reference.string() + ".log");
  const Exit whole_exit = whole.wait();
  ASSERT_FALSE(whole_exit.signalled);
  ASSERT_EQ(whole_exit.code, 0) << whole.output();

  // Twice: stop after a random number of newly finished points, then resume. A new point
  // file also proves the child has installed its handlers before the signal.
  std::size_t at_least = 1 + rng.below(3);
  for (int stop = 0; stop < 2; ++stop) {
    const Exit exit = sweep_and_terminate(out, stop > 0, at_least, rng);
    ASSERT_FALSE(exit.signalled) << "killed by signal " << exit.code;
    EXPECT_EQ(exit.code, 143);
    expect_only_complete_files(out);
    for (const auto& kept : fs::directory_iterator(out / "points"))
      EXPECT_EQ(slurp(kept.path()), slurp(reference / "points" / kept.path().filename()))
          << "kept point " << kept.path().filename() << " is not the uninterrupted one";
    EXPECT_FALSE(fs::exists(out / "sweep.csv")) << "an interrupted sweep wrote its table";
    at_least = count_point_files(out) + 1 + rng.below(3);
    ASSERT_LE(at_least, kSweepPoints - 2) << "too little left to interrupt";
  }
  ChildProcess rest(sweep_args(out, true), out.string() + ".log");
  ASSERT_EQ(rest.wait().code, 0) << rest.output();
  expect_only_complete_files(out);

  for (const char* file : {"sweep.csv", "sweep.json", "sweep.html", "sweep-partial.json"})
    EXPECT_EQ(slurp(out / file), slurp(reference / file)) << file << " differs";
  for (std::size_t p = 0; p < kSweepPoints; ++p) {
    const fs::path point = fs::path("points") / scenarios::point_file_name(p);
    EXPECT_EQ(slurp(out / point), slurp(reference / point)) << point << " differs";
  }
  fs::remove_all(reference), fs::remove_all(out);
}

TEST(Interrupt, InterruptedRunWritesNothingAndExits130) {
  sim::Rng rng(interrupt_seed(), "interrupt-run");
  const fs::path out = scratch("run");
  // Ten simulated days of the default game day, every call an event: far longer than the
  // wait below (aggregated, the whole run takes less than it).
  ChildProcess child({IDSIM_BINARY, "run", source("scenarios/gamedays/default.json"), "--set",
                      "duration=10d", "--exact-calls", "--verbose", "--out", out.string()},
                     out.string() + ".log");
  ASSERT_TRUE(child.spawned());
  // "running" is logged once the handlers are installed and the simulation is about to start.
  ASSERT_TRUE(wait_until(child, [&] { return child.output().find("running default") != std::string::npos; }))
      << child.output();
  std::this_thread::sleep_for(std::chrono::milliseconds(20 + rng.below(200)));
  child.signal(SIGINT);
  const Exit exit = child.wait();
  ASSERT_FALSE(exit.signalled) << "killed by signal " << exit.code;
  EXPECT_EQ(exit.code, 130);
  EXPECT_NE(child.output().find("stopped by SIGINT at simulated time"), std::string::npos)
      << child.output();
  EXPECT_NE(child.output().find("nothing written"), std::string::npos) << child.output();
  EXPECT_FALSE(fs::exists(out)) << "an interrupted run wrote into " << out;
}

TEST(Interrupt, RunRemovesTemporariesAKilledWriterLeftAndNothingElse) {
  const fs::path out = scratch("stale");
  fs::create_directories(out);
  std::ofstream(out / ".report.json.tmp-Ab12Cd") << "{ \"half\": ";
  std::ofstream(out / "notes.txt") << "mine";
  ChildProcess child({IDSIM_BINARY, "run", source("scenarios/gamedays/role-revoke-restore.json"),
                      "--quiet", "--out", out.string()},
                     out.string() + ".log");
  const Exit exit = child.wait();
  ASSERT_FALSE(exit.signalled);
  EXPECT_TRUE(exit.code == 0 || exit.code == 1) << child.output();
  EXPECT_FALSE(fs::exists(out / ".report.json.tmp-Ab12Cd"));
  EXPECT_EQ(slurp(out / "notes.txt"), "mine");
  EXPECT_TRUE(fs::exists(out / "report.json"));
  fs::remove_all(out);
}

}  // namespace
