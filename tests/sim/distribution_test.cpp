#include "sim/distribution.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace sim {
namespace {

constexpr int kSamples = 400'000;

std::vector<double> sample_sorted(const Distribution& d, const char* name) {
  Rng rng(11, name);
  std::vector<double> out(kSamples);
  for (double& x : out) x = d.sample(rng);
  std::sort(out.begin(), out.end());
  return out;
}

double mean_of(const std::vector<double>& xs) {
  double sum = 0;
  for (double x : xs) sum += x;
  return sum / static_cast<double>(xs.size());
}

double quantile_of(const std::vector<double>& sorted, double p) {
  return sorted[static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1))];
}

TEST(Distribution, ConstantAlwaysGivesItsValue) {
  const auto xs = sample_sorted(Distribution::constant(3.5), "c");
  EXPECT_EQ(xs.front(), 3.5);
  EXPECT_EQ(xs.back(), 3.5);
}

TEST(Distribution, UniformMeanAndQuartiles) {
  const auto xs = sample_sorted(Distribution::uniform(10, 20), "u");
  EXPECT_NEAR(mean_of(xs), 15, 0.02);
  EXPECT_NEAR(quantile_of(xs, 0.25), 12.5, 0.05);
  EXPECT_NEAR(quantile_of(xs, 0.75), 17.5, 0.05);
  EXPECT_GE(xs.front(), 10);
  EXPECT_LT(xs.back(), 20);
}

TEST(Distribution, ExponentialMeanAndMedian) {
  const auto xs = sample_sorted(Distribution::exponential(5), "e");
  EXPECT_NEAR(mean_of(xs), 5, 0.05);
  EXPECT_NEAR(quantile_of(xs, 0.5), 5 * std::log(2.0), 0.05);
  EXPECT_NEAR(quantile_of(xs, 0.99), 5 * std::log(100.0), 0.3);
}

TEST(Distribution, NormalMeanSpreadAndTails) {
  const auto xs = sample_sorted(Distribution::normal(100, 15), "n");
  EXPECT_NEAR(mean_of(xs), 100, 0.1);
  EXPECT_NEAR(quantile_of(xs, 0.5), 100, 0.15);
  EXPECT_NEAR(quantile_of(xs, 0.99), 100 + 15 * kNormalQuantile99, 0.5);
  EXPECT_NEAR(quantile_of(xs, 0.01), 100 - 15 * kNormalQuantile99, 0.5);
}

TEST(Distribution, LognormalHitsTheRequestedP50AndP99) {
  const Distribution d = Distribution::lognormal_p50_p99(2.0, 40.0);
  const auto xs = sample_sorted(d, "ln");
  EXPECT_NEAR(quantile_of(xs, 0.5), 2.0, 0.03);
  EXPECT_NEAR(quantile_of(xs, 0.99), 40.0, 1.5);
  EXPECT_NEAR(mean_of(xs), d.mean(), 0.05 * d.mean());
}

TEST(Distribution, EmpiricalTableFollowsItsPiecewiseLinearCdf) {
  const Distribution d = Distribution::empirical({{1, 0.0}, {2, 0.5}, {10, 1.0}});
  const auto xs = sample_sorted(d, "emp");
  EXPECT_NEAR(quantile_of(xs, 0.25), 1.5, 0.02);
  EXPECT_NEAR(quantile_of(xs, 0.5), 2.0, 0.02);
  EXPECT_NEAR(quantile_of(xs, 0.75), 6.0, 0.05);
  EXPECT_NEAR(mean_of(xs), d.mean(), 0.02);
  EXPECT_GE(xs.front(), 1);
  EXPECT_LE(xs.back(), 10);
}

TEST(Distribution, PoissonMeanAndVarianceForSmallAndLargeMeans) {
  for (double mean : {0.3, 4.0, 9.9, 10.0, 57.0, 12'345.0}) {
    Rng rng(5, "poisson");
    double sum = 0, sum_sq = 0;
    constexpr int kDraws = 200'000;
    for (int i = 0; i < kDraws; ++i) {
      const double k = static_cast<double>(sample_poisson(rng, mean));
      sum += k, sum_sq += k * k;
    }
    const double m = sum / kDraws;
    const double var = sum_sq / kDraws - m * m;
    // 6 standard errors: a real bias fails, sampling noise does not.
    EXPECT_NEAR(m, mean, 6 * std::sqrt(mean / kDraws)) << mean;
    EXPECT_NEAR(var / mean, 1.0, 0.03) << mean;
  }
}

TEST(Distribution, PoissonOfZeroMeanIsZero) {
  Rng rng(1, "p0");
  EXPECT_EQ(sample_poisson(rng, 0.0), 0u);
}

}  // namespace
}  // namespace sim
