// The commands as users meet them: idsim run writes every report file, byte-identical for the
// same run; idsim check over the library and over a broken scenario; idsim diff.
#include <gtest/gtest.h>

#include "report_fixture.h"
#include "xml.h"

namespace {

namespace fs = std::filesystem;
using reports_test::run_idsim;
using reports_test::slurp;

constexpr const char* kFiles[] = {"report.json", "timeseries.csv", "timeseries_services.csv",
                                  "report.html", "junit.xml",      "summary.md",
                                  "metrics.prom"};

TEST(CliReports, RunWritesEveryFileIdenticallyForTheSameRun) {
  const fs::path a = reports_test::fresh_dir("run-a"), b = reports_test::fresh_dir("run-b");
  const std::string scenario = "tests/reports/scenarios/small.json";
  const auto ra = run_idsim("run " + scenario + " --out " + a.string());
  EXPECT_EQ(ra.exit_code, 1) << ra.output;  // small.json fails two expectations on purpose
  EXPECT_NE(ra.output.find("report: " + (a / "report.html").string()), std::string::npos);
  run_idsim("run -q " + scenario + " --out " + b.string());
  for (const char* file : kFiles) {
    ASSERT_TRUE(fs::exists(a / file)) << file;
    EXPECT_EQ(slurp(a / file), slurp(b / file)) << file << " differs between identical runs";
  }
  for (const auto& entry : fs::directory_iterator(a))
    EXPECT_NE(entry.path().filename().string()[0], '.') << "temporary file left: " << entry.path();
  fs::remove_all(a), fs::remove_all(b);
}

TEST(CliReports, TerminalSummaryFitsOneHundredColumns) {
  const fs::path out = reports_test::fresh_dir("width");
  const auto r = run_idsim("run tests/reports/scenarios/small.json --out " + out.string());
  std::stringstream in(r.output);
  for (std::string line; std::getline(in, line);) {
    std::size_t columns = 0;
    for (const char c : line) columns += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    EXPECT_LE(columns, 100u) << line;
  }
  fs::remove_all(out);
}

TEST(CliReports, CheckPassesOnTheScenarioLibrary) {
  const fs::path out = reports_test::fresh_dir("check-lib");
  const auto r = run_idsim("check scenarios/ --out " + out.string());
  EXPECT_EQ(r.exit_code, 0) << r.output;
  const auto root = reports_test::parse_xml(slurp(out / "junit.xml"));
  EXPECT_GT(root->all("testsuite").size(), 0u);
  EXPECT_EQ(*root->attribute("failures"), "0");
  fs::remove_all(out);
}

TEST(CliReports, CheckFailsABrokenRefreshPolicyNamingMetricValueAndBound) {
  const fs::path out = reports_test::fresh_dir("check-broken");
  const auto r = run_idsim("check tests/reports/scenarios/broken_refresh.json --out " + out.string());
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("FAIL  broken-refresh-policy"), std::string::npos) << r.output;
  const auto root = reports_test::parse_xml(slurp(out / "junit.xml"));
  const auto failures = root->all("failure");
  ASSERT_FALSE(failures.empty());
  const std::string& message = *failures[0]->attribute("message");
  EXPECT_EQ(message.rfind("no_token_rate = ", 0), 0u) << message;
  EXPECT_NE(message.find("bound <= 0.0001"), std::string::npos) << message;
  fs::remove_all(out);
}

TEST(CliReports, CheckExitsTwoOnBadInputAndStillWritesJunit) {
  const fs::path out = reports_test::fresh_dir("check-bad");
  const auto r = run_idsim("check tests/scenarios/malformed/broken_json.json --out " + out.string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_EQ(reports_test::parse_xml(slurp(out / "junit.xml"))->all("error").size(), 1u);
  EXPECT_EQ(run_idsim("check no/such/dir --out " + out.string()).exit_code, 2);
  fs::remove_all(out);
}

// Load errors quote the file's bytes, and idsim check copies them into junit.xml: a byte that
// is not UTF-8, half an 'é' cut by a 40-byte quote, a control character from a JSON "\u0001".
// The strict parser refuses any of them raw (xml.h).
TEST(CliReports, CheckWritesWellFormedJunitWhateverBytesTheMessagesQuote) {
  const fs::path out = reports_test::fresh_dir("check-bytes");
  fs::create_directories(out);
  const fs::path control = out / "name_control_character.json";
  std::ofstream(control) << R"({"name": "bell\u0007", "duration": "1h"})";
  const auto r = run_idsim("check tests/scenarios/malformed/json_string_not_utf8.json "
                           "tests/scenarios/malformed/name_cut_inside_character.json "
                           "tests/scenarios/malformed/yaml_escape_not_utf8.yaml " +
                           control.string() + " --out " + out.string());
  EXPECT_EQ(r.exit_code, 2) << r.output;
  const auto root = reports_test::parse_xml(slurp(out / "junit.xml"));
  const auto errors = root->all("error");
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_NE(errors[0]->text.find("last read: '\"caf\\xe9\"'"), std::string::npos) << errors[0]->text;
  EXPECT_NE(errors[3]->text.find("name: found \"bell\\x07\""), std::string::npos) << errors[3]->text;
  fs::remove_all(out);
}

TEST(CliReports, DiffShowsBothRunsAndDrawsThemOnSharedAxes) {
  const fs::path a = reports_test::fresh_dir("diff-a"), b = reports_test::fresh_dir("diff-b");
  const std::string scenario = "tests/reports/scenarios/small.json";
  run_idsim("run -q " + scenario + " --out " + a.string());
  run_idsim("run -q " + scenario + " --set sts.token_ttl=5m --out " + b.string());
  const auto r = run_idsim("diff " + (a / "report.json").string() + " " + (b / "report.json").string() +
                           " --html " + (a / "diff.html").string());
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("issuance_success_rate"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("IMDS blocked zone-a peak_failure_rate"), std::string::npos) << r.output;
  const auto root = reports_test::parse_xml(slurp(a / "diff.html"));
  EXPECT_EQ(root->all("svg").size(), 3u);
  EXPECT_EQ(run_idsim("diff " + (a / "report.json").string()).exit_code, 2);
  fs::remove_all(a), fs::remove_all(b);
}

}  // namespace
