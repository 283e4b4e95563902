#pragma once
// Invariant checks that stay on in every build. A broken invariant is a bug in idsim:
// it prints where, what, and the run's context (scenario and seed) so it can be replayed.
#include <string>

namespace sim {

// The context printed with a failed invariant: set per thread by whoever starts a run.
void set_failure_context(std::string context);
const std::string& failure_context();

[[noreturn]] void assert_fail(const char* expr, const char* file, int line, const char* message);

}  // namespace sim

#define SIM_ASSERT(expr)                                                          \
  do {                                                                            \
    if (!(expr)) [[unlikely]]                                                     \
      ::sim::assert_fail(#expr, __FILE__, __LINE__, "");                          \
  } while (0)

#define SIM_ASSERT_MSG(expr, message)                                             \
  do {                                                                            \
    if (!(expr)) [[unlikely]]                                                     \
      ::sim::assert_fail(#expr, __FILE__, __LINE__, (message));                   \
  } while (0)
