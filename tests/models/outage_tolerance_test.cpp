// Outage tolerance of proactive refresh: a client that refreshes at half of a 1-hour TTL and
// keeps retrying holds a token at most 30 minutes old, so it has 30 to 60 minutes of validity
// left when the STS goes down. An outage shorter than
// (1 − f)·T = 30 min costs nothing; a longer one makes clients lose their token at a steady
// rate from minute 30 on. A client with no cache fails every call of any outage.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "models/world.h"
#include "world_fixture.h"

namespace models {
namespace {

using testing::Script;

constexpr double kF = 0.5;
const sim::Ticks kTtl = sim::hours(1);

// Proactive refresh at f·T with no jitter, background (the old token serves calls while the
// refresh runs), 4 attempts per refresh 1, 2, 4 s apart on 5xx and timeouts, then a pause of
// U[30, 60] s before the next refresh, for as long as it takes.
ClientPolicy proactive_half_life_with_retries() {
  ClientPolicy p;
  p.preset = "custom";
  p.cache = CacheScope::instance;
  p.refresh.mode = RefreshMode::proactive;
  p.refresh.fraction = kF;
  p.refresh.blocking = false;
  p.refresh.expiry_buffer = 0;
  p.refresh.failure_backoff_min = sim::seconds(30);
  p.refresh.failure_backoff_max = sim::seconds(60);
  p.retry.attempts_max = 4;
  p.retry.backoff_base = sim::seconds(1);
  p.retry.backoff_cap = sim::seconds(8);
  p.retry.jitter = JitterKind::none;
  p.retry.retry_on = status_bit(FetchStatus::server_error) | status_bit(FetchStatus::timeout);
  p.attempt_timeout = sim::seconds(5);
  EXPECT_EQ(check_policy(p), "");
  return p;
}

// `nodes` × 10 instances calling at `rate` per s; warm start: every token's age is uniform in
// [0, f·T), which is the steady state of refresh at f·T.
WorldConfig outage_world(std::uint32_t nodes, ClientPolicy client, double rate,
                         sim::Ticks duration) {
  WorldConfig cfg = testing::small_world(nodes, 10, std::move(client));
  cfg.duration = duration;
  cfg.bucket = sim::minutes(1);
  cfg.sts.token_ttl = kTtl;
  cfg.fleets[0].warm_start = true;
  cfg.fleets[0].calls = {CallConfig{0, rate}};
  return cfg;
}

void sts_outage(Script& script, sim::Ticks from, sim::Ticks length) {
  script.at(from, [](World& w) { w.sts().set_error_fraction(1.0); });
  script.at(from + length, [](World& w) { w.sts().set_error_fraction(0.0); });
}

std::uint64_t calls_in(const World& world, std::size_t bucket, Outcome outcome) {
  return world.metrics().fleet_at(0, bucket).calls[static_cast<std::size_t>(outcome)];
}

// 500 clients, STS down for 20 minutes from minute 30: every token has ≥ 30 min left at the
// start, refreshes fail and are retried through the outage, and succeed after it. Not one
// call lacks a token.
TEST(OutageTolerance, TwentyMinuteStsOutageCostsProactiveHalfLifeClientsNothing) {
  World world(outage_world(50, proactive_half_life_with_retries(), 0.2, sim::minutes(90)));
  Script script(world);
  sts_outage(script, sim::minutes(30), sim::minutes(20));
  world.run();
  ASSERT_TRUE(world.audit().empty()) << world.audit().front();
  const FleetBucket total = world.metrics().fleet_total(0);
  EXPECT_EQ(total.calls[static_cast<std::size_t>(Outcome::no_token)], 0u);
  EXPECT_EQ(total.auth_failures(), 0u);
  // The outage did hit: about 500 · 20/30 clients reached their refresh point in it, and each
  // failed a refresh about every 45 s (≈ 6 000 failures in all).
  EXPECT_GT(total.refresh_failures, 1000u);
  EXPECT_GT(world.metrics().sts_total().failed, 4000u);
}

// 5 000 clients, STS down for 45 minutes. At t minutes into the outage a client
// has lost its token iff its age at the start was ≥ 60 − t, so the share without a token is
// clamp((t − (1 − f)·T)/(f·T), 0, 1) = clamp((t − 30)/30, 0, 1): zero for 30 minutes, then a
// straight line up to 0.5 at the end. Calls land on instances uniformly, so the no_token share
// of a bucket's calls is that curve averaged over the bucket (its value at the bucket's middle:
// the curve is linear within every bucket).
// Tolerance 0.04 absolute: the share of clients whose start age is past a given point is a
// binomial proportion over 5 000 clients, σ ≤ √(0.25/5000) = 0.0071; a bucket's 30 000 calls
// add σ ≤ 0.0029; together σ ≤ 0.0077, and 0.04 is 5.2 σ.
// (The warm start is already the steady state, so the outage can start at minute 5; the run
// ends 5 minutes after it. Four seeds checked when the test was written: largest deviation of
// a bucket from the curve 0.008 … 0.020.)
TEST(OutageTolerance, FortyFiveMinuteOutageLosesTokensLinearlyFromMinuteThirty) {
  const sim::Ticks start = sim::minutes(5);
  const sim::Ticks length = sim::minutes(45);
  World world(outage_world(500, proactive_half_life_with_retries(), 0.1, sim::minutes(55)));
  Script script(world);
  sts_outage(script, start, length);
  world.run();
  ASSERT_TRUE(world.audit().empty()) << world.audit().front();

  const std::size_t first = world.metrics().bucket_of(start);
  const std::size_t end = world.metrics().bucket_of(start + length);
  for (std::size_t b = 0; b < world.metrics().bucket_count(); ++b) {
    const FleetBucket& cell = world.metrics().fleet_at(0, b);
    const double calls = static_cast<double>(cell.calls_total());
    ASSERT_GT(calls, 25'000) << "minute " << b;  // 5 000 × 0.1/s × 60 s = 30 000 ± 173
    const double no_token = static_cast<double>(calls_in(world, b, Outcome::no_token));
    EXPECT_EQ(cell.calls[2] + cell.calls[3], 0u) << "minute " << b;  // no 401 or 403
    if (b < first + 29 || b >= end + 2) {
      // Before minute 29 of the outage no token can have expired; two minutes after it every
      // client has refreshed (its next attempt comes within its 60-s pause + 7 s of retries).
      EXPECT_EQ(no_token, 0) << "minute " << b;
    } else if (b < end) {
      const double mid_min = sim::to_seconds(static_cast<sim::Ticks>(b - first) * sim::minutes(1) +
                                             sim::seconds(30)) / 60.0;
      const double expected = std::clamp((mid_min - (1 - kF) * 60) / (kF * 60), 0.0, 1.0);
      EXPECT_NEAR(no_token / calls, expected, 0.04)
          << "minute " << b - first << " of the outage: " << no_token << " of " << calls;
    }
  }
  // The last minute of the outage: (44.5 − 30)/30 = 0.483 of the calls without a token.
  EXPECT_NEAR(static_cast<double>(calls_in(world, end - 1, Outcome::no_token)) /
                  static_cast<double>(world.metrics().fleet_at(0, end - 1).calls_total()),
              14.5 / 30, 0.04);
}

// 100 "no-cache" clients (one fetch per call, no retries) calling once a second: during a
// 20-minute outage every call fails, outside it every call succeeds. Only the two boundary
// minutes mix: a call in flight at the switch (≈ 8 ms of fetch latency) gets the other answer.
TEST(OutageTolerance, NoCacheClientsFailEveryCallOfAnOutage) {
  const sim::Ticks start = sim::minutes(10);
  const sim::Ticks length = sim::minutes(20);
  World world(outage_world(10, testing::preset("no-cache"), 1.0, sim::minutes(40)));
  Script script(world);
  sts_outage(script, start, length);
  world.run();
  ASSERT_TRUE(world.audit().empty()) << world.audit().front();

  const std::size_t first = world.metrics().bucket_of(start);
  const std::size_t end = world.metrics().bucket_of(start + length);
  for (std::size_t b = 0; b < world.metrics().bucket_count(); ++b) {
    const FleetBucket& cell = world.metrics().fleet_at(0, b);
    const std::uint64_t calls = cell.calls_total();
    ASSERT_GT(calls, 5'000u) << "minute " << b;  // 100/s × 60 s = 6 000 ± 77
    const std::uint64_t ok = calls_in(world, b, Outcome::ok);
    const std::uint64_t no_token = calls_in(world, b, Outcome::no_token);
    EXPECT_EQ(ok + no_token, calls) << "minute " << b;
    const bool in_outage = b >= first && b < end;
    if (b == first || b == end) {  // boundary: at most a few calls in flight at the switch
      EXPECT_GE(static_cast<double>(b == first ? no_token : ok), 0.99 * static_cast<double>(calls))
          << "minute " << b;
    } else if (in_outage) {
      EXPECT_EQ(no_token, calls) << "minute " << b;
    } else {
      EXPECT_EQ(ok, calls) << "minute " << b;
    }
  }
  // Every call is one STS request; those of the outage all failed (≈ 120 000).
  const StsBucket sts = world.metrics().sts_total();
  EXPECT_NEAR(static_cast<double>(sts.failed), 100.0 * 1200, 6 * std::sqrt(100.0 * 1200));
}

}  // namespace
}  // namespace models
