#include "models/endpoint_flavors.h"

namespace models {

namespace {

// No flavor sets coalesce_misses: client-behaviors.md does not say whether the real endpoints
// answer concurrent misses with one STS request (docs/models.md, "Endpoint cache and herds").

EndpointConfig azure_imds() {
  EndpointConfig e;
  e.flavor = "azure-imds";
  e.rate_limit_per_s = 20;        // ref §4.2, §6: managed-identity category, 20 req/s per VM
  e.rate_burst = 20;              // (idsim choice: one second's worth)
  e.concurrency_max = 5;          // ref §4.2: 5 concurrent per VM → 429
  e.cache = true;                 // ref §4.1: back end caches per resource URI (~24 h)
  e.cache_lead = sim::minutes(5); // (idsim choice: rotation point not given; new token ≤ 300 s)
  return e;
}

EndpointConfig gcp_metadata() {
  EndpointConfig e;
  e.flavor = "gcp-metadata";
  // ref §6: "50 qps might be rate-limited when tokens cannot be cached" is UNCONFIRMED and
  // applies to misses only; idsim's limiter sits before the cache, so none is set.
  e.cache = true;                 // ref §3.1: every client on the VM gets the same token
  e.cache_lead = sim::minutes(5); // ref §3.1: cached until 5 minutes of lifetime remain
  return e;
}

EndpointConfig aws_imds() {
  EndpointConfig e;
  e.flavor = "aws-imds";
  // ref §6: 1024 packets/s per ENI shared by link-local services [2nd-hand]; (idsim choice)
  // 100 req/s assuming ~10 packets per HTTP exchange.
  e.rate_limit_per_s = 100;
  e.rate_burst = 100;
  e.throttle_drops = true;        // ref §6: packets are dropped (linklocal_allowance_exceeded)
  e.cache = true;                 // ref §2.1: the same credentials per role until rotation
  e.cache_lead = sim::minutes(5); // ref §2.1: new credentials ≥ 5 min before expiry [2nd-hand]
  return e;
}

EndpointConfig k8s_projected() {
  EndpointConfig e;
  e.flavor = "k8s-projected";     // ref §5.1: the projected file is the cache; kubelet rotates
  e.latency_ms = sim::Distribution::constant(0.05);  // (idsim choice: a file read)
  return e;
}

EndpointConfig generic() {
  EndpointConfig e;
  e.flavor = "generic";           // (idsim choice: no limits, no cache unless the scenario sets)
  return e;
}

}  // namespace

const std::vector<std::string>& endpoint_flavor_names() {
  static const std::vector<std::string> names{"aws-imds", "azure-imds", "gcp-metadata",
                                              "generic", "k8s-projected"};
  return names;
}

std::optional<EndpointConfig> find_endpoint_flavor(std::string_view name) {
  if (name == "azure-imds") return azure_imds();
  if (name == "gcp-metadata") return gcp_metadata();
  if (name == "aws-imds") return aws_imds();
  if (name == "k8s-projected") return k8s_projected();
  if (name == "generic") return generic();
  return std::nullopt;
}

}  // namespace models
