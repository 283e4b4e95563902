// Validator section for a fleet's client: a preset, then any policy field overriding it.
#include "models/presets.h"
#include "scenarios/validate.h"

namespace scenarios::detail {
namespace {

using models::FetchStatus;
constexpr DurationRange kAny{};
constexpr DurationRange kOffset{0, 0, true};

void check_refresh(Checker& k, const Json& r, const std::string& p, models::RefreshPolicy& out) {
  k.keys(r, p, {"mode", "fraction", "fraction_lifetime_min", "lead", "expiry_buffer",
                "jitter_min", "jitter_max", "blocking", "failure_backoff_min",
                "failure_backoff_max"});
  Checker::set(out.mode, k.choice<models::RefreshMode>(
                             r, p, "mode", {{"lazy", models::RefreshMode::lazy},
                                            {"proactive", models::RefreshMode::proactive}}));
  Checker::set(out.fraction, k.number(r, p, "fraction", {0, 1, false, true}));
  Checker::set(out.fraction_lifetime_min, k.duration(r, p, "fraction_lifetime_min", kAny));
  Checker::set(out.lead, k.duration(r, p, "lead", kAny));
  Checker::set(out.expiry_buffer, k.duration(r, p, "expiry_buffer", kAny));
  Checker::set(out.jitter_min, k.duration(r, p, "jitter_min", kOffset));
  Checker::set(out.jitter_max, k.duration(r, p, "jitter_max", kOffset));
  Checker::set(out.blocking, k.boolean(r, p, "blocking"));
  Checker::set(out.failure_backoff_min, k.duration(r, p, "failure_backoff_min", kAny));
  Checker::set(out.failure_backoff_max, k.duration(r, p, "failure_backoff_max", kAny));
}

// "400", 400, "5xx", "timeout", … → the status bit.
std::optional<std::uint32_t> retry_status(const Json& v) {
  static const std::pair<std::string_view, FetchStatus> kStatuses[] = {
      {"400", FetchStatus::bad_request}, {"404", FetchStatus::not_found},
      {"410", FetchStatus::gone},        {"429", FetchStatus::throttled},
      {"5xx", FetchStatus::server_error}, {"timeout", FetchStatus::timeout}};
  std::string text;
  if (v.is_string()) text = v.get<std::string>();
  if (v.is_number_integer()) text = std::to_string(v.get<std::int64_t>());
  for (const auto& [name, status] : kStatuses)
    if (name == text) return models::status_bit(status);
  return std::nullopt;
}

void check_retry_lists(Checker& k, const Json& r, const std::string& p, models::RetryPolicy& out) {
  if (const Json* schedule = k.array(r, p, "schedule", 0, 100)) {
    out.schedule.clear();
    for (std::size_t i = 0; i < schedule->size(); ++i) {
      if (auto d = k.duration_value((*schedule)[i], index_path(child_path(p, "schedule"), i), kAny))
        out.schedule.push_back(*d);
    }
  }
  if (const Json* retry_on = k.array(r, p, "retry_on", 0, 6)) {
    out.retry_on = 0;
    for (std::size_t i = 0; i < retry_on->size(); ++i) {
      if (auto bit = retry_status((*retry_on)[i])) {
        out.retry_on |= *bit;
      } else {
        k.fail(index_path(child_path(p, "retry_on"), i), describe((*retry_on)[i]),
               "one of 400, 404, 410, 429, \"5xx\", \"timeout\"");
      }
    }
  }
}

void check_retry(Checker& k, const Json& r, const std::string& p, models::RetryPolicy& out) {
  k.keys(r, p, {"attempts_max", "backoff_base", "backoff_cap", "gone_delay", "jitter", "schedule",
                "retry_on", "gone_attempts_max"});
  if (auto v = k.integer(r, p, "attempts_max", 1, 100)) out.attempts_max = static_cast<std::uint32_t>(*v);
  Checker::set(out.backoff_base, k.duration(r, p, "backoff_base", kAny));
  Checker::set(out.backoff_cap, k.duration(r, p, "backoff_cap", kAny));
  Checker::set(out.gone_delay, k.duration(r, p, "gone_delay", kAny));
  Checker::set(out.jitter, k.choice<models::JitterKind>(
                               r, p, "jitter",
                               {{"none", models::JitterKind::none}, {"full", models::JitterKind::full},
                                {"equal", models::JitterKind::equal},
                                {"decorrelated", models::JitterKind::decorrelated}}));
  check_retry_lists(k, r, p, out);
  if (auto v = k.integer(r, p, "gone_attempts_max", 0, 100))
    out.gone_attempts_max = static_cast<std::uint32_t>(*v);
}

void check_stability(Checker& k, const Json& s, const std::string& p, models::StaticStability& out) {
  k.keys(s, p, {"enabled", "extension_min", "extension_max"});
  Checker::set(out.enabled, k.boolean(s, p, "enabled"));
  Checker::set(out.extension_min, k.duration(s, p, "extension_min", kAny));
  Checker::set(out.extension_max, k.duration(s, p, "extension_max", kAny));
}

// Reads a sub-object and runs `check` on it when it is one.
template <typename F>
void sub_object(Checker& k, const Json& obj, const std::string& path, std::string_view key, F check) {
  const Json* value = k.get(obj, path, key);
  if (value != nullptr && k.object(*value, child_path(path, key))) check(*value, child_path(path, key));
}

}  // namespace

void check_client(Checker& k, const Json& client, const std::string& p, models::ClientPolicy& out) {
  const std::size_t before = k.error_count();
  k.keys(client, p, {"preset", "cache", "expiry_from", "refresh", "retry", "attempt_timeout",
                     "single_flight", "invalidate_on_401", "secret_fallback", "static_stability",
                     "requests_per_fetch"});
  const std::string presets = one_of(models::preset_names());
  if (const Json* preset = k.get(client, p, "preset", true, presets)) {
    std::optional<models::ClientPolicy> found;
    if (preset->is_string()) found = models::find_preset(preset->get<std::string>());
    if (found) {
      out = *found;
    } else {
      k.fail(child_path(p, "preset"), describe(*preset), presets);
    }
  }
  Checker::set(out.cache, k.choice<models::CacheScope>(client, p, "cache",
                                                       {{"none", models::CacheScope::none},
                                                        {"instance", models::CacheScope::instance},
                                                        {"node", models::CacheScope::node}}));
  Checker::set(out.expiry_from,
               k.choice<models::ExpirySource>(client, p, "expiry_from",
                                              {{"expires_on", models::ExpirySource::expires_on},
                                               {"expires_in", models::ExpirySource::expires_in}}));
  sub_object(k, client, p, "refresh", [&](const Json& r, const std::string& rp) { check_refresh(k, r, rp, out.refresh); });
  sub_object(k, client, p, "retry", [&](const Json& r, const std::string& rp) { check_retry(k, r, rp, out.retry); });
  Checker::set(out.attempt_timeout, k.duration(client, p, "attempt_timeout", kAny));
  Checker::set(out.single_flight, k.boolean(client, p, "single_flight"));
  Checker::set(out.invalidate_on_401, k.boolean(client, p, "invalidate_on_401"));
  Checker::set(out.secret_fallback, k.boolean(client, p, "secret_fallback"));
  sub_object(k, client, p, "static_stability",
             [&](const Json& s, const std::string& sp) { check_stability(k, s, sp, out.static_stability); });
  if (auto v = k.integer(client, p, "requests_per_fetch", 1, 10))
    out.requests_per_fetch = static_cast<std::uint32_t>(*v);
  if (k.error_count() != before) return;
  // Orderings between fields (jitter_min <= jitter_max, …) as the model checks them.
  if (std::string error = models::check_policy(out); !error.empty())
    k.fail(p, "an incoherent policy (" + error + ")",
           "a coherent policy (the preset's values with these overrides)");
}

}  // namespace scenarios::detail
