#include <gtest/gtest.h>

#include "models/endpoint_flavors.h"
#include "models/presets.h"
#include "scenario_test_util.h"

namespace {

using namespace scenario_test;
using scenarios::Expectation;
using faults::FaultKind;

scenarios::Scenario ok(const scenarios::LoadResult& r) {
  EXPECT_TRUE(r.errors.empty()) << messages(r);
  if (!r.scenario) throw std::runtime_error("no scenario: " + messages(r));
  return *r.scenario;
}

TEST(Loader, FullJsonAndYamlGiveTheSameScenario) {
  const auto json = scenarios::load_scenario_file(test_dir() + "/valid/full.json");
  const auto yaml = scenarios::load_scenario_file(test_dir() + "/valid/full.yaml");
  const scenarios::Scenario a = ok(json);
  const scenarios::Scenario b = ok(yaml);
  EXPECT_EQ(a.source, b.source) << a.source.dump(1) << "\n" << b.source.dump(1);
  EXPECT_EQ(a.source.dump(), b.source.dump());
  EXPECT_EQ(a.world.name, "imds-blocked-zone-a");
  EXPECT_EQ(b.world.seed, 42u);
  EXPECT_EQ(b.world.duration, sim::hours(6));
  EXPECT_EQ(b.world.fleets.size(), 2u);
  EXPECT_EQ(b.world.fleets[1].client.preset, "botocore");
  EXPECT_EQ(a.world.services[0].skew_tolerance, b.world.services[0].skew_tolerance);
  EXPECT_EQ(a.faults.size(), b.faults.size());
  EXPECT_EQ(a.expectations.size(), b.expectations.size());
  EXPECT_EQ(a.description, "IMDS unreachable in one zone for 20 minutes");
  EXPECT_EQ(a.file, test_dir() + "/valid/full.json");
}

TEST(Loader, FullScenarioFillsTheWorld) {
  const scenarios::Scenario s = ok(scenarios::load_scenario_file(test_dir() + "/valid/full.json"));
  const models::WorldConfig& w = s.world;
  EXPECT_EQ(w.bucket, sim::minutes(1));
  EXPECT_TRUE(w.sts.autoscale.enabled);
  EXPECT_EQ(w.sts.autoscale.servers_max, 8u);
  EXPECT_EQ(w.sts.token_ttl, sim::hours(1));
  // The flavor's values, then the explicit keys.
  EXPECT_EQ(w.endpoint.flavor, "azure-imds");
  EXPECT_EQ(w.endpoint.concurrency_max, 5u);
  EXPECT_DOUBLE_EQ(w.endpoint.rate_limit_per_s, 25);
  EXPECT_EQ(w.endpoint.cache_lead, sim::minutes(4));
  EXPECT_EQ(w.identities[1].name, "batch-id");
  EXPECT_FALSE(w.identities[1].user_assigned);
  EXPECT_EQ(w.identities[0].token_ttl, sim::hours(2));
  EXPECT_TRUE(w.services[1].roles_in_token);
  // Names → indices.
  EXPECT_EQ(w.roles[1].identity, 1u);
  EXPECT_EQ(w.roles[1].service, 1u);
  EXPECT_EQ(w.roles[1].role, "writer");
  EXPECT_EQ(w.fleets[1].identity, 1u);
  ASSERT_EQ(w.fleets[0].calls.size(), 2u);
  EXPECT_EQ(w.fleets[0].calls[1].service, 1u);
  EXPECT_DOUBLE_EQ(w.fleets[0].calls[1].rate_per_s, 0.5);
  EXPECT_EQ(w.fleets[0].daily_profile.size(), 24u);
  EXPECT_EQ(w.fleets[0].clock_skew, -sim::seconds(2));
  EXPECT_EQ(w.fleets[1].zone, "zone-b");
  EXPECT_FALSE(w.fleets[1].warm_start);
  EXPECT_DOUBLE_EQ(w.cost.per_sts_server_hour, 0.2);
}

TEST(Loader, FaultsAreResolved) {
  const scenarios::Scenario s = ok(scenarios::load_scenario_file(test_dir() + "/valid/full.json"));
  ASSERT_EQ(s.faults.size(), 5u);
  EXPECT_EQ(s.faults[0].kind, FaultKind::imds_block);
  EXPECT_EQ(s.faults[0].label, "faults[0] imds_block");
  EXPECT_EQ(s.faults[0].at, sim::hours(1));
  EXPECT_EQ(s.faults[0].duration, sim::minutes(20));
  EXPECT_EQ(s.faults[0].selector.zone, "zone-a");
  EXPECT_EQ(s.faults[1].label, "half outage");
  EXPECT_DOUBLE_EQ(s.faults[1].fraction, 0.5);
  EXPECT_EQ(s.faults[2].selector.fleet, 0u);
  EXPECT_EQ(s.faults[2].selector.nodes, (std::pair<std::uint32_t, std::uint32_t>{0, 2}));
  EXPECT_EQ(s.faults[2].selector.fraction, 0.5);
  EXPECT_DOUBLE_EQ(s.faults[2].rate_per_s, 2);
  EXPECT_EQ(s.faults[3].identity, 1u);
  EXPECT_EQ(s.faults[3].recreate_after, sim::minutes(10));
  EXPECT_TRUE(s.faults[3].reassign_roles);
  EXPECT_EQ(s.faults[4].selector.fleet, 1u);
  EXPECT_EQ(s.faults[4].spread, sim::minutes(1));
}

TEST(Loader, ExpectationsAreResolved) {
  const scenarios::Scenario s = ok(scenarios::load_scenario_file(test_dir() + "/valid/full.json"));
  ASSERT_EQ(s.expectations.size(), 4u);
  const auto& e = s.expectations;
  EXPECT_EQ(e[0].window, Expectation::Window::run);
  EXPECT_EQ(e[0].fleet, 0u);
  EXPECT_EQ(e[0].label, "expect[0] auth_failure_rate <= 0.001 run fleet web");
  EXPECT_EQ(e[1].window, Expectation::Window::during_fault);
  EXPECT_EQ(e[1].label, "expect[1] no_token_rate <= 0 during faults[0]");
  EXPECT_EQ(e[2].window, Expectation::Window::after_fault);
  EXPECT_EQ(e[2].fault, 1u);
  EXPECT_EQ(e[3].window, Expectation::Window::range);
  EXPECT_EQ(e[3].from, sim::hours(1));
  EXPECT_EQ(e[3].to, sim::hours(2));
  EXPECT_EQ(e[3].min, 1.0);
  EXPECT_EQ(e[3].label, "expect[3] sts_peak_rps <= 500 >= 1 from 1h to 2h");
  EXPECT_FALSE(e[1].fleet.has_value());
}

TEST(Loader, DefaultsWhenSectionsAreAbsent) {
  const scenarios::Scenario s = ok(load_json(minimal()));
  const models::WorldConfig defaults;
  EXPECT_EQ(s.world.seed, 1u);
  EXPECT_EQ(s.world.bucket, sim::minutes(1));
  EXPECT_EQ(s.world.sts.servers, defaults.sts.servers);
  EXPECT_EQ(s.world.endpoint.flavor, "generic");
  EXPECT_EQ(s.world.fleets[0].nodes, 10u);
  EXPECT_EQ(s.world.fleets[0].instances_per_node, 1u);
  EXPECT_TRUE(s.faults.empty());
  EXPECT_TRUE(s.expectations.empty());
}

TEST(Loader, EveryPresetReachesTheClient) {
  for (const std::string& name : models::preset_names()) {
    const auto r = load_json(minimal("", R"({"preset": ")" + name + R"("})"));
    const scenarios::Scenario s = ok(r);
    const models::ClientPolicy expected = *models::find_preset(name);
    const models::ClientPolicy& got = s.world.fleets[0].client;
    EXPECT_EQ(got.preset, name);
    EXPECT_EQ(got.refresh.fraction, expected.refresh.fraction) << name;
    EXPECT_EQ(got.retry.schedule, expected.retry.schedule) << name;
    EXPECT_EQ(got.retry.retry_on, expected.retry.retry_on) << name;
    EXPECT_EQ(got.attempt_timeout, expected.attempt_timeout) << name;
  }
}

TEST(Loader, EveryFlavorReachesTheEndpoint) {
  for (const std::string& name : models::endpoint_flavor_names()) {
    const scenarios::Scenario s = ok(load_json(minimal(R"("metadata": {"flavor": ")" + name + "\"}")));
    const models::EndpointConfig expected = *models::find_endpoint_flavor(name);
    EXPECT_EQ(s.world.endpoint.flavor, name);
    EXPECT_EQ(s.world.endpoint.cache, expected.cache);
    EXPECT_EQ(s.world.endpoint.throttle_drops, expected.throttle_drops);
  }
}

TEST(Loader, CoalesceMissesReachesTheEndpointBesideItsCache) {
  const scenarios::Scenario s =
      ok(load_json(minimal(R"("metadata": {"cache": true, "coalesce_misses": true})")));
  EXPECT_TRUE(s.world.endpoint.cache);
  EXPECT_TRUE(s.world.endpoint.coalesce_misses);
  // A flavor's cache counts: no "cache" key is needed beside a flavor that caches.
  const scenarios::Scenario gcp =
      ok(load_json(minimal(R"("metadata": {"flavor": "gcp-metadata", "coalesce_misses": true})")));
  EXPECT_TRUE(gcp.world.endpoint.coalesce_misses);
  // Off unless asked for.
  EXPECT_FALSE(ok(load_json(minimal(R"("metadata": {"cache": true})"))).world.endpoint.coalesce_misses);
}

// The explicit "cache": false overrides the flavor's cache, and then nothing can coalesce (the
// corpus holds the plain case: malformed/coalesce_misses_without_cache.json).
TEST(Loader, CoalesceMissesWithTheFlavorsCacheTurnedOffIsRefused) {
  const auto r = load_json(minimal(
      R"("metadata": {"flavor": "azure-imds", "cache": false, "coalesce_misses": true})"));
  EXPECT_FALSE(r.scenario.has_value());
  EXPECT_NE(messages(r).find("metadata.coalesce_misses: found true (the endpoint's cache is off)"),
            std::string::npos) << messages(r);
}

TEST(Loader, EveryClientOverrideReachesThePolicy) {
  const std::string client = R"({"preset": "msal-dotnet", "cache": "node",
    "expiry_from": "expires_in",
    "refresh": {"mode": "proactive", "fraction": 0.75, "fraction_lifetime_min": "30m",
                "lead": "5m", "expiry_buffer": "1m", "jitter_min": "-5m", "jitter_max": "2m",
                "blocking": true, "failure_backoff_min": "1s", "failure_backoff_max": "10s"},
    "retry": {"attempts_max": 7, "backoff_base": "100ms", "backoff_cap": "20s",
              "gone_delay": "3s", "jitter": "decorrelated", "schedule": ["1s", "2.5s"],
              "retry_on": [429, "5xx", "timeout", "404"], "gone_attempts_max": 2},
    "attempt_timeout": "0s", "single_flight": true, "invalidate_on_401": true,
    "secret_fallback": true,
    "static_stability": {"enabled": true, "extension_min": "5m", "extension_max": "10m"},
    "requests_per_fetch": 3})";
  const scenarios::Scenario s = ok(load_json(minimal("", client)));
  const models::ClientPolicy& c = s.world.fleets[0].client;
  using models::FetchStatus;
  EXPECT_EQ(c.preset, "msal-dotnet");
  EXPECT_EQ(c.cache, models::CacheScope::node);
  EXPECT_EQ(c.expiry_from, models::ExpirySource::expires_in);
  EXPECT_EQ(c.refresh.mode, models::RefreshMode::proactive);
  EXPECT_DOUBLE_EQ(c.refresh.fraction, 0.75);
  EXPECT_EQ(c.refresh.fraction_lifetime_min, sim::minutes(30));
  EXPECT_EQ(c.refresh.lead, sim::minutes(5));
  EXPECT_EQ(c.refresh.expiry_buffer, sim::minutes(1));
  EXPECT_EQ(c.refresh.jitter_min, -sim::minutes(5));
  EXPECT_EQ(c.refresh.jitter_max, sim::minutes(2));
  EXPECT_TRUE(c.refresh.blocking);
  EXPECT_EQ(c.refresh.failure_backoff_min, sim::seconds(1));
  EXPECT_EQ(c.refresh.failure_backoff_max, sim::seconds(10));
  EXPECT_EQ(c.retry.attempts_max, 7u);
  EXPECT_EQ(c.retry.backoff_base, sim::milliseconds(100));
  EXPECT_EQ(c.retry.backoff_cap, sim::seconds(20));
  EXPECT_EQ(c.retry.gone_delay, sim::seconds(3));
  EXPECT_EQ(c.retry.jitter, models::JitterKind::decorrelated);
  EXPECT_EQ(c.retry.schedule, (std::vector<sim::Ticks>{sim::seconds(1), sim::milliseconds(2500)}));
  EXPECT_EQ(c.retry.retry_on, models::status_bit(FetchStatus::throttled) |
                                  models::status_bit(FetchStatus::server_error) |
                                  models::status_bit(FetchStatus::timeout) |
                                  models::status_bit(FetchStatus::not_found));
  EXPECT_EQ(c.retry.gone_attempts_max, 2u);
  EXPECT_EQ(c.attempt_timeout, 0);
  EXPECT_TRUE(c.single_flight);
  EXPECT_TRUE(c.invalidate_on_401);
  EXPECT_TRUE(c.secret_fallback);
  EXPECT_TRUE(c.static_stability.enabled);
  EXPECT_EQ(c.static_stability.extension_min, sim::minutes(5));
  EXPECT_EQ(c.static_stability.extension_max, sim::minutes(10));
  EXPECT_EQ(c.requests_per_fetch, 3u);
}

TEST(Loader, IncoherentPolicyIsReported) {
  const auto r = load_json(minimal("", R"({"preset": "msal-dotnet", "refresh": {"jitter_min": "5m", "jitter_max": "1m"}})"));
  EXPECT_NE(messages(r).find("fleets[0].client: found an incoherent policy (refresh.jitter_min must not exceed"),
            std::string::npos) << messages(r);
}

TEST(Loader, Durations) {
  const scenarios::Scenario s = ok(load_json(minimal(
      R"("bucket": "1.5s", "sts": {"token_ttl": "1h30m", "autoscale": {"scale_up_delay": "250ms"}},
         "metadata": {"cache_lead": "0"})")));
  EXPECT_EQ(s.world.bucket, sim::milliseconds(1500));
  EXPECT_EQ(s.world.sts.token_ttl, sim::minutes(90));
  EXPECT_EQ(s.world.sts.autoscale.scale_up_delay, sim::milliseconds(250));
  EXPECT_EQ(s.world.endpoint.cache_lead, 0);
  const auto bare = load_json(minimal(R"("bucket": 60)"));
  EXPECT_NE(messages(bare).find("bucket: found 60, expected a duration"), std::string::npos) << messages(bare);
  EXPECT_NE(messages(bare).find("a bare number is ambiguous"), std::string::npos);
  const auto bad = load_json(minimal(R"("bucket": "5x")"));
  EXPECT_NE(messages(bad).find("bucket: found \"5x\" (unknown unit)"), std::string::npos) << messages(bad);
  const auto negative = load_json(minimal(R"("bucket": "-5m")"));
  EXPECT_NE(messages(negative).find("negative durations are not allowed"), std::string::npos);
}

TEST(Loader, DistributionsOfEveryKind) {
  const scenarios::Scenario s = ok(load_json(minimal(R"("sts": {
      "service_time_ms": {"constant": 5}, "network_latency_ms": {"exponential": {"mean": 3}}},
      "metadata": {"latency_ms": {"normal": {"mean": 2, "stddev": 0.5}}},
      "iam": {"propagation_delay_s": {"lognormal": {"p50": 2, "p99": 40}}})")));
  using Kind = sim::Distribution::Kind;
  EXPECT_EQ(s.world.sts.service_time_ms.kind(), Kind::constant);
  EXPECT_DOUBLE_EQ(s.world.sts.service_time_ms.mean(), 5);
  EXPECT_EQ(s.world.sts.network_latency_ms.kind(), Kind::exponential);
  EXPECT_DOUBLE_EQ(s.world.sts.network_latency_ms.mean(), 3);
  EXPECT_EQ(s.world.endpoint.latency_ms.kind(), Kind::normal);
  EXPECT_EQ(s.world.iam.propagation_delay_s.describe(), "lognormal(p50=2, p99=40)");
  const scenarios::Scenario t = ok(load_json(minimal(R"("sts": {
      "service_time_ms": 7, "network_latency_ms": {"uniform": [1, 3]}},
      "iam": {"propagation_delay_s": {"empirical": [[1, 0.5], [3, 1]]}})")));
  EXPECT_EQ(t.world.sts.service_time_ms.kind(), Kind::constant);
  EXPECT_EQ(t.world.sts.network_latency_ms.kind(), Kind::uniform);
  EXPECT_DOUBLE_EQ(t.world.sts.network_latency_ms.mean(), 2);
  EXPECT_EQ(t.world.iam.propagation_delay_s.kind(), Kind::empirical);
  EXPECT_DOUBLE_EQ(t.world.iam.propagation_delay_s.mean(), 0.5 * 1 + 0.5 * 2);
}

TEST(Loader, BadDistributionsAreReported) {
  const auto r = load_json(minimal(R"("sts": {"service_time_ms": {"lognormal": {"p50": 20, "p99": 10}},
      "network_latency_ms": {"constant": 1, "uniform": [1, 2]}},
      "iam": {"propagation_delay_s": {"empirical": [[1, 0.5], [3, 0.9]]}})"));
  const std::string m = messages(r);
  EXPECT_NE(m.find("sts.service_time_ms.lognormal.p99: found 10, expected p99 >= p50"), std::string::npos) << m;
  EXPECT_NE(m.find("sts.network_latency_ms: found {"), std::string::npos) << m;
  EXPECT_NE(m.find("iam.propagation_delay_s.empirical[1]: found [3,0.9], expected a last cumulative of 1"),
            std::string::npos) << m;
  EXPECT_EQ(r.errors.size(), 3u) << m;
}

TEST(Loader, SeedFitsUint64) {
  const scenarios::Scenario s = ok(load_json(minimal(R"("seed": 18446744073709551615)")));
  EXPECT_EQ(s.world.seed, 18446744073709551615ull);
  EXPECT_FALSE(load_json(minimal(R"("seed": 18446744073709551616)")).errors.empty());
  EXPECT_FALSE(load_json(minimal(R"("seed": -1)")).errors.empty());
  EXPECT_FALSE(load_json(minimal(R"("seed": 1.5)")).errors.empty());
}

TEST(Loader, ThreeProblemsGiveThreeErrorsWithTheirPaths) {
  const auto r = load_json(minimal(R"("sts": {"servers": 0, "sevrers": 4},
      "faults": [{"kind": "sts_outage", "at": "2h"}])"));
  ASSERT_EQ(r.errors.size(), 3u) << messages(r);
  EXPECT_FALSE(r.scenario.has_value());
  EXPECT_EQ(r.errors[0].path, "sts.sevrers");
  EXPECT_EQ(r.errors[1].path, "sts.servers");
  EXPECT_EQ(r.errors[1].message(), "test.json: sts.servers: found 0, expected an integer in 1..10000");
  EXPECT_EQ(r.errors[2].path, "faults[0].at");
}

TEST(Loader, YamlScalarsFollowTheCoreSchema) {
  std::vector<scenarios::LoadError> errors;
  const auto doc = scenarios::parse_document(
      "a: 12\nb: -3\nc: 0.5\nd: true\ne: ~\nf: '12'\ng: 5m\nh: 0x1f\ni: 1e3\nj: \"true\"\nk: yes\nl:\n",
      "yaml", "x.yaml", errors);
  ASSERT_TRUE(doc.has_value());
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ((*doc)["a"], 12);
  EXPECT_TRUE((*doc)["a"].is_number_unsigned());
  EXPECT_EQ((*doc)["b"], -3);
  EXPECT_EQ((*doc)["c"], 0.5);
  EXPECT_EQ((*doc)["d"], true);
  EXPECT_TRUE((*doc)["e"].is_null());
  EXPECT_EQ((*doc)["f"], "12");
  EXPECT_EQ((*doc)["g"], "5m");
  EXPECT_EQ((*doc)["h"], 31);
  EXPECT_EQ((*doc)["i"], 1000.0);
  EXPECT_EQ((*doc)["j"], "true");
  EXPECT_EQ((*doc)["k"], "yes");  // YAML 1.2: not a boolean
  EXPECT_TRUE((*doc)["l"].is_null());
}

TEST(Loader, DuplicateKeysAreErrorsInBothFormats) {
  std::vector<scenarios::LoadError> errors;
  EXPECT_FALSE(scenarios::parse_document("a: 1\nb:\n  c: 1\n  c: 2\n", "yaml", "x.yaml", errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "b.c");
  errors.clear();
  EXPECT_FALSE(scenarios::parse_document(R"({"a": [{"x": 1}, {"y": 1, "y": 2}]})", "json", "x.json", errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "a[1].y");
}

TEST(Loader, ParseErrorsCarryLineAndColumn) {
  const auto json = load_json("{\n  \"name\": \"x\",\n  \"duration\": }\n");
  ASSERT_EQ(json.errors.size(), 1u);
  EXPECT_NE(json.errors[0].found.find("line 3, column"), std::string::npos) << messages(json);
  const auto yaml = load_yaml("name: x\nfleets: [a, b\n");
  ASSERT_EQ(yaml.errors.size(), 1u);
  EXPECT_NE(yaml.errors[0].found.find("line "), std::string::npos) << messages(yaml);
}

TEST(Loader, FileErrors) {
  const auto missing = scenarios::load_scenario_file("/nonexistent/x.json");
  ASSERT_EQ(missing.errors.size(), 1u);
  EXPECT_EQ(missing.errors[0].message(), "/nonexistent/x.json: (root): found no readable file, expected a scenario file");
  EXPECT_EQ(scenarios::load_scenario_file("x.toml").errors.size(), 1u);
}

}  // namespace
