// Structured logs on stderr: one JSON object per line, written whole (never
// interleaved between threads). Access lines look like
//   {"ts":"2024-05-01T12:00:00.123Z","remote":"127.0.0.1","method":"GET",
//    "target":"/x","status":200,"bytes":123,"ms":0.4}
// and other events like {"ts":"…Z","level":"warn","msg":"…"}.
#ifndef UNKNOT_SERVER_APP_ACCESS_LOG_H_
#define UNKNOT_SERVER_APP_ACCESS_LOG_H_

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace unknot::server {

struct AccessLogEntry {
  std::chrono::system_clock::time_point ts;
  std::string remote;  // peer IP address
  std::string method;
  std::string target;  // as received
  int status = 0;
  std::size_t bytes = 0;  // response body bytes sent (0 for HEAD and 304)
  double ms = 0;          // from request read to response written
};

// UTC, millisecond precision: "2024-05-01T12:00:00.123Z".
std::string FormatTimestamp(std::chrono::system_clock::time_point ts);

// The JSON line for `entry`, without the trailing newline. Invalid UTF-8 in
// the target is replaced, never thrown on.
std::string FormatAccessLog(const AccessLogEntry& entry);

// Writes `entry` / an event to stderr as one line.
void LogAccess(const AccessLogEntry& entry);
void LogEvent(std::string_view level, std::string_view message);

}  // namespace unknot::server

#endif  // UNKNOT_SERVER_APP_ACCESS_LOG_H_
