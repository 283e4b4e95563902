#include "scenarios/sweep_run.h"

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>

namespace scenarios {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

std::string point_file_name(std::size_t point) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "p%06zu.json", point);
  return buffer;
}

namespace {

Scenario load_or_throw(const ScenarioSource& source, const std::vector<Override>& overrides) {
  LoadResult loaded = load_scenario_text(source.text, source.format, source.file, overrides);
  if (loaded.scenario) return std::move(*loaded.scenario);
  throw SweepError(join_load_errors(loaded.errors));
}

std::optional<Json> read_json(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  Json j = Json::parse(text.str(), nullptr, false);
  if (j.is_discarded()) return std::nullopt;
  return j;
}

// The manifest --resume finds in DIR: a document that parses but is not a manifest (another
// tool's file, an older idsim's format) is bad input, never an internal error.
SweepManifest existing_manifest(const fs::path& dir, const nlohmann::ordered_json& j) {
  try {
    return manifest_from_json(j);
  } catch (const std::exception& e) {
    throw SweepError("--resume: " + (dir / kManifestFile).string() +
                     ": not a manifest this idsim can continue (" + e.what() + ")");
  }
}

// Points of this shard already on disk with the expected seeds (for --resume).
std::vector<bool> points_done(const SweepOptions& o, const SweepManifest& m, std::size_t total) {
  std::vector<bool> done(total, false);
  if (!o.resume) return done;
  const auto existing = read_json(o.out_dir / kManifestFile);
  if (!existing) return done;
  const SweepManifest old = existing_manifest(o.out_dir, *existing);
  const std::string why = incompatibility(old, m);
  if (!why.empty() || old.shard.index != m.shard.index)
    throw SweepError("--resume: " + o.out_dir.string() + " holds another sweep (" +
                     (why.empty() ? std::string("another shard") : why) + ")");
  for (const PointResult& p : read_partial(o.out_dir, true).points) {
    bool ok = p.index < total && p.runs.size() == m.seeds;
    for (std::size_t i = 0; ok && i < p.runs.size(); ++i)
      ok = p.runs[i].seed == sweep_seed(m.scenario_seed, i);
    if (ok) done[p.index] = true;
  }
  return done;
}

void remove_stale_points(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir / "points", ec)) return;
  for (const auto& entry : fs::directory_iterator(dir / "points")) {
    const std::string name = entry.path().filename().string();
    if (name.size() == 12 && name[0] == 'p' && entry.path().extension() == ".json")
      fs::remove(entry.path(), ec);
  }
}

}  // namespace

namespace {

// The grid's size is checked before SweepGrid multiplies it (which could overflow).
void check_sweep_limits(const SweepOptions& o) {
  if (o.seeds == 0) throw SweepError("--seeds must be at least 1");
  if (o.seeds > kSweepSeedsMax)
    throw SweepError("--seeds " + std::to_string(o.seeds) + ": at most " +
                     std::to_string(kSweepSeedsMax) + " seeds per point (limit kSweepSeedsMax, "
                     "scenarios/sweep_run.h)");
  if (o.jobs > kSweepJobsMax)
    throw SweepError("--jobs " + std::to_string(o.jobs) + ": at most " +
                     std::to_string(kSweepJobsMax) + " threads (limit kSweepJobsMax, "
                     "scenarios/sweep_run.h)");
  std::size_t points = 1;
  std::string sizes;
  for (const SweepAxis& a : o.axes) {
    sizes += (sizes.empty() ? "" : " × ") + std::to_string(a.values.size());
    points = a.values.empty() || points <= kSweepPointsMax / a.values.size()
                 ? points * a.values.size()
                 : kSweepPointsMax + 1;
  }
  if (points > kSweepPointsMax)
    throw SweepError("the grid has " + sizes + " points, more than " +
                     std::to_string(kSweepPointsMax) + " (limit kSweepPointsMax, "
                     "scenarios/sweep_run.h): fewer values per axis, or several sweeps of "
                     "sub-grids");
  if (points * o.seeds > kSweepRunsMax)
    throw SweepError(std::to_string(points) + " points × " + std::to_string(o.seeds) +
                     " seeds is more than " + std::to_string(kSweepRunsMax) +
                     " runs (limit kSweepRunsMax, scenarios/sweep_run.h): fewer seeds or points");
}

// The point's axis values, then --exact-calls (run_seed adds the seed last), in the order
// `idsim run` applies them, so the rerun command gives the same run.
std::vector<Override> point_overrides(const SweepOptions& o, const SweepGrid& grid, std::size_t point) {
  std::vector<Override> overrides = grid.overrides(point);
  if (o.exact_calls) overrides.push_back(Override{"exact_calls", "true"});
  return overrides;
}

// Every value of every axis, each alone on the scenario as given: a value that does not load
// is bad input before anything runs, not a failed point after hours of the others. One load
// per value (about 50 µs for the tuning example), far less than the runs. What only a
// combination of values breaks (nodes × instances_per_node past kInstancesMax) still fails its
// points when they run.
void check_every_value(const SweepOptions& o) {
  for (const SweepAxis& a : o.axes)
    for (const std::string& value : a.values) {
      std::vector<Override> alone{Override{a.path, value}};
      if (o.exact_calls) alone.push_back(Override{"exact_calls", "true"});
      try {
        (void)load_or_throw(o.source, alone);
      } catch (const SweepError& e) {
        throw SweepError("axis " + a.path + ", value " + value + ": " + e.what());
      }
    }
}

}  // namespace

SweepManifest prepare_manifest(const SweepOptions& o) {
  check_sweep_limits(o);
  for (const SweepAxis& a : o.axes) {
    if (a.path == "seed") throw SweepError("sweep 'seed' with --seeds K, not --set seed=…");
    if (a.path == "exact_calls" && o.exact_calls)
      throw SweepError("--exact-calls and --set exact_calls=… both set the call mode: keep one");
  }
  std::vector<Override> base;
  if (o.seed) base.push_back(Override{"seed", std::to_string(*o.seed)});
  if (o.exact_calls) base.push_back(Override{"exact_calls", "true"});
  const Scenario scenario = load_or_throw(o.source, base);
  const SweepGrid grid(o.axes);
  if (grid.size() == 0) throw SweepError("the grid is empty");
  (void)load_or_throw(o.source, point_overrides(o, grid, 0));
  check_every_value(o);
  SweepManifest m;
  m.file = o.source.file;
  m.name = scenario.world.name;
  m.source_hash = hash_text(o.source.text);
  m.scenario_seed = scenario.world.seed;
  m.exact_calls = scenario.world.exact_calls;
  m.seeds = o.seeds;
  m.axes = o.axes;
  m.heatmap_x = o.heatmap_x;
  m.heatmap_y = o.heatmap_y;
  m.expectations = sweep_expectations(scenario);
  m.shard = o.shard;
  return m;
}

namespace {

// One point in flight: its runs are filled by the tasks of its seeds; the last one to finish
// writes the point file.
struct Slot {
  PointResult result;
  std::vector<std::string> errors;
  std::atomic<std::size_t> remaining{0};
  std::atomic<bool> stopped{false};  // a seed's run was stopped or skipped: write nothing
};

struct Shared {
  const SweepOptions& options;
  const SweepGrid& grid;
  const WriteFile& write;
  const Progress& progress;
  std::mutex mutex;  // guards done, written, failures and the progress callback
  std::size_t done = 0;
  std::size_t total = 0;
  std::size_t written = 0;
  std::vector<std::string> failures;
  std::atomic<bool> invariant_broken{false};
};

bool stop_raised(const Shared& s) {
  return s.options.stop_flag != nullptr && s.options.stop_flag->load(std::memory_order_relaxed);
}

void finish_point(Shared& s, Slot& slot) {
  // An incomplete point leaves no file: --resume runs it again from the start.
  if (slot.stopped.load(std::memory_order_acquire)) return;
  std::string error;
  for (const std::string& e : slot.errors) if (error.empty()) error = e;
  if (error.empty()) {
    try {
      s.write(s.options.out_dir / "points" / point_file_name(slot.result.index),
              to_json(slot.result).dump() + "\n");
    } catch (const std::exception& e) {
      error = e.what();
    }
  }
  const std::lock_guard<std::mutex> lock(s.mutex);
  if (!error.empty())
    s.failures.push_back("point " + std::to_string(slot.result.index) + " (" +
                         s.grid.label(slot.result.index) + "): " + error);
  else
    ++s.written;
  ++s.done;
  if (s.progress) s.progress(s.done, s.total);
}

void run_task(Shared& s, Slot& slot, std::size_t seed_index, std::uint64_t seed) {
  try {
    std::optional<SeedRun> run;
    if (!stop_raised(s))
      run = run_seed(s.options.source, point_overrides(s.options, s.grid, slot.result.index), seed,
                     RunOptions{.stop_flag = s.options.stop_flag, .paranoid = s.options.paranoid});
    if (run) slot.result.runs[seed_index] = std::move(*run);
    else slot.stopped.store(true, std::memory_order_release);
  } catch (const InvariantBroken& e) {
    slot.errors[seed_index] = e.what();
    s.invariant_broken.store(true);
  } catch (const std::exception& e) {
    slot.errors[seed_index] = e.what();
  }
  if (slot.remaining.fetch_sub(1, std::memory_order_acq_rel) == 1) finish_point(s, slot);
}

}  // namespace

SweepOutcome run_sweep(const SweepOptions& o, const WriteFile& write, const Progress& progress) {
  return run_sweep(o, prepare_manifest(o), write, progress);
}

SweepOutcome run_sweep(const SweepOptions& o, const SweepManifest& manifest, const WriteFile& write,
                       const Progress& progress) {
  SweepOutcome out;
  out.manifest = manifest;
  const SweepGrid grid(o.axes);
  const std::vector<bool> done = points_done(o, out.manifest, grid.size());
  if (!o.resume) remove_stale_points(o.out_dir);
  write(o.out_dir / kManifestFile, to_json(out.manifest).dump(2) + "\n");
  std::vector<std::size_t> todo;
  for (std::size_t p = 0; p < grid.size(); ++p) {
    if (!o.shard.holds(p)) continue;
    ++out.points_in_shard;
    if (done[p]) ++out.points_skipped; else todo.push_back(p);
  }
  Shared shared{o, grid, write, progress, {}, 0, todo.size(), 0, {}, {}};
  std::vector<std::unique_ptr<Slot>> slots;
  {
    boost::asio::thread_pool pool(o.jobs == 0 ? 1 : o.jobs);
    for (const std::size_t p : todo) {
      slots.push_back(std::make_unique<Slot>());
      Slot& slot = *slots.back();
      slot.result.index = p;
      slot.result.runs.resize(o.seeds);
      slot.errors.resize(o.seeds);
      slot.remaining = o.seeds;
      for (std::size_t i = 0; i < o.seeds; ++i) {
        const std::uint64_t seed = sweep_seed(out.manifest.scenario_seed, i);
        boost::asio::post(pool, [&shared, &slot, i, seed] { run_task(shared, slot, i, seed); });
      }
    }
    pool.join();
  }
  out.points_run = shared.written;
  out.interrupted = stop_raised(shared);
  out.invariant_broken = shared.invariant_broken.load();
  out.errors = std::move(shared.failures);
  std::sort(out.errors.begin(), out.errors.end());
  if (o.shard.count == 1 && out.errors.empty() && !out.interrupted)
    out.table = merge_partials({read_partial(o.out_dir)});
  return out;
}

}  // namespace scenarios
