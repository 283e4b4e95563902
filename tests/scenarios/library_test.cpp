// The game-day library (scenarios/gamedays/, docs/gamedays.md): every scenario loads, runs,
// passes its own expectations and its invariant audit; for each one, changing ONE design
// parameter through an override (the --set mechanism) makes at least one expectation fail, so
// the expectations are shown to be meaningful; and default.json is deterministic.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "scenario_test_util.h"
#include "scenarios/expectations.h"
#include "scenarios/run.h"

namespace {

using namespace scenario_test;
using scenarios::Override;

std::string gameday_dir() { return source_dir() + "/scenarios/gamedays"; }
std::string gameday(const std::string& file) { return gameday_dir() + "/" + file; }

std::vector<std::string> gameday_files() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(gameday_dir())) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && !scenarios::format_of(name).empty()) files.push_back(name);
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string describe(const std::vector<scenarios::ExpectationResult>& results) {
  std::string out;
  for (const auto& r : results) {
    out += (r.passed ? "  ok   " : "  FAIL ") + r.label + ": measured " + std::to_string(r.value) +
           ", bound " + r.bound + "\n";
  }
  return out;
}

struct Outcome {
  bool loaded = false;
  std::string load_errors;
  std::vector<scenarios::ExpectationResult> results;
  std::vector<std::string> audit;
};

Outcome run_file(const std::string& file, const std::vector<Override>& overrides = {}) {
  Outcome out;
  const scenarios::LoadResult loaded = scenarios::load_scenario_file(file, overrides);
  if (!loaded.scenario) {
    out.load_errors = messages(loaded);
    return out;
  }
  out.loaded = true;
  scenarios::Run run(*loaded.scenario);  // keeps a reference: `loaded` outlives it
  run.execute();
  out.results = scenarios::evaluate_expectations(run);
  out.audit = run.audit();
  return out;
}

// (a) Every file in the library loads, runs, passes its expectations and its audit.
TEST(GamedayLibrary, EveryScenarioPassesItsExpectationsAndAudit) {
  const auto files = gameday_files();
  ASSERT_GE(files.size(), 10u) << "the library should hold at least 10 game days";
  for (const std::string& name : files) {
    SCOPED_TRACE(name);
    const Outcome o = run_file(gameday(name));
    ASSERT_TRUE(o.loaded) << o.load_errors;
    EXPECT_FALSE(o.results.empty()) << "a game day without expectations checks nothing";
    EXPECT_TRUE(scenarios::all_passed(o.results)) << describe(o.results);
    std::string audit;
    for (const auto& line : o.audit) audit += line + "\n";
    EXPECT_TRUE(o.audit.empty()) << audit;
  }
}

TEST(GamedayLibrary, EveryScenarioHasADescription) {
  for (const std::string& name : gameday_files()) {
    const auto loaded = scenarios::load_scenario_file(gameday(name));
    ASSERT_TRUE(loaded.scenario) << name << "\n" << messages(loaded);
    EXPECT_GE(loaded.scenario->description.size(), 80u) << name;
  }
}

// (b) One design parameter changed through an override: at least one expectation fails.
// `must_fail` names the expectation index that has to fail (the one the story is about).
void expect_breaks(const std::string& file, const Override& change, std::size_t must_fail) {
  SCOPED_TRACE(file + " with " + change.path + "=" + change.value);
  const Outcome o = run_file(gameday(file), {change});
  ASSERT_TRUE(o.loaded) << o.load_errors;
  ASSERT_LT(must_fail, o.results.size());
  EXPECT_FALSE(scenarios::all_passed(o.results)) << describe(o.results);
  EXPECT_FALSE(o.results[must_fail].passed) << describe(o.results);
}

TEST(GamedayBreaks, ImdsBlockZone_NoRefreshAheadFailsSteadyStateBlock) {
  // Without MSAL's half-life refresh, tokens expiring inside the 45 min block fail.
  expect_breaks("imds-block-zone.json", {"fleets[api-a].client.refresh.fraction", "0"}, 1);
}

TEST(GamedayBreaks, ImdsBlockZone_NoAttemptTimeoutHangsColdWorkersForever) {
  // Without a per-attempt timeout, fetches sent during the startup block never end.
  expect_breaks("imds-block-zone.json", {"fleets[workers-a].client.attempt_timeout", "0s"}, 3);
}

TEST(GamedayBreaks, StsOutage_WithoutStaticStabilityFails) {
  expect_breaks("sts-outage-static-stability.json",
                {"fleets[orders].client.static_stability.enabled", "false"}, 0);
}

TEST(GamedayBreaks, RoleRevokeRestore_RolesInTokenKeep403sAfterRestore) {
  // Roles baked into 24 h tokens: the revocation hardly bites, and the tokens fetched while
  // the role was gone stay 403 long after the restore.
  expect_breaks("role-revoke-restore.json", {"services[blob].roles_in_token", "true"}, 2);
}

TEST(GamedayBreaks, RoleRevokeRestore_SlowAuthzCacheHidesTheRevocation) {
  expect_breaks("role-revoke-restore.json", {"services[blob].authz_cache_ttl", "\"1h\""}, 1);
}

TEST(GamedayBreaks, IdentityRecreatedWithoutRoleReassignment) {
  expect_breaks("identity-delete-recreate.json", {"faults[0].reassign_roles", "false"}, 1);
}

TEST(GamedayBreaks, TtlCut_RefreshWindowAsLongAsTheLifetimeStorms) {
  // aws-sdk-java#1893: a 5 min window on 5 min tokens makes every call fetch.
  expect_breaks("ttl-cut.json", {"fleets[payments].client.refresh.expiry_buffer", "5m"}, 1);
}

TEST(GamedayBreaks, RestartHerd_WithoutRefreshJitterTheSecondHerdHitsTheSts) {
  expect_breaks("restart-herd.json", {"fleets[checkout].client.refresh.jitter_min", "0s"}, 3);
}

TEST(GamedayBreaks, RestartHerd_WithoutRetriesTheColdStartFails) {
  expect_breaks("restart-herd.json", {"fleets[checkout].client.retry.attempts_max", "1"}, 0);
}

TEST(GamedayBreaks, RestartHerd_WithoutSingleFlightIMDSThrottles) {
  expect_breaks("restart-herd.json", {"fleets[checkout].client.single_flight", "false"}, 1);
}

TEST(GamedayBreaks, K8sProjected_LateRotationDoesNotOutlastTheApiServerOutage) {
  expect_breaks("k8s-projected-blob.json", {"fleets[ingest].client.refresh.fraction", "0.95"}, 0);
}

TEST(GamedayBreaks, Serverless_StaleConnectionPoolTokensGive401s) {
  expect_breaks("serverless-db-burst.json", {"fleets[orders-fn].client.invalidate_on_401", "false"}, 0);
}

TEST(GamedayBreaks, ScaleOut_SystemIdentityDeniesNewVmsUntilTheirRolePropagates) {
  expect_breaks("scale-out-new-identity.json", {"identities[api-id].kind", "system"}, 0);
}

TEST(GamedayBreaks, ClockSkew_NaiveClientPresentsExpiredTokens) {
  expect_breaks("clock-skew.json", {"fleets[reports].client.preset", "naive-lazy"}, 0);
}

TEST(GamedayBreaks, ClockSkew_FastClockSetRightAgainKeepsTokensTooLong) {
  // 15 min fast, then NTP steps the clock back: an expires_in client believes the tokens it
  // fetched while fast 15 min longer than they live, and presents them past the tolerance.
  expect_breaks("clock-skew.json", {"faults[0].offset", "15m"}, 1);
}

TEST(GamedayBreaks, ImdsBlockPaging_FetchingPerCallPagesAboutTheApiFleet) {
  // Without a token cache every api call needs the blocked endpoint: the SLO alert pages.
  expect_breaks("imds-block-paging.json", {"fleets[api].client.cache", "none"}, 0);
}

TEST(GamedayBreaks, ImdsBlockPaging_AHungJobIsInvisibleToTheBurnRateAlert) {
  // Without an attempt timeout the batch job's calls wait for ever instead of failing: no
  // failed call, so no call-success alert pages.
  expect_breaks("imds-block-paging.json", {"fleets[batch].client.attempt_timeout", "0s"}, 1);
}

TEST(GamedayBreaks, Default_NoRefreshAheadFailsTheBlockAndTheOutage) {
  expect_breaks("default.json", {"fleets[web].client.refresh.fraction", "0"}, 0);
}

// (c) Determinism: the same scenario twice gives identical per-bucket numbers.
TEST(GamedayLibrary, DefaultIsDeterministic) {
  const auto loaded = scenarios::load_scenario_file(gameday("default.json"));
  ASSERT_TRUE(loaded.scenario) << messages(loaded);
  scenarios::Run first(*loaded.scenario);
  first.execute();
  scenarios::Run second(*loaded.scenario);
  second.execute();
  const models::Metrics& a = first.world().metrics();
  const models::Metrics& b = second.world().metrics();
  ASSERT_EQ(a.bucket_count(), b.bucket_count());
  ASSERT_EQ(a.fleet_count(), b.fleet_count());
  std::uint64_t calls = 0;
  for (std::size_t bucket = 0; bucket < a.bucket_count(); ++bucket) {
    for (std::size_t fleet = 0; fleet < a.fleet_count(); ++fleet) {
      const auto& x = a.fleet_at(fleet, bucket);
      const auto& y = b.fleet_at(fleet, bucket);
      ASSERT_EQ(x.calls, y.calls) << "fleet " << fleet << " bucket " << bucket;
      ASSERT_EQ(x.endpoint_requests, y.endpoint_requests) << "fleet " << fleet << " bucket " << bucket;
      ASSERT_EQ(x.fetches_started, y.fetches_started) << "fleet " << fleet << " bucket " << bucket;
      ASSERT_EQ(x.refresh_failures, y.refresh_failures) << "fleet " << fleet << " bucket " << bucket;
      calls += x.calls_total();
    }
    const auto& s = a.sts_at(bucket);
    const auto& t = b.sts_at(bucket);
    ASSERT_EQ(s.requests, t.requests) << "bucket " << bucket;
    ASSERT_EQ(s.issued, t.issued) << "bucket " << bucket;
    ASSERT_EQ(s.failed, t.failed) << "bucket " << bucket;
  }
  EXPECT_GT(calls, 0u);
  const auto ra = scenarios::evaluate_expectations(first);
  const auto rb = scenarios::evaluate_expectations(second);
  ASSERT_EQ(ra.size(), rb.size());
  for (std::size_t i = 0; i < ra.size(); ++i) EXPECT_EQ(ra[i].value, rb[i].value) << ra[i].label;
}

}  // namespace
