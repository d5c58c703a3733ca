// Journal storage of routines, schedules and sessions: round trips,
// validation codes (nothing stored on error), and merging two devices'
// cells (what sync does): the same schedule lands on one row.
#include <gtest/gtest.h>

#include <memory>

#include "core/storage/cells_test_util.h"
#include "storage/cell_store.h"
#include "storage/sqlite_db.h"
#include "unknot/journal.h"
#include "unknot/time_util.h"
#include "unknot/triage.h"

namespace unknot {
namespace {

constexpr int64_t kDay = 86400000;
const int64_t kToday = DaysFromCivil(2026, 11, 25);
const int64_t kNoon = kToday * kDay + 12 * 3600000;

class RoutineStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { journal_ = OpenAt(":memory:", &env_); }

  static std::unique_ptr<Journal> OpenAt(const std::string& path, Env* env) {
    JournalOptions options;
    options.path = path;
    options.env = env;
    std::unique_ptr<Journal> journal;
    Status s = Journal::Open(options, &journal);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return journal;
  }

  static Routine Mine() {
    Routine r;
    r.title = "Desk reset";
    r.kind = RoutineKind::kPostureCheck;
    r.targets = {"neck", "upper_trapezius"};
    RoutineStep a;
    a.text = "Shoulders back";
    a.seconds = 10;
    a.reps = 2;
    r.steps = {a, RoutineStep{"Breathe out"}};
    return r;
  }

  static Session Done(const std::string& routine, int64_t at_ms) {
    Session s;
    s.routine_id = routine;
    s.at_ms = at_ms;
    s.tz_offset_minutes = 60;
    s.duration_seconds = 300;
    s.steps_done = 1;
    return s;
  }

  FakeEnv env_{kNoon, 3, 60};
  std::unique_ptr<Journal> journal_;
};

TEST_F(RoutineStoreTest, CustomRoutineRoundTripEditDelete) {
  std::string id;
  ASSERT_TRUE(journal_->SaveRoutine(Mine(), &id).ok());
  EXPECT_EQ(id.size(), 33u);
  EXPECT_EQ(id[0], 'r');
  Routine back;
  ASSERT_TRUE(journal_->GetRoutine(id, &back).ok());
  Routine expected = Mine();
  expected.id = id;
  expected.custom = true;
  expected.safety = KindSafetyNotes(RoutineKind::kPostureCheck);
  EXPECT_EQ(RoutineToJson(back), RoutineToJson(expected));

  back.title = "Desk reset 2";
  back.steps.pop_back();
  ASSERT_TRUE(journal_->SaveRoutine(back, &id).ok());
  std::vector<Routine> all;
  ASSERT_TRUE(journal_->ListRoutines(&all).ok());
  ASSERT_EQ(all.size(), RoutineLibrary().size() + 1);
  EXPECT_EQ(all.back().title, "Desk reset 2");
  EXPECT_EQ(all.back().steps.size(), 1u);

  ASSERT_TRUE(journal_->DeleteRoutine(id).ok());
  ASSERT_TRUE(journal_->ListRoutines(&all).ok());
  EXPECT_EQ(all.size(), RoutineLibrary().size());
  ASSERT_TRUE(journal_->GetRoutine(id, &back).ok());
  EXPECT_TRUE(back.deleted);
  std::string sid;
  EXPECT_EQ(journal_->LogSession(Done(id, kNoon), &sid).code(),
            "routine-not-found");
  // Saving it again restores it.
  ASSERT_TRUE(journal_->SaveRoutine(back, &id).ok());
  ASSERT_TRUE(journal_->GetRoutine(id, &back).ok());
  EXPECT_FALSE(back.deleted);
}

TEST_F(RoutineStoreTest, RefusedRoutinesChangeNothing) {
  std::string id;
  Routine bad = Mine();
  bad.targets = {"elbow"};
  EXPECT_EQ(journal_->SaveRoutine(bad, &id).code(), "unknown-body-site");
  Routine builtin = *FindLibraryRoutine("deep_breathing");
  EXPECT_EQ(journal_->SaveRoutine(builtin, &id).code(), "read-only-routine");
  EXPECT_EQ(journal_->DeleteRoutine("deep_breathing").code(),
            "read-only-routine");
  Routine ghost = Mine();
  ghost.id = "r0000";
  EXPECT_EQ(journal_->SaveRoutine(ghost, &id).code(), "routine-not-found");
  EXPECT_EQ(journal_->DeleteRoutine("r0000").code(), "routine-not-found");
  std::vector<Routine> all;
  ASSERT_TRUE(journal_->ListRoutines(&all).ok());
  EXPECT_EQ(all.size(), RoutineLibrary().size());
}

TEST_F(RoutineStoreTest, SessionsRoundTripFilterAndDelete) {
  std::string a, b;
  Session first = Done("stretch_upper_trapezius", kNoon - kDay);
  first.site = "upper_trapezius";
  first.pain_before = 6;
  first.pain_after = 3;
  ASSERT_TRUE(journal_->LogSession(first, &a).ok());
  ASSERT_TRUE(journal_->LogSession(Done("deep_breathing", kNoon), &b).ok());
  std::vector<Session> sessions;
  ASSERT_TRUE(journal_->ListSessions(ListFilter(), &sessions).ok());
  ASSERT_EQ(sessions.size(), 2u);
  EXPECT_EQ(sessions[0].id, a);
  EXPECT_EQ(sessions[0].steps_total, 2);  // the routine's steps
  EXPECT_EQ(sessions[0].steps_done, 1);
  EXPECT_EQ(SessionToJson(sessions[0]),
            R"({"id":")" + a +
                R"(","routine_id":"stretch_upper_trapezius",)"
                R"("at":"2026-11-24T13:00:00+01:00","tz_offset_minutes":60,)"
                R"("local_date":"2026-11-24","steps_done":1,"steps_total":2,)"
                R"("duration_seconds":300,"site":"upper_trapezius",)"
                R"("pain_before":6,"pain_after":3,"deleted":false})");
  EXPECT_FALSE(sessions[1].site.has_value());
  EXPECT_FALSE(sessions[1].pain_before.has_value());

  ListFilter today;
  today.since_day = kToday;
  ASSERT_TRUE(journal_->ListSessions(today, &sessions).ok());
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_EQ(sessions[0].id, b);

  ASSERT_TRUE(journal_->DeleteSession(a).ok());
  ASSERT_TRUE(journal_->ListSessions(ListFilter(), &sessions).ok());
  EXPECT_EQ(sessions.size(), 1u);
  ListFilter all;
  all.include_deleted = true;
  ASSERT_TRUE(journal_->ListSessions(all, &sessions).ok());
  ASSERT_EQ(sessions.size(), 2u);
  EXPECT_TRUE(sessions[0].deleted);
  EXPECT_EQ(journal_->DeleteSession("ffff").code(), "session-not-found");
}

TEST_F(RoutineStoreTest, RefusedSessionsChangeNothing) {
  std::string id;
  Session s = Done("stretch_calf", kNoon);
  s.pain_after = 11;
  EXPECT_EQ(journal_->LogSession(s, &id).code(), "pain-out-of-range");
  s = Done("stretch_calf", kNoon);
  s.steps_done = 3;
  EXPECT_EQ(journal_->LogSession(s, &id).code(), "invalid-steps");
  s = Done("stretch_calf", kNoon);
  s.duration_seconds = -60;
  EXPECT_EQ(journal_->LogSession(s, &id).code(), "invalid-duration");
  s = Done("stretch_calf", kNoon);
  s.site = "knee_cap";
  EXPECT_EQ(journal_->LogSession(s, &id).code(), "unknown-body-site");
  EXPECT_EQ(journal_->LogSession(Done("dance", kNoon), &id).code(),
            "routine-not-found");
  std::vector<Session> sessions;
  ASSERT_TRUE(journal_->ListSessions(ListFilter(), &sessions).ok());
  EXPECT_TRUE(sessions.empty());
}

TEST_F(RoutineStoreTest, SchedulesAreASetWithDerivedIds) {
  Schedule s;
  s.routine_id = "stretch_upper_trapezius";
  s.start_minute = 480;
  std::string id, again;
  ASSERT_TRUE(journal_->AddSchedule(s, &id).ok());
  env_.Advance(kDay);
  ASSERT_TRUE(journal_->AddSchedule(s, &again).ok());
  EXPECT_EQ(again, id);
  std::vector<Schedule> schedules;
  ASSERT_TRUE(journal_->ListSchedules(&schedules).ok());
  ASSERT_EQ(schedules.size(), 1u);
  EXPECT_EQ(schedules[0].since_day, kToday);  // kept from the first add
  EXPECT_EQ(DescribeSchedule(schedules[0]), "daily at 08:00");

  Schedule posture;
  posture.routine_id = "posture_check";
  posture.days = kWeekdays;
  posture.start_minute = 540;
  posture.every_minutes = 45;
  posture.end_minute = 1020;
  ASSERT_TRUE(journal_->AddSchedule(posture, &again).ok());
  ASSERT_TRUE(journal_->ListSchedules(&schedules).ok());
  ASSERT_EQ(schedules.size(), 2u);
  EXPECT_EQ(schedules[0].routine_id, "posture_check");
  EXPECT_EQ(schedules[0].every_minutes, 45);

  ASSERT_TRUE(journal_->RemoveSchedule(id).ok());
  ASSERT_TRUE(journal_->ListSchedules(&schedules).ok());
  EXPECT_EQ(schedules.size(), 1u);
  EXPECT_EQ(journal_->RemoveSchedule(id).code(), "schedule-not-found");
  ASSERT_TRUE(journal_->AddSchedule(s, &again).ok());  // revived
  ASSERT_TRUE(journal_->ListSchedules(&schedules).ok());
  EXPECT_EQ(schedules.size(), 2u);

  Schedule bad = s;
  bad.routine_id = "nope";
  EXPECT_EQ(journal_->AddSchedule(bad, &id).code(), "routine-not-found");
  bad = s;
  bad.days = 0;
  EXPECT_EQ(journal_->AddSchedule(bad, &id).code(), "invalid-schedule");
}

TEST_F(RoutineStoreTest, TodayAndAdherenceFromTheJournal) {
  Schedule s;
  s.routine_id = "deep_breathing";
  s.start_minute = 8 * 60;
  std::string id;
  ASSERT_TRUE(journal_->AddSchedule(s, &id).ok());
  ASSERT_TRUE(journal_->LogSession(Done("deep_breathing", kNoon), &id).ok());
  std::vector<TodayItem> items;
  ASSERT_TRUE(journal_->GetToday(kNoon, 60, &items).ok());
  ASSERT_EQ(items.size(), 1u);
  EXPECT_TRUE(items[0].done);
  Adherence a;
  ASSERT_TRUE(journal_->GetAdherence(kNoon, 60, &a).ok());
  EXPECT_EQ(a.today, kToday);
  EXPECT_EQ(a.last_7_days.planned, 1);
  EXPECT_EQ(a.last_7_days.done, 1);
  EXPECT_EQ(a.current_streak, 1);
}

// Copies every cell of `from` into `to` with last-writer-wins, as a sync
// round would.
void MergeCells(const std::string& from, const std::string& to) {
  std::unique_ptr<storage::SqliteDb> src, dst;
  ASSERT_TRUE(storage::SqliteDb::Open(from, &src).ok());
  ASSERT_TRUE(storage::SqliteDb::Open(to, &dst).ok());
  std::vector<CellChange> changes = storage::AllCells(src.get());
  storage::CellStore store(dst.get());
  ASSERT_TRUE(store.Init().ok());
  ASSERT_TRUE(dst->Begin().ok());
  for (const CellChange& c : changes) {
    bool won = false;
    ASSERT_TRUE(store.Apply(c, &won).ok());
  }
  ASSERT_TRUE(dst->Commit().ok());
}

TEST(RoutineMergeTest, TwoDevicesConvergeAndOneScheduleIsOneRow) {
  std::string dir = ::testing::TempDir();
  std::string a_path = dir + "/routines_a.db", b_path = dir + "/routines_b.db";
  std::remove(a_path.c_str());
  std::remove(b_path.c_str());
  FakeEnv env_a(kNoon, 1, 60), env_b(kNoon + 1000, 2, 60);
  Schedule daily;
  daily.routine_id = "stretch_calf";
  daily.start_minute = 480;
  std::string custom;
  {
    JournalOptions oa, ob;
    oa.path = a_path;
    oa.env = &env_a;
    ob.path = b_path;
    ob.env = &env_b;
    std::unique_ptr<Journal> a, b;
    ASSERT_TRUE(Journal::Open(oa, &a).ok());
    ASSERT_TRUE(Journal::Open(ob, &b).ok());
    std::string id;
    ASSERT_TRUE(a->AddSchedule(daily, &id).ok());
    ASSERT_TRUE(b->AddSchedule(daily, &id).ok());
    Routine r;
    r.title = "From A";
    r.steps = {RoutineStep{"Stretch"}};
    ASSERT_TRUE(a->SaveRoutine(r, &custom).ok());
    Session s;
    s.routine_id = "stretch_calf";
    s.at_ms = kNoon;
    ASSERT_TRUE(a->LogSession(s, &id).ok());
    ASSERT_TRUE(b->LogSession(s, &id).ok());
  }
  MergeCells(a_path, b_path);
  MergeCells(b_path, a_path);
  for (const std::string& path : {a_path, b_path}) {
    SCOPED_TRACE(path);
    FakeEnv env(kNoon + 5000, 9, 60);
    JournalOptions o;
    o.path = path;
    o.env = &env;
    std::unique_ptr<Journal> j;
    ASSERT_TRUE(Journal::Open(o, &j).ok());
    std::vector<Schedule> schedules;
    ASSERT_TRUE(j->ListSchedules(&schedules).ok());
    EXPECT_EQ(schedules.size(), 1u);
    std::vector<Session> sessions;
    ASSERT_TRUE(j->ListSessions(ListFilter(), &sessions).ok());
    EXPECT_EQ(sessions.size(), 2u);  // two sessions stay two
    Routine r;
    ASSERT_TRUE(j->GetRoutine(custom, &r).ok());
    EXPECT_EQ(r.title, "From A");
  }
}

TEST(RoutineTriageFactsTest, SessionsFeedNoImprovementFromARealJournal) {
  // First session 28 days before today, sessions on 12 days, pain flat at 6
  // before and after: no improvement -> the rule fires.
  FakeEnv env(kNoon, 5, 0);
  JournalOptions o;
  o.path = ":memory:";
  o.env = &env;
  std::unique_ptr<Journal> j;
  ASSERT_TRUE(Journal::Open(o, &j).ok());
  int64_t first = kToday - 28;
  std::string id;
  for (int64_t d = first - 14; d <= kToday; d += 2) {
    JournalEntry e;
    e.at_ms = d * kDay + 9 * 3600000;
    e.sites = {{"neck", Side::kBoth, 6}};
    ASSERT_TRUE(j->Log(e, &id).ok());
  }
  auto log_session = [&](int64_t day) {
    Session s;
    s.routine_id = "stretch_neck_chin_tuck";
    s.at_ms = day * kDay + 18 * 3600000;
    ASSERT_TRUE(j->LogSession(s, &id).ok());
  };
  for (int i = 0; i < 11; ++i) log_session(first + 2 * i);
  TriageFacts facts;
  ASSERT_TRUE(ComputeTriageFacts(j.get(), kToday, &facts).ok());
  EXPECT_EQ(facts.session_days.size(), 11u);
  EXPECT_FALSE(NoImprovement(facts));  // 11 session days: not yet
  log_session(first + 1);
  log_session(first + 1);  // same day twice: one day
  ASSERT_TRUE(ComputeTriageFacts(j.get(), kToday, &facts).ok());
  EXPECT_EQ(facts.session_days.size(), 12u);
  EXPECT_EQ(*facts.session_days.begin(), first);
  EXPECT_TRUE(NoImprovement(facts));
  TriageAnswers none;
  TriageResult result = EvaluateTriage(none, &facts);
  bool fired = false;
  for (const FiredRule& r : result.rules) fired |= r.id == "no_improvement";
  EXPECT_TRUE(fired);
  // A deleted session no longer counts.
  std::vector<Session> sessions;
  ASSERT_TRUE(j->ListSessions(ListFilter(), &sessions).ok());
  for (const Session& s : sessions) {
    if (LocalDay(s.at_ms, 0) == first + 1)
      ASSERT_TRUE(j->DeleteSession(s.id).ok());
  }
  ASSERT_TRUE(ComputeTriageFacts(j.get(), kToday, &facts).ok());
  EXPECT_FALSE(NoImprovement(facts));
}

}  // namespace
}  // namespace unknot
