#include "faults/fault_spec.h"

#include <array>

namespace faults {

namespace {
constexpr std::array<std::string_view, kFaultKindCount> kNames{
    "imds_block",      "imds_throttle", "imds_latency",   "sts_outage",
    "sts_latency",     "sts_throttle",  "network_partition", "identity_delete",
    "role_revoke",     "role_grant",    "ttl_change",     "clock_skew",
    "restart",         "scale",         "audience_mismatch", "issuer_mismatch"};
}  // namespace

std::string_view to_string(FaultKind kind) { return kNames[static_cast<std::size_t>(kind)]; }

std::optional<FaultKind> parse_fault_kind(std::string_view name) {
  for (std::size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == name) return static_cast<FaultKind>(i);
  return std::nullopt;
}

}  // namespace faults
