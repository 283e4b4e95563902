// The STS as an M/M/c queue: with Poisson arrivals and exponential service, its mean queue
// wait must match the Erlang-C formula. This checks the queue discipline, the server count and
// the service-time sampling together, with nothing else in the path.
#include <gtest/gtest.h>

#include <cmath>

#include "models/world.h"
#include "world_fixture.h"

namespace models {
namespace {

// Erlang C: the mean wait in queue of an M/M/c queue with arrival rate lambda, service rate mu
// per server and c servers (lambda < c·mu).
//   a = lambda/mu (offered load), rho = a/c,
//   P(wait) = [a^c/c! · 1/(1−rho)] / [Σ_{k<c} a^k/k! + a^c/c! · 1/(1−rho)],
//   Wq = P(wait) / (c·mu − lambda).
double erlang_c_mean_wait(double lambda, double mu, int c) {
  const double a = lambda / mu;
  const double rho = a / c;
  double term = 1;  // a^k / k!
  double sum = 0;
  for (int k = 0; k < c; ++k) {
    sum += term;
    term *= a / (k + 1);
  }
  const double top = term / (1 - rho);  // term is now a^c / c!
  const double p_wait = top / (sum + top);
  return p_wait / (c * mu - lambda);
}

struct Measured {
  double mean_wait_s;
  double utilization;
  std::uint64_t served;
};

// c = 4 servers, exponential service with mean 20 ms (mu = 50/s per server), utilization 0.8:
// lambda = 0.8 · 4 · 50 = 160 requests/s. 160 no-cache instances calling once a second make
// one Poisson stream of 160 calls/s, and with no cache, no retries, no timeout and zero
// latencies every call is one STS request arriving at the call's instant.
constexpr int kServers = 4;
constexpr double kServiceMeanMs = 20;
constexpr double kUtilization = 0.8;
constexpr double kLambda = kUtilization * kServers * 1000.0 / kServiceMeanMs;  // 160/s

Measured run_queue(std::uint64_t seed, sim::Ticks duration) {
  ClientPolicy client = testing::preset("no-cache");
  client.attempt_timeout = 0;  // never give up on a queued request
  client.retry.attempts_max = 1;
  WorldConfig cfg = testing::small_world(16, 10, client);
  cfg.seed = seed;
  cfg.duration = duration;
  cfg.bucket = sim::minutes(10);
  cfg.sts.servers = kServers;
  cfg.sts.service_time_ms = sim::Distribution::exponential(kServiceMeanMs);
  cfg.sts.network_latency_ms = sim::Distribution::constant(0);
  cfg.sts.queue_max = 1'000'000;
  cfg.endpoint.latency_ms = sim::Distribution::constant(0);
  cfg.endpoint.cache = false;
  cfg.fleets[0].calls = {CallConfig{0, kLambda / 160.0}};
  World world(cfg);
  world.run();
  EXPECT_TRUE(world.audit().empty()) << world.audit().front();
  const StsBucket sts = world.metrics().sts_total();
  EXPECT_EQ(sts.failed, 0u);  // the queue never overflowed
  return Measured{world.sts().wait_seconds_total() / static_cast<double>(world.sts().served()),
                  sts.busy_seconds / sts.server_seconds, world.sts().served()};
}

// Tolerance: the waits of successive requests are strongly correlated at rho = 0.8, so the
// run mean converges slowly. Over 4 simulated hours (≈ 2.3 million requests) the mean wait of
// 12 seeds scattered with a standard deviation of 0.55 % around Erlang C (no bias: mean
// −0.0 %); 3 % is about 5.4 standard deviations. The first seconds (empty queue at t = 0) are
// not discarded: the queue relaxes in about 1/(c·mu·(1 − √rho)²) ≈ 0.45 s, a bias below 10⁻⁴.
TEST(StsQueueing, FourServersAtUtilization80PercentWaitAsErlangCSays) {
  const double mu = 1000.0 / kServiceMeanMs;                           // 50/s per server
  const double expected = erlang_c_mean_wait(kLambda, mu, kServers);  // 14.91 ms
  EXPECT_NEAR(expected, 0.014911, 0.000001);  // P(wait) = 0.5964, over c·mu − lambda = 40/s
  // Seeds 1-12 were checked when the test was written (−0.84 % … +0.74 %); one is kept.
  for (const std::uint64_t seed : {1u}) {
    const Measured m = run_queue(seed, sim::hours(4));
    // The run is what it claims: the servers are busy 80 % of the time (±1 %: the scan showed
    // ±0.2 %), and all ≈ 160/s × 14 400 s = 2.3 million requests were served.
    EXPECT_NEAR(m.utilization, kUtilization, 0.01 * kUtilization) << "seed " << seed;
    EXPECT_NEAR(static_cast<double>(m.served), kLambda * 4 * 3600, 6 * std::sqrt(kLambda * 4 * 3600))
        << "seed " << seed;
    EXPECT_NEAR(m.mean_wait_s, expected, 0.03 * expected)
        << "seed " << seed << ": simulated " << m.mean_wait_s * 1e3 << " ms, Erlang C "
        << expected * 1e3 << " ms";
  }
}

}  // namespace
}  // namespace models
