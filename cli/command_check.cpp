// idsim check FILE…|DIR: runs every scenario, one line each, one combined junit.xml; exit 1
// when an expectation fails, 2 when a scenario cannot be loaded.
#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "cli/commands.h"
#include "cli/common_options.h"
#include "cli/exit_codes.h"
#include "cli/summary.h"
#include "reports/atomic_file.h"
#include "reports/format.h"
#include "reports/junit.h"
#include "reports/report_json.h"
#include "scenarios/loader.h"
#include "scenarios/run.h"

namespace cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

bool is_scenario_file(const fs::path& p) {
  const std::string ext = p.extension().string();
  return ext == ".json" || ext == ".yaml" || ext == ".yml";
}

// Files as given, directories searched recursively; each sorted by path. False: a missing one.
bool collect(const std::vector<std::string>& inputs, std::vector<std::string>& files) {
  bool ok = true;
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (fs::is_directory(input, ec)) {
      std::vector<std::string> found;
      for (const auto& entry : fs::recursive_directory_iterator(input, ec))
        if (entry.is_regular_file() && is_scenario_file(entry.path()))
          found.push_back(entry.path().string());
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(input, ec)) {
      files.push_back(input);
    } else {
      std::fprintf(stderr, "idsim check: %s: no such file or directory\n", input.c_str());
      ok = false;
    }
  }
  return ok;
}

std::string line_for(const reports::RunReport& r) {
  std::size_t failed = 0;
  const scenarios::ExpectationResult* first = nullptr;
  for (const auto& e : r.expectations)
    if (!e.passed && failed++ == 0) first = &e;
  const bool passed = failed == 0 && r.audit.empty();
  char head[160];
  std::snprintf(head, sizeof head, "%s  %-36s %3zu/%zu expectations", passed ? "PASS" : "FAIL",
                r.run.scenario().world.name.substr(0, 36).c_str(),
                r.expectations.size() - failed, r.expectations.size());
  std::string line = head;
  if (first) {
    line += "  " + first->metric + " " + short_measured(*first) + ", bound " + first->bound;
  }
  else if (!r.audit.empty()) line += "  invariant audit failed";
  return line.substr(0, 100);
}

// Loads, runs and judges one file; false when it could not be loaded.
struct CheckState {
  std::vector<reports::JunitSuite> suites;
  bool all_passed = true;
  bool invariant_broken = false;  // --paranoid stopped a run: exit 3
};

bool check_one(const std::string& file, const CommonOptions& common, bool paranoid,
               CheckState& state) {
  std::vector<reports::JunitSuite>& suites = state.suites;
  std::vector<scenarios::Override> overrides;
  if (common.seed) overrides.push_back({"seed", std::to_string(*common.seed)});
  if (common.exact_calls) overrides.push_back({"exact_calls", "true"});
  scenarios::LoadResult loaded = scenarios::load_scenario_file(file, overrides);
  if (!loaded.errors.empty()) {
    std::string message;
    for (const scenarios::LoadError& e : loaded.errors) message += e.message() + "\n";
    std::fprintf(stderr, "%s", message.c_str());
    std::printf("ERROR %s: %zu problem(s), not run\n", file.c_str(), loaded.errors.size());
    suites.push_back(reports::junit_load_error(file, message));
    return false;
  }
  scenarios::Run run(*loaded.scenario, {.paranoid = paranoid});
  if (!run.execute() && run.violation() != nullptr) {
    const std::string what = scenarios::describe_violation(run);
    std::fprintf(stderr, "idsim check: %s: %s\n", file.c_str(), what.c_str());
    std::printf("FAIL  %-36s invariant broken (--paranoid)\n",
                loaded.scenario->world.name.substr(0, 36).c_str());
    suites.push_back({file, file, {{"paranoid", "invariant broken", what, true}}});
    state.all_passed = false;
    state.invariant_broken = true;
    return true;
  }
  const reports::RunReport report = reports::analyse(run);
  if (!common.quiet) std::printf("%s\n", line_for(report).c_str());
  suites.push_back(reports::junit_suite(report));
  state.all_passed = state.all_passed && scenarios::all_passed(report.expectations) && report.audit.empty();
  return true;
}

}  // namespace

int command_check(const Args& args) {
  CommonOptions common;
  std::vector<std::string> inputs;
  bool paranoid = false;
  po::options_description description("check options");
  add_common_options(description, common, "out/check");
  add_paranoid_option(description, paranoid);
  description.add_options()("input", po::value(&inputs)->composing(), "scenario files or directories");
  po::positional_options_description positional;
  positional.add("input", -1);
  po::variables_map values;
  if (!parse_args("check", args, description, positional, values)) return kExitBadInput;
  apply_log_level(common);
  std::vector<std::string> files;
  bool inputs_ok = collect(inputs, files);
  if (files.empty()) {
    std::fprintf(stderr, "idsim check: no scenario files (usage: idsim check FILE…|DIR)\n");
    return kExitBadInput;
  }
  CheckState state;
  for (const std::string& file : files) inputs_ok = check_one(file, common, paranoid, state) && inputs_ok;
  const std::string path = common.out_dir + "/junit.xml";
  try {
    reports::write_file_atomically(path, reports::junit_xml(state.suites));
  } catch (const reports::OutputError& e) {
    std::fprintf(stderr, "idsim check: %s\n", e.what());
    return kExitBadInput;
  }
  if (!common.quiet) std::printf("%zu scenarios; junit: %s\n", files.size(), path.c_str());
  if (state.invariant_broken) return kExitInternal;
  if (!inputs_ok) return kExitBadInput;
  return state.all_passed ? kExitOk : kExitExpectationsFailed;
}

}  // namespace cli
