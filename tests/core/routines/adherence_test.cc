// Schedules, the today list, adherence and streaks (docs/routines.md), on
// the pure functions: local days, missed days, rest days, DST and travel.
#include <gtest/gtest.h>

#include "unknot/routines.h"
#include "unknot/time_util.h"

namespace unknot {
namespace {

const int64_t kMon = DaysFromCivil(2026, 11, 23);  // a Monday

Schedule Daily(const std::string& routine, int minute, int64_t since = 0) {
  Schedule s;
  s.routine_id = routine;
  s.start_minute = minute;
  s.since_day = since;
  s.id = ScheduleId(s);
  return s;
}

// A session ending at local `hour`:`minute` of `day`, logged at `offset`.
Session At(const std::string& routine, int64_t day, int hour, int minute = 0,
           int offset = 0) {
  Session s;
  s.routine_id = routine;
  s.at_ms = (day * 86400 + hour * 3600 + minute * 60 - offset * 60) * 1000;
  s.tz_offset_minutes = offset;
  s.steps_total = s.steps_done = 1;
  return s;
}

TEST(ScheduleTest, WeekdaysAndParsing) {
  EXPECT_EQ(WeekdayOf(kMon), 0);
  EXPECT_EQ(WeekdayOf(DaysFromCivil(1970, 1, 1)), 3);    // Thursday
  EXPECT_EQ(WeekdayOf(DaysFromCivil(1969, 12, 28)), 6);  // Sunday, before 1970
  int days = 0;
  ASSERT_TRUE(ParseScheduleDays("mon,wed,sun", &days).ok());
  EXPECT_EQ(days, 1 | 4 | 64);
  ASSERT_TRUE(ParseScheduleDays("weekdays", &days).ok());
  EXPECT_EQ(days, kWeekdays);
  EXPECT_EQ(ParseScheduleDays("mon,,tue", &days).code(), "invalid-schedule");
  EXPECT_EQ(ParseScheduleDays("monday", &days).code(), "invalid-schedule");
  int minute = 0;
  ASSERT_TRUE(ParseClockTime("08:05", &minute).ok());
  EXPECT_EQ(minute, 485);
  EXPECT_EQ(ParseClockTime("24:00", &minute).code(), "invalid-schedule");
  EXPECT_EQ(ParseClockTime("8:00", &minute).code(), "invalid-schedule");
  EXPECT_EQ(FormatClockTime(1439), "23:59");
}

TEST(ScheduleTest, EveryFortyFiveMinutesInWorkingHoursOnWeekdays) {
  Schedule s = Daily("posture_check", 9 * 60);
  s.days = kWeekdays;
  s.every_minutes = 45;
  s.end_minute = 17 * 60;
  ASSERT_TRUE(ValidateSchedule(s).ok());
  std::vector<int> times = ScheduleTimesOn(s, kMon);
  ASSERT_EQ(times.size(), 11u);  // 09:00 ... 16:30
  EXPECT_EQ(times.front(), 540);
  EXPECT_EQ(times.back(), 990);
  EXPECT_TRUE(ScheduleTimesOn(s, kMon + 5).empty());  // Saturday
  EXPECT_EQ(DescribeSchedule(s), "weekdays every 45 min 09:00-17:00");
  EXPECT_EQ(DescribeSchedule(Daily("x", 480)), "daily at 08:00");
}

TEST(ScheduleTest, ValidationCodesAndDerivedIds) {
  Schedule ok = Daily("deep_breathing", 480);
  auto code = [&](auto change) {
    Schedule s = ok;
    change(&s);
    return ValidateSchedule(s).code();
  };
  EXPECT_EQ(code([](Schedule*) {}), "");
  EXPECT_EQ(code([](Schedule* s) { s->days = 0; }), "invalid-schedule");
  EXPECT_EQ(code([](Schedule* s) { s->days = 128; }), "invalid-schedule");
  EXPECT_EQ(code([](Schedule* s) { s->start_minute = 1440; }),
            "invalid-schedule");
  EXPECT_EQ(code([](Schedule* s) { s->every_minutes = 30; }),
            "invalid-schedule");  // without until
  EXPECT_EQ(code([](Schedule* s) {
              s->every_minutes = 4;
              s->end_minute = 600;
            }),
            "invalid-schedule");
  EXPECT_EQ(code([](Schedule* s) {
              s->every_minutes = 30;
              s->end_minute = 400;
            }),
            "invalid-schedule");  // until before start
  EXPECT_EQ(code([](Schedule* s) {
              s->start_minute = 0;
              s->every_minutes = 5;
              s->end_minute = 1435;
            }),
            "invalid-schedule");  // 288 a day
  EXPECT_EQ(code([](Schedule* s) { s->routine_id = ""; }), "invalid-schedule");
  // Same schedule, same id (since_day is not part of it); another time,
  // another id.
  Schedule later = ok;
  later.since_day = 99;
  EXPECT_EQ(ScheduleId(later), ScheduleId(ok));
  later.start_minute = 481;
  EXPECT_NE(ScheduleId(later), ScheduleId(ok));
  EXPECT_EQ(ScheduleId(ok).size(), 17u);
}

TEST(TodayListTest, SessionsMarkOccurrencesInOrderAndDueFollowsTheClock) {
  Schedule posture = Daily("posture_check", 9 * 60);
  posture.every_minutes = 180;
  posture.end_minute = 15 * 60;  // 09:00 12:00 15:00
  posture.id = ScheduleId(posture);
  Schedule stretch = Daily("stretch_upper_trapezius", 8 * 60);
  std::vector<Session> sessions = {
      At("posture_check", kMon, 8, 30),            // early counts for 09:00
      At("stretch_upper_trapezius", kMon - 1, 8),  // yesterday: not today
      At("deep_breathing", kMon, 7)};              // not scheduled
  std::vector<TodayItem> items =
      TodayList({posture, stretch}, sessions, {kMon, 12 * 60});
  ASSERT_EQ(items.size(), 4u);
  auto text = [](const TodayItem& i) {
    return FormatClockTime(i.minute) + " " + i.routine_id +
           (i.done  ? " done"
            : i.due ? " due"
                    : " later");
  };
  EXPECT_EQ(text(items[0]), "08:00 stretch_upper_trapezius due");
  EXPECT_EQ(text(items[1]), "09:00 posture_check done");
  EXPECT_EQ(text(items[2]), "12:00 posture_check due");  // minute <= now
  EXPECT_EQ(text(items[3]), "15:00 posture_check later");
  // Not before the schedule existed, not when removed.
  Schedule future = Daily("heat_lower_back", 600, kMon + 1);
  Schedule removed = Daily("heat_neck_shoulders", 600);
  removed.deleted = true;
  EXPECT_TRUE(TodayList({future, removed}, {}, {kMon, 700}).empty());
}

TEST(AdherenceTest, DailyScheduleWithMissedDays) {
  Schedule daily = Daily("stretch_upper_trapezius", 8 * 60, kMon - 27);
  std::vector<Session> sessions;
  // Done every day of the last 28 except kMon-3 and kMon-10.
  for (int64_t d = kMon - 27; d <= kMon; ++d) {
    if (d == kMon - 3 || d == kMon - 10) continue;
    sessions.push_back(At("stretch_upper_trapezius", d, 8, 10));
  }
  Adherence a = ComputeAdherence({daily}, sessions, {kMon, 20 * 60});
  EXPECT_EQ(a.last_7_days.planned, 7);
  EXPECT_EQ(a.last_7_days.done, 6);
  EXPECT_EQ(a.last_7_days.percent, 85);  // floor(600 / 7)
  EXPECT_EQ(a.last_28_days.planned, 28);
  EXPECT_EQ(a.last_28_days.done, 26);
  EXPECT_EQ(a.last_28_days.session_days, 26);
  EXPECT_EQ(a.current_streak, 3);   // kMon-2 .. kMon
  EXPECT_EQ(a.longest_streak, 17);  // kMon-27 .. kMon-11
  EXPECT_EQ(a.total_sessions, 26);
  EXPECT_EQ(a.last_session_day, kMon);
  EXPECT_EQ(AdherenceToJson(a),
            R"({"today":"2026-11-23","last_7_days":{"days":7,"planned":7,)"
            R"("done":6,"percent":85,"session_days":6,"sessions":6},)"
            R"("last_28_days":{"days":28,"planned":28,"done":26,"percent":92,)"
            R"("session_days":26,"sessions":26},"current_streak":3,)"
            R"("longest_streak":17,"total_sessions":26,)"
            R"("last_session_date":"2026-11-23"})");
}

TEST(AdherenceTest, TodayIsNotMissedBeforeItIsOver) {
  Schedule daily = Daily("deep_breathing", 20 * 60, kMon - 5);
  std::vector<Session> sessions;
  for (int64_t d = kMon - 5; d < kMon; ++d) {
    sessions.push_back(At("deep_breathing", d, 20, 5));
  }
  // 10:00: today's 20:00 is not due yet; the streak stands at 5.
  Adherence morning = ComputeAdherence({daily}, sessions, {kMon, 600});
  EXPECT_EQ(morning.current_streak, 5);
  EXPECT_EQ(morning.last_7_days.planned, 5);
  // 21:00 without a session: due and not done, but today is not over.
  Adherence night = ComputeAdherence({daily}, sessions, {kMon, 21 * 60});
  EXPECT_EQ(night.current_streak, 5);
  EXPECT_EQ(night.last_7_days.planned, 6);
  EXPECT_EQ(night.last_7_days.done, 5);
  // Done early (07:00) counts for today and extends the streak.
  sessions.push_back(At("deep_breathing", kMon, 7));
  Adherence early = ComputeAdherence({daily}, sessions, {kMon, 600});
  EXPECT_EQ(early.current_streak, 6);
  EXPECT_EQ(early.last_7_days.planned, 6);
  EXPECT_EQ(early.last_7_days.done, 6);
  // The next day, yesterday missed breaks it.
  Adherence next =
      ComputeAdherence({daily}, {sessions.begin(), sessions.end() - 1},
                       {kMon + 1, 21 * 60 + 30});
  EXPECT_EQ(next.current_streak, 0);
  EXPECT_EQ(next.longest_streak, 5);
}

TEST(AdherenceTest, RestDaysOfAWeekdayScheduleNeitherCountNorBreak) {
  Schedule weekdays = Daily("posture_check", 10 * 60, kMon - 7);
  weekdays.days = kWeekdays;
  std::vector<Session> sessions;
  for (int64_t d = kMon - 7; d <= kMon; ++d) {
    if (WeekdayOf(d) < 5) sessions.push_back(At("posture_check", d, 10, 1));
  }
  Adherence a = ComputeAdherence({weekdays}, sessions, {kMon, 11 * 60});
  EXPECT_EQ(a.current_streak, 6);  // 5 weekdays + today; weekend skipped
  // A session on the weekend counts as a kept day.
  sessions.push_back(At("deep_breathing", kMon - 1, 9));
  EXPECT_EQ(
      ComputeAdherence({weekdays}, sessions, {kMon, 11 * 60}).current_streak,
      7);
}

TEST(AdherenceTest, SeveralTimesADayNeedAllOfThemForAKeptDay) {
  Schedule posture = Daily("posture_check", 9 * 60, kMon - 1);
  posture.every_minutes = 240;
  posture.end_minute = 17 * 60;  // 09:00 13:00 17:00
  std::vector<Session> sessions = {At("posture_check", kMon - 1, 9),
                                   At("posture_check", kMon - 1, 13),
                                   At("posture_check", kMon - 1, 13, 5),
                                   At("posture_check", kMon - 1, 13, 6)};
  Adherence a = ComputeAdherence({posture}, sessions, {kMon, 8 * 60});
  EXPECT_EQ(a.last_7_days.planned, 3);
  EXPECT_EQ(a.last_7_days.done, 3);  // extra sessions do not exceed planned
  EXPECT_EQ(a.last_7_days.sessions, 4);
  EXPECT_EQ(a.current_streak, 1);
  sessions.pop_back();
  sessions.pop_back();  // two of three
  Adherence b = ComputeAdherence({posture}, sessions, {kMon, 8 * 60});
  EXPECT_EQ(b.last_7_days.done, 2);
  EXPECT_EQ(b.last_7_days.percent, 66);
  EXPECT_EQ(b.current_streak, 0);
}

TEST(AdherenceTest, WithoutSchedulesStreaksAreConsecutiveSessionDays) {
  std::vector<Session> sessions = {At("heat_lower_back", kMon - 4, 9),
                                   At("heat_lower_back", kMon - 2, 9),
                                   At("heat_lower_back", kMon - 1, 9)};
  Adherence a = ComputeAdherence({}, sessions, {kMon, 600});
  EXPECT_EQ(a.last_7_days.planned, 0);
  EXPECT_FALSE(a.last_7_days.percent.has_value());  // never "0 %"
  EXPECT_EQ(a.last_7_days.session_days, 3);
  EXPECT_EQ(a.current_streak, 2);  // today not over; kMon-3 broke it before
  EXPECT_EQ(a.longest_streak, 2);
  Adherence empty = ComputeAdherence({}, {}, {kMon, 600});
  EXPECT_EQ(empty.current_streak, 0);
  EXPECT_EQ(empty.total_sessions, 0);
  EXPECT_NE(AdherenceToJson(empty).find(R"("percent":null)"),
            std::string::npos);
}

TEST(AdherenceTest, SessionsStayOnTheirOwnLocalDateAcrossTimeZonesAndDst) {
  Schedule daily = Daily("stretch_calf", 22 * 60, kMon - 2);
  // 23:30 in Paris (+01:00) is 22:30 UTC the same day; 23:30 in New York
  // (-05:00) is 04:30 UTC the next day. Each counts on its own local date.
  std::vector<Session> sessions = {At("stretch_calf", kMon - 2, 23, 30, 60),
                                   At("stretch_calf", kMon - 1, 23, 30, -300)};
  Adherence a = ComputeAdherence({daily}, sessions, {kMon, 6 * 60});
  EXPECT_EQ(a.last_7_days.done, 2);
  EXPECT_EQ(a.current_streak, 2);
  // Spring forward (Europe, 2026-03-29): a session at 03:30 +02:00 is on
  // the 29th, one at 01:30 +01:00 the same day too — two sessions that day.
  int64_t dst = DaysFromCivil(2026, 3, 29);
  Schedule twice = Daily("deep_breathing", 60, dst);
  twice.every_minutes = 120;
  twice.end_minute = 180;  // 01:00 and 03:00 local wall time
  std::vector<Session> around = {At("deep_breathing", dst, 1, 30, 60),
                                 At("deep_breathing", dst, 3, 30, 120)};
  Adherence d = ComputeAdherence({twice}, around, {dst, 12 * 60});
  EXPECT_EQ(d.last_7_days.planned, 2);
  EXPECT_EQ(d.last_7_days.done, 2);
  // A session logged for a future day does not count yet.
  Adherence f =
      ComputeAdherence({}, {At("deep_breathing", kMon + 1, 9)}, {kMon, 600});
  EXPECT_EQ(f.total_sessions, 0);
}

TEST(AdherenceTest, LocalNowSplitsDayAndMinute) {
  // 2026-11-23T23:30:00-05:00 = 2026-11-24T04:30Z.
  int64_t ms = (DaysFromCivil(2026, 11, 24) * 86400 + 4 * 3600 + 1800) * 1000;
  LocalNow now = LocalNowAt(ms, -300);
  EXPECT_EQ(now.day, kMon);
  EXPECT_EQ(now.minute, 23 * 60 + 30);
  LocalNow utc = LocalNowAt(ms, 0);
  EXPECT_EQ(utc.day, kMon + 1);
  EXPECT_EQ(utc.minute, 270);
}

}  // namespace
}  // namespace unknot
