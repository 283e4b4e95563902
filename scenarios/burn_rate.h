#pragma once
// Multi-window, multi-burn-rate SLO alerting, as the Google SRE Workbook writes it (ch. 5
// "Alerting on SLOs", §6 and Table 5-8), evaluated on a run's bucket series: would an SLO of
// 99.9 % over 30 days have paged, and how long after the failures began?
// docs/scenario-format.md ("Burn-rate expectations") gives the rules as the user sees them.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/time.h"

namespace scenarios {

// The SLIs a burn-rate expectation can watch: good events / valid events.
enum class Sli : std::uint8_t {
  call_success,      // calls answered ok / all calls (bad: no_token, 401, 403); per fleet or all
  issuance_success,  // STS responses that issued a token / all STS responses (shared by fleets)
};
const char* to_string(Sli sli);

enum class Severity : std::uint8_t { page, ticket };

struct BurnRateRule {
  Severity severity;
  sim::Ticks long_window;
  sim::Ticks short_window;  // 1/12 of the long window (the workbook's guideline)
  double budget_consumed;   // share of the period's error budget the long window may spend
};

// Table 5-8: page 1 h / 5 m having spent 2 % of the budget, page 6 h / 30 m at 5 %,
// ticket 3 d / 6 h at 10 %.
inline constexpr std::array<BurnRateRule, 3> kWorkbookRules{{
    {Severity::page, sim::hours(1), sim::minutes(5), 0.02},
    {Severity::page, sim::hours(6), sim::minutes(30), 0.05},
    {Severity::ticket, 3 * sim::kTicksPerDay, sim::hours(6), 0.10},
}};

// The SLO an alert defends: `slo` of events good over each `period`.
struct Objective {
  double slo = 0.999;
  sim::Ticks period = 30 * sim::kTicksPerDay;
  double error_budget() const { return 1.0 - slo; }  // the bad fraction the SLO allows
};
// Shortest and longest period accepted: with 7 d or more both page thresholds are ≥ 1, so a
// page always has a bucket failing faster than the budget in its short window.
inline constexpr sim::Ticks kPeriodMin = 7 * sim::kTicksPerDay;
inline constexpr sim::Ticks kPeriodMax = 366 * sim::kTicksPerDay;

// budget_consumed × period / long_window: 14.4, 6 and 1 for a 30-day period.
double burn_rate_threshold(const BurnRateRule& rule, sim::Ticks period);
// "1h/5m burn 14.4"
std::string rule_text(const BurnRateRule& rule, sim::Ticks period);

// Per bucket: the events the SLI counts and the bad ones among them.
struct SliBucket {
  std::uint64_t total = 0;
  std::uint64_t bad = 0;
};

// A bucket series with prefix sums, so any window's bad fraction is O(1).
class SliSeries {
 public:
  SliSeries(const std::vector<SliBucket>& buckets, sim::Ticks bucket_width);

  std::size_t bucket_count() const { return total_.size() - 1; }
  sim::Ticks bucket_width() const { return width_; }
  // Whole buckets a window spans: ceil(window / width), at least one.
  std::size_t buckets_in(sim::Ticks window) const;
  // Bucket b's own burn rate is above 1: its bad fraction exceeds the error budget.
  bool bad(std::size_t b, const Objective& objective) const;
  // The window of `window_buckets` buckets ending with bucket `last` (only the buckets that
  // exist: early in the run a long window holds the run so far) burns faster than `burn`.
  bool burning(std::size_t last, std::size_t window_buckets, double burn,
               const Objective& objective) const;

 private:
  std::vector<std::uint64_t> total_;  // prefix sums: total_[b] = Σ total of buckets < b
  std::vector<std::uint64_t> bad_;
  sim::Ticks width_;
};

// A rule that held at the end of `bucket`.
struct Alert {
  std::size_t bucket = 0;
  std::size_t rule = 0;  // index into kWorkbookRules
};

// The first bucket, from `from_bucket` on, at whose end a rule of `severity` holds: its long
// and its short window both burn faster than the rule's threshold.
std::optional<Alert> first_alert(const SliSeries& series, const Objective& objective,
                                 Severity severity, std::size_t from_bucket);

// The first bad bucket in the alert's long window (never later than the alert's bucket for
// a page): where the failures the alert saw began.
std::size_t onset_bucket(const SliSeries& series, const Objective& objective, const Alert& alert);

}  // namespace scenarios
