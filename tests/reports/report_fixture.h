#pragma once
// One small run (tests/reports/scenarios/small.json) shared by the writer tests, and helpers
// to run the idsim binary.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include "reports/report_json.h"
#include "scenarios/loader.h"
#include "scenarios/run.h"

namespace reports_test {

inline std::string source_path(const std::string& relative) {
  return std::string(IDSIM_SOURCE_DIR) + "/" + relative;
}

struct SmallRun {
  scenarios::Scenario scenario;
  std::unique_ptr<scenarios::Run> run;
  std::unique_ptr<reports::RunReport> report;
};

inline std::unique_ptr<SmallRun> load_and_run(const std::string& relative) {
  auto r = std::make_unique<SmallRun>();
  scenarios::LoadResult loaded = scenarios::load_scenario_file(source_path(relative), {});
  if (!loaded.errors.empty()) throw std::runtime_error(loaded.errors.front().message());
  r->scenario = std::move(*loaded.scenario);
  r->run = std::make_unique<scenarios::Run>(r->scenario);
  r->run->execute();
  r->report = std::make_unique<reports::RunReport>(reports::analyse(*r->run));
  return r;
}

inline const reports::RunReport& small_report() {
  static const std::unique_ptr<SmallRun> run = load_and_run("tests/reports/scenarios/small.json");
  return *run->report;
}

inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::filesystem::path fresh_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("idsim-reports-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  return dir;
}

struct Result {
  int exit_code;
  std::string output;
};

inline Result run_idsim(const std::string& args) {
  const auto log = fresh_dir("log");
  const std::string command =
      "cd " + std::string(IDSIM_SOURCE_DIR) + " && " + IDSIM_BINARY + " " + args + " >" + log.string() + " 2>&1";
  const int status = std::system(command.c_str());
  Result r{WEXITSTATUS(status), slurp(log)};
  std::filesystem::remove(log);
  return r;
}

}  // namespace reports_test
