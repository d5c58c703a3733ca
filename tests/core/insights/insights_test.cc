// Insights: the meaningful-change rule at its boundary, no claim from too
// little data, intervals, "helped" pairing, patterns and the JSON.
#include "unknot/insights.h"

#include <gtest/gtest.h>

#include "unknot/time_util.h"

namespace unknot {
namespace {

const int64_t kToday = DaysFromCivil(2026, 11, 25);  // a Wednesday

JournalEntry At(int64_t day, int hour, std::vector<SitePain> sites,
                std::vector<std::string> triggers = {},
                std::vector<std::string> helped = {}) {
  JournalEntry e;
  e.at_ms = (day * 86400 + hour * 3600) * 1000;
  e.sites = std::move(sites);
  e.triggers = std::move(triggers);
  e.helped = std::move(helped);
  return e;
}

SitePain Neck(int intensity) { return {"neck", Side::kBoth, intensity}; }

const PainTrend& Overall(const Insights& in) { return in.trends.at(0); }

TEST(InsightsTest, TrendIsBetterOnlyAtTwoPointsAndThirtyPercent) {
  // Baseline 6.0 on 4 days; recent 4.0 on 4 days: -2 points, -33 %.
  auto journal = [](int recent) {
    std::vector<JournalEntry> e;
    for (int i = 0; i < 4; ++i) e.push_back(At(kToday - 20 - i, 9, {Neck(6)}));
    for (int i = 0; i < 4; ++i) e.push_back(At(kToday - i, 9, {Neck(recent)}));
    return e;
  };
  Insights better = ComputeInsights(journal(4), {}, std::nullopt, kToday);
  EXPECT_EQ(Overall(better).verdict, "better");
  EXPECT_EQ(*Overall(better).baseline_mean, 6.0);
  EXPECT_EQ(*Overall(better).recent_mean, 4.0);
  EXPECT_EQ(better.trends.at(1).scope, "neck");
  EXPECT_EQ(better.trends.at(1).verdict, "better");
  // 5 vs 6: one point is wobble, not progress.
  EXPECT_EQ(
      Overall(ComputeInsights(journal(5), {}, std::nullopt, kToday)).verdict,
      "no_clear_change");
  EXPECT_EQ(
      Overall(ComputeInsights(journal(8), {}, std::nullopt, kToday)).verdict,
      "worse");
  // Three days in a window: no verdict.
  std::vector<JournalEntry> few = journal(4);
  few.pop_back();
  EXPECT_EQ(Overall(ComputeInsights(few, {}, std::nullopt, kToday)).verdict,
            "not_enough_data");
}

TEST(InsightsTest, TriggersNeedSevenDaysEachSideAndAClearDifference) {
  std::vector<JournalEntry> entries;
  // 7 days with long sitting at 7-8, 7 days without at 3-4.
  for (int i = 0; i < 7; ++i) {
    entries.push_back(
        At(kToday - 30 + i, 9, {Neck(7 + i % 2)}, {"long_sitting"}));
    entries.push_back(At(kToday - 20 + i, 9, {Neck(3 + i % 2)}));
  }
  entries.push_back(At(kToday - 5, 9, {Neck(5)}, {"stress"}));
  Insights in = ComputeInsights(entries, {}, std::nullopt, kToday);
  ASSERT_EQ(in.triggers.size(), 2u);
  const TriggerInsight& sitting = in.triggers[0];
  EXPECT_EQ(sitting.id, "long_sitting");
  EXPECT_EQ(sitting.days_with, 7);
  EXPECT_EQ(sitting.days_without, 8);
  EXPECT_EQ(sitting.verdict, "higher");
  ASSERT_TRUE(sitting.difference.low.has_value());
  EXPECT_GT(*sitting.difference.low, 0);
  const TriggerInsight& stress = in.triggers[1];
  EXPECT_EQ(stress.days_with, 1);
  EXPECT_EQ(stress.verdict, "not_enough_data");
  EXPECT_FALSE(stress.difference.low.has_value());
  // Six days with: still no claim, whatever the means.
  entries.erase(entries.begin());
  in = ComputeInsights(entries, {}, std::nullopt, kToday);
  EXPECT_EQ(in.triggers[0].days_with, 6);
  EXPECT_EQ(in.triggers[0].verdict, "not_enough_data");
}

Session Rated(const std::string& routine, int64_t day, int before, int after) {
  Session s;
  s.routine_id = routine;
  s.at_ms = day * 86400000 + 8 * 3600000;
  s.steps_total = s.steps_done = 1;
  s.pain_before = before;
  s.pain_after = after;
  return s;
}

TEST(InsightsTest, WhatHelpsHasCountsAndIntervals) {
  std::vector<Session> sessions;
  for (int i = 0; i < 5; ++i) {
    sessions.push_back(
        Rated("stretch_upper_trapezius", kToday - i, 6, 4 - i % 2));
  }
  for (int i = 0; i < 4; ++i) {
    sessions.push_back(Rated("heat_lower_back", kToday - i, 5, 3));
  }
  Session unrated = Rated("deep_breathing", kToday, 5, 5);
  unrated.pain_after.reset();
  sessions.push_back(unrated);
  Insights in = ComputeInsights({}, sessions, kToday - 10, kToday);
  EXPECT_EQ(in.sessions, 10);
  ASSERT_EQ(in.routines.size(), 2u);  // the unrated one has no pair
  EXPECT_EQ(in.routines[0].id, "heat_lower_back");
  EXPECT_EQ(in.routines[0].change.n, 4);
  EXPECT_EQ(in.routines[0].verdict, "not_enough_data");
  const HelpInsight& stretch = in.routines[1];
  EXPECT_EQ(stretch.change.n, 5);
  EXPECT_DOUBLE_EQ(stretch.change.mean, -2.4);
  EXPECT_EQ(stretch.verdict, "pain_lower_after");
  EXPECT_LT(*stretch.change.high, 0);
  // Mixed results: the interval includes zero -> "unclear".
  std::vector<Session> mixed;
  for (int i = 0; i < 6; ++i) {
    mixed.push_back(Rated("foam_roll_glutes", kToday - i, 5, i % 2 ? 7 : 3));
  }
  EXPECT_EQ(
      ComputeInsights({}, mixed, std::nullopt, kToday).routines[0].verdict,
      "unclear");
}

TEST(InsightsTest, HelpedComparesWithTheNextEntryWithin24Hours) {
  std::vector<JournalEntry> entries = {
      At(kToday - 3, 9, {Neck(7)}, {}, {"heat"}),
      At(kToday - 3, 20, {Neck(4)}),               // -3
      At(kToday - 1, 9, {Neck(6)}, {}, {"heat"}),  // next is 2 days later
      At(kToday + 1, 9, {Neck(2)})};               // after today: ignored
  Insights in = ComputeInsights(entries, {}, std::nullopt, kToday);
  ASSERT_EQ(in.helped.size(), 1u);
  EXPECT_EQ(in.helped[0].id, "heat");
  EXPECT_EQ(in.helped[0].change.n, 1);
  EXPECT_EQ(in.helped[0].change.mean, -3);
  EXPECT_EQ(in.helped[0].verdict, "not_enough_data");
  EXPECT_EQ(in.entries, 3);
}

TEST(InsightsTest, PatternsHeatMapPeriodAndJson) {
  std::vector<JournalEntry> entries = {
      At(kToday, 7, {Neck(4), {"upper_trapezius", Side::kLeft, 8}}),
      At(kToday, 22, {Neck(2)}), At(kToday - 40, 9, {Neck(9)})};
  Insights in = ComputeInsights(entries, {}, kToday - 7, kToday);
  EXPECT_EQ(in.entries, 2);  // the one 40 days ago is before the period
  EXPECT_EQ(in.time_of_day[1].name, "morning");
  EXPECT_EQ(in.time_of_day[1].entries, 1);
  EXPECT_EQ(in.time_of_day[1].mean_intensity, 8);
  EXPECT_EQ(in.time_of_day[3].entries, 1);
  EXPECT_EQ(in.weekdays[2].name, "wed");
  EXPECT_EQ(in.weekdays[2].entries, 2);
  ASSERT_EQ(in.sites.size(), 2u);
  EXPECT_EQ(in.sites[0].name, "neck");
  EXPECT_EQ(in.sites[0].entries, 2);
  EXPECT_EQ(in.sites[0].mean_intensity, 3);
  EXPECT_EQ(in.sites[1].max_intensity, 8);
  std::string json = InsightsToJson(in);
  EXPECT_EQ(json.rfind(R"({"from":"2026-11-18","to":"2026-11-25","entries":2,)"
                       R"("days_with_entries":1,"sessions":0,"trends")",
                       0),
            0u)
      << json;
  EXPECT_NE(json.find(R"({"scope":"overall","baseline_days":0,"recent_days":1,)"
                      R"("baseline_mean":null,"recent_mean":8.0,)"
                      R"("verdict":"not_enough_data"})"),
            std::string::npos)
      << json;
}

}  // namespace
}  // namespace unknot
