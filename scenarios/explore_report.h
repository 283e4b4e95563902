#pragma once
// What `idsim explore` writes and prints (docs/explore.md): one scenario file per failing run
// with its minimal schedule (DIR/explore/failure-<seed>.json, reproduced by `idsim run`),
// DIR/explore.json with every run, and the terminal summary. None of it depends on --jobs.
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "scenarios/explore_run.h"
#include "scenarios/sweep_run.h"

namespace scenarios {

inline constexpr std::string_view kExploreFile = "explore.json";
inline constexpr std::string_view kFailureDir = "explore";

std::string failure_file_name(std::uint64_t seed);  // "failure-<seed>.json"

// The minimal failing scenario of a failed run: the explored scenario with the run's seed and
// its minimal schedule as explicit faults.
nlohmann::ordered_json failure_document(const ExploreOutcome& outcome, const ExploredRun& run);

// "STS outage of 3m → no_token_rate 0.061 % (max 0.05 %)": the minimal schedule and the check
// it breaks.
std::string failure_story(const ExploreOutcome& outcome, const ExploredRun& run);

nlohmann::ordered_json to_json(const ExploreOutcome& outcome);

// The terminal summary; `dir` is where the files went.
std::string render_explore_summary(const ExploreOutcome& outcome, const std::string& dir);

// Removes failure files an earlier exploration left in DIR/explore, then writes this one's.
void write_explore_outputs(const ExploreOutcome& outcome, const std::filesystem::path& dir,
                           const WriteFile& write);

}  // namespace scenarios
