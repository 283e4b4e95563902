// metrics.prom against a parser written to the OpenMetrics text format's rules: descriptors
// before samples, families not interleaved, suffixes by type, units in names, label syntax,
// timestamps increasing per series, counters never decreasing, and the closing # EOF.
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "reports/openmetrics.h"
#include "report_fixture.h"

namespace {

struct Family {
  std::string type, unit;
  bool has_samples = false;
};

class OpenMetricsChecker {
 public:
  void check(const std::string& text) {
    ASSERT_GE(text.size(), 6u);
    ASSERT_EQ(text.substr(text.size() - 6), "# EOF\n") << "must end with # EOF";
    std::stringstream in(text.substr(0, text.size() - 6));
    for (std::string line; std::getline(in, line); ++line_no_) {
      ASSERT_FALSE(line.empty()) << "empty line " << line_no_;
      if (line[0] == '#') descriptor(line);
      else sample(line);
      if (::testing::Test::HasFatalFailure()) return;
    }
  }
  std::map<std::string, Family> families;
  std::size_t samples = 0;

 private:
  void descriptor(const std::string& line) {
    static const std::regex re(R"(# (TYPE|UNIT|HELP) ([a-zA-Z_:][a-zA-Z0-9_:]*) ?(.*))");
    std::smatch m;
    ASSERT_TRUE(std::regex_match(line, m, re)) << line;
    const std::string name = m[2];
    if (name != current_) {
      ASSERT_FALSE(families.count(name)) << "family " << name << " interleaved, line " << line_no_;
      current_ = name;
    }
    Family& f = families[name];
    ASSERT_FALSE(f.has_samples) << "descriptor after samples: " << line;
    if (m[1] == "TYPE") {
      static const std::set<std::string> types{"counter", "gauge", "summary", "histogram",
                                               "gaugehistogram", "stateset", "info", "unknown"};
      ASSERT_TRUE(types.count(m[3])) << line;
      f.type = m[3];
    } else if (m[1] == "UNIT") {
      f.unit = m[3];
      ASSERT_TRUE(name.size() > f.unit.size() && name.ends_with("_" + f.unit)) << line;
    }
  }
  void sample(const std::string& line) {
    static const std::regex re(
        R"(([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([^}]*)\})? (\S+) (\S+))");
    std::smatch m;
    ASSERT_TRUE(std::regex_match(line, m, re)) << "bad sample line " << line_no_ << ": " << line;
    const std::string name = m[1];
    ASSERT_TRUE(families.count(current_)) << "sample before TYPE: " << line;
    Family& f = families[current_];
    f.has_samples = true;
    check_suffix(name, f.type);
    const std::string labels = m[3];
    check_labels(labels, f.type == "summary" && name == current_);
    char* end = nullptr;
    const std::string value_text = m[4].str();  // kept alive: `end` points into it
    const std::string ts_text = m[5].str();
    const double value = std::strtod(value_text.c_str(), &end);
    ASSERT_EQ(*end, '\0') << "bad value: " << line;
    const double ts = std::strtod(ts_text.c_str(), &end);
    ASSERT_EQ(*end, '\0') << "bad timestamp: " << line;
    const std::string series = name + "{" + labels + "}";
    auto [it, fresh] = last_.try_emplace(series, ts, value);
    if (!fresh) {
      ASSERT_GT(ts, it->second.first) << "timestamps must increase: " << line;
      if (f.type == "counter") {
        ASSERT_GE(value, it->second.second) << "counter went down: " << line;
      }
      it->second = {ts, value};
    }
    ++samples;
  }
  void check_suffix(const std::string& name, const std::string& type) {
    const std::string rest = name.substr(0, current_.size()) == current_ ? name.substr(current_.size()) : "?";
    if (type == "counter") {
      ASSERT_TRUE(rest == "_total" || rest == "_created") << name;
    } else if (type == "summary") {
      ASSERT_TRUE(rest.empty() || rest == "_sum" || rest == "_count") << name;
    } else {
      ASSERT_TRUE(rest.empty()) << name;
    }
  }
  void check_labels(const std::string& labels, bool quantile_required) {
    static const std::regex label(R"(([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)\")");
    std::set<std::string> names;
    std::size_t pos = 0;
    while (pos < labels.size()) {
      std::smatch m;
      const std::string rest = labels.substr(pos);
      ASSERT_TRUE(std::regex_search(rest, m, label, std::regex_constants::match_continuous)) << labels;
      ASSERT_TRUE(names.insert(m[1]).second) << "duplicate label in " << labels;
      if (m[1] == "quantile") {
        const double q = std::strtod(m[2].str().c_str(), nullptr);
        ASSERT_TRUE(q >= 0 && q <= 1) << labels;
      }
      pos += static_cast<std::size_t>(m.length(0));
      if (pos < labels.size()) {
        ASSERT_EQ(labels[pos++], ',') << labels;
      }
    }
    if (quantile_required) {
      ASSERT_TRUE(names.count("quantile")) << labels;
    }
  }

  std::string current_;
  std::size_t line_no_ = 1;
  std::map<std::string, std::pair<double, double>> last_;
};

TEST(OpenMetrics, AcceptedByAParserWrittenToTheFormatsRules) {
  OpenMetricsChecker checker;
  checker.check(reports::openmetrics(reports_test::small_report()));
  EXPECT_GT(checker.samples, 1000u);
}

TEST(OpenMetrics, NamesFollowPrometheusConventions) {
  OpenMetricsChecker checker;
  checker.check(reports::openmetrics(reports_test::small_report()));
  EXPECT_EQ(checker.families.at("idsim_token_requests").type, "counter");
  EXPECT_EQ(checker.families.at("idsim_token_fetch_latency_seconds").type, "summary");
  EXPECT_EQ(checker.families.at("idsim_token_fetch_latency_seconds").unit, "seconds");
  for (const auto& [name, family] : checker.families) EXPECT_EQ(name.rfind("idsim_", 0), 0u) << name;
}

TEST(OpenMetrics, CountersEndAtTheRunsTotals) {
  const std::string text = reports::openmetrics(reports_test::small_report());
  const auto& m = reports_test::small_report().run.world().metrics();
  const std::string last_sts = "idsim_token_requests_total{layer=\"sts\"} " +
                               std::to_string(m.sts_total().requests) + " 1704074400.000\n";
  EXPECT_NE(text.find(last_sts), std::string::npos) << last_sts;
}

// Sample values of one family's samples, keyed by their labels, in file order.
std::map<std::string, std::vector<double>> samples_of(const std::string& text, const std::string& name) {
  static const std::regex re(R"(([a-zA-Z_:][a-zA-Z0-9_:]*)\{([^}]*)\} (\S+) (\S+))");
  std::map<std::string, std::vector<double>> out;
  std::stringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_match(line, m, re) && m[1] == name) out[m[2]].push_back(std::stod(m[3]));
  }
  return out;
}

TEST(OpenMetrics, ServiceCallsCountEachServicesVerdictsBucketByBucket) {
  const reports::RunReport& r = reports_test::small_report();
  const models::Metrics& m = r.run.world().metrics();
  const auto series = samples_of(reports::openmetrics(r), "idsim_service_calls_total");
  ASSERT_EQ(series.size(), 2u * 3u);  // (storage, vault) × (ok, unauthorized, forbidden)
  const char* names[] = {"storage", "vault"};
  for (std::size_t s = 0; s < 2; ++s) {
    const std::string service = std::string("service=\"") + names[s] + "\",outcome=";
    const auto& ok = series.at(service + "\"ok\"");
    const auto& unauthorized = series.at(service + "\"unauthorized\"");
    const auto& forbidden = series.at(service + "\"forbidden\"");
    ASSERT_EQ(ok.size(), m.bucket_count());
    ASSERT_EQ(unauthorized.size(), m.bucket_count());
    ASSERT_EQ(forbidden.size(), m.bucket_count());
    double total_ok = 0, total_401 = 0, total_403 = 0;  // counters: cumulative from the start
    for (std::size_t b = 0; b < m.bucket_count(); ++b) {
      const models::ServiceBucket& want = m.service_at(s, b);
      total_ok += static_cast<double>(want.calls - want.unauthorized - want.forbidden);
      total_401 += static_cast<double>(want.unauthorized);
      total_403 += static_cast<double>(want.forbidden);
      EXPECT_EQ(ok[b], total_ok) << names[s] << " bucket " << b;
      EXPECT_EQ(unauthorized[b], total_401) << names[s] << " bucket " << b;
      EXPECT_EQ(forbidden[b], total_403) << names[s] << " bucket " << b;
    }
    EXPECT_EQ(total_ok + total_401 + total_403, static_cast<double>(m.service_total(s).calls));
  }
  EXPECT_GT(series.at("service=\"vault\",outcome=\"forbidden\"").back(), 0.0)
      << "small.json revokes batch's vault role";
}

// The per-service family is new; the fleet call series keep exactly their labels, so sums
// over idsim_calls_total in existing dashboards still count each call once.
TEST(OpenMetrics, FleetCallSeriesKeepFleetAndOutcomeLabelsOnly) {
  const auto series = samples_of(reports::openmetrics(reports_test::small_report()), "idsim_calls_total");
  EXPECT_EQ(series.size(), 2u * 4u);  // (web, batch) × (ok, no_token, unauthorized, forbidden)
  static const std::regex labels(R"re(fleet="[a-z0-9_.-]+",outcome="(ok|no_token|unauthorized|forbidden)")re");
  for (const auto& [l, values] : series) EXPECT_TRUE(std::regex_match(l, labels)) << l;
}

}  // namespace
