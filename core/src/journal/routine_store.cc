// Journal: the user's own routines and schedules, as rows of
// `custom_routines` and `schedules` written through cells (schema v3) so they
// sync like entries.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "journal/journal_rep.h"
#include "unknot/journal.h"
#include "unknot/time_util.h"
#include "util/ids.h"

namespace unknot {

using storage::CellChange;
using storage::CellValue;
using storage::Statement;

namespace {

Status RoutineNotFound(std::string_view id) {
  return Status::NotFound("routine-not-found",
                          "no routine with id " + std::string(id));
}

std::string JoinTargets(const std::vector<std::string>& targets) {
  std::string out;
  for (const std::string& t : targets) {
    if (!out.empty()) out += ',';
    out += t;
  }
  return out;
}

std::vector<std::string> SplitTargets(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    if (comma > start) out.emplace_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

std::string StepsJson(const std::vector<RoutineStep>& steps) {
  // RoutineToJson's step objects, without the rest of the routine.
  Routine r;
  r.steps = steps;
  nlohmann::json doc = nlohmann::json::parse(RoutineToJson(r), nullptr, false);
  return doc["steps"].dump(-1, ' ', false,
                           nlohmann::json::error_handler_t::replace);
}

// Reads one custom_routines row (id, title, kind, targets, steps, deleted).
bool ReadCustomRoutine(const Statement& s, Routine* r) {
  r->id = s.ColumnText(0);
  r->title = s.ColumnText(1);
  if (!ParseRoutineKind(s.ColumnView(2), &r->kind)) return false;
  r->targets = SplitTargets(s.ColumnView(3));
  Routine parsed;
  std::string doc = "{\"steps\":" + s.ColumnText(4) + "}";
  if (!ParseRoutineJson(doc, &parsed).ok()) return false;
  r->steps = std::move(parsed.steps);
  r->safety = KindSafetyNotes(r->kind);
  r->custom = true;
  r->deleted = s.ColumnInt(5) != 0;
  return true;
}

constexpr const char* kRoutineColumns =
    "SELECT id, title, kind, targets, steps, deleted FROM custom_routines "
    "WHERE title IS NOT NULL AND kind IS NOT NULL AND targets IS NOT NULL "
    "AND steps IS NOT NULL";

Status ReadSchedules(storage::SqliteDb* db, std::string_view only_id,
                     std::vector<Schedule>* out) {
  std::string sql =
      "SELECT id, routine_id, days, start_minute, end_minute, every_minutes, "
      "since_day, deleted FROM schedules WHERE routine_id IS NOT NULL AND "
      "days IS NOT NULL AND start_minute IS NOT NULL AND since_day IS NOT "
      "NULL";
  sql += only_id.empty() ? " AND deleted = 0" : " AND id = ?1";
  Statement s;
  UNKNOT_RETURN_IF_ERROR(db->Prepare(sql, &s));
  if (!only_id.empty()) s.Bind(1, only_id);
  Status st;
  while (s.Step(&st)) {
    Schedule sc;
    sc.id = s.ColumnText(0);
    sc.routine_id = s.ColumnText(1);
    sc.days = static_cast<int>(s.ColumnInt(2));
    sc.start_minute = static_cast<int>(s.ColumnInt(3));
    if (!s.ColumnIsNull(4)) sc.end_minute = static_cast<int>(s.ColumnInt(4));
    if (!s.ColumnIsNull(5)) sc.every_minutes = static_cast<int>(s.ColumnInt(5));
    sc.since_day = s.ColumnInt(6);
    sc.deleted = s.ColumnInt(7) != 0;
    // A row another version made that this one finds malformed is skipped.
    if (ValidateSchedule(sc).ok()) out->push_back(std::move(sc));
  }
  return st;
}

}  // namespace

Status Journal::GetRoutine(std::string_view id, Routine* routine) {
  if (const Routine* built_in = FindLibraryRoutine(id)) {
    *routine = *built_in;
    return Status::OK();
  }
  Statement s;
  UNKNOT_RETURN_IF_ERROR(
      rep_->db->Prepare(std::string(kRoutineColumns) + " AND id = ?1", &s));
  s.Bind(1, id);
  Status st;
  if (s.Step(&st) && ReadCustomRoutine(s, routine)) return Status::OK();
  UNKNOT_RETURN_IF_ERROR(st);
  return RoutineNotFound(id);
}

Status Journal::ListRoutines(std::vector<Routine>* routines) {
  std::vector<Routine> out = RoutineLibrary();
  Statement s;
  UNKNOT_RETURN_IF_ERROR(rep_->db->Prepare(
      std::string(kRoutineColumns) + " AND deleted = 0 ORDER BY title, id",
      &s));
  Status st;
  while (s.Step(&st)) {
    Routine r;
    if (ReadCustomRoutine(s, &r)) out.push_back(std::move(r));
  }
  UNKNOT_RETURN_IF_ERROR(st);
  *routines = std::move(out);
  return Status::OK();
}

Status Journal::SaveRoutine(const Routine& routine, std::string* id) {
  if (FindLibraryRoutine(routine.id) != nullptr) {
    return Status::Invalid("read-only-routine",
                           "built-in routines cannot be changed; save a copy");
  }
  UNKNOT_RETURN_IF_ERROR(ValidateRoutine(routine));
  std::string row = routine.id;
  if (row.empty()) {
    row = "r" + NewRowId(rep_->env, rep_->env->NowMillis(), &rep_->last_row_id);
  } else {
    Routine existing;
    UNKNOT_RETURN_IF_ERROR(GetRoutine(row, &existing));
  }
  UNKNOT_RETURN_IF_ERROR(
      rep_->Mutate([&](HlcClock* clock, std::vector<CellChange>* out) {
        Hlc stamp;
        UNKNOT_RETURN_IF_ERROR(clock->Send(rep_->env->NowMillis(), &stamp));
        AppendRoutineCells(routine, row, stamp.ToString(), out);
        return Status::OK();
      }));
  *id = row;
  return Status::OK();
}

void AppendRoutineCells(const Routine& routine, const std::string& row,
                        const std::string& hlc, std::vector<CellChange>* out) {
  auto cell = [&](const char* column, CellValue value) {
    out->push_back({hlc, "custom_routines", row, column, std::move(value)});
  };
  cell("title", CellValue::Text(routine.title));
  cell("kind", CellValue::Text(std::string(RoutineKindName(routine.kind))));
  cell("targets", CellValue::Text(JoinTargets(routine.targets)));
  cell("steps", CellValue::Text(StepsJson(routine.steps)));
  cell("deleted", CellValue::Int(0));
}

Status Journal::DeleteRoutine(std::string_view id) {
  if (FindLibraryRoutine(id) != nullptr) {
    return Status::Invalid("read-only-routine",
                           "built-in routines cannot be deleted");
  }
  Routine existing;
  UNKNOT_RETURN_IF_ERROR(GetRoutine(id, &existing));
  return rep_->Mutate([&](HlcClock* clock, std::vector<CellChange>* out) {
    Hlc stamp;
    UNKNOT_RETURN_IF_ERROR(clock->Send(rep_->env->NowMillis(), &stamp));
    out->push_back({stamp.ToString(), "custom_routines", existing.id, "deleted",
                    CellValue::Int(1)});
    return Status::OK();
  });
}

Status Journal::AddSchedule(const Schedule& schedule, std::string* id) {
  UNKNOT_RETURN_IF_ERROR(ValidateSchedule(schedule));
  Routine routine;
  UNKNOT_RETURN_IF_ERROR(GetRoutine(schedule.routine_id, &routine));
  if (routine.deleted) return RoutineNotFound(schedule.routine_id);
  Schedule s = schedule;
  s.id = ScheduleId(s);
  int64_t now = rep_->env->NowMillis();
  if (s.since_day == 0) {
    s.since_day = LocalDay(now, rep_->env->UtcOffsetMinutes(now));
  }
  std::vector<Schedule> existing;
  UNKNOT_RETURN_IF_ERROR(ReadSchedules(rep_->db.get(), s.id, &existing));
  if (!existing.empty() && !existing.front().deleted) {
    *id = s.id;  // already there: keep the day it started counting
    return Status::OK();
  }
  UNKNOT_RETURN_IF_ERROR(
      rep_->Mutate([&](HlcClock* clock, std::vector<CellChange>* out) {
        Hlc stamp;
        UNKNOT_RETURN_IF_ERROR(clock->Send(rep_->env->NowMillis(), &stamp));
        std::string hlc = stamp.ToString();
        auto cell = [&](const char* column, CellValue value) {
          out->push_back({hlc, "schedules", s.id, column, value});
        };
        auto optional = [](const std::optional<int>& v) {
          return v ? CellValue::Int(*v) : CellValue::Null();
        };
        cell("routine_id", CellValue::Text(s.routine_id));
        cell("days", CellValue::Int(s.days));
        cell("start_minute", CellValue::Int(s.start_minute));
        cell("end_minute", optional(s.end_minute));
        cell("every_minutes", optional(s.every_minutes));
        cell("since_day", CellValue::Int(s.since_day));
        cell("deleted", CellValue::Int(0));
        return Status::OK();
      }));
  *id = s.id;
  return Status::OK();
}

Status Journal::RemoveSchedule(std::string_view id) {
  std::vector<Schedule> found;
  UNKNOT_RETURN_IF_ERROR(ReadSchedules(rep_->db.get(), id, &found));
  if (found.empty() || found.front().deleted) {
    return Status::NotFound("schedule-not-found",
                            "no schedule with id " + std::string(id));
  }
  return rep_->Mutate([&](HlcClock* clock, std::vector<CellChange>* out) {
    Hlc stamp;
    UNKNOT_RETURN_IF_ERROR(clock->Send(rep_->env->NowMillis(), &stamp));
    out->push_back({stamp.ToString(), "schedules", found.front().id, "deleted",
                    CellValue::Int(1)});
    return Status::OK();
  });
}

Status Journal::ListSchedules(std::vector<Schedule>* schedules) {
  std::vector<Schedule> out;
  UNKNOT_RETURN_IF_ERROR(ReadSchedules(rep_->db.get(), "", &out));
  std::sort(out.begin(), out.end(), [](const Schedule& a, const Schedule& b) {
    if (a.routine_id != b.routine_id) return a.routine_id < b.routine_id;
    if (a.start_minute != b.start_minute)
      return a.start_minute < b.start_minute;
    return a.id < b.id;
  });
  *schedules = std::move(out);
  return Status::OK();
}

}  // namespace unknot
