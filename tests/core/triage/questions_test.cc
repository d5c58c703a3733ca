// The question table as hosts ask it: every question has plain wording,
// follow-ups name an earlier yes/no question, and CompleteFollowUps only
// fills in follow-ups of a "no".
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "core/triage/triage_test_util.h"
#include "unknot/mood.h"
#include "unknot/triage.h"

namespace unknot {
namespace {

TEST(TriageQuestionsTest, EveryQuestionHasWordingAndValidFollowUps) {
  std::set<std::string_view> seen;
  for (const TriageQuestion& q : TriageQuestions()) {
    EXPECT_FALSE(q.text.empty()) << q.id;
    EXPECT_NE(q.text.back(), ' ') << q.id;
    if (!q.follows.empty()) {
      EXPECT_TRUE(seen.count(q.follows)) << q.id << " follows a later question";
      EXPECT_EQ(FindTriageQuestion(q.follows)->kind, QuestionKind::kYesNo);
    }
    if (!q.form.empty()) {
      ASSERT_NE(FindMoodForm(q.form), nullptr) << q.id;
      EXPECT_EQ(FindMoodForm(q.form)->total_question, q.id);
    }
    seen.insert(q.id);
  }
  EXPECT_EQ(FindTriageQuestion("chest_pain_hours_ago")->follows, "chest_pain");
  EXPECT_EQ(FindTriageQuestion("immediate_danger")->follows,
            "self_harm_thoughts");
}

TEST(TriageQuestionsTest, FollowUpsOfANoAreNo) {
  TriageAnswers a;
  ASSERT_TRUE(a.SetYesNo("weakness_or_numbness", false).ok());
  ASSERT_TRUE(a.SetYesNo("minor_injury", true).ok());
  ASSERT_TRUE(a.SetYesNo("self_harm_thoughts", false).ok());
  ASSERT_TRUE(a.SetYesNo("immediate_danger", true).ok());  // kept as given
  CompleteFollowUps(&a);
  EXPECT_FALSE(a.yes_no.at("weakness_worsening"));
  EXPECT_FALSE(a.yes_no.at("weakness_rapid_or_both_sides"));
  EXPECT_EQ(a.yes_no.count("osteoporosis"), 0u);  // base yes: still asked
  EXPECT_TRUE(a.yes_no.at("immediate_danger"));
  EXPECT_EQ(a.yes_no.count("chest_pain"), 0u);
  EXPECT_EQ(a.numbers.count("chest_pain_hours_ago"), 0u);  // numbers: never
}

TEST(TriageQuestionsTest, AFollowUpOfAYesStaysAQualifier) {
  // chest_pain yes, hours never asked: still an emergency (over-triage).
  TriageAnswers a = triage_test::Answers().Yes("chest_pain").get();
  CompleteFollowUps(&a);
  EXPECT_EQ(EvaluateTriage(a, nullptr).level, TriageLevel::kEmergency);
  TriageAnswers w = triage_test::Answers().Yes("weakness_or_numbness").get();
  CompleteFollowUps(&w);
  EXPECT_EQ(EvaluateTriage(w, nullptr).level, TriageLevel::kSoon);
}

TEST(TriageQuestionsTest, QuestionSetAsJson) {
  auto doc = nlohmann::json::parse(TriageQuestionsToJson(), nullptr, false);
  ASSERT_FALSE(doc.is_discarded());
  EXPECT_EQ(doc["ruleset_version"], std::string(kTriageRulesetVersion));
  ASSERT_EQ(doc["questions"].size(), TriageQuestions().size());
  EXPECT_EQ(doc["questions"][0].dump(),
            R"({"follows":"","form":"","id":"age","integer":false,"kind":)"
            R"("number","max":130,"min":0,"text":"How old are you (years)?"})");
  EXPECT_EQ(doc["questions"][1]["kind"], "yes_no");
  EXPECT_FALSE(doc["questions"][1].contains("min"));
  EXPECT_EQ(doc["mood_forms"][0]["id"], "phq9");
  EXPECT_EQ(doc["mood_forms"][0]["items"].size(), 9u);
  EXPECT_EQ(doc["mood_forms"][1]["bands"].back().dump(),
            R"({"from":15,"name":"severe"})");
  EXPECT_EQ(doc["mood_forms"][1]["offer_full_at"], 3);
  EXPECT_EQ(doc["mood_scale"].back(), "Nearly every day");
}

}  // namespace
}  // namespace unknot
