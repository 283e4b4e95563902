#include "scenarios/burn_rate.h"

#include <cstdio>

#include "sim/assert.h"

namespace scenarios {

const char* to_string(Sli sli) {
  switch (sli) {
    case Sli::call_success: return "call_success";
    case Sli::issuance_success: return "issuance_success";
  }
  return "?";
}

double burn_rate_threshold(const BurnRateRule& rule, sim::Ticks period) {
  SIM_ASSERT(rule.long_window > 0 && period > 0);
  return rule.budget_consumed * static_cast<double>(period) / static_cast<double>(rule.long_window);
}

std::string rule_text(const BurnRateRule& rule, sim::Ticks period) {
  char burn[32];
  std::snprintf(burn, sizeof burn, "%.3g", burn_rate_threshold(rule, period));
  return sim::format_duration(rule.long_window) + "/" + sim::format_duration(rule.short_window) +
         " burn " + burn;
}

SliSeries::SliSeries(const std::vector<SliBucket>& buckets, sim::Ticks bucket_width)
    : width_(bucket_width) {
  SIM_ASSERT(bucket_width > 0);
  total_.reserve(buckets.size() + 1);
  bad_.reserve(buckets.size() + 1);
  total_.push_back(0);
  bad_.push_back(0);
  for (const SliBucket& b : buckets) {
    SIM_ASSERT(b.bad <= b.total);
    total_.push_back(total_.back() + b.total);
    bad_.push_back(bad_.back() + b.bad);
  }
}

std::size_t SliSeries::buckets_in(sim::Ticks window) const {
  SIM_ASSERT(window > 0);
  const auto n = static_cast<std::size_t>((window + width_ - 1) / width_);
  return n == 0 ? 1 : n;
}

bool SliSeries::bad(std::size_t b, const Objective& objective) const {
  return burning(b, 1, 1.0, objective);
}

bool SliSeries::burning(std::size_t last, std::size_t window_buckets, double burn,
                        const Objective& objective) const {
  SIM_ASSERT(last < bucket_count() && window_buckets >= 1);
  const std::size_t end = last + 1;
  const std::size_t begin = end >= window_buckets ? end - window_buckets : 0;
  const std::uint64_t total = total_[end] - total_[begin];
  const std::uint64_t bad = bad_[end] - bad_[begin];
  // bad / total > burn × budget, without dividing; a window without events never burns.
  return total > 0 &&
         static_cast<double>(bad) > burn * objective.error_budget() * static_cast<double>(total);
}

std::optional<Alert> first_alert(const SliSeries& series, const Objective& objective,
                                 Severity severity, std::size_t from_bucket) {
  for (std::size_t b = from_bucket; b < series.bucket_count(); ++b) {
    for (std::size_t r = 0; r < kWorkbookRules.size(); ++r) {
      const BurnRateRule& rule = kWorkbookRules[r];
      if (rule.severity != severity) continue;
      const double burn = burn_rate_threshold(rule, objective.period);
      if (series.burning(b, series.buckets_in(rule.long_window), burn, objective) &&
          series.burning(b, series.buckets_in(rule.short_window), burn, objective))
        return Alert{b, r};
    }
  }
  return std::nullopt;
}

std::size_t onset_bucket(const SliSeries& series, const Objective& objective, const Alert& alert) {
  const std::size_t span = series.buckets_in(kWorkbookRules[alert.rule].long_window);
  const std::size_t first = alert.bucket + 1 >= span ? alert.bucket + 1 - span : 0;
  for (std::size_t b = first; b <= alert.bucket; ++b)
    if (series.bad(b, objective)) return b;
  // Only a rule whose threshold is below 1 can hold without a bad bucket (a ticket over a
  // short period); its evidence is then the whole long window.
  return first;
}

}  // namespace scenarios
