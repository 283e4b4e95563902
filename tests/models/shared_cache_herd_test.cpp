// The shared-cache herd of the GCP metadata server: it hands every client on a VM the same
// cached token until 5 minutes before expiry (client-behaviors.md §3.1), so the clients all
// hold one token, expire together and — without jitter — all refresh in the same instant
// (google-cloud-swift#834, ref §7 item 8). Jitter spreads the herd over its window.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

#include "models/world.h"
#include "world_fixture.h"

namespace models {
namespace {

constexpr std::uint32_t kClients = 50;
// A 10-minute TTL instead of GCP's hour so that a 1-hour run holds about ten refresh cycles;
// both the endpoint's and the client's rules are measured back from exp, so the herd is the
// same with any TTL longer than the 5-minute cache lead.
const sim::Ticks kTtl = sim::minutes(10);
const sim::Ticks kJitterWindow = sim::seconds(60);

// google-auth-python's threshold (refresh when 225 s remain: inside the endpoint's 300-s cache
// lead, so a refresh always gets a fresh token), here on a proactive timer so that the timer,
// not the call pattern, places the refresh; single flight, background refresh, no buffer.
ClientPolicy gcp_client(sim::Ticks jitter) {
  ClientPolicy p;
  p.preset = "custom";
  p.cache = CacheScope::instance;
  p.refresh.mode = RefreshMode::proactive;
  p.refresh.lead = sim::seconds(225);
  // Jitter makes the refresh earlier, so it stays in (exp − 285 s, exp − 225 s]: still past
  // the endpoint's cache boundary at exp − 300 s.
  p.refresh.jitter_min = -jitter;
  p.refresh.jitter_max = 0;
  p.refresh.blocking = false;
  p.refresh.expiry_buffer = 0;
  p.retry.attempts_max = 5;
  p.retry.backoff_base = sim::seconds(1);
  p.retry.backoff_cap = sim::seconds(8);
  p.retry.retry_on = status_bit(FetchStatus::throttled) | status_bit(FetchStatus::server_error) |
                     status_bit(FetchStatus::timeout);
  p.attempt_timeout = sim::seconds(3);
  p.single_flight = true;
  EXPECT_EQ(check_policy(p), "");
  return p;
}

// 50 instances on ONE node behind a gcp-metadata endpoint, cold start, 1-second buckets.
WorldConfig herd_world(sim::Ticks jitter) {
  WorldConfig cfg = testing::small_world(1, kClients, gcp_client(jitter));
  cfg.duration = sim::minutes(80);
  cfg.bucket = sim::seconds(1);
  cfg.sts.token_ttl = kTtl;
  cfg.endpoint.flavor = "gcp-metadata";
  cfg.endpoint.cache = true;
  cfg.endpoint.cache_lead = sim::minutes(5);
  cfg.fleets[0].warm_start = false;
  cfg.fleets[0].calls = {CallConfig{0, 0.1}};
  return cfg;
}

// One refresh cycle seen at the endpoint: the 1-second buckets from its first request to its
// last, with the endpoint and STS requests in them.
struct Cycle {
  std::size_t first_bucket = 0;
  std::size_t last_bucket = 0;
  std::uint64_t endpoint_requests = 0;
  std::uint64_t endpoint_peak = 0;        // the busiest second
  std::uint64_t seconds_with_requests = 0;
  std::uint64_t sts_requests = 0;
  std::uint64_t sts_peak = 0;
};

// Cycles are bursts of endpoint requests separated by at least two quiet minutes (they are
// about five minutes apart). The first burst is the cold start; a burst cut by the end of the
// run is dropped.
std::vector<Cycle> refresh_cycles(const World& world) {
  const Metrics& m = world.metrics();
  std::vector<Cycle> cycles;
  for (std::size_t b = 0; b < m.bucket_count(); ++b) {
    const std::uint64_t requests = m.fleet_at(0, b).endpoint_requests;
    if (requests == 0) continue;
    if (cycles.empty() || b > cycles.back().last_bucket + 120) cycles.push_back(Cycle{b, b});
    Cycle& c = cycles.back();
    c.last_bucket = b;
    c.endpoint_requests += requests;
    c.endpoint_peak = std::max(c.endpoint_peak, requests);
    ++c.seconds_with_requests;
  }
  for (Cycle& c : cycles)
    for (std::size_t b = c.first_bucket; b <= c.last_bucket; ++b) {
      c.sts_requests += m.sts_at(b).requests;
      c.sts_peak = std::max(c.sts_peak, m.sts_at(b).requests);
    }
  if (!cycles.empty() && cycles.back().last_bucket + 120 > m.bucket_count()) cycles.pop_back();
  if (!cycles.empty()) cycles.erase(cycles.begin());  // the cold start
  return cycles;
}

std::size_t distinct_tokens(World& world) {
  std::set<std::uint64_t> serials;
  for (std::uint32_t c = 0; c < world.client_count(); ++c)
    if (world.client(c).holds_token(0)) serials.insert(world.client(c).token(0).serial);
  return serials.size();
}

// Without jitter. Cold start: the first client's fetch misses the endpoint's cache and goes to
// the STS; every later client gets that cached token, so they all hold one token with one exp
// and refresh at the same instant, exp − 225 s, every T − 225 s = 375 s. The endpoint sees all
// 50 refreshes in the same second, every cycle.
// (What the STS sees: the gcp-metadata flavor does not coalesce concurrent misses, so the 50
// simultaneous refreshes all miss and reach the STS; for this seed the cycles alternate 50 and
// 16 STS requests — 1 each with coalesce_misses on, tests/models/endpoint_coalescing_test.cpp.
// Not asserted: whether the real metadata server coalesces is not known.)
TEST(SharedCacheHerd, FiftyClientsOnOneGcpNodeWithoutJitterRefreshInTheSameSecond) {
  World world(herd_world(0));
  testing::Script script(world);
  std::size_t tokens_after_cold_start = 0;
  std::size_t holders_after_cold_start = 0;
  // By 120 s every client has called (50 first calls at 0.1/s each: the last comes after 45 s
  // on average; P(one has not called by 120 s) ≈ 50·e⁻¹² ≈ 3·10⁻⁴).
  script.at(sim::seconds(120), [&](World& w) {
    tokens_after_cold_start = distinct_tokens(w);
    for (std::uint32_t c = 0; c < w.client_count(); ++c) holders_after_cold_start += w.client(c).holds_token(0);
  });
  world.run();
  ASSERT_TRUE(world.audit().empty()) << world.audit().front();
  EXPECT_EQ(holders_after_cold_start, kClients);
  // One token, or two when a second client called within the first fetch's ≈ 8 ms round trip.
  EXPECT_LE(tokens_after_cold_start, 2u);

  const std::vector<Cycle> cycles = refresh_cycles(world);
  ASSERT_GE(cycles.size(), 10u);  // at 375 s, 750 s, … 4 500 s: 12 cycles in 80 minutes
  std::uint64_t peak = 0;
  for (std::size_t i = 0; i < cycles.size(); ++i) {
    const Cycle& c = cycles[i];
    EXPECT_EQ(c.endpoint_requests, kClients) << "cycle " << i;
    // All 50 within at most two adjacent seconds (in fact within ≈ 35 ms: the STS's 8 servers
    // take 5 ms each, so the 50 herd tokens' iat differ by that much); usually one.
    EXPECT_LE(c.last_bucket - c.first_bucket, 1u) << "cycle " << i;
    if (i > 0) {
      EXPECT_NEAR(static_cast<double>(c.first_bucket - cycles[i - 1].first_bucket), 375, 1);
    }
    peak = std::max(peak, c.endpoint_peak);
  }
  EXPECT_EQ(peak, kClients);  // the whole herd in one 1-second bucket
}

// With jitter U[−60 s, 0] on each refresh. The first client of a cycle to refresh misses the
// cache and gets a new token from the STS; every later one gets it from the endpoint, so the
// STS issues one token per refresh cycle per node (not 50), and all clients keep sharing one
// token. The 50 refreshes of a cycle are independent and uniform over 60 s:
//  - the mean endpoint rate in the refresh window falls from 50/s (all in one second) to
//    50/60 = 0.83/s, a factor 60;
//  - the busiest second of a cycle holds the maximum of 50 uniform points binned into 1-s
//    buckets: E = 3.54, σ = 0.71 (computed by Monte Carlo, 200 000 trials with a uniform bucket
//    phase), so the peak per-second rate falls by 50/3.54 ≈ 14. Over ≥ 12 cycles the mean peak
//    has σ ≤ 0.21: checked within ±1.0 (4.8 σ);
//  - the seconds with at least one request: 60·(1 − (59/60)⁵⁰) ≈ 34.2 per cycle (σ = 2.3 per
//    cycle, ≤ 0.67 for the mean of ≥ 12): checked within ±3 (4.5 σ).
TEST(SharedCacheHerd, SixtySecondsOfJitterSpreadTheHerdAndTheNodeStillSharesOneToken) {
  World world(herd_world(kJitterWindow));
  world.run();
  ASSERT_TRUE(world.audit().empty()) << world.audit().front();
  const std::vector<Cycle> cycles = refresh_cycles(world);
  ASSERT_GE(cycles.size(), 12u);  // every ≈ 316 s (375 s − the earliest of 50 jitters ≈ 59 s)
  double peak_sum = 0;
  double busy_seconds_sum = 0;
  std::uint64_t sts_requests = 0;
  for (std::size_t i = 0; i < cycles.size(); ++i) {
    const Cycle& c = cycles[i];
    EXPECT_EQ(c.endpoint_requests, kClients) << "cycle " << i;
    EXPECT_LE(c.last_bucket - c.first_bucket, 60u) << "cycle " << i;  // within the 60-s window
    // One miss per cycle; a second only if another refresh falls within the first one's ≈ 7 ms
    // round trip (probability ≈ 49 · 7 ms / 60 s ≈ 0.6 %).
    EXPECT_GE(c.sts_requests, 1u) << "cycle " << i;
    EXPECT_LE(c.sts_requests, 2u) << "cycle " << i;
    sts_requests += c.sts_requests;
    peak_sum += static_cast<double>(c.endpoint_peak);
    busy_seconds_sum += static_cast<double>(c.seconds_with_requests);
  }
  const double cycles_n = static_cast<double>(cycles.size());
  EXPECT_LE(sts_requests, cycles.size() + 1);
  EXPECT_NEAR(peak_sum / cycles_n, 3.54, 1.0);
  EXPECT_NEAR(busy_seconds_sum / cycles_n, 34.2, 3.0);
  // The factor on the peak per-second endpoint rate, against the 50/s of the herd: ≈ 14.
  EXPECT_NEAR(kClients / (peak_sum / cycles_n), 50 / 3.54, 4.0);
  // Still one shared token (two when the run ends inside a refresh window).
  EXPECT_LE(distinct_tokens(world), 2u);
}

}  // namespace
}  // namespace models
