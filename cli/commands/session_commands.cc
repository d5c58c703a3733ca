// session, sessions, schedule, today and adherence: logging completed
// routines, planning them, and what the core computes from both
// (docs/routines.md).
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "commands/commands.h"
#include "journal_access.h"
#include "routine_options.h"
#include "table.h"
#include "unknot/journal.h"
#include "unknot/routines.h"
#include "unknot/time_util.h"

namespace unknot::cli {
namespace {

using Json = nlohmann::ordered_json;

constexpr size_t kShortIdLength = 8;

constexpr std::string_view kSessionUsage =
    R"(usage: unknot [--db PATH] session --routine ID [--at ISO8601] [--site ID]
                            [--pain-before N] [--pain-after N] [--minutes N]
                            [--steps-done N]
       unknot [--db PATH] session delete ID

Logs a completed session of a routine (unknot routines) and prints its id.
--at: when it ended (default now); --site: the body site whose pain you rated;
--pain-before/--pain-after: 0-10; --minutes: how long it took (default 0);
--steps-done: steps completed (default all of the routine's). A note goes to
stderr when the red-flag check should run before the next routine.
`session delete ID` removes a logged session (full id).
)";

constexpr std::string_view kSessionsUsage =
    R"(usage: unknot [--db PATH] sessions [--since DATE] [--until DATE] [--json]

Lists logged sessions by time (dates are local, inclusive). Each line: short
id, local time and offset, routine, steps done/total, minutes, and the site
with pain before->after when rated. --json prints an array of {"id",
"routine_id", "at", "tz_offset_minutes", "local_date", "steps_done",
"steps_total", "duration_seconds", "site", "pain_before", "pain_after",
"deleted"}.
)";

constexpr std::string_view kScheduleUsage =
    R"(usage: unknot [--db PATH] schedule add ROUTINE_ID --at HH:MM
                                 [--every MINUTES --until HH:MM] [--days DAYS]
       unknot [--db PATH] schedule list [--json]
       unknot [--db PATH] schedule remove ID

Plans a routine in local time: once a day at HH:MM, or every MINUTES from
--at up to --until. DAYS: daily (default), weekdays, weekends, or a list like
mon,wed,fri. `add` prints the schedule's id (the same schedule added twice
is one). `list` prints ID, ROUTINE, WHEN, or --json [{"id", "routine_id",
"days", "at", "every_minutes", "until", "since", "description"}].
)";

constexpr std::string_view kTodayUsage =
    R"(usage: unknot [--db PATH] today [--at TIME] [--json]

The routines scheduled today (or on the local date of --at), by time:
HH:MM, routine id, title, and done / due / later. A routine's sessions that
day mark its times done in order. --json prints [{"time", "schedule_id",
"routine_id", "title", "due", "done"}].
)";

constexpr std::string_view kAdherenceUsage =
    R"(usage: unknot [--db PATH] adherence [--at TIME] [--json]

How well you kept to your schedules, as of now (or --at): planned times done
in the last 7 and 28 days, days with sessions, and streaks (docs/routines.md).
--json prints {"today", "last_7_days": {"days", "planned", "done", "percent",
"session_days", "sessions"}, "last_28_days": {...}, "current_streak",
"longest_streak", "total_sessions", "last_session_date"}.
)";

Status RunSessionDelete(const Invocation& inv) {
  if (inv.args.positionals.size() != 3) {
    return UsageError("session delete needs one ID");
  }
  std::unique_ptr<Journal> journal;
  UNKNOT_RETURN_IF_ERROR(OpenJournal(inv.args, inv.env, &journal));
  return journal->DeleteSession(inv.args.positionals[2]);
}

Status RunSession(const Invocation& inv) {
  const auto& positionals = inv.args.positionals;
  if (positionals.size() > 1 && positionals[1] == "delete") {
    return RunSessionDelete(inv);
  }
  if (positionals.size() != 1) return UsageError("session takes options only");
  std::optional<std::string> routine = inv.args.Value("routine");
  if (!routine) return UsageError("session needs --routine ID");
  Session s;
  s.routine_id = *routine;
  UNKNOT_RETURN_IF_ERROR(
      ReadNow(inv.args, inv.env, &s.at_ms, &s.tz_offset_minutes));
  s.site = inv.args.Value("site");
  UNKNOT_RETURN_IF_ERROR(
      ReadIntOption(inv.args, "pain-before", &s.pain_before));
  UNKNOT_RETURN_IF_ERROR(ReadIntOption(inv.args, "pain-after", &s.pain_after));
  std::optional<int> minutes, steps_done;
  UNKNOT_RETURN_IF_ERROR(ReadIntOption(inv.args, "minutes", &minutes));
  UNKNOT_RETURN_IF_ERROR(ReadIntOption(inv.args, "steps-done", &steps_done));
  if (minutes && (*minutes < 0 || *minutes > kMaxSessionSeconds / 60)) {
    return Status::Invalid("invalid-duration",
                           "--minutes is 0 to 1440 (24 hours)");
  }
  s.duration_seconds = minutes.value_or(0) * 60;
  std::unique_ptr<Journal> journal;
  UNKNOT_RETURN_IF_ERROR(OpenJournal(inv.args, inv.env, &journal));
  Routine r;
  UNKNOT_RETURN_IF_ERROR(journal->GetRoutine(s.routine_id, &r));
  s.steps_total = static_cast<int>(r.steps.size());
  s.steps_done = steps_done.value_or(s.steps_total);
  RoutineGate gate;
  UNKNOT_RETURN_IF_ERROR(
      journal->CheckRoutineGate(s.routine_id, s.site, &gate));
  std::string id;
  UNKNOT_RETURN_IF_ERROR(journal->LogSession(s, &id));
  inv.out << id << "\n";
  if (gate.reason == "first_check") {
    inv.err << "note: run the red-flag check (unknot triage) before your next "
               "routine\n";
  } else if (gate.reason == "paused") {
    inv.err << "note: a red flag pauses this routine: get seen, then run the "
               "check again (unknot triage)\n";
  }
  return Status::OK();
}

Status ReadDay(const ParsedArgs& args, std::string_view name,
               std::optional<int64_t>* day) {
  std::optional<std::string> text = args.Value(name);
  if (!text) return Status::OK();
  int64_t value;
  UNKNOT_RETURN_IF_ERROR(ParseLocalDate(*text, &value));
  *day = value;
  return Status::OK();
}

Status RunSessions(const Invocation& inv) {
  if (inv.args.positionals.size() != 1) {
    return UsageError("sessions takes options only");
  }
  ListFilter filter;
  UNKNOT_RETURN_IF_ERROR(ReadDay(inv.args, "since", &filter.since_day));
  UNKNOT_RETURN_IF_ERROR(ReadDay(inv.args, "until", &filter.until_day));
  std::unique_ptr<Journal> journal;
  UNKNOT_RETURN_IF_ERROR(OpenExistingJournal(inv.args, inv.env, &journal));
  std::vector<Session> sessions;
  if (journal) UNKNOT_RETURN_IF_ERROR(journal->ListSessions(filter, &sessions));
  if (inv.args.Has("json")) {
    inv.out << Json::parse(SessionsToJson(sessions)).dump(2) << "\n";
    return Status::OK();
  }
  for (const Session& s : sessions) {
    inv.out << s.id.substr(0, kShortIdLength) << "  "
            << LocalTimeText(s.at_ms, s.tz_offset_minutes) << "  "
            << s.routine_id << "  " << s.steps_done << "/" << s.steps_total
            << " steps  " << s.duration_seconds / 60 << " min";
    if (s.site) inv.out << "  " << *s.site;
    if (s.pain_before || s.pain_after) {
      auto pain = [](const std::optional<int>& p) {
        return p ? std::to_string(*p) : std::string("?");
      };
      inv.out << (s.site ? " " : "  ") << pain(s.pain_before) << "->"
              << pain(s.pain_after);
    }
    inv.out << "\n";
  }
  return Status::OK();
}

Status RunScheduleAdd(const Invocation& inv) {
  if (inv.args.positionals.size() != 3) {
    return UsageError("schedule add needs one ROUTINE_ID");
  }
  std::optional<std::string> at = inv.args.Value("at");
  if (!at) return UsageError("schedule add needs --at HH:MM");
  Schedule s;
  s.routine_id = inv.args.positionals[2];
  UNKNOT_RETURN_IF_ERROR(ParseClockTime(*at, &s.start_minute));
  if (std::optional<std::string> days = inv.args.Value("days")) {
    UNKNOT_RETURN_IF_ERROR(ParseScheduleDays(*days, &s.days));
  }
  UNKNOT_RETURN_IF_ERROR(ReadIntOption(inv.args, "every", &s.every_minutes));
  if (std::optional<std::string> until = inv.args.Value("until")) {
    int minute;
    UNKNOT_RETURN_IF_ERROR(ParseClockTime(*until, &minute));
    s.end_minute = minute;
  }
  std::unique_ptr<Journal> journal;
  UNKNOT_RETURN_IF_ERROR(OpenJournal(inv.args, inv.env, &journal));
  std::string id;
  UNKNOT_RETURN_IF_ERROR(journal->AddSchedule(s, &id));
  inv.out << id << "\n";
  return Status::OK();
}

Status RunScheduleList(const Invocation& inv) {
  if (inv.args.positionals.size() != 2) {
    return UsageError("schedule list takes no arguments besides --json");
  }
  std::unique_ptr<Journal> journal;
  UNKNOT_RETURN_IF_ERROR(OpenExistingJournal(inv.args, inv.env, &journal));
  std::vector<Schedule> schedules;
  if (journal) UNKNOT_RETURN_IF_ERROR(journal->ListSchedules(&schedules));
  if (inv.args.Has("json")) {
    Json all = Json::array();
    for (const Schedule& s : schedules) {
      all.push_back(
          {{"id", s.id},
           {"routine_id", s.routine_id},
           {"days", s.days},
           {"at", FormatClockTime(s.start_minute)},
           {"every_minutes", s.every_minutes ? Json(*s.every_minutes) : Json()},
           {"until",
            s.end_minute ? Json(FormatClockTime(*s.end_minute)) : Json()},
           {"since", FormatDate(s.since_day)},
           {"description", DescribeSchedule(s)}});
    }
    inv.out << all.dump(2) << "\n";
    return Status::OK();
  }
  std::vector<TableRow> table = {{"ID", "ROUTINE", "WHEN"}};
  for (const Schedule& s : schedules) {
    table.push_back({s.id, s.routine_id, DescribeSchedule(s)});
  }
  PrintTable(inv.out, table);
  return Status::OK();
}

Status RunSchedule(const Invocation& inv) {
  const auto& positionals = inv.args.positionals;
  std::string sub = positionals.size() > 1 ? positionals[1] : "";
  if (sub == "add") return RunScheduleAdd(inv);
  if (sub == "list") return RunScheduleList(inv);
  if (sub == "remove") {
    if (positionals.size() != 3) return UsageError("schedule remove needs ID");
    std::unique_ptr<Journal> journal;
    UNKNOT_RETURN_IF_ERROR(OpenJournal(inv.args, inv.env, &journal));
    return journal->RemoveSchedule(positionals[2]);
  }
  return UsageError("schedule needs a subcommand: add, list, remove");
}

Status RunToday(const Invocation& inv) {
  if (inv.args.positionals.size() != 1) {
    return UsageError("today takes options only");
  }
  int64_t now_ms;
  int offset;
  UNKNOT_RETURN_IF_ERROR(ReadNow(inv.args, inv.env, &now_ms, &offset));
  std::unique_ptr<Journal> journal;
  UNKNOT_RETURN_IF_ERROR(OpenExistingJournal(inv.args, inv.env, &journal));
  std::vector<TodayItem> items;
  if (journal) {
    UNKNOT_RETURN_IF_ERROR(journal->GetToday(now_ms, offset, &items));
  }
  Json all = Json::array();
  std::vector<TableRow> table;
  for (const TodayItem& item : items) {
    Routine r;
    std::string title = item.routine_id;
    if (journal->GetRoutine(item.routine_id, &r).ok()) title = r.title;
    std::string state = item.done ? "done" : item.due ? "due" : "later";
    all.push_back({{"time", FormatClockTime(item.minute)},
                   {"schedule_id", item.schedule_id},
                   {"routine_id", item.routine_id},
                   {"title", title},
                   {"due", item.due},
                   {"done", item.done}});
    table.push_back(
        {FormatClockTime(item.minute), item.routine_id, title, state});
  }
  if (inv.args.Has("json")) {
    inv.out << all.dump(2) << "\n";
  } else if (table.empty()) {
    inv.out << "nothing scheduled today\n";
  } else {
    PrintTable(inv.out, table);
  }
  return Status::OK();
}

std::string WindowLine(const AdherenceWindow& w) {
  std::string line = "last " + std::to_string(w.days) + " days: ";
  if (w.percent) {
    line += std::to_string(w.done) + " of " + std::to_string(w.planned) +
            " planned done (" + std::to_string(*w.percent) + "%)";
  } else {
    line += "nothing planned";
  }
  return line + ", sessions on " + std::to_string(w.session_days) + " days";
}

Status RunAdherence(const Invocation& inv) {
  if (inv.args.positionals.size() != 1) {
    return UsageError("adherence takes options only");
  }
  int64_t now_ms;
  int offset;
  UNKNOT_RETURN_IF_ERROR(ReadNow(inv.args, inv.env, &now_ms, &offset));
  std::unique_ptr<Journal> journal;
  UNKNOT_RETURN_IF_ERROR(OpenExistingJournal(inv.args, inv.env, &journal));
  Adherence a;
  if (journal) {
    UNKNOT_RETURN_IF_ERROR(journal->GetAdherence(now_ms, offset, &a));
  } else {
    a = ComputeAdherence({}, {}, LocalNowAt(now_ms, offset));
  }
  if (inv.args.Has("json")) {
    inv.out << Json::parse(AdherenceToJson(a)).dump(2) << "\n";
    return Status::OK();
  }
  inv.out << "today: " << FormatDate(a.today) << "\n"
          << WindowLine(a.last_7_days) << "\n"
          << WindowLine(a.last_28_days) << "\n"
          << "current streak: " << a.current_streak << " days (longest "
          << a.longest_streak << ")\n"
          << "sessions: " << a.total_sessions;
  if (a.last_session_day) {
    inv.out << " (last " << FormatDate(*a.last_session_day) << ")";
  }
  inv.out << "\n";
  return Status::OK();
}

}  // namespace

void AddSessionCommands(std::vector<Command>* commands) {
  commands->push_back({"session",
                       "log a completed routine",
                       kSessionUsage,
                       {{"routine", '\0', true, false},
                        {"at", '\0', true, false},
                        {"site", '\0', true, false},
                        {"pain-before", '\0', true, false},
                        {"pain-after", '\0', true, false},
                        {"minutes", '\0', true, false},
                        {"steps-done", '\0', true, false}},
                       RunSession});
  commands->push_back({"sessions",
                       "list logged sessions",
                       kSessionsUsage,
                       {{"since", '\0', true, false},
                        {"until", '\0', true, false},
                        {"json", '\0', false, false}},
                       RunSessions});
  commands->push_back({"schedule",
                       "plan routines: add, list, remove",
                       kScheduleUsage,
                       {{"at", '\0', true, false},
                        {"every", '\0', true, false},
                        {"until", '\0', true, false},
                        {"days", '\0', true, false},
                        {"json", '\0', false, false}},
                       RunSchedule});
  commands->push_back(
      {"today",
       "the routines scheduled today",
       kTodayUsage,
       {{"at", '\0', true, false}, {"json", '\0', false, false}},
       RunToday});
  commands->push_back(
      {"adherence",
       "adherence and streaks",
       kAdherenceUsage,
       {{"at", '\0', true, false}, {"json", '\0', false, false}},
       RunAdherence});
}

}  // namespace unknot::cli
