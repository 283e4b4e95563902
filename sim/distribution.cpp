#include "sim/distribution.h"

#include <cmath>
#include <sstream>

namespace sim {

double sample_exponential(Rng& rng, double mean) {
  SIM_ASSERT(mean >= 0);
  return -std::log(rng.uniform01_open_low()) * mean;
}

double sample_standard_normal(Rng& rng) {
  // Rejection keeps it exact without trigonometry; the second variate is dropped so the
  // generator carries no hidden state between calls.
  for (;;) {
    const double u = 2.0 * rng.uniform01() - 1.0;
    const double v = 2.0 * rng.uniform01() - 1.0;
    const double s = u * u + v * v;
    if (s > 0.0 && s < 1.0) return u * std::sqrt(-2.0 * std::log(s) / s);
  }
}

namespace {

// ln(k!) = lgamma(k + 1). std::lgamma writes the global `signgam`, a data race when sweeps and
// explore run worlds on several threads (TSan found it); lgamma_r is the reentrant glibc form
// with the same value.
double log_factorial(double k) {
  int sign = 0;
  return ::lgamma_r(k + 1.0, &sign);
}

std::uint64_t poisson_by_inversion(Rng& rng, double mean) {
  const double limit = std::exp(-mean);
  std::uint64_t k = 0;
  double product = rng.uniform01_open_low();
  while (product > limit) {
    ++k;
    product *= rng.uniform01_open_low();
  }
  return k;
}

// Hörmann (1993), "The transformed rejection method for generating Poisson random
// variables", algorithm PTRS: constant expected time for any mean >= 10.
std::uint64_t poisson_ptrs(Rng& rng, double mean) {
  const double slam = std::sqrt(mean);
  const double loglam = std::log(mean);
  const double b = 0.931 + 2.53 * slam;
  const double a = -0.059 + 0.02483 * b;
  const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
  const double vr = 0.9277 - 3.6224 / (b - 2.0);
  for (;;) {
    const double u = rng.uniform01() - 0.5;
    const double v = rng.uniform01();
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2.0 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return static_cast<std::uint64_t>(k);
    if (k < 0.0 || (us < 0.013 && v > us)) continue;
    if (std::log(v) + std::log(inv_alpha) - std::log(a / (us * us) + b) <=
        -mean + k * loglam - log_factorial(k))
      return static_cast<std::uint64_t>(k);
  }
}

}  // namespace

std::uint64_t sample_poisson(Rng& rng, double mean) {
  SIM_ASSERT(mean >= 0.0 && std::isfinite(mean));
  if (mean == 0.0) return 0;
  return mean < 10.0 ? poisson_by_inversion(rng, mean) : poisson_ptrs(rng, mean);
}

Distribution Distribution::constant(double value) { return {Kind::constant, value, 0}; }

Distribution Distribution::uniform(double low, double high) {
  SIM_ASSERT(low <= high);
  return {Kind::uniform, low, high};
}

Distribution Distribution::exponential(double mean) {
  SIM_ASSERT(mean >= 0);
  return {Kind::exponential, mean, 0};
}

Distribution Distribution::normal(double mean, double stddev) {
  SIM_ASSERT(stddev >= 0);
  return {Kind::normal, mean, stddev};
}

Distribution Distribution::lognormal_p50_p99(double p50, double p99) {
  SIM_ASSERT(p50 > 0 && p99 >= p50);
  return {Kind::lognormal, std::log(p50), (std::log(p99) - std::log(p50)) / kNormalQuantile99};
}

Distribution Distribution::empirical(std::vector<EmpiricalPoint> points) {
  SIM_ASSERT(!points.empty());
  for (std::size_t i = 1; i < points.size(); ++i) {
    SIM_ASSERT(points[i].value >= points[i - 1].value);
    SIM_ASSERT(points[i].cumulative >= points[i - 1].cumulative);
  }
  SIM_ASSERT(points.back().cumulative == 1.0);
  Distribution d{Kind::empirical, 0, 0};
  d.points_ = std::move(points);
  return d;
}

double Distribution::sample(Rng& rng) const {
  switch (kind_) {
    case Kind::constant: return a_;
    case Kind::uniform: return rng.uniform(a_, b_);
    case Kind::exponential: return sample_exponential(rng, a_);
    case Kind::normal: return a_ + b_ * sample_standard_normal(rng);
    case Kind::lognormal: return std::exp(a_ + b_ * sample_standard_normal(rng));
    case Kind::empirical: {
      const double u = rng.uniform01();
      if (u <= points_.front().cumulative) return points_.front().value;
      for (std::size_t i = 1; i < points_.size(); ++i) {
        const EmpiricalPoint& lo = points_[i - 1];
        const EmpiricalPoint& hi = points_[i];
        if (u <= hi.cumulative) {
          const double width = hi.cumulative - lo.cumulative;
          if (width <= 0.0) return hi.value;
          return lo.value + (hi.value - lo.value) * (u - lo.cumulative) / width;
        }
      }
      return points_.back().value;
    }
  }
  SIM_ASSERT_MSG(false, "unknown distribution kind");
  return 0;
}

double Distribution::mean() const {
  switch (kind_) {
    case Kind::constant: return a_;
    case Kind::uniform: return (a_ + b_) / 2;
    case Kind::exponential: return a_;
    case Kind::normal: return a_;
    case Kind::lognormal: return std::exp(a_ + b_ * b_ / 2);
    case Kind::empirical: {
      double m = points_.front().value * points_.front().cumulative;
      for (std::size_t i = 1; i < points_.size(); ++i)
        m += (points_[i].cumulative - points_[i - 1].cumulative) *
             (points_[i].value + points_[i - 1].value) / 2;
      return m;
    }
  }
  return 0;
}

std::string Distribution::describe() const {
  std::ostringstream out;
  switch (kind_) {
    case Kind::constant: out << "constant(" << a_ << ")"; break;
    case Kind::uniform: out << "uniform(" << a_ << ", " << b_ << ")"; break;
    case Kind::exponential: out << "exponential(mean=" << a_ << ")"; break;
    case Kind::normal: out << "normal(mean=" << a_ << ", sd=" << b_ << ")"; break;
    case Kind::lognormal:
      out << "lognormal(p50=" << std::exp(a_) << ", p99=" << std::exp(a_ + b_ * kNormalQuantile99)
          << ")";
      break;
    case Kind::empirical: out << "empirical(" << points_.size() << " points)"; break;
  }
  return out.str();
}

}  // namespace sim
