// Every boundary RED_FLAGS.md lists, from both sides: ages 19/20, 49/50,
// 55/56, 64/65; hours 12/12.5; days 27/28 and 42/43; 11/12 session days; 3/4
// days with entries; PHQ-9 and GAD-7 9/10; a drop of exactly 2 points and
// exactly 30 %.
#include "core/triage/triage_test_util.h"
#include "unknot/triage.h"

namespace unknot {
namespace {

using triage_test::Answers;
using triage_test::ExpectFired;
using triage_test::ExpectNotFired;
using triage_test::Facts;
using L = TriageLevel;
using P = TriagePause;

TEST(TriageBoundaryTest, AgeOnset19Fires20DoesNot) {
  Facts recent;
  recent.FirstEntry(5);
  ExpectFired(Answers().AllNo().Age(19).Run(recent.ptr()), "age_onset",
              L::kSoon, P::kNone);
  ExpectNotFired(Answers().AllNo().Age(20).Run(recent.ptr()), "age_onset");
}

TEST(TriageBoundaryTest, AgeOnset55DoesNot56Fires) {
  Facts recent;
  recent.FirstEntry(5);
  ExpectNotFired(Answers().AllNo().Age(55).Run(recent.ptr()), "age_onset");
  ExpectFired(Answers().AllNo().Age(56).Run(recent.ptr()), "age_onset",
              L::kSoon, P::kNone);
}

TEST(TriageBoundaryTest, Age49DoesNot50FiresArteritisAndPolymyalgia) {
  Answers gca = Answers().AllNo().Yes("gca_signs").Yes("girdle_stiffness");
  TriageResult at49 = Answers(gca).Age(49).Run();
  ExpectNotFired(at49, "giant_cell_arteritis");
  ExpectNotFired(at49, "polymyalgia");
  TriageResult at50 = Answers(gca).Age(50).Run();
  ExpectFired(at50, "giant_cell_arteritis", L::kUrgent, P::kNone);
  ExpectFired(at50, "polymyalgia", L::kSoon, P::kNone);
}

TEST(TriageBoundaryTest, Age64DoesNot65FiresMinorInjuryFracture) {
  ExpectNotFired(Answers().AllNo().Yes("minor_injury").Age(64).Run(),
                 "fracture");
  ExpectFired(Answers().AllNo().Yes("minor_injury").Age(65).Run(), "fracture",
              L::kUrgent, P::kAll);
}

TEST(TriageBoundaryTest, Age64Urgent65EmergencySignificantInjury) {
  ExpectFired(Answers().AllNo().Yes("significant_injury").Age(64).Run(),
              "fracture", L::kUrgent, P::kAll);
  ExpectFired(Answers().AllNo().Yes("significant_injury").Age(65).Run(),
              "fracture", L::kEmergency, P::kAll);
}

TEST(TriageBoundaryTest, ChestPain12HoursEmergency12AndAHalfUrgent) {
  Answers chest = Answers().AllNo().Yes("chest_pain");
  TriageResult at12 = Answers(chest).Num("chest_pain_hours_ago", 12).Run();
  ExpectFired(at12, "chest_pain", L::kEmergency, P::kAll);
  EXPECT_EQ(at12.level, L::kEmergency);
  TriageResult later = Answers(chest).Num("chest_pain_hours_ago", 12.5).Run();
  ExpectFired(later, "chest_pain", L::kUrgent, P::kAll);
  EXPECT_EQ(later.level, L::kUrgent);
}

// 12 session days from `first_days_ago`, flat pain 6 before and now.
Facts Stuck(int64_t first_days_ago, int session_days) {
  Facts f;
  f.Pain(first_days_ago + 14, {6, 6, 6, 6})
      .Sessions(first_days_ago, session_days)
      .Pain(6, {6, 6, 6, 6});
  return f;
}

TEST(TriageBoundaryTest, FirstSession27DaysAgoDoesNot28Fires) {
  ExpectNotFired(Answers().AllNo().Run(Stuck(27, 12).ptr()), "no_improvement");
  ExpectFired(Answers().AllNo().Run(Stuck(28, 12).ptr()), "no_improvement",
              L::kSoon, P::kNone);
}

TEST(TriageBoundaryTest, FirstEntry42DaysAgoFires43DoesNot) {
  Facts d42, d43;
  d42.FirstEntry(42);
  d43.FirstEntry(43);
  ExpectFired(Answers().AllNo().Age(70).Run(d42.ptr()), "age_onset", L::kSoon,
              P::kNone);
  ExpectNotFired(Answers().AllNo().Age(70).Run(d43.ptr()), "age_onset");
}

TEST(TriageBoundaryTest, Sessions11DaysDoesNot12Fires) {
  ExpectNotFired(Answers().AllNo().Run(Stuck(30, 11).ptr()), "no_improvement");
  ExpectFired(Answers().AllNo().Run(Stuck(30, 12).ptr()), "no_improvement",
              L::kSoon, P::kNone);
}

TEST(TriageBoundaryTest, Worsening3DaysWithEntriesDoesNot4Fires) {
  Facts three, four;
  three.Pain(20, {2, 2, 2, 2}).Pain(3, {8, 8, 8});
  four.Pain(20, {2, 2, 2, 2}).Pain(3, {8, 8, 8, 8});
  ExpectNotFired(Answers().AllNo().Run(three.ptr()), "worsening");
  ExpectFired(Answers().AllNo().Run(four.ptr()), "worsening", L::kSoon,
              P::kNone);
  Facts before3;
  before3.Pain(20, {2, 2, 2}).Pain(3, {8, 8, 8, 8});
  ExpectNotFired(Answers().AllNo().Run(before3.ptr()), "worsening");
}

TEST(TriageBoundaryTest, NoImprovementNeeds4DaysInEachWindow) {
  // Last window with 3 days: off; with 4: on.
  Facts last3, last4;
  last3.Pain(44, {6, 6, 6, 6}).Sessions(30, 12).Pain(3, {6, 6, 6});
  last4.Pain(44, {6, 6, 6, 6}).Sessions(30, 12).Pain(3, {6, 6, 6, 6});
  ExpectNotFired(Answers().AllNo().Run(last3.ptr()), "no_improvement");
  ExpectFired(Answers().AllNo().Run(last4.ptr()), "no_improvement", L::kSoon,
              P::kNone);
  // Baseline before the first session with 3 days: the first 14 days from
  // the first session are used instead (here 4 days, pain 6 -> still 6).
  Facts fallback;
  fallback.Pain(44, {1, 1, 1})
      .Pain(30, {6, 6, 6, 6})
      .Sessions(30, 12)
      .Pain(3, {6, 6, 6, 6});
  ExpectFired(Answers().AllNo().Run(fallback.ptr()), "no_improvement", L::kSoon,
              P::kNone);
  // Neither baseline window has 4 days: off.
  Facts none;
  none.Pain(44, {6, 6, 6})
      .Pain(30, {6, 6, 6})
      .Sessions(30, 12)
      .Pain(3, {6, 6, 6, 6});
  ExpectNotFired(Answers().AllNo().Run(none.ptr()), "no_improvement");
}

TEST(TriageBoundaryTest, Phq9And9DoesNot10Fires) {
  ExpectNotFired(Answers().AllNo().Num("phq9_total", 9).Run(), "mood_screen");
  ExpectFired(Answers().AllNo().Num("phq9_total", 10).Run(), "mood_screen",
              L::kSoon, P::kNone);
}

TEST(TriageBoundaryTest, Gad7_9DoesNot10Fires) {
  ExpectNotFired(Answers().AllNo().Num("gad7_total", 9).Run(), "mood_screen");
  ExpectFired(Answers().AllNo().Num("gad7_total", 10).Run(), "mood_screen",
              L::kSoon, P::kNone);
}

// no_improvement with baseline days `before` and last-14-day days `last`.
bool NotImproved(std::vector<int> before, std::vector<int> last) {
  Facts f;
  f.Pain(44, before).Sessions(30, 12).Pain(13, last);
  return NoImprovement(f.get());
}

TEST(TriageBoundaryTest, DropOfExactly2PointsIsImprovement) {
  // Baseline 5, now 3: -2 points (40 %): improved, rule off.
  EXPECT_FALSE(NotImproved({5, 5, 5, 5}, {3, 3, 3, 3}));
  // Now 3.25: -1.75 points (35 %): not improved, rule on.
  EXPECT_TRUE(NotImproved({5, 5, 5, 5}, {3, 3, 3, 4}));
}

TEST(TriageBoundaryTest, DropOfExactly30PercentIsImprovement) {
  // Baseline 10, now 7: -3 points, exactly 30 %: improved.
  EXPECT_FALSE(NotImproved({10, 10, 10, 10}, {7, 7, 7, 7}));
  // Now 7.25: -2.75 points, 27.5 %: not improved.
  EXPECT_TRUE(NotImproved({10, 10, 10, 10}, {7, 7, 7, 8}));
}

// worsening with the 14 days before and the last 14 days.
bool Worse(std::vector<int> before, std::vector<int> last) {
  Facts f;
  f.Pain(27, before).Pain(13, last);
  return Worsening(f.get());
}

TEST(TriageBoundaryTest, RiseOfExactly2PointsIsWorsening) {
  EXPECT_TRUE(Worse({4, 4, 4, 4}, {6, 6, 6, 6}));   // +2 (50 %)
  EXPECT_FALSE(Worse({4, 4, 4, 4}, {6, 6, 6, 5}));  // +1.75 (44 %)
}

TEST(TriageBoundaryTest, RiseOfExactly30PercentIsWorsening) {
  // Before 7; now 9.1: +2.1 points, exactly 30 %.
  EXPECT_TRUE(Worse({7, 7, 7, 7}, {9, 9, 9, 9, 9, 9, 9, 9, 9, 10}));
  // Now 9.0: +2 points but 28.6 %.
  EXPECT_FALSE(Worse({7, 7, 7, 7}, {9, 9, 9, 9, 9, 9, 9, 9, 9, 9}));
}

}  // namespace
}  // namespace unknot
