// Every file under malformed/ must fail to load with the errors its NAME.expect lists (one
// substring per line; each must appear in the error output, paths included).
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "scenario_test_util.h"
#include "scenarios/check.h"

namespace {

using namespace scenario_test;
namespace fs = std::filesystem;

std::vector<std::string> expected_substrings(const fs::path& file) {
  fs::path expect = file;
  expect.replace_extension(".expect");
  std::vector<std::string> lines;
  std::istringstream in(read_file(expect.string()));
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  return lines;
}

std::vector<fs::path> corpus() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(test_dir() + "/malformed")) {
    const std::string ext = entry.path().extension().string();
    if (ext == ".json" || ext == ".yaml" || ext == ".yml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(Malformed, CorpusIsLargeAndMixed) {
  std::set<std::string> extensions;
  for (const fs::path& file : corpus()) extensions.insert(file.extension().string());
  EXPECT_GE(corpus().size(), 30u);
  EXPECT_EQ(extensions.count(".json"), 1u);
  EXPECT_EQ(extensions.count(".yaml"), 1u);
}

TEST(Malformed, EveryFileFailsWithItsExpectedErrors) {
  for (const fs::path& file : corpus()) {
    SCOPED_TRACE(file.filename().string());
    const std::vector<std::string> expected = expected_substrings(file);
    ASSERT_FALSE(expected.empty()) << "no " << file.stem().string() << ".expect";
    const scenarios::LoadResult result = scenarios::load_scenario_file(file.string());
    EXPECT_FALSE(result.scenario.has_value());
    ASSERT_FALSE(result.errors.empty());
    const std::string output = messages(result);
    for (const std::string& substring : expected)
      EXPECT_NE(output.find(substring), std::string::npos) << "missing: " << substring << "\nin:\n" << output;
    // Every line names the file and has the contract's shape.
    for (const scenarios::LoadError& e : result.errors) {
      EXPECT_EQ(e.file, file.string());
      EXPECT_FALSE(e.path.empty());
      EXPECT_FALSE(e.found.empty());
      EXPECT_FALSE(e.expected.empty());
    }
  }
}

// Messages reach junit.xml (idsim check), which must stay UTF-8 whatever bytes a file holds.
TEST(Malformed, EveryMessageIsUtf8) {
  for (const fs::path& file : corpus()) {
    SCOPED_TRACE(file.filename().string());
    for (const scenarios::LoadError& e : scenarios::load_scenario_file(file.string()).errors)
      EXPECT_TRUE(scenarios::detail::is_utf8(e.message())) << e.message();
  }
}

TEST(Malformed, EveryExpectFileHasItsScenario) {
  for (const auto& entry : fs::directory_iterator(test_dir() + "/malformed")) {
    if (entry.path().extension() != ".expect") continue;
    int found = 0;
    for (const char* ext : {".json", ".yaml", ".yml"}) {
      fs::path scenario = entry.path();
      found += fs::exists(scenario.replace_extension(ext)) ? 1 : 0;
    }
    EXPECT_EQ(found, 1) << entry.path();
  }
}

TEST(Malformed, TooManyFaults) {
  std::string faults = R"("faults": [)";
  for (int i = 0; i <= 10'000; ++i) faults += std::string(i ? "," : "") + R"({"kind": "sts_outage", "at": "1m"})";
  const auto r = load_json(minimal(faults + "]"));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].message(),
            "test.json: faults: found an array of 10001 entries, expected an array of at most 10000 entries "
            "(limit kFaultsMax, scenarios/validate.h: split the fault script into several scenarios)");
}

}  // namespace
