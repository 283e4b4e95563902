// Each preset's behaviour in a tiny world (1 node, 1 instance, cold start), measured through
// the kernel's observer hook (models/trace_kinds.h): when the first refresh request after the
// initial fetch reaches the endpoint, the attempt times after a failure, and how long the token
// is served once the STS (or the endpoint) fails. Expected values come from
// /work/shared/reference/client-behaviors.md ("ref §…") as condensed in docs/presets.md.
//
// Tolerances, from the fixture's constant latencies (small_world): a request reaches the
// endpoint the instant the client sends it; the STS issues the token 6 ms later (1 ms network
// + 5 ms service), so `iat` is read from the client's token, not inferred. A failed attempt is
// answered 3 ms after it was sent (1 ms to the STS, 1 ms back, 1 ms endpoint reply), so the gap
// between two attempts is the retry delay + [3 ms, kReplyEps]. A lazy client refreshes at the
// first call after its refresh point; calls are Poisson at kRate per second, so the request
// comes at most kCallGap after the point (P(gap > 3 s) = e^-12 per gap at 4/s; runs are seeded,
// so a pass is reproducible).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

#include "models/trace_kinds.h"
#include "world_fixture.h"

namespace models {
namespace {

using sim::hours;
using sim::milliseconds;
using sim::minutes;
using sim::seconds;
using sim::Ticks;

constexpr double kRate = 4;                       // calls per second
constexpr Ticks kCallGap = seconds(3);            // a lazy refresh waits for the next call
constexpr Ticks kReplyEps = milliseconds(10);     // a failed attempt's reply (3 ms) + margin
constexpr Ticks kNever = -1;

// A lazy client acts on the first call after `point`: at most one call gap later.
void expect_within_a_call_gap(Ticks measured, Ticks point) {
  EXPECT_GE(measured, point);
  EXPECT_LE(measured, point + kCallGap);
}

struct CallRecord {
  Ticks at;
  Outcome outcome;
  std::uint64_t calls;
};

// Collects endpoint requests and call outcomes from the models' trace records.
class Probe final : public sim::Observer {
 public:
  std::vector<Ticks> attempts;  // client attempts (attempt serial != 0)
  std::vector<Ticks> loads;     // load-only requests
  std::vector<CallRecord> outcomes;

  void on_record(const sim::TraceRecord& r) override {
    if (r.kind == kTraceEndpointRequest) {
      (r.value != 0 ? attempts : loads).push_back(r.at);
    } else if (r.kind == kTraceCallOutcome) {
      outcomes.push_back({r.at, static_cast<Outcome>(r.subject & 0xff),
                          static_cast<std::uint64_t>(r.value)});
    }
  }

  // The attempts at or after `from` and before `to`.
  std::vector<Ticks> attempts_in(Ticks from, Ticks to) const {
    std::vector<Ticks> out;
    for (Ticks t : attempts)
      if (t >= from && t < to) out.push_back(t);
    return out;
  }
  std::size_t loads_in(Ticks from, Ticks to) const {
    return static_cast<std::size_t>(
        std::count_if(loads.begin(), loads.end(), [&](Ticks t) { return t >= from && t < to; }));
  }
  // Calls that used a token (any outcome but no_token: the target's verdict is its own).
  std::uint64_t served_in(Ticks from, Ticks to) const { return count(from, to, true); }
  std::uint64_t failed_in(Ticks from, Ticks to) const { return count(from, to, false); }
  Ticks last_served_before(Ticks t) const {
    Ticks last = kNever;
    for (const CallRecord& c : outcomes)
      if (c.at < t && c.outcome != Outcome::no_token) last = c.at;
    return last;
  }
  Ticks first_failed_at_or_after(Ticks t) const {
    for (const CallRecord& c : outcomes)
      if (c.at >= t && c.outcome == Outcome::no_token) return c.at;
    return kNever;
  }

 private:
  std::uint64_t count(Ticks from, Ticks to, bool served) const {
    std::uint64_t n = 0;
    for (const CallRecord& c : outcomes)
      if (c.at >= from && c.at < to && (c.outcome != Outcome::no_token) == served) n += c.calls;
    return n;
  }
};

// Prints a measured value (the numbers the tests check, for the record).
void note(const char* what, double value) { std::printf("[ measured ] %s: %.3f\n", what, value); }
void note_gaps(const char* what, const std::vector<Ticks>& got) {
  std::printf("[ measured ] %s:", what);
  for (Ticks g : got) std::printf(" %.3f", sim::to_seconds(g));
  std::printf("\n");
}

WorldConfig tiny_world(const char* preset, Ticks ttl, Ticks duration, std::uint64_t seed) {
  WorldConfig w = testing::small_world(1, 1, testing::preset(preset));
  w.seed = seed;
  w.duration = duration;
  w.bucket = minutes(10);
  w.sts.token_ttl = ttl;
  w.fleets[0].warm_start = false;  // cold: the first call fetches at t ≈ 0
  w.fleets[0].calls[0].rate_per_s = kRate;
  // The probe reads the time of every served call: per-call events (aggregated calls are
  // stamped at their bucket's end).
  w.exact_calls = true;
  return w;
}

// One tiny world with its probe; `token` is the first token, read once it has arrived.
struct Trial {
  Trial(const char* preset, Ticks ttl, Ticks duration, std::uint64_t seed = 7)
      : world(tiny_world(preset, ttl, duration, seed)), script(world) {
    world.simulator().set_observer(&probe);
    script.at(seconds(30), [this](World& w) { token = w.client(0).token(0); });
  }
  void sts_fails_from(Ticks t) {
    script.at(t, [](World& w) { w.sts().set_error_fraction(1.0); });
  }
  void endpoint_blocked_from(Ticks t) {
    script.at(t, [](World& w) { w.endpoint(0).block(); });
  }
  void run() {
    world.run();
    ASSERT_GE(probe.attempts.size(), 1u);
    if (world.config().fleets[0].client.cache == CacheScope::none) return;  // keeps no token
    ASSERT_TRUE(token.present()) << "no token by t = 30 s";
    ASSERT_LE(probe.attempts[0], token.iat);  // attempts[0] is the initial fetch
    note("first refresh request, s after iat", sim::to_seconds(refresh_offset()));
  }
  // The first request after the initial fetch, relative to the first token's iat.
  Ticks refresh_offset() const {
    for (Ticks t : probe.attempts)
      if (t > token.iat) return t - token.iat;
    return kNever;
  }
  Ticks refresh_at() const { return token.iat + refresh_offset(); }
  std::uint64_t refresh_failures() const {
    return world.metrics().fleet_total(0).refresh_failures;
  }

  World world;
  testing::Script script;
  Probe probe;
  Token token;
};

// Offset of the first refresh request after the initial fetch, in a healthy run.
Ticks healthy_refresh_offset(const char* preset, Ticks ttl, std::uint64_t seed = 7) {
  Trial run(preset, ttl, ttl + minutes(2), seed);
  run.run();
  return run.refresh_offset();
}

// The gaps between consecutive attempts, starting at attempt `first`, `count` of them.
std::vector<Ticks> gaps(const std::vector<Ticks>& attempts, std::size_t first, std::size_t count) {
  std::vector<Ticks> out;
  for (std::size_t i = first; i + 1 < attempts.size() && out.size() < count; ++i)
    out.push_back(attempts[i + 1] - attempts[i]);
  return out;
}

// Every gap in `got` is delay[i] + [3 ms, kReplyEps] (an STS failure answers in 3 ms).
void expect_fixed_schedule(const std::vector<Ticks>& got, const std::vector<Ticks>& delays) {
  note_gaps("attempt gaps (s)", got);
  ASSERT_EQ(got.size(), delays.size());
  for (std::size_t i = 0; i < delays.size(); ++i) {
    EXPECT_GE(got[i], delays[i] + milliseconds(3)) << "retry " << i;
    EXPECT_LE(got[i], delays[i] + kReplyEps) << "retry " << i;
  }
}

// Every gap in `got` is in [low[i], high[i]] + [3 ms, kReplyEps].
void expect_bounded_schedule(const std::vector<Ticks>& got, const std::vector<Ticks>& low,
                             const std::vector<Ticks>& high) {
  note_gaps("attempt gaps (s)", got);
  ASSERT_EQ(got.size(), low.size());
  for (std::size_t i = 0; i < low.size(); ++i) {
    EXPECT_GE(got[i], low[i] + milliseconds(3)) << "retry " << i;
    EXPECT_LE(got[i], high[i] + kReplyEps) << "retry " << i;
  }
}

// After the refresh point, with the STS failing, every failed fetch made exactly `attempts`
// attempts (the one still running at the end may have made fewer).
void expect_attempts_per_fetch(const Trial& run, std::uint32_t attempts) {
  const std::uint64_t made = run.probe.attempts_in(run.refresh_at(), run.world.config().duration).size();
  const std::uint64_t failures = run.refresh_failures();
  ASSERT_GT(failures, 0u);
  note("attempts per failed fetch", static_cast<double>(made) / static_cast<double>(failures));
  EXPECT_GE(made, attempts * failures);
  EXPECT_LT(made, attempts * failures + attempts);
}

// The token is served up to `until` (exclusive) and never after, while the outage lasts.
// `blocked_for`: the longest failed fetch of a blocking client; calls waiting on a fetch that
// fails after `until` fail too, so the last served call may come that much earlier.
void expect_served_until(const Trial& run, Ticks until, Ticks blocked_for = 0) {
  const Ticks last = run.probe.last_served_before(run.world.config().duration);
  note("token served until (s before the limit)", sim::to_seconds(until - last));
  EXPECT_LT(last, until);
  EXPECT_GE(last, until - blocked_for - kCallGap);
  EXPECT_EQ(run.probe.served_in(until, run.world.config().duration), 0u);
  EXPECT_GT(run.probe.failed_in(until, run.world.config().duration), 0u);
}

// ---- Azure ---------------------------------------------------------------------------------

// ref §1.1 (MSAL .NET): refresh_in = expires_in/2 when expires_in > 2 h, + Random.Next(-300, 300)
// s, background; IMDS retries 1 s, 2 s, 4 s (4 attempts); expired from ExpiresOn − 5 min.
TEST(PresetBehaviour, MsalDotnetRefreshesNearHalfLifeWithin300sJitterAndRetries1s2s4sOn5xx) {
  Trial run("msal-dotnet", hours(24), hours(24) + minutes(10));
  run.sts_fails_from(hours(11));
  run.run();
  const Ticks offset = run.refresh_offset();
  EXPECT_GE(offset, hours(12) - seconds(300));
  EXPECT_LE(offset, hours(12) + seconds(299) + kCallGap);
  const std::vector<Ticks> first = run.probe.attempts_in(run.refresh_at(), run.refresh_at() + seconds(20));
  ASSERT_GE(first.size(), 4u);
  expect_fixed_schedule(gaps(first, 0, 3), {seconds(1), seconds(2), seconds(4)});
  expect_attempts_per_fetch(run, 4);
  // Background refresh: calls keep the cached token through the failures, until T − 300 s.
  expect_served_until(run, run.token.exp - seconds(300));

  // The jitter is drawn per token: four seeds, all inside the range, not all alike.
  Ticks low = hours(24), high = 0;
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    Trial healthy("msal-dotnet", hours(24), hours(12) + minutes(6), seed);
    healthy.run();
    const Ticks o = healthy.refresh_offset();
    EXPECT_GE(o, hours(12) - seconds(300)) << "seed " << seed;
    EXPECT_LE(o, hours(12) + seconds(299) + kCallGap) << "seed " << seed;
    low = std::min(low, o);
    high = std::max(high, o);
  }
  EXPECT_GT(high - low, seconds(60));
  // L = 2 h exactly is not > 2 h: no refresh point, the blocking fetch comes at T − 300 s.
  const Ticks at_2h = healthy_refresh_offset("msal-dotnet", hours(2));
  expect_within_a_call_gap(at_2h, hours(2) - seconds(300));
}

// ref §1.3 (MSAL Go): RefreshOn = now + lifetime/2 when > 2 h, no jitter; 3 attempts 1 s apart;
// expired from ExpiresOn − 5 min.
TEST(PresetBehaviour, MsalGoRefreshesAtHalfLifeAndRetriesTwiceAfter1sOn5xx) {
  Trial run("msal-go", hours(24), hours(24) + minutes(10));
  run.sts_fails_from(hours(11));
  run.run();
  const Ticks offset = run.refresh_offset();
  expect_within_a_call_gap(offset, hours(12));
  const std::vector<Ticks> first = run.probe.attempts_in(run.refresh_at(), run.refresh_at() + seconds(10));
  ASSERT_GE(first.size(), 3u);
  expect_fixed_schedule(gaps(first, 0, 2), {seconds(1), seconds(1)});
  expect_attempts_per_fetch(run, 3);
  // A failed refresh returns the cached token (ref §1.3) until T − 300 s; callers wait for
  // a refresh (2 s of retries), so one that fails past T − 300 s fails its waiters.
  expect_served_until(run, run.token.exp - seconds(300), seconds(2) + 3 * kReplyEps);
}

// ref §1.5 (azure-identity Python): refresh at T − 300 s (DEFAULT_REFRESH_OFFSET), L/2 when
// L >= 2 h (idsim choice after MSAL Python, ref §1.4); retries 0, 1.6, 3.2, 6.4, 12.8 s
// (factor 0.8); no new refresh within 30 s of a failed one; get_cached_token serves until T.
TEST(PresetBehaviour, AzureIdentityPythonRefreshesAtHalfLifeOrTMinus300AndRetries0To12s8On5xx) {
  Trial run("azure-identity-python", hours(24), hours(24) + minutes(10));
  run.sts_fails_from(hours(11));
  run.run();
  const Ticks offset = run.refresh_offset();
  expect_within_a_call_gap(offset, hours(12));
  const std::vector<Ticks> first = run.probe.attempts_in(run.refresh_at(), run.refresh_at() + minutes(2));
  ASSERT_GE(first.size(), 7u);
  expect_fixed_schedule(gaps(first, 0, 5), {0, milliseconds(1600), milliseconds(3200),
                                            milliseconds(6400), milliseconds(12800)});
  // DEFAULT_TOKEN_REFRESH_RETRY_DELAY = 30: the next fetch waits 30 s, then for a call.
  EXPECT_GE(first[6] - first[5], seconds(30) + milliseconds(3));
  EXPECT_LE(first[6] - first[5], seconds(30) + kReplyEps + kCallGap);
  expect_attempts_per_fetch(run, 6);
  // Expiry buffer 0: served until T; the caller waits for its refresh (24 s of retries).
  expect_served_until(run, run.token.exp, seconds(24) + 6 * kReplyEps);

  const Ticks at_1h = healthy_refresh_offset("azure-identity-python", hours(1));
  expect_within_a_call_gap(at_1h, hours(1) - seconds(300));
  const Ticks at_2h = healthy_refresh_offset("azure-identity-python", hours(2));  // >= 2 h
  expect_within_a_call_gap(at_2h, hours(1));
}

// ref §9.1 (pipeline token cycler), §1.6: background refresh from T − 120 s, also at L/2 when
// L > 2 h; 5xx retries base 1 s × 2^n × U[0.5, 1], 4 attempts; 3 s pause after a failed
// refresh; the old token is served until T − 1 s.
TEST(PresetBehaviour, AzureIdentityJsRefreshesAtHalfLifeOrTMinus120AndRetriesEqualJitter1sBase) {
  Trial run("azure-identity-js", hours(24), hours(24) + minutes(10));
  run.sts_fails_from(hours(11));
  run.run();
  const Ticks offset = run.refresh_offset();
  expect_within_a_call_gap(offset, hours(12));
  const std::vector<Ticks> first = run.probe.attempts_in(run.refresh_at(), run.refresh_at() + seconds(30));
  ASSERT_GE(first.size(), 5u);
  expect_bounded_schedule(gaps(first, 0, 3), {milliseconds(500), seconds(1), seconds(2)},
                          {seconds(1), seconds(2), seconds(4)});
  // retryIntervalInMs = 3000: the next fetch no sooner than 3 s after the failure.
  EXPECT_GE(first[4] - first[3], seconds(3) + milliseconds(3));
  EXPECT_LE(first[4] - first[3], seconds(3) + kReplyEps + kCallGap);
  expect_attempts_per_fetch(run, 4);
  expect_served_until(run, run.token.exp - seconds(1));  // forcedRefreshWindowInMs = 1000

  const Ticks at_1h = healthy_refresh_offset("azure-identity-js", hours(1));
  expect_within_a_call_gap(at_1h, hours(1) - seconds(120));
  const Ticks at_2h = healthy_refresh_offset("azure-identity-js", hours(2));  // not > 2 h
  expect_within_a_call_gap(at_2h, hours(2) - seconds(120));
}

// ref §9.1 (bare credential): blocking refresh when < 300 s remain, also at L/2 when L > 2 h,
// no jitter; 5xx retries as the pipeline; no single flight; a failing endpoint in the last
// 300 s makes every call fail.
TEST(PresetBehaviour, AzureIdentityJsBareRefreshesAtHalfLifeOrTMinus300AndFailsFromTMinus300) {
  Trial run("azure-identity-js-bare", hours(24), hours(24) + minutes(10));
  run.sts_fails_from(hours(11));
  run.run();
  const Ticks offset = run.refresh_offset();
  expect_within_a_call_gap(offset, hours(12));
  const std::vector<Ticks> first = run.probe.attempts_in(run.refresh_at(), run.refresh_at() + seconds(8));
  ASSERT_GE(first.size(), 4u);
  expect_bounded_schedule(gaps(first, 0, 3), {milliseconds(500), seconds(1), seconds(2)},
                          {seconds(1), seconds(2), seconds(4)});
  // No single flight: calls arriving during the blocking refresh send their own requests.
  EXPECT_GT(run.probe.loads_in(run.refresh_at(), run.refresh_at() + seconds(8)), 0u);
  expect_attempts_per_fetch(run, 4);
  expect_served_until(run, run.token.exp - seconds(300), seconds(7) + 4 * kReplyEps);

  const Ticks at_1h = healthy_refresh_offset("azure-identity-js-bare", hours(1));
  expect_within_a_call_gap(at_1h, hours(1) - seconds(300));
}

// ref §1.8 (azure-sdk-for-cpp): fresh while ExpiresOn − 2 min > now, blocking refresh; the
// stored ExpiresOn is fetch + L/2 when L >= 2 h; retries 800 ms × 2^n × U[0.8, 1.3], 4 attempts.
// The model keeps the real T for the 120 s margin (docs/presets.md "Approximations": refresh at
// L/2, not L/2 − 120 s), so the exact case is L < 2 h; the L/2 rule is checked with 24 h.
TEST(PresetBehaviour, AzureSdkCppRefreshesAtTMinus120AndRetries800msDoublingThenFails) {
  Trial run("azure-sdk-cpp", hours(1), hours(1) + minutes(10));
  run.sts_fails_from(minutes(50));
  run.run();
  const Ticks offset = run.refresh_offset();
  expect_within_a_call_gap(offset, hours(1) - seconds(120));
  const std::vector<Ticks> first = run.probe.attempts_in(run.refresh_at(), run.refresh_at() + seconds(8));
  ASSERT_GE(first.size(), 4u);
  // The reference's U[0.8, 1.3] factor is not modelled (JitterKind::none keeps 800·2^n);
  // check the reference's bounds.
  expect_bounded_schedule(gaps(first, 0, 3), {milliseconds(640), milliseconds(1280), milliseconds(2560)},
                          {milliseconds(1040), milliseconds(2080), milliseconds(4160)});
  expect_attempts_per_fetch(run, 4);
  // The refresh point is also the end of freshness: once it fails, calls fail.
  expect_served_until(run, run.token.exp - seconds(120));

  const Ticks at_24h = healthy_refresh_offset("azure-sdk-cpp", hours(24));
  expect_within_a_call_gap(at_24h, hours(12));
  const Ticks at_2h = healthy_refresh_offset("azure-sdk-cpp", hours(2));  // "2 h or more"
  expect_within_a_call_gap(at_2h, hours(1));
}

// ---- AWS -----------------------------------------------------------------------------------

// ref §2.2 (botocore): advisory refresh from T − 15 min (one refresher, others keep the old
// credentials), mandatory from T − 10 min (a failure is raised); metadata_service_num_attempts
// 1, no sleep; 3 IMDSv2 requests per fetch. Its extension covers stale documents only, not
// failed fetches, so none here.
TEST(PresetBehaviour, BotocoreRefreshesAtTMinus15minNeverRetriesAndFailsFromTMinus10min) {
  Trial run("botocore", hours(1), hours(1) + minutes(10));
  run.sts_fails_from(minutes(40));
  run.run();
  const Ticks offset = run.refresh_offset();
  expect_within_a_call_gap(offset, hours(1) - minutes(15));
  const Ticks end = run.world.config().duration;
  const std::vector<Ticks> after = run.probe.attempts_in(run.refresh_at(), end);
  EXPECT_EQ(after.size(), run.refresh_failures());   // one attempt per fetch
  EXPECT_EQ(run.probe.loads_in(run.refresh_at(), end), 2 * after.size());  // PUT + role GET
  // No sleep and no cap: in the advisory window the next call after a failure refetches, so
  // nearly every call there sends an attempt (two calls within 3 ms share one).
  const Ticks mandatory = run.token.exp - minutes(10);
  const std::uint64_t calls = run.probe.served_in(run.refresh_at(), mandatory);
  const std::size_t advisory_attempts = run.probe.attempts_in(run.refresh_at(), mandatory).size();
  note("advisory-window calls", static_cast<double>(calls));
  note("advisory-window attempts", static_cast<double>(advisory_attempts));
  EXPECT_GE(advisory_attempts, calls * 95 / 100);
  EXPECT_LE(advisory_attempts, calls);
  expect_served_until(run, mandatory);
}

// ref §9.2 (memoized client), §2.4: refresh when < 300 s remain, no retries, static stability:
// on each failure the last credentials get expiration now + U[300, 600) s, so they are retried
// every U[0, 300) s and never fail in an outage (used up to 910 s past expiry, measured).
TEST(PresetBehaviour, AwsSdkJsV3RefreshesAtTMinus300AndExtendsExpiredCredentials300To600s) {
  Trial run("aws-sdk-js-v3", hours(1), hours(1) + minutes(40));
  run.sts_fails_from(minutes(50));
  run.run();
  const Ticks offset = run.refresh_offset();
  expect_within_a_call_gap(offset, hours(1) - seconds(300));
  const Ticks end = run.world.config().duration;
  const std::vector<Ticks> after = run.probe.attempts_in(run.refresh_at(), end);
  EXPECT_GE(after.size(), run.refresh_failures());  // no retries: one attempt per fetch
  EXPECT_LE(after.size(), run.refresh_failures() + 1);
  // Each failure puts the next try U[0, 300) s later (+ the wait for a call).
  ASSERT_GE(after.size(), 5u);
  note_gaps("try gaps (s)", gaps(after, 0, after.size()));
  for (std::size_t i = 0; i + 1 < after.size(); ++i)
    EXPECT_LE(after[i + 1] - after[i], seconds(300) + kReplyEps + kCallGap) << "try " << i;
  // Tries are U[0, 300) s apart, 150 s on average: over the ~45 min from the refresh point
  // to the end that is ~18; retrying at every call (4/s) would be thousands.
  note("tries after the refresh point", static_cast<double>(after.size()));
  EXPECT_GT(after.size(), 45 * 60 / 300u);
  EXPECT_LT(after.size(), 45 * 60 / 60u);
  // Never fails: served past T for the whole outage, with the extension counted.
  EXPECT_EQ(run.probe.failed_in(0, end), 0u);
  EXPECT_GE(run.probe.last_served_before(end), end - kCallGap);
  EXPECT_GT(run.world.metrics().fleet_total(0).static_stability_uses, 0u);
}

// ref §9.2 (default chain): refresh when < 300 s remain, in the background, no retries, no
// static stability: every call fails from expiry to the end of the outage.
TEST(PresetBehaviour, AwsSdkJsV3DefaultChainRefreshesAtTMinus300AndFailsFromExpiry) {
  Trial run("aws-sdk-js-v3-default-chain", hours(1), hours(1) + minutes(10));
  run.sts_fails_from(minutes(50));
  run.run();
  const Ticks offset = run.refresh_offset();
  expect_within_a_call_gap(offset, hours(1) - seconds(300));
  const Ticks end = run.world.config().duration;
  const std::vector<Ticks> after = run.probe.attempts_in(run.refresh_at(), end);
  EXPECT_GE(after.size(), run.refresh_failures());  // no retries
  EXPECT_LE(after.size(), run.refresh_failures() + 1);
  EXPECT_EQ(run.probe.loads_in(run.refresh_at(), end), 2 * after.size());
  EXPECT_EQ(run.world.metrics().fleet_total(0).static_stability_uses, 0u);
  expect_served_until(run, run.token.exp);
}

// ref §2.3 (aws-sdk-go-v2): advisory window 15 min for IMDS credentials (1 h cap); 3 attempts,
// backoff capped at 1 s (full jitter: idsim choice), 500 ms response timeout; a failed refresh
// keeps the credentials and waits jitter(300, 600) s; HandleFailToRefresh sets
// Expires = now + U[5, 15) min.
TEST(PresetBehaviour, AwsSdkGoV2RefreshesAtTMinus15minRetriesWithin1sAndExtends5To15min) {
  Trial run("aws-sdk-go-v2", hours(1), hours(1) + minutes(40));
  run.endpoint_blocked_from(minutes(40));  // attempts time out after 500 ms
  run.run();
  const Ticks offset = run.refresh_offset();
  expect_within_a_call_gap(offset, hours(1) - minutes(15));
  const Ticks end = run.world.config().duration;
  const std::vector<Ticks> after = run.probe.attempts_in(run.refresh_at(), end);
  // Group the attempts into fetches (a fetch lasts < 3 s, fetches are ≥ 300 s apart).
  std::vector<std::vector<Ticks>> fetches;
  for (Ticks t : after) {
    if (fetches.empty() || t - fetches.back().back() > seconds(60)) fetches.emplace_back();
    fetches.back().push_back(t);
  }
  ASSERT_GE(fetches.size(), 3u);
  for (std::size_t f = 0; f < fetches.size(); ++f) {
    const bool last = f + 1 == fetches.size();
    if (!last) {
      EXPECT_EQ(fetches[f].size(), 3u) << "fetch " << f;
    }
    for (std::size_t i = 0; i + 1 < fetches[f].size(); ++i) {
      const Ticks gap = fetches[f][i + 1] - fetches[f][i];
      EXPECT_GE(gap, milliseconds(500)) << "fetch " << f;              // the timeout
      EXPECT_LE(gap, milliseconds(1500)) << "fetch " << f;             // + U[0, 1 s]
    }
    if (last) break;
    const Ticks failed = fetches[f].back() + milliseconds(500);
    const Ticks next = fetches[f + 1].front() - failed;
    note_gaps("fetch attempt times (s)", fetches[f]);
    note("next fetch, s after the failure", sim::to_seconds(next));
    EXPECT_GE(next, seconds(300)) << "fetch " << f;
    EXPECT_LE(next, seconds(600) + kCallGap) << "fetch " << f;
    // Static stability: while the next try is awaited, the token is served up to failed + U[300, 900) s.
    for (const CallRecord& c : run.probe.outcomes) {
      if (c.at <= failed || c.at >= fetches[f + 1].front() || c.at < run.token.exp) continue;
      if (c.outcome == Outcome::no_token) {
        EXPECT_GE(c.at, failed + seconds(300));
      } else {
        EXPECT_LT(c.at, failed + seconds(900));
      }
    }
  }
  // Used past its expiry during the outage (at least the first extension).
  note("last served call, s after T", sim::to_seconds(run.probe.last_served_before(end) - run.token.exp));
  note("calls served past T", static_cast<double>(run.probe.served_in(run.token.exp, end)));
  note("calls failed past T", static_cast<double>(run.probe.failed_in(run.token.exp, end)));
  EXPECT_GE(run.probe.last_served_before(end), run.token.exp);
  EXPECT_GT(run.probe.served_in(run.token.exp, end), 0u);
  EXPECT_GT(run.world.metrics().fleet_total(0).static_stability_uses, 0u);
}

// ---- GCP -----------------------------------------------------------------------------------

// ref §3.2 (google-auth Python): REFRESH_THRESHOLD 3 min 45 s, blocking (idsim choice) with the
// same 225 s as expiry buffer; 5 attempts, waits 1 s × 2^n × U[0.9, 1.1].
TEST(PresetBehaviour, GoogleAuthPythonRefreshesAtTMinus225AndRetries1s2s4s8s) {
  Trial run("google-auth-python", hours(1), hours(1) + minutes(10));
  run.sts_fails_from(minutes(50));
  run.run();
  const Ticks offset = run.refresh_offset();
  expect_within_a_call_gap(offset, hours(1) - seconds(225));
  const std::vector<Ticks> first = run.probe.attempts_in(run.refresh_at(), run.refresh_at() + seconds(20));
  ASSERT_GE(first.size(), 5u);
  expect_bounded_schedule(gaps(first, 0, 4),
                          {milliseconds(900), milliseconds(1800), milliseconds(3600), milliseconds(7200)},
                          {milliseconds(1100), milliseconds(2200), milliseconds(4400), milliseconds(8800)});
  expect_attempts_per_fetch(run, 5);
  expect_served_until(run, run.token.exp - seconds(225));
}

// ref §9.3 (google-auth-library Node): refresh when at most 300 s remain, blocking; 5xx: 3
// retries at 0.10 / 0.50 / 1.50 s; timeout 3 s, not retried; failing in the last 300 s fails
// every call.
TEST(PresetBehaviour, GoogleAuthNodeRefreshesAtTMinus300AndRetries100ms500ms1500msNotOnTimeout) {
  Trial run("google-auth-node", hours(1), hours(1) + minutes(10));
  run.sts_fails_from(minutes(50));
  run.run();
  const Ticks offset = run.refresh_offset();
  expect_within_a_call_gap(offset, hours(1) - seconds(300));
  const std::vector<Ticks> first = run.probe.attempts_in(run.refresh_at(), run.refresh_at() + seconds(3));
  ASSERT_GE(first.size(), 4u);
  expect_fixed_schedule(gaps(first, 0, 3), {milliseconds(100), milliseconds(500), milliseconds(1500)});
  expect_attempts_per_fetch(run, 4);
  expect_served_until(run, run.token.exp - seconds(300));

  // A blocked endpoint: each attempt times out after 3 s and is not retried.
  Trial blocked("google-auth-node", hours(1), hours(1) + minutes(10));
  blocked.endpoint_blocked_from(minutes(50));
  blocked.run();
  const std::vector<Ticks> tries =
      blocked.probe.attempts_in(blocked.refresh_at(), blocked.world.config().duration);
  ASSERT_GE(tries.size(), 3u);
  note_gaps("blocked: try gaps (s)", gaps(tries, 0, 6));
  EXPECT_GE(tries.size(), blocked.refresh_failures());
  EXPECT_LE(tries.size(), blocked.refresh_failures() + 1);
  for (std::size_t i = 0; i + 1 < tries.size(); ++i)
    EXPECT_GE(tries[i + 1] - tries[i], seconds(3)) << "try " << i;
  expect_served_until(blocked, blocked.token.exp - seconds(300));
}

// ---- Kubernetes ----------------------------------------------------------------------------

// ref §5.1 (kubelet token manager): refresh when now > exp − 20%·L − U[0, 10) s (proactive
// timer: idsim choice); on failure a valid old token is kept, re-evaluated every 60 s (idsim
// choice after gcPeriod); an expired token gives an error.
TEST(PresetBehaviour, KubeletRefreshesAt80PercentMinusUpTo10sAndReevaluatesEvery60s) {
  Trial run("kubelet", hours(1), hours(1) + minutes(10));
  run.sts_fails_from(minutes(45));
  run.run();
  // A timer: no call gap, only the fetch's own 3 ms.
  const Ticks offset = run.refresh_offset();
  EXPECT_GT(offset, seconds(2880) - seconds(10));
  EXPECT_LE(offset, seconds(2880));
  const std::vector<Ticks> before_exp = run.probe.attempts_in(run.refresh_at(), run.token.exp);
  ASSERT_GE(before_exp.size(), 10u);  // 720 s of window / 60 s
  note_gaps("re-evaluation gaps (s)", gaps(before_exp, 0, before_exp.size()));
  for (std::size_t i = 0; i + 1 < before_exp.size(); ++i) {
    EXPECT_GE(before_exp[i + 1] - before_exp[i], seconds(60) + milliseconds(3)) << "try " << i;
    EXPECT_LE(before_exp[i + 1] - before_exp[i], seconds(60) + kReplyEps) << "try " << i;
  }
  expect_served_until(run, run.token.exp);

  Ticks low = hours(1), high = 0;
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    const Ticks o = healthy_refresh_offset("kubelet", hours(1), seed);
    EXPECT_GT(o, seconds(2870)) << "seed " << seed;
    EXPECT_LE(o, seconds(2880)) << "seed " << seed;
    low = std::min(low, o);
    high = std::max(high, o);
  }
  EXPECT_GT(high - low, seconds(1));  // the jitter is drawn
}

// ---- Anti-patterns -------------------------------------------------------------------------

// docs/presets.md no-cache (MODEL §4, ref §7 item 1): one request per call, no retries, nothing
// kept: an outage fails every call at once.
TEST(PresetBehaviour, NoCacheFetchesOnEveryCallAndFailsEveryCallInAnOutage) {
  Trial run("no-cache", hours(1), minutes(30));
  run.sts_fails_from(minutes(20));
  run.script.at(minutes(25), [](World& w) { w.sts().set_error_fraction(0); });
  run.run();
  const Ticks end = run.world.config().duration;
  const std::uint64_t calls = run.probe.served_in(0, end) + run.probe.failed_in(0, end);
  const std::size_t requests = run.probe.attempts.size() + run.probe.loads.size();
  EXPECT_GE(requests, calls);       // every call sent its own request
  EXPECT_LE(requests, calls + 1);   // (one may be in flight at the end)
  EXPECT_GT(calls, 30 * 60 * 3u);
  // The outage: every call fails, no request is repeated, the old token is never used.
  const Ticks from = minutes(20) + milliseconds(10), to = minutes(25);
  EXPECT_EQ(run.probe.served_in(from, to), 0u);
  const std::uint64_t failed = run.probe.failed_in(from, to);
  EXPECT_GT(failed, 4 * 60 * 3u);
  const std::size_t sent = run.probe.attempts_in(from - milliseconds(3), to - milliseconds(3)).size() +
                           run.probe.loads_in(from - milliseconds(3), to - milliseconds(3));
  note("calls over the run", static_cast<double>(calls));
  note("requests over the run", static_cast<double>(requests));
  note("outage calls failed", static_cast<double>(failed));
  note("outage requests", static_cast<double>(sent));
  EXPECT_LE(sent, failed + 1);
  EXPECT_GE(sent + 1, failed);
  EXPECT_GT(run.probe.served_in(to + seconds(1), end), 0u);  // and recovers at once
}

// docs/presets.md naive-lazy: the token is used until T, the next call fetches (no lead, no
// jitter), no retries, no buffer: an outage at T fails every call.
TEST(PresetBehaviour, NaiveLazyRefreshesAtExpiryWithoutRetriesAndFailsFromExpiry) {
  Trial run("naive-lazy", hours(1), hours(1) + minutes(10));
  run.sts_fails_from(minutes(50));
  run.run();
  const Ticks offset = run.refresh_offset();
  expect_within_a_call_gap(offset, hours(1));
  const std::vector<Ticks> after = run.probe.attempts_in(run.refresh_at(), run.world.config().duration);
  EXPECT_GE(after.size(), run.refresh_failures());  // one attempt per fetch
  EXPECT_LE(after.size(), run.refresh_failures() + 1);
  expect_served_until(run, run.token.exp);
}

}  // namespace
}  // namespace models
