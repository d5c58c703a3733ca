// The answers file, the answer setters and the result JSON.
#include "core/triage/triage_test_util.h"
#include "unknot/triage.h"

namespace unknot {
namespace {

using triage_test::Answers;

TEST(TriageAnswersTest, ParsesTheIssueExample) {
  TriageAnswers a;
  Status s = ParseTriageAnswers(
      R"({"age": 58, "answers": {"chest_pain": true,
          "chest_pain_hours_ago": 2, "fever_or_unwell": null}})",
      &a);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(a.numbers.at("age"), 58);
  EXPECT_EQ(a.numbers.at("chest_pain_hours_ago"), 2);
  EXPECT_TRUE(a.yes_no.at("chest_pain"));
  EXPECT_EQ(a.yes_no.count("fever_or_unwell"), 0u);  // null: unknown
}

TEST(TriageAnswersTest, AgeMaySitInsideAnswers) {
  TriageAnswers a;
  ASSERT_TRUE(ParseTriageAnswers(R"({"answers": {"age": 71}})", &a).ok());
  EXPECT_EQ(a.numbers.at("age"), 71);
  TriageAnswers same;
  EXPECT_TRUE(
      ParseTriageAnswers(R"({"age": 71, "answers": {"age": 71}})", &same).ok());
  TriageAnswers clash;
  EXPECT_EQ(ParseTriageAnswers(R"({"age": 71, "answers": {"age": 30}})", &clash)
                .code(),
            "invalid-answer");
  TriageAnswers null_age;
  ASSERT_TRUE(
      ParseTriageAnswers(R"({"age": null, "answers": {}})", &null_age).ok());
  EXPECT_EQ(null_age.numbers.count("age"), 0u);
}

TEST(TriageAnswersTest, RefusesUnknownQuestions) {
  TriageAnswers a;
  EXPECT_EQ(
      ParseTriageAnswers(R"({"answers": {"chest_pains": true}})", &a).code(),
      "unknown-question");
  EXPECT_EQ(ParseTriageAnswers(R"({"chest_pain": true})", &a).code(),
            "unknown-question");
  EXPECT_EQ(a.SetYesNo("nope", true).code(), "unknown-question");
  EXPECT_TRUE(a.yes_no.empty());
}

TEST(TriageAnswersTest, RefusesWrongTypesAndRanges) {
  TriageAnswers a;
  for (const char* bad : {
           R"({"answers": {"chest_pain": "yes"}})",
           R"({"answers": {"chest_pain": 1}})",
           R"({"answers": {"chest_pain_hours_ago": true}})",
           R"({"age": "58"})",
           R"({"age": -1})",
           R"({"answers": {"phq9_total": 28}})",
           R"({"answers": {"gad7_total": 4.5}})",
           R"({"answers": [1, 2]})",
       }) {
    SCOPED_TRACE(bad);
    EXPECT_EQ(ParseTriageAnswers(bad, &a).code(), "invalid-answer");
  }
  EXPECT_EQ(a.SetNumber("chest_pain", 1).code(), "invalid-answer");
  EXPECT_EQ(a.SetYesNo("age", true).code(), "invalid-answer");
  EXPECT_TRUE(a.yes_no.empty());
  EXPECT_TRUE(a.numbers.empty());
}

TEST(TriageAnswersTest, RefusesInvalidJson) {
  TriageAnswers a;
  EXPECT_EQ(ParseTriageAnswers("{", &a).code(), "invalid-json");
  EXPECT_EQ(ParseTriageAnswers("[]", &a).code(), "invalid-json");
  EXPECT_EQ(ParseTriageAnswers("", &a).code(), "invalid-json");
}

TEST(TriageAnswersTest, FractionalHoursAreAccepted) {
  TriageAnswers a;
  ASSERT_TRUE(
      ParseTriageAnswers(R"({"answers": {"chest_pain_hours_ago": 12.5}})", &a)
          .ok());
  EXPECT_EQ(a.numbers.at("chest_pain_hours_ago"), 12.5);
}

TEST(TriageJsonTest, WritesTheDocumentedShape) {
  TriageResult r = Answers()
                       .AllNo()
                       .Age(44)
                       .Yes("leg_swollen_one_side")
                       .Num("phq9_total", 1)
                       .Run();
  EXPECT_EQ(TriageResultToJson(r),
            R"({"level":"urgent","rules":[{"id":"dvt","level":"urgent",)"
            R"("message":"A swollen, warm or red leg can be a sign of a blood )"
            R"(clot. Get seen today; do not massage or press the leg.",)"
            R"("pauses":"site","source":"NICE NG158"}],)"
            R"("unanswered":["gad7_total"],"ruleset_version":"2026.1"})");
}

TEST(TriageJsonTest, SelfCareHasEmptyRules) {
  TriageResult r =
      Answers().AllNo().Num("phq9_total", 0).Num("gad7_total", 0).Run();
  EXPECT_EQ(TriageResultToJson(r),
            R"({"level":"self_care","rules":[],"unanswered":[],)"
            R"("ruleset_version":"2026.1"})");
}

TEST(TriageNumbersTest, ByCountry) {
  EXPECT_EQ(LookupEmergencyNumbers("US").emergency, "911");
  EXPECT_EQ(LookupEmergencyNumbers("US").crisis_line, "988 (call or text)");
  EXPECT_EQ(LookupEmergencyNumbers("ca").crisis_line, "988");
  EXPECT_EQ(LookupEmergencyNumbers("GB").emergency, "999 (or 112)");
  EXPECT_EQ(LookupEmergencyNumbers("GB").crisis_line, "Samaritans 116 123");
  EXPECT_EQ(LookupEmergencyNumbers("IE").emergency, "112 / 999");
  EXPECT_EQ(LookupEmergencyNumbers("FR").emergency, "112");
  EXPECT_EQ(LookupEmergencyNumbers("de").crisis_line,
            "116 123 where it exists");
  EXPECT_EQ(LookupEmergencyNumbers("AU").emergency, "000");
  EXPECT_EQ(LookupEmergencyNumbers("AU").crisis_line, "Lifeline 13 11 14");
  EXPECT_EQ(LookupEmergencyNumbers("NZ").emergency, "111");
  EXPECT_EQ(LookupEmergencyNumbers("NZ").crisis_line, "1737");
  EXPECT_EQ(LookupEmergencyNumbers("JP").emergency, "112");
  EXPECT_EQ(LookupEmergencyNumbers("").crisis_line, "your local crisis line");
}

}  // namespace
}  // namespace unknot
