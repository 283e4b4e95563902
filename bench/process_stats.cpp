#include "bench/process_stats.h"

#include <sys/resource.h>

#include "sim/assert.h"

namespace bench {

namespace {

rusage self_usage() {
  rusage usage{};
  const int result = getrusage(RUSAGE_SELF, &usage);
  SIM_ASSERT_MSG(result == 0, "getrusage failed");
  return usage;
}

double to_seconds(const timeval& t) {
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6;
}

}  // namespace

double cpu_s() {
  const rusage usage = self_usage();
  return to_seconds(usage.ru_utime) + to_seconds(usage.ru_stime);
}

double peak_rss_mib() {
  const rusage usage = self_usage();
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux reports KiB
}

}  // namespace bench
