// Shared by the routine, session and schedule commands: small parsers of
// option values and the "now" a command works at. Syntax only; the core
// decides what is valid.
#ifndef UNKNOT_CLI_ROUTINE_OPTIONS_H_
#define UNKNOT_CLI_ROUTINE_OPTIONS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "args.h"
#include "unknot/env.h"
#include "unknot/routines.h"
#include "unknot/status.h"

namespace unknot::cli {

// An optional whole-number option (--pain-before 4). Error code: "usage".
Status ReadIntOption(const ParsedArgs& args, std::string_view name,
                     std::optional<int>* value);

// Parses a --step value: "TEXT" (untimed), "SECONDS:TEXT" or
// "SECONDSxREPS:TEXT" (e.g. "30x3:Tilt your head"). Error code: "usage".
Status ParseStepSpec(std::string_view text, RoutineStep* step);

// The moment a command works at: --at TIME when given, else now with the
// local offset. Error code: "invalid-time".
Status ReadNow(const ParsedArgs& args, Env* env, int64_t* now_ms,
               int* offset_minutes);

// "2026-11-24 09:30 +01:00".
std::string LocalTimeText(int64_t utc_ms, int offset_minutes);

}  // namespace unknot::cli

#endif  // UNKNOT_CLI_ROUTINE_OPTIONS_H_
