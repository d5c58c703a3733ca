// One test per rule of RED_FLAGS.md: it fires on each of its questions, with
// its level, pauses and source, and stays off when everything is "no".
#include <set>

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

// Each base question alone fires `rule` at `level` with `pauses`; all-no
// does not.
void ExpectEachFires(std::string_view rule, std::vector<std::string_view> ids,
                     L level, P pauses) {
  ExpectNotFired(Answers().AllNo().Age(40).Run(), rule);
  for (std::string_view id : ids) {
    SCOPED_TRACE(id);
    ExpectFired(Answers().AllNo().Age(40).Yes(id).Run(), rule, level, pauses);
  }
}

TEST(TriageTableTest, RuleIdsAreRedFlagsRowsInOrder) {
  std::vector<std::string_view> ids;
  for (const TriageRule& r : TriageRules()) ids.push_back(r.id);
  EXPECT_EQ(ids, (std::vector<std::string_view>{"cauda_equina",
                                                "stroke",
                                                "progressive_deficit",
                                                "chest_pain",
                                                "pulmonary_embolism",
                                                "dvt",
                                                "neurovascular",
                                                "meningitis",
                                                "cord_compression",
                                                "infection",
                                                "malignancy",
                                                "malignancy_signs",
                                                "fracture",
                                                "giant_cell_arteritis",
                                                "polymyalgia",
                                                "weakness_numbness",
                                                "severe_interference",
                                                "local_swelling",
                                                "no_improvement",
                                                "worsening",
                                                "age_onset",
                                                "self_harm",
                                                "mood_screen"}));
  EXPECT_EQ(kTriageRulesetVersion, "2026.1");
}

void CollectIds(const TriageExpr& e, std::set<std::string_view>* ids) {
  if (e.op != TriageExpr::Op::kJournal && !e.id.empty()) ids->insert(e.id);
  for (std::string_view id : e.ids) ids->insert(id);
  for (const TriageExpr& c : e.children) CollectIds(c, ids);
}

TEST(TriageTableTest, EveryRowIsWellFormed) {
  for (const TriageRule& r : TriageRules()) {
    SCOPED_TRACE(r.id);
    EXPECT_FALSE(r.source.empty());
    ASSERT_FALSE(r.variants.empty());
    EXPECT_FALSE(r.variants.back().when.has_value()) << "last is 'otherwise'";
    std::set<std::string_view> ids;
    CollectIds(r.fires, &ids);
    for (const TriageVariant& v : r.variants) {
      EXPECT_FALSE(v.message.empty());
      for (std::string_view diagnosis :
           {"you have a ", "this is a ", "this is "}) {
        EXPECT_EQ(v.message.find(diagnosis), std::string_view::npos)
            << "messages never diagnose: " << v.message;
      }
      if (v.when) CollectIds(*v.when, &ids);
    }
    for (std::string_view id : ids) {
      EXPECT_NE(FindTriageQuestion(id), nullptr) << "unknown question " << id;
    }
  }
}

TEST(TriageTableTest, DescribesExpressions) {
  EXPECT_EQ(DescribeTriageExpr(TriageRules()[13].fires),
            "all(qualifier(age >= 50), gca_signs)");
  EXPECT_EQ(DescribeTriageExpr(*TriageRules()[3].variants[0].when),
            "qualifier(chest_pain_hours_ago <= 12)");
}

TEST(TriageRuleTest, CaudaEquina) {
  ExpectEachFires("cauda_equina",
                  {"bladder_bowel_change", "saddle_numbness",
                   "sexual_dysfunction_new", "both_legs"},
                  L::kEmergency, P::kAll);
}

TEST(TriageRuleTest, Stroke) {
  ExpectEachFires("stroke", {"stroke_signs", "vision_change"}, L::kEmergency,
                  P::kAll);
}

TEST(TriageRuleTest, ProgressiveDeficitUrgentEmergencyIfRapidOrBothSides) {
  ExpectEachFires("progressive_deficit", {"weakness_worsening"}, L::kUrgent,
                  P::kAll);
  ExpectEachFires("progressive_deficit", {"weakness_rapid_or_both_sides"},
                  L::kEmergency, P::kAll);
}

TEST(TriageRuleTest, ChestPain) {
  ExpectNotFired(Answers().AllNo().Run(), "chest_pain");
  ExpectFired(
      Answers().AllNo().Yes("chest_pain").Num("chest_pain_hours_ago", 0).Run(),
      "chest_pain", L::kEmergency, P::kAll);
  ExpectFired(
      Answers().AllNo().Yes("chest_pain").Num("chest_pain_hours_ago", 48).Run(),
      "chest_pain", L::kUrgent, P::kAll);
}

TEST(TriageRuleTest, PulmonaryEmbolism) {
  ExpectEachFires("pulmonary_embolism", {"breathless_sudden"}, L::kEmergency,
                  P::kAll);
}

TEST(TriageRuleTest, DvtPausesTheSite) {
  ExpectEachFires("dvt", {"leg_swollen_one_side"}, L::kUrgent, P::kSite);
}

TEST(TriageRuleTest, Neurovascular) {
  ExpectEachFires("neurovascular", {"neuro_head_neck"}, L::kEmergency, P::kAll);
}

TEST(TriageRuleTest, Meningitis) {
  ExpectEachFires("meningitis", {"fever_stiff_neck"}, L::kEmergency, P::kAll);
}

TEST(TriageRuleTest, CordCompression) {
  ExpectEachFires("cord_compression", {"cord_signs"}, L::kUrgent, P::kAll);
}

TEST(TriageRuleTest, InfectionUrgentWithFeverSoonForRiskFactorAlone) {
  ExpectEachFires("infection", {"fever_or_unwell"}, L::kUrgent, P::kAll);
  ExpectEachFires("infection", {"immunosuppressed", "iv_drug_use"}, L::kSoon,
                  P::kNone);
  ExpectFired(Answers().AllNo().Yes("iv_drug_use").Yes("fever_or_unwell").Run(),
              "infection", L::kUrgent, P::kAll);
}

TEST(TriageRuleTest, MalignancyUrgentEmergencyWithNeuroAny) {
  ExpectEachFires("malignancy", {"cancer_history"}, L::kUrgent, P::kAll);
  for (std::string_view neuro :
       {"weakness_or_numbness", "weakness_worsening",
        "weakness_rapid_or_both_sides", "both_legs", "cord_signs"}) {
    SCOPED_TRACE(neuro);
    ExpectFired(Answers().AllNo().Yes("cancer_history").Yes(neuro).Run(),
                "malignancy", L::kEmergency, P::kAll);
  }
}

TEST(TriageRuleTest, MalignancySigns) {
  ExpectEachFires("malignancy_signs",
                  {"weight_loss_unexplained", "night_pain_constant"}, L::kSoon,
                  P::kNone);
}

TEST(TriageRuleTest, Fracture) {
  ExpectEachFires("fracture", {"significant_injury"}, L::kUrgent, P::kAll);
  // A minor injury alone, at 40, without risk factors: no.
  ExpectNotFired(Answers().AllNo().Age(40).Yes("minor_injury").Run(),
                 "fracture");
  for (std::string_view risk : {"osteoporosis", "long_term_steroids"}) {
    SCOPED_TRACE(risk);
    ExpectFired(Answers().AllNo().Age(40).Yes("minor_injury").Yes(risk).Run(),
                "fracture", L::kUrgent, P::kAll);
  }
  // Emergency: a significant injury with neuro_any or age >= 65.
  ExpectFired(Answers()
                  .AllNo()
                  .Age(40)
                  .Yes("significant_injury")
                  .Yes("weakness_or_numbness")
                  .Run(),
              "fracture", L::kEmergency, P::kAll);
  ExpectFired(Answers().AllNo().Age(70).Yes("significant_injury").Run(),
              "fracture", L::kEmergency, P::kAll);
  // A minor injury at 70 is urgent, not the emergency variant.
  ExpectFired(Answers().AllNo().Age(70).Yes("minor_injury").Run(), "fracture",
              L::kUrgent, P::kAll);
}

TEST(TriageRuleTest, GiantCellArteritis) {
  ExpectNotFired(Answers().AllNo().Age(40).Yes("gca_signs").Run(),
                 "giant_cell_arteritis");
  ExpectFired(Answers().AllNo().Age(60).Yes("gca_signs").Run(),
              "giant_cell_arteritis", L::kUrgent, P::kNone);
  ExpectNotFired(Answers().AllNo().Age(60).Run(), "giant_cell_arteritis");
}

TEST(TriageRuleTest, Polymyalgia) {
  ExpectNotFired(Answers().AllNo().Age(40).Yes("girdle_stiffness").Run(),
                 "polymyalgia");
  ExpectFired(Answers().AllNo().Age(60).Yes("girdle_stiffness").Run(),
              "polymyalgia", L::kSoon, P::kNone);
}

TEST(TriageRuleTest, WeaknessNumbness) {
  ExpectEachFires("weakness_numbness", {"weakness_or_numbness"}, L::kSoon,
                  P::kNone);
}

TEST(TriageRuleTest, SevereInterference) {
  ExpectEachFires("severe_interference", {"severe_interference"}, L::kSoon,
                  P::kNone);
}

TEST(TriageRuleTest, LocalSwellingSoonUrgentWithFever) {
  ExpectEachFires("local_swelling", {"swelling_redness"}, L::kSoon, P::kSite);
  ExpectFired(
      Answers().AllNo().Yes("swelling_redness").Yes("fever_or_unwell").Run(),
      "local_swelling", L::kUrgent, P::kSite);
}

TEST(TriageRuleTest, NoImprovement) {
  Facts stuck;
  stuck.Pain(44, {6, 6, 6, 6}).Sessions(30, 12).Pain(10, {6, 6, 6, 6});
  ExpectFired(Answers().AllNo().Run(stuck.ptr()), "no_improvement", L::kSoon,
              P::kNone);
  Facts better;
  better.Pain(44, {6, 6, 6, 6}).Sessions(30, 12).Pain(10, {3, 3, 3, 3});
  ExpectNotFired(Answers().AllNo().Run(better.ptr()), "no_improvement");
  ExpectNotFired(Answers().AllNo().Run(nullptr), "no_improvement");
}

TEST(TriageRuleTest, Worsening) {
  Facts worse;
  worse.Pain(27, {3, 3, 3, 3}).Pain(5, {6, 6, 6, 6});
  ExpectFired(Answers().AllNo().Run(worse.ptr()), "worsening", L::kSoon,
              P::kNone);
  Facts steady;
  steady.Pain(27, {3, 3, 3, 3}).Pain(5, {4, 4, 4, 4});
  ExpectNotFired(Answers().AllNo().Run(steady.ptr()), "worsening");
}

TEST(TriageRuleTest, AgeOnset) {
  Facts recent;
  recent.FirstEntry(10);
  ExpectFired(Answers().AllNo().Age(60).Run(recent.ptr()), "age_onset",
              L::kSoon, P::kNone);
  ExpectFired(Answers().AllNo().Age(16).Run(recent.ptr()), "age_onset",
              L::kSoon, P::kNone);
  ExpectNotFired(Answers().AllNo().Age(40).Run(recent.ptr()), "age_onset");
  ExpectNotFired(Answers().AllNo().Age(60).Run(nullptr), "age_onset");
}

TEST(TriageRuleTest, SelfHarmUrgentEmergencyIfImmediateDanger) {
  ExpectEachFires("self_harm", {"self_harm_thoughts"}, L::kUrgent, P::kNone);
  ExpectFired(
      Answers().AllNo().Yes("self_harm_thoughts").Yes("immediate_danger").Run(),
      "self_harm", L::kEmergency, P::kNone);
  // immediate_danger without the thoughts is not a base.
  ExpectNotFired(Answers().AllNo().Yes("immediate_danger").Run(), "self_harm");
}

TEST(TriageRuleTest, MoodScreen) {
  ExpectNotFired(
      Answers().AllNo().Num("phq9_total", 4).Num("gad7_total", 4).Run(),
      "mood_screen");
  ExpectFired(Answers().AllNo().Num("phq9_total", 15).Run(), "mood_screen",
              L::kSoon, P::kNone);
  ExpectFired(Answers().AllNo().Num("gad7_total", 15).Run(), "mood_screen",
              L::kSoon, P::kNone);
}

TEST(TriageRuleTest, NothingFiredIsSelfCare) {
  TriageResult r =
      Answers().AllNo().Age(35).Num("phq9_total", 2).Num("gad7_total", 2).Run();
  EXPECT_EQ(Show(r), "self_care: | unanswered: -");
  EXPECT_EQ(r.ruleset_version, "2026.1");
}

TEST(TriageOrderTest, HighestLevelFirstThenById) {
  TriageResult r = Answers()
                       .AllNo()
                       .Age(70)
                       .Yes("swelling_redness")
                       .Yes("leg_swollen_one_side")
                       .Yes("stroke_signs")
                       .Yes("breathless_sudden")
                       .Yes("gca_signs")
                       .Yes("severe_interference")
                       .Yes("night_pain_constant")
                       .Run();
  EXPECT_EQ(Show(r),
            "emergency: pulmonary_embolism[emergency/all] "
            "stroke[emergency/all] dvt[urgent/site] "
            "giant_cell_arteritis[urgent/none] local_swelling[soon/site] "
            "malignancy_signs[soon/none] severe_interference[soon/none] | "
            "unanswered: phq9_total gad7_total");
}

}  // namespace
}  // namespace unknot
