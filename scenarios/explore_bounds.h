#pragma once
// The bounds of `idsim explore` (docs/explore.md): which fault kinds the seed may draw, how
// many per run, when, how long and how strong — the scenario's optional `explore` section,
// with the defaults it leaves out filled in.
#include <cstdint>
#include <vector>

#include "faults/fault_spec.h"
#include "sim/time.h"

namespace scenarios {

inline constexpr std::uint32_t kExploreFaultsMax = 10;  // per drawn schedule

// What one kind may draw. Only the fields of the kind's own parameters are read.
struct KindBounds {
  faults::FaultKind kind = faults::FaultKind::sts_outage;
  sim::Ticks duration_min = sim::minutes(1);   // every kind with a `duration`
  sim::Ticks duration_max = sim::minutes(30);
  double fraction_min = 1;                     // sts_outage: failed share; restart: instances
  double fraction_max = 1;
  double rate_min_per_s = 0.5;                 // imds_throttle, sts_throttle
  double rate_max_per_s = 5;
  sim::Ticks latency_min = sim::milliseconds(500);  // imds_latency, sts_latency
  sim::Ticks latency_max = sim::seconds(5);
  sim::Ticks offset_max = sim::minutes(10);    // clock_skew: |offset|
  sim::Ticks ttl_min = sim::minutes(5);        // ttl_change
  sim::Ticks ttl_max = sim::hours(1);
  sim::Ticks spread_max = sim::minutes(5);     // restart: spread in [0, spread_max]
  sim::Ticks recreate_after_min = sim::minutes(1);  // identity_delete
  sim::Ticks recreate_after_max = sim::minutes(10);
  bool reassign_roles = true;                  // identity_delete
  double scale_min = 0.5;                      // scale: the new size as a factor of the fleet's
  double scale_max = 2;
};

struct ExploreBounds {
  std::uint32_t faults_max = 3;                // 1..kExploreFaultsMax faults per run
  sim::Ticks at_min = 0;                       // faults start within [at_min, at_max]
  sim::Ticks at_max = 0;                       // 0 here = the end of the run (the loader sets it)
  sim::Ticks grain = sim::minutes(1);          // times are drawn and shrunk in whole grains
  std::vector<KindBounds> kinds;               // in FaultKind order, each kind at most once
  // The scenario's own faults stay, as faults[0..n-1], and the drawn ones follow them; false:
  // the drawn schedule replaces them (docs/explore.md, "On top of a scripted incident").
  bool keep_faults = false;
};

// The defaults of one kind, with the section-wide duration bounds.
KindBounds default_kind_bounds(faults::FaultKind kind, sim::Ticks duration_min,
                               sim::Ticks duration_max);

// The kinds drawn when the section names none: the token path's infrastructure faults, which a
// robust client is expected to ride out. Faults that change configuration on purpose (roles,
// identities, TTL, audience, issuer, scale) and clock skew break expectations by design and
// are drawn only when named.
const std::vector<faults::FaultKind>& default_explore_kinds();

// Which parameters a kind draws (beyond `at`): the keys its bounds may set.
struct KindParams {
  bool lasts = true;        // has a duration (duration_min, duration_max)
  bool selects_nodes = false;  // takes a node selector (drawn, narrowed when shrinking)
  bool fraction = false;    // fraction_min, fraction_max
  bool rate = false;        // rate_min_per_s, rate_max_per_s
  bool latency = false;     // latency_min, latency_max
  bool offset = false;      // offset_max
  bool ttl = false;         // ttl_min, ttl_max
  bool spread = false;      // spread_max
  bool recreate = false;    // recreate_after_min, recreate_after_max, reassign_roles
  bool scale = false;       // scale_min, scale_max
};
KindParams kind_params(faults::FaultKind kind);

}  // namespace scenarios
