// idsim explore FILE --runs N [--jobs J] [--seed S] [--budget SIMULATIONS] [--out DIR]
// [--check-determinism] [--keep-faults] [--set PATH=VALUE …]: the seed draws fault schedules
// (on top of the scenario's own faults with --keep-faults), failures are shrunk and written as
// scenario files (docs/explore.md).
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

#include "cli/commands.h"
#include "cli/common_options.h"
#include "cli/exit_codes.h"
#include "reports/atomic_file.h"
#include "scenarios/explore_report.h"

namespace cli {

namespace po = boost::program_options;

namespace {

struct ExploreArgs {
  CommonOptions common;
  std::string file;
  std::string runs = "100";
  std::string budget;
  std::size_t jobs = 0;
  bool check_determinism = false;
  bool keep_faults = false;
  std::vector<std::string> sets;
};

bool parse_explore_args(const Args& args, ExploreArgs& a) {
  po::options_description d("explore options");
  add_common_options(d, a.common, "");
  d.add_options()("runs", po::value(&a.runs)->default_value("100"), "runs, each with its own drawn schedule")(
      "jobs", po::value(&a.jobs)->default_value(0), "worker threads (0: one per core)")(
      "budget", po::value(&a.budget), "at most this many simulations in all, shrinking included")(
      "check-determinism", po::bool_switch(&a.check_determinism), "run every run twice and compare")(
      "keep-faults", po::bool_switch(&a.keep_faults), "keep the scenario's faults and draw more on top")(
      "set", po::value(&a.sets)->composing(), "override PATH=VALUE before exploring")(
      "scenario", po::value(&a.file), "scenario file");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map values;
  if (!parse_args("explore", args, d, positional, values)) return false;
  apply_log_level(a.common);
  if (a.file.empty())
    std::fprintf(stderr, "idsim explore: no scenario file given (usage: idsim explore FILE --runs N)\n");
  return !a.file.empty();
}

// A count as users type it: digits only (program_options would wrap "-1" around).
std::optional<std::size_t> parse_count(const std::string& text, const char* option) {
  std::size_t value = 0;
  bool ok = !text.empty() && text.size() <= 12;
  for (const char c : text) {
    ok = ok && c >= '0' && c <= '9';
    if (ok) value = value * 10 + static_cast<std::size_t>(c - '0');
  }
  if (ok) return value;
  std::fprintf(stderr, "idsim explore: --%s %s: expected a whole number\n", option, text.c_str());
  return std::nullopt;
}

bool read_source(const std::string& file, scenarios::ScenarioSource& source) {
  source.file = file;
  source.format = std::string(scenarios::format_of(file));
  std::ifstream in(file, std::ios::binary);
  if (source.format.empty() || !in) {
    std::fprintf(stderr, "idsim explore: %s: not a readable .json, .yaml or .yml file\n", file.c_str());
    return false;
  }
  std::ostringstream text;
  text << in.rdbuf();
  source.text = text.str();
  return true;
}

bool make_options(const ExploreArgs& a, scenarios::ExploreOptions& o) {
  const auto runs = parse_count(a.runs, "runs");
  if (!runs || !read_source(a.file, o.source)) return false;
  o.runs = *runs;
  if (!a.budget.empty()) {
    o.budget = parse_count(a.budget, "budget");
    if (!o.budget) return false;
  }
  for (const std::string& text : a.sets) {
    std::string error;
    const auto parsed = scenarios::parse_override(text, error);
    if (!parsed) return std::fprintf(stderr, "idsim explore: --set %s: %s\n", text.c_str(), error.c_str()), false;
    o.overrides.push_back(*parsed);
  }
  o.seed = a.common.seed;
  o.check_determinism = a.check_determinism;
  o.keep_faults = a.keep_faults;
  const unsigned cores = std::thread::hardware_concurrency();
  o.jobs = a.jobs > 0 ? a.jobs : (cores > 0 ? cores : 1);
  return true;
}

// One line per tenth of each phase on stderr.
class Progress {
 public:
  explicit Progress(bool quiet) : quiet_(quiet) {}
  void operator()(std::string_view phase, std::size_t done, std::size_t total) {
    if (quiet_ || total == 0) return;
    const std::size_t tenth = done * 10 / total;
    if (phase != phase_) last_tenth_ = 0;
    phase_ = std::string(phase);
    if (tenth == last_tenth_ && done != total) return;
    last_tenth_ = tenth;
    std::fprintf(stderr, "%s: %zu/%zu %s\n", phase_.c_str(), done, total,
                 phase == "explore" ? "runs" : "failures shrunk");
  }

 private:
  bool quiet_;
  std::string phase_;
  std::size_t last_tenth_ = 0;
};

int report(const scenarios::ExploreOutcome& r, const std::string& dir, bool quiet) {
  for (const std::string& e : r.errors) std::fprintf(stderr, "idsim explore: internal error: %s\n", e.c_str());
  bool nondeterministic = false;
  for (const scenarios::ExploredRun& run : r.runs) {
    if (run.nondeterminism.empty()) continue;
    std::fprintf(stderr, "idsim explore: not deterministic: %s\n", run.nondeterminism.c_str());
    nondeterministic = true;
  }
  if (!r.errors.empty() || nondeterministic) return kExitInternal;
  scenarios::write_explore_outputs(r, dir, reports::write_file_atomically);
  if (!quiet) {
    std::fputs(scenarios::render_explore_summary(r, dir).c_str(), stdout);
    if (r.failures() == 0) std::printf("wrote %s/%s\n", dir.c_str(), std::string(scenarios::kExploreFile).c_str());
  }
  return r.failures() == 0 ? kExitOk : kExitExpectationsFailed;
}

}  // namespace

int command_explore(const Args& args) {
  ExploreArgs a;
  scenarios::ExploreOptions o;
  if (!parse_explore_args(args, a) || !make_options(a, o)) return kExitBadInput;
  try {
    const scenarios::Scenario scenario = scenarios::prepare_explore(o);
    const std::string dir = a.common.out_dir.empty() ? "out/" + scenario.world.name + "-explore" : a.common.out_dir;
    Progress progress(a.common.quiet);
    const scenarios::ExploreOutcome r = scenarios::run_explore(
        o, [&progress](std::string_view phase, std::size_t done, std::size_t total) { progress(phase, done, total); });
    return report(r, dir, a.common.quiet);
  } catch (const scenarios::ExploreError& e) {
    std::fprintf(stderr, "%s\nidsim explore: nothing was run\n", e.what());
  } catch (const reports::OutputError& e) {
    std::fprintf(stderr, "idsim explore: %s\n", e.what());
  }
  return kExitBadInput;
}

}  // namespace cli
