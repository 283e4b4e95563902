#pragma once
// Running a sweep (docs/sweep.md): every point × seed on a Boost.Asio thread pool, each point's
// runs written as soon as they are done (DIR/points/pNNNNNN.json, one atomic file per point),
// then — for a whole grid — sweep.csv, sweep.json and sweep.html from those files. A shard
// writes only its points and the manifest; `merge` reads partial results back and writes
// the same files a single-machine sweep writes.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "scenarios/sweep_render.h"

namespace scenarios {

class SweepError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Every file is written through this (the CLI passes reports::write_file_atomically).
using WriteFile = std::function<void(const std::filesystem::path&, std::string_view)>;
// Called after each point, from a worker thread, one call at a time.
using Progress = std::function<void(std::size_t done, std::size_t total)>;

// Limits of a sweep (docs/reliability.md "Limits"): every point is a file and every run a
// task, so the grid and the seeds are bounded before anything runs.
inline constexpr std::size_t kSweepPointsMax = 1'000'000;
inline constexpr std::size_t kSweepSeedsMax = 10'000;
inline constexpr std::size_t kSweepRunsMax = 10'000'000;  // points × seeds
inline constexpr std::size_t kSweepJobsMax = 1'024;

struct SweepOptions {
  ScenarioSource source;
  std::vector<SweepAxis> axes;
  std::size_t seeds = 3;
  std::optional<std::uint64_t> seed;  // --seed: the base of the point seeds instead of the file's
  std::size_t jobs = 1;
  Shard shard;
  bool resume = false;                // skip points DIR/points already holds
  std::filesystem::path out_dir;
  std::size_t heatmap_x = 0, heatmap_y = 1;
  // Raised by SIGINT/SIGTERM: runs in flight stop before their next event, queued runs do
  // not start, and only points whose every seed finished are written (--resume continues).
  const std::atomic<bool>* stop_flag = nullptr;
  bool paranoid = false;              // every run checks the model invariants after each event
  // --exact-calls: every run gets the override exact_calls=true (after the point's own), as
  // `idsim run --exact-calls` does; refused together with an exact_calls axis.
  bool exact_calls = false;
};

struct SweepOutcome {
  SweepManifest manifest;
  std::size_t points_in_shard = 0;
  std::size_t points_run = 0;         // points run and written by this call
  std::size_t points_skipped = 0;     // found by --resume
  std::vector<std::string> errors;    // points that did not load or run
  bool interrupted = false;           // the stop flag ended the sweep: no table
  bool invariant_broken = false;      // --paranoid stopped a run (it is among the errors)
  std::optional<SweepTable> table;    // the whole grid's results, when shard.count == 1
};

// Checks the limits, loads the scenario as given, point 0 and every axis value alone (docs/
// sweep.md "Checked before anything runs"); throws SweepError with the loader's messages.
SweepManifest prepare_manifest(const SweepOptions& options);
SweepOutcome run_sweep(const SweepOptions& options, const WriteFile& write, const Progress& progress);
// The same with the manifest prepare_manifest(options) returned (the CLI needs its name first
// and need not load every value twice).
SweepOutcome run_sweep(const SweepOptions& options, const SweepManifest& manifest,
                       const WriteFile& write, const Progress& progress);

struct Partial {
  SweepManifest manifest;
  std::vector<PointResult> points;    // the point files found, by index
};
constexpr std::string_view kManifestFile = "sweep-partial.json";
// Reads DIR's manifest and point files; throws SweepError (unless `skip_bad`, which drops
// unreadable point files) naming the file.
Partial read_partial(const std::filesystem::path& dir, bool skip_bad = false);
// Combines partial results of one sweep; throws SweepError when they disagree or a point is
// missing (naming the shard that should have it).
SweepTable merge_partials(const std::vector<Partial>& partials);
void write_sweep_outputs(const SweepTable& table, const std::filesystem::path& dir,
                         const WriteFile& write);

std::string point_file_name(std::size_t point);  // "p000042.json"

}  // namespace scenarios
