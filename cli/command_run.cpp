// idsim run FILE: load, run, analyse, write the report, print the summary.
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>

#include "cli/commands.h"
#include "cli/common_options.h"
#include "cli/exit_codes.h"
#include "cli/interrupt.h"
#include "cli/scenario_input.h"
#include "cli/summary.h"
#include "reports/atomic_file.h"
#include "reports/report_json.h"
#include "reports/write_all.h"
#include "scenarios/expectations.h"
#include "scenarios/run.h"

namespace cli {

namespace po = boost::program_options;

int command_run(const Args& args) {
  CommonOptions common;
  std::string file;
  std::vector<std::string> sets;
  bool paranoid = false;
  po::options_description description("run options");
  add_common_options(description, common, "");
  add_paranoid_option(description, paranoid);
  description.add_options()("set", po::value(&sets)->composing(), "override PATH=VALUE")(
      "scenario", po::value<std::string>(&file), "scenario file");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map values;
  if (!parse_args("run", args, description, positional, values)) return kExitBadInput;
  apply_log_level(common);
  if (file.empty()) {
    std::fprintf(stderr, "idsim run: no scenario file given (usage: idsim run FILE)\n");
    return kExitBadInput;
  }
  if (common.seed) sets.push_back("seed=" + std::to_string(*common.seed));
  if (common.exact_calls) sets.push_back("exact_calls=true");
  std::optional<scenarios::Scenario> scenario = load_or_report(file, sets);
  if (!scenario) return kExitBadInput;
  const std::string out_dir = common.out_dir.empty() ? "out/" + scenario->world.name : common.out_dir;

  install_interrupt_handlers();
  spdlog::debug("running {} with seed {}", scenario->world.name, scenario->world.seed);
  const auto wall_start = std::chrono::steady_clock::now();  // printed only, never simulated
  scenarios::Run run(*scenario, {.stop_flag = &interrupt_flag(), .paranoid = paranoid});
  const bool completed = run.execute();
  const sim::RunStats& stats = run.world().simulator().stats();
  spdlog::debug("events dispatched {}, cancelled {}, queue at most {}", stats.events_dispatched,
                stats.events_cancelled, stats.queue_size_max);
  if (run.violation() != nullptr) {
    std::fprintf(stderr, "idsim run: %s\n  after %llu checked events; nothing written; replay with: idsim run %s --seed %llu --paranoid\n",
                 scenarios::describe_violation(run).c_str(),
                 static_cast<unsigned long long>(run.events_checked()), file.c_str(),
                 static_cast<unsigned long long>(scenario->world.seed));
    return kExitInternal;
  }
  if (!completed) {
    std::fprintf(stderr, "idsim run: stopped by %s at simulated time %s of %s; nothing written\n",
                 interrupt_signal_name(), sim::format_duration(run.world().simulator().now()).c_str(),
                 sim::format_duration(scenario->world.duration).c_str());
    return interrupted_exit_code();
  }
  const reports::RunReport report = reports::analyse(run);
  const double wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  const std::string path = out_dir + "/report.html";
  try {
    // Each file is whole (temporary name + rename); a signal now waits for the last rename.
    reports::remove_stale_temporaries(out_dir);
    reports::write_run_reports(report, out_dir);
  } catch (const reports::OutputError& e) {
    std::fprintf(stderr, "idsim run: %s\n", e.what());
    return kExitBadInput;
  }
  if (interrupted()) {
    std::fprintf(stderr, "idsim run: %s arrived after the run had finished; its reports in %s are complete\n",
                 interrupt_signal_name(), out_dir.c_str());
    return interrupted_exit_code();
  }
  if (!common.quiet)
    std::printf("%sreport: %s\n        (report.json, timeseries.csv, timeseries_services.csv, junit.xml, summary.md,\n         metrics.prom beside it)\n",
                run_summary(report, wall_s).c_str(), path.c_str());
  if (!report.audit.empty()) {
    std::fprintf(stderr, "idsim run: invariant audit failed; replay with: idsim run %s --seed %llu\n",
                 file.c_str(), static_cast<unsigned long long>(scenario->world.seed));
    return kExitInternal;
  }
  return scenarios::all_passed(report.expectations) ? kExitOk : kExitExpectationsFailed;
}

}  // namespace cli
