// Where a client reads a token's expiry from decides what a skewed node clock does to it
// (client-behaviors.md §7 "Clock skew"): the AWS SDKs compare the absolute Expiration with the
// local clock (expiry_from = expires_on), google-auth adds expires_in to the local clock at
// receipt (§3.2, §3.3: expires_in). A slow clock makes the first kind present every token
// past its expiry; the second kind is wrong only about the tokens it held when the clock moved.
#include <gtest/gtest.h>

#include <cstdio>

#include "models/world.h"
#include "world_fixture.h"

namespace models {
namespace {

using testing::Script;
using testing::calls;

const sim::Ticks kTtl = sim::hours(1);

// google-auth-node's rule (refresh and stop serving 5 min before expiry, blocking) with the
// expiry source under test; the target accepts 5 min of skew.
ClientPolicy policy(ExpirySource from) {
  ClientPolicy p = testing::preset("google-auth-node");
  p.expiry_from = from;
  return p;
}

WorldConfig world(ExpirySource from, sim::Ticks fleet_skew, bool exact_calls) {
  WorldConfig cfg = testing::small_world(4, 5, policy(from));
  cfg.duration = sim::hours(8);
  cfg.sts.token_ttl = kTtl;
  cfg.fleets[0].clock_skew = fleet_skew;
  cfg.exact_calls = exact_calls;
  return cfg;
}

// Every story runs in both call modes: aggregated calls judge a quiet spell's end from the
// same expiry the exact calls read (models/client_quiet.cpp).
class ExpiryFrom : public ::testing::TestWithParam<bool> {
 protected:
  WorldConfig config(ExpirySource from, sim::Ticks fleet_skew) const {
    return world(from, fleet_skew, GetParam());
  }
  std::uint64_t endpoint_requests_with_fast_clock(ExpirySource from) const;
};

// 401 calls of the fleet in [from, to) (bucket starts).
double unauthorized_between(const World& w, sim::Ticks from, sim::Ticks to) {
  double n = 0;
  const sim::Ticks bucket = w.config().bucket;
  for (std::size_t b = 0; b < w.metrics().bucket_count(); ++b) {
    const sim::Ticks start = static_cast<sim::Ticks>(b) * bucket;
    if (start >= from && start < to)
      n += static_cast<double>(
          w.metrics().fleet_at(0, b).calls[static_cast<std::size_t>(Outcome::unauthorized)]);
  }
  return n;
}

double unauthorized_share(const World& w) {
  const double all = calls(w, Outcome::ok) + calls(w, Outcome::unauthorized) +
                     calls(w, Outcome::forbidden) + calls(w, Outcome::no_token);
  return calls(w, Outcome::unauthorized) / all;
}

// Every node's clock jumps 20 min back at 1 h; the run goes on to its end.
void run_with_clock_set_back(World& w) {
  Script script(w);
  script.at(sim::hours(1), [](World& world) {
    for (std::uint32_t n = 0; n < 4; ++n) world.shift_clock_skew(n, -sim::minutes(20));
  });
  w.run();
}

TEST_P(ExpiryFrom, ASlowClockMakesAnExpiresOnClientPresentExpiredTokensEveryHour) {
  // 20 min slow: the client stops serving (and fetches anew) at local exp − 5 m = true
  // exp + 15 m; the target refuses from exp + 5 m, so 10 min of every 75-min cycle are 401s.
  World w(config(ExpirySource::expires_on, -sim::minutes(20)));
  w.run();
  EXPECT_NEAR(unauthorized_share(w), 10.0 / 75.0, 0.01);
  EXPECT_GT(unauthorized_between(w, sim::hours(6), sim::hours(8)), 0);
  EXPECT_TRUE(w.audit().empty());
}

TEST_P(ExpiryFrom, ASlowClockFromTheStartDoesNotTouchAnExpiresInClient) {
  World w(config(ExpirySource::expires_in, -sim::minutes(20)));
  w.run();
  EXPECT_EQ(calls(w, Outcome::unauthorized), 0);
  EXPECT_GT(calls(w, Outcome::ok), 0);
  EXPECT_TRUE(w.audit().empty());
}

TEST_P(ExpiryFrom, AClockSetBackMidRunHurtsAnExpiresInClientOnlyUntilItsNextToken) {
  // The clock jumps 20 min back at 1 h: the tokens held then are believed 20 min too long
  // (at most one lifetime more, so none after 2 h 25 m); every token fetched after the jump
  // is judged right.
  World w(config(ExpirySource::expires_in, 0));
  run_with_clock_set_back(w);
  EXPECT_GT(unauthorized_between(w, sim::hours(1), sim::hours(2) + sim::minutes(25)), 0);
  EXPECT_EQ(unauthorized_between(w, sim::hours(2) + sim::minutes(25), sim::hours(8)), 0);
  EXPECT_TRUE(w.audit().empty());
}

TEST_P(ExpiryFrom, AClockSetBackMidRunHurtsAnExpiresOnClientForAsLongAsItLasts) {
  World w(config(ExpirySource::expires_on, 0));
  run_with_clock_set_back(w);
  EXPECT_GT(unauthorized_between(w, sim::hours(6), sim::hours(8)), 0);
}

// google-cloud-cpp#8255 (ref §7 item 7): the metadata server hands out its cached token until
// 5 min before expiry; a client that judges that token 15 min closer to expiry than it is
// wants a new one at once, gets the same one back, and asks again on every call.
std::uint64_t ExpiryFrom::endpoint_requests_with_fast_clock(ExpirySource from) const {
  WorldConfig cfg = config(from, sim::minutes(15));
  cfg.endpoint.flavor = "gcp-metadata";
  cfg.endpoint.cache = true;
  cfg.endpoint.cache_lead = sim::minutes(5);
  World w(cfg);
  w.run();
  EXPECT_TRUE(w.audit().empty());
  return w.metrics().all_fleets_total().endpoint_requests;
}

TEST_P(ExpiryFrom, AFastClockMakesAnExpiresOnClientLoopOnTheMetadataCache) {
  const std::uint64_t looping = endpoint_requests_with_fast_clock(ExpirySource::expires_on);
  const std::uint64_t calm = endpoint_requests_with_fast_clock(ExpirySource::expires_in);
  std::printf("  endpoint requests: expires_on %llu, expires_in %llu\n",
              static_cast<unsigned long long>(looping), static_cast<unsigned long long>(calm));
  // 20 clients, 8 h of 1-h tokens: about 160 fetches when each token is fetched once.
  EXPECT_LT(calm, 400u);
  EXPECT_GT(looping, 20 * calm);
}

TEST_P(ExpiryFrom, WithoutSkewBothSourcesGiveTheSameRun) {
  World on(config(ExpirySource::expires_on, 0));
  World in(config(ExpirySource::expires_in, 0));
  on.run();
  in.run();
  for (const Outcome o : {Outcome::ok, Outcome::unauthorized, Outcome::no_token})
    EXPECT_EQ(calls(on, o), calls(in, o));
  EXPECT_EQ(on.metrics().all_fleets_total().fetches_ok, in.metrics().all_fleets_total().fetches_ok);
}

INSTANTIATE_TEST_SUITE_P(CallModes, ExpiryFrom, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& mode) {
                           return mode.param ? "ExactCalls" : "AggregatedCalls";
                         });

}  // namespace
}  // namespace models
