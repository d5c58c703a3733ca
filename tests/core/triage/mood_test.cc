// Mood check-ins (unknot/mood.h): PHQ-9/PHQ-2 and GAD-7/GAD-2 scoring, the
// band and short-form boundaries of RED_FLAGS.md, and how a form feeds the
// red-flag check (PHQ-9 item 9 > 0 -> self_harm_thoughts).
#include "unknot/mood.h"

#include <gtest/gtest.h>

#include "core/triage/triage_test_util.h"
#include "unknot/triage.h"

namespace unknot {
namespace {

// "phq9 full 10 moderate offer=0 item9=0"
std::string Score(std::string_view form, const std::vector<int>& items) {
  MoodScore score;
  Status s = ScoreMoodForm(form, items, &score);
  if (!s.ok()) return "error " + s.code();
  return score.form + (score.full ? " full " : " short ") +
         std::to_string(score.total) + " " +
         (score.band.empty() ? "-" : score.band) +
         " offer=" + std::to_string(score.offer_full) +
         " item9=" + std::to_string(score.self_harm_item);
}

TEST(MoodTest, FormsAreData) {
  ASSERT_EQ(MoodForms().size(), 2u);
  EXPECT_EQ(FindMoodForm("phq9")->items.size(), 9u);
  EXPECT_EQ(FindMoodForm("gad7")->items.size(), 7u);
  EXPECT_EQ(FindMoodForm("phq2"), nullptr);
  EXPECT_EQ(MoodAnswerScale().size(), 4u);
  for (const MoodForm& form : MoodForms()) {
    EXPECT_NE(FindTriageQuestion(form.total_question), nullptr) << form.id;
  }
}

TEST(MoodTest, Phq9BandsAt5_10_15_20) {
  EXPECT_EQ(Score("phq9", {0, 0, 0, 0, 0, 0, 0, 0, 0}),
            "phq9 full 0 minimal offer=0 item9=0");
  EXPECT_EQ(Score("phq9", {1, 1, 1, 1, 0, 0, 0, 0, 0}),
            "phq9 full 4 minimal offer=0 item9=0");
  EXPECT_EQ(Score("phq9", {1, 1, 1, 1, 1, 0, 0, 0, 0}),
            "phq9 full 5 mild offer=0 item9=0");
  EXPECT_EQ(Score("phq9", {3, 3, 3, 0, 0, 0, 0, 0, 0}),
            "phq9 full 9 mild offer=0 item9=0");
  EXPECT_EQ(Score("phq9", {3, 3, 3, 1, 0, 0, 0, 0, 0}),
            "phq9 full 10 moderate offer=0 item9=0");
  EXPECT_EQ(Score("phq9", {3, 3, 3, 3, 3, 0, 0, 0, 0}),
            "phq9 full 15 moderately severe offer=0 item9=0");
  EXPECT_EQ(Score("phq9", {3, 3, 3, 3, 3, 3, 2, 0, 0}),
            "phq9 full 20 severe offer=0 item9=0");
  EXPECT_EQ(Score("phq9", {3, 3, 3, 3, 3, 3, 3, 3, 3}),
            "phq9 full 27 severe offer=0 item9=1");
}

TEST(MoodTest, Gad7BandsAt5_10_15) {
  EXPECT_EQ(Score("gad7", {1, 1, 1, 1, 0, 0, 0}),
            "gad7 full 4 minimal offer=0 item9=0");
  EXPECT_EQ(Score("gad7", {3, 3, 3, 0, 0, 0, 0}),
            "gad7 full 9 mild offer=0 item9=0");
  EXPECT_EQ(Score("gad7", {3, 3, 3, 1, 0, 0, 0}),
            "gad7 full 10 moderate offer=0 item9=0");
  EXPECT_EQ(Score("gad7", {3, 3, 3, 3, 3, 0, 0}),
            "gad7 full 15 severe offer=0 item9=0");
}

TEST(MoodTest, ShortFormsOfferTheFullFormFrom3) {
  EXPECT_EQ(Score("phq9", {1, 1}), "phq9 short 2 - offer=0 item9=0");
  EXPECT_EQ(Score("phq9", {2, 1}), "phq9 short 3 - offer=1 item9=0");
  EXPECT_EQ(Score("gad7", {1, 1}), "gad7 short 2 - offer=0 item9=0");
  EXPECT_EQ(Score("gad7", {0, 3}), "gad7 short 3 - offer=1 item9=0");
}

TEST(MoodTest, RefusesOtherCountsAndPoints) {
  EXPECT_EQ(Score("phq9", {1, 1, 1}), "error invalid-answer");
  EXPECT_EQ(Score("phq9", {}), "error invalid-answer");
  EXPECT_EQ(Score("gad7", {4, 0}), "error invalid-answer");
  EXPECT_EQ(Score("gad7", {-1, 0}), "error invalid-answer");
  EXPECT_EQ(Score("phq2", {0, 0}), "error unknown-question");
}

TEST(MoodTest, Phq9Item9AboveZeroEscalatesToSelfHarm) {
  triage_test::Answers base;
  base.AllNo().Age(40).Num("gad7_total", 0);
  TriageAnswers answers = base.get();
  MoodScore score;
  ASSERT_TRUE(ScoreMoodForm("phq9", {0, 0, 0, 0, 0, 0, 0, 0, 1}, &score).ok());
  ASSERT_TRUE(ApplyMoodScore(score, &answers).ok());
  EXPECT_TRUE(answers.yes_no.at("self_harm_thoughts"));  // was "no"
  EXPECT_EQ(answers.numbers.at("phq9_total"), 1);
  // immediate_danger was answered no: urgent, the crisis line today.
  EXPECT_EQ(triage_test::Show(EvaluateTriage(answers, nullptr)),
            "urgent: self_harm[urgent/none] | unanswered: -");
}

TEST(MoodTest, Item9ZeroNeverClearsASelfHarmYes) {
  TriageAnswers answers;
  ASSERT_TRUE(answers.SetYesNo("self_harm_thoughts", true).ok());
  MoodScore score;
  ASSERT_TRUE(ScoreMoodForm("phq9", {0, 0, 0, 0, 0, 0, 0, 0, 0}, &score).ok());
  ASSERT_TRUE(ApplyMoodScore(score, &answers).ok());
  EXPECT_TRUE(answers.yes_no.at("self_harm_thoughts"));
}

TEST(MoodTest, ShortFormSetsNoTotal) {
  TriageAnswers answers;
  MoodScore score;
  ASSERT_TRUE(ScoreMoodForm("phq9", {3, 3}, &score).ok());
  ASSERT_TRUE(ApplyMoodScore(score, &answers).ok());
  EXPECT_TRUE(answers.numbers.empty());
  EXPECT_TRUE(answers.yes_no.empty());
}

TEST(MoodTest, AnswersFileCarriesTheForms) {
  TriageAnswers answers;
  std::vector<MoodScore> scores;
  Status s = ParseTriageAnswers(
      R"({"answers": {"self_harm_thoughts": false},
          "mood": {"phq9": [1, 1, 1, 1, 1, 1, 1, 1, 2], "gad7": [3, 3]}})",
      &answers, &scores);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(scores.size(), 2u);  // by form id
  EXPECT_TRUE(scores[0].offer_full);
  EXPECT_EQ(MoodScoreToJson(scores[1]),
            R"({"form":"phq9","full":true,"total":10,"band":"moderate",)"
            R"("offer_full":false,"self_harm_item":true})");
  EXPECT_EQ(answers.numbers.at("phq9_total"), 10);
  EXPECT_EQ(answers.numbers.count("gad7_total"), 0u);
  EXPECT_TRUE(answers.yes_no.at("self_harm_thoughts"));
  TriageResult r = EvaluateTriage(answers, nullptr);
  triage_test::ExpectFired(r, "self_harm", TriageLevel::kEmergency,
                           TriagePause::kNone);  // immediate_danger unknown
  triage_test::ExpectFired(r, "mood_screen", TriageLevel::kSoon,
                           TriagePause::kNone);
}

TEST(MoodTest, AnswersFileRefusesAMismatchedTotalAndChangesNothing) {
  TriageAnswers answers;
  ASSERT_TRUE(answers.SetYesNo("chest_pain", false).ok());
  Status s = ParseTriageAnswers(
      R"({"answers": {"phq9_total": 3, "chest_pain": true},
          "mood": {"phq9": [1, 1, 1, 1, 1, 1, 1, 1, 1]}})",
      &answers);
  EXPECT_EQ(s.code(), "invalid-answer");
  EXPECT_FALSE(answers.yes_no.at("chest_pain"));
  EXPECT_EQ(
      ParseTriageAnswers(R"({"mood": {"phq9": [1.5, 0]}})", &answers).code(),
      "invalid-answer");
  EXPECT_EQ(ParseTriageAnswers(R"({"mood": [1]})", &answers).code(),
            "invalid-answer");
}

}  // namespace
}  // namespace unknot
