// A burn-rate expectation in every writer that shows expectations: report.json (with its
// burn_rate object), junit.xml (a failure naming measured value and bound), summary.md and the
// HTML expectations table. The run is the 2 % STS brownout of tests/scenarios/burn_rate/, which
// pages; with faults[0].fraction=0.0005 it never pages.
#include <gtest/gtest.h>

#include "reports/html/report_html.h"
#include "reports/junit.h"
#include "reports/summary_md.h"
#include "report_fixture.h"
#include "xml.h"

namespace {

using reports_test::SmallRun;

std::unique_ptr<SmallRun> brownout(const std::vector<scenarios::Override>& overrides) {
  auto r = std::make_unique<SmallRun>();
  auto loaded = scenarios::load_scenario_file(
      reports_test::source_path("tests/scenarios/burn_rate/brownout.json"), overrides);
  if (!loaded.errors.empty()) throw std::runtime_error(loaded.errors.front().message());
  r->scenario = std::move(*loaded.scenario);
  r->run = std::make_unique<scenarios::Run>(r->scenario);
  r->run->execute();
  r->report = std::make_unique<reports::RunReport>(reports::analyse(*r->run));
  return r;
}

const reports::RunReport& paging_report() {
  static const std::unique_ptr<SmallRun> run = brownout({});
  return *run->report;
}

const reports::RunReport& quiet_report() {
  static const std::unique_ptr<SmallRun> run = brownout({{"faults[0].fraction", "0.0005"}});
  return *run->report;
}

TEST(BurnRateReport, ReportJsonGivesTheRuleAndTheTimeToPage) {
  const nlohmann::ordered_json j = reports::report_json(paging_report());
  const auto& e = j.at("expectations").at(0);
  EXPECT_EQ(e.at("metric"), "time_to_page_s");
  EXPECT_EQ(e.at("bound"), "<= 50m");
  const auto& b = e.at("burn_rate");
  EXPECT_EQ(b.at("slo"), 0.999);
  EXPECT_EQ(b.at("period_s"), 30 * 86400.0);
  EXPECT_EQ(b.at("sli"), "call_success");
  EXPECT_EQ(b.at("page_within_s"), 3000.0);
  EXPECT_EQ(b.at("reference_s"), 3600.0);
  EXPECT_EQ(b.at("paged_by"), "6h/30m burn 6");  // the 6 h window holds only the run so far
  EXPECT_EQ(b.at("time_to_page_s"), e.at("value"));
  EXPECT_EQ(b.at("paged_at_s").get<double>() - 3600.0, e.at("value").get<double>());
  EXPECT_EQ(e.at("measured").get<std::string>().rfind("paged after 2", 0), 0u) << e.at("measured");
  // A metric expectation carries no burn_rate object.
  const nlohmann::ordered_json small = reports::report_json(reports_test::small_report());
  EXPECT_FALSE(small.at("expectations").at(0).contains("burn_rate"));
}

TEST(BurnRateReport, NeverPagedIsNullInJsonAndAJunitFailureWithMeasuredAndBound) {
  const nlohmann::ordered_json j = reports::report_json(quiet_report());
  const auto& e = j.at("expectations").at(0);
  EXPECT_FALSE(e.at("passed").get<bool>());
  EXPECT_TRUE(e.at("value").is_null());
  EXPECT_TRUE(e.at("burn_rate").at("time_to_page_s").is_null());
  EXPECT_TRUE(e.at("burn_rate").at("paged_at_s").is_null());
  EXPECT_EQ(e.at("measured"), "never paged");

  const auto root = reports_test::parse_xml(reports::junit_xml({reports::junit_suite(quiet_report())}));
  ASSERT_FALSE(root->all("failure").empty());
  const reports_test::XmlNode& failure = *root->all("failure").at(0);
  EXPECT_EQ(*failure.attribute("message"), "time_to_page_s = never paged, bound <= 50m");
  EXPECT_NE(failure.text.find("measured: never paged"), std::string::npos) << failure.text;
}

TEST(BurnRateReport, SummaryAndHtmlShowTheTimeToPage) {
  const std::string md = reports::summary_md(paging_report());
  EXPECT_NE(md.find("| paged after 2"), std::string::npos) << md;
  EXPECT_NE(md.find("(6h/30m burn 6) | <= 50m |"), std::string::npos) << md;

  const auto root = reports_test::parse_xml(reports::report_html(paging_report()));
  std::string table_text;
  root->visit([&](const reports_test::XmlNode& n) {
    if (n.attribute("id") && *n.attribute("id") == "expectations")
      n.visit([&](const reports_test::XmlNode& c) { table_text += c.text + "|"; });
  });
  EXPECT_NE(table_text.find("|paged after 2"), std::string::npos) << table_text;
  EXPECT_NE(table_text.find("|no page|"), std::string::npos) << table_text;
}

}  // namespace
