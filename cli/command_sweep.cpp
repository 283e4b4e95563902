// idsim sweep FILE --set PATH=V1,V2 … [--range PATH=A:B:S] [--seeds K] [--jobs N]
// [--shard I/N] [--resume] [--exact-calls]: the grid of all combinations × K seeds
// (docs/sweep.md).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

#include "cli/commands.h"
#include "cli/common_options.h"
#include "cli/exit_codes.h"
#include "cli/interrupt.h"
#include "reports/atomic_file.h"
#include "scenarios/sweep_run.h"

namespace cli {

namespace po = boost::program_options;

namespace {

struct SweepArgs {
  CommonOptions common;
  std::string file;
  std::vector<std::string> sets, ranges;
  std::size_t seeds = 3;
  std::size_t jobs = 0;
  std::string shard = "0/1";
  std::string heatmap;
  bool resume = false;
  bool paranoid = false;
};

// Points done, rate and ETA: a bar redrawn in place on a terminal, a line per tenth otherwise.
// Wall-clock time is only printed, never simulated.
class ProgressBar {
 public:
  explicit ProgressBar(bool quiet) : quiet_(quiet), tty_(::isatty(STDERR_FILENO) != 0) {}
  void operator()(std::size_t done, std::size_t total) {
    if (quiet_ || total == 0) return;
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double rate = s > 0 ? static_cast<double>(done) / s : 0;
    const double eta = rate > 0 ? static_cast<double>(total - done) / rate : 0;
    const std::size_t tenth = done * 10 / total;
    if (tty_) {
      std::string bar(30, '.');
      for (std::size_t i = 0; i < done * 30 / total; ++i) bar[i] = '#';
      std::fprintf(stderr, "\r[%s] %zu/%zu points  %.1f points/s  ETA %.0fs   %s", bar.c_str(),
                   done, total, rate, eta, done == total ? "\n" : "");
    } else if (tenth != last_tenth_ || done == total) {
      std::fprintf(stderr, "sweep: %zu/%zu points done, %.1f points/s, ETA %.0fs\n", done, total,
                   rate, eta);
    }
    last_tenth_ = tenth;
  }

 private:
  bool quiet_, tty_;
  std::size_t last_tenth_ = 0;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

bool parse_sweep_args(const Args& args, SweepArgs& a) {
  po::options_description d("sweep options");
  add_common_options(d, a.common, "");
  add_paranoid_option(d, a.paranoid);
  d.add_options()("set", po::value(&a.sets)->composing(), "PATH=V1,V2,… one axis of the grid")(
      "range", po::value(&a.ranges)->composing(), "PATH=START:STOP:STEP one axis")(
      "seeds", po::value(&a.seeds)->default_value(3), "seeds per point (K)")(
      "jobs", po::value(&a.jobs)->default_value(0), "worker threads (0: one per core)")(
      "shard", po::value(&a.shard)->default_value("0/1"), "run only slice I of N (0-based)")(
      "heatmap", po::value(&a.heatmap), "PATH_X,PATH_Y: the heatmaps' two axes")(
      "resume", po::bool_switch(&a.resume), "skip points already written in --out")(
      "scenario", po::value(&a.file), "scenario file");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map values;
  if (!parse_args("sweep", args, d, positional, values)) return false;
  apply_log_level(a.common);
  if (a.file.empty()) std::fprintf(stderr, "idsim sweep: no scenario file given (usage: idsim sweep FILE --set PATH=V1,V2)\n");
  return !a.file.empty();
}

bool read_source(const std::string& file, scenarios::ScenarioSource& source) {
  source.file = file;
  source.format = std::string(scenarios::format_of(file));
  std::ifstream in(file, std::ios::binary);
  if (source.format.empty() || !in) {
    std::fprintf(stderr, "idsim sweep: %s: not a readable .json, .yaml or .yml file\n", file.c_str());
    return false;
  }
  std::ostringstream text;
  text << in.rdbuf();
  source.text = text.str();
  return true;
}

bool parse_axes(const SweepArgs& a, scenarios::SweepOptions& o) {
  std::string error;
  for (const std::string& s : a.sets) {
    auto axis = scenarios::parse_set_axis(s, error);
    if (!axis) return std::fprintf(stderr, "idsim sweep: --set %s\n", error.c_str()), false;
    o.axes.push_back(std::move(*axis));
  }
  for (const std::string& r : a.ranges) {
    auto axis = scenarios::parse_range_axis(r, error);
    if (!axis) return std::fprintf(stderr, "idsim sweep: --range %s\n", error.c_str()), false;
    o.axes.push_back(std::move(*axis));
  }
  if (a.heatmap.empty()) return true;
  const std::size_t comma = a.heatmap.find(',');
  const auto index = [&](const std::string& path) {
    for (std::size_t k = 0; k < o.axes.size(); ++k) if (o.axes[k].path == path) return k;
    return o.axes.size();
  };
  o.heatmap_x = index(a.heatmap.substr(0, comma));
  o.heatmap_y = comma == std::string::npos ? o.axes.size() : index(a.heatmap.substr(comma + 1));
  if (o.heatmap_x < o.axes.size() && (comma == std::string::npos || o.heatmap_y < o.axes.size()))
    return true;
  std::fprintf(stderr, "idsim sweep: --heatmap %s: expected PATH_X,PATH_Y among the swept paths\n", a.heatmap.c_str());
  return false;
}

bool make_options(const SweepArgs& a, scenarios::SweepOptions& o) {
  std::string error;
  const auto shard = scenarios::parse_shard(a.shard, error);
  if (!shard) return std::fprintf(stderr, "idsim sweep: %s\n", error.c_str()), false;
  if (!read_source(a.file, o.source) || !parse_axes(a, o)) return false;
  o.shard = *shard;
  o.seeds = a.seeds;
  o.seed = a.common.seed;
  o.resume = a.resume;
  o.paranoid = a.paranoid;
  o.exact_calls = a.common.exact_calls;
  const unsigned cores = std::thread::hardware_concurrency();
  o.jobs = a.jobs > 0 ? a.jobs : (cores > 0 ? cores : 1);
  return true;
}

int report_interrupted(const scenarios::SweepOptions& o, const scenarios::SweepOutcome& r) {
  std::fprintf(stderr,
               "idsim sweep: stopped by %s; %zu of %zu points are complete in %s (%zu this time);\n"
               "  continue with the same command and --resume\n",
               interrupt_signal_name(), r.points_skipped + r.points_run, r.points_in_shard,
               o.out_dir.string().c_str(), r.points_run);
  return interrupted_exit_code();
}

int report(const scenarios::SweepOptions& o, const scenarios::SweepOutcome& r, bool quiet) {
  for (const std::string& e : r.errors) std::fprintf(stderr, "idsim sweep: %s\n", e.c_str());
  if (r.interrupted) return report_interrupted(o, r);
  if (r.invariant_broken) return kExitInternal;  // an idsim bug: the error names seed and time
  if (!r.errors.empty()) return kExitBadInput;
  const std::string dir = o.out_dir.string();
  if (!quiet)
    std::printf("%zu points × %zu seeds (%zu run, %zu already done) on %zu threads%s -> %s\n",
                r.points_in_shard, o.seeds, r.points_run, r.points_skipped, o.jobs,
                r.manifest.exact_calls ? ", exact calls" : "", dir.c_str());
  if (!r.table) {
    if (!quiet)
      std::printf("shard %zu/%zu written; combine the shards with: idsim merge DIR… --out OUT\n",
                  o.shard.index, o.shard.count);
    return kExitOk;
  }
  scenarios::write_sweep_outputs(*r.table, o.out_dir, reports::write_file_atomically);
  if (interrupted()) {
    std::fprintf(stderr, "idsim sweep: %s arrived after the last point; the files in %s are complete\n",
                 interrupt_signal_name(), o.out_dir.string().c_str());
    return interrupted_exit_code();
  }
  if (!quiet)
    std::printf("wrote %s/sweep.csv, sweep.json, sweep.html\n%s", dir.c_str(),
                scenarios::render_recommendation(*r.table).c_str());
  return scenarios::recommended(r.table->summaries).empty() ? kExitExpectationsFailed : kExitOk;
}

}  // namespace

int command_sweep(const Args& args) {
  SweepArgs a;
  scenarios::SweepOptions o;
  if (!parse_sweep_args(args, a) || !make_options(a, o)) return kExitBadInput;
  try {
    const scenarios::SweepManifest m = scenarios::prepare_manifest(o);
    o.out_dir = a.common.out_dir.empty() ? "out/" + m.name + "-sweep" : a.common.out_dir;
    install_interrupt_handlers();
    o.stop_flag = &interrupt_flag();
    reports::remove_stale_temporaries(o.out_dir);
    reports::remove_stale_temporaries(o.out_dir / "points");
    ProgressBar bar(a.common.quiet);
    const scenarios::SweepOutcome r = scenarios::run_sweep(
        o, m, reports::write_file_atomically, [&bar](std::size_t d, std::size_t t) { bar(d, t); });
    return report(o, r, a.common.quiet);
  } catch (const scenarios::SweepError& e) {
    std::fprintf(stderr, "idsim sweep: %s\n", e.what());
  } catch (const reports::OutputError& e) {
    std::fprintf(stderr, "idsim sweep: %s\n", e.what());
  }
  return kExitBadInput;
}

}  // namespace cli
