#pragma once

namespace cli {

enum ExitCode : int {
  kExitOk = 0,
  kExitExpectationsFailed = 1,
  kExitBadInput = 2,  // bad scenario, bad flag, unreadable file: nothing was written
  kExitInternal = 3,  // an idsim bug; the message names the seed to replay
  // run and sweep stopped by a signal exit 128 + its number (130 SIGINT, 143 SIGTERM):
  // cli::interrupted_exit_code().
};

}  // namespace cli
