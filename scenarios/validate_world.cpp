// Validator sections for the run, the STS, the metadata endpoints, IAM, identities, services,
// roles and costs.
#include <limits>

#include "models/endpoint_flavors.h"
#include "scenarios/validate.h"

namespace scenarios::detail {

const Json* section(Context& c, const Json& obj, const std::string& path, std::string_view key) {
  const Json* value = c.check.get(obj, path, key);
  if (value == nullptr || !c.check.object(*value, child_path(path, key))) return nullptr;
  return value;
}

std::optional<std::uint32_t> reference(Context& c, const Json& obj, const std::string& path,
                                       std::string_view key,
                                       const std::map<std::string, std::uint32_t>& names,
                                       std::string_view what, bool required) {
  std::string expected = "the name of a declared " + std::string(what);
  if (names.empty()) {
    expected += " (none declared)";
  } else {
    std::string list;
    for (const auto& [name, index] : names) list += (list.empty() ? "" : ", ") + name;
    expected += " (" + list + ")";
  }
  const Json* value = c.check.get(obj, path, key, required, expected);
  if (value == nullptr) return std::nullopt;
  if (value->is_string()) {
    const auto it = names.find(value->get<std::string>());
    if (it != names.end()) return it->second;
  }
  c.check.fail(child_path(path, key), describe(*value), expected);
  return std::nullopt;
}

std::optional<std::string> declare_name(Context& c, const Json& obj, const std::string& path,
                                        std::map<std::string, std::uint32_t>& names,
                                        std::uint32_t index) {
  const std::string name_path = child_path(path, "name");
  constexpr std::string_view kForm = "a name of 1..64 characters from [a-z0-9_.-]";
  const Json* value = c.check.get(obj, path, "name", true, kForm);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string() || !valid_name(value->get_ref<const std::string&>())) {
    c.check.fail(name_path, describe(*value), std::string(kForm));
    return std::nullopt;
  }
  const std::string name = value->get<std::string>();
  if (!names.emplace(name, index).second) {
    c.check.fail(name_path, describe(*value) + " a second time", "a unique name");
  }
  return name;
}

void check_top(Context& c) {
  const Json& d = c.doc;
  Checker& k = c.check;
  if (auto name = k.get(d, "", "name", true, "a name of 1..64 characters from [a-z0-9_.-]")) {
    if (name->is_string() && valid_name(name->get_ref<const std::string&>())) {
      c.world.name = name->get<std::string>();
    } else {
      k.fail("name", describe(*name), "a name of 1..64 characters from [a-z0-9_.-]");
    }
  }
  if (const Json* seed = k.get(d, "", "seed")) {
    if (seed->is_number_unsigned()) {
      c.world.seed = seed->get<std::uint64_t>();
    } else if (seed->is_number_integer() && seed->get<std::int64_t>() >= 0) {
      c.world.seed = static_cast<std::uint64_t>(seed->get<std::int64_t>());
    } else {
      k.fail("seed", describe(*seed),
             "an integer in 0.." + std::to_string(std::numeric_limits<std::uint64_t>::max()));
    }
  }
  c.duration = k.duration(d, "", "duration", {1, kRunMax, false, kRunLimit}, true);
  Checker::set(c.world.duration, c.duration);
  Checker::set(c.world.bucket, k.duration(d, "", "bucket", {sim::kTicksPerSecond, kRunMax, false, kBucketLimit}));
  Checker::set(c.world.exact_calls, k.boolean(d, "", "exact_calls"));
}

void check_sts(Context& c) {
  const Json* s = section(c, c.doc, "", "sts");
  if (s == nullptr) return;
  Checker& k = c.check;
  const std::string p = "sts";
  k.keys(*s, p, {"servers", "autoscale", "service_time_ms", "network_latency_ms", "queue_max",
                 "rate_limit_per_s", "rate_burst", "token_ttl"});
  models::StsConfig& out = c.world.sts;
  if (auto v = k.integer(*s, p, "servers", 1, 10'000)) out.servers = static_cast<std::uint32_t>(*v);
  if (const Json* a = section(c, *s, p, "autoscale")) {
    const std::string ap = "sts.autoscale";
    k.keys(*a, ap, {"enabled", "servers_min", "servers_max", "target_utilization",
                    "evaluation_interval", "scale_up_delay"});
    Checker::set(out.autoscale.enabled, k.boolean(*a, ap, "enabled"));
    if (auto v = k.integer(*a, ap, "servers_min", 1, 10'000))
      out.autoscale.servers_min = static_cast<std::uint32_t>(*v);
    if (auto v = k.integer(*a, ap, "servers_max", 1, 10'000))
      out.autoscale.servers_max = static_cast<std::uint32_t>(*v);
    if (out.autoscale.servers_min > out.autoscale.servers_max)
      k.fail(ap, "servers_min > servers_max", "servers_min <= servers_max");
    Checker::set(out.autoscale.target_utilization,
                 k.number(*a, ap, "target_utilization", {0, 1, true, false}));
    Checker::set(out.autoscale.evaluation_interval,
                 k.duration(*a, ap, "evaluation_interval", {sim::kTicksPerSecond, sim::kTicksPerDay}));
    Checker::set(out.autoscale.scale_up_delay,
                 k.duration(*a, ap, "scale_up_delay", {0, sim::kTicksPerDay}));
  }
  Checker::set(out.service_time_ms, k.distribution(*s, p, "service_time_ms"));
  Checker::set(out.network_latency_ms, k.distribution(*s, p, "network_latency_ms"));
  if (auto v = k.integer(*s, p, "queue_max", 0, 10'000'000)) out.queue_max = static_cast<std::uint32_t>(*v);
  Checker::set(out.rate_limit_per_s, k.number(*s, p, "rate_limit_per_s", kNonNegative));
  Checker::set(out.rate_burst, k.number(*s, p, "rate_burst", kNonNegative));
  Checker::set(out.token_ttl, k.duration(*s, p, "token_ttl", {sim::minutes(1), 7 * sim::kTicksPerDay}));
}

void check_metadata(Context& c) {
  const Json* m = section(c, c.doc, "", "metadata");
  if (m == nullptr) return;
  Checker& k = c.check;
  const std::string p = "metadata";
  k.keys(*m, p, {"flavor", "latency_ms", "rate_limit_per_s", "rate_burst", "concurrency_max",
                 "throttle_drops", "cache", "cache_lead", "coalesce_misses"});
  models::EndpointConfig& out = c.world.endpoint;
  // The flavor first: the explicit keys below override its values.
  if (const Json* flavor = k.get(*m, p, "flavor")) {
    std::optional<models::EndpointConfig> found;
    if (flavor->is_string()) found = models::find_endpoint_flavor(flavor->get<std::string>());
    if (found) {
      out = *found;
    } else {
      k.fail("metadata.flavor", describe(*flavor), one_of(models::endpoint_flavor_names()));
    }
  }
  Checker::set(out.latency_ms, k.distribution(*m, p, "latency_ms"));
  Checker::set(out.rate_limit_per_s, k.number(*m, p, "rate_limit_per_s", kNonNegative));
  Checker::set(out.rate_burst, k.number(*m, p, "rate_burst", kNonNegative));
  if (auto v = k.integer(*m, p, "concurrency_max", 0, 1'000'000))
    out.concurrency_max = static_cast<std::uint32_t>(*v);
  Checker::set(out.throttle_drops, k.boolean(*m, p, "throttle_drops"));
  Checker::set(out.cache, k.boolean(*m, p, "cache"));
  Checker::set(out.cache_lead, k.duration(*m, p, "cache_lead", {0, 7 * sim::kTicksPerDay}));
  const std::optional<bool> coalesce = k.boolean(*m, p, "coalesce_misses");
  Checker::set(out.coalesce_misses, coalesce);
  // Waiting misses hang off the cache's keys; without a cache there is nothing to wait on.
  if (coalesce.value_or(false) && !out.cache)
    k.fail(child_path(p, "coalesce_misses"), "true (the endpoint's cache is off)",
           "\"cache\": true beside it, or a flavor whose endpoint caches");
}

void check_iam(Context& c) {
  const Json* i = section(c, c.doc, "", "iam");
  if (i == nullptr) return;
  c.check.keys(*i, "iam", {"propagation_delay_s"});
  Checker::set(c.world.iam.propagation_delay_s,
               c.check.distribution(*i, "iam", "propagation_delay_s"));
}

void check_identities(Context& c) {
  const Json* list = c.check.array(c.doc, "", "identities", 0, kIdentitiesMax, false, kIdentitiesLimit);
  if (list == nullptr) return;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Json& e = (*list)[i];
    const std::string p = index_path("identities", i);
    models::IdentityConfig& out = c.world.identities.emplace_back();
    if (!c.check.object(e, p)) continue;
    c.check.keys(e, p, {"name", "kind", "token_ttl"});
    Checker::set(out.name, declare_name(c, e, p, c.identities, static_cast<std::uint32_t>(i)));
    Checker::set(out.user_assigned,
                 c.check.choice<bool>(e, p, "kind", {{"user", true}, {"system", false}}));
    if (auto ttl = c.check.duration(e, p, "token_ttl", {sim::minutes(1), 7 * sim::kTicksPerDay}))
      out.token_ttl = *ttl;
  }
}

void check_services(Context& c) {
  const Json* list = c.check.array(c.doc, "", "services", 0, kServicesMax, false, kServicesLimit);
  if (list == nullptr) return;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Json& e = (*list)[i];
    const std::string p = index_path("services", i);
    models::ServiceConfig& out = c.world.services.emplace_back();
    if (!c.check.object(e, p)) continue;
    c.check.keys(e, p, {"name", "authz_cache_ttl", "skew_tolerance", "roles_in_token",
                        "check_identity_exists"});
    Checker::set(out.name, declare_name(c, e, p, c.services, static_cast<std::uint32_t>(i)));
    Checker::set(out.authz_cache_ttl, c.check.duration(e, p, "authz_cache_ttl", {0, 7 * sim::kTicksPerDay}));
    Checker::set(out.skew_tolerance, c.check.duration(e, p, "skew_tolerance", {0, 7 * sim::kTicksPerDay}));
    Checker::set(out.roles_in_token, c.check.boolean(e, p, "roles_in_token"));
    Checker::set(out.check_identity_exists, c.check.boolean(e, p, "check_identity_exists"));
  }
}

void check_roles(Context& c) {
  const Json* list = c.check.array(c.doc, "", "roles", 0, kRolesMax, false, kRolesLimit);
  if (list == nullptr) return;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Json& e = (*list)[i];
    const std::string p = index_path("roles", i);
    models::RoleConfig& out = c.world.roles.emplace_back();
    if (!c.check.object(e, p)) continue;
    c.check.keys(e, p, {"identity", "service", "role"});
    Checker::set(out.identity, reference(c, e, p, "identity", c.identities, "identity", true));
    Checker::set(out.service, reference(c, e, p, "service", c.services, "service", true));
    Checker::set(out.role, c.check.string(e, p, "role"));
  }
}

void check_cost(Context& c) {
  const Json* s = section(c, c.doc, "", "cost");
  if (s == nullptr) return;
  Checker& k = c.check;
  k.keys(*s, "cost", {"per_sts_request", "per_token_issued", "per_sts_server_hour",
                      "per_endpoint_node_hour", "per_failed_call"});
  models::CostConfig& out = c.world.cost;
  Checker::set(out.per_sts_request, k.number(*s, "cost", "per_sts_request", kNonNegative));
  Checker::set(out.per_token_issued, k.number(*s, "cost", "per_token_issued", kNonNegative));
  Checker::set(out.per_sts_server_hour, k.number(*s, "cost", "per_sts_server_hour", kNonNegative));
  Checker::set(out.per_endpoint_node_hour,
               k.number(*s, "cost", "per_endpoint_node_hour", kNonNegative));
  Checker::set(out.per_failed_call, k.number(*s, "cost", "per_failed_call", kNonNegative));
}

}  // namespace scenarios::detail
