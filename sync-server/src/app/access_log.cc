#include "app/access_log.h"

#include <cmath>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <nlohmann/json.hpp>

namespace unknot::server {
namespace {

using nlohmann::ordered_json;

std::string Dump(const ordered_json& j) {
  return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

void WriteLine(std::string line) {
  static std::mutex mu;
  line.push_back('\n');
  std::lock_guard<std::mutex> lock(mu);
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

}  // namespace

std::string FormatTimestamp(std::chrono::system_clock::time_point ts) {
  using namespace std::chrono;
  const auto ms_total = duration_cast<milliseconds>(ts.time_since_epoch());
  const std::time_t secs =
      static_cast<std::time_t>(duration_cast<seconds>(ms_total).count());
  long ms = static_cast<long>(ms_total.count() % 1000);
  std::time_t whole = secs;
  if (ms < 0) {  // before 1970: keep the fraction positive
    ms += 1000;
    whole -= 1;
  }
  std::tm tm{};
  gmtime_r(&whole, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ",
                tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                tm.tm_min, tm.tm_sec, ms);
  return buf;
}

std::string FormatAccessLog(const AccessLogEntry& entry) {
  ordered_json j;
  j["ts"] = FormatTimestamp(entry.ts);
  j["remote"] = entry.remote;
  j["method"] = entry.method;
  j["target"] = entry.target;
  j["status"] = entry.status;
  j["bytes"] = entry.bytes;
  j["ms"] = std::round(entry.ms * 1000.0) / 1000.0;
  return Dump(j);
}

void LogAccess(const AccessLogEntry& entry) {
  WriteLine(FormatAccessLog(entry));
}

void LogEvent(std::string_view level, std::string_view message) {
  ordered_json j;
  j["ts"] = FormatTimestamp(std::chrono::system_clock::now());
  j["level"] = level;
  j["msg"] = message;
  WriteLine(Dump(j));
}

}  // namespace unknot::server
