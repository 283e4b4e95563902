// The aggregated call mode (MODEL.md §9) against per-call simulation. A small estate — a
// proactive fleet with retries on a daily profile and a naive lazy fleet — goes through a
// 45-minute STS outage, a role revocation and a restart of 40 % of the proactive fleet. Run
// once per call and once aggregated over the same seeds, every outcome count agrees within
// sampling error and the failure curves agree bucket by bucket.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <vector>

#include "models/world.h"
#include "world_fixture.h"

namespace models {
namespace {

using testing::Script;

ClientPolicy proactive_with_retries() {
  ClientPolicy p;
  p.preset = "custom";
  p.cache = CacheScope::instance;
  p.refresh.mode = RefreshMode::proactive;
  p.refresh.fraction = 0.5;
  p.refresh.blocking = false;
  p.refresh.expiry_buffer = 0;
  p.refresh.failure_backoff_min = sim::seconds(30);
  p.refresh.failure_backoff_max = sim::seconds(60);
  p.retry.attempts_max = 3;
  p.retry.backoff_base = sim::seconds(1);
  p.retry.backoff_cap = sim::seconds(4);
  p.retry.retry_on = status_bit(FetchStatus::server_error) | status_bit(FetchStatus::timeout);
  p.attempt_timeout = sim::seconds(5);
  EXPECT_EQ(check_policy(p), "");
  return p;
}

WorldConfig estate(std::uint64_t seed, bool exact_calls) {
  WorldConfig w = testing::small_world(20, 10, proactive_with_retries());
  w.seed = seed;
  w.exact_calls = exact_calls;
  w.duration = sim::hours(3);
  w.bucket = sim::minutes(5);
  w.sts.token_ttl = sim::hours(1);
  w.fleets[0].calls[0].rate_per_s = 0.5;
  w.fleets[0].daily_profile = std::vector<double>(24, 1.0);
  w.fleets[0].daily_profile[1] = 0.4;  // the second hour is quieter
  FleetConfig lazy = w.fleets[0];
  lazy.name = "lazy";
  lazy.nodes = 10;
  lazy.daily_profile.clear();
  lazy.client = testing::preset("naive-lazy");
  w.fleets.push_back(lazy);
  return w;
}

struct Totals {
  std::vector<double> outcome;        // ok, no_token, 401, 403 over the run
  std::vector<double> failure_rate;   // per bucket, both fleets
};

Totals run_estate(std::uint64_t seed, bool exact_calls) {
  World world(estate(seed, exact_calls));
  Script script(world);
  script.at(sim::minutes(60), [](World& w) { w.sts().set_error_fraction(1.0); });
  script.at(sim::minutes(105), [](World& w) { w.sts().set_error_fraction(0.0); });
  script.at(sim::minutes(130), [](World& w) { w.iam().revoke(0, 0); });
  script.at(sim::minutes(150), [](World& w) { w.fleet(0).restart(0.4, sim::minutes(2)); });
  world.run();
  EXPECT_TRUE(world.audit().empty());
  Totals t;
  const FleetBucket total = world.metrics().all_fleets_total();
  for (std::uint64_t c : total.calls) t.outcome.push_back(static_cast<double>(c));
  for (std::size_t b = 0; b < world.metrics().bucket_count(); ++b) {
    FleetBucket sum;
    for (std::size_t f = 0; f < world.metrics().fleet_count(); ++f)
      sum.add(world.metrics().fleet_at(f, b));
    t.failure_rate.push_back(sum.calls_total() == 0 ? 0.0
                                                    : static_cast<double>(sum.auth_failures()) /
                                                          static_cast<double>(sum.calls_total()));
  }
  return t;
}

struct Sample {
  double mean = 0, variance = 0;
};
Sample sample(const std::vector<double>& xs) {
  Sample s;
  for (double x : xs) s.mean += x / static_cast<double>(xs.size());
  for (double x : xs) s.variance += (x - s.mean) * (x - s.mean) / static_cast<double>(xs.size() - 1);
  return s;
}

TEST(CallModes, OutcomeCountsAndFailureCurvesAgreeWithinSamplingError) {
  constexpr std::uint64_t kSeeds = 6;
  std::vector<Totals> exact, aggregated;
  for (std::uint64_t s = 1; s <= kSeeds; ++s) {
    exact.push_back(run_estate(s, true));
    aggregated.push_back(run_estate(s, false));
  }
  const char* names[] = {"ok", "no_token", "401", "403"};
  for (std::size_t o = 0; o < 4; ++o) {
    std::vector<double> e, a;
    for (std::size_t s = 0; s < kSeeds; ++s) {
      e.push_back(exact[s].outcome[o]);
      a.push_back(aggregated[s].outcome[o]);
    }
    const Sample se = sample(e), sa = sample(a);
    // Standard error of the difference of the means; the Poisson floor covers seeds that
    // happen to agree exactly.
    const double se_diff = std::sqrt((se.variance + sa.variance) / kSeeds + (se.mean + sa.mean) / kSeeds);
    std::printf("[ measured ] %-8s exact %.1f aggregated %.1f (diff %.2f standard errors)\n",
                names[o], se.mean, sa.mean,
                se_diff > 0 ? std::abs(se.mean - sa.mean) / se_diff : 0.0);
    EXPECT_LE(std::abs(se.mean - sa.mean), 4 * se_diff) << names[o];
  }
  ASSERT_GT(exact[0].outcome[1], 0) << "the outage must cost calls, or the test shows nothing";
  ASSERT_GT(exact[0].outcome[3], 0) << "the revocation must give 403s";
  double worst = 0;
  for (std::size_t b = 0; b < exact[0].failure_rate.size(); ++b) {
    std::vector<double> e, a;
    for (std::size_t s = 0; s < kSeeds; ++s) {
      e.push_back(exact[s].failure_rate[b]);
      a.push_back(aggregated[s].failure_rate[b]);
    }
    const double diff = std::abs(sample(e).mean - sample(a).mean);
    worst = diff > worst ? diff : worst;
    EXPECT_LE(diff, 0.03) << "bucket " << b;
  }
  std::printf("[ measured ] worst bucket failure-rate difference: %.4f\n", worst);
}

TEST(CallModes, AggregatedRunIsReproducible) {
  const Totals a = run_estate(3, false), b = run_estate(3, false);
  EXPECT_EQ(a.outcome, b.outcome);
  EXPECT_EQ(a.failure_rate, b.failure_rate);
}

}  // namespace
}  // namespace models
