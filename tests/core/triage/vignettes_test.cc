// Realistic cases, including mimics: what feels like a knot but is not. No
// emergency or urgent case may come out lower than expected; each names the
// rule that must carry it.
#include "core/triage/triage_test_util.h"
#include "unknot/triage.h"

namespace unknot {
namespace {

using triage_test::Answers;
using triage_test::Facts;
using triage_test::Find;
using triage_test::Show;
using L = TriageLevel;
using P = TriagePause;

struct Vignette {
  std::string_view name;
  std::optional<double> age;
  std::vector<std::string_view> yes;
  std::vector<std::pair<std::string_view, double>> numbers;
  L level;                // the result's level, exactly
  std::string_view rule;  // must fire at `level`
  P pauses;
};

// Everyone answered every question; "no" unless listed.
const std::vector<Vignette>& Vignettes() {
  static const auto* v = new std::vector<Vignette>{
      {"heart pain felt as an upper-back knot, sweating, an hour ago",
       58,
       {"chest_pain"},
       {{"chest_pain_hours_ago", 1}},
       L::kEmergency,
       "chest_pain",
       P::kAll},
      {"'knot between the shoulder blades' with jaw ache, happening now",
       47,
       {"chest_pain"},
       {{"chest_pain_hours_ago", 0}},
       L::kEmergency,
       "chest_pain",
       P::kAll},
      {"calf clot felt as a calf knot: swollen, warm, red calf",
       44,
       {"leg_swollen_one_side", "swelling_redness"},
       {},
       L::kUrgent,
       "dvt",
       P::kSite},
      {"jaw pain when chewing in a 70-year-old (GCA)",
       70,
       {"gca_signs"},
       {},
       L::kUrgent,
       "giant_cell_arteritis",
       P::kNone},
      {"cauda equina signs with 'just a back knot'",
       39,
       {"bladder_bowel_change", "saddle_numbness"},
       {},
       L::kEmergency,
       "cauda_equina",
       P::kAll},
      {"low-back 'knot' with pain down both legs",
       45,
       {"both_legs"},
       {},
       L::kEmergency,
       "cauda_equina",
       P::kAll},
      {"neck knot with the worst headache ever",
       36,
       {"neuro_head_neck"},
       {},
       L::kEmergency,
       "neurovascular",
       P::kAll},
      {"stiff neck with fever",
       22,
       {"fever_stiff_neck", "fever_or_unwell"},
       {},
       L::kEmergency,
       "meningitis",
       P::kAll},
      {"'rib knot' with sudden breathlessness",
       33,
       {"breathless_sudden"},
       {},
       L::kEmergency,
       "pulmonary_embolism",
       P::kAll},
      {"shoulder knot, then face drooping",
       67,
       {"stroke_signs"},
       {},
       L::kEmergency,
       "stroke",
       P::kAll},
      {"fall from a ladder at 70, back pain",
       70,
       {"significant_injury"},
       {},
       L::kEmergency,
       "fracture",
       P::kAll},
      {"minor fall at 60 with osteoporosis",
       60,
       {"minor_injury", "osteoporosis"},
       {},
       L::kUrgent,
       "fracture",
       P::kAll},
      {"new back pain after breast cancer",
       52,
       {"cancer_history"},
       {},
       L::kUrgent,
       "malignancy",
       P::kAll},
      {"new back pain after cancer, legs getting weak",
       52,
       {"cancer_history", "weakness_or_numbness", "weakness_worsening"},
       {},
       L::kEmergency,
       "malignancy",
       P::kAll},
      {"neck knot with clumsy hands",
       61,
       {"cord_signs"},
       {},
       L::kUrgent,
       "cord_compression",
       P::kAll},
      {"back knot with fever in someone who injects drugs",
       31,
       {"fever_or_unwell", "iv_drug_use"},
       {},
       L::kUrgent,
       "infection",
       P::kAll},
      {"PHQ-9 item 9 answered above zero",
       28,
       {"self_harm_thoughts"},
       {{"phq9_total", 16}},
       L::kUrgent,
       "self_harm",
       P::kNone},
      {"might act on those thoughts now",
       28,
       {"self_harm_thoughts", "immediate_danger"},
       {},
       L::kEmergency,
       "self_harm",
       P::kNone},
      {"both shoulders stiff every morning at 68",
       68,
       {"girdle_stiffness"},
       {},
       L::kSoon,
       "polymyalgia",
       P::kNone},
      {"knot with tingling fingers, stable",
       42,
       {"weakness_or_numbness"},
       {},
       L::kSoon,
       "weakness_numbness",
       P::kNone},
      {"plain upper-trapezius knot, everything no",
       34,
       {},
       {{"phq9_total", 3}, {"gad7_total", 2}},
       L::kSelfCare,
       "",
       P::kNone},
  };
  return *v;
}

TEST(TriageVignetteTest, EachCaseGetsItsLevelAndRule) {
  for (const Vignette& v : Vignettes()) {
    SCOPED_TRACE(v.name);
    Answers a = Answers().AllNo();
    if (v.age) a.Age(*v.age);
    for (std::string_view id : v.yes) a.Yes(id);
    for (const auto& [id, n] : v.numbers) a.Num(id, n);
    TriageResult r = a.Run();
    EXPECT_EQ(r.level, v.level) << Show(r);
    // The unmissable ones never come out lower.
    if (v.level >= L::kUrgent) EXPECT_GE(r.level, v.level) << Show(r);
    if (v.rule.empty()) {
      EXPECT_TRUE(r.rules.empty()) << Show(r);
      continue;
    }
    const FiredRule* f = Find(r, v.rule);
    ASSERT_NE(f, nullptr) << Show(r);
    EXPECT_EQ(f->level, v.level) << Show(r);
    EXPECT_EQ(f->pauses, v.pauses) << Show(r);
  }
}

TEST(TriageVignetteTest, PlainKnotSelfCareEvenWithAJournal) {
  Facts calm;
  calm.Pain(27, {4, 4, 4, 4}).Pain(13, {4, 3, 4, 4, 3});
  TriageResult r = Answers()
                       .AllNo()
                       .Age(34)
                       .Num("phq9_total", 3)
                       .Num("gad7_total", 2)
                       .Run(calm.ptr());
  EXPECT_EQ(Show(r), "self_care: | unanswered: -");
}

TEST(TriageVignetteTest, HeartPainWithOnlyThatAnsweredIsStillEmergency) {
  // Someone who taps just "chest pain" and nothing else.
  TriageResult r = Answers().Yes("chest_pain").Run();
  EXPECT_EQ(r.level, L::kEmergency) << Show(r);
}

TEST(TriageVignetteTest, CalfClotFeltAsKnotPausesTheSiteNotAll) {
  TriageResult r = Answers()
                       .AllNo()
                       .Age(44)
                       .Yes("leg_swollen_one_side")
                       .Yes("swelling_redness")
                       .Run();
  EXPECT_EQ(Show(r),
            "urgent: dvt[urgent/site] local_swelling[soon/site] | "
            "unanswered: phq9_total gad7_total");
}

}  // namespace
}  // namespace unknot
