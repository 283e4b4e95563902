// report.json: the schema version and every documented top-level and per-fault field.
#include <gtest/gtest.h>

#include "reports/report_json.h"
#include "report_fixture.h"

namespace {

TEST(ReportJson, CarriesTheSchemaVersionAndEveryTopLevelField) {
  const nlohmann::ordered_json j = reports::report_json(reports_test::small_report());
  EXPECT_EQ(j.at("schema_version"), reports::kReportSchemaVersion);
  for (const char* key : {"scenario", "passed", "totals", "fleets", "slis", "cost", "faults",
                          "expectations", "audit", "series"})
    EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_EQ(j.at("scenario").at("seed"), 11);
  EXPECT_EQ(j.at("series").size(), 60u);  // 2 h in 2-minute buckets
  EXPECT_TRUE(j.at("slis").contains("failure_minutes"));
}

TEST(ReportJson, PerFaultTableHasItsFigures) {
  const nlohmann::ordered_json j = reports::report_json(reports_test::small_report());
  ASSERT_EQ(j.at("faults").size(), 3u);
  for (const char* key : {"label", "kind", "start_s", "end_s", "time_to_first_failure_s",
                          "peak_failure_rate", "failed_calls", "recovery_time_s", "exposure_window_s"})
    EXPECT_TRUE(j.at("faults")[0].contains(key)) << key;
  EXPECT_EQ(j.at("faults")[0].at("label"), "IMDS blocked zone-a");
}

TEST(ReportJson, SeriesCarryCostByPart) {
  const nlohmann::ordered_json j = reports::report_json(reports_test::small_report());
  const auto& cost = j.at("series")[0].at("cost");
  for (const char* key : {"issuance", "capacity", "endpoint", "failure", "total"})
    EXPECT_TRUE(cost.contains(key)) << key;
}

}  // namespace
