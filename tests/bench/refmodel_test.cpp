// The reference token-refresh model (issue 7) does what the issue says on both engines: the
// counts follow the analytic rates, the kernel and the bare loop agree draw for draw, and
// the seed alone decides the counts.
#include <gtest/gtest.h>

#include <cmath>

#include "bench/refmodel.h"

namespace bench {
namespace {

// A small world over a day: 100 clients, ~8.6·10^6 events per engine. Each client sends
// 26 or 27 requests depending on its phase, so the total's standard deviation is ~4.7
// (0.18 %) and the 1 % tolerance below is ~5.6 of them; the calls' is sqrt(8.6·10^6), 0.034 %,
// so their 0.2 % is ~5.9.
constexpr RefModelOptions kSmallWorld{.clients = 100, .horizon = sim::hours(24), .seed = 1};

double relative_error(double observed, double expected) {
  return std::abs(observed - expected) / expected;
}

TEST(RefModel, CallsAndTokenRequestsFollowTheAnalyticRatesOnBothEngines) {
  const RefModelOptions options = kSmallWorld;
  for (const Engine engine : {Engine::kernel, Engine::priority_queue}) {
    SCOPED_TRACE(engine_name(engine));
    const RefModelCounts counts = run_refmodel(options, engine);
    EXPECT_LT(relative_error(static_cast<double>(counts.token_requests),
                             expected_token_requests(options)), 0.01)
        << counts.token_requests << " requests, expected " << expected_token_requests(options);
    EXPECT_LT(relative_error(static_cast<double>(counts.calls), expected_calls(options)), 0.002)
        << counts.calls << " calls, expected " << expected_calls(options);
    // One event is one callback off the queue: a call or a response.
    EXPECT_EQ(counts.events, counts.calls + counts.token_responses);
    EXPECT_EQ(counts.token_requests, counts.token_responses + counts.requests_in_flight);
  }
}

TEST(RefModel, ExpectedTokenRequestsIsTheRenewalRateOfOneRefreshCycle) {
  // 0.9·3600 s valid before the refresh point, 1 s to the next call, 5 ms of service.
  const RefModelOptions options{.clients = 1000, .horizon = sim::hours(6)};
  EXPECT_NEAR(expected_token_requests(options), 1000 * 21600 / 3241.005, 1e-6);
  EXPECT_NEAR(expected_calls(options), 1000 * 21600.0, 1e-6);
}

TEST(RefModel, KernelAndPriorityQueueLoopTakeTheSameEvents) {
  // Same draws in the same order and ties broken by insertion on both: equal, not just close.
  const RefModelOptions options{.clients = 300, .horizon = sim::hours(2), .seed = 7};
  EXPECT_EQ(run_refmodel(options, Engine::kernel), run_refmodel(options, Engine::priority_queue));
}

TEST(RefModel, SameSeedGivesTheSameCountsAndAnotherSeedDifferentOnes) {
  const RefModelOptions options{.clients = 100, .horizon = sim::hours(1), .seed = 3};
  RefModelOptions other = options;
  other.seed = 4;
  const RefModelCounts first = run_refmodel(options, Engine::kernel);
  EXPECT_EQ(first, run_refmodel(options, Engine::kernel));
  EXPECT_NE(first.calls, run_refmodel(other, Engine::kernel).calls);
}

// Tokens of 1 s and service of 1 s on 2 servers: every client is always waiting, so the STS
// never idles and completes one request per server and mean service time, ~7200 in an hour
// (standard deviation ~85, 1.2 %). Exercises the FIFO, which the load never fills.
TEST(RefModel, ASaturatedStsCompletesOneRequestPerServerAndServiceTime) {
  const RefModelOptions options{.clients = 50, .horizon = sim::hours(1), .seed = 5,
                                .token_ttl = sim::seconds(1), .sts_servers = 2,
                                .sts_service_mean_s = 1.0};
  const RefModelCounts counts = run_refmodel(options, Engine::kernel);
  EXPECT_LT(relative_error(static_cast<double>(counts.token_responses), 7200.0), 0.05)
      << counts.token_responses << " responses";
  EXPECT_GT(counts.requests_in_flight, 40u);  // nearly every client is queued at the end
  EXPECT_EQ(counts, run_refmodel(options, Engine::priority_queue));
}

}  // namespace
}  // namespace bench
