// timeseries.csv: a header with units, one row per bucket for all fleets and per fleet.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "reports/timeseries_csv.h"
#include "report_fixture.h"

namespace {

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST(TimeseriesCsv, HeaderNamesColumnsWithUnits) {
  const auto rows = lines(reports::timeseries_csv(reports_test::small_report()));
  ASSERT_FALSE(rows.empty());
  const std::string& header = rows[0];
  EXPECT_EQ(header.rfind("bucket_start_seconds,bucket_end_seconds,fleet,", 0), 0u);
  for (const char* column : {"calls_ok_count", "auth_failure_ratio", "fetch_latency_p95_seconds",
                             "sts_requests_per_second", "cost_total_currency"})
    EXPECT_NE(header.find(column), std::string::npos) << column;
}

TEST(TimeseriesCsv, OneRowPerBucketForAllFleetsAndEachFleet) {
  const auto rows = lines(reports::timeseries_csv(reports_test::small_report()));
  EXPECT_EQ(rows.size(), 1u + 60u * 3u);  // header + 60 buckets × ((all), web, batch)
  const auto fields = [](const std::string& l) { return std::count(l.begin(), l.end(), ','); };
  for (const std::string& row : rows) EXPECT_EQ(fields(row), fields(rows[0])) << row;
  EXPECT_EQ(rows[1].rfind("0,120,(all),", 0), 0u);
  EXPECT_EQ(rows[2].rfind("0,120,web,", 0), 0u);
}

}  // namespace
