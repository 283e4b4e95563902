#pragma once
// A randomized workload that exercises the whole kernel (ties, cancels, streams,
// distributions) and digests its trace. `idsim selfcheck` runs it; the determinism
// test runs it twice and compares.
#include <cstdint>

#include "sim/time.h"

namespace sim {

struct SelfCheckOptions {
  std::uint64_t seed = 1;
  std::uint32_t actors = 1000;
  Ticks horizon = hours(1);
  // Event times are rounded to this grid so that many events tie and the tie order matters.
  Ticks grid = milliseconds(100);
};

struct SelfCheckResult {
  std::uint64_t events_dispatched = 0;
  std::uint64_t events_cancelled = 0;
  std::uint64_t records = 0;
  std::uint64_t trace_digest = 0;
};

SelfCheckResult run_self_check(const SelfCheckOptions& options);

}  // namespace sim
