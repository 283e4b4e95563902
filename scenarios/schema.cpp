#include "scenarios/schema.h"

#include <initializer_list>
#include <string>
#include <vector>

#include "faults/fault_spec.h"
#include "models/endpoint_flavors.h"
#include "models/presets.h"
#include "scenarios/explore_bounds.h"
#include "scenarios/loader.h"

namespace scenarios {
namespace {

using Schema = nlohmann::ordered_json;

constexpr const char* kDurationPattern = "^(0|([0-9]+(\\.[0-9]{1,6})?(us|ms|s|m|h|d))+)$";
constexpr const char* kSignedDurationPattern = "^-?(0|([0-9]+(\\.[0-9]{1,6})?(us|ms|s|m|h|d))+)$";

Schema ref(const std::string& def, const std::string& description) {
  return {{"$ref", "#/$defs/" + def}, {"description", description}};
}
Schema duration(const std::string& description) { return ref("duration", description); }
Schema signed_duration(const std::string& description) { return ref("signed_duration", description); }
Schema boolean(const std::string& description) {
  return {{"type", "boolean"}, {"description", description}};
}
Schema text(const std::string& description) { return {{"type", "string"}, {"description", description}}; }
Schema name_ref(const std::string& description) { return ref("name", description); }

Schema integer(double low, double high, const std::string& description) {
  return {{"type", "integer"}, {"minimum", low}, {"maximum", high}, {"description", description}};
}
Schema number_min(double low, const std::string& description) {
  return {{"type", "number"}, {"minimum", low}, {"description", description}};
}
Schema fraction(bool zero_ok, bool one_ok, const std::string& description) {
  Schema s{{"type", "number"}};
  s[zero_ok ? "minimum" : "exclusiveMinimum"] = 0;
  s[one_ok ? "maximum" : "exclusiveMaximum"] = 1;
  s["description"] = description;
  return s;
}
Schema names(const std::vector<std::string>& values, const std::string& description) {
  return {{"type", "string"}, {"enum", values}, {"description", description}};
}

Schema object(Schema properties, std::initializer_list<const char*> required,
              const std::string& description) {
  Schema s{{"type", "object"}, {"description", description}, {"properties", std::move(properties)}};
  if (required.size() > 0) s["required"] = std::vector<std::string>(required.begin(), required.end());
  s["additionalProperties"] = false;
  return s;
}

Schema array_of(Schema items, const std::string& description) {
  return {{"type", "array"}, {"items", std::move(items)}, {"description", description}};
}

Schema distribution() {
  const Schema non_negative{{"type", "number"}, {"minimum", 0}};
  const Schema positive{{"type", "number"}, {"exclusiveMinimum", 0}};
  auto single = [](const char* key, Schema value) {
    return Schema{{"type", "object"},
                  {"properties", {{key, std::move(value)}}},
                  {"required", {key}},
                  {"additionalProperties", false}};
  };
  Schema pair = {{"type", "array"}, {"prefixItems", {non_negative, non_negative}},
                 {"minItems", 2}, {"maxItems", 2}};
  Schema point = {{"type", "array"},
                  {"prefixItems", {non_negative, {{"type", "number"}, {"minimum", 0}, {"maximum", 1}}}},
                  {"minItems", 2}, {"maxItems", 2}};
  return {{"description",
           "A number (a constant) or exactly one of constant, uniform [low, high], "
           "exponential {mean}, normal {mean, stddev}, lognormal {p50, p99}, "
           "empirical [[value, cumulative], …] (cumulative non-decreasing, last 1)."},
          {"oneOf",
           {non_negative, single("constant", non_negative), single("uniform", pair),
            single("exponential", object({{"mean", non_negative}}, {"mean"}, "mean")),
            single("normal", object({{"mean", non_negative}, {"stddev", non_negative}},
                                    {"mean", "stddev"}, "mean and standard deviation")),
            single("lognormal", object({{"p50", positive}, {"p99", positive}}, {"p50", "p99"},
                                       "median and 99th percentile (p99 >= p50)")),
            single("empirical", {{"type", "array"}, {"items", point}, {"minItems", 1}})}}};
}

Schema refresh() {
  return object(
      {{"mode", names({"lazy", "proactive"}, "lazy: refresh on use; proactive: a timer")},
       {"fraction", fraction(true, false, "refresh at iat + fraction·lifetime (0 = unused)")},
       {"fraction_lifetime_min", duration("the fraction applies only to longer lifetimes")},
       {"lead", duration("refresh at exp − lead (0 = unused)")},
       {"expiry_buffer", duration("stop using a token this long before exp")},
       {"jitter_min", signed_duration("lower end of the refresh jitter (may be negative)")},
       {"jitter_max", signed_duration("upper end of the refresh jitter (may be negative)")},
       {"blocking", boolean("true: calls wait for the new token; false: serve the old one")},
       {"failure_backoff_min", duration("after a failed refresh, wait at least this")},
       {"failure_backoff_max", duration("… and at most this")}},
      {}, "When the client refreshes its token");
}

Schema retry() {
  return object(
      {{"attempts_max", integer(1, 100, "attempts including the first")},
       {"backoff_base", duration("delay before retry n: base·2^n, capped, jittered")},
       {"backoff_cap", duration("the cap of the exponential backoff")},
       {"gone_delay", duration("flat delay between 410 attempts")},
       {"jitter", names({"none", "full", "equal", "decorrelated"}, "backoff jitter")},
       {"schedule", array_of(ref("duration", "a delay"), "fixed delays before retry n (replaces base/cap)")},
       {"retry_on", {{"type", "array"},
                     {"items", {{"enum", {400, 404, 410, 429, "400", "404", "410", "429", "5xx", "timeout"}}}},
                     {"description", "statuses that are retried"}}},
       {"gone_attempts_max", integer(0, 100, "attempts when the first failure is 410 (0 = normal)")}},
      {}, "How failed token requests are retried");
}

Schema client() {
  return object(
      {{"preset", names(models::preset_names(), "the SDK whose behaviour the client copies")},
       {"cache", names({"none", "instance", "node"}, "where tokens are cached")},
       {"expiry_from", names({"expires_on", "expires_in"},
                             "expiry read as an absolute time (node clock) or as a lifetime at receipt")},
       {"refresh", refresh()},
       {"retry", retry()},
       {"attempt_timeout", duration("per-attempt timeout (\"0s\" = none)")},
       {"single_flight", boolean("concurrent callers share one fetch")},
       {"invalidate_on_401", boolean("drop the cached token on a 401")},
       {"secret_fallback", boolean("a failed fetch falls back to a static secret")},
       {"static_stability",
        object({{"enabled", boolean("extend an expired token's use when refresh fails")},
                {"extension_min", duration("shortest extension")},
                {"extension_max", duration("longest extension")}},
               {}, "Static stability")},
       {"requests_per_fetch", integer(1, 10, "requests per token fetch (AWS IMDSv2: 3)")}},
      {"preset"}, "The client: a preset, then any field overriding it");
}

Schema fleet() {
  return object(
      {{"name", name_ref("unique fleet name")},
       {"nodes", integer(1, 1'000'000, "nodes (VMs, hosts); nodes × instances_per_node ≤ 10^7")},
       {"instances_per_node", integer(1, 1'000'000, "instances (processes, pods) per node")},
       {"zone", text("availability zone")},
       {"identity", name_ref("the identity the fleet uses")},
       {"calls", {{"type", "array"}, {"minItems", 1},
                  {"items", object({{"service", name_ref("a declared service")},
                                    {"rate_per_s", number_min(0, "calls per second per instance")}},
                                   {"service"}, "A call pattern")},
                  {"description", "what each instance calls"}}},
       {"daily_profile", {{"type", "array"}, {"items", {{"type", "number"}, {"minimum", 0}}},
                          {"minItems", 24}, {"maxItems", 24},
                          {"description", "24 hourly multipliers of the call rates"}}},
       {"client", client()},
       {"warm_start", boolean("start with tokens of random age (steady state)")},
       {"instance_lifetime_mean", duration("mean instance lifetime (0 = whole run)")},
       {"clock_skew", signed_duration("clock offset of every node")}},
      {"name", "identity", "calls", "client"}, "A fleet of identical instances");
}

Schema selector(bool fleet_only) {
  if (fleet_only)
    return object({{"fleet", name_ref("a declared fleet")}}, {}, "The fleets affected (all when absent)");
  return object({{"fleet", name_ref("a declared fleet")},
                 {"zone", text("a zone some fleet is in")},
                 {"nodes", {{"type", "array"}, {"prefixItems", {{{"type", "integer"}, {"minimum", 0}},
                                                                {{"type", "integer"}, {"minimum", 0}}}},
                            {"minItems", 2}, {"maxItems", 2},
                            {"description", "[first, last] node indices"}}},
                 {"fraction", fraction(false, true, "seeded share of the remaining nodes")}},
                {}, "The nodes affected; every field narrows; must match a node");
}

// One fault kind: its parameters (beyond kind/at/label), whether it takes a duration and a
// selector, and which parameters are required.
Schema fault(faults::FaultKind kind, Schema params, std::initializer_list<const char*> required,
             bool lasts, int selector_kind) {
  Schema props{{"kind", {{"const", std::string(faults::to_string(kind))}}},
               {"at", duration("when the fault starts, from the start of the run")},
               {"label", text("a name for reports")}};
  if (lasts) props["duration"] = duration("the fault reverts after this (absent: lasts to the end)");
  if (selector_kind > 0) props["selector"] = selector(selector_kind == 2);
  for (auto& [key, value] : params.items()) props[key] = value;
  std::vector<std::string> req{"kind", "at"};
  req.insert(req.end(), required.begin(), required.end());
  Schema s{{"type", "object"}, {"properties", props}, {"required", req}, {"additionalProperties", false}};
  return s;
}

Schema faults_schema() {
  using K = faults::FaultKind;
  const Schema rate{{"rate_per_s", {{"type", "number"}, {"exclusiveMinimum", 0}, {"description", "rate limit"}}}};
  const Schema latency{{"latency", duration("added latency")}};
  const Schema both{{"identity", name_ref("a declared identity")}, {"service", name_ref("a declared service")}};
  const Schema kinds = Schema::array(
      {fault(K::imds_block, Schema::object(), {}, true, 1),
       fault(K::network_partition, Schema::object(), {}, true, 1),
       fault(K::imds_throttle, rate, {"rate_per_s"}, true, 1),
       fault(K::imds_latency, latency, {"latency"}, true, 1),
       fault(K::sts_outage, {{"fraction", fraction(false, true, "share of STS requests failing")}}, {}, true, 0),
       fault(K::sts_latency, latency, {"latency"}, true, 0),
       fault(K::sts_throttle, rate, {"rate_per_s"}, true, 0),
       fault(K::identity_delete, {{"identity", name_ref("a declared identity")},
                                  {"recreate_after", duration("recreated (new object id) after this")},
                                  {"reassign_roles", boolean("roles are granted again on recreation")}},
             {"identity"}, false, 0),
       fault(K::role_revoke, both, {"identity", "service"}, true, 0),
       fault(K::role_grant, both, {"identity", "service"}, true, 0),
       fault(K::ttl_change, {{"ttl", duration("lifetime of newly issued tokens (1m..7d)")},
                             {"identity", name_ref("a declared identity (all when absent)")}},
             {"ttl"}, true, 0),
       fault(K::clock_skew, {{"offset", signed_duration("clock jump (may be negative)")}}, {"offset"}, true, 1),
       fault(K::restart, {{"fleet", name_ref("a declared fleet")},
                          {"fraction", fraction(false, true, "share of instances restarting")},
                          {"spread", duration("restarts spread over this")}},
             {"fleet"}, false, 0),
       fault(K::scale, {{"fleet", name_ref("a declared fleet")},
                        {"instances", integer(0, 10'000'000, "the fleet's new instance count")}},
             {"fleet", "instances"}, true, 0),
       fault(K::audience_mismatch, Schema::object(), {}, true, 2),
       fault(K::issuer_mismatch, {{"service", name_ref("a declared service (all when absent)")}}, {}, true, 0)});
  return {{"type", "array"}, {"maxItems", 10'000}, {"items", {{"oneOf", kinds}}},
          {"description", "The fault script"}};
}

Schema expectation_window() {
  const Schema index{{"type", "integer"}, {"minimum", 0}};
  auto one = [&](const char* key) {
    return Schema{{"type", "object"}, {"properties", {{key, index}}}, {"required", {key}},
                  {"additionalProperties", false}};
  };
  Schema choices = Schema::array();
  choices.push_back({{"const", "run"}});
  choices.push_back(one("during"));
  choices.push_back(one("after"));
  choices.push_back(object({{"from", duration("window start")}, {"to", duration("window end")}},
                           {"from", "to"}, "a time range"));
  Schema window = Schema::object();
  window["description"] =
      "\"run\" (default), {\"during\": k}, {\"after\": k} or {\"from\": d, \"to\": d}";
  window["oneOf"] = choices;
  return window;
}

Schema metric_expectation() {
  Schema s = object({{"metric", names(metric_names(), "what is measured")},
                     {"max", {{"type", "number"}, {"description", "upper bound"}}},
                     {"min", {{"type", "number"}, {"description", "lower bound"}}},
                     {"window", expectation_window()},
                     {"fleet", name_ref("a declared fleet (all fleets when absent)")},
                     {"label", text("a name for reports")}},
                    {"metric"}, "An expectation: max and/or min of a metric over a window");
  s["anyOf"] = Schema::array();
  s["anyOf"].push_back({{"required", Schema::array({"max"})}});
  s["anyOf"].push_back({{"required", Schema::array({"min"})}});
  return s;
}

Schema burn_rate_expectation() {
  const Schema objective =
      object({{"slo", fraction(false, false, "the share of good events the SLO promises")},
              {"period", duration("the SLO's period, 7d..366d (default 30d)")},
              {"sli", names({"call_success", "issuance_success"}, "what is counted (default call_success)")}},
             {"slo"}, "the SLO the alert defends");
  Schema s = object({{"burn_rate", objective},
                     {"page_within", duration("a page must fire this soon")},
                     {"no_page", {{"const", true}, {"description", "no page may fire in the window"}}},
                     {"window", expectation_window()},
                     {"fleet", name_ref("a declared fleet (all fleets when absent; not with issuance_success)")},
                     {"label", text("a name for reports")}},
                    {"burn_rate"},
                    "A burn-rate expectation: would a multi-window, multi-burn-rate SLO alert "
                    "(SRE Workbook Table 5-8) have paged, and how soon");
  s["oneOf"] = Schema::array();
  s["oneOf"].push_back({{"required", Schema::array({"page_within"})}});
  s["oneOf"].push_back({{"required", Schema::array({"no_page"})}});
  return s;
}

Schema expectation() {
  Schema s = Schema::object();
  s["description"] = "An expectation on a metric, or a burn-rate expectation";
  s["oneOf"] = Schema::array({metric_expectation(), burn_rate_expectation()});
  return s;
}

Schema sts() {
  return object(
      {{"servers", integer(1, 10'000, "STS servers")},
       {"autoscale", object({{"enabled", boolean("scale the servers with load")},
                             {"servers_min", integer(1, 10'000, "fewest servers")},
                             {"servers_max", integer(1, 10'000, "most servers")},
                             {"target_utilization", fraction(false, true, "utilization aimed at")},
                             {"evaluation_interval", duration("how often to decide")},
                             {"scale_up_delay", duration("a new server serves after this")}},
                            {}, "Autoscaling")},
       {"service_time_ms", ref("distribution", "time to serve one request, ms")},
       {"network_latency_ms", ref("distribution", "endpoint ↔ STS latency one way, ms")},
       {"queue_max", integer(0, 10'000'000, "queue length before 503")},
       {"rate_limit_per_s", number_min(0, "token-bucket rate (0 = unlimited) → 429")},
       {"rate_burst", number_min(0, "token-bucket size (0 = one second of rate)")},
       {"token_ttl", duration("lifetime of issued tokens (1m..7d)")}},
      {}, "The token service");
}

Schema metadata() {
  return object(
      {{"flavor", names(models::endpoint_flavor_names(), "a real endpoint's limits and cache")},
       {"latency_ms", ref("distribution", "endpoint latency, ms")},
       {"rate_limit_per_s", number_min(0, "per node (0 = unlimited) → 429")},
       {"rate_burst", number_min(0, "per node burst")},
       {"concurrency_max", integer(0, 1'000'000, "per node concurrent requests (0 = unlimited)")},
       {"throttle_drops", boolean("over the limit: dropped unanswered instead of 429")},
       {"cache", boolean("the endpoint caches tokens itself")},
       {"cache_lead", duration("served from cache until exp − cache_lead")},
       {"coalesce_misses",
        boolean("with the cache: concurrent misses for one key wait for one STS request")}},
      {}, "Defaults for every node's metadata endpoint; flavor first, then these keys");
}

Schema world_lists(Schema properties) {
  properties["iam"] = object({{"propagation_delay_s", ref("distribution", "role change propagation, s")}},
                             {}, "IAM");
  properties["identities"] = array_of(
      object({{"name", name_ref("unique identity name")},
              {"kind", names({"user", "system"}, "user-assigned or system-assigned")},
              {"token_ttl", duration("overrides the STS token_ttl (1m..7d)")}},
             {"name"}, "A managed identity"),
      "Managed identities");
  properties["services"] = array_of(
      object({{"name", name_ref("unique service name")},
              {"authz_cache_ttl", duration("authorization cache lifetime")},
              {"skew_tolerance", duration("accepted clock skew")},
              {"roles_in_token", boolean("roles travel in the token")},
              {"check_identity_exists", boolean("reject tokens of deleted identities")}},
             {"name"}, "A target service"),
      "Target services");
  properties["roles"] = array_of(
      object({{"identity", name_ref("a declared identity")},
              {"service", name_ref("a declared service")},
              {"role", text("role name")}},
             {"identity", "service"}, "A role assignment"),
      "Role assignments");
  Schema fleets = array_of(fleet(), "Fleets");
  fleets["minItems"] = 1;
  properties["fleets"] = fleets;
  return properties;
}

// The bounds of one kind for `idsim explore`: only the keys of its own parameters.
Schema explore_kind(faults::FaultKind kind) {
  const KindParams k = kind_params(kind);
  Schema props = Schema::object();
  if (k.lasts) {
    props["duration_min"] = duration("shortest drawn duration");
    props["duration_max"] = duration("longest drawn duration");
  }
  if (k.fraction) {
    props["fraction_min"] = fraction(false, true, "smallest drawn fraction");
    props["fraction_max"] = fraction(false, true, "largest drawn fraction");
  }
  if (k.rate) {
    props["rate_min_per_s"] = {{"type", "number"}, {"exclusiveMinimum", 0}, {"description", "lowest drawn rate"}};
    props["rate_max_per_s"] = {{"type", "number"}, {"exclusiveMinimum", 0}, {"description", "highest drawn rate"}};
  }
  if (k.latency) {
    props["latency_min"] = duration("smallest drawn latency");
    props["latency_max"] = duration("largest drawn latency");
  }
  if (k.offset) props["offset_max"] = duration("largest drawn clock jump either way");
  if (k.ttl) {
    props["ttl_min"] = duration("shortest drawn TTL");
    props["ttl_max"] = duration("longest drawn TTL");
  }
  if (k.spread) props["spread_max"] = duration("longest drawn spread");
  if (k.recreate) {
    props["recreate_after_min"] = duration("earliest recreation");
    props["recreate_after_max"] = duration("latest recreation");
    props["reassign_roles"] = boolean("roles are granted again on recreation");
  }
  if (k.scale) {
    props["scale_min"] = {{"type", "number"}, {"minimum", 0}, {"maximum", 100}, {"description", "smallest size factor"}};
    props["scale_max"] = {{"type", "number"}, {"minimum", 0}, {"maximum", 100}, {"description", "largest size factor"}};
  }
  return object(props, {}, "What the seed may draw for this kind");
}

Schema explore() {
  Schema kinds = Schema::object();
  for (int i = 0; i < faults::kFaultKindCount; ++i) {
    const auto kind = static_cast<faults::FaultKind>(i);
    kinds[std::string(faults::to_string(kind))] = explore_kind(kind);
  }
  Schema kinds_schema = object(kinds, {}, "The fault kinds the seed may draw (default: the token path's infrastructure faults)");
  kinds_schema["minProperties"] = 1;
  return object({{"faults_max", integer(1, kExploreFaultsMax, "at most this many faults per run")},
                 {"at_min", duration("faults start no earlier")},
                 {"at_max", duration("faults start no later (default: the end of the run)")},
                 {"grain", duration("times are drawn and shrunk in whole grains (default 1m)")},
                 {"duration_min", duration("shortest fault (default 1m), for every kind")},
                 {"duration_max", duration("longest fault (default 30m), for every kind")},
                 {"kinds", kinds_schema},
                 {"keep_faults", boolean("keep the scenario's faults as faults[0..n-1] and draw more after them "
                                         "(default false: the drawn faults replace them)")}},
                {}, "Bounds of the fault schedules idsim explore draws (docs/explore.md)");
}

}  // namespace

nlohmann::ordered_json scenario_json_schema() {
  Schema cost = object({{"per_sts_request", number_min(0, "per request reaching the STS")},
                        {"per_token_issued", number_min(0, "per token issued")},
                        {"per_sts_server_hour", number_min(0, "per STS server hour")},
                        {"per_endpoint_node_hour", number_min(0, "per node hour of endpoint")},
                        {"per_failed_call", number_min(0, "per failed call")}},
                       {}, "Cost model");
  Schema properties{
      {"name", name_ref("scenario name")},
      {"description", text("what real incident this stands for")},
      {"seed", {{"type", "integer"}, {"minimum", 0}, {"maximum", 18446744073709551615ULL},
                {"description", "seed of all randomness (default 1)"}}},
      {"duration", duration("length of the run (≤ 30d)")},
      {"bucket", duration("report bucket (≥ 1s; default 1m)")},
      {"exact_calls", {{"type", "boolean"},
                       {"description", "simulate every call as an event (default false: calls "
                                       "that change nothing are counted in aggregate)"}}},
      {"sts", sts()},
      {"metadata", metadata()}};
  properties = world_lists(std::move(properties));
  properties["faults"] = faults_schema();
  properties["cost"] = cost;
  properties["expect"] = array_of(expectation(), "Expectations checked after the run");
  properties["explore"] = explore();
  Schema schema{{"$schema", "https://json-schema.org/draft/2020-12/schema"},
                {"$id", "https://idsim.dev/schemas/scenario.json"},
                {"title", "idsim scenario"},
                {"description", "A scenario file (docs/scenario-format.md). The loader also checks "
                                "references, selectors, times and size limits."},
                {"type", "object"},
                {"properties", std::move(properties)},
                {"required", {"name", "duration", "fleets"}},
                {"additionalProperties", false}};
  schema["$defs"] = {
      {"duration", {{"type", "string"}, {"pattern", kDurationPattern},
                    {"description", "a duration such as 250ms, 30s, 5m, 1h30m, 2d"}}},
      {"signed_duration", {{"type", "string"}, {"pattern", kSignedDurationPattern},
                           {"description", "a duration that may start with '-'"}}},
      {"name", {{"type", "string"}, {"pattern", "^[a-z0-9_.-]{1,64}$"},
                {"description", "a name: [a-z0-9_.-], 1..64 characters"}}},
      {"distribution", distribution()}};
  return schema;
}

}  // namespace scenarios
