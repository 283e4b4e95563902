// Multi-window, multi-burn-rate alerting on a bucket series (scenarios/burn_rate.h), checked
// against times derived by hand with the SRE Workbook's detection-time formula:
//   time to detect = (1 − SLO) / error rate × long window × burn-rate threshold
// (the long window is the slower one; the short window, 1/12 of it, has long caught up).
#include <gtest/gtest.h>

#include <vector>

#include "scenarios/burn_rate.h"

namespace {

using scenarios::Alert;
using scenarios::kWorkbookRules;
using scenarios::Objective;
using scenarios::Severity;
using scenarios::SliBucket;
using scenarios::SliSeries;

constexpr sim::Ticks kDay = sim::kTicksPerDay;
const Objective kThreeNinesMonthly{0.999, 30 * kDay};

// `healthy` buckets without failures, then `failing` buckets with `bad` of `calls` failing.
std::vector<SliBucket> healthy_then_failing(std::size_t healthy, std::size_t failing,
                                            std::uint64_t calls, std::uint64_t bad) {
  std::vector<SliBucket> buckets(healthy, SliBucket{calls, 0});
  buckets.insert(buckets.end(), failing, SliBucket{calls, bad});
  return buckets;
}

TEST(BurnRate, ThirtyDayPeriodGivesTheWorkbookThresholds) {
  const sim::Ticks period = 30 * kDay;
  EXPECT_NEAR(scenarios::burn_rate_threshold(kWorkbookRules[0], period), 14.4, 1e-12);
  EXPECT_NEAR(scenarios::burn_rate_threshold(kWorkbookRules[1], period), 6.0, 1e-12);
  EXPECT_NEAR(scenarios::burn_rate_threshold(kWorkbookRules[2], period), 1.0, 1e-12);
  EXPECT_EQ(scenarios::rule_text(kWorkbookRules[0], period), "1h/5m burn 14.4");
}

TEST(BurnRate, TwoPercentAfterTwoHealthyHoursPagesAfter44Minutes) {
  // 2 % against a 0.1 % budget burns 20×. (0.001 / 0.02) × 60 min × 14.4 = 43.2 min: after k
  // failing minutes the 1 h window holds 2 % × k / 60, above 1.44 % from k = 44. The 5 m
  // window is at 2 % from the first failing minute. The 6 h rule, whose window holds the
  // 120 + k minutes that exist, needs 2 % × k / (120 + k) > 0.6 %: k ≥ 52.
  const SliSeries series(healthy_then_failing(120, 120, 1000, 20), sim::minutes(1));
  const std::optional<Alert> page = first_alert(series, kThreeNinesMonthly, Severity::page, 0);
  ASSERT_TRUE(page.has_value());
  EXPECT_EQ(page->bucket, 120u + 43u);  // ends 44 min after the failures began
  EXPECT_EQ(page->rule, 0u);
  EXPECT_EQ(onset_bucket(series, kThreeNinesMonthly, *page), 120u);
}

TEST(BurnRate, TwoPercentAfterOnlyAnHourOfHistoryPagesThroughTheSixHourRuleAfter26Minutes) {
  // A 6 h window longer than the run so far holds only what exists: after k failing minutes
  // it averages 2 % × k / (60 + k), above 6 × 0.1 % from k > 25.7 — before the 1 h rule's 44.
  // (With six healthy hours before, the 6 h rule would need 108 min.)
  const SliSeries series(healthy_then_failing(60, 60, 1000, 20), sim::minutes(1));
  const std::optional<Alert> page = first_alert(series, kThreeNinesMonthly, Severity::page, 0);
  ASSERT_TRUE(page.has_value());
  EXPECT_EQ(page->rule, 1u);
  EXPECT_EQ(page->bucket, 60u + 25u);  // ends 26 min after the failures began
  EXPECT_EQ(onset_bucket(series, kThreeNinesMonthly, *page), 60u);
}

TEST(BurnRate, TwoPercentFromTheFirstBucketPagesAtOnceBecauseWindowsHoldOnlyWhatExists) {
  // At the end of minute 1 the 1 h window holds one minute: 2 % > 1.44 % already.
  const SliSeries series(healthy_then_failing(0, 30, 1000, 20), sim::minutes(1));
  const std::optional<Alert> page = first_alert(series, kThreeNinesMonthly, Severity::page, 0);
  ASSERT_TRUE(page.has_value());
  EXPECT_EQ(page->bucket, 0u);
}

TEST(BurnRate, EightTenthsOfAPercentPagesOnlyThroughTheSixHourRule) {
  // 0.8 % burns 8×: under 14.4, so the 1 h rule never holds. The 6 h rule (6×):
  // (0.001 / 0.008) × 360 min × 6 = 270 min; the page needs k > 270 failing minutes.
  const SliSeries series(healthy_then_failing(360, 300, 1000, 8), sim::minutes(1));
  const std::optional<Alert> page = first_alert(series, kThreeNinesMonthly, Severity::page, 0);
  ASSERT_TRUE(page.has_value());
  EXPECT_EQ(page->rule, 1u);
  EXPECT_EQ(page->bucket, 360u + 270u);  // the 271st failing minute
}

TEST(BurnRate, OnePointFourTimesTheBudgetOpensATicketAfterFiftyTwoHoursAndNeverPages) {
  // 0.14 % burns 1.4×: (0.001 / 0.0014) × 72 h × 1 = 51.4 h; with hourly buckets the
  // 3 d window first exceeds the budget after 52 failing hours.
  const SliSeries series(healthy_then_failing(72, 80, 10'000, 14), sim::hours(1));
  const std::optional<Alert> ticket = first_alert(series, kThreeNinesMonthly, Severity::ticket, 0);
  ASSERT_TRUE(ticket.has_value());
  EXPECT_EQ(ticket->bucket, 72u + 51u);
  EXPECT_FALSE(first_alert(series, kThreeNinesMonthly, Severity::page, 0).has_value());
}

TEST(BurnRate, FiveHundredthsOfAPercentNeverPagesNorTickets) {
  // 0.05 % burns 0.5×: below every threshold, over four days of 10-minute buckets.
  const SliSeries series(healthy_then_failing(0, 576, 20'000, 10), sim::minutes(10));
  EXPECT_FALSE(first_alert(series, kThreeNinesMonthly, Severity::page, 0).has_value());
  EXPECT_FALSE(first_alert(series, kThreeNinesMonthly, Severity::ticket, 0).has_value());
}

TEST(BurnRate, AShortSpikeDoesNotPageOnceTheShortWindowHasCleared) {
  // Two minutes at 100 % after a healthy day: after the first, the 1 h window holds 1.7 % and
  // the 5 m window 20 %, so it pages at once — but searching from ten minutes after the spike
  // began, the 5 m window is clean again and nothing pages though the 1 h window still burns
  // at 3.3 %: the short window is what makes the alert reset.
  std::vector<SliBucket> buckets = healthy_then_failing(1440, 0, 1000, 0);
  buckets.insert(buckets.end(), 2, SliBucket{1000, 1000});
  buckets.insert(buckets.end(), 60, SliBucket{1000, 0});
  const SliSeries series(buckets, sim::minutes(1));
  const std::optional<Alert> page = first_alert(series, kThreeNinesMonthly, Severity::page, 0);
  ASSERT_TRUE(page.has_value());
  EXPECT_EQ(page->bucket, 1440u);
  EXPECT_FALSE(first_alert(series, kThreeNinesMonthly, Severity::page, 1450).has_value());
}

TEST(BurnRate, WindowsRoundUpToWholeBuckets) {
  const SliSeries series(healthy_then_failing(10, 0, 1, 0), sim::minutes(2));
  EXPECT_EQ(series.buckets_in(sim::minutes(5)), 3u);
  EXPECT_EQ(series.buckets_in(sim::hours(1)), 30u);
  EXPECT_EQ(series.buckets_in(sim::seconds(1)), 1u);
}

TEST(BurnRate, BucketsWithoutEventsNeverBurn) {
  const SliSeries series(healthy_then_failing(0, 10, 0, 0), sim::minutes(1));
  EXPECT_FALSE(first_alert(series, kThreeNinesMonthly, Severity::page, 0).has_value());
  EXPECT_FALSE(series.bad(0, kThreeNinesMonthly));
}

}  // namespace
