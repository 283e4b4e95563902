#include "scenarios/explore_report.h"

#include <cstdio>

namespace scenarios {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace {

std::string format(const char* spec, double v) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, spec, v);
  return buffer;
}

bool is_rate(const std::string& metric) {
  return metric.size() > 5 && metric.compare(metric.size() - 5, 5, "_rate") == 0;
}

// A measured value as people read it: rates in percent.
std::string value_text(const std::string& metric, double v) {
  return is_rate(metric) ? format("%.3g %%", v * 100) : format("%.6g", v);
}

std::string broken_check(const ExploreOutcome& o, const Verdict& v, std::size_t check) {
  if (check == Verdict::kAudit) return "invariant audit: " + (v.audit.empty() ? std::string("?") : v.audit.front());
  const Expectation& e = o.scenario.expectations[check];
  std::string bound;
  if (e.max) bound = "max " + value_text(e.metric, *e.max);
  if (e.min) bound += (bound.empty() ? "min " : ", min ") + value_text(e.metric, *e.min);
  if (bound.empty() && e.burn_rate) bound = "no page allowed";  // a "no_page" burn-rate check
  return e.metric + " " + value_text(e.metric, v.values[check]) + " (" + bound + ")";
}

std::string check_label(const ExploreOutcome& o, std::size_t check) {
  return check == Verdict::kAudit ? "invariant audit" : o.scenario.expectations[check].label;
}

std::string hex(std::uint64_t v) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(v));
  return buffer;
}

Json schedule_json(const Schedule& s, const models::WorldConfig& w) {
  Json out = Json::array();
  for (const faults::FaultSpec& f : s) out.push_back(fault_to_json(f, w));
  return out;
}

Json failed_labels(const ExploreOutcome& o, const Verdict& v) {
  Json out = Json::array();
  for (std::size_t i = 0; i < v.passed.size(); ++i)
    if (!v.passed[i]) out.push_back(o.scenario.expectations[i].label);
  if (!v.audit.empty()) out.push_back("invariant audit");
  return out;
}

Json run_json(const ExploreOutcome& o, const ExploredRun& r) {
  const models::WorldConfig& w = o.scenario.world;
  Json j = {{"run", r.index}, {"seed", r.seed}, {"passed", !r.verdict.failed()},
            {"digest", hex(r.verdict.digest)}, {"drawn", schedule_json(r.drawn, w)}};
  if (!r.shrunk) return j;
  const std::size_t check = r.verdict.first_broken();
  j["failed"] = failed_labels(o, r.verdict);
  j["minimal"] = schedule_json(r.shrunk->schedule, w);
  j["minimal_breaks"] = check_label(o, check);
  if (check != Verdict::kAudit) j["minimal_value"] = r.shrunk->verdict.values[check];
  j["shape"] = minimal_shape(o.scenario, r.shrunk->schedule);
  j["story"] = failure_story(o, r);
  j["file"] = std::string(kFailureDir) + "/" + failure_file_name(r.seed);
  j["shrink_steps"] = r.shrunk->steps;
  j["shrink_complete"] = r.shrunk->complete;
  return j;
}

std::string plural(std::size_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// How many of each run's faults are the scenario's own (faults[0..n-1]); 0 when replaced.
std::size_t kept_count(const ExploreOutcome& o) {
  return scenario_faults(o.scenario) == ScenarioFaults::kept ? o.scenario.faults.size() : 0;
}

// "faults[0]", "faults[0..2]": where the kept faults sit in every run.
std::string kept_range(std::size_t kept) {
  SIM_ASSERT(kept > 0);
  return kept == 1 ? "faults[0]" : "faults[0.." + std::to_string(kept - 1) + "]";
}

void render_distinct(const ExploreOutcome& o, std::string& out) {
  for (std::size_t d = 0; d < o.distinct.size(); ++d) {
    const DistinctFailure& f = o.distinct[d];
    const ExploredRun& first = o.runs[f.runs.front()];
    char line[512];
    std::snprintf(line, sizeof line, "  #%-3zu %-40s %6s  e.g. %s/%s\n", d + 1, f.shape.c_str(),
                  plural(f.runs.size(), "run").c_str(), std::string(kFailureDir).c_str(),
                  failure_file_name(first.seed).c_str());
    out += line;
    out += "       " + failure_story(o, first) + "\n";
  }
}

void render_failing_runs(const ExploreOutcome& o, std::string& out) {
  constexpr std::size_t kShown = 20;
  std::size_t shown = 0;
  out += "\nfailing runs (seed: drawn faults -> minimal" +
         (kept_count(o) > 0 ? ", after the " + plural(kept_count(o), "kept fault") : std::string()) + "):\n";
  for (const ExploredRun& r : o.runs) {
    if (!r.shrunk) continue;
    if (shown++ == kShown) {
      out += "  … " + std::to_string(o.failures() - kShown) + " more in " + std::string(kExploreFile) + "\n";
      break;
    }
    char line[512];
    std::snprintf(line, sizeof line, "  run %-6zu seed %-20llu %zu -> %zu  %s%s\n", r.index,
                  static_cast<unsigned long long>(r.seed), r.drawn.size(), r.shrunk->schedule.size(),
                  minimal_shape(o.scenario, r.shrunk->schedule).c_str(),
                  r.shrunk->complete ? "" : "  (shrinking stopped: budget spent)");
    out += line;
  }
}

}  // namespace

std::string failure_file_name(std::uint64_t seed) { return "failure-" + std::to_string(seed) + ".json"; }

std::string failure_story(const ExploreOutcome& o, const ExploredRun& r) {
  SIM_ASSERT(r.shrunk.has_value());
  const std::string story = kept_count(o) > 0 && r.shrunk->schedule.empty()
                                ? "no drawn fault: the scenario's own faults alone"
                                : schedule_story(r.shrunk->schedule, o.scenario.world);
  return story + " → " + broken_check(o, r.shrunk->verdict, r.verdict.first_broken());
}

Json failure_document(const ExploreOutcome& o, const ExploredRun& r) {
  SIM_ASSERT(r.shrunk.has_value());
  const ScenarioFaults own = scenario_faults(o.scenario);
  Json doc = run_document(o.scenario.source, run_name(o.scenario.world.name, r.seed), r.seed,
                          r.shrunk->schedule, o.scenario.world, own);
  const std::size_t kept = kept_count(o);
  const std::string background =
      kept > 0 ? "the scenario's own " + kept_range(kept) + " kept, then " : std::string();
  doc["description"] = "Found by idsim explore " + o.scenario.file + " --seed " + std::to_string(o.base_seed) +
                       (own == ScenarioFaults::kept ? " --keep-faults" : "") + " (run " +
                       std::to_string(r.index) + "): " + background + failure_story(o, r) + ". Shrunk from " +
                       plural(r.drawn.size(), "drawn fault") + " in " + plural(r.shrunk->steps, "step") +
                       "; `idsim run` on this file reproduces the failure exactly.";
  return doc;
}

Json to_json(const ExploreOutcome& o) {
  Json distinct = Json::array();
  for (const DistinctFailure& f : o.distinct) {
    Json seeds = Json::array();
    for (const std::size_t i : f.runs) seeds.push_back(o.runs[i].seed);
    const ExploredRun& first = o.runs[f.runs.front()];
    distinct.push_back({{"shape", f.shape}, {"story", failure_story(o, first)},
                        {"file", std::string(kFailureDir) + "/" + failure_file_name(first.seed)},
                        {"seeds", seeds}});
  }
  Json runs = Json::array();
  for (const ExploredRun& r : o.runs) runs.push_back(run_json(o, r));
  Json expectations = Json::array();
  for (const Expectation& e : o.scenario.expectations) expectations.push_back(e.label);
  return {{"scenario", {{"file", o.scenario.file}, {"name", o.scenario.world.name},
                        {"source_hash", o.source_hash}, {"seed", o.base_seed}}},
          {"explore", o.scenario.source.value("explore", Json::object())},
          {"expectations", expectations},
          {"kept_faults", kept_count(o) > 0 ? o.scenario.source.at("faults") : Json::array()},
          {"runs", o.runs.size()},
          {"failures", o.failures()},
          {"simulations", o.simulations},
          {"budget", o.budget ? Json(*o.budget) : Json(nullptr)},
          {"shrink_allowance", o.shrink_allowance},
          {"check_determinism", o.check_determinism},
          {"distinct", distinct},
          {"results", runs}};
}

std::string render_explore_summary(const ExploreOutcome& o, const std::string& dir) {
  std::string out = "explore " + o.scenario.world.name + ": " + plural(o.runs.size(), "run") + " from seed " +
                    std::to_string(o.base_seed) + ", " + plural(o.simulations, "simulation") +
                    " in all (shrinking included)\n";
  if (kept_count(o) > 0)
    out += "  (kept: the scenario's own faults are " + kept_range(kept_count(o)) +
           " of every run; the drawn ones follow)\n";
  else if (!o.scenario.faults.empty())
    out += "  (the scenario's own " + plural(o.scenario.faults.size(), "fault") + " replaced by drawn schedules)\n";
  out += "  runs       " + std::to_string(o.runs.size()) + (o.check_determinism ? ", each run twice: same digests" : "") + "\n";
  out += "  failures   " + std::to_string(o.failures()) + " broke an expectation\n";
  out += "  distinct   " + plural(o.distinct.size(), "minimal failure") + " (by fault kinds and where they act)\n";
  if (o.failures() == 0) return out + "no schedule within the bounds broke an expectation\n";
  out += "\n";
  render_distinct(o, out);
  render_failing_runs(o, out);
  out += "\nwrote " + dir + "/" + std::string(kExploreFile) + " and " + plural(o.failures(), "failure file") +
         " in " + dir + "/" + std::string(kFailureDir) + "/ (replay one: idsim run FILE)\n";
  return out;
}

void write_explore_outputs(const ExploreOutcome& o, const fs::path& dir, const WriteFile& write) {
  std::error_code ec;
  const fs::path failures = dir / kFailureDir;
  if (fs::is_directory(failures, ec)) {
    for (const auto& entry : fs::directory_iterator(failures)) {
      const std::string name = entry.path().filename().string();
      if (name.rfind("failure-", 0) == 0 && entry.path().extension() == ".json") fs::remove(entry.path(), ec);
    }
  }
  for (const ExploredRun& r : o.runs)
    if (r.shrunk) write(failures / failure_file_name(r.seed), failure_document(o, r).dump(2) + "\n");
  write(dir / kExploreFile, to_json(o).dump(2) + "\n");
}

}  // namespace scenarios
