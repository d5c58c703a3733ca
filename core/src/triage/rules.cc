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

// The question table: ids, kinds and ranges for the evaluator; plain
// wording (RED_FLAGS.md's meaning, asked as a question) and follow-ups for
// the hosts that ask them.
const std::vector<TriageQuestion>& TriageQuestions() {
  using K = QuestionKind;
  auto yes_no = [](std::string_view id, std::string_view text,
                   std::string_view follows = {}) {
    return TriageQuestion{id, K::kYesNo, 0, 0, false, text, follows, {}};
  };
  static const auto* questions = new std::vector<TriageQuestion>{
      {"age", K::kNumber, 0, 130, false, "How old are you (years)?", {}, {}},
      yes_no("bladder_bowel_change",
             "Any new trouble passing urine, or loss of bladder or bowel "
             "control?"),
      yes_no("saddle_numbness",
             "Any numbness around your genitals, buttocks or inner thighs?"),
      yes_no("sexual_dysfunction_new",
             "Any new problems with sexual function, together with back "
             "pain?"),
      yes_no("both_legs",
             "Back pain with pain shooting down, or numbness or weakness in, "
             "both legs?"),
      yes_no("weakness_or_numbness", "Any muscle weakness or numbness?"),
      yes_no("weakness_worsening",
             "Is the weakness or numbness getting worse or spreading?",
             "weakness_or_numbness"),
      yes_no("weakness_rapid_or_both_sides",
             "Did the weakness or numbness come on suddenly, or does it "
             "affect both sides?",
             "weakness_or_numbness"),
      yes_no("stroke_signs",
             "Face drooping, an arm that suddenly can't be lifted, slurred "
             "speech, or sudden confusion?"),
      yes_no("vision_change", "Sudden loss of vision or new double vision?"),
      yes_no("chest_pain",
             "Chest pain or pressure, or pain spreading to your arm, jaw or "
             "back with sweating, nausea or breathlessness, even if it feels "
             "like a muscle?"),
      {"chest_pain_hours_ago",
       K::kNumber,
       0,
       1e6,
       false,
       "How many hours ago did that chest pain last happen? (0 = now)",
       "chest_pain",
       {}},
      yes_no("breathless_sudden",
             "Sudden breathlessness, chest pain that is worse when you "
             "breathe in, or coughing up blood?"),
      yes_no("leg_swollen_one_side",
             "Leg or calf pain with that leg swollen, warm, red or darker "
             "than the other?"),
      yes_no("neuro_head_neck",
             "With neck pain or headache: a sudden severe (\"worst ever\") "
             "headache, dizziness or sudden falls, trouble swallowing, or new "
             "unsteadiness?"),
      yes_no("fever_stiff_neck",
             "A stiff neck together with fever, or with a headache and light "
             "hurting your eyes, or with a rash that doesn't fade when "
             "pressed?"),
      yes_no("cord_signs",
             "Clumsy hands, dropping things, changes in your walking or "
             "balance, or electric shocks down your spine when you bend your "
             "neck?"),
      yes_no("fever_or_unwell",
             "Fever, chills, night sweats, or feeling generally unwell with "
             "the pain?"),
      yes_no("immunosuppressed",
             "Do you have a weakened immune system (chemotherapy, HIV, a "
             "transplant or immune-suppressing drugs)?"),
      yes_no("iv_drug_use", "Do you inject drugs?"),
      yes_no("cancer_history",
             "Have you ever had cancer, and is this new back, neck or rib "
             "pain?"),
      yes_no("weight_loss_unexplained",
             "Are you losing weight without trying?"),
      yes_no("night_pain_constant",
             "Is the pain constant, worse at night, and not eased by rest or "
             "changing position?"),
      yes_no("significant_injury",
             "Did the pain start after a significant injury (a fall from "
             "height, a road accident) that no clinician has checked yet?"),
      yes_no("minor_injury", "Did the pain start after a minor fall or lift?"),
      yes_no("osteoporosis", "Do you have osteoporosis?", "minor_injury"),
      yes_no("long_term_steroids", "Do you take steroid tablets long term?",
             "minor_injury"),
      yes_no("gca_signs",
             "A new headache at your temples, a tender scalp, or jaw pain "
             "when chewing?"),
      yes_no("girdle_stiffness",
             "New stiffness and aching of both shoulders or both hips, worst "
             "in the morning?"),
      yes_no("severe_interference",
             "Is the pain so severe that it stops you doing your daily "
             "activities?"),
      yes_no("swelling_redness",
             "Any swelling or redness around the painful area?"),
      yes_no("self_harm_thoughts",
             "Have you had thoughts that you would be better off dead, or of "
             "hurting yourself?"),
      yes_no("immediate_danger",
             "Do you feel you might act on those thoughts now?",
             "self_harm_thoughts"),
      {"phq9_total", K::kNumber, 0, 27, true, "PHQ-9 total (0-27)", {}, "phq9"},
      {"gad7_total", K::kNumber, 0, 21, true, "GAD-7 total (0-21)", {}, "gad7"},
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
