#pragma once
// SIGINT and SIGTERM during `idsim run` or `idsim sweep` (docs/reliability.md): the handler only
// raises a flag; the simulations poll it before every event, the sweep before every run, so
// the process stops within one event, writes no incomplete result and exits 130 or 143.
#include <atomic>

namespace cli {

// Installs the handlers for SIGINT and SIGTERM (once; later calls do nothing).
void install_interrupt_handlers();

// Raised by the first SIGINT or SIGTERM; hand it to scenarios::RunOptions::stop_flag.
const std::atomic<bool>& interrupt_flag();
bool interrupted();

// The signal that raised the flag (0 when none), its name, and the exit code for it (128 + n).
int interrupt_signal();
const char* interrupt_signal_name();
int interrupted_exit_code();

}  // namespace cli
