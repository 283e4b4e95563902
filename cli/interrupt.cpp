#include "cli/interrupt.h"

#include <csignal>

namespace cli {

namespace {

// Both lock-free (asserted by sim::BasicSimulator for the flag), so the handler may store.
std::atomic<bool> g_flag{false};
std::atomic<int> g_signal{0};
static_assert(std::atomic<int>::is_always_lock_free);

extern "C" void on_interrupt(int signal) {
  int none = 0;
  g_signal.compare_exchange_strong(none, signal);  // the first signal names the exit code
  g_flag.store(true);
}

}  // namespace

void install_interrupt_handlers() {
  static const bool installed = [] {
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    // Restart interrupted system calls: writes, fsync and thread joins go on undisturbed; the
    // flag is what stops the work.
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    return true;
  }();
  (void)installed;
}

const std::atomic<bool>& interrupt_flag() { return g_flag; }
bool interrupted() { return g_flag.load(); }
int interrupt_signal() { return g_signal.load(); }

const char* interrupt_signal_name() {
  switch (g_signal.load()) {
    case SIGINT: return "SIGINT";
    case SIGTERM: return "SIGTERM";
    default: return "no signal";
  }
}

int interrupted_exit_code() { return 128 + g_signal.load(); }

}  // namespace cli
