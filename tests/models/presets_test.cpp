// Client presets: each carries the reference values of its SDK (docs/presets.md).
#include "models/presets.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "models/client_policy.h"
#include "models/fetch_status.h"

namespace models {
namespace {

using sim::hours;
using sim::milliseconds;
using sim::minutes;
using sim::seconds;

ClientPolicy preset(std::string_view name) {
  const std::optional<ClientPolicy> policy = find_preset(name);
  if (!policy) ADD_FAILURE() << "no preset " << name;
  return policy.value_or(ClientPolicy{});
}

bool retries(const ClientPolicy& p, FetchStatus status) {
  return (p.retry.retry_on & status_bit(status)) != 0;
}

// ---- Where each reads the expiry from (ref §3.2, §3.3: google-auth adds expires_in to its
// clock; ref §1.1, §1.5, §5.1, §7 "Clock skew": the others compare an absolute expiry) --------

TEST(Presets, OnlyTheGoogleClientsReadExpiresIn) {
  for (const std::string& name : preset_names()) {
    const bool google = name == "google-auth-python" || name == "google-auth-node";
    EXPECT_EQ(preset(name).expiry_from,
              google ? ExpirySource::expires_in : ExpirySource::expires_on)
        << name;
  }
}

// ---- The set of presets --------------------------------------------------------------------

TEST(Presets, NamesAreTheFifteenPresetsInAlphabeticalOrder) {
  const std::vector<std::string> expected = {
      "aws-sdk-go-v2",     "aws-sdk-js-v3",      "aws-sdk-js-v3-default-chain",
      "azure-identity-js", "azure-identity-js-bare", "azure-identity-python",
      "azure-sdk-cpp",     "botocore",           "google-auth-node",
      "google-auth-python", "kubelet",           "msal-dotnet",
      "msal-go",           "naive-lazy",         "no-cache"};
  EXPECT_EQ(preset_names(), expected);
  EXPECT_TRUE(std::is_sorted(preset_names().begin(), preset_names().end()));
}

TEST(Presets, EveryNameIsFoundAndCarriesItsName) {
  for (const std::string& name : preset_names()) {
    const std::optional<ClientPolicy> policy = find_preset(name);
    ASSERT_TRUE(policy.has_value()) << name;
    EXPECT_EQ(policy->preset, name);
  }
}

TEST(Presets, EveryPresetPassesThePolicyCheck) {
  for (const std::string& name : preset_names()) {
    EXPECT_EQ(check_policy(preset(name)), "") << name;
  }
}

TEST(Presets, UnknownNameIsNotFound) {
  EXPECT_FALSE(find_preset("msal-java").has_value());
  EXPECT_FALSE(find_preset("").has_value());
  EXPECT_FALSE(find_preset("MSAL-DOTNET").has_value());
}

TEST(Presets, NoPresetInvalidatesOn401OrFallsBackToASecret) {
  for (const std::string& name : preset_names()) {
    const ClientPolicy p = preset(name);
    EXPECT_FALSE(p.invalidate_on_401) << name;
    EXPECT_FALSE(p.secret_fallback) << name;
  }
}

// ---- Azure ---------------------------------------------------------------------------------

TEST(Presets, MsalDotnetRefreshesAtHalfLifeWithFiveMinuteBufferAndImdsRetrySchedule) {
  const ClientPolicy p = preset("msal-dotnet");
  EXPECT_EQ(p.cache, CacheScope::instance);
  EXPECT_EQ(p.refresh.mode, RefreshMode::lazy);
  EXPECT_FALSE(p.refresh.blocking);  // background refresh
  EXPECT_DOUBLE_EQ(p.refresh.fraction, 0.5);
  EXPECT_EQ(p.refresh.fraction_lifetime_min, hours(2));
  EXPECT_EQ(p.refresh.lead, 0);
  EXPECT_EQ(p.refresh.jitter_min, seconds(-300));
  EXPECT_EQ(p.refresh.jitter_max, seconds(299));
  EXPECT_EQ(p.refresh.expiry_buffer, minutes(5));
  EXPECT_EQ(p.retry.attempts_max, 4u);
  EXPECT_EQ(p.retry.schedule, (std::vector<sim::Ticks>{seconds(1), seconds(2), seconds(4)}));
  EXPECT_EQ(p.retry.jitter, JitterKind::none);
  EXPECT_EQ(p.retry.gone_attempts_max, 8u);
  EXPECT_EQ(p.retry.gone_delay, seconds(10));
  for (FetchStatus s : {FetchStatus::not_found, FetchStatus::gone, FetchStatus::throttled,
                        FetchStatus::server_error, FetchStatus::timeout}) {
    EXPECT_TRUE(retries(p, s)) << to_string(s);
  }
  EXPECT_FALSE(retries(p, FetchStatus::bad_request));
  EXPECT_EQ(p.attempt_timeout, seconds(60));
  EXPECT_FALSE(p.single_flight);
  EXPECT_FALSE(p.static_stability.enabled);
  EXPECT_EQ(p.requests_per_fetch, 1u);
}

TEST(Presets, MsalGoRefreshesAtHalfLifeAndTriesThreeTimesOneSecondApart) {
  const ClientPolicy p = preset("msal-go");
  EXPECT_DOUBLE_EQ(p.refresh.fraction, 0.5);
  EXPECT_EQ(p.refresh.fraction_lifetime_min, hours(2));
  EXPECT_EQ(p.refresh.jitter_min, 0);
  EXPECT_EQ(p.refresh.jitter_max, 0);
  EXPECT_TRUE(p.refresh.blocking);
  EXPECT_EQ(p.refresh.expiry_buffer, minutes(5));
  EXPECT_EQ(p.retry.attempts_max, 3u);
  EXPECT_EQ(p.retry.schedule, std::vector<sim::Ticks>{seconds(1)});
  EXPECT_EQ(p.retry.gone_attempts_max, 0u);
  EXPECT_TRUE(retries(p, FetchStatus::not_found));
  EXPECT_TRUE(retries(p, FetchStatus::gone));
  EXPECT_TRUE(retries(p, FetchStatus::throttled));
  EXPECT_TRUE(retries(p, FetchStatus::server_error));
  EXPECT_FALSE(retries(p, FetchStatus::bad_request));
  EXPECT_EQ(p.attempt_timeout, minutes(1));
  EXPECT_TRUE(p.single_flight);
  EXPECT_FALSE(p.static_stability.enabled);
}

TEST(Presets, AzureIdentityPythonRefreshesFiveMinutesEarlyAndRetriesFiveTimesFromZero) {
  const ClientPolicy p = preset("azure-identity-python");
  EXPECT_EQ(p.refresh.lead, seconds(300));
  EXPECT_DOUBLE_EQ(p.refresh.fraction, 0.5);
  EXPECT_EQ(p.refresh.fraction_lifetime_min, hours(2) - 1);  // L >= 2 h
  EXPECT_TRUE(p.refresh.blocking);
  EXPECT_EQ(p.refresh.expiry_buffer, 0);
  EXPECT_EQ(p.refresh.failure_backoff_min, seconds(30));
  EXPECT_EQ(p.refresh.failure_backoff_max, seconds(30));
  EXPECT_EQ(p.retry.attempts_max, 6u);
  EXPECT_EQ(p.retry.schedule, (std::vector<sim::Ticks>{0, milliseconds(1600), milliseconds(3200),
                                                       milliseconds(6400), milliseconds(12800)}));
  EXPECT_EQ(p.retry.gone_attempts_max, 6u);
  EXPECT_EQ(p.retry.gone_delay * 5, seconds(75));  // 75 s in all, as the 0/5/10/20/40 s steps
  EXPECT_TRUE(retries(p, FetchStatus::not_found));
  EXPECT_TRUE(retries(p, FetchStatus::gone));
  EXPECT_TRUE(retries(p, FetchStatus::throttled));
  EXPECT_TRUE(retries(p, FetchStatus::server_error));
  EXPECT_FALSE(retries(p, FetchStatus::bad_request));
  EXPECT_EQ(p.attempt_timeout, seconds(2));
  EXPECT_FALSE(p.single_flight);
}

TEST(Presets, AzureIdentityJsRefreshesInBackgroundTwoMinutesEarlyWithNoTimeout) {
  const ClientPolicy p = preset("azure-identity-js");
  EXPECT_EQ(p.refresh.lead, minutes(2));
  EXPECT_DOUBLE_EQ(p.refresh.fraction, 0.5);
  EXPECT_EQ(p.refresh.fraction_lifetime_min, hours(2));
  EXPECT_FALSE(p.refresh.blocking);
  EXPECT_EQ(p.refresh.expiry_buffer, seconds(1));
  EXPECT_EQ(p.refresh.failure_backoff_min, seconds(3));
  EXPECT_EQ(p.refresh.failure_backoff_max, seconds(3));
  EXPECT_EQ(p.refresh.jitter_min, 0);
  EXPECT_EQ(p.refresh.jitter_max, 0);
  EXPECT_EQ(p.retry.attempts_max, 4u);
  EXPECT_EQ(p.retry.backoff_base, seconds(1));
  EXPECT_EQ(p.retry.backoff_cap, seconds(64));
  EXPECT_EQ(p.retry.jitter, JitterKind::equal);
  EXPECT_TRUE(p.retry.schedule.empty());
  EXPECT_EQ(p.retry.gone_attempts_max, 6u);
  EXPECT_TRUE(retries(p, FetchStatus::server_error));
  EXPECT_TRUE(retries(p, FetchStatus::not_found));
  EXPECT_TRUE(retries(p, FetchStatus::gone));
  EXPECT_FALSE(retries(p, FetchStatus::throttled));  // no Retry-After in the model
  EXPECT_EQ(p.attempt_timeout, 0);                   // none
  EXPECT_TRUE(p.single_flight);
  EXPECT_FALSE(p.static_stability.enabled);
}

TEST(Presets, AzureIdentityJsBareBlocksFiveMinutesEarlyWithoutSingleFlight) {
  const ClientPolicy p = preset("azure-identity-js-bare");
  EXPECT_EQ(p.refresh.lead, seconds(300));
  EXPECT_DOUBLE_EQ(p.refresh.fraction, 0.5);
  EXPECT_EQ(p.refresh.fraction_lifetime_min, hours(2));
  EXPECT_TRUE(p.refresh.blocking);
  EXPECT_EQ(p.refresh.expiry_buffer, seconds(300));
  EXPECT_EQ(p.refresh.jitter_max - p.refresh.jitter_min, 0);
  EXPECT_EQ(p.retry.attempts_max, 4u);
  EXPECT_EQ(p.retry.backoff_base, seconds(1));
  EXPECT_EQ(p.retry.jitter, JitterKind::equal);
  EXPECT_EQ(p.attempt_timeout, 0);
  EXPECT_FALSE(p.single_flight);
  EXPECT_FALSE(p.static_stability.enabled);
}

TEST(Presets, AzureSdkCppRenewsAtHalfLifeWithTwoMinuteMarginAndRetries5xxOnly) {
  const ClientPolicy p = preset("azure-sdk-cpp");
  EXPECT_DOUBLE_EQ(p.refresh.fraction, 0.5);
  EXPECT_EQ(p.refresh.fraction_lifetime_min, hours(2) - 1);  // L >= 2 h
  EXPECT_EQ(p.refresh.lead, minutes(2));
  EXPECT_EQ(p.refresh.expiry_buffer, minutes(2));
  EXPECT_TRUE(p.refresh.blocking);
  EXPECT_EQ(p.retry.attempts_max, 4u);
  EXPECT_EQ(p.retry.backoff_base, milliseconds(800));
  EXPECT_EQ(p.retry.backoff_cap, seconds(60));
  EXPECT_TRUE(retries(p, FetchStatus::server_error));
  EXPECT_FALSE(retries(p, FetchStatus::not_found));
  EXPECT_FALSE(retries(p, FetchStatus::gone));
  EXPECT_FALSE(retries(p, FetchStatus::throttled));
  EXPECT_EQ(p.attempt_timeout, seconds(60));
  EXPECT_TRUE(p.single_flight);
}

// ---- AWS -----------------------------------------------------------------------------------

TEST(Presets, BotocoreRefreshesFifteenMinutesEarlyAndFailsFromTenMinutes) {
  const ClientPolicy p = preset("botocore");
  EXPECT_EQ(p.refresh.lead, minutes(15));          // advisory window
  EXPECT_FALSE(p.refresh.blocking);
  EXPECT_EQ(p.refresh.expiry_buffer, minutes(10));  // mandatory window
  EXPECT_DOUBLE_EQ(p.refresh.fraction, 0);
  EXPECT_EQ(p.retry.attempts_max, 1u);
  EXPECT_EQ(p.attempt_timeout, seconds(1));
  EXPECT_TRUE(p.single_flight);
  EXPECT_FALSE(p.static_stability.enabled);         // stale documents only
  EXPECT_EQ(p.static_stability.extension_min, minutes(17));
  EXPECT_EQ(p.static_stability.extension_max, minutes(25));
  EXPECT_EQ(p.requests_per_fetch, 3u);
}

TEST(Presets, AwsSdkJsV3ExtendsExpiredCredentialsByFiveToTenMinutes) {
  const ClientPolicy p = preset("aws-sdk-js-v3");
  EXPECT_EQ(p.refresh.lead, seconds(300));
  EXPECT_DOUBLE_EQ(p.refresh.fraction, 0);
  EXPECT_EQ(p.refresh.expiry_buffer, 0);
  EXPECT_EQ(p.retry.attempts_max, 1u);
  EXPECT_EQ(p.retry.retry_on, 0u);
  EXPECT_EQ(p.attempt_timeout, seconds(1));
  EXPECT_TRUE(p.single_flight);
  EXPECT_TRUE(p.static_stability.enabled);
  EXPECT_EQ(p.static_stability.extension_min, seconds(300));
  EXPECT_EQ(p.static_stability.extension_max, seconds(600));
  EXPECT_EQ(p.requests_per_fetch, 3u);
}

TEST(Presets, AwsSdkJsV3DefaultChainRefreshesInBackgroundWithoutStaticStability) {
  const ClientPolicy p = preset("aws-sdk-js-v3-default-chain");
  EXPECT_EQ(p.refresh.lead, seconds(300));
  EXPECT_FALSE(p.refresh.blocking);
  EXPECT_EQ(p.refresh.expiry_buffer, 0);
  EXPECT_EQ(p.retry.attempts_max, 1u);
  EXPECT_EQ(p.attempt_timeout, seconds(1));
  EXPECT_FALSE(p.static_stability.enabled);
  EXPECT_EQ(p.requests_per_fetch, 3u);
}

TEST(Presets, AwsSdkGoV2BacksOffFiveToTenMinutesAndExtendsFiveToFifteen) {
  const ClientPolicy p = preset("aws-sdk-go-v2");
  EXPECT_EQ(p.refresh.lead, minutes(15));
  EXPECT_EQ(p.refresh.expiry_buffer, 0);
  EXPECT_EQ(p.refresh.failure_backoff_min, seconds(300));
  EXPECT_EQ(p.refresh.failure_backoff_max, seconds(600));
  EXPECT_EQ(p.retry.attempts_max, 3u);
  EXPECT_EQ(p.retry.backoff_cap, seconds(1));
  EXPECT_EQ(p.retry.jitter, JitterKind::full);
  EXPECT_TRUE(retries(p, FetchStatus::server_error));
  EXPECT_TRUE(retries(p, FetchStatus::throttled));
  EXPECT_TRUE(retries(p, FetchStatus::timeout));
  EXPECT_EQ(p.attempt_timeout, milliseconds(500));
  EXPECT_TRUE(p.single_flight);
  EXPECT_TRUE(p.static_stability.enabled);
  EXPECT_EQ(p.static_stability.extension_min, minutes(5));
  EXPECT_EQ(p.static_stability.extension_max, minutes(15));
  EXPECT_EQ(p.requests_per_fetch, 3u);
}

// ---- GCP -----------------------------------------------------------------------------------

TEST(Presets, GoogleAuthPythonRefreshesAtThreeMinutesFortyFiveAndBacksOffFromOneSecond) {
  const ClientPolicy p = preset("google-auth-python");
  EXPECT_EQ(p.refresh.lead, minutes(3) + seconds(45));
  EXPECT_EQ(p.refresh.expiry_buffer, seconds(225));
  EXPECT_TRUE(p.refresh.blocking);
  EXPECT_EQ(p.retry.attempts_max, 5u);
  EXPECT_EQ(p.retry.backoff_base, seconds(1));
  EXPECT_GE(p.retry.backoff_cap, seconds(8));  // never binds on the four waits 1, 2, 4, 8 s
  EXPECT_TRUE(retries(p, FetchStatus::server_error));
  EXPECT_TRUE(retries(p, FetchStatus::throttled));
  EXPECT_TRUE(retries(p, FetchStatus::timeout));
  EXPECT_FALSE(retries(p, FetchStatus::not_found));
  EXPECT_FALSE(retries(p, FetchStatus::gone));
  EXPECT_EQ(p.attempt_timeout, seconds(3));
  EXPECT_FALSE(p.static_stability.enabled);
}

TEST(Presets, GoogleAuthNodeRefreshesFiveMinutesEarlyWithFixedRetrySchedule) {
  const ClientPolicy p = preset("google-auth-node");
  EXPECT_EQ(p.refresh.lead, seconds(300));
  EXPECT_EQ(p.refresh.expiry_buffer, seconds(300));
  EXPECT_TRUE(p.refresh.blocking);
  EXPECT_EQ(p.retry.attempts_max, 4u);
  EXPECT_EQ(p.retry.schedule, (std::vector<sim::Ticks>{milliseconds(100), milliseconds(500),
                                                       milliseconds(1500)}));
  EXPECT_EQ(p.retry.jitter, JitterKind::none);
  EXPECT_TRUE(retries(p, FetchStatus::server_error));
  EXPECT_TRUE(retries(p, FetchStatus::throttled));
  EXPECT_FALSE(retries(p, FetchStatus::not_found));
  EXPECT_FALSE(retries(p, FetchStatus::gone));
  EXPECT_FALSE(retries(p, FetchStatus::timeout));
  EXPECT_EQ(p.attempt_timeout, seconds(3));
  EXPECT_TRUE(p.single_flight);
}

// ---- Kubernetes and anti-patterns ----------------------------------------------------------

TEST(Presets, KubeletRotatesAtEightyPercentUpToTenSecondsEarly) {
  const ClientPolicy p = preset("kubelet");
  EXPECT_EQ(p.cache, CacheScope::node);
  EXPECT_EQ(p.refresh.mode, RefreshMode::proactive);
  EXPECT_DOUBLE_EQ(p.refresh.fraction, 0.8);
  EXPECT_EQ(p.refresh.lead, 0);
  EXPECT_EQ(p.refresh.jitter_min, seconds(-10));
  EXPECT_EQ(p.refresh.jitter_max, 0);
  EXPECT_FALSE(p.refresh.blocking);
  EXPECT_EQ(p.refresh.expiry_buffer, 0);
  EXPECT_EQ(p.refresh.failure_backoff_min, seconds(60));
  EXPECT_EQ(p.retry.attempts_max, 1u);
  EXPECT_EQ(p.attempt_timeout, seconds(10));
  EXPECT_FALSE(p.static_stability.enabled);
}

TEST(Presets, NoCacheFetchesOnEveryCallOnce) {
  const ClientPolicy p = preset("no-cache");
  EXPECT_EQ(p.cache, CacheScope::none);
  EXPECT_EQ(p.retry.attempts_max, 1u);
  EXPECT_EQ(p.retry.retry_on, 0u);
  EXPECT_FALSE(p.single_flight);
  EXPECT_EQ(p.attempt_timeout, seconds(5));
  EXPECT_FALSE(p.static_stability.enabled);
}

TEST(Presets, NaiveLazyRefreshesOnlyAtExpiryWithoutRetries) {
  const ClientPolicy p = preset("naive-lazy");
  EXPECT_EQ(p.cache, CacheScope::instance);
  EXPECT_EQ(p.refresh.mode, RefreshMode::lazy);
  EXPECT_DOUBLE_EQ(p.refresh.fraction, 0);
  EXPECT_EQ(p.refresh.lead, 0);
  EXPECT_EQ(p.refresh.jitter_min, 0);
  EXPECT_EQ(p.refresh.jitter_max, 0);
  EXPECT_EQ(p.refresh.expiry_buffer, 0);
  EXPECT_TRUE(p.refresh.blocking);
  EXPECT_EQ(p.retry.attempts_max, 1u);
  EXPECT_EQ(p.retry.retry_on, 0u);
  EXPECT_EQ(p.attempt_timeout, seconds(5));
  EXPECT_FALSE(p.static_stability.enabled);
}

// ---- check_policy and to_string ------------------------------------------------------------

TEST(PolicyCheck, NamesTheFieldThatIsOutOfRange) {
  ClientPolicy p;
  EXPECT_EQ(check_policy(p), "");
  p.retry.attempts_max = 0;
  EXPECT_EQ(check_policy(p), "retry.attempts_max must be at least 1");
  p.retry.attempts_max = 101;
  EXPECT_EQ(check_policy(p), "retry.attempts_max must be at most 100");

  p = ClientPolicy{};
  p.refresh.fraction = 1.0;
  EXPECT_NE(check_policy(p).find("refresh.fraction"), std::string::npos);
  p = ClientPolicy{};
  p.refresh.jitter_min = seconds(1);
  EXPECT_NE(check_policy(p).find("refresh.jitter_min"), std::string::npos);
  p = ClientPolicy{};
  p.retry.backoff_cap = -1;
  EXPECT_NE(check_policy(p).find("retry.backoff_cap"), std::string::npos);
  p = ClientPolicy{};
  p.refresh.failure_backoff_min = seconds(2);
  p.refresh.failure_backoff_max = seconds(1);
  EXPECT_NE(check_policy(p).find("refresh.failure_backoff_min"), std::string::npos);
  p = ClientPolicy{};
  p.static_stability.extension_min = seconds(2);
  p.static_stability.extension_max = seconds(1);
  EXPECT_NE(check_policy(p).find("static_stability.extension_min"), std::string::npos);
  p = ClientPolicy{};
  p.requests_per_fetch = 11;
  EXPECT_NE(check_policy(p).find("requests_per_fetch"), std::string::npos);
  p = ClientPolicy{};
  p.attempt_timeout = -1;
  EXPECT_NE(check_policy(p).find("attempt_timeout"), std::string::npos);
  p = ClientPolicy{};
  p.retry.schedule = {seconds(1), -1};
  EXPECT_NE(check_policy(p).find("retry.schedule"), std::string::npos);
  p = ClientPolicy{};
  p.retry.gone_attempts_max = 101;
  EXPECT_NE(check_policy(p).find("retry.gone_attempts_max"), std::string::npos);
}

TEST(FetchStatusText, NamesEachStatusAsTheWireDoes) {
  EXPECT_EQ(to_string(FetchStatus::ok), "ok");
  EXPECT_EQ(to_string(FetchStatus::bad_request), "400");
  EXPECT_EQ(to_string(FetchStatus::not_found), "404");
  EXPECT_EQ(to_string(FetchStatus::gone), "410");
  EXPECT_EQ(to_string(FetchStatus::throttled), "429");
  EXPECT_EQ(to_string(FetchStatus::server_error), "5xx");
  EXPECT_EQ(to_string(FetchStatus::timeout), "timeout");
}

}  // namespace
}  // namespace models
