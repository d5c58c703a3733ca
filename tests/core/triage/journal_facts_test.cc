// ComputeTriageFacts reads a real (in-memory) journal through Journal::List.
#include <memory>

#include "core/triage/triage_test_util.h"
#include "unknot/journal.h"
#include "unknot/time_util.h"
#include "unknot/triage.h"

namespace unknot {
namespace {

JournalEntry At(int64_t day, int hour, int offset, std::vector<int> pains) {
  JournalEntry e;
  e.at_ms = (day * 86400 + hour * 3600 - offset * 60) * 1000;
  e.tz_offset_minutes = offset;
  static const char* kSites[] = {"neck", "upper_trapezius", "lower_back"};
  for (size_t i = 0; i < pains.size(); ++i) {
    e.sites.push_back({kSites[i], Side::kBoth, pains[i]});
  }
  return e;
}

TEST(TriageFactsTest, DailyMaxFirstDayAndTodayFromAJournal) {
  FakeEnv env;
  JournalOptions options;
  options.path = ":memory:";
  options.env = &env;
  std::unique_ptr<Journal> journal;
  ASSERT_TRUE(Journal::Open(options, &journal).ok());
  int64_t today = DaysFromCivil(2026, 11, 25);
  std::string id;
  ASSERT_TRUE(journal->Log(At(today - 3, 9, 60, {3, 7}), &id).ok());
  ASSERT_TRUE(journal->Log(At(today - 3, 20, 60, {5}), &id).ok());
  // 00:30 local at +01:00 is still "today - 1" locally.
  ASSERT_TRUE(journal->Log(At(today - 1, 0, 60, {2}), &id).ok());
  ASSERT_TRUE(journal->Log(At(today - 10, 9, 0, {9}), &id).ok());
  ASSERT_TRUE(journal->Delete(id).ok());  // deleted: ignored
  ASSERT_TRUE(journal->Log(At(today + 2, 9, 0, {9}), &id).ok());  // future
  TriageFacts facts;
  ASSERT_TRUE(ComputeTriageFacts(journal.get(), today, &facts).ok());
  EXPECT_EQ(facts.today, today);
  EXPECT_EQ(facts.daily_pain,
            (std::map<int64_t, int>{{today - 3, 7}, {today - 1, 2}}));
  ASSERT_TRUE(facts.first_entry_day.has_value());
  EXPECT_EQ(*facts.first_entry_day, today - 3);
  EXPECT_TRUE(facts.session_days.empty());  // no sessions stored yet
}

}  // namespace
}  // namespace unknot
