// Burn-rate expectations end to end: the loader reads them (and refuses bad ones with the
// contract's messages), and a simulated STS brownout pages when the workbook says it should.
#include <gtest/gtest.h>

#include <cmath>

#include "scenario_test_util.h"
#include "scenarios/expectations.h"
#include "scenarios/run.h"

namespace {

using namespace scenario_test;
using scenarios::Override;

const std::string kBrownout = test_dir() + "/burn_rate/brownout.json";

std::vector<scenarios::ExpectationResult> run_brownout(const std::vector<Override>& overrides) {
  const scenarios::LoadResult loaded = scenarios::load_scenario_file(kBrownout, overrides);
  EXPECT_TRUE(loaded.scenario) << messages(loaded);
  if (!loaded.scenario) return {};
  scenarios::Run run(*loaded.scenario);
  run.execute();
  EXPECT_TRUE(run.audit().empty());
  return scenarios::evaluate_expectations(run);
}

TEST(BurnRateExpect, LoadsWithDefaultsAndALabelSayingWhatItChecks) {
  const auto loaded = scenarios::load_scenario_file(kBrownout);
  ASSERT_TRUE(loaded.scenario) << messages(loaded);
  const auto& e = loaded.scenario->expectations;
  ASSERT_EQ(e.size(), 4u);
  ASSERT_TRUE(e[0].burn_rate.has_value());
  EXPECT_EQ(e[0].metric, "time_to_page_s");
  EXPECT_EQ(e[0].max, 3000.0);  // page_within 50m, so tools reading metric and max still work
  EXPECT_EQ(e[0].label, "expect[0] burn_rate slo 0.999 over 30d call_success pages within 50m during faults[0]");
  EXPECT_EQ(e[1].burn_rate->objective.period, 30 * sim::kTicksPerDay);  // the default period
  EXPECT_EQ(e[1].burn_rate->sli, scenarios::Sli::call_success);        // the default SLI
  EXPECT_FALSE(e[2].burn_rate->page_within.has_value());
  EXPECT_FALSE(e[2].max.has_value());
  EXPECT_EQ(e[2].label, "expect[2] burn_rate slo 0.999 over 30d call_success no page from 0s to 1h");
  EXPECT_EQ(e[3].burn_rate->sli, scenarios::Sli::issuance_success);
}

TEST(BurnRateExpect, RefusesMalformedEntriesWithPathAndExpectation) {
  const auto r = load_json(minimal(R"("expect": [
      {"burn_rate": {"slo": 0.999}, "page_within": "5m", "no_page": true},
      {"burn_rate": {"slo": 0.999}},
      {"burn_rate": {"slo": 1, "period": "1d", "sli": "latency"}, "no_page": false},
      {"burn_rate": {"slo": 0.999, "sli": "issuance_success"}, "fleet": "web", "page_within": "5m"},
      {"burn_rate": {"slo": 0.999}, "metric": "calls", "page_within": "0s"}])"));
  const std::string m = messages(r);
  EXPECT_FALSE(r.scenario.has_value());
  EXPECT_NE(m.find("expect[0]: found both page_within and no_page, expected exactly one of page_within"), std::string::npos) << m;
  EXPECT_NE(m.find("expect[1]: found neither page_within nor no_page"), std::string::npos) << m;
  EXPECT_NE(m.find("expect[2].burn_rate.slo: found 1, expected a number in (0, 1)"), std::string::npos) << m;
  EXPECT_NE(m.find("expect[2].burn_rate.period: found \"1d\", expected a duration in 7d..366d"), std::string::npos) << m;
  EXPECT_NE(m.find("expect[2].burn_rate.sli: found \"latency\", expected one of call_success, issuance_success"), std::string::npos) << m;
  EXPECT_NE(m.find("expect[2].no_page: found false, expected true"), std::string::npos) << m;
  EXPECT_NE(m.find("expect[3].fleet: found \"web\", expected no fleet with sli issuance_success"), std::string::npos) << m;
  EXPECT_NE(m.find("expect[4].metric"), std::string::npos) << m;  // an unknown key here
  EXPECT_NE(m.find("expect[4].page_within: found \"0s\""), std::string::npos) << m;
}

TEST(BurnRateExpect, TwoPercentBrownoutAfterAnHourPagesAbout26MinutesAfterItStarts) {
  // 2 % of calls fail from 1 h (one STS request per call). Derived in burn_rate_test.cpp: the
  // 6 h window holds only the run so far, 2 % × k / (60 + k) after k failing minutes, above
  // 6 × 0.1 % from k > 25.7; the 1 h rule would need 44. The simulated share is 2 % up to
  // sampling noise (≈ 3 000 calls a minute: about ±1 min on the crossing).
  const auto results = run_brownout({});
  ASSERT_EQ(results.size(), 4u);
  for (const auto& r : results) EXPECT_TRUE(r.passed) << r.label << ": " << r.measured;
  const scenarios::ExpectationResult& during = results[0];
  ASSERT_TRUE(during.burn_rate && during.burn_rate->paged_at);
  EXPECT_EQ(*during.burn_rate->reference, sim::hours(1));  // the fault's start
  EXPECT_GE(during.value, 25 * 60.0);
  EXPECT_LE(during.value, 28 * 60.0);
  EXPECT_EQ(during.burn_rate->paged_by, "6h/30m burn 6");
  EXPECT_EQ(during.measured.rfind("paged after 2", 0), 0u) << during.measured;
  // Over the whole run, time to page counts from the first failing bucket: the same here.
  EXPECT_EQ(*results[1].burn_rate->reference, sim::hours(1));
  EXPECT_EQ(results[1].value, during.value);
  // No page before the brownout; the one after the window is reported, not held against it.
  EXPECT_EQ(results[2].measured.rfind("no page in the window (paged at 1h2", 0), 0u) << results[2].measured;
  // Each STS failure is a failed call, so the issuance SLI pages at about the same time.
  EXPECT_NEAR(results[3].value, during.value, 180.0);
}

TEST(BurnRateExpect, FiveHundredthsOfAPercentNeverPagesAndFailsAPageWithin) {
  const auto results = run_brownout({{"faults[0].fraction", "0.0005"}});
  ASSERT_EQ(results.size(), 4u);
  EXPECT_FALSE(results[0].passed);
  EXPECT_FALSE(results[0].burn_rate->paged_at.has_value());
  EXPECT_TRUE(std::isinf(results[0].value));
  EXPECT_EQ(results[0].measured, "never paged");
  EXPECT_EQ(results[0].bound, "<= 50m");
  EXPECT_TRUE(results[2].passed);  // no page before the brownout, nor after
}

}  // namespace
