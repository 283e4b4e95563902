// Client presets. Every constant cites the section of the reference
// (/work/shared/reference/client-behaviors.md, "ref §…") it comes from, as distilled in
// docs/presets.md; "(idsim choice: …)" marks a value the reference does not give. Where a
// behaviour does not fit ClientPolicy, the nearest setting is used and the comment says
// "approximation" (all are listed in docs/presets.md, "Approximations in the code").
#include "models/presets.h"

#include <array>
#include <initializer_list>

namespace models {
namespace {

using sim::milliseconds;
using sim::minutes;
using sim::seconds;

constexpr sim::Ticks kNoTimeout = 0;  // ClientPolicy: attempt_timeout 0 = none

std::uint32_t statuses(std::initializer_list<FetchStatus> list) {
  std::uint32_t bits = 0;
  for (const FetchStatus s : list) bits |= status_bit(s);
  return bits;
}

// Every failure status: a client that retries "any failure".
const std::uint32_t kAnyFailure =
    statuses({FetchStatus::bad_request, FetchStatus::not_found, FetchStatus::gone,
              FetchStatus::throttled, FetchStatus::server_error, FetchStatus::timeout});

// The fields that are the same in every preset.
ClientPolicy named(std::string_view name) {
  ClientPolicy p;
  p.preset = std::string(name);
  p.invalidate_on_401 = false;  // (idsim choice: the ref quotes no client that drops its token on a 401 from a target; docs/presets.md Conventions)
  p.secret_fallback = false;    // the ref describes no client that falls back to a static secret (docs/presets.md Conventions)
  return p;
}

// ---- Azure ---------------------------------------------------------------------------------

ClientPolicy msal_dotnet() {
  ClientPolicy p = named("msal-dotnet");
  p.cache = CacheScope::instance;                     // ref §1.1 in-process access-token cache (per instance: idsim choice)
  p.expiry_from = ExpirySource::expires_on;           // ref §1.1 ManagedIdentityResponse parses expires_on; GetDurationFromManagedIdentityTimestamp reads ≥ 978307200 as an absolute epoch (IMDS sends one, ref §4.1)
  p.refresh.mode = RefreshMode::lazy;                 // ref §1.1 SilentRequestHelper.ProcessFetchInBackground: a call starts it
  p.refresh.fraction = 0.5;                           // ref §1.1 InferManagedIdentityRefreshInValue: refresh_in = expires_in / 2
  p.refresh.fraction_lifetime_min = sim::hours(2);    // ref §1.1 only when expires_in > 2*3600 (strictly)
  p.refresh.lead = 0;                                 // ref §1.1 no lead: only the 5-minute expiry buffer
  p.refresh.jitter_min = seconds(-300);               // ref §1.1 Random.Next(-300, 300), DefaultJitterRangeInSeconds = 300
  p.refresh.jitter_max = seconds(299);                // ref §1.1 Random.Next(-300, 300) is at most 299 (integer draw)
  p.refresh.blocking = false;                         // ref §1.1 cached token returned, refresh in a fire-and-forget Task.Run
  p.refresh.expiry_buffer = minutes(5);               // ref §1.1 Constants.AccessTokenExpirationBuffer = 5 min
  p.refresh.failure_backoff_min = 0;                  // (idsim choice: the ref names no cap on background refreshes)
  p.refresh.failure_backoff_max = 0;                  // (idsim choice: as above)
  p.retry.attempts_max = 4;                           // ref §1.1 ImdsRetryPolicy ExponentialStrategyNumRetries = 3, plus the first
  p.retry.schedule = {seconds(1), seconds(2), seconds(4)};  // ref §1.1 ExponentialRetryStrategy: 1000 ms, then min(2^(n-1)*2000, 4000)
  p.retry.backoff_base = 0;                           // unused: the schedule above gives the delays
  p.retry.backoff_cap = 0;                            // unused: MaxExponentialBackoffMs = 4000 is in the schedule (ref §1.1)
  p.retry.jitter = JitterKind::none;                  // ref §1.1 the delays are exactly the formula
  p.retry.retry_on = statuses({FetchStatus::not_found, FetchStatus::gone, FetchStatus::throttled,
                               FetchStatus::server_error, FetchStatus::timeout});  // ref §1.1 HttpRetryConditions.Imds: 404, 408, 410, 429, 5xx, TaskCanceledException; not 400
  p.retry.gone_attempts_max = 8;                      // ref §1.1 LinearStrategyNumRetries = 7 when the first failure is 410, plus the first
  p.retry.gone_delay = seconds(10);                   // ref §1.1 HttpStatusGoneRetryAfterMs = 10000
  p.attempt_timeout = seconds(60);                    // (idsim choice: the ref gives none; MSAL Go's per-attempt minute, ref §1.3)
  p.single_flight = false;                            // (idsim choice: the ref quotes no guard, unlike MSAL Go's CompareAndSwap)
  p.static_stability.enabled = false;                 // ref §1.1 no extension past expiry
  p.requests_per_fetch = 1;                           // ref §1.1 one GET /metadata/identity/oauth2/token (probe not modelled: idsim choice)
  return p;
}

ClientPolicy msal_go() {
  ClientPolicy p = named("msal-go");
  p.cache = CacheScope::instance;                     // ref §1.3 apps/internal/base/storage/items.go cache
  p.expiry_from = ExpirySource::expires_on;           // (idsim choice: the ref does not say which field MSAL Go reads; IMDS sends the absolute expires_on, ref §4.1, as MSAL .NET reads it)
  p.refresh.mode = RefreshMode::lazy;                 // ref §1.3 a caller refreshes once RefreshOn has passed
  p.refresh.fraction = 0.5;                           // ref §1.3 RefreshOn = now + lifetime/2
  p.refresh.fraction_lifetime_min = sim::hours(2);    // ref §1.3 only when the lifetime is more than 2 h
  p.refresh.lead = 0;                                 // ref §1.3 no lead: only the 5-minute expiry buffer
  p.refresh.jitter_min = 0;                           // ref §1.3 no jitter quoted
  p.refresh.jitter_max = 0;                           // ref §1.3 no jitter quoted
  p.refresh.blocking = true;                          // ref §1.3 the CompareAndSwap winner waits (approximation: the others, who get the cached token in Go, wait too)
  p.refresh.expiry_buffer = minutes(5);               // ref §1.3 items.go:138 ExpiresOn.Before(time.Now().Add(5 * time.Minute))
  p.refresh.failure_backoff_min = 0;                  // ref §1.3 no time-based cap: the next call after RefreshOn tries again
  p.refresh.failure_backoff_max = 0;                  // ref §1.3 as above
  p.retry.attempts_max = 3;                           // ref §1.3 defaultRetryCount = 3 is the total number of attempts
  p.retry.schedule = {seconds(1)};                    // ref §1.3 a fixed 1 s sleep between attempts
  p.retry.backoff_base = 0;                           // unused: the schedule above gives the delays
  p.retry.backoff_cap = 0;                            // unused: the schedule above gives the delays
  p.retry.jitter = JitterKind::none;                  // ref §1.3 no jitter
  p.retry.retry_on = statuses({FetchStatus::not_found, FetchStatus::gone, FetchStatus::throttled,
                               FetchStatus::server_error, FetchStatus::timeout});  // ref §1.3 retryCodesForIMDS 404, 410, 429, 5xx (approximation: 509 is not in the list); timeout (idsim choice: the ref does not say)
  p.retry.gone_attempts_max = 0;                      // ref §1.3 a 410 gets the same flat 1 s
  p.retry.gone_delay = 0;                             // ref §1.3 as above
  p.attempt_timeout = seconds(60);                    // ref §1.3 context.WithTimeout(..., time.Minute) per attempt
  p.single_flight = true;                             // ref §1.3 CompareAndSwap guard in the refresh window (approximation: cold cache is false in docs/presets.md)
  p.static_stability.enabled = false;                 // ref §1.3 no extension
  p.requests_per_fetch = 1;                           // ref §1.3 one GET imdsDefaultEndpoint
  return p;
}

ClientPolicy azure_identity_python() {
  ClientPolicy p = named("azure-identity-python");
  p.cache = CacheScope::instance;                     // ref §1.5 msal TokenCache, _internal/managed_identity_client.py
  p.expiry_from = ExpirySource::expires_on;           // ref §1.5 expires_on comes from expires_on (IMDS sends it, ref §4.1), request_time + expires_in only without it
  p.refresh.mode = RefreshMode::lazy;                 // ref §1.5 sync get_token mixin refreshes inside the call
  p.refresh.fraction = 0.5;                           // (idsim choice: MSAL Python's refresh_in = expires_in/2, ref §1.4; §1.5 does not define refresh_on)
  p.refresh.fraction_lifetime_min = sim::hours(2) - 1;  // (idsim choice: expires_in >= 7200, ref §1.4; "> 2 h − 1 µs" is exactly ">= 2 h" in ticks)
  p.refresh.lead = seconds(300);                      // ref §1.5 _constants.py DEFAULT_REFRESH_OFFSET = 300
  p.refresh.jitter_min = 0;                           // ref §1.5 no jitter
  p.refresh.jitter_max = 0;                           // ref §1.5 no jitter
  p.refresh.blocking = true;                          // ref §1.5 the caller refreshes; a failure returns the cached token
  p.refresh.expiry_buffer = 0;                        // ref §1.5 get_cached_token returns any token with expires_on > now
  p.refresh.failure_backoff_min = seconds(30);        // ref §1.5 DEFAULT_TOKEN_REFRESH_RETRY_DELAY = 30
  p.refresh.failure_backoff_max = seconds(30);        // ref §1.5 as above (flat)
  p.retry.attempts_max = 6;                           // ref §1.5 PIPELINE_SETTINGS retry_total: 5, plus the first
  p.retry.schedule = {0, milliseconds(1600), milliseconds(3200), milliseconds(6400),
                      milliseconds(12800)};           // ref §1.5 azure-core factor·2^(n-1), 0 for the first retry, factor 0.8 since 1.16.0
  p.retry.backoff_base = 0;                           // unused: the schedule above gives the delays
  p.retry.backoff_cap = 0;                            // unused: retry_backoff_max 60 s is never reached (ref §1.5)
  p.retry.jitter = JitterKind::none;                  // ref §1.5 no jitter in factor·2^(n-1)
  p.retry.retry_on = statuses({FetchStatus::not_found, FetchStatus::gone, FetchStatus::throttled,
                               FetchStatus::server_error, FetchStatus::timeout});  // ref §1.5 retry_on_status_codes 404, 429, 5xx; 410 since 1.15.0b2; timeout (idsim choice: counts against retry_total)
  p.retry.gone_attempts_max = 6;                      // ref §1.5 AsyncImdsRetryPolicy: "Five retries" for 410, plus the first
  p.retry.gone_delay = seconds(15);                   // ref §1.5 "[0, 5, 10, 20, 40] s … (75s total)" (approximation: a flat 75 s / 5 retries)
  p.attempt_timeout = seconds(2);                     // ref §1.5 PIPELINE_SETTINGS connection_timeout: 2 (whole attempt: idsim choice)
  p.single_flight = false;                            // (idsim choice: only the async mixins have per-scope locks, ref §1.5)
  p.static_stability.enabled = false;                 // ref §1.5 no extension
  p.requests_per_fetch = 1;                           // ref §1.5 one GET (the chained probe is not modelled)
  return p;
}

// The measured Azure JS retries (ref §9.1): delay base·2^n × U[0.5, 1], attempts by status.
// ClientPolicy has one schedule for every status, so the 5xx one (the outage case) is used and
// 404 follows it (approximation: 404 is really 6 attempts from 800 ms); 410 uses the gone
// fields (approximation: a flat delay with the mean of the measured exponential one).
void azure_js_retries(RetryPolicy& r) {
  r.attempts_max = 4;                                 // ref §9.1 5xx: 3 retries, plus the first
  r.backoff_base = seconds(1);                        // ref §9.1 5xx: base 1 s
  r.backoff_cap = seconds(64);                        // ref §1.6 DEFAULT_CLIENT_MAX_RETRY_INTERVAL = 64000; ref §9.1 410 cap 64 s
  r.jitter = JitterKind::equal;                       // ref §9.1 base·2^n × U[0.5, 1] = d/2 + U[0, d/2]
  r.schedule = {};                                    // ref §9.1 exponential, not a fixed list
  r.retry_on = statuses({FetchStatus::not_found, FetchStatus::gone,
                         FetchStatus::server_error});  // ref §9.1 5xx, 404, 410; 429 only with Retry-After (not modelled); no timeout exists
  r.gone_attempts_max = 6;                            // ref §9.1 410: 5 retries, plus the first
  r.gone_delay = seconds(14);                         // ref §9.1 410: 3 s·2^n × U[0.5, 1], n = 0..4, 46–93 s in all (approximation: the mean ≈ 70 s / 5 retries)
}

ClientPolicy azure_identity_js() {
  ClientPolicy p = named("azure-identity-js");
  p.cache = CacheScope::instance;                     // ref §9.1 the token cycler holds one token
  p.expiry_from = ExpirySource::expires_on;           // (idsim choice: the ref does not say which field msal-node reads; IMDS and App Service send the absolute expires_on, ref §4.1, §4.3)
  p.refresh.mode = RefreshMode::lazy;                 // (idsim choice: ref §9.1 / §1.6 do not say whether a timer or a call starts it)
  p.refresh.fraction = 0.5;                           // ref §9.1 "with L > 2 h it also refreshes at L/2"
  p.refresh.fraction_lifetime_min = sim::hours(2);    // ref §9.1 L > 2 h (strictly)
  p.refresh.lead = minutes(2);                        // ref §1.6 tokenCycler refreshWindowInMs = 2 min; measured, ref §9.1
  p.refresh.jitter_min = 0;                           // ref §9.1 no jitter
  p.refresh.jitter_max = 0;                           // ref §9.1 no jitter
  p.refresh.blocking = false;                         // ref §9.1 background refresh; the old token is served until expiry − 1 s
  p.refresh.expiry_buffer = seconds(1);               // ref §1.6 forcedRefreshWindowInMs = 1000; ref §9.1
  p.refresh.failure_backoff_min = seconds(3);         // ref §1.6 retryIntervalInMs = 3000; ref §9.1 "pauses 3 s and tries again"
  p.refresh.failure_backoff_max = seconds(3);         // ref §1.6 as above (flat)
  azure_js_retries(p.retry);                          // ref §9.1 retries, see azure_js_retries
  p.attempt_timeout = kNoTimeout;                     // ref §9.1 no request timeout: a hung request blocks getToken (> 90 s seen)
  p.single_flight = true;                             // ref §9.1 one worker: 50 calls → 1 request; ref §1.6 refreshWorker
  p.static_stability.enabled = false;                 // ref §9.1 no extension
  p.requests_per_fetch = 1;                           // ref §9.1 one GET /metadata/identity/oauth2/token/
  return p;
}

ClientPolicy azure_identity_js_bare() {
  ClientPolicy p = named("azure-identity-js-bare");
  p.cache = CacheScope::instance;                     // ref §9.1 the credential caches its token
  p.expiry_from = ExpirySource::expires_on;           // (idsim choice: as azure-identity-js; App Service sends only expires_on, ref §4.3)
  p.refresh.mode = RefreshMode::lazy;                 // ref §9.1 refresh happens inside getToken
  p.refresh.fraction = 0.5;                           // ref §9.1 "for a lifetime L > 7200 s (strictly), also at L/2"
  p.refresh.fraction_lifetime_min = sim::hours(2);    // ref §9.1 L > 7200 s (strictly)
  p.refresh.lead = seconds(300);                      // ref §9.1 "refresh when less than 300 s remain"
  p.refresh.jitter_min = 0;                           // ref §9.1 "no jitter"
  p.refresh.jitter_max = 0;                           // ref §9.1 "no jitter"
  p.refresh.blocking = true;                          // ref §9.1 the caller waits (approximation: at L/2 it waits but is handed the old token)
  p.refresh.expiry_buffer = seconds(300);             // ref §9.1 "the renewal buffer acts as expiry"
  p.refresh.failure_backoff_min = 0;                  // ref §9.1 every call in the window fetches until one succeeds
  p.refresh.failure_backoff_max = 0;                  // ref §9.1 as above
  azure_js_retries(p.retry);                          // ref §9.1 retries as azure-identity-js
  p.attempt_timeout = kNoTimeout;                     // ref §9.1 "no request timeout"
  p.single_flight = false;                            // ref §9.1 50 concurrent calls with an empty cache → 50 requests
  p.static_stability.enabled = false;                 // ref §9.1 no extension
  p.requests_per_fetch = 1;                           // ref §9.1 one GET
  return p;
}

ClientPolicy azure_sdk_cpp() {
  ClientPolicy p = named("azure-sdk-cpp");
  p.cache = CacheScope::instance;                     // ref §1.8 src/token_cache.cpp, per scope and tenant
  p.expiry_from = ExpirySource::expires_on;           // (idsim choice: the ref does not say; the stored ExpiresOn is compared with now, ref §1.8)
  p.refresh.mode = RefreshMode::lazy;                 // ref §1.8 bearer policy refreshes when now > ExpiresOn − MinimumExpiration
  p.refresh.fraction = 0.5;                           // ref §1.8 GetProactiveRenewalSeconds: stored ExpiresOn = now + L/2 (approximation: real refresh is at L/2 − 120 s)
  p.refresh.fraction_lifetime_min = sim::hours(2) - 1;  // ref §1.8 "2 h or more" ("> 2 h − 1 µs" is exactly ">= 2 h" in ticks)
  p.refresh.lead = minutes(2);                        // ref §1.8 credentials.hpp:56 MinimumExpiration = std::chrono::minutes(2)
  p.refresh.jitter_min = 0;                           // ref §1.8 no jitter
  p.refresh.jitter_max = 0;                           // ref §1.8 no jitter
  p.refresh.blocking = true;                          // ref §1.8 per-item shared_timed_mutex, re-checked after the write lock
  p.refresh.expiry_buffer = minutes(2);               // ref §1.8 fresh only if ExpiresOn − MinimumExpiration > now (approximation: from the real T, not the stored L/2)
  p.refresh.failure_backoff_min = 0;                  // ref §1.8 no cap
  p.refresh.failure_backoff_max = 0;                  // ref §1.8 no cap
  p.retry.attempts_max = 4;                           // ref §1.8 azure-core MaxRetries = 3, plus the first
  p.retry.backoff_base = milliseconds(800);           // ref §1.8 RetryDelay = 800 ms
  p.retry.backoff_cap = seconds(60);                  // ref §1.8 MaxRetryDelay = 60 s
  p.retry.jitter = JitterKind::none;                  // ref §1.8 factor U[0.8, 1.3] (approximation: no JitterKind has it; none keeps the base)
  p.retry.schedule = {};                              // ref §1.8 exponential (2^n growth: idsim choice), not a fixed list
  p.retry.retry_on = statuses({FetchStatus::server_error,
                               FetchStatus::timeout});  // ref §1.8 StatusCodes 408, 500, 502, 503, 504; no 404/410/429; timeout (idsim choice)
  p.retry.gone_attempts_max = 0;                      // ref §1.8 no 410 rule
  p.retry.gone_delay = 0;                             // ref §1.8 no 410 rule
  p.attempt_timeout = seconds(60);                    // (idsim choice: the Azure per-try minute of ref §1.3 and §1.7; §1.8 gives only the probe's 1 s)
  p.single_flight = true;                             // ref §1.8 lock plus re-check
  p.static_stability.enabled = false;                 // ref §1.8 no extension
  p.requests_per_fetch = 1;                           // ref §1.8 one GET http://169.254.169.254 (probe not modelled)
  return p;
}

// ---- AWS -----------------------------------------------------------------------------------

ClientPolicy botocore() {
  ClientPolicy p = named("botocore");
  p.cache = CacheScope::instance;                     // ref §2.2 RefreshableCredentials
  p.expiry_from = ExpirySource::expires_on;           // ref §7 "Clock skew": botocore compares the Expiration string with the local clock
  p.refresh.mode = RefreshMode::lazy;                 // ref §2.2 refresh when a caller reads the credentials
  p.refresh.fraction = 0;                             // ref §2.2 fixed windows only
  p.refresh.fraction_lifetime_min = 0;                // ref §2.2 fixed windows only
  // Two windows in one policy (approximation): from T − 15 min one caller refreshes while the
  // others get the old credentials (advisory, non-blocking); from T − 10 min everyone blocks and
  // a failure is raised (mandatory) — modelled as the expiry buffer.
  p.refresh.lead = minutes(15);                       // ref §2.2 _DEFAULT_ADVISORY_REFRESH_TIMEOUT = 15*60
  p.refresh.jitter_min = 0;                           // ref §2.2 no jitter on the refresh windows
  p.refresh.jitter_max = 0;                           // ref §2.2 no jitter on the refresh windows
  p.refresh.blocking = false;                         // ref §2.2 advisory: acquire(False), failed acquirers get the old credentials
  p.refresh.expiry_buffer = minutes(10);              // ref §2.2 _DEFAULT_MANDATORY_REFRESH_TIMEOUT = 10*60: a failure is raised
  p.refresh.failure_backoff_min = 0;                  // ref §2.2 no cap as such
  p.refresh.failure_backoff_max = 0;                  // ref §2.2 no cap as such
  p.retry.attempts_max = 1;                           // ref §2.2 metadata_service_num_attempts default 1
  p.retry.backoff_base = 0;                           // ref §2.2 "no sleep between tries"
  p.retry.backoff_cap = 0;                            // ref §2.2 "no sleep between tries"
  p.retry.jitter = JitterKind::none;                  // ref §2.2 no sleep at all
  p.retry.schedule = {};                              // ref §2.2 no sleep at all
  p.retry.retry_on = kAnyFailure;                     // ref §2.2 when num_attempts > 1: any non-200, empty body or invalid JSON
  p.retry.gone_attempts_max = 0;                      // ref §2.2 no 410 rule
  p.retry.gone_delay = 0;                             // ref §2.2 no 410 rule
  p.attempt_timeout = seconds(1);                     // ref §2.2 metadata_service_timeout default 1 s
  p.single_flight = true;                             // ref §2.2 one advisory refresher; mandatory lock (waiters reuse the result: idsim choice)
  // botocore extends only credentials that IMDS returns already stale (_evaluate_expiration),
  // never after a failed fetch; idsim's static stability acts on a failed refresh, so it stays
  // off (approximation) and the values below are there for a scenario that turns it on.
  p.static_stability.enabled = false;                 // ref §2.2 stale documents only, not failed fetches
  p.static_stability.extension_min = minutes(15) + seconds(120);  // ref §2.2 expiry = now + 15*60 + random.randint(120, 600)
  p.static_stability.extension_max = minutes(15) + seconds(600);  // ref §2.2 as above: 17–25 min
  p.requests_per_fetch = 3;                           // ref §2.1, §2.2 PUT /latest/api/token, GET role, GET credentials
  return p;
}

ClientPolicy aws_sdk_js_v3() {
  ClientPolicy p = named("aws-sdk-js-v3");
  p.cache = CacheScope::instance;                     // ref §9.2 memoizeIdentityProvider
  p.expiry_from = ExpirySource::expires_on;           // ref §7 "Clock skew": JS v3 compares Expiration with the local clock
  p.refresh.mode = RefreshMode::lazy;                 // ref §9.2 "refresh when less than 300 s remain"
  p.refresh.fraction = 0;                             // ref §9.2, §2.4 fixed 300 s lead only
  p.refresh.fraction_lifetime_min = 0;                // ref §9.2, §2.4 fixed 300 s lead only
  p.refresh.lead = seconds(300);                      // ref §9.2; ref §2.4 expiration − now < 300000 ms
  p.refresh.jitter_min = 0;                           // ref §9.2 no jitter on the normal refresh point
  p.refresh.jitter_max = 0;                           // ref §9.2 as above
  p.refresh.blocking = true;                          // (idsim choice: the ref says "background" only for the default chain)
  p.refresh.expiry_buffer = 0;                        // ref §9.2 credentials used past expiry (static stability); no client hard stop
  p.refresh.failure_backoff_min = 0;                  // ref §9.2 "retried every U[0, 300) s" follows from the extension below
  p.refresh.failure_backoff_max = 0;                  // ref §9.2 as above
  p.retry.attempts_max = 1;                           // ref §2.4 DEFAULT_MAX_RETRIES = 0; ref §9.2 "Retries: none"
  p.retry.backoff_base = 0;                           // ref §2.4, §9.2 not applicable: no retries
  p.retry.backoff_cap = 0;                            // ref §2.4, §9.2 not applicable
  p.retry.jitter = JitterKind::none;                  // ref §2.4, §9.2 not applicable
  p.retry.schedule = {};                              // ref §2.4, §9.2 not applicable
  p.retry.retry_on = 0;                               // ref §2.4, §9.2 nothing is retried
  p.retry.gone_attempts_max = 0;                      // ref §9.2 no 410 rule (410 on the PUT falls back to v1: not modelled, approximation)
  p.retry.gone_delay = 0;                             // ref §9.2 no 410 rule
  p.attempt_timeout = seconds(1);                     // ref §2.4 RemoteProviderInit.ts DEFAULT_TIMEOUT = 1000 ms; measured, ref §9.2
  p.single_flight = true;                             // ref §9.2 3 requests for 50 calls
  p.static_stability.enabled = true;                  // ref §2.4 staticStabilityProvider.ts; ref §9.2 "never failed" in a 30-min outage
  p.static_stability.extension_min = seconds(300);    // ref §2.4 expiration = now + 300 s + floor(rand*300) s
  p.static_stability.extension_max = seconds(600);    // ref §2.4 as above: U[300, 600) s
  p.requests_per_fetch = 3;                           // ref §2.4, §9.2 PUT token, GET role, GET credentials
  return p;
}

ClientPolicy aws_sdk_js_v3_default_chain() {
  ClientPolicy p = named("aws-sdk-js-v3-default-chain");
  p.cache = CacheScope::instance;                     // ref §2.4 defaultProvider.ts memoizes; ref §9.2
  p.expiry_from = ExpirySource::expires_on;           // ref §7 "Clock skew": JS v3 compares Expiration with the local clock
  p.refresh.mode = RefreshMode::lazy;                 // (idsim choice: ref §9.2 says "background" but not what starts it)
  p.refresh.fraction = 0;                             // ref §9.2, §2.4 fixed 300 s lead only
  p.refresh.fraction_lifetime_min = 0;                // ref §9.2, §2.4 fixed 300 s lead only
  p.refresh.lead = seconds(300);                      // ref §9.2; ref §2.4 expiration − now < 300000 ms
  p.refresh.jitter_min = 0;                           // ref §9.2 no jitter
  p.refresh.jitter_max = 0;                           // ref §9.2 no jitter
  p.refresh.blocking = false;                         // ref §9.2 background refresh while the credentials are valid
  p.refresh.expiry_buffer = 0;                        // ref §9.2 credentials serve until T, then every call fails
  p.refresh.failure_backoff_min = 0;                  // ref §9.2 none given
  p.refresh.failure_backoff_max = 0;                  // ref §9.2 none given
  p.retry.attempts_max = 1;                           // ref §2.4 DEFAULT_MAX_RETRIES = 0; ref §9.2 "Retries: none"
  p.retry.backoff_base = 0;                           // ref §2.4, §9.2 not applicable: no retries
  p.retry.backoff_cap = 0;                            // ref §2.4, §9.2 not applicable
  p.retry.jitter = JitterKind::none;                  // ref §2.4, §9.2 not applicable
  p.retry.schedule = {};                              // ref §2.4, §9.2 not applicable
  p.retry.retry_on = 0;                               // ref §2.4, §9.2 nothing is retried
  p.retry.gone_attempts_max = 0;                      // ref §9.2 no 410 rule
  p.retry.gone_delay = 0;                             // ref §9.2 no 410 rule
  p.attempt_timeout = seconds(1);                     // ref §2.4 DEFAULT_TIMEOUT = 1000 ms; ref §9.2
  p.single_flight = true;                             // (idsim choice: memoized like the client; the ref gives nothing for the chain)
  p.static_stability.enabled = false;                 // ref §9.2 a new provider per chain run forgets the last credentials
  p.requests_per_fetch = 3;                           // ref §9.2 PUT token, GET role, GET credentials
  return p;
}

ClientPolicy aws_sdk_go_v2() {
  ClientPolicy p = named("aws-sdk-go-v2");
  p.cache = CacheScope::instance;                     // ref §2.3 aws/credential_cache.go CredentialsCache
  p.expiry_from = ExpirySource::expires_on;           // ref §7 "Clock skew": Go compares Expiration with the local clock
  p.refresh.mode = RefreshMode::lazy;                 // ref §2.3 advisory and mandatory refreshes on retrieval
  p.refresh.fraction = 0;                             // ref §2.3 lifetime-dependent fixed windows only
  p.refresh.fraction_lifetime_min = 0;                // ref §2.3 as above
  p.refresh.lead = minutes(15);                       // ref §2.3 advisory window 15 min for 20 min < L < 90 min, i.e. IMDS with the 1 h cap (approximation: 5 min for L ≤ 20 min, 60 min for L ≥ 90 min not modelled)
  p.refresh.jitter_min = 0;                           // ref §2.3 no jitter on the refresh point
  p.refresh.jitter_max = 0;                           // ref §2.3 as above
  p.refresh.blocking = true;                          // (idsim choice: the initiator waits; approximation: callers that find a refresh in flight get the cached credentials in Go)
  p.refresh.expiry_buffer = 0;                        // ref §2.3 failures keep the old credentials, ec2rolecreds extends them
  p.refresh.failure_backoff_min = seconds(300);       // ref §2.3 refresh failure: backoff jitter(300, 600) s (U[300, 600): idsim choice)
  p.refresh.failure_backoff_max = seconds(600);       // ref §2.3 as above
  p.retry.attempts_max = 3;                           // ref §2.3 retry.NewStandard(): 3 attempts [2nd-hand]
  p.retry.backoff_base = seconds(1);                  // (idsim choice: the ref gives no base for the IMDS client)
  p.retry.backoff_cap = seconds(1);                   // ref §2.3 AddWithMaxBackoffDelay(…, 1*time.Second)
  p.retry.jitter = JitterKind::full;                  // (idsim choice: the ref gives no jitter; full, as the standard retryer)
  p.retry.schedule = {};                              // ref §2.3 exponential, not a fixed list
  p.retry.retry_on = statuses({FetchStatus::throttled, FetchStatus::server_error,
                               FetchStatus::timeout});  // (idsim choice: the ref gives no retryable list for the IMDS client)
  p.retry.gone_attempts_max = 0;                      // ref §2.3 no 410 rule
  p.retry.gone_delay = 0;                             // ref §2.3 no 410 rule
  p.attempt_timeout = milliseconds(500);              // ref §2.3 ResponseHeaderTimeout 500 ms (the 250 ms dialer timeout is for connection setup)
  p.single_flight = true;                             // ref §2.3 singleflight
  p.static_stability.enabled = true;                  // ref §2.3 ec2rolecreds HandleFailToRefresh, PR #1634
  p.static_stability.extension_min = minutes(5);      // ref §2.3 Expires = now + U[5, 15) min
  p.static_stability.extension_max = minutes(15);     // ref §2.3 as above
  p.requests_per_fetch = 3;                           // ref §2.1, §2.3 PUT token (300 s TTL), GET role, GET credentials
  return p;
}

// ---- GCP -----------------------------------------------------------------------------------

ClientPolicy google_auth_python() {
  ClientPolicy p = named("google-auth-python");
  p.cache = CacheScope::instance;                     // ref §3.2 the credentials object holds its token
  p.expiry_from = ExpirySource::expires_in;           // ref §3.2 token_expiry = utcnow() + expires_in
  p.refresh.mode = RefreshMode::lazy;                 // ref §3.2 token states FRESH / STALE / INVALID checked on use
  p.refresh.fraction = 0;                             // ref §3.2 fixed threshold only
  p.refresh.fraction_lifetime_min = 0;                // ref §3.2 fixed threshold only
  p.refresh.lead = seconds(225);                      // ref §3.2 _helpers.py REFRESH_THRESHOLD = timedelta(minutes=3, seconds=45)
  p.refresh.jitter_min = 0;                           // ref §3.2 no jitter
  p.refresh.jitter_max = 0;                           // ref §3.2 no jitter
  p.refresh.blocking = true;                          // (idsim choice: the ref does not say which mode is the default; false = non-blocking mode)
  p.refresh.expiry_buffer = seconds(225);             // (idsim choice: blocking mode; the ref does not say whether a failed STALE refresh keeps the token)
  p.refresh.failure_backoff_min = 0;                  // ref §3.2 no cap
  p.refresh.failure_backoff_max = 0;                  // ref §3.2 no cap
  p.retry.attempts_max = 5;                           // ref §3.2 _metadata.get() retry_count=5, four waits
  p.retry.backoff_base = seconds(1);                  // ref §3.2 _exponential_backoff.py initial interval 1.0 s, multiplier 2.0
  p.retry.backoff_cap = seconds(8);                   // (idsim choice: the ref gives no cap; the fourth wait, 8 s, so it never binds)
  p.retry.jitter = JitterKind::none;                  // ref §3.2 randomization ±10 % (approximation: no JitterKind has it; none keeps the mean)
  p.retry.schedule = {};                              // ref §3.2 exponential, not a fixed list
  p.retry.retry_on = statuses({FetchStatus::throttled, FetchStatus::server_error,
                               FetchStatus::timeout});  // ref §3.2 DEFAULT_RETRYABLE_STATUS_CODES 500, 503, 504, 408, 429 and transport errors (approximation: 502 is in 5xx)
  p.retry.gone_attempts_max = 0;                      // ref §3.2 no 410 rule (410 is not retried)
  p.retry.gone_delay = 0;                             // ref §3.2 no 410 rule
  p.attempt_timeout = seconds(3);                     // ref §3.2 GCE_METADATA_TIMEOUT default 3 s
  p.single_flight = false;                            // (idsim choice: the ref gives nothing for blocking mode)
  p.static_stability.enabled = false;                 // ref §3.2 no extension
  p.requests_per_fetch = 1;                           // ref §3.1 one GET …/service-accounts/default/token
  return p;
}

ClientPolicy google_auth_node() {
  ClientPolicy p = named("google-auth-node");
  p.cache = CacheScope::instance;                     // ref §9.3 the Compute client holds its token
  p.expiry_from = ExpirySource::expires_in;           // ref §3.3 expiry_date = now + expires_in*1000 (computeclient.ts)
  p.refresh.mode = RefreshMode::lazy;                 // ref §9.3 refresh inside the call
  p.refresh.fraction = 0;                             // ref §9.3, §3.3 fixed threshold only
  p.refresh.fraction_lifetime_min = 0;                // ref §9.3, §3.3 fixed threshold only
  p.refresh.lead = seconds(300);                      // ref §9.3 "at most 300 s remain"; ref §3.3 DEFAULT_EAGER_REFRESH_THRESHOLD_MILLIS = 5*60*1000
  p.refresh.jitter_min = 0;                           // ref §9.3 no jitter
  p.refresh.jitter_max = 0;                           // ref §9.3 no jitter
  p.refresh.blocking = true;                          // ref §9.3 blocking
  p.refresh.expiry_buffer = seconds(300);             // ref §9.3 a failing endpoint in the last 300 s makes every call fail
  p.refresh.failure_backoff_min = 0;                  // ref §9.3 no cap
  p.refresh.failure_backoff_max = 0;                  // ref §9.3 no cap
  p.retry.attempts_max = 4;                           // ref §9.3 5xx and 429: 3 retries, plus the first
  p.retry.schedule = {milliseconds(100), milliseconds(500), milliseconds(1500)};  // ref §9.3 fixed 0.10 / 0.50 / 1.50 s
  p.retry.backoff_base = 0;                           // unused: the schedule above gives the delays
  p.retry.backoff_cap = 0;                            // unused: the schedule above gives the delays
  p.retry.jitter = JitterKind::none;                  // ref §9.3 "no jitter"
  p.retry.retry_on = statuses({FetchStatus::throttled,
                               FetchStatus::server_error});  // ref §9.3 5xx and 429; not 404, 410, nor a timeout
  p.retry.gone_attempts_max = 0;                      // ref §9.3 410 is not retried
  p.retry.gone_delay = 0;                             // ref §9.3 410 is not retried
  p.attempt_timeout = seconds(3);                     // ref §9.3 timeout 3 s; ref §3.3 request timeout 3000 ms (0 when GCP residency is detected: override)
  p.single_flight = true;                             // ref §9.3 1 request for 50 calls
  p.static_stability.enabled = false;                 // ref §9.3 no extension
  p.requests_per_fetch = 1;                           // ref §9.3 one GET …/service-accounts/default/token
  return p;
}

// ---- Kubernetes ----------------------------------------------------------------------------

ClientPolicy kubelet() {
  ClientPolicy p = named("kubelet");
  p.cache = CacheScope::node;                         // (idsim choice: the kubelet holds the token for the node's pods; ref §5.1 gives the rules, not the topology)
  p.expiry_from = ExpirySource::expires_on;           // ref §5.1 requiresRefresh compares now with the token's exp and iat
  p.refresh.mode = RefreshMode::proactive;            // (idsim choice: ref §5.1 gives requiresRefresh, not when it is evaluated)
  p.refresh.fraction = 0.8;                           // ref §5.1 now > exp − 20%·expirationSeconds − jitter (approximation: the 24 h age rule is not modelled)
  p.refresh.fraction_lifetime_min = 0;                // ref §5.1 the rule holds for every lifetime
  p.refresh.lead = 0;                                 // ref §5.1 no lead beyond the fraction rule
  p.refresh.jitter_min = seconds(-10);                // ref §5.1 maxJitter = 10 * time.Second, subtracted: U[0, 10) s earlier
  p.refresh.jitter_max = 0;                           // ref §5.1 as above
  p.refresh.blocking = false;                         // ref §5.1 readers keep the current file; a valid old token is returned on failure
  p.refresh.expiry_buffer = 0;                        // ref §5.1 a valid old token is served; an expired one gives an error
  p.refresh.failure_backoff_min = seconds(60);        // (idsim choice: re-evaluate every 60 s after a failure, as gcPeriod = time.Minute; ref §5.1)
  p.refresh.failure_backoff_max = seconds(60);        // (idsim choice: as above)
  p.retry.attempts_max = 1;                           // (idsim choice: 1 per evaluation, retried at the next one; ref §5.1 gives no retry policy)
  p.retry.backoff_base = seconds(60);                 // (idsim choice: flat 60 s, used only if attempts_max is raised)
  p.retry.backoff_cap = seconds(60);                  // (idsim choice: as above)
  p.retry.jitter = JitterKind::none;                  // (idsim choice: ref §5.1 gives no retry jitter)
  p.retry.schedule = {};                              // (idsim choice: exponential fields above, flat by the cap)
  p.retry.retry_on = kAnyFailure;                     // (idsim choice: any failure)
  p.retry.gone_attempts_max = 0;                      // (idsim choice: no 410 rule)
  p.retry.gone_delay = 0;                             // (idsim choice: no 410 rule)
  p.attempt_timeout = seconds(10);                    // (idsim choice: ref §5.1 gives none)
  p.single_flight = true;                             // (idsim choice: one token manager per node)
  p.static_stability.enabled = false;                 // ref §5.1 an expired old token gives an error
  p.requests_per_fetch = 1;                           // (idsim choice: one TokenRequest to the API server, which plays the STS)
  return p;
}

// ---- Anti-patterns -------------------------------------------------------------------------

ClientPolicy no_cache() {
  ClientPolicy p = named("no-cache");
  p.cache = CacheScope::none;                         // MODEL §4 "none — fetch per call"; ref §7 item 1 (azure-sdk-for-net#19190)
  p.expiry_from = ExpirySource::expires_on;           // (unused: no token is kept)
  p.refresh.mode = RefreshMode::lazy;                 // not applicable: every call fetches
  p.refresh.fraction = 0;                             // not applicable: no refresh point
  p.refresh.fraction_lifetime_min = 0;                // not applicable
  p.refresh.lead = 0;                                 // not applicable
  p.refresh.jitter_min = 0;                           // the anti-pattern has no refresh point (docs/presets.md no-cache)
  p.refresh.jitter_max = 0;                           // as above
  p.refresh.blocking = true;                          // every call waits for its own fetch (docs/presets.md no-cache)
  p.refresh.expiry_buffer = 0;                        // not applicable: nothing is cached
  p.refresh.failure_backoff_min = 0;                  // not applicable
  p.refresh.failure_backoff_max = 0;                  // not applicable
  p.retry.attempts_max = 1;                           // (idsim choice: 1, so the effect of having no cache is seen alone)
  p.retry.backoff_base = 0;                           // not applicable: no retries
  p.retry.backoff_cap = 0;                            // not applicable
  p.retry.jitter = JitterKind::none;                  // not applicable
  p.retry.schedule = {};                              // not applicable
  p.retry.retry_on = 0;                               // follows from attempts_max 1
  p.retry.gone_attempts_max = 0;                      // not applicable
  p.retry.gone_delay = 0;                             // not applicable
  p.attempt_timeout = seconds(5);                     // (idsim choice: 5 s)
  p.single_flight = false;                            // one request per call: N concurrent calls make N requests
  p.static_stability.enabled = false;                 // nothing to extend
  p.requests_per_fetch = 1;                           // docs/presets.md: the flavor's wire format (approximation: 1; set 3 for aws-imds, ref §2.1)
  return p;
}

ClientPolicy naive_lazy() {
  ClientPolicy p = named("naive-lazy");
  p.cache = CacheScope::instance;                     // docs/presets.md naive-lazy
  p.expiry_from = ExpirySource::expires_on;           // (idsim choice: the absolute exp, as the AWS SDKs; ref §7 "Clock skew")
  p.refresh.mode = RefreshMode::lazy;                 // fetches only at the first call after T
  p.refresh.fraction = 0;                             // no refresh point: the token is used until T (docs/presets.md "1.0")
  p.refresh.fraction_lifetime_min = 0;                // not applicable
  p.refresh.lead = 0;                                 // docs/presets.md refresh_lead_s 0
  p.refresh.jitter_min = 0;                           // none: clients sharing a server-cached token expire at once (ref §7 item 8)
  p.refresh.jitter_max = 0;                           // as above
  p.refresh.blocking = true;                          // the call waits for the new token
  p.refresh.expiry_buffer = 0;                        // used up to T, so it can expire in flight (ref §7 clock skew)
  p.refresh.failure_backoff_min = 0;                  // none by definition
  p.refresh.failure_backoff_max = 0;                  // none by definition
  p.retry.attempts_max = 1;                           // "no retries"
  p.retry.backoff_base = 0;                           // not applicable: no retries
  p.retry.backoff_cap = 0;                            // not applicable
  p.retry.jitter = JitterKind::none;                  // not applicable
  p.retry.schedule = {};                              // not applicable
  p.retry.retry_on = 0;                               // "no retries"
  p.retry.gone_attempts_max = 0;                      // not applicable
  p.retry.gone_delay = 0;                             // not applicable
  p.attempt_timeout = seconds(5);                     // (idsim choice: 5 s)
  p.single_flight = false;                            // (idsim choice: no coordination in the anti-pattern)
  p.static_stability.enabled = false;                 // no extension
  p.requests_per_fetch = 1;                           // docs/presets.md: the flavor's wire format (approximation: 1; set 3 for aws-imds, ref §2.1)
  return p;
}

struct PresetEntry {
  std::string_view name;
  ClientPolicy (*build)();
};

// Alphabetical: preset_names() returns this order.
constexpr std::array<PresetEntry, 15> kPresets{{
    {"aws-sdk-go-v2", aws_sdk_go_v2},
    {"aws-sdk-js-v3", aws_sdk_js_v3},
    {"aws-sdk-js-v3-default-chain", aws_sdk_js_v3_default_chain},
    {"azure-identity-js", azure_identity_js},
    {"azure-identity-js-bare", azure_identity_js_bare},
    {"azure-identity-python", azure_identity_python},
    {"azure-sdk-cpp", azure_sdk_cpp},
    {"botocore", botocore},
    {"google-auth-node", google_auth_node},
    {"google-auth-python", google_auth_python},
    {"kubelet", kubelet},
    {"msal-dotnet", msal_dotnet},
    {"msal-go", msal_go},
    {"naive-lazy", naive_lazy},
    {"no-cache", no_cache},
}};

}  // namespace

const std::vector<std::string>& preset_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> list;
    list.reserve(kPresets.size());
    for (const PresetEntry& entry : kPresets) list.emplace_back(entry.name);
    return list;
  }();
  return names;
}

std::optional<ClientPolicy> find_preset(std::string_view name) {
  for (const PresetEntry& entry : kPresets) {
    if (entry.name == name) return entry.build();
  }
  return std::nullopt;
}

}  // namespace models
