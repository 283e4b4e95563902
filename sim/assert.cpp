#include "sim/assert.h"

#include <cstdio>
#include <cstdlib>

namespace sim {
namespace {
thread_local std::string context_text;
}

void set_failure_context(std::string context) { context_text = std::move(context); }
const std::string& failure_context() { return context_text; }

void assert_fail(const char* expr, const char* file, int line, const char* message) {
  std::fprintf(stderr, "idsim: invariant broken: %s at %s:%d %s\n", expr, file, line, message);
  if (!context_text.empty()) std::fprintf(stderr, "idsim: replay with: %s\n", context_text.c_str());
  std::fflush(stderr);
  std::abort();
}

}  // namespace sim
