#include "unknot/time_util.h"

#include <string>

#include "gtest/gtest.h"
#include "unknot/env.h"

namespace unknot {
namespace {

constexpr int64_t kMsPerMinute = 60 * 1000;
constexpr int64_t kMsPerDay = 24 * 60 * kMsPerMinute;
// 2026-11-24T08:30:00Z.
constexpr int64_t kNov24 = 1795509000000;

// Parses `text` and prints the result as "<utc>@<offset>", or the error code,
// so a failure reads as what the parser made of the text.
std::string Parse(std::string_view text, Env* env) {
  int64_t utc = -1;
  int offset = -1;
  Status s = ParseIsoTime(text, env, &utc, &offset);
  if (!s.ok()) return s.code();
  return FormatUtcMillis(utc) + "@" + std::to_string(offset);
}

std::string ParseUtc(std::string_view text) {
  FakeEnv env(0, 42, /*offset_minutes=*/0);
  return Parse(text, &env);
}

// Paris in 2026: +01:00 until 2026-03-29T01:00Z, then +02:00.
class DstEnv : public FakeEnv {
 public:
  static constexpr int64_t kSwitch = 1774746000000;
  int UtcOffsetMinutes(int64_t utc_ms) override {
    return utc_ms < kSwitch ? 60 : 120;
  }
};

TEST(TimeUtilTest, DaysFromCivilKnownDays) {
  EXPECT_EQ(0, DaysFromCivil(1970, 1, 1));
  EXPECT_EQ(-1, DaysFromCivil(1969, 12, 31));
  EXPECT_EQ(11017, DaysFromCivil(2000, 3, 1));
  EXPECT_EQ(19782, DaysFromCivil(2024, 2, 29));
  EXPECT_EQ(20781, DaysFromCivil(2026, 11, 24));
  EXPECT_EQ(-719162, DaysFromCivil(1, 1, 1));
  EXPECT_EQ(2932896, DaysFromCivil(9999, 12, 31));
}

TEST(TimeUtilTest, FormatDate) {
  EXPECT_EQ("1970-01-01", FormatDate(0));
  EXPECT_EQ("1969-12-31", FormatDate(-1));
  EXPECT_EQ("2024-02-29", FormatDate(19782));
  EXPECT_EQ("0001-01-01", FormatDate(-719162));
  EXPECT_EQ("9999-12-31", FormatDate(2932896));
}

TEST(TimeUtilTest, DateRoundTripOverFourCenturies) {
  // Every day from 1800 to 2200 (covers 1900 and 2100, not leap; 2000, leap).
  for (int64_t day = DaysFromCivil(1800, 1, 1);
       day <= DaysFromCivil(2200, 12, 31); ++day) {
    const std::string text = FormatDate(day);
    int64_t parsed = 0;
    ASSERT_TRUE(ParseLocalDate(text, &parsed).ok()) << text;
    ASSERT_EQ(day, parsed) << text;
  }
}

TEST(TimeUtilTest, LeapYears) {
  int64_t day = 0;
  EXPECT_TRUE(ParseLocalDate("2024-02-29", &day).ok());
  EXPECT_EQ(19782, day);
  EXPECT_TRUE(ParseLocalDate("2000-02-29", &day).ok());
  EXPECT_EQ("invalid-date", ParseLocalDate("2025-02-29", &day).code());
  EXPECT_EQ("invalid-date", ParseLocalDate("1900-02-29", &day).code());
  EXPECT_EQ("invalid-date", ParseLocalDate("2100-02-29", &day).code());
  EXPECT_EQ("2024-02-29T12:00:00.000Z@0", ParseUtc("2024-02-29T12:00Z"));
  EXPECT_EQ("invalid-time", ParseUtc("2026-02-29T12:00Z"));
}

TEST(TimeUtilTest, ParseLocalDateErrors) {
  int64_t day = 7;
  for (const char* bad :
       {"", "2026", "2026-1-01", "2026-13-01", "2026-00-10", "2026-04-31",
        "2026-01-32", "2026-01-00", "2026-01-01T00:00", " 2026-01-01",
        "2026-01-01 ", "20260101", "2026/01/01", "２026-01-01"}) {
    Status s = ParseLocalDate(bad, &day);
    EXPECT_EQ("invalid-date", s.code()) << bad;
    EXPECT_TRUE(s.IsInvalid()) << bad;
  }
  EXPECT_EQ(7, day);  // untouched on error
  Status s = ParseLocalDate("2026-13-01", &day);
  EXPECT_NE(std::string::npos, s.message().find("\"2026-13-01\""))
      << s.message();
}

TEST(TimeUtilTest, ParseWithOffsets) {
  EXPECT_EQ("2026-11-24T08:30:00.000Z@0", ParseUtc("2026-11-24T08:30:00Z"));
  EXPECT_EQ("2026-11-24T08:30:00.000Z@0", ParseUtc("2026-11-24T08:30z"));
  EXPECT_EQ("2026-11-24T08:30:15.250Z@60",
            ParseUtc("2026-11-24T09:30:15.250+01:00"));
  EXPECT_EQ("2026-11-24T08:30:00.000Z@60", ParseUtc("2026-11-24T09:30+0100"));
  EXPECT_EQ("2026-11-24T14:00:00.000Z@-330",
            ParseUtc("2026-11-24T08:30-05:30"));
  EXPECT_EQ("2026-11-23T14:30:00.000Z@1080",
            ParseUtc("2026-11-24T08:30+18:00"));
  EXPECT_EQ("2026-11-25T02:30:00.000Z@-1080",
            ParseUtc("2026-11-24T08:30-18:00"));
  EXPECT_EQ("2026-11-24T08:30:00.000Z@0", ParseUtc("2026-11-24T08:30-00:00"));
  EXPECT_EQ("2026-11-24T08:30:00.000Z@0", ParseUtc("2026-11-24 08:30Z"));
}

TEST(TimeUtilTest, ParseFractions) {
  EXPECT_EQ("2026-11-24T08:30:15.500Z@0", ParseUtc("2026-11-24T08:30:15.5Z"));
  EXPECT_EQ("2026-11-24T08:30:15.050Z@0", ParseUtc("2026-11-24T08:30:15.05Z"));
  EXPECT_EQ("2026-11-24T08:30:15.123Z@0",
            ParseUtc("2026-11-24T08:30:15.123456789Z"));
  EXPECT_EQ("2026-11-24T08:30:15.999Z@0",
            ParseUtc("2026-11-24T08:30:15.9999Z"));  // truncated, not rounded
  EXPECT_EQ("invalid-time", ParseUtc("2026-11-24T08:30:15.1234567890Z"));
  EXPECT_EQ("invalid-time", ParseUtc("2026-11-24T08:30:15.Z"));
  EXPECT_EQ("invalid-time", ParseUtc("2026-11-24T08:30.5Z"));
}

TEST(TimeUtilTest, ParseRefusesOutOfRangeFields) {
  for (const char* bad : {
           "2026-11-24T24:00Z",       // hour
           "2026-11-24T23:60Z",       // minute
           "2026-11-24T23:59:60Z",    // leap second: refused, not clamped
           "2026-13-24T10:00Z",       // month
           "2026-00-24T10:00Z",       // month
           "2026-11-31T10:00Z",       // day
           "2026-11-24T10:00+18:01",  // offset beyond 18:00
           "2026-11-24T10:00+19:00",  // offset beyond 18:00
           "2026-11-24T10:00+01:60",  // offset minutes
       }) {
    EXPECT_EQ("invalid-time", ParseUtc(bad)) << bad;
  }
}

TEST(TimeUtilTest, ParseRefusesMalformedText) {
  for (const char* bad : {
           "",
           "now",
           "2026-11-24T",
           "2026-11-24T9:30",
           "2026-11-24T09",
           "2026-11-24T09:3",
           "2026-11-24T09:30:1",
           "2026-11-24X09:30",
           "2026-11-24T09:30+1",
           "2026-11-24T09:30+01:0",
           "2026-11-24T09:30+",
           "2026-11-24T09:30Z ",
           " 2026-11-24T09:30",
           "2026-11-24T09:30ZZ",
           "2026-11-24T09:30:00+01:00x",
           "2026-11-24Z",
           "2026-11-24T09:30 Z",
       }) {
    EXPECT_EQ("invalid-time", ParseUtc(bad)) << "'" << bad << "'";
  }
}

TEST(TimeUtilTest, ParseErrorNamesTheText) {
  FakeEnv env;
  int64_t utc = 5;
  int offset = 6;
  Status s = ParseIsoTime("2026-11-24T25:00", &env, &utc, &offset);
  EXPECT_TRUE(s.IsInvalid());
  EXPECT_EQ("invalid-time", s.code());
  EXPECT_NE(std::string::npos, s.message().find("\"2026-11-24T25:00\""))
      << s.message();
  EXPECT_EQ(5, utc);
  EXPECT_EQ(6, offset);

  // A huge input is quoted only in part.
  const std::string huge(100000, '9');
  s = ParseIsoTime(huge, &env, &utc, &offset);
  EXPECT_EQ("invalid-time", s.code());
  EXPECT_LT(s.message().size(), 200u);
}

TEST(TimeUtilTest, LocalTimeUsesEnvOffset) {
  FakeEnv paris(0, 42, 60);
  EXPECT_EQ("2026-11-24T08:30:00.000Z@60", Parse("2026-11-24T09:30", &paris));
  EXPECT_EQ("2026-11-24T08:30:00.000Z@60",
            Parse("2026-11-24 09:30:00", &paris));
  // A bare date is local midnight.
  EXPECT_EQ("2026-11-23T23:00:00.000Z@60", Parse("2026-11-24", &paris));

  FakeEnv new_york(0, 42, -300);
  EXPECT_EQ("2026-11-24T14:30:00.000Z@-300",
            Parse("2026-11-24T09:30", &new_york));
  // An explicit offset wins over the env's.
  EXPECT_EQ("2026-11-24T08:30:00.000Z@60",
            Parse("2026-11-24T09:30+01:00", &new_york));
}

TEST(TimeUtilTest, LocalTimeAcrossDaylightSavingSwitch) {
  DstEnv env;
  // Before the switch: 01:30 local is still +01:00. A single-step guess
  // (offset at 01:30Z, already +02:00) would say 23:30Z the day before.
  EXPECT_EQ("2026-03-29T00:30:00.000Z@60", Parse("2026-03-29T01:30", &env));
  EXPECT_EQ("2026-03-29T10:00:00.000Z@120", Parse("2026-03-29T12:00", &env));
  EXPECT_EQ("2026-03-28T23:00:00.000Z@60", Parse("2026-03-29", &env));
}

TEST(TimeUtilTest, FormatIsoTime) {
  EXPECT_EQ("2026-11-24T08:30:00Z", FormatIsoTime(kNov24, 0));
  EXPECT_EQ("2026-11-24T09:30:00+01:00", FormatIsoTime(kNov24, 60));
  EXPECT_EQ("2026-11-24T09:30:15.250+01:00", FormatIsoTime(kNov24 + 15250, 60));
  EXPECT_EQ("2026-11-24T03:00:00-05:30", FormatIsoTime(kNov24, -330));
  EXPECT_EQ("2026-11-25T02:30:00+18:00", FormatIsoTime(kNov24, 1080));
  EXPECT_EQ("1969-12-31T23:59:59.999Z", FormatIsoTime(-1, 0));
  EXPECT_EQ("1969-07-20T21:17:40+01:00", FormatIsoTime(-14182940000, 60));
}

TEST(TimeUtilTest, FormatUtcMillis) {
  EXPECT_EQ("1970-01-01T00:00:00.000Z", FormatUtcMillis(0));
  EXPECT_EQ("1969-12-31T23:59:59.999Z", FormatUtcMillis(-1));
  EXPECT_EQ("2026-11-24T08:30:00.000Z", FormatUtcMillis(kNov24));
  EXPECT_EQ("2026-11-24T08:30:15.250Z", FormatUtcMillis(kNov24 + 15250));
  // Fixed width: sorts as text like the instants themselves.
  EXPECT_LT(FormatUtcMillis(kNov24 + 999), FormatUtcMillis(kNov24 + 1000));
}

TEST(TimeUtilTest, FormatParseRoundTrip) {
  FakeEnv env;
  const int offsets[] = {0, 60, -60, 330, -330, 345, 840, -720, 1080, -1080};
  for (int64_t utc = -3 * kMsPerDay; utc < 200 * 365 * kMsPerDay;
       utc += 7 * kMsPerDay + 3 * 3600 * 1000 + 61 * 1000 + 17) {
    for (int offset : offsets) {
      const std::string text = FormatIsoTime(utc, offset);
      int64_t parsed = 0;
      int parsed_offset = 0;
      ASSERT_TRUE(ParseIsoTime(text, &env, &parsed, &parsed_offset).ok())
          << text;
      ASSERT_EQ(utc, parsed) << text;
      ASSERT_EQ(offset, parsed_offset) << text;
    }
  }
}

TEST(TimeUtilTest, LocalDay) {
  const int64_t jan1 = 1767225600000;  // 2026-01-01T00:00Z
  EXPECT_EQ("2026-01-01", FormatDate(LocalDay(jan1, 0)));
  EXPECT_EQ("2025-12-31", FormatDate(LocalDay(jan1 + 30 * kMsPerMinute, -60)));
  EXPECT_EQ("2026-01-01", FormatDate(LocalDay(jan1 - 30 * kMsPerMinute, 60)));
  EXPECT_EQ("2025-12-31", FormatDate(LocalDay(jan1 - 1, 0)));
  EXPECT_EQ(-1, LocalDay(-1, 0));
  EXPECT_EQ(0, LocalDay(kMsPerDay - 1, 0));
}

}  // namespace
}  // namespace unknot
