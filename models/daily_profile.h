#pragma once
// A fleet's call-rate multiplier by hour of the simulated day (MODEL.md §2): piecewise
// constant, the same every day. Exact mode thins a stream at the peak rate with it; the
// aggregated mode integrates it to get the mean number of calls over an interval.
#include <vector>

#include "sim/time.h"

namespace models {

class DailyProfile {
 public:
  // `multipliers` splits the day into equal parts (24 = one per hour); empty = flat 1.
  explicit DailyProfile(std::vector<double> multipliers);

  double at(sim::Ticks t) const;
  double peak() const { return peak_; }
  bool flat() const { return multipliers_.empty(); }
  // ∫ profile(t) dt over [from, to), in seconds.
  double integral_s(sim::Ticks from, sim::Ticks to) const;

 private:
  sim::Ticks part_ticks() const;

  std::vector<double> multipliers_;
  double peak_ = 1;
};

}  // namespace models
