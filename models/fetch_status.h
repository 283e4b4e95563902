#pragma once
// How one token request ended, as the client sees it.
#include <cstdint>
#include <string_view>

namespace models {

enum class FetchStatus : std::uint8_t {
  ok,
  bad_request,    // 400: e.g. identity not found (deleted) — never retried by real SDKs
  not_found,      // 404: identity not (yet) assigned to the node
  gone,           // 410: endpoint being upgraded (Azure IMDS)
  throttled,      // 429: endpoint or STS rate/concurrency limit
  server_error,   // 5xx: STS outage, STS queue full, endpoint cannot reach the STS
  timeout,        // no answer within the client's per-attempt timeout (blocked endpoint)
};
inline constexpr int kFetchStatusCount = 7;

constexpr std::uint32_t status_bit(FetchStatus s) { return 1u << static_cast<unsigned>(s); }

std::string_view to_string(FetchStatus status);

}  // namespace models
