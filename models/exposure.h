#pragma once
// How long a revoked role kept working: per revocation, when the change reached the target's
// view (propagation) and the last call the target still allowed (the exposure window).
#include <vector>

#include "sim/time.h"

namespace models {

class World;

struct RevocationExposure {
  std::size_t change = 0;         // index in Iam::changes()
  sim::Ticks revoked_at = 0;
  sim::Ticks propagated_at = -1;  // -1: had not reached the target by the end of the run
  sim::Ticks last_allowed_at = -1;  // the last ok call after the revocation (-1: none)
  // last_allowed_at − revoked_at, or 0 when no call was allowed after the revocation.
  sim::Ticks exposure() const {
    return last_allowed_at > revoked_at ? last_allowed_at - revoked_at : 0;
  }
};

std::vector<RevocationExposure> revocation_exposures(World& world);

}  // namespace models
