// `unknot routines`, `routine`, `session`, `sessions`, `schedule`, `today`
// and `adherence` through the real binary.
#include <nlohmann/json.hpp>

#include "cli_runner.h"

namespace unknot::cli_test {
namespace {

using Json = nlohmann::json;

class RoutineCommandsTest : public CliTest {};

TEST_F(RoutineCommandsTest, RoutinesListsTheLibraryWithStableIds) {
  CliResult r = RunDb({"routines"});
  ASSERT_EQ(r.exit_code, 0) << r;
  EXPECT_EQ(r.out.substr(0, 2), "ID");
  EXPECT_NE(r.out.find("\nstretch_upper_trapezius "), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(" stretch "), std::string::npos);
  EXPECT_NE(r.out.find(" Upper trapezius stretch "), std::string::npos);
  EXPECT_NE(r.out.find("\ndeep_breathing "), std::string::npos);
  EXPECT_FALSE(fs::exists(db_)) << "listing never creates a journal";

  CliResult j = RunDb({"routines", "--json"});
  ASSERT_EQ(j.exit_code, 0) << j;
  Json all = Json::parse(j.out);
  ASSERT_TRUE(all.is_array());
  ASSERT_GE(all.size(), 20u);
  const Json& first = all[0];
  EXPECT_EQ(first["id"], "stretch_upper_trapezius");
  EXPECT_EQ(first["kind"], "stretch");
  EXPECT_EQ(first["steps"][1]["seconds"], 30);
  EXPECT_EQ(first["steps"][1]["max_reps"], 5);
  EXPECT_EQ(first["steps"][1]["seconds_65_plus"], 60);
  EXPECT_EQ(first["custom"], false);
  EXPECT_FALSE(first["safety"].empty());
}

TEST_F(RoutineCommandsTest, RoutineShowPrintsStepsDosesAndSafety) {
  CliResult r = RunDb({"routine", "show", "heat_lower_back"});
  ASSERT_EQ(r.exit_code, 0) << r;
  EXPECT_EQ(r.out,
            "Heat for the lower back (heat_lower_back)\n"
            "kind: heat\n"
            "targets: lower_back\n"
            "steps:\n"
            "  1. Warm a heating pad to comfortably warm (never hot).\n"
            "  2. Lie or sit with it against the lower back. [15 min to 20 "
            "min]\n"
            "safety:\n"
            "  - Stop any exercise or self-massage that causes sharp, "
            "spreading or worsening pain, numbness or dizziness.\n"
            "  - 15-20 minutes at a time, comfortably warm. Never while "
            "asleep, never on numb skin.\n"
            "source: seed (heating pad or warm bath); RED_FLAGS.md (15-20 "
            "min; never while asleep, never on numb skin)\n");
  CliResult s = RunDb({"routine", "show", "stretch_calf"});
  EXPECT_NE(s.out.find("[30 s (60 s if 65+), 3-5 reps, each side]"),
            std::string::npos)
      << s.out;
  CliResult missing = RunDb({"routine", "show", "nope"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(missing.ErrFirstLine(),
            "error: routine-not-found: no routine with id nope");
}

TEST_F(RoutineCommandsTest, OwnRoutinesAddEditDelete) {
  CliResult add =
      RunDb({"routine", "add", "--title", "Desk reset", "--kind",
             "posture_check", "--target", "neck", "--step",
             "10x2:Roll the shoulders back", "--step", "Breathe out slowly"});
  ASSERT_EQ(add.exit_code, 0) << add;
  std::string id = add.OutLine();
  ASSERT_EQ(id.size(), 33u);
  Json shown = Json::parse(RunDb({"routine", "show", id, "--json"}).out);
  EXPECT_EQ(shown["title"], "Desk reset");
  EXPECT_EQ(shown["custom"], true);
  EXPECT_EQ(shown["steps"][0]["seconds"], 10);
  EXPECT_EQ(shown["steps"][0]["reps"], 2);
  EXPECT_EQ(shown["steps"][1]["text"], "Breathe out slowly");
  EXPECT_EQ(shown["steps"][1]["seconds"], 0);

  ASSERT_EQ(RunDb({"routine", "edit", id, "--title", "Desk"}).exit_code, 0);
  CliResult list = RunDb({"routines"});
  EXPECT_NE(list.out.find("Desk (yours)"), std::string::npos) << list.out;

  CliResult bad = RunDb({"routine", "edit", id, "--target", "elbow"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_EQ(bad.ErrFirstLine().substr(0, 32),
            "error: unknown-body-site: unknow");
  CliResult builtin = RunDb({"routine", "delete", "deep_breathing"});
  EXPECT_EQ(builtin.exit_code, 1);
  EXPECT_EQ(builtin.ErrFirstLine().substr(0, 24), "error: read-only-routine");
  EXPECT_EQ(RunDb({"routine", "edit", id}).exit_code, 2);
  EXPECT_EQ(RunDb({"routine", "add", "--title", "x"}).exit_code, 2);
  EXPECT_EQ(RunDb({"routine", "add", "--title", "x", "--kind", "dance",
                   "--step", "a"})
                .exit_code,
            2);

  ASSERT_EQ(RunDb({"routine", "delete", id}).exit_code, 0);
  EXPECT_EQ(RunDb({"routines"}).out.find("Desk (yours)"), std::string::npos);
}

TEST_F(RoutineCommandsTest, SessionLogsAndSessionsLists) {
  CliResult r =
      RunDb({"session", "--routine", "stretch_upper_trapezius", "--at",
             "2026-11-24T08:10+01:00", "--site", "upper_trapezius",
             "--pain-before", "6", "--pain-after", "3", "--minutes", "5"});
  ASSERT_EQ(r.exit_code, 0) << r;
  std::string id = r.OutLine();
  ASSERT_EQ(id.size(), 32u);
  // No red-flag check yet: logged, with a note.
  EXPECT_EQ(r.err,
            "note: run the red-flag check (unknot triage) before your next "
            "routine\n");
  CliResult list = RunDb({"sessions"});
  ASSERT_EQ(list.exit_code, 0) << list;
  EXPECT_EQ(list.out, id.substr(0, 8) +
                          "  2026-11-24 08:10 +01:00  stretch_upper_trapezius  "
                          "2/2 steps  5 min  upper_trapezius 6->3\n");
  Json all = Json::parse(RunDb({"sessions", "--json"}).out);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0]["id"], id);
  EXPECT_EQ(all[0]["at"], "2026-11-24T08:10:00+01:00");
  EXPECT_EQ(all[0]["duration_seconds"], 300);
  EXPECT_EQ(all[0]["pain_after"], 3);
  EXPECT_EQ(RunDb({"sessions", "--since", "2026-11-25"}).out, "");

  CliResult pain =
      RunDb({"session", "--routine", "deep_breathing", "--pain-after", "11"});
  EXPECT_EQ(pain.exit_code, 1);
  EXPECT_EQ(pain.ErrFirstLine(), "error: pain-out-of-range: pain is 0 to 10");
  EXPECT_EQ(RunDb({"session", "--routine", "nope"}).ErrFirstLine(),
            "error: routine-not-found: no routine with id nope");
  EXPECT_EQ(
      RunDb({"session", "--routine", "deep_breathing", "--minutes", "lots"})
          .exit_code,
      2);
  EXPECT_EQ(RunDb({"session"}).exit_code, 2);
  EXPECT_EQ(RunDb({"session", "--routine", "deep_breathing", "--at", "soon"})
                .ErrFirstLine()
                .substr(0, 19),
            "error: invalid-time");
  EXPECT_EQ(Json::parse(RunDb({"sessions", "--json"}).out).size(), 1u);

  ASSERT_EQ(RunDb({"session", "delete", id}).exit_code, 0);
  EXPECT_EQ(RunDb({"sessions"}).out, "");
}

TEST_F(RoutineCommandsTest, RoutineCheckIsTheRedFlagGate) {
  CliResult first = RunDb({"routine", "check", "stretch_calf", "--json"});
  ASSERT_EQ(first.exit_code, 0) << first;
  Json g = Json::parse(first.out);
  EXPECT_EQ(g["reason"], "first_check");
  EXPECT_EQ(g["allowed"], false);
  // A check with a swollen calf: the legs are paused, the neck is not.
  ASSERT_EQ(RunDb({"triage", "--yes", "leg_swollen_one_side"}).exit_code, 0);
  CliResult calf = RunDb({"routine", "check", "stretch_calf"});
  EXPECT_EQ(calf.out,
            "paused by a red flag (dvt): get seen, then run the check again "
            "(unknot triage)\n");
  EXPECT_EQ(RunDb({"routine", "check", "stretch_levator_scapulae"}).out,
            "ok: you can start\n");
  CliResult paused = RunDb({"session", "--routine", "stretch_calf"});
  EXPECT_EQ(paused.exit_code, 0);
  EXPECT_NE(paused.err.find("a red flag pauses this routine"),
            std::string::npos);
  // "I've been seen": the check again, now clean for the leg.
  ASSERT_EQ(RunDb({"triage", "--no", "leg_swollen_one_side"}).exit_code, 0);
  EXPECT_EQ(RunDb({"routine", "check", "stretch_calf"}).out,
            "ok: you can start\n");
}

TEST_F(RoutineCommandsTest, SchedulesTodayAndAdherence) {
  CliResult add = RunDb({"schedule", "add", "deep_breathing", "--at", "08:00"});
  ASSERT_EQ(add.exit_code, 0) << add;
  std::string daily = add.OutLine();
  EXPECT_EQ(
      RunDb({"schedule", "add", "deep_breathing", "--at", "08:00"}).OutLine(),
      daily);
  CliResult posture =
      RunDb({"schedule", "add", "posture_check", "--at", "09:00", "--every",
             "45", "--until", "17:00", "--days", "weekdays"});
  ASSERT_EQ(posture.exit_code, 0) << posture;
  CliResult list = RunDb({"schedule", "list"});
  EXPECT_NE(list.out.find("deep_breathing  daily at 08:00\n"),
            std::string::npos)
      << list.out;
  EXPECT_NE(
      list.out.find("posture_check   weekdays every 45 min 09:00-17:00\n"),
      std::string::npos)
      << list.out;
  EXPECT_EQ(RunDb({"schedule", "add", "deep_breathing", "--at", "8am"})
                .ErrFirstLine()
                .substr(0, 23),
            "error: invalid-schedule");
  EXPECT_EQ(RunDb({"schedule", "add", "posture_check", "--at", "09:00",
                   "--every", "45"})
                .ErrFirstLine()
                .substr(0, 23),
            "error: invalid-schedule");

  // Today is a Wednesday; it is 09:50, breathing done at 07:55.
  std::string now =
      Json::parse(RunDb({"schedule", "list", "--json"}).out)[0]["since"];
  std::string at = now + "T09:50";
  ASSERT_EQ(
      RunDb({"session", "--routine", "deep_breathing", "--at", now + "T07:55"})
          .exit_code,
      0);
  CliResult today = RunDb({"today", "--at", at, "--json"});
  ASSERT_EQ(today.exit_code, 0) << today;
  Json items = Json::parse(today.out);
  // On a weekday: breathing + 11 posture checks; else breathing only.
  ASSERT_TRUE(items.size() == 12u || items.size() == 1u) << today.out;
  EXPECT_EQ(items[0]["time"], "08:00");
  EXPECT_EQ(items[0]["routine_id"], "deep_breathing");
  EXPECT_EQ(items[0]["done"], true);
  if (items.size() == 12u) {
    EXPECT_EQ(items[1]["time"], "09:00");
    EXPECT_EQ(items[1]["due"], true);
    EXPECT_EQ(items[1]["done"], false);
    EXPECT_EQ(items[2]["time"], "09:45");
    EXPECT_EQ(items[3]["due"], false);
  }

  // At 08:30 only the 08:00 breathing was due, and it is done.
  at = now + "T08:30";
  CliResult adherence = RunDb({"adherence", "--at", at, "--json"});
  ASSERT_EQ(adherence.exit_code, 0) << adherence;
  Json a = Json::parse(adherence.out);
  EXPECT_EQ(a["today"], now);
  EXPECT_EQ(a["current_streak"], 1);
  EXPECT_EQ(a["total_sessions"], 1);
  EXPECT_EQ(a["last_7_days"]["done"], 1);
  CliResult human = RunDb({"adherence", "--at", at});
  EXPECT_NE(human.out.find("current streak: 1 days (longest 1)\n"),
            std::string::npos)
      << human.out;

  ASSERT_EQ(RunDb({"schedule", "remove", daily}).exit_code, 0);
  EXPECT_EQ(RunDb({"schedule", "remove", daily}).ErrFirstLine().substr(0, 25),
            "error: schedule-not-found");
}

TEST_F(RoutineCommandsTest, AdherenceWithoutAJournalIsEmpty) {
  CliResult r = RunDb({"adherence", "--at", "2026-11-25T10:00", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r;
  Json a = Json::parse(r.out);
  EXPECT_EQ(a["today"], "2026-11-25");
  EXPECT_TRUE(a["last_7_days"]["percent"].is_null());
  EXPECT_EQ(RunDb({"today"}).out, "nothing scheduled today\n");
  EXPECT_FALSE(fs::exists(db_));
}

}  // namespace
}  // namespace unknot::cli_test
