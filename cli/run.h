// The `unknot` program as a function: parse, dispatch, report.
#ifndef UNKNOT_CLI_RUN_H_
#define UNKNOT_CLI_RUN_H_

#include <ostream>
#include <string>
#include <vector>

#include "unknot/env.h"
#include "unknot/status.h"

namespace unknot::cli {

// Exit statuses (docs/cli.md). Scripts rely on them: never renumber.
constexpr int kExitOk = 0;
constexpr int kExitRefused = 1;  // input refused: kInvalid/kNotFound/...
constexpr int kExitUsage = 2;    // "usage", "unknown-command"
constexpr int kExitIoError = 3;  // kIOError, kCorruption

// The exit status for a failed (or ok) Status.
int ExitCodeFor(const Status& status);

// Runs one command line (`args` without the program name). Results go to
// `out`; on failure the first line written to `err` is
// "error: <code>: <message>". Returns the exit status.
int Run(const std::vector<std::string>& args, Env* env, std::ostream& out,
        std::ostream& err);

}  // namespace unknot::cli

#endif  // UNKNOT_CLI_RUN_H_
