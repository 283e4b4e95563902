#include "cli/commands.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/common_options.h"
#include "cli/exit_codes.h"
#include "reports/atomic_file.h"
#include "sim/assert.h"
#include "sim/self_check.h"

namespace cli {

namespace po = boost::program_options;

namespace {

constexpr const char* kVersion = "0.1.0";

constexpr const char* kUsage = R"(idsim — a deterministic simulator of cloud managed identity

usage: idsim <command> [options]

commands:
  run FILE         run a scenario, write its report, exit 1 if an expectation fails
                   [--seed N] [--out DIR] [--set PATH=VALUE …] [--exact-calls] [--paranoid]
  check FILE…|DIR  run every scenario, one line each, a combined junit.xml; exit 1 on a
                   failed expectation [--exact-calls] [--paranoid]
  diff A B         compare two report.json files side by side [--html FILE]
  sweep FILE       run a parameter grid × seeds in parallel and recommend the cheapest
                   passing point [--set PATH=v1,v2 …] [--range PATH=a:b:step] [--seeds K]
                   [--jobs N] [--shard I/N] [--resume] [--exact-calls] [--paranoid]
  merge DIR…       combine sweep shards into the files one sweep writes
  explore FILE     let the seed draw fault schedules within the scenario's `explore` bounds;
                   shrink each failure and write it as a scenario file; exit 1 if any
                   [--runs N] [--jobs N] [--budget SIMULATIONS] [--check-determinism]
                   [--keep-faults] (draw on top of the scenario's own faults)
  validate FILE…   check scenario files without running them
  explain FILE     print the world and the fault timeline in plain words
  schema           print the JSON Schema of scenario files
  presets          list the client presets and endpoint flavors
  selfcheck        run the kernel's randomized self-check and print its trace digest
  version          print the version
  help             print this text

common options:
  --seed N         seed for all randomness (default: the scenario's)
  --out DIR        where report files go (default: out/<scenario>)
  -v, --verbose    log debug details
  -q, --quiet      print errors only
  --paranoid       (run, check, sweep) check the model invariants after every event and
                   stop at the first broken one, naming its time and the seed (exit 3)
  --exact-calls    (run, check, sweep) simulate every call as an event instead of counting
                   the calls that change nothing in aggregate (docs/models.md)

exit codes: 0 ok, 1 expectations failed, 2 bad input or usage, 3 internal error,
            130/143 run or sweep stopped by SIGINT/SIGTERM (complete files only; sweep
            --resume continues)
)";

std::string hex64(std::uint64_t value) {
  char buffer[19];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
  return buffer;
}

int run_self_check_report(const CommonOptions& common) {
  sim::SelfCheckOptions options;
  options.seed = common.seed.value_or(1);
  sim::set_failure_context("idsim selfcheck --seed " + std::to_string(options.seed));
  const auto wall_start = std::chrono::steady_clock::now();  // wall time is printed, never used
  const sim::SelfCheckResult result = sim::run_self_check(options);
  const double wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();

  const nlohmann::ordered_json report = {
      {"schema_version", 1},
      {"kind", "kernel-self-check"},
      {"seed", options.seed},
      {"actors", options.actors},
      {"horizon", sim::format_duration(options.horizon)},
      {"events_dispatched", result.events_dispatched},
      {"events_cancelled", result.events_cancelled},
      {"records", result.records},
      {"trace_digest", hex64(result.trace_digest)},
  };
  const std::string path = common.out_dir + "/report.json";
  try {
    reports::write_file_atomically(path, report.dump(2) + "\n");
  } catch (const reports::OutputError& e) {
    std::fprintf(stderr, "idsim: %s\n", e.what());
    return kExitBadInput;
  }
  if (!common.quiet) {
    std::printf("kernel self-check  seed %llu  %u actors over %s\n",
                static_cast<unsigned long long>(options.seed), options.actors,
                sim::format_duration(options.horizon).c_str());
    std::printf("  events dispatched  %12llu\n",
                static_cast<unsigned long long>(result.events_dispatched));
    std::printf("  events cancelled   %12llu\n",
                static_cast<unsigned long long>(result.events_cancelled));
    std::printf("  trace digest       %s\n", hex64(result.trace_digest).c_str());
    std::printf("  wall time          %9.2f s\n", wall_s);
    std::printf("report: %s\n", path.c_str());
  }
  return kExitOk;
}

}  // namespace

int command_selfcheck(const Args& args) {
  CommonOptions common;
  po::options_description description("selfcheck options");
  add_common_options(description, common, "out/selfcheck");
  po::variables_map values;
  if (!parse_args("selfcheck", args, description, {}, values)) return kExitBadInput;
  apply_log_level(common);
  return run_self_check_report(common);
}

int command_version(const Args&) {
  std::printf("idsim %s\n", kVersion);
  return kExitOk;
}

int command_help(const Args&) {
  std::fputs(kUsage, stdout);
  return kExitOk;
}

}  // namespace cli
