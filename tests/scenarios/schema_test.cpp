// The JSON Schema: valid JSON, accepts the valid scenarios, refuses invalid ones, and accepts
// every scenario in the library (scenarios/**/*.json|yaml|yml), checked with python3-jsonschema.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "scenario_test_util.h"
#include "scenarios/schema.h"

namespace {

using namespace scenario_test;
namespace fs = std::filesystem;

constexpr const char* kPython = "/usr/bin/python3";

bool have_jsonschema() {
  const std::string command = std::string(kPython) + " -c 'import jsonschema' >/dev/null 2>&1";
  return std::system(command.c_str()) == 0;
}

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("idsim-schema-" + std::to_string(::getpid()));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

void write(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// Validates each document against the schema; returns the file names that failed, one a line
// (or a Python error).
std::string invalid_documents(const std::vector<std::pair<std::string, nlohmann::ordered_json>>& docs) {
  TempDir dir;
  write(dir.path / "schema.json", scenarios::scenario_json_schema().dump(1));
  std::vector<std::string> names;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    const std::string name = std::to_string(i) + ".json";
    write(dir.path / name, docs[i].second.dump());
    names.push_back(name);
  }
  const std::string script =
      "import jsonschema,json,sys\n"
      "d=sys.argv[1]\n"
      "s=json.load(open(d+'/schema.json'))\n"
      "jsonschema.Draft202012Validator.check_schema(s)\n"
      "v=jsonschema.Draft202012Validator(s)\n"
      "for n in sys.argv[2:]:\n"
      "  e=list(v.iter_errors(json.load(open(d+'/'+n))))\n"
      "  if e: print(n, '|', e[0].json_path, '|', e[0].message[:200])\n";
  write(dir.path / "check.py", script);
  std::string command = std::string(kPython) + " " + (dir.path / "check.py").string() + " " + dir.path.string();
  for (const std::string& n : names) command += " " + n;
  command += " 2>&1";
  std::string output;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buffer[4096];
    while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
    ::pclose(pipe);
  }
  // Name the documents by their labels.
  for (std::size_t i = 0; i < docs.size(); ++i) {
    const std::string key = std::to_string(i) + ".json |";
    for (auto at = output.find(key); at != std::string::npos; at = output.find(key, at + 1)) {
      if (at == 0 || output[at - 1] == '\n') output.replace(at, key.size() - 2, docs[i].first);
    }
  }
  return output;
}

nlohmann::ordered_json load_doc(const std::string& file) {
  std::vector<scenarios::LoadError> errors;
  auto doc = scenarios::parse_document(read_file(file), scenarios::format_of(file), file, errors);
  EXPECT_TRUE(errors.empty()) << file;
  return doc.value_or(nullptr);
}

TEST(Schema, IsValidJsonWithTheFormatsEnums) {
  const auto schema = scenarios::scenario_json_schema();
  const auto reparsed = nlohmann::ordered_json::parse(schema.dump());
  EXPECT_EQ(reparsed, schema);
  EXPECT_EQ(schema["additionalProperties"], false);
  const auto& fleet = schema["properties"]["fleets"]["items"];
  EXPECT_EQ(fleet["additionalProperties"], false);
  EXPECT_FALSE(fleet["properties"]["client"]["properties"]["preset"]["enum"].empty());
  EXPECT_EQ(schema["properties"]["faults"]["items"]["oneOf"].size(), 16u);
  const auto& expectation = schema["properties"]["expect"]["items"]["oneOf"];
  ASSERT_EQ(expectation.size(), 2u);  // a metric with bounds, or a burn-rate alert
  EXPECT_EQ(expectation[0]["properties"]["metric"]["enum"].size(), scenarios::metric_names().size());
  EXPECT_TRUE(expectation[1]["properties"].contains("burn_rate"));
}

TEST(Schema, AcceptsValidAndRefusesInvalidDocuments) {
  if (!have_jsonschema()) GTEST_SKIP() << kPython << " cannot import jsonschema (apt-get install python3-jsonschema)";
  std::vector<std::pair<std::string, nlohmann::ordered_json>> valid{
      {"full.json", load_doc(test_dir() + "/valid/full.json")},
      {"full.yaml", load_doc(test_dir() + "/valid/full.yaml")},
      {"minimal", nlohmann::ordered_json::parse(minimal())},
      {"coalescing endpoint", nlohmann::ordered_json::parse(minimal(
           R"("metadata": {"cache": true, "coalesce_misses": true})"))},
      {"every fault kind", nlohmann::ordered_json::parse(minimal(R"("faults": [
         {"kind": "imds_block", "at": "1m", "selector": {"fleet": "web"}},
         {"kind": "network_partition", "at": "1m", "duration": "1m"},
         {"kind": "imds_throttle", "at": "1m", "rate_per_s": 1},
         {"kind": "imds_latency", "at": "1m", "latency": "2s"},
         {"kind": "sts_outage", "at": "1m", "fraction": 0.5},
         {"kind": "sts_latency", "at": "1m", "latency": "1.5s"},
         {"kind": "sts_throttle", "at": "1m", "rate_per_s": 10},
         {"kind": "identity_delete", "at": "1m", "identity": "app"},
         {"kind": "role_revoke", "at": "1m", "identity": "app", "service": "storage"},
         {"kind": "role_grant", "at": "1m", "identity": "app", "service": "storage"},
         {"kind": "ttl_change", "at": "1m", "ttl": "10m"},
         {"kind": "clock_skew", "at": "1m", "offset": "-3m"},
         {"kind": "restart", "at": "1m", "fleet": "web", "spread": "30s"},
         {"kind": "scale", "at": "1m", "fleet": "web", "instances": 20},
         {"kind": "audience_mismatch", "at": "1m", "selector": {"fleet": "web"}},
         {"kind": "issuer_mismatch", "at": "1m", "service": "storage"}])"))},
      {"burn-rate expectations", nlohmann::ordered_json::parse(minimal(R"("expect": [
         {"burn_rate": {"slo": 0.999, "period": "30d", "sli": "call_success"}, "page_within": "5m", "fleet": "web"},
         {"burn_rate": {"slo": 0.99, "sli": "issuance_success"}, "no_page": true, "window": {"from": "0s", "to": "30m"}}])"))}};
  // The loader agrees that these are valid.
  for (const auto& [label, doc] : valid) {
    const auto r = load_json(doc.dump());
    EXPECT_TRUE(r.errors.empty()) << label << "\n" << messages(r);
  }
  EXPECT_EQ(invalid_documents(valid), "");

  std::vector<std::pair<std::string, nlohmann::ordered_json>> invalid{
      {"unknown key", nlohmann::ordered_json::parse(minimal(R"("sevrers": 4)"))},
      {"bare duration", nlohmann::ordered_json::parse(minimal(R"("bucket": 60)"))},
      {"negative duration", nlohmann::ordered_json::parse(minimal(R"("bucket": "-1m")"))},
      {"unknown preset", nlohmann::ordered_json::parse(minimal("", R"({"preset": "msal-java"})"))},
      {"unknown kind", nlohmann::ordered_json::parse(minimal(R"("faults": [{"kind": "x", "at": "1m"}])"))},
      {"one-shot with duration", nlohmann::ordered_json::parse(minimal(
           R"("faults": [{"kind": "restart", "at": "1m", "fleet": "web", "duration": "1m"}])"))},
      {"expect without bound", nlohmann::ordered_json::parse(minimal(R"("expect": [{"metric": "calls"}])"))},
      {"burn rate with page_within and no_page", nlohmann::ordered_json::parse(minimal(
           R"("expect": [{"burn_rate": {"slo": 0.999}, "page_within": "5m", "no_page": true}])"))},
      {"burn rate with a metric", nlohmann::ordered_json::parse(minimal(
           R"("expect": [{"burn_rate": {"slo": 0.999}, "metric": "calls", "page_within": "5m"}])"))},
  };
  const std::string failures = invalid_documents(invalid);
  for (const auto& [label, doc] : invalid) EXPECT_NE(failures.find(label + " |"), std::string::npos) << label << "\n" << failures;
}

TEST(Schema, AcceptsEveryScenarioInTheLibrary) {
  if (!have_jsonschema()) GTEST_SKIP() << kPython << " cannot import jsonschema (apt-get install python3-jsonschema)";
  std::vector<std::pair<std::string, nlohmann::ordered_json>> docs;
  for (const auto& entry : fs::recursive_directory_iterator(source_dir() + "/scenarios")) {
    const std::string file = entry.path().string();
    if (!entry.is_regular_file() || scenarios::format_of(file).empty()) continue;
    docs.emplace_back(file, load_doc(file));
  }
  // Zero files is fine until the game-day library lands.
  if (docs.empty()) return;
  EXPECT_EQ(invalid_documents(docs), "");
  for (const auto& [file, doc] : docs) {
    const auto r = scenarios::load_scenario_file(file);
    EXPECT_TRUE(r.errors.empty()) << messages(r);
  }
}

}  // namespace
