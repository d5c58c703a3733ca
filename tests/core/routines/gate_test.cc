// The red-flag gate: first check, "all" pauses, "site" pauses (dvt = legs;
// local swelling = the painful area, or everything), weekly recheck, and the
// same through a journal's stored checks.
#include <gtest/gtest.h>

#include <memory>

#include "unknot/journal.h"
#include "unknot/routines.h"
#include "unknot/time_util.h"
#include "unknot/triage.h"

namespace unknot {
namespace {

constexpr int64_t kDay = 86400000;
constexpr int64_t kNow = 1767225600000 + 30 * kDay;

std::optional<StoredTriage> Check(
    std::vector<std::pair<std::string, std::string>> rules,
    int64_t at = kNow - kDay) {
  StoredTriage t;
  t.at_ms = at;
  t.level = rules.empty() ? "self_care" : "soon";
  t.rules = std::move(rules);
  return t;
}

RoutineGate Gate(const char* routine, const std::optional<StoredTriage>& check,
                 std::vector<std::string> painful = {},
                 std::optional<std::string> site = std::nullopt) {
  return EvaluateRoutineGate(*FindLibraryRoutine(routine), site, check, painful,
                             kNow);
}

TEST(RoutineGateTest, BeforeTheVeryFirstRoutineTheCheckRunsFirst) {
  RoutineGate g = Gate("deep_breathing", std::nullopt);
  EXPECT_FALSE(g.allowed);
  EXPECT_TRUE(g.check_required);
  EXPECT_EQ(g.reason, "first_check");
  EXPECT_EQ(RoutineGateToJson(g),
            R"({"allowed":false,"check_required":true,"reason":"first_check",)"
            R"("paused_by":[],"paused_areas":[],"recheck_due":false,)"
            R"("last_check_at":null})");
}

TEST(RoutineGateTest, ACleanCheckAllowsEveryRoutine) {
  for (const Routine& r : RoutineLibrary()) {
    RoutineGate g = EvaluateRoutineGate(r, std::nullopt, Check({}), {}, kNow);
    EXPECT_TRUE(g.allowed) << r.id;
    EXPECT_EQ(g.reason, "ok");
  }
  // A "soon" rule that pauses nothing does not stop self-care.
  EXPECT_TRUE(
      Gate("stretch_calf", Check({{"no_improvement", "none"}})).allowed);
}

TEST(RoutineGateTest, AnAllPauseStopsEveryRoutineUntilTheNextCheck) {
  auto check = Check({{"chest_pain", "all"}, {"malignancy_signs", "none"}});
  for (const Routine& r : RoutineLibrary()) {
    RoutineGate g = EvaluateRoutineGate(r, std::nullopt, check, {}, kNow);
    EXPECT_FALSE(g.allowed) << r.id;
    EXPECT_TRUE(g.check_required);
    EXPECT_EQ(g.reason, "paused");
    EXPECT_EQ(g.paused_by, (std::vector<std::string>{"chest_pain"}));
  }
}

TEST(RoutineGateTest, DvtPausesTheLegsOnly) {
  auto check = Check({{"dvt", "site"}});
  RoutineGate calf = Gate("stretch_calf", check);
  EXPECT_FALSE(calf.allowed);
  EXPECT_EQ(calf.paused_by, (std::vector<std::string>{"dvt"}));
  EXPECT_EQ(calf.paused_areas, (std::vector<std::string>{"legs"}));
  EXPECT_FALSE(Gate("foam_roll_thighs", check).allowed);
  EXPECT_TRUE(Gate("stretch_upper_trapezius", check).allowed);
  EXPECT_TRUE(Gate("deep_breathing", check).allowed);  // whole body, no press
  // A session aimed at a leg site is paused even for a routine elsewhere.
  EXPECT_FALSE(Gate("heat_warm_bath", check, {}, "gastrocnemius").allowed);
}

TEST(RoutineGateTest, LocalSwellingPausesThePainfulAreaOrEverything) {
  auto check = Check({{"local_swelling", "site"}});
  EXPECT_FALSE(Gate("stretch_upper_trapezius", check, {"shoulders"}).allowed);
  EXPECT_FALSE(Gate("heat_neck_shoulders", check, {"shoulders"}).allowed);
  EXPECT_TRUE(Gate("stretch_piriformis", check, {"shoulders"}).allowed);
  // Nothing logged: the area is unknown, so every targeted routine waits.
  EXPECT_FALSE(Gate("stretch_piriformis", check, {}).allowed);
  EXPECT_TRUE(Gate("mindfulness_body_scan", check, {}).allowed);
}

TEST(RoutineGateTest, WeeklyRecheckIsOfferedNotForced) {
  RoutineGate fresh = Gate("deep_breathing", Check({}, kNow - 7 * kDay));
  EXPECT_FALSE(fresh.recheck_due);
  RoutineGate old = Gate("deep_breathing", Check({}, kNow - 7 * kDay - 1));
  EXPECT_TRUE(old.recheck_due);
  EXPECT_TRUE(old.allowed);
}

TriageResult FiredDvt() {
  TriageResult r;
  r.level = TriageLevel::kUrgent;
  r.ruleset_version = std::string(kTriageRulesetVersion);
  r.rules.push_back({"dvt", TriageLevel::kUrgent, TriagePause::kSite,
                     "A swollen leg...", "NICE NG158"});
  return r;
}

TEST(RoutineGateJournalTest, TheNewestStoredCheckDecides) {
  FakeEnv env(kNow, 7, 60);
  JournalOptions options;
  options.path = ":memory:";
  options.env = &env;
  std::unique_ptr<Journal> journal;
  ASSERT_TRUE(Journal::Open(options, &journal).ok());
  RoutineGate g;
  ASSERT_TRUE(journal->CheckRoutineGate("stretch_calf", std::nullopt, &g).ok());
  EXPECT_EQ(g.reason, "first_check");

  std::string id;
  ASSERT_TRUE(journal->RecordTriage(FiredDvt(), &id).ok());
  env.Advance(60000);
  ASSERT_TRUE(journal->CheckRoutineGate("stretch_calf", std::nullopt, &g).ok());
  EXPECT_EQ(g.reason, "paused");
  EXPECT_EQ(g.paused_by, (std::vector<std::string>{"dvt"}));
  ASSERT_TRUE(g.last_check_ms.has_value());
  EXPECT_EQ(*g.last_check_ms, kNow);
  ASSERT_TRUE(
      journal->CheckRoutineGate("stretch_upper_trapezius", std::nullopt, &g)
          .ok());
  EXPECT_TRUE(g.allowed);

  // "I've been seen": a new clean check lifts the pause.
  TriageResult clean;
  clean.ruleset_version = std::string(kTriageRulesetVersion);
  ASSERT_TRUE(journal->RecordTriage(clean, &id).ok());
  ASSERT_TRUE(journal->CheckRoutineGate("stretch_calf", std::nullopt, &g).ok());
  EXPECT_TRUE(g.allowed);

  EXPECT_EQ(journal->CheckRoutineGate("nope", std::nullopt, &g).code(),
            "routine-not-found");
  EXPECT_EQ(journal->CheckRoutineGate("stretch_calf", "elbow", &g).code(),
            "unknown-body-site");
}

TEST(RoutineGateJournalTest, LocalSwellingPausesTheAreasLoggedThatWeek) {
  FakeEnv env(kNow, 7, 0);
  JournalOptions options;
  options.path = ":memory:";
  options.env = &env;
  std::unique_ptr<Journal> journal;
  ASSERT_TRUE(Journal::Open(options, &journal).ok());
  JournalEntry old;
  old.at_ms = kNow - 10 * kDay;  // outside the week: not the painful area
  old.sites = {{"gastrocnemius", Side::kLeft, 5}};
  JournalEntry recent;
  recent.at_ms = kNow - 2 * kDay;
  recent.sites = {{"upper_trapezius", Side::kLeft, 6}};
  std::string id;
  ASSERT_TRUE(journal->Log(old, &id).ok());
  ASSERT_TRUE(journal->Log(recent, &id).ok());
  TriageResult swelling;
  swelling.level = TriageLevel::kSoon;
  swelling.ruleset_version = std::string(kTriageRulesetVersion);
  swelling.rules.push_back({"local_swelling", TriageLevel::kSoon,
                            TriagePause::kSite, "Swelling...", "seed"});
  ASSERT_TRUE(journal->RecordTriage(swelling, &id).ok());
  RoutineGate g;
  ASSERT_TRUE(
      journal->CheckRoutineGate("self_massage_neck_shoulders", std::nullopt, &g)
          .ok());
  EXPECT_FALSE(g.allowed);
  EXPECT_EQ(g.paused_areas, (std::vector<std::string>{"shoulders"}));
  ASSERT_TRUE(journal->CheckRoutineGate("stretch_calf", std::nullopt, &g).ok());
  EXPECT_TRUE(g.allowed);
}

}  // namespace
}  // namespace unknot
