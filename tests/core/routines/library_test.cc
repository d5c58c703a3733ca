// The built-in library: every routine valid, ids unique and stable, doses
// as RED_FLAGS.md "Routine doses" says, safety notes and targets present.
#include <gtest/gtest.h>

#include <set>

#include "unknot/routines.h"
#include "unknot/vocabulary.h"

namespace unknot {
namespace {

TEST(RoutineLibraryTest, EveryRoutineIsValidWithAUniqueStableId) {
  std::set<std::string> ids;
  ASSERT_GE(RoutineLibrary().size(), 20u);
  for (const Routine& r : RoutineLibrary()) {
    SCOPED_TRACE(r.id);
    EXPECT_TRUE(ValidateRoutine(r).ok()) << ValidateRoutine(r).ToString();
    EXPECT_TRUE(ids.insert(r.id).second) << "duplicate id";
    EXPECT_FALSE(r.custom);
    EXPECT_FALSE(r.source.empty());
    EXPECT_EQ(FindLibraryRoutine(r.id), &r);
    for (char c : r.id) {
      EXPECT_TRUE((c >= 'a' && c <= 'z') || c == '_' || (c >= '0' && c <= '9'));
    }
  }
  EXPECT_EQ(FindLibraryRoutine("no_such_routine"), nullptr);
}

TEST(RoutineLibraryTest, IdsThatJournalsStoreNeverDisappear) {
  // Ids of version 2026.1: stored in sessions and schedules. Never remove one.
  for (const char* id :
       {"stretch_upper_trapezius", "stretch_levator_scapulae",
        "stretch_pecs_doorway", "stretch_upper_back",
        "stretch_lower_back_knees_to_chest", "stretch_quadratus_lumborum",
        "stretch_piriformis", "foam_roll_upper_back", "heat_neck_shoulders",
        "heat_lower_back", "self_massage_neck_shoulders",
        "massage_ball_upper_back", "posture_check", "deep_breathing",
        "progressive_muscle_relaxation", "mindfulness_body_scan",
        "gentle_yoga"}) {
    EXPECT_NE(FindLibraryRoutine(id), nullptr) << id;
  }
}

TEST(RoutineLibraryTest, CoversEveryKindAndTheCommonKnotSites) {
  std::set<RoutineKind> kinds;
  std::set<std::string> areas;
  for (const Routine& r : RoutineLibrary()) {
    kinds.insert(r.kind);
    for (const std::string& a : RoutineAreas(r)) areas.insert(a);
  }
  EXPECT_EQ(kinds.size(), 6u);
  for (const char* area :
       {"neck", "shoulders", "upper_back", "chest", "lower_back", "hips"}) {
    EXPECT_TRUE(areas.count(area)) << area;
  }
  // Mind-body includes the seed's four techniques.
  for (const char* id : {"deep_breathing", "progressive_muscle_relaxation",
                         "mindfulness_body_scan", "gentle_yoga"}) {
    EXPECT_EQ(FindLibraryRoutine(id)->kind, RoutineKind::kMindBody);
  }
}

TEST(RoutineLibraryTest, StretchHoldsAre30SecondsThreeToFiveRepsLongerAt65) {
  int holds = 0;
  for (const Routine& r : RoutineLibrary()) {
    if (r.kind != RoutineKind::kStretch) continue;
    SCOPED_TRACE(r.id);
    EXPECT_FALSE(r.targets.empty());
    bool has_hold = false;
    for (const RoutineStep& s : r.steps) {
      if (s.seconds == 0) continue;
      has_hold = true;
      ++holds;
      EXPECT_EQ(s.seconds, 30);
      EXPECT_EQ(s.reps, 3);
      EXPECT_EQ(s.max_reps, 5);
      EXPECT_GT(s.seconds_65_plus, 30);
      EXPECT_LE(s.seconds_65_plus, 60);
    }
    EXPECT_TRUE(has_hold);
  }
  EXPECT_GE(holds, 10);
}

TEST(RoutineLibraryTest, HeatIs15To20Minutes) {
  for (const Routine& r : RoutineLibrary()) {
    if (r.kind != RoutineKind::kHeat) continue;
    SCOPED_TRACE(r.id);
    int timed = 0;
    for (const RoutineStep& s : r.steps) {
      if (s.seconds == 0) continue;
      ++timed;
      EXPECT_EQ(s.seconds, 15 * 60);
      EXPECT_EQ(s.max_seconds, 20 * 60);
    }
    EXPECT_EQ(timed, 1);
  }
}

bool HasNote(const Routine& r, const std::string& part) {
  for (const std::string& note : r.safety) {
    if (note.find(part) != std::string::npos) return true;
  }
  return false;
}

TEST(RoutineLibraryTest, SafetyNotesAsTheClinicalDocSays) {
  for (const Routine& r : RoutineLibrary()) {
    SCOPED_TRACE(r.id);
    EXPECT_TRUE(HasNote(r,
                        "Stop any exercise or self-massage that causes "
                        "sharp, spreading or worsening pain"));
    switch (r.kind) {
      case RoutineKind::kFoamRolling:
      case RoutineKind::kSelfMassage:
        EXPECT_TRUE(HasNote(r, "never on bones, joints, or a swollen leg"));
        break;
      case RoutineKind::kHeat:
        EXPECT_TRUE(HasNote(r, "Never while asleep, never on numb skin"));
        break;
      default:
        break;
    }
    // Medicines are never recommended (NICE NG193).
    for (const RoutineStep& s : r.steps) {
      EXPECT_EQ(s.text.find("ibuprofen"), std::string::npos);
      EXPECT_EQ(s.text.find("medicine"), std::string::npos);
    }
  }
}

TEST(RoutineLibraryTest, TargetsAreVocabularySitesAndAreasAreTheirAreas) {
  const Routine* r = FindLibraryRoutine("stretch_piriformis");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(RoutineAreas(*r), (std::vector<std::string>{"hips"}));
  EXPECT_TRUE(RoutineAreas(*FindLibraryRoutine("deep_breathing")).empty());
  EXPECT_EQ(RoutineAreas(*FindLibraryRoutine("posture_check")),
            (std::vector<std::string>{"lower_back", "neck", "shoulders",
                                      "upper_back"}));
}

TEST(RoutineJsonTest, RoundTripsAUserRoutine) {
  Routine r;
  r.title = "Morning neck";
  r.kind = RoutineKind::kStretch;
  r.targets = {"neck", "upper_trapezius"};
  RoutineStep hold;
  hold.text = "Tilt";
  hold.seconds = 30;
  hold.reps = 3;
  hold.max_reps = 5;
  hold.per_side = true;
  r.steps = {hold};
  Routine back;
  ASSERT_TRUE(ParseRoutineJson(RoutineToJson(r), &back).ok());
  EXPECT_EQ(RoutineToJson(back), RoutineToJson(r));
  EXPECT_EQ(RoutineToJson(r),
            R"({"id":"","title":"Morning neck","kind":"stretch","targets":)"
            R"(["neck","upper_trapezius"],"areas":["neck","shoulders"],)"
            R"("steps":[{"text":"Tilt","seconds":30,"max_seconds":0,)"
            R"("seconds_65_plus":0,"reps":3,"max_reps":5,"rest_seconds":0,)"
            R"("per_side":true}],"safety":[],"source":"","custom":false})");
}

TEST(RoutineJsonTest, RefusesMalformedInput) {
  Routine r;
  EXPECT_EQ(ParseRoutineJson("{", &r).code(), "invalid-json");
  EXPECT_EQ(ParseRoutineJson("[]", &r).code(), "invalid-json");
  EXPECT_EQ(ParseRoutineJson(R"({"kind":"dance"})", &r).code(),
            "invalid-field");
  EXPECT_EQ(ParseRoutineJson(R"({"steps":[{"seconds":3}]})", &r).code(),
            "invalid-field");
  EXPECT_EQ(
      ParseRoutineJson(R"({"steps":[{"text":"a","reps":"3"}]})", &r).code(),
      "invalid-field");
  ASSERT_TRUE(
      ParseRoutineJson(R"({"title":"x","steps":["Breathe"]})", &r).ok());
  EXPECT_EQ(r.steps.at(0).text, "Breathe");
}

TEST(RoutineValidationTest, StableCodes) {
  Routine ok;
  ok.title = "Mine";
  ok.steps = {RoutineStep{"Breathe"}};
  ASSERT_TRUE(ValidateRoutine(ok).ok());
  auto code = [&](auto change) {
    Routine r = ok;
    change(&r);
    return ValidateRoutine(r).code();
  };
  EXPECT_EQ(code([](Routine* r) { r->title = "  "; }), "invalid-title");
  EXPECT_EQ(code([](Routine* r) { r->title = std::string(81, 'a'); }),
            "invalid-title");
  EXPECT_EQ(code([](Routine* r) { r->targets = {"elbow_knot"}; }),
            "unknown-body-site");
  EXPECT_EQ(code([](Routine* r) {
              r->targets = {"neck", "neck"};
            }),
            "duplicate-site");
  EXPECT_EQ(code([](Routine* r) { r->steps.clear(); }), "no-steps");
  EXPECT_EQ(code([](Routine* r) {
              RoutineStep step = r->steps[0];
              r->steps.assign(31, step);
            }),
            "too-many-steps");
  EXPECT_EQ(code([](Routine* r) { r->steps[0].text = ""; }), "invalid-step");
  EXPECT_EQ(code([](Routine* r) { r->steps[0].seconds = 3601; }),
            "invalid-step");
  EXPECT_EQ(code([](Routine* r) { r->steps[0].reps = 0; }), "invalid-step");
  EXPECT_EQ(code([](Routine* r) {
              r->steps[0].reps = 3;
              r->steps[0].max_reps = 2;
            }),
            "invalid-step");
  EXPECT_EQ(code([](Routine* r) {
              r->steps[0].seconds = 30;
              r->steps[0].seconds_65_plus = 20;
            }),
            "invalid-step");
}

TEST(SessionValidationTest, StableCodes) {
  Session ok;
  ok.routine_id = "deep_breathing";
  ok.steps_total = 2;
  ok.steps_done = 2;
  ASSERT_TRUE(ValidateSession(ok).ok());
  auto code = [&](auto change) {
    Session s = ok;
    change(&s);
    return ValidateSession(s).code();
  };
  EXPECT_EQ(code([](Session* s) { s->steps_done = 3; }), "invalid-steps");
  EXPECT_EQ(code([](Session* s) { s->steps_done = -1; }), "invalid-steps");
  EXPECT_EQ(code([](Session* s) { s->steps_total = 0; }), "invalid-steps");
  EXPECT_EQ(code([](Session* s) { s->duration_seconds = -1; }),
            "invalid-duration");
  EXPECT_EQ(code([](Session* s) { s->duration_seconds = 86401; }),
            "invalid-duration");
  EXPECT_EQ(code([](Session* s) { s->pain_before = 11; }), "pain-out-of-range");
  EXPECT_EQ(code([](Session* s) { s->pain_after = -1; }), "pain-out-of-range");
  EXPECT_EQ(code([](Session* s) { s->site = "elbow_knot"; }),
            "unknown-body-site");
  EXPECT_EQ(code([](Session* s) {
              s->pain_before = 0;
              s->pain_after = 10;
              s->duration_seconds = 86400;
            }),
            "");
}

}  // namespace
}  // namespace unknot
