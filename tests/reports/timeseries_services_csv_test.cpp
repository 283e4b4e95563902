// timeseries_services.csv: one rectangular table, a row per bucket and target service, whose
// cells are the metrics' ServiceBucket figures; its 401/403 add up to the fleets' in
// timeseries.csv, bucket by bucket.
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <sstream>

#include "reports/timeseries_csv.h"
#include "reports/timeseries_services_csv.h"
#include "report_fixture.h"

namespace {

using Row = std::vector<std::string>;

// Plain CSV as small.json produces it (service and fleet names are [a-z0-9_.-]: no quoting).
std::vector<Row> parse_csv(const std::string& text) {
  std::vector<Row> rows;
  std::stringstream in(text);
  for (std::string line; std::getline(in, line);) {
    Row row;
    std::stringstream cells(line);
    for (std::string cell; std::getline(cells, cell, ',');) row.push_back(cell);
    if (!line.empty() && line.back() == ',') row.push_back("");
    rows.push_back(row);
  }
  return rows;
}

double number(const std::string& cell) {
  char* end = nullptr;
  const double v = std::strtod(cell.c_str(), &end);
  EXPECT_TRUE(!cell.empty() && *end == '\0') << "not a number: '" << cell << "'";
  return v;
}

std::size_t column(const Row& header, const std::string& name) {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  ADD_FAILURE() << "no column " << name;
  return 0;
}

TEST(TimeseriesServicesCsv, OneRowPerBucketAndServiceWithTheMetricsFigures) {
  const reports::RunReport& r = reports_test::small_report();
  const models::Metrics& m = r.run.world().metrics();
  const auto rows = parse_csv(reports::timeseries_services_csv(r));
  ASSERT_EQ(rows.size(), 1 + m.bucket_count() * 2);  // header + 60 buckets × (storage, vault)
  EXPECT_EQ(rows[0], (Row{"bucket_start_seconds", "bucket_end_seconds", "service", "calls_count",
                          "calls_ok_count", "calls_401_count", "calls_403_count", "rejected_ratio"}));
  std::uint64_t forbidden_seen = 0;
  for (std::size_t b = 0; b < m.bucket_count(); ++b)
    for (std::size_t s = 0; s < 2; ++s) {
      const Row& row = rows[1 + b * 2 + s];
      ASSERT_EQ(row.size(), rows[0].size());
      const models::ServiceBucket& want = m.service_at(s, b);
      EXPECT_EQ(number(row[0]), 120.0 * static_cast<double>(b));
      EXPECT_EQ(number(row[1]), 120.0 * static_cast<double>(b + 1));
      EXPECT_EQ(row[2], s == 0 ? "storage" : "vault");
      EXPECT_EQ(number(row[3]), static_cast<double>(want.calls));
      EXPECT_EQ(number(row[4]), static_cast<double>(want.calls - want.unauthorized - want.forbidden));
      EXPECT_EQ(number(row[5]), static_cast<double>(want.unauthorized));
      EXPECT_EQ(number(row[6]), static_cast<double>(want.forbidden));
      const double rejected = static_cast<double>(want.unauthorized + want.forbidden);
      EXPECT_NEAR(number(row[7]), want.calls == 0 ? 0.0 : rejected / static_cast<double>(want.calls), 1e-12);
      forbidden_seen += want.forbidden;
    }
  EXPECT_GT(forbidden_seen, 0u) << "small.json revokes batch's vault role: vault must answer 403";
}

// Every 401 and 403 is counted by exactly one service (docs/report-json.md), so per bucket
// the services' sums equal the (all) row of timeseries.csv.
TEST(TimeseriesServicesCsv, RejectionsAddUpToTheAllFleetsRowEachBucket) {
  const reports::RunReport& r = reports_test::small_report();
  const auto fleets = parse_csv(reports::timeseries_csv(r));
  const auto services = parse_csv(reports::timeseries_services_csv(r));
  const std::size_t f401 = column(fleets[0], "calls_401_count"), f403 = column(fleets[0], "calls_403_count");
  const std::size_t s401 = column(services[0], "calls_401_count"), s403 = column(services[0], "calls_403_count");
  std::map<std::string, std::pair<double, double>> by_bucket;  // bucket start → (401, 403)
  for (std::size_t i = 1; i < services.size(); ++i) {
    auto& sums = by_bucket[services[i][0]];
    sums.first += number(services[i][s401]);
    sums.second += number(services[i][s403]);
  }
  std::size_t checked = 0;
  double rejections = 0;
  for (std::size_t i = 1; i < fleets.size(); ++i) {
    if (fleets[i][2] != "(all)") continue;
    const auto& sums = by_bucket.at(fleets[i][0]);
    EXPECT_EQ(sums.first, number(fleets[i][f401])) << "bucket at " << fleets[i][0] << " s";
    EXPECT_EQ(sums.second, number(fleets[i][f403])) << "bucket at " << fleets[i][0] << " s";
    rejections += sums.first + sums.second;
    ++checked;
  }
  EXPECT_EQ(checked, by_bucket.size());
  EXPECT_GT(rejections, 0.0);
}

}  // namespace
