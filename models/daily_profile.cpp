#include "models/daily_profile.h"

#include "sim/assert.h"

namespace models {

DailyProfile::DailyProfile(std::vector<double> multipliers) : multipliers_(std::move(multipliers)) {
  SIM_ASSERT(multipliers_.size() <= 24 * 60);
  if (multipliers_.empty()) return;
  peak_ = 0;
  for (double m : multipliers_) {
    SIM_ASSERT(m >= 0);
    peak_ = m > peak_ ? m : peak_;
  }
}

// Parts are whole hours of the day, as Fleet has always read the profile: hour h uses
// multiplier h · size / 24.
sim::Ticks DailyProfile::part_ticks() const { return sim::kTicksPerHour; }

double DailyProfile::at(sim::Ticks t) const {
  if (multipliers_.empty()) return 1;
  const auto hour = static_cast<std::size_t>((t % sim::kTicksPerDay) / sim::kTicksPerHour);
  return multipliers_[hour * multipliers_.size() / 24];
}

double DailyProfile::integral_s(sim::Ticks from, sim::Ticks to) const {
  SIM_ASSERT(from <= to);
  if (multipliers_.empty()) return sim::to_seconds(to - from);
  double sum_s = 0;
  sim::Ticks t = from;
  while (t < to) {
    const sim::Ticks part_end = (t / part_ticks() + 1) * part_ticks();
    const sim::Ticks end = part_end < to ? part_end : to;
    sum_s += at(t) * sim::to_seconds(end - t);
    t = end;
  }
  return sum_s;
}

}  // namespace models
