#include "app/access_log.h"

#include <gtest/gtest.h>

namespace unknot::server {
namespace {

using std::chrono::milliseconds;
using std::chrono::system_clock;

TEST(AccessLogTest, OneJsonLineWithFieldsInOrder) {
  AccessLogEntry e;
  e.ts = system_clock::time_point(milliseconds(1714564800123));
  e.remote = "127.0.0.1";
  e.method = "GET";
  e.target = "/x?q=\"1\"";
  e.status = 200;
  e.bytes = 123;
  e.ms = 0.41234;
  EXPECT_EQ(FormatAccessLog(e),
            R"({"ts":"2024-05-01T12:00:00.123Z","remote":"127.0.0.1",)"
            R"("method":"GET","target":"/x?q=\"1\"","status":200,)"
            R"("bytes":123,"ms":0.412})");
}

TEST(AccessLogTest, InvalidUtf8InTargetDoesNotThrow) {
  AccessLogEntry e;
  e.target = "/\xff\xfe";
  EXPECT_NE(FormatAccessLog(e).find(R"("target":"/)"), std::string::npos);
}

TEST(AccessLogTest, TimestampIsUtcWithMilliseconds) {
  EXPECT_EQ(FormatTimestamp(system_clock::time_point(milliseconds(5))),
            "1970-01-01T00:00:00.005Z");
}

}  // namespace
}  // namespace unknot::server
