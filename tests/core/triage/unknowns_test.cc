// Unknown answers as RED_FLAGS.md specifies: an unknown base does not fire
// and is listed; an unknown qualifier with a yes base counts as met; an
// unknown age meets any age condition; an unknown neuro_any question
// qualifying a yes base counts as met.
#include "core/triage/triage_test_util.h"
#include "unknot/triage.h"

namespace unknot {
namespace {

using triage_test::Answers;
using triage_test::ExpectFired;
using triage_test::ExpectNotFired;
using triage_test::Facts;
using triage_test::Show;
using L = TriageLevel;
using P = TriagePause;

TEST(TriageUnknownTest, NothingAnsweredFiresNothingAndListsEveryBase) {
  TriageResult r = Answers().Run();
  EXPECT_EQ(r.level, L::kSelfCare);
  EXPECT_TRUE(r.rules.empty());
  // Every question but the qualifier-only ones (age, chest_pain_hours_ago,
  // osteoporosis, long_term_steroids, immediate_danger), in table order.
  EXPECT_EQ(Show(r),
            "self_care: | unanswered: bladder_bowel_change saddle_numbness "
            "sexual_dysfunction_new both_legs weakness_or_numbness "
            "weakness_worsening weakness_rapid_or_both_sides stroke_signs "
            "vision_change chest_pain breathless_sudden leg_swollen_one_side "
            "neuro_head_neck fever_stiff_neck cord_signs fever_or_unwell "
            "immunosuppressed iv_drug_use cancer_history "
            "weight_loss_unexplained night_pain_constant significant_injury "
            "minor_injury gca_signs girdle_stiffness severe_interference "
            "swelling_redness self_harm_thoughts phq9_total gad7_total");
}

TEST(TriageUnknownTest, UnknownBaseIsListedOthersStillFire) {
  TriageResult r =
      Answers().AllNo().Unknown("saddle_numbness").Yes("both_legs").Run();
  ExpectFired(r, "cauda_equina", L::kEmergency, P::kAll);
  EXPECT_EQ(r.unanswered, (std::vector<std::string>{
                              "saddle_numbness", "phq9_total", "gad7_total"}));
}

TEST(TriageUnknownTest, ChestPainHoursUnknownIsEmergency) {
  TriageResult r = Answers().AllNo().Yes("chest_pain").Run();
  ExpectFired(r, "chest_pain", L::kEmergency, P::kAll);
  EXPECT_EQ(r.level, L::kEmergency);
}

TEST(TriageUnknownTest, QualifierUnknownWithBaseNoDoesNotFire) {
  ExpectNotFired(Answers().AllNo().No("chest_pain").Run(), "chest_pain");
  ExpectNotFired(Answers().AllNo().Run(), "self_harm");
}

TEST(TriageUnknownTest, UnknownAgeMeetsEveryAgeCondition) {
  ExpectFired(Answers().AllNo().Yes("gca_signs").Run(), "giant_cell_arteritis",
              L::kUrgent, P::kNone);
  ExpectFired(Answers().AllNo().Yes("girdle_stiffness").Run(), "polymyalgia",
              L::kSoon, P::kNone);
  ExpectFired(Answers().AllNo().Yes("minor_injury").Run(), "fracture",
              L::kUrgent, P::kAll);
  ExpectFired(Answers().AllNo().Yes("significant_injury").Run(), "fracture",
              L::kEmergency, P::kAll);
  Facts recent;
  recent.FirstEntry(3);
  ExpectFired(Answers().AllNo().Run(recent.ptr()), "age_onset", L::kSoon,
              P::kNone);
}

TEST(TriageUnknownTest, UnknownFractureRiskFactorWithMinorInjuryCountsAsMet) {
  ExpectFired(Answers()
                  .AllNo()
                  .Age(40)
                  .Yes("minor_injury")
                  .Unknown("osteoporosis")
                  .Run(),
              "fracture", L::kUrgent, P::kAll);
}

TEST(TriageUnknownTest, EscalationQualifiersUnknownEscalate) {
  ExpectFired(Answers()
                  .AllNo()
                  .Yes("weakness_worsening")
                  .Unknown("weakness_rapid_or_both_sides")
                  .Run(),
              "progressive_deficit", L::kEmergency, P::kAll);
  ExpectFired(Answers()
                  .AllNo()
                  .Yes("immunosuppressed")
                  .Unknown("fever_or_unwell")
                  .Run(),
              "infection", L::kUrgent, P::kAll);
  ExpectFired(Answers()
                  .AllNo()
                  .Yes("swelling_redness")
                  .Unknown("fever_or_unwell")
                  .Run(),
              "local_swelling", L::kUrgent, P::kSite);
  ExpectFired(Answers()
                  .AllNo()
                  .Yes("self_harm_thoughts")
                  .Unknown("immediate_danger")
                  .Run(),
              "self_harm", L::kEmergency, P::kNone);
}

TEST(TriageUnknownTest, NeuroAnyUnknownQualifiesAsMet) {
  // Cancer history with the weakness questions unanswered: the unknown
  // qualifier counts as met, so emergency (over-triage, RED_FLAGS.md).
  Answers cancer = Answers().AllNo().Yes("cancer_history");
  for (std::string_view id :
       {"weakness_or_numbness", "weakness_worsening",
        "weakness_rapid_or_both_sides", "both_legs", "cord_signs"}) {
    cancer.Unknown(id);
  }
  ExpectFired(cancer.Run(), "malignancy", L::kEmergency, P::kAll);
  // All answered no: urgent.
  ExpectFired(Answers().AllNo().Yes("cancer_history").Run(), "malignancy",
              L::kUrgent, P::kAll);
  // One unknown among noes is still "not known to be absent".
  ExpectFired(
      Answers().AllNo().Yes("cancer_history").Unknown("both_legs").Run(),
      "malignancy", L::kEmergency, P::kAll);
  // A significant injury at 40 with neuro unknown: emergency; with every
  // neuro question answered no: urgent.
  ExpectFired(Answers()
                  .Age(40)
                  .Yes("significant_injury")
                  .Unknown("weakness_or_numbness")
                  .Run(),
              "fracture", L::kEmergency, P::kAll);
  ExpectFired(Answers().AllNo().Age(40).Yes("significant_injury").Run(),
              "fracture", L::kUrgent, P::kAll);
}

TEST(TriageUnknownTest, MoodTotalsUnknownDoNotFireAndAreListed) {
  TriageResult r = Answers().AllNo().Run();
  ExpectNotFired(r, "mood_screen");
  EXPECT_EQ(r.unanswered,
            (std::vector<std::string>{"phq9_total", "gad7_total"}));
}

TEST(TriageUnknownTest, NoJournalNoJournalRules) {
  TriageResult r = Answers().AllNo().Age(70).Run(nullptr);
  ExpectNotFired(r, "age_onset");
  ExpectNotFired(r, "no_improvement");
  ExpectNotFired(r, "worsening");
}

}  // namespace
}  // namespace unknot
