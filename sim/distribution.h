#pragma once
// Distributions computed by idsim's own code: std::*_distribution differ between standard
// libraries, which would break "same seed, same bytes" (MODEL.md §8).
#include <cstdint>
#include <string>
#include <vector>

#include "sim/random.h"

namespace sim {

// Free functions: the primitives.
double sample_exponential(Rng& rng, double mean);
double sample_standard_normal(Rng& rng);  // Marsaglia's polar method
std::uint64_t sample_poisson(Rng& rng, double mean);  // inversion below 10, PTRS above

// z such that P(Z <= z) = 0.99 for a standard normal: used to fit a lognormal by p50/p99.
inline constexpr double kNormalQuantile99 = 2.3263478740408408;

// A distribution of non-negative or real values as a scenario describes it.
// Values are in whatever unit the caller uses (idsim passes milliseconds or seconds).
class Distribution {
 public:
  enum class Kind { constant, uniform, exponential, normal, lognormal, empirical };

  struct EmpiricalPoint {
    double value;
    double cumulative;  // P(X <= value), non-decreasing, last one 1
  };

  static Distribution constant(double value);
  static Distribution uniform(double low, double high);
  static Distribution exponential(double mean);
  static Distribution normal(double mean, double stddev);
  // Fitted so that its median is p50 and its 99th percentile is p99 (p99 >= p50 > 0).
  static Distribution lognormal_p50_p99(double p50, double p99);
  // Piecewise-linear inverse CDF through the points (the first point's cumulative may be > 0:
  // that mass sits at the first value).
  static Distribution empirical(std::vector<EmpiricalPoint> points);

  double sample(Rng& rng) const;
  double mean() const;
  Kind kind() const { return kind_; }
  std::string describe() const;  // "lognormal(p50=2, p99=40)"

 private:
  Distribution(Kind kind, double a, double b) : kind_(kind), a_(a), b_(b) {}

  Kind kind_;
  double a_;  // constant: value; uniform: low; exponential: mean; normal: mean; lognormal: mu
  double b_;  // uniform: high; normal: stddev; lognormal: sigma
  std::vector<EmpiricalPoint> points_;
};

}  // namespace sim
