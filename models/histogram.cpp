#include "models/histogram.h"

#include <bit>
#include <cmath>

#include "sim/assert.h"

namespace models {

int LogHistogram::bin_of(sim::Ticks value) {
  if (value < 1) return 0;
  const auto v = static_cast<std::uint64_t>(value);
  const int octave = 63 - std::countl_zero(v);  // floor(log2 v)
  if (octave >= kOctaves) return kBins - 1;
  // The 3 bits below the leading one pick the sub-bin.
  const int sub = octave >= 3 ? static_cast<int>((v >> (octave - 3)) & 7)
                              : static_cast<int>((v << (3 - octave)) & 7);
  return 1 + octave * kSubBins + sub;
}

sim::Ticks LogHistogram::bin_upper(int bin) {
  SIM_ASSERT(bin >= 0 && bin < kBins);
  if (bin == 0) return 0;
  const int octave = (bin - 1) / kSubBins;
  const int sub = (bin - 1) % kSubBins;
  // [2^o·(1 + sub/8), 2^o·(1 + (sub+1)/8)): report the upper edge.
  const double upper = std::ldexp(1.0 + (sub + 1) / 8.0, octave);
  return static_cast<sim::Ticks>(std::ceil(upper)) - 1;  // the largest whole tick in the bin
}

void LogHistogram::add(sim::Ticks value, std::uint64_t count) {
  SIM_ASSERT(value >= 0);
  bins_[static_cast<std::size_t>(bin_of(value))] += count;
  count_ += count;
  sum_ticks_ += static_cast<double>(value) * static_cast<double>(count);
}

void LogHistogram::merge(const LogHistogram& other) {
  for (int i = 0; i < kBins; ++i) bins_[static_cast<std::size_t>(i)] += other.bins_[static_cast<std::size_t>(i)];
  count_ += other.count_;
  sum_ticks_ += other.sum_ticks_;
}

sim::Ticks LogHistogram::quantile(double q) const {
  SIM_ASSERT(q >= 0.0 && q <= 1.0);
  if (count_ == 0) return 0;
  // The smallest bin whose cumulative count reaches ceil(q·count).
  auto rank = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(count_)));
  if (rank == 0) rank = 1;
  std::uint64_t seen = 0;
  for (int i = 0; i < kBins; ++i) {
    seen += bins_[static_cast<std::size_t>(i)];
    if (seen >= rank) return bin_upper(i);
  }
  return bin_upper(kBins - 1);
}

double LogHistogram::mean_ticks() const {
  return count_ == 0 ? 0.0 : sum_ticks_ / static_cast<double>(count_);
}

}  // namespace models
