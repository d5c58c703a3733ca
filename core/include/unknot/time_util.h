// Instants, offsets and local dates as the journal and its hosts spell them.
// Every instant is UTC milliseconds; every "local" reading carries the UTC
// offset (minutes east) it was read with.
#ifndef UNKNOT_TIME_UTIL_H_
#define UNKNOT_TIME_UTIL_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "unknot/env.h"
#include "unknot/status.h"

namespace unknot {

// Parses ISO 8601: "2026-11-24T09:30", "2026-11-24T09:30:15.250+01:00",
// "2026-11-24T08:30:00Z", "2026-11-24 09:30", or a bare date "2026-11-24"
// (local midnight). Without an offset the time is local, read with
// env->UtcOffsetMinutes. On success sets *utc_ms and *offset_minutes (the
// offset written, or the local one used).
// Error code: "invalid-time".
Status ParseIsoTime(std::string_view text, Env* env, int64_t* utc_ms,
                    int* offset_minutes);

// "2026-11-24T09:30:00+01:00" (seconds always, millis only when non-zero,
// "Z" for offset 0).
std::string FormatIsoTime(int64_t utc_ms, int offset_minutes);

// "2026-11-24T08:30:00.000Z": fixed width, sorts as text.
std::string FormatUtcMillis(int64_t utc_ms);

// Parses a local calendar date "YYYY-MM-DD" into days since 1970-01-01.
// Error code: "invalid-date".
Status ParseLocalDate(std::string_view text, int64_t* days);

// Days since 1970-01-01 of the local date at `utc_ms` seen with `offset`.
int64_t LocalDay(int64_t utc_ms, int offset_minutes);

// "YYYY-MM-DD" of days since 1970-01-01.
std::string FormatDate(int64_t days);

// Days since 1970-01-01 for a proleptic Gregorian y-m-d (no validation).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d);

}  // namespace unknot

#endif  // UNKNOT_TIME_UTIL_H_
