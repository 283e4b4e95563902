// Replays saved fuzz inputs through the fuzz targets' own entry code (a crash fails the test
// binary), and checks that the caps leave the seed corpus runnable, so fuzzing reaches the run.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz_entry.h"

namespace {

namespace fs = std::filesystem;

std::vector<std::uint8_t> bytes_of(const std::string& text) { return {text.begin(), text.end()}; }

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Regular files under dir (recursively) whose extension is in `extensions` ({} = any but .md).
std::vector<fs::path> files_under(const fs::path& dir, const std::vector<std::string>& extensions) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const std::string ext = entry.path().extension().string();
    const bool wanted = extensions.empty()
                            ? ext != ".md"
                            : std::find(extensions.begin(), extensions.end(), ext) != extensions.end();
    if (wanted) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// A scenario file as the scenario target reads it: a format byte, then the text.
std::vector<std::uint8_t> as_input(const fs::path& file) {
  const char format = file.extension() == ".json" ? 'j' : 'y';
  return bytes_of(format + read_file(file));
}

const fs::path kSource = IDSIM_SOURCE_DIR;

TEST(FuzzRegressions, EverySavedScenarioInputReplaysWithoutCrashing) {
  for (const fs::path& file : files_under(kSource / "tests/fuzz/regressions/scenario", {})) {
    SCOPED_TRACE(file.filename().string());
    // Returning is the check: an abort fails the binary, an escaping exception this test.
    EXPECT_NO_THROW(fuzz::scenario_input(bytes_of(read_file(file))));
  }
}

TEST(FuzzRegressions, EverySavedParsersInputReplaysWithoutCrashing) {
  for (const fs::path& file : files_under(kSource / "tests/fuzz/regressions/parsers", {})) {
    SCOPED_TRACE(file.filename().string());
    EXPECT_NO_THROW(fuzz::parsers_input(bytes_of(read_file(file))));
  }
}

TEST(FuzzSeeds, EveryLibraryScenarioStillRunsUnderTheCaps) {
  const std::vector<fs::path> library = files_under(kSource / "scenarios", {".json", ".yaml"});
  ASSERT_GE(library.size(), 10u);
  for (const fs::path& file : library) {
    SCOPED_TRACE(file.string());
    EXPECT_EQ(fuzz::scenario_input(as_input(file)), fuzz::ScenarioOutcome::ran);
  }
}

TEST(FuzzSeeds, ValidJsonAndYamlExamplesRun) {
  for (const char* name : {"full.json", "full.yaml"}) {
    SCOPED_TRACE(name);
    EXPECT_EQ(fuzz::scenario_input(as_input(kSource / "tests/scenarios/valid" / name)),
              fuzz::ScenarioOutcome::ran);
  }
}

TEST(FuzzSeeds, EveryMalformedFileIsRefused) {
  const std::vector<fs::path> malformed =
      files_under(kSource / "tests/scenarios/malformed", {".json", ".yaml", ".yml"});
  ASSERT_GE(malformed.size(), 30u);
  for (const fs::path& file : malformed) {
    SCOPED_TRACE(file.filename().string());
    EXPECT_EQ(fuzz::scenario_input(as_input(file)), fuzz::ScenarioOutcome::refused);
  }
}

// A million instances for thirty days is valid; under the caps it runs as 41 instances for a day.
TEST(FuzzCaps, HugeValidScenarioRunsCappedInsteadOfForThirtyDays) {
  const std::string text = R"(j{"name": "huge", "duration": "30d", "bucket": "1h",
    "identities": [{"name": "app"}], "services": [{"name": "storage"}],
    "fleets": [{"name": "web", "nodes": 1000, "instances_per_node": 1000, "identity": "app",
                "instance_lifetime_mean": "1us",
                "calls": [{"service": "storage"}], "client": {"preset": "msal-dotnet"}},
               {"name": "jobs", "nodes": 3, "identity": "app",
                "calls": [{"service": "storage"}], "client": {"preset": "msal-go"}}],
    "faults": [{"kind": "scale", "fleet": "jobs", "at": "10m", "instances": 5000000}]})";
  EXPECT_EQ(fuzz::scenario_input(bytes_of(text)), fuzz::ScenarioOutcome::ran);
}

TEST(FuzzCaps, FaultBeyondTheCappedHorizonIsRefusedNotRun) {
  const std::string text = R"(y
name: late
duration: 3d
identities: [{name: app}]
services: [{name: storage}]
fleets: [{name: web, nodes: 2, identity: app, calls: [{service: storage}], client: {preset: msal-go}}]
faults: [{kind: sts_outage, at: 2d}]
)";
  EXPECT_EQ(fuzz::scenario_input(bytes_of(text)), fuzz::ScenarioOutcome::refused_after_caps);
}

TEST(FuzzCaps, MoreFleetsThanTheInstanceCapAreRefusedNotRun) {
  std::string fleets;
  for (int i = 0; i < 1001; ++i)
    fleets += std::string(i ? "," : "") + R"({"name": "f)" + std::to_string(i) +
              R"(", "identity": "app", "calls": [{"service": "s"}], "client": {"preset": "msal-go"}})";
  const std::string text = R"(j{"name": "wide", "duration": "1m", "bucket": "1m",
    "identities": [{"name": "app"}], "services": [{"name": "s"}], "fleets": [)" + fleets + "]}";
  EXPECT_EQ(fuzz::scenario_input(bytes_of(text)), fuzz::ScenarioOutcome::refused_after_caps);
}

TEST(FuzzInput, EmptyInputIsRefused) {
  EXPECT_EQ(fuzz::scenario_input({}), fuzz::ScenarioOutcome::refused);
  fuzz::parsers_input({});
}

}  // namespace
