#pragma once
// A log-bucketed histogram of non-negative durations: fixed bins, no allocation after
// construction, deterministic quantiles. 8 bins per power of two (≤ 9 % relative error)
// from 1 µs to about 2^40 µs (12.7 days); larger values go to the last bin.
#include <array>
#include <cstdint>

#include "sim/time.h"

namespace models {

class LogHistogram {
 public:
  static constexpr int kSubBins = 8;
  static constexpr int kOctaves = 40;
  static constexpr int kBins = kSubBins * kOctaves + 1;  // bin 0 holds values < 1 µs

  void add(sim::Ticks value, std::uint64_t count = 1);
  void merge(const LogHistogram& other);
  std::uint64_t count() const { return count_; }
  // The upper edge of the bin holding the q-quantile (0 when empty), so a reported p95 is
  // never below the true one.
  sim::Ticks quantile(double q) const;
  double mean_ticks() const;
  const std::array<std::uint64_t, kBins>& bins() const { return bins_; }
  static sim::Ticks bin_upper(int bin);

 private:
  static int bin_of(sim::Ticks value);

  std::array<std::uint64_t, kBins> bins_{};
  std::uint64_t count_ = 0;
  double sum_ticks_ = 0;
};

}  // namespace models
