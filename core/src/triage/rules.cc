// The rule table of shared/clinical/RED_FLAGS.md, ruleset
// kTriageRulesetVersion. Change a rule here, bump the version, update
// docs/triage.md and the tests.
#include <utility>

#include "triage/triage_tuning.h"
#include "unknot/triage.h"

namespace unknot {
namespace {

using Op = TriageExpr::Op;
using L = TriageLevel;
using P = TriagePause;

TriageExpr Yes(std::string_view id) { return {Op::kYes, id, 0, {}, {}}; }
TriageExpr AnyOf(std::vector<TriageExpr> children) {
  return {Op::kAnyOf, {}, 0, {}, std::move(children)};
}
TriageExpr AllOf(std::vector<TriageExpr> children) {
  return {Op::kAllOf, {}, 0, {}, std::move(children)};
}
TriageExpr AtLeast(std::string_view id, double v) {
  return {Op::kAtLeast, id, v, {}, {}};
}
TriageExpr AtMost(std::string_view id, double v) {
  return {Op::kAtMost, id, v, {}, {}};
}
TriageExpr Less(std::string_view id, double v) {
  return {Op::kLess, id, v, {}, {}};
}
TriageExpr Greater(std::string_view id, double v) {
  return {Op::kGreater, id, v, {}, {}};
}
// Unknown answers inside count as met: the base is already yes.
TriageExpr Qualifier(TriageExpr child) {
  return {Op::kQualifier, {}, 0, {}, {std::move(child)}};
}
TriageExpr Journal(std::string_view id) {
  return {Op::kJournal, id, 0, {}, {}};
}
// RED_FLAGS.md: any of these is yes.
TriageExpr NeuroAny() {
  return {Op::kAnyYes,
          {},
          0,
          {"weakness_or_numbness", "weakness_worsening",
           "weakness_rapid_or_both_sides", "both_legs", "cord_signs"},
          {}};
}

TriageVariant If(TriageExpr when, L level, P pauses, std::string_view msg) {
  return {std::move(when), level, pauses, msg};
}
TriageVariant Otherwise(L level, P pauses, std::string_view msg) {
  return {std::nullopt, level, pauses, msg};
}

std::vector<TriageRule>* BuildRules() {
  auto* r = new std::vector<TriageRule>();
  r->push_back(
      {"cauda_equina",
       AnyOf({Yes("bladder_bowel_change"), Yes("saddle_numbness"),
              Yes("sexual_dysfunction_new"), Yes("both_legs")}),
       {Otherwise(L::kEmergency, P::kAll,
                  "These can be signs of pressure on the nerves at the base "
                  "of the spine, an emergency. Go to the emergency department "
                  "now.")},
       "BASS 2018 via NHS Cornwall LBP guideline; NICE CKS; Finucane 2020 "
       "(JOSPT)"});
  r->push_back({"stroke",
                AnyOf({Yes("stroke_signs"), Yes("vision_change")}),
                {Otherwise(L::kEmergency, P::kAll,
                           "These can be signs of a stroke or an eye "
                           "emergency. Call your emergency number now.")},
                "FAST campaign; NHS Lanarkshire GCA pathway (visual loss)"});
  constexpr std::string_view kDeficit =
      "Weakness or numbness that is worsening or sudden needs a doctor today "
      "(now, if sudden or on both sides).";
  r->push_back(
      {"progressive_deficit",
       AnyOf({Yes("weakness_worsening"), Yes("weakness_rapid_or_both_sides")}),
       {If(Qualifier(Yes("weakness_rapid_or_both_sides")), L::kEmergency,
           P::kAll, kDeficit),
        Otherwise(L::kUrgent, P::kAll, kDeficit)},
       "BASS 2018; NICE CKS; Finucane 2020"});
  r->push_back(
      {"chest_pain",
       Yes("chest_pain"),
       {If(Qualifier(AtMost("chest_pain_hours_ago", kChestPainRecentHours)),
           L::kEmergency, P::kAll,
           "Chest pain can come from the heart even when it feels like a "
           "muscle. Call your emergency number now."),
        Otherwise(L::kUrgent, P::kAll,
                  "Chest pain can come from the heart even when it feels like "
                  "a muscle. Get seen today.")},
       "NICE CG95"});
  r->push_back({"pulmonary_embolism",
                Yes("breathless_sudden"),
                {Otherwise(L::kEmergency, P::kAll,
                           "This can be a sign of a clot in the lung. Call "
                           "your emergency number now.")},
                "NICE NG158"});
  r->push_back({"dvt",
                Yes("leg_swollen_one_side"),
                {Otherwise(L::kUrgent, P::kSite,
                           "A swollen, warm or red leg can be a sign of a "
                           "blood clot. Get seen today; do not massage or "
                           "press the leg.")},
                "NICE NG158"});
  r->push_back({"neurovascular",
                Yes("neuro_head_neck"),
                {Otherwise(L::kEmergency, P::kAll,
                           "With neck pain, these can be signs of a problem "
                           "with the blood vessels of the neck. Call your "
                           "emergency number now.")},
                "Rushton 2023 (JOSPT, IFOMPT cervical framework)"});
  r->push_back({"meningitis",
                Yes("fever_stiff_neck"),
                {Otherwise(L::kEmergency, P::kAll,
                           "A stiff neck with fever can be a sign of "
                           "meningitis. Call your emergency number now.")},
                "GPonline neck-pain red flags; NICE CKS"});
  r->push_back({"cord_compression",
                Yes("cord_signs"),
                {Otherwise(L::kUrgent, P::kAll,
                           "These can be signs that the spinal cord is being "
                           "pressed. See a doctor today.")},
                "Primary Care Notebook; RCGP neck pathway"});
  r->push_back(
      {"infection",
       AnyOf({Yes("fever_or_unwell"), Yes("immunosuppressed"),
              Yes("iv_drug_use")}),
       {If(Qualifier(Yes("fever_or_unwell")), L::kUrgent, P::kAll,
           "Pain with fever or a weakened immune system can be a sign of "
           "infection. Get seen today."),
        Otherwise(L::kSoon, P::kNone,
                  "Pain with fever or a weakened immune system can be a sign "
                  "of infection. Have a doctor check this pain soon.")},
       "Finucane 2020; Deyo criteria; NICE CKS neck pain"});
  constexpr std::string_view kCancer =
      "Because you have had cancer, new back or neck pain should be checked "
      "within a day by your cancer team or doctor; with weakness or numbness, "
      "now.";
  r->push_back({"malignancy",
                Yes("cancer_history"),
                {If(Qualifier(NeuroAny()), L::kEmergency, P::kAll, kCancer),
                 Otherwise(L::kUrgent, P::kAll, kCancer)},
                "NICE NG234 (2023, replaced CG75)"});
  r->push_back(
      {"malignancy_signs",
       AnyOf({Yes("weight_loss_unexplained"), Yes("night_pain_constant")}),
       {Otherwise(L::kSoon, P::kNone, "A doctor should check this pain soon.")},
       "Downie 2013 (BMJ); Deyo criteria"});
  constexpr std::string_view kFracture =
      "After an injury like this, get checked for a fracture before any "
      "self-care.";
  r->push_back({"fracture",
                AnyOf({Yes("significant_injury"),
                       AllOf({Yes("minor_injury"),
                              Qualifier(AnyOf({AtLeast("age", kFractureAge),
                                               Yes("osteoporosis"),
                                               Yes("long_term_steroids")}))})}),
                {If(AllOf({Yes("significant_injury"),
                           Qualifier(AnyOf(
                               {NeuroAny(), AtLeast("age", kFractureAge)}))}),
                    L::kEmergency, P::kAll, kFracture),
                 Otherwise(L::kUrgent, P::kAll, kFracture)},
                "Downie 2013; Canadian C-spine rule (Stiell 2001)"});
  r->push_back(
      {"giant_cell_arteritis",
       AllOf({Qualifier(AtLeast("age", kArteritisAge)), Yes("gca_signs")}),
       {Otherwise(L::kUrgent, P::kNone,
                  "In people over 50 this can be a sign of an "
                  "inflamed artery that can threaten sight. Get seen "
                  "today.")},
       "NHS Lanarkshire GCA pathway; BMJ Best Practice"});
  r->push_back({"polymyalgia",
                AllOf({Qualifier(AtLeast("age", kArteritisAge)),
                       Yes("girdle_stiffness")}),
                {Otherwise(L::kSoon, P::kNone,
                           "This pattern needs a doctor's visit and a blood "
                           "test.")},
                "BMJ Best Practice"});
  r->push_back({"weakness_numbness",
                Yes("weakness_or_numbness"),
                {Otherwise(L::kSoon, P::kNone,
                           "Weakness or numbness should be checked by a "
                           "doctor.")},
                "seed"});
  r->push_back({"severe_interference",
                Yes("severe_interference"),
                {Otherwise(L::kSoon, P::kNone,
                           "Pain that stops your daily life deserves a "
                           "professional assessment.")},
                "seed"});
  r->push_back({"local_swelling",
                Yes("swelling_redness"),
                {If(Qualifier(Yes("fever_or_unwell")), L::kUrgent, P::kSite,
                    "Swelling or redness around the area with fever or "
                    "feeling unwell can be a sign of infection. Get seen "
                    "today."),
                 Otherwise(L::kSoon, P::kSite,
                           "Swelling or redness around the area should be "
                           "checked.")},
                "seed; infection row"});
  r->push_back({"no_improvement",
                Journal("no_improvement"),
                {Otherwise(L::kSoon, P::kNone,
                           "After weeks of self-care without improvement, "
                           "it's time for a professional assessment (physical "
                           "therapy, massage therapy, or a doctor).")},
                "seed; Deyo criteria (4-6 weeks); Farrar 2001"});
  r->push_back(
      {"worsening",
       Journal("worsening"),
       {Otherwise(L::kSoon, P::kNone, "Your pain has been getting worse.")},
       "Farrar 2001"});
  r->push_back({"age_onset",
                AllOf({Journal("recent_onset"),
                       Qualifier(AnyOf({Less("age", kYoungOnsetAge),
                                        Greater("age", kOlderOnsetAge)}))}),
                {Otherwise(L::kSoon, P::kNone,
                           "New pain at this age should be checked by a "
                           "doctor.")},
                "NICE CKS neck pain"});
  r->push_back({"self_harm",
                Yes("self_harm_thoughts"),
                {If(Qualifier(Yes("immediate_danger")), L::kEmergency, P::kNone,
                    "You don't have to face this alone. If you might act on "
                    "these thoughts, call your emergency number or a crisis "
                    "line now."),
                 Otherwise(L::kUrgent, P::kNone,
                           "You don't have to face this alone: talk to "
                           "someone today, such as a crisis line.")},
                "PHQ-9 item-9 guidance"});
  r->push_back({"mood_screen",
                AnyOf({AtLeast("phq9_total", kMoodScreenTotal),
                       AtLeast("gad7_total", kMoodScreenTotal)}),
                {Otherwise(L::kSoon, P::kNone,
                           "Your answers suggest stress or low mood that a "
                           "doctor or therapist can help with.")},
                "Kroenke 2001; Spitzer 2006"});
  return r;
}

}  // namespace

const std::vector<TriageRule>& TriageRules() {
  static const std::vector<TriageRule>* rules = BuildRules();
  return *rules;
}

const std::vector<TriageQuestion>& TriageQuestions() {
  using K = QuestionKind;
  static const auto* questions = new std::vector<TriageQuestion>{
      {"age", K::kNumber, 0, 130, false},
      {"bladder_bowel_change", K::kYesNo},
      {"saddle_numbness", K::kYesNo},
      {"sexual_dysfunction_new", K::kYesNo},
      {"both_legs", K::kYesNo},
      {"weakness_or_numbness", K::kYesNo},
      {"weakness_worsening", K::kYesNo},
      {"weakness_rapid_or_both_sides", K::kYesNo},
      {"stroke_signs", K::kYesNo},
      {"vision_change", K::kYesNo},
      {"chest_pain", K::kYesNo},
      {"chest_pain_hours_ago", K::kNumber, 0, 1e6, false},
      {"breathless_sudden", K::kYesNo},
      {"leg_swollen_one_side", K::kYesNo},
      {"neuro_head_neck", K::kYesNo},
      {"fever_stiff_neck", K::kYesNo},
      {"cord_signs", K::kYesNo},
      {"fever_or_unwell", K::kYesNo},
      {"immunosuppressed", K::kYesNo},
      {"iv_drug_use", K::kYesNo},
      {"cancer_history", K::kYesNo},
      {"weight_loss_unexplained", K::kYesNo},
      {"night_pain_constant", K::kYesNo},
      {"significant_injury", K::kYesNo},
      {"minor_injury", K::kYesNo},
      {"osteoporosis", K::kYesNo},
      {"long_term_steroids", K::kYesNo},
      {"gca_signs", K::kYesNo},
      {"girdle_stiffness", K::kYesNo},
      {"severe_interference", K::kYesNo},
      {"swelling_redness", K::kYesNo},
      {"self_harm_thoughts", K::kYesNo},
      {"immediate_danger", K::kYesNo},
      {"phq9_total", K::kNumber, 0, 27, true},
      {"gad7_total", K::kNumber, 0, 21, true},
  };
  return *questions;
}

const TriageQuestion* FindTriageQuestion(std::string_view id) {
  for (const TriageQuestion& q : TriageQuestions()) {
    if (q.id == id) return &q;
  }
  return nullptr;
}

}  // namespace unknot
