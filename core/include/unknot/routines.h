// Routines: the built-in self-care library, the user's own routines,
// schedules, completed sessions, and what the core computes from them
// (adherence, streaks, the "today" list, the red-flag gate). See
// docs/routines.md.
//
// Design note. The library is data (RoutineLibrary(), versioned like the
// vocabulary): every routine has a stable id, steps with doses, safety notes,
// its source and the body sites it targets (so a red flag that pauses an area
// pauses the routines on it). The user's routines, schedules and sessions are
// journal rows written as cell changes (schema v3), so they sync like
// entries. Everything computed here is a pure function of those rows and a
// local "now", so the browser, the server and the CLI agree.
//
// Thread safety: the library is immutable; the functions are pure.
#ifndef UNKNOT_ROUTINES_H_
#define UNKNOT_ROUTINES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/status.h"

namespace unknot {

// Bumped whenever a built-in routine is added, retired or its dose changes.
// Ids are stored in journals: never rename or reuse one.
inline constexpr std::string_view kRoutineLibraryVersion = "2026.1";

enum class RoutineKind {
  kStretch,
  kFoamRolling,
  kHeat,
  kSelfMassage,
  kPostureCheck,
  kMindBody,
};
// "stretch", "foam_rolling", "heat", "self_massage", "posture_check",
// "mind_body".
std::string_view RoutineKindName(RoutineKind kind);
// False when `name` is not a kind.
bool ParseRoutineKind(std::string_view name, RoutineKind* kind);

// One step of a routine. A timed step lasts `seconds` (a hold, or the length
// of the step) and is done `reps` times with `rest_seconds` between; ranges
// ("3-5 reps", "15-20 min") give the upper end in `max_*` (0: no range).
struct RoutineStep {
  std::string text;         // what to do, plain language
  int seconds = 0;          // 0: untimed (the user moves on)
  int max_seconds = 0;      // upper end of a range of seconds, or 0
  int seconds_65_plus = 0;  // the longer hold offered to people 65+, or 0
  int reps = 1;             // at least 1
  int max_reps = 0;         // upper end of a range of reps, or 0
  int rest_seconds = 0;     // between reps
  bool per_side = false;    // done on each side (left, then right)
};

struct Routine {
  std::string id;     // built in: "stretch_upper_trapezius"; yours: "r" + hex
  std::string title;  // "Upper trapezius stretch"
  RoutineKind kind = RoutineKind::kStretch;
  // Body site ids (areas or muscles, unknot/vocabulary.h) the routine works
  // on; empty for whole-body routines (breathing, relaxation).
  std::vector<std::string> targets;
  std::vector<RoutineStep> steps;
  std::vector<std::string> safety;  // when to stop, where never to press
  std::string source;               // built in: where the dose comes from
  bool custom = false;              // the user's own
  bool deleted = false;             // custom routines only
};

// Limits of what a routine may hold (validation).
inline constexpr size_t kMaxRoutineTitleBytes = 80;
inline constexpr size_t kMaxRoutineSteps = 30;
inline constexpr size_t kMaxStepTextBytes = 300;
inline constexpr int kMaxStepSeconds = 3600;
inline constexpr int kMaxStepReps = 50;

// The built-in library, in display order. Immutable; lives for the process.
const std::vector<Routine>& RoutineLibrary();
// nullptr when `id` is not a built-in routine.
const Routine* FindLibraryRoutine(std::string_view id);

// The safety notes every routine of `kind` carries (RED_FLAGS.md
// disclaimer 3 for all; the kind's own "never ..." notes). Custom routines
// are shown with these.
std::vector<std::string> KindSafetyNotes(RoutineKind kind);

// The areas (vocabulary area ids, sorted, unique) a routine's targets lie in.
std::vector<std::string> RoutineAreas(const Routine& routine);

// Checks a routine's title, targets and steps (not its id).
// Error codes: "invalid-title", "unknown-body-site", "duplicate-site",
// "no-steps", "too-many-steps", "invalid-step".
Status ValidateRoutine(const Routine& routine);

// {"id","title","kind","targets":[..],"areas":[..],"steps":[{"text",
//  "seconds","max_seconds","seconds_65_plus","reps","max_reps",
//  "rest_seconds","per_side"}],"safety":[..],"source","custom"} on one line.
std::string RoutineToJson(const Routine& routine);
// The inverse, for a user's routine: reads "title", "kind", "targets",
// "steps" (a step's missing numbers default as in RoutineStep); "id",
// "safety", "source", "custom" and "areas" are ignored. Not validated.
// Error codes: "invalid-json", "invalid-field".
Status ParseRoutineJson(std::string_view json, Routine* routine);

// ---- Playing a routine ---------------------------------------------------

// Which end of a step's dose to play: the longer hold the library offers to
// people 65+ (seconds_65_plus), the upper end of ranges (max_seconds,
// max_reps). The longer hold wins over the upper end of the seconds.
struct RoutineDose {
  bool longer_holds = false;
  bool upper_end = false;
};

enum class PhaseKind { kHold, kRest, kUntimed };
enum class PhaseSide { kNone, kLeft, kRight };

// One stretch of time a guided player counts down: a hold (each rep, on
// each side for per-side steps), a rest between reps (none after a step's
// last hold), or an untimed step (the person moves on).
struct RoutinePhase {
  int step = 0;  // index into the routine's steps
  PhaseKind kind = PhaseKind::kHold;
  int seconds = 0;  // 0 for an untimed step
  int rep = 1;      // 1-based, and the step's reps as dosed
  int reps = 1;
  PhaseSide side = PhaseSide::kNone;
  bool last_of_step = false;  // completing it completes the step
};

// The steps unrolled into phases for `dose`: the one reading of a dose that
// the web player and any other host share.
std::vector<RoutinePhase> RoutinePhases(const std::vector<RoutineStep>& steps,
                                        const RoutineDose& dose);
// [{"step","kind":"hold|rest|untimed","seconds","rep","reps",
//   "side":null|"left"|"right","last_of_step"}] on one line.
std::string RoutinePhasesToJson(const std::vector<RoutinePhase>& phases);

// ---- Schedules ---------------------------------------------------------

// Days of the week as a bit mask: bit 0 Monday ... bit 6 Sunday.
inline constexpr int kEveryDay = 0x7f;
inline constexpr int kWeekdays = 0x1f;
inline constexpr int kWeekends = 0x60;

// When a routine is planned, in local wall-clock time: once a day at
// `start_minute`, or (with `every_minutes`) every `every_minutes` from
// `start_minute` up to and including `end_minute`. E.g. stretches daily at
// 08:00 = {days 0x7f, start 480}; posture every 45 min in working hours on
// weekdays = {days 0x1f, start 540, end 1020, every 45}.
//
// A schedule's id is derived from what it is (routine, days, times), so two
// devices adding the same schedule land on one row; removing is a deleted
// cell and adding it again revives it.
struct Schedule {
  std::string id;  // ScheduleId(...)
  std::string routine_id;
  int days = kEveryDay;  // 1..0x7f
  int start_minute = 0;  // 0..1439
  std::optional<int> end_minute;
  std::optional<int> every_minutes;  // 5..720
  // Local day (days since 1970-01-01) it counts from: adherence never
  // counts days before a schedule existed.
  int64_t since_day = 0;
  bool deleted = false;
};

// "s" + 16 hex of a hash of routine id, days and times.
std::string ScheduleId(const Schedule& schedule);

// Error code: "invalid-schedule" (days empty or out of range, minutes out
// of range, end before start or without `every_minutes`, every out of range,
// more than kMaxOccurrencesPerDay times a day).
inline constexpr int kMaxOccurrencesPerDay = 96;
Status ValidateSchedule(const Schedule& schedule);

// The minutes after local midnight at which `schedule` is due on `day`
// (empty when `day` is not one of its days or before since_day).
std::vector<int> ScheduleTimesOn(const Schedule& schedule, int64_t day);

// 0 = Monday ... 6 = Sunday, for a local day since 1970-01-01.
int WeekdayOf(int64_t day);

// "daily at 08:00", "weekdays every 45 min 09:00-17:00", "mon,wed at 07:30".
std::string DescribeSchedule(const Schedule& schedule);

// Parses "daily", "weekdays", "weekends" or a comma list of "mon".."sun".
// Error code: "invalid-schedule".
Status ParseScheduleDays(std::string_view text, int* days);
// Parses "HH:MM" (00:00-23:59) into minutes after midnight.
// Error code: "invalid-schedule".
Status ParseClockTime(std::string_view text, int* minute);
std::string FormatClockTime(int minute);  // "08:00"

// ---- Sessions ----------------------------------------------------------

inline constexpr int kMaxSessionSeconds = 24 * 3600;

// A completed (or partly completed) routine.
struct Session {
  std::string id;  // time-ordered 32 hex, like entries
  std::string routine_id;
  int64_t at_ms = 0;  // when it ended (UTC ms)
  int tz_offset_minutes = 0;
  int steps_done = 0;   // 0..steps_total
  int steps_total = 0;  // the routine's steps when it was done, >= 1
  int duration_seconds = 0;
  std::optional<std::string> site;  // the targeted site whose pain was asked
  std::optional<int> pain_before;   // 0..10
  std::optional<int> pain_after;    // 0..10
  bool deleted = false;
};

// Error codes: "invalid-steps" (steps_total < 1 or > kMaxRoutineSteps,
// steps_done outside 0..steps_total), "invalid-duration" (< 0 or more than
// a day), "pain-out-of-range", "unknown-body-site".
Status ValidateSession(const Session& session);

// {"id","routine_id","at","tz_offset_minutes","local_date","steps_done",
//  "steps_total","duration_seconds","site","pain_before","pain_after",
//  "deleted"}; "at" is ISO 8601 with the session's offset.
std::string SessionToJson(const Session& session);
std::string SessionsToJson(const std::vector<Session>& sessions);

// ---- Computed ------------------------------------------------------------

// A local moment: a local day and the minute of that day.
struct LocalNow {
  int64_t day = 0;
  int minute = 0;  // 0..1439
};
LocalNow LocalNowAt(int64_t utc_ms, int offset_minutes);

// One scheduled occurrence on a day.
struct TodayItem {
  std::string schedule_id;
  std::string routine_id;
  int minute = 0;     // local time it is due
  bool due = false;   // its time has come (minute <= now.minute)
  bool done = false;  // matched by a session of the routine that day
};

// The day's occurrences of every live schedule, sorted by time then
// schedule id. A routine's sessions that day mark its occurrences done in
// time order (two sessions: its first two occurrences), whatever time the
// sessions were done at.
std::vector<TodayItem> TodayList(const std::vector<Schedule>& schedules,
                                 const std::vector<Session>& sessions,
                                 LocalNow now);

// A reminder to give now (Web Push, docs/push.md): a today item and the
// UTC instant it became due.
struct Reminder {
  TodayItem item;
  int64_t due_ms = 0;
};

// Reminders are given at most this late: a device that was off, or a
// server that was down, does not replay a day of posture checks.
inline constexpr int kReminderLateMinutes = 30;

// The items of `items` (TodayList's, as of `now_ms` seen with
// `offset_minutes`) to remind of now: due, not done, due after `after_ms`
// (the newest instant already reminded of; 0: none) and at most
// kReminderLateMinutes ago. In time order.
std::vector<Reminder> RemindersDue(const std::vector<TodayItem>& items,
                                   int64_t now_ms, int offset_minutes,
                                   int64_t after_ms);

struct AdherenceWindow {
  int days = 0;          // the window's length: today and days-1 before
  int planned = 0;       // occurrences due in the window
  int done = 0;          // of them, matched by sessions
  int session_days = 0;  // days in the window with any session
  int sessions = 0;      // sessions in the window
  // floor(100 * done / planned); nullopt when nothing was planned.
  std::optional<int> percent;
};

struct Adherence {
  int64_t today = 0;
  AdherenceWindow last_7_days;
  AdherenceWindow last_28_days;
  int current_streak = 0;  // days, see docs/routines.md
  int longest_streak = 0;
  int total_sessions = 0;
  std::optional<int64_t> last_session_day;
};

// Adherence and streaks of docs/routines.md from live schedules and
// sessions, as of `now`. Sessions are placed on their own local day (their
// instant seen with their own offset).
Adherence ComputeAdherence(const std::vector<Schedule>& schedules,
                           const std::vector<Session>& sessions, LocalNow now);

// {"today","last_7_days":{"days","planned","done","percent","session_days",
//  "sessions"},"last_28_days":{...},"current_streak","longest_streak",
//  "total_sessions","last_session_date"}
std::string AdherenceToJson(const Adherence& adherence);

// ---- The red-flag gate ----------------------------------------------------

// What the latest stored red-flag check says about starting a routine.
struct StoredTriage {
  int64_t at_ms = 0;
  std::string level;
  // Fired rules (id, pauses: "none", "site" or "all") from its JSON.
  std::vector<std::pair<std::string, std::string>> rules;
};

inline constexpr int64_t kRecheckAfterDays = 7;  // "at least weekly"

struct RoutineGate {
  // May the routine start now?
  bool allowed = false;
  // Run the red-flag check first (before the very first routine, or when a
  // red flag paused this routine: "I've been seen" re-runs the check).
  bool check_required = false;
  // "ok", "first_check" (no check stored yet), "paused".
  std::string reason;
  std::vector<std::string> paused_by;  // rule ids that pause it
  // The areas the paused rules cover (for "site" pauses).
  std::vector<std::string> paused_areas;
  // The last check is more than kRecheckAfterDays old: offer it (does not
  // block).
  bool recheck_due = false;
  std::optional<int64_t> last_check_ms;
};

// Decides the gate. `latest` is the newest stored check (nullopt: never
// checked). `painful_areas` are the areas of the sites logged in the week up
// to that check: a "site" pause (other than `dvt`, which pauses the legs)
// covers them, or every area when none was logged (over-pause rather than
// miss). `extra_site` (a session's target site) adds its area to the
// routine's.
RoutineGate EvaluateRoutineGate(const Routine& routine,
                                const std::optional<std::string>& extra_site,
                                const std::optional<StoredTriage>& latest,
                                const std::vector<std::string>& painful_areas,
                                int64_t now_ms);

// {"allowed","check_required","reason","paused_by","paused_areas",
//  "recheck_due","last_check_at"}
std::string RoutineGateToJson(const RoutineGate& gate);

}  // namespace unknot

#endif  // UNKNOT_ROUTINES_H_
