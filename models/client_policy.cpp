#include "models/client_policy.h"

#include <string_view>
#include <utility>

namespace models {
namespace {

// "" when 0 <= value <= sim::kTicksMax (the longest duration idsim accepts), else the message.
std::string check_duration(std::string_view field, sim::Ticks value) {
  if (value < 0) return std::string(field) + " must not be negative";
  if (value > sim::kTicksMax) return std::string(field) + " must be at most 100 years";
  return "";
}

// The same for an offset that may be negative (refresh jitter).
std::string check_offset(std::string_view field, sim::Ticks value) {
  if (value < -sim::kTicksMax || value > sim::kTicksMax) {
    return std::string(field) + " must be within ±100 years";
  }
  return "";
}

}  // namespace

std::string check_policy(const ClientPolicy& policy) {
  const RefreshPolicy& refresh = policy.refresh;
  const RetryPolicy& retry = policy.retry;
  const StaticStability& stability = policy.static_stability;

  // Each duration on its own, in declaration order.
  const std::pair<std::string_view, sim::Ticks> durations[] = {
      {"refresh.fraction_lifetime_min", refresh.fraction_lifetime_min},
      {"refresh.lead", refresh.lead},
      {"refresh.expiry_buffer", refresh.expiry_buffer},
      {"refresh.failure_backoff_min", refresh.failure_backoff_min},
      {"refresh.failure_backoff_max", refresh.failure_backoff_max},
      {"retry.backoff_base", retry.backoff_base},
      {"retry.backoff_cap", retry.backoff_cap},
      {"retry.gone_delay", retry.gone_delay},
      {"static_stability.extension_min", stability.extension_min},
      {"static_stability.extension_max", stability.extension_max},
      {"attempt_timeout", policy.attempt_timeout},
  };
  for (const auto& [field, value] : durations) {
    if (std::string error = check_duration(field, value); !error.empty()) return error;
  }
  for (const sim::Ticks delay : retry.schedule) {
    if (std::string error = check_duration("retry.schedule entries", delay); !error.empty()) {
      return error;
    }
  }
  if (std::string error = check_offset("refresh.jitter_min", refresh.jitter_min); !error.empty()) {
    return error;
  }
  if (std::string error = check_offset("refresh.jitter_max", refresh.jitter_max); !error.empty()) {
    return error;
  }

  // Ranges and orderings.
  if (!(refresh.fraction >= 0 && refresh.fraction < 1)) {  // also refuses NaN
    return "refresh.fraction must be in [0, 1)";
  }
  if (refresh.jitter_min > refresh.jitter_max) {
    return "refresh.jitter_min must not exceed refresh.jitter_max";
  }
  if (refresh.failure_backoff_min > refresh.failure_backoff_max) {
    return "refresh.failure_backoff_min must not exceed refresh.failure_backoff_max";
  }
  if (retry.attempts_max < 1) return "retry.attempts_max must be at least 1";
  if (retry.attempts_max > 100) return "retry.attempts_max must be at most 100";
  if (retry.gone_attempts_max > 100) return "retry.gone_attempts_max must be at most 100";
  if (stability.extension_min > stability.extension_max) {
    return "static_stability.extension_min must not exceed static_stability.extension_max";
  }
  if (policy.requests_per_fetch < 1 || policy.requests_per_fetch > 10) {
    return "requests_per_fetch must be in [1, 10]";
  }
  return "";
}

}  // namespace models
