// Single flight at the metadata endpoint (EndpointConfig::coalesce_misses): with its own token
// cache, an endpoint that coalesces sends one request per (principal, audience) to the STS and
// answers every miss that came in meanwhile with that one reply — a node agent's behaviour —
// where one that does not forwards every miss. Off by default (docs/models.md, "Endpoint cache
// and herds").
#include <gtest/gtest.h>

#include <set>
#include <tuple>
#include <vector>

#include "models/world.h"
#include "world_fixture.h"

namespace models {
namespace {

constexpr std::uint32_t kClients = 50;
// The STS is 10 s away each way (a stand-in for a slow, overloaded STS), so a miss is out for
// 20 s: the whole cold herd — 50 first calls at 1/s each — asks while the first request is out
// (P(a client has not called within 20 s) = 50·e⁻²⁰ ≈ 10⁻⁷).
const sim::Ticks kStsOneWay = sim::seconds(10);

// A lazy, blocking client with single flight and three retries on fixed delays 1, 2, 4 s (no
// jitter: the clients of one retry round stay in step), timing out only after the round trip.
ClientPolicy herd_client() {
  ClientPolicy p;
  p.preset = "custom";
  p.cache = CacheScope::instance;
  p.refresh.mode = RefreshMode::lazy;
  p.refresh.blocking = true;
  p.retry.attempts_max = 4;
  p.retry.backoff_base = sim::seconds(1);
  p.retry.backoff_cap = sim::seconds(8);
  p.retry.jitter = JitterKind::none;
  p.retry.retry_on = status_bit(FetchStatus::throttled) | status_bit(FetchStatus::server_error) |
                     status_bit(FetchStatus::timeout);
  p.attempt_timeout = sim::seconds(60);
  p.single_flight = true;
  EXPECT_EQ(check_policy(p), "");
  return p;
}

// 50 instances on ONE node, all cold at t = 0, behind an endpoint with its own cache. The
// 1-hour token outlives the 5-minute run, so every STS request is part of the cold start.
WorldConfig cold_herd(bool coalesce) {
  WorldConfig cfg = testing::small_world(1, kClients, herd_client());
  cfg.duration = sim::minutes(5);
  cfg.bucket = sim::seconds(1);
  cfg.sts.servers = 64;  // every request is served on arrival: no queue to spread the herd
  cfg.sts.network_latency_ms = sim::Distribution::constant(sim::to_seconds(kStsOneWay) * 1000);
  cfg.endpoint.cache = true;
  cfg.endpoint.coalesce_misses = coalesce;
  cfg.fleets[0].warm_start = false;
  return cfg;
}

// The tokens the clients hold, told apart by what a target sees of them.
std::set<std::tuple<sim::Ticks, sim::Ticks>> held_tokens_iat_exp(World& world) {
  std::set<std::tuple<sim::Ticks, sim::Ticks>> tokens;
  for (std::uint32_t c = 0; c < world.client_count(); ++c)
    if (world.client(c).holds_token(0))
      tokens.insert({world.client(c).token(0).iat, world.client(c).token(0).exp});
  return tokens;
}

std::uint32_t clients_holding_a_token(World& world) {
  std::uint32_t holders = 0;
  for (std::uint32_t c = 0; c < world.client_count(); ++c)
    holders += world.client(c).holds_token(0);
  return holders;
}

// The herd runs the same in both call modes: the endpoint does not know how calls are counted.
class ColdHerd : public ::testing::TestWithParam<bool> {
 protected:
  WorldConfig world_config(bool coalesce) const {
    WorldConfig cfg = cold_herd(coalesce);
    cfg.exact_calls = GetParam();
    return cfg;
  }
};

TEST_P(ColdHerd, CoalescingEndpointSendsOneStsRequestAndTheHerdSharesItsToken) {
  World world(world_config(true));
  world.run();
  ASSERT_TRUE(world.audit().empty()) << world.audit().front();
  const FleetBucket fleet = world.metrics().all_fleets_total();
  EXPECT_EQ(fleet.endpoint_requests, kClients);
  EXPECT_EQ(fleet.endpoint_cache_hits, kClients - 1);  // the 49 that waited on the first
  EXPECT_EQ(world.metrics().sts_total().requests, 1u);
  EXPECT_EQ(world.metrics().sts_total().issued, 1u);
  EXPECT_EQ(clients_holding_a_token(world), kClients);
  EXPECT_EQ(held_tokens_iat_exp(world).size(), 1u);
}

// The contrast, and the default: every miss of the herd goes to the STS, and each client
// holds its own token.
TEST_P(ColdHerd, EndpointWithoutCoalescingSendsEveryMissOfTheHerdToTheSts) {
  World world(world_config(false));
  world.run();
  ASSERT_TRUE(world.audit().empty()) << world.audit().front();
  EXPECT_EQ(world.metrics().all_fleets_total().endpoint_cache_hits, 0u);
  EXPECT_EQ(world.metrics().sts_total().requests, kClients);
  EXPECT_EQ(clients_holding_a_token(world), kClients);
  EXPECT_EQ(held_tokens_iat_exp(world).size(), kClients);
}

INSTANTIATE_TEST_SUITE_P(CallModes, ColdHerd, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& mode) {
                           return mode.param ? "ExactCalls" : "AggregatedCalls";
                         });

// The STS fails everything for the first 65 s. The first miss is forwarded at t0 ≈ 0, reaches
// the STS at t0 + 10 s, and its 5xx is back at t0 + 20 s: all 50 clients get it at once, retry
// together 1 s later (delays 1, 2, 4 s), and each round is again one forwarded request and 49
// waiters. Rounds reach the STS at ≈ 10, 31, 53 s (failed) and 77 s (issued).
TEST(EndpointCoalescing, StsOutageFailsEveryWaiterAndEachRetryRoundSendsOneRequest) {
  World world(cold_herd(true));
  testing::Script script(world);
  script.at(0, [](World& w) { w.sts().set_error_fraction(1.0); });
  script.at(sim::seconds(65), [](World& w) { w.sts().set_error_fraction(0.0); });
  world.run();
  ASSERT_TRUE(world.audit().empty()) << world.audit().front();

  const FleetBucket fleet = world.metrics().all_fleets_total();
  EXPECT_EQ(fleet.endpoint_requests, 4 * kClients);  // every client tried 4 times
  EXPECT_EQ(fleet.endpoint_errors, 3 * kClients);    // every waiter got each failure
  EXPECT_EQ(fleet.endpoint_cache_hits, 4 * (kClients - 1));
  EXPECT_EQ(fleet.refresh_failures, 0u);
  EXPECT_EQ(fleet.fetches_ok, kClients);
  const StsBucket sts = world.metrics().sts_total();
  EXPECT_EQ(sts.requests, 4u);
  EXPECT_EQ(sts.failed, 3u);
  EXPECT_EQ(sts.issued, 1u);
  // One request in each second the STS saw any: the rounds did not straggle.
  std::uint32_t seconds_with_requests = 0;
  for (std::size_t b = 0; b < world.metrics().bucket_count(); ++b) {
    const std::uint64_t requests = world.metrics().sts_at(b).requests;
    if (requests == 0) continue;
    ++seconds_with_requests;
    EXPECT_EQ(requests, 1u) << "second " << b;
  }
  EXPECT_EQ(seconds_with_requests, 4u);
  ASSERT_EQ(held_tokens_iat_exp(world).size(), 1u);
  EXPECT_EQ(clients_holding_a_token(world), kClients);
  const sim::Ticks iat = std::get<0>(*held_tokens_iat_exp(world).begin());
  EXPECT_GE(iat, sim::seconds(77));
  EXPECT_LT(iat, sim::seconds(79));
}

// The identity is deleted at 5 s, while the first miss is on its way: the STS refuses it
// (400, which these clients do not retry) and every waiter gets that same 400 — none retries,
// none gets a token — and the failure backoff (longer than the run) stops any new fetch.
TEST(EndpointCoalescing, DeletedIdentityFailsEveryWaiterWithTheStsRefusal) {
  WorldConfig cfg = cold_herd(true);
  cfg.fleets[0].client.refresh.failure_backoff_min = sim::minutes(10);
  cfg.fleets[0].client.refresh.failure_backoff_max = sim::minutes(10);
  World world(cfg);
  testing::Script script(world);
  script.at(sim::seconds(5), [](World& w) { w.iam().delete_identity(0); });
  world.run();
  ASSERT_TRUE(world.audit().empty()) << world.audit().front();
  const FleetBucket fleet = world.metrics().all_fleets_total();
  EXPECT_EQ(fleet.endpoint_requests, kClients);
  EXPECT_EQ(fleet.endpoint_errors, kClients);
  EXPECT_EQ(fleet.refresh_failures, kClients);
  EXPECT_EQ(fleet.fetches_ok, 0u);
  EXPECT_EQ(world.metrics().sts_total().requests, 1u);
  EXPECT_EQ(world.metrics().sts_total().rejected, 1u);
  EXPECT_EQ(clients_holding_a_token(world), 0u);
}

// Attempts time out after 5 s, long before the 20-s round trip ends: each client's timed-out
// attempt still waits at the endpoint and is answered, and the client ignores that stale
// reply (its attempt serial is old); its retries join the same forwarded request while it is
// out, or find the token cached once it is back. Still one STS request for the herd.
TEST(EndpointCoalescing, TimedOutWaitersAreIgnoredAndTheirRetriesSendNothingToTheSts) {
  WorldConfig cfg = cold_herd(true);
  cfg.fleets[0].client.attempt_timeout = sim::seconds(5);
  World world(cfg);
  world.run();
  ASSERT_TRUE(world.audit().empty()) << world.audit().front();
  const FleetBucket fleet = world.metrics().all_fleets_total();
  EXPECT_GE(fleet.attempt_timeouts, kClients);  // about 3 per client: 147 for this seed
  EXPECT_GT(fleet.endpoint_requests, kClients);
  EXPECT_EQ(fleet.refresh_failures, 0u);
  EXPECT_EQ(world.metrics().sts_total().requests, 1u);
  EXPECT_EQ(clients_holding_a_token(world), kClients);
  EXPECT_EQ(held_tokens_iat_exp(world).size(), 1u);
}

// A waiter is a request the endpoint is still answering: it keeps its slot, so with at most
// 10 concurrent requests the forwarded miss and 9 waiters fill the endpoint and the rest of
// the herd gets 429 until the reply is back (as without coalescing, where 10 misses would be
// out at the STS).
TEST(EndpointCoalescing, WaitersHoldTheirEndpointSlotsAgainstTheConcurrencyLimit) {
  WorldConfig cfg = cold_herd(true);
  cfg.endpoint.concurrency_max = 10;
  World world(cfg);
  testing::Script script(world);
  std::uint32_t in_flight_at_15s = 0;
  std::uint64_t sts_requests_by_15s = 0;
  script.at(sim::seconds(15), [&](World& w) {
    in_flight_at_15s = w.endpoint(0).in_flight();
    sts_requests_by_15s = w.metrics().sts_total().requests;
  });
  world.run();
  ASSERT_TRUE(world.audit().empty()) << world.audit().front();
  EXPECT_EQ(in_flight_at_15s, 10u);
  EXPECT_EQ(sts_requests_by_15s, 1u);
  EXPECT_GT(world.metrics().all_fleets_total().endpoint_throttled, 0u);
}

// AWS IMDSv2 sends three requests per token; the two load-only ones (their replies are
// ignored) are misses like any other and wait on the same forwarded request.
TEST(EndpointCoalescing, LoadOnlyRequestsWaitOnTheForwardedRequestToo) {
  WorldConfig cfg = cold_herd(true);
  cfg.fleets[0].client.requests_per_fetch = 3;
  World world(cfg);
  world.run();
  ASSERT_TRUE(world.audit().empty()) << world.audit().front();
  const FleetBucket fleet = world.metrics().all_fleets_total();
  EXPECT_EQ(fleet.endpoint_requests, 3 * kClients);
  EXPECT_EQ(fleet.endpoint_cache_hits, 3 * kClients - 1);
  EXPECT_EQ(world.metrics().sts_total().requests, 1u);
  EXPECT_EQ(held_tokens_iat_exp(world).size(), 1u);
}

// Four herds (one per node) that coalesce, with sampled latencies, jittered retries, a
// 10-minute TTL (so each node's herd comes back every cycle) and an outage that cuts into
// the refreshes: everything a run reports, twice from one seed.
WorldConfig busy_coalescing_world() {
  WorldConfig cfg = cold_herd(true);
  cfg.fleets[0].nodes = 4;
  cfg.duration = sim::minutes(40);
  cfg.bucket = sim::seconds(10);
  cfg.sts.token_ttl = sim::minutes(10);
  cfg.sts.network_latency_ms = sim::Distribution::lognormal_p50_p99(200, 4000);
  cfg.sts.service_time_ms = sim::Distribution::lognormal_p50_p99(20, 120);
  cfg.endpoint.latency_ms = sim::Distribution::lognormal_p50_p99(1, 10);
  cfg.fleets[0].client.refresh.lead = sim::minutes(2);
  cfg.fleets[0].client.retry.jitter = JitterKind::full;
  cfg.fleets[0].client.attempt_timeout = sim::seconds(3);
  return cfg;
}

std::vector<double> everything_reported(const World& world) {
  const Metrics& m = world.metrics();
  std::vector<double> out;
  for (std::size_t b = 0; b < m.bucket_count(); ++b) {
    const FleetBucket& f = m.fleet_at(0, b);
    out.insert(out.end(), f.calls.begin(), f.calls.end());
    for (const std::uint64_t n :
         {f.endpoint_requests, f.endpoint_cache_hits, f.endpoint_throttled, f.endpoint_unanswered,
          f.endpoint_errors, f.fetches_started, f.fetches_ok, f.refresh_failures,
          f.attempt_timeouts})
      out.push_back(static_cast<double>(n));
    for (const sim::Ticks t : {f.fetch_latency.quantile(0.5), f.fetch_latency.quantile(0.99),
                               f.token_age.quantile(0.5)})
      out.push_back(static_cast<double>(t));
    const StsBucket& s = m.sts_at(b);
    for (const std::uint64_t n : {s.requests, s.issued, s.failed, s.throttled, s.rejected})
      out.push_back(static_cast<double>(n));
    out.push_back(s.busy_seconds);
  }
  return out;
}

TEST(EndpointCoalescing, SameSeedGivesIdenticalMetrics) {
  auto run = [] {
    World world(busy_coalescing_world());
    testing::Script script(world);
    script.at(sim::minutes(15), [](World& w) { w.sts().set_error_fraction(0.7); });
    script.at(sim::minutes(18), [](World& w) { w.sts().set_error_fraction(0.0); });
    world.run();
    EXPECT_TRUE(world.audit().empty()) << world.audit().front();
    // The run coalesces: about one STS request per node and refresh cycle (5 in 40 minutes)
    // plus the outage's retries — 35 for this seed; 204 without coalescing.
    EXPECT_LT(world.metrics().sts_total().requests, kClients);
    return everything_reported(world);
  };
  const std::vector<double> first = run();
  EXPECT_EQ(first, run());
}

}  // namespace
}  // namespace models
