#include "scenarios/explore_bounds.h"

namespace scenarios {

using faults::FaultKind;

KindParams kind_params(FaultKind kind) {
  KindParams p;
  switch (kind) {
    case FaultKind::imds_block:
    case FaultKind::network_partition: p.selects_nodes = true; break;
    case FaultKind::imds_throttle: p.selects_nodes = p.rate = true; break;
    case FaultKind::imds_latency: p.selects_nodes = p.latency = true; break;
    case FaultKind::sts_outage: p.fraction = true; break;
    case FaultKind::sts_latency: p.latency = true; break;
    case FaultKind::sts_throttle: p.rate = true; break;
    case FaultKind::identity_delete: p.lasts = false; p.recreate = true; break;
    case FaultKind::role_revoke:
    case FaultKind::role_grant: break;
    case FaultKind::ttl_change: p.ttl = true; break;
    case FaultKind::clock_skew: p.selects_nodes = p.offset = true; break;
    case FaultKind::restart: p.lasts = false; p.fraction = p.spread = true; break;
    case FaultKind::scale: p.scale = true; break;
    case FaultKind::audience_mismatch:
    case FaultKind::issuer_mismatch: break;
  }
  return p;
}

KindBounds default_kind_bounds(FaultKind kind, sim::Ticks duration_min, sim::Ticks duration_max) {
  KindBounds b;
  b.kind = kind;
  b.duration_min = duration_min;
  b.duration_max = duration_max;
  if (kind == FaultKind::restart) b.fraction_min = 0.1;  // a tenth of the fleet up to all of it
  if (kind == FaultKind::sts_throttle) {
    b.rate_min_per_s = 1;  // the whole STS, not one node
    b.rate_max_per_s = 50;
  }
  return b;
}

const std::vector<FaultKind>& default_explore_kinds() {
  static const std::vector<FaultKind> kinds{
      FaultKind::imds_block,  FaultKind::imds_throttle, FaultKind::imds_latency,
      FaultKind::sts_outage,  FaultKind::sts_latency,   FaultKind::sts_throttle,
      FaultKind::network_partition, FaultKind::restart};
  return kinds;
}

}  // namespace scenarios
