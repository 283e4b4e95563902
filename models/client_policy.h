#pragma once
// What a client does with tokens: cache, refresh, retry, static stability, fallbacks.
// Presets (models/presets.h) fill this from real SDKs; scenarios override any field.
#include <cstdint>
#include <string>
#include <vector>

#include "models/fetch_status.h"
#include "sim/time.h"

namespace models {

enum class CacheScope : std::uint8_t { none, instance, node };
enum class RefreshMode : std::uint8_t { lazy, proactive };
// Backoff jitter as in the AWS architecture blog "Exponential Backoff And Jitter":
// none = d; full = U[0, d]; equal = d/2 + U[0, d/2]; decorrelated = min(cap, U[base, 3·prev]).
enum class JitterKind : std::uint8_t { none, full, equal, decorrelated };
// Where the client takes a token's expiry from. expires_on: the absolute time in the reply
// (Azure's expires_on, AWS's Expiration, a JWT's exp), compared with the node's clock, so a
// skewed clock moves every refresh and expiry. expires_in: the lifetime left at the reply,
// added to the node's clock at receipt (google-auth: utcnow() + expires_in), so only a clock
// change after receipt moves it.
enum class ExpirySource : std::uint8_t { expires_on, expires_in };

struct RefreshPolicy {
  RefreshMode mode = RefreshMode::lazy;
  // Refresh point = the earlier of iat + fraction·lifetime and exp − lead (each when set),
  // then + U[jitter_min, jitter_max]. With neither set the token is used until it is unusable.
  double fraction = 0;               // 0 = not used
  sim::Ticks fraction_lifetime_min = 0;  // the fraction applies only to lifetimes > this
  sim::Ticks lead = 0;               // 0 = not used
  sim::Ticks jitter_min = 0;         // may be negative (earlier)
  sim::Ticks jitter_max = 0;
  // Inside the refresh window: true = the call waits for the new token; false = the old token
  // is served while a background refresh runs.
  bool blocking = true;
  // The client stops using a token this long before exp (MSAL's 5-minute buffer).
  sim::Ticks expiry_buffer = 0;
  // After a failed refresh (all attempts spent), no new refresh before U[min, max] has passed.
  sim::Ticks failure_backoff_min = 0;
  sim::Ticks failure_backoff_max = 0;
};

struct RetryPolicy {
  std::uint32_t attempts_max = 1;  // including the first attempt
  sim::Ticks backoff_base = 0;     // delay before retry n: base·2^n, capped, jittered
  sim::Ticks backoff_cap = 0;
  JitterKind jitter = JitterKind::none;
  // When not empty: the delay before retry n is schedule[min(n, size−1)] (fixed schedules such
  // as google-auth-node's 0.1/0.5/1.5 s, or MSAL .NET's 1/2/4 s); base/cap are then unused.
  std::vector<sim::Ticks> schedule;
  std::uint32_t retry_on = 0;  // status_bit() of each FetchStatus that is retried
  // Azure 410 "gone": when the first failure is 410, this many attempts at this flat delay.
  std::uint32_t gone_attempts_max = 0;  // 0 = 410 follows the normal schedule
  sim::Ticks gone_delay = 0;
};

struct StaticStability {
  bool enabled = false;
  // A failed refresh of an expired (or nearly expired) token extends its use by U[min, max].
  sim::Ticks extension_min = 0;
  sim::Ticks extension_max = 0;
};

struct ClientPolicy {
  std::string preset = "custom";
  CacheScope cache = CacheScope::instance;
  ExpirySource expiry_from = ExpirySource::expires_on;
  RefreshPolicy refresh;
  RetryPolicy retry;
  sim::Ticks attempt_timeout = sim::seconds(5);  // 0 = none: a blocked endpoint hangs forever
  bool single_flight = true;  // concurrent callers share one fetch per cache entry
  StaticStability static_stability;
  bool invalidate_on_401 = false;  // false reproduces the stale-cache bug
  bool secret_fallback = false;    // a failed fetch falls back to a static secret (counted)
  std::uint32_t requests_per_fetch = 1;  // AWS IMDSv2: token PUT + role GET + credentials GET
};

// Returns "" when the policy is coherent, else what is wrong ("retry.attempts_max must be ≥ 1").
std::string check_policy(const ClientPolicy& policy);

}  // namespace models
