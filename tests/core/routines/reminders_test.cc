// RemindersDue (docs/push.md): each occurrence is reminded of once, only
// when due and not done, and never more than 30 minutes late.
#include <gtest/gtest.h>

#include <string>

#include "unknot/routines.h"
#include "unknot/time_util.h"

namespace unknot {
namespace {

const int64_t kDay = DaysFromCivil(2026, 11, 23);

TodayItem Item(const std::string& schedule, int minute, bool due,
               bool done = false) {
  TodayItem item;
  item.schedule_id = schedule;
  item.routine_id = "r_" + schedule;
  item.minute = minute;
  item.due = due;
  item.done = done;
  return item;
}

// UTC ms of local `minute` on kDay at `offset` minutes east.
int64_t LocalMs(int minute, int offset = 0) {
  return (kDay * 1440 + minute - offset) * 60000;
}

std::string Ids(const std::vector<Reminder>& reminders) {
  std::string out;
  for (const Reminder& r : reminders) {
    out += r.item.schedule_id + "@" + std::to_string(r.item.minute) + " ";
  }
  return out;
}

TEST(RemindersDueTest, DueAndNotDoneOnly) {
  const std::vector<TodayItem> items = {
      Item("a", 8 * 60, true), Item("b", 8 * 60 + 5, true, /*done=*/true),
      Item("c", 8 * 60 + 10, true), Item("d", 9 * 60, false)};
  const auto got = RemindersDue(items, LocalMs(8 * 60 + 12), 0, 0);
  EXPECT_EQ(Ids(got), "a@480 c@490 ");
  EXPECT_EQ(got[0].due_ms, LocalMs(8 * 60));
}

TEST(RemindersDueTest, EachOccurrenceOnceWhateverHowOftenAsked) {
  const std::vector<TodayItem> items = {Item("a", 8 * 60, true),
                                        Item("b", 8 * 60, true)};
  const auto first = RemindersDue(items, LocalMs(8 * 60), 0, 0);
  ASSERT_EQ(Ids(first), "a@480 b@480 ");
  // The sender keeps the newest instant it reminded of.
  EXPECT_EQ(Ids(RemindersDue(items, LocalMs(8 * 60 + 1), 0, first[1].due_ms)),
            "");
}

TEST(RemindersDueTest, NeverMoreThanThirtyMinutesLate) {
  const std::vector<TodayItem> items = {Item("a", 8 * 60, true)};
  EXPECT_EQ(Ids(RemindersDue(items, LocalMs(8 * 60 + 30), 0, 0)), "a@480 ");
  EXPECT_EQ(Ids(RemindersDue(items, LocalMs(8 * 60 + 31), 0, 0)), "");
}

TEST(RemindersDueTest, InstantsFollowTheOffset) {
  // 08:00 at UTC+01:00 is 07:00 UTC; at UTC-05:00 it is 13:00 UTC.
  const std::vector<TodayItem> items = {Item("a", 8 * 60, true)};
  auto got = RemindersDue(items, LocalMs(8 * 60 + 2, 60), 60, 0);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].due_ms, (kDay * 1440 + 7 * 60) * 60000);
  got = RemindersDue(items, LocalMs(8 * 60 + 2, -300), -300, 0);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].due_ms, (kDay * 1440 + 13 * 60) * 60000);
}

TEST(RemindersDueTest, FromTheJournalsTodayList) {
  // The whole chain as the server runs it: schedules and sessions ->
  // TodayList -> RemindersDue.
  Schedule stretch;
  stretch.routine_id = "neck_stretch";
  stretch.start_minute = 8 * 60;
  stretch.since_day = kDay;
  stretch.id = ScheduleId(stretch);
  Schedule posture = stretch;
  posture.routine_id = "posture_check";
  posture.start_minute = 9 * 60;
  posture.end_minute = 17 * 60;
  posture.every_minutes = 45;
  posture.id = ScheduleId(posture);
  Session done;
  done.routine_id = "neck_stretch";
  done.at_ms = LocalMs(7 * 60);  // done early: its reminder is not needed
  done.steps_total = done.steps_done = 1;

  const int64_t now = LocalMs(9 * 60 + 46);
  const auto items = TodayList({stretch, posture}, {done}, LocalNowAt(now, 0));
  // 08:00 was done, 09:00 is over half an hour ago: 09:45 only.
  EXPECT_EQ(Ids(RemindersDue(items, now, 0, 0)), posture.id + "@585 ");
}

}  // namespace
}  // namespace unknot
