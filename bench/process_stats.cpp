#include "bench/process_stats.h"

#include <sys/resource.h>

#include "sim/assert.h"

namespace bench {

double peak_rss_mib() {
  rusage usage{};
  const int result = getrusage(RUSAGE_SELF, &usage);
  SIM_ASSERT_MSG(result == 0, "getrusage failed");
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux reports KiB
}

}  // namespace bench
