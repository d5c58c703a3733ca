// Journal: completed sessions (rows of `sessions`, schema v3, time-ordered
// ids like entries) and what is computed from them with the schedules:
// the today list, adherence, and the red-flag gate.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "journal/journal_rep.h"
#include "unknot/journal.h"
#include "unknot/time_util.h"
#include "unknot/vocabulary.h"
#include "util/ids.h"

namespace unknot {

using storage::CellChange;
using storage::CellValue;
using storage::Statement;

namespace {

constexpr int64_t kDayMs = 86400000;
// "The painful area" of a site pause: what was logged in this many days up
// to the check.
constexpr int64_t kPainfulAreaDays = 7;

std::optional<int> OptInt(const Statement& s, int col) {
  if (s.ColumnIsNull(col)) return std::nullopt;
  return static_cast<int>(s.ColumnInt(col));
}

// The newest stored red-flag check, with its fired rules' pauses.
Status LatestTriage(storage::SqliteDb* db, std::optional<StoredTriage>* out) {
  Statement s;
  UNKNOT_RETURN_IF_ERROR(db->Prepare(
      "SELECT at, level, result FROM triage_results WHERE deleted = 0 AND at "
      "IS NOT NULL AND level IS NOT NULL AND result IS NOT NULL "
      "ORDER BY at DESC, id DESC LIMIT 1",
      &s));
  Status st;
  if (!s.Step(&st)) return st;
  StoredTriage t;
  t.at_ms = s.ColumnInt(0);
  t.level = s.ColumnText(1);
  nlohmann::json doc = nlohmann::json::parse(s.ColumnView(2), nullptr, false);
  bool readable =
      doc.is_object() && doc.contains("rules") && doc["rules"].is_array();
  if (readable) {
    for (const auto& rule : doc["rules"]) {
      if (!rule.is_object() || !rule.value("id", nlohmann::json()).is_string())
        continue;
      nlohmann::json pauses = rule.value("pauses", nlohmann::json());
      // A rule whose pause this version cannot read pauses everything.
      t.rules.emplace_back(
          rule["id"].get<std::string>(),
          pauses.is_string() ? pauses.get<std::string>() : std::string("all"));
    }
  } else if (t.level != "self_care") {
    t.rules.emplace_back("unreadable_result", "all");
  }
  *out = std::move(t);
  return Status::OK();
}

}  // namespace

Status Journal::LogSession(const Session& session, std::string* id) {
  Routine routine;
  UNKNOT_RETURN_IF_ERROR(GetRoutine(session.routine_id, &routine));
  if (routine.deleted) {
    return Status::NotFound("routine-not-found",
                            "routine " + session.routine_id + " was deleted");
  }
  Session s = session;
  if (s.steps_total == 0)
    s.steps_total = static_cast<int>(routine.steps.size());
  UNKNOT_RETURN_IF_ERROR(ValidateSession(s));
  std::string row =
      NewRowId(rep_->env, rep_->env->NowMillis(), &rep_->last_row_id);
  UNKNOT_RETURN_IF_ERROR(
      rep_->Mutate([&](HlcClock* clock, std::vector<CellChange>* out) {
        Hlc stamp;
        UNKNOT_RETURN_IF_ERROR(clock->Send(rep_->env->NowMillis(), &stamp));
        std::string hlc = stamp.ToString();
        auto cell = [&](const char* column, CellValue value) {
          out->push_back({hlc, "sessions", row, column, std::move(value)});
        };
        auto optional = [](const std::optional<int>& v) {
          return v ? CellValue::Int(*v) : CellValue::Null();
        };
        cell("routine_id", CellValue::Text(s.routine_id));
        cell("at", CellValue::Int(s.at_ms));
        cell("tz_offset", CellValue::Int(s.tz_offset_minutes));
        cell("steps_done", CellValue::Int(s.steps_done));
        cell("steps_total", CellValue::Int(s.steps_total));
        cell("duration_s", CellValue::Int(s.duration_seconds));
        cell("site", s.site ? CellValue::Text(*s.site) : CellValue::Null());
        cell("pain_before", optional(s.pain_before));
        cell("pain_after", optional(s.pain_after));
        cell("deleted", CellValue::Int(0));
        return Status::OK();
      }));
  *id = row;
  return Status::OK();
}

Status Journal::DeleteSession(std::string_view id) {
  Statement s;
  UNKNOT_RETURN_IF_ERROR(rep_->db->Prepare(
      "SELECT id FROM sessions WHERE id = ?1 AND at IS NOT NULL", &s));
  s.Bind(1, id);
  Status st;
  bool found = s.Step(&st);
  UNKNOT_RETURN_IF_ERROR(st);
  if (!found) {
    return Status::NotFound("session-not-found",
                            "no session with id " + std::string(id));
  }
  std::string row(id);
  return rep_->Mutate([&](HlcClock* clock, std::vector<CellChange>* out) {
    Hlc stamp;
    UNKNOT_RETURN_IF_ERROR(clock->Send(rep_->env->NowMillis(), &stamp));
    out->push_back(
        {stamp.ToString(), "sessions", row, "deleted", CellValue::Int(1)});
    return Status::OK();
  });
}

Status Journal::ListSessions(const ListFilter& filter,
                             std::vector<Session>* sessions) {
  std::string sql =
      "SELECT id, routine_id, at, tz_offset, steps_done, steps_total, "
      "duration_s, site, pain_before, pain_after, deleted FROM sessions "
      "WHERE routine_id IS NOT NULL AND at IS NOT NULL AND tz_offset IS NOT "
      "NULL AND steps_done IS NOT NULL AND steps_total IS NOT NULL AND "
      "duration_s IS NOT NULL";
  if (!filter.include_deleted) sql += " AND deleted = 0";
  sql += " ORDER BY at, id";
  Statement s;
  UNKNOT_RETURN_IF_ERROR(rep_->db->Prepare(sql, &s));
  std::vector<Session> out;
  Status st;
  while (s.Step(&st)) {
    Session x;
    x.id = s.ColumnText(0);
    x.routine_id = s.ColumnText(1);
    x.at_ms = s.ColumnInt(2);
    x.tz_offset_minutes = static_cast<int>(s.ColumnInt(3));
    int64_t day = LocalDay(x.at_ms, x.tz_offset_minutes);
    if ((filter.since_day && day < *filter.since_day) ||
        (filter.until_day && day > *filter.until_day)) {
      continue;
    }
    x.steps_done = static_cast<int>(s.ColumnInt(4));
    x.steps_total = static_cast<int>(s.ColumnInt(5));
    x.duration_seconds = static_cast<int>(s.ColumnInt(6));
    if (!s.ColumnIsNull(7)) x.site = s.ColumnText(7);
    x.pain_before = OptInt(s, 8);
    x.pain_after = OptInt(s, 9);
    x.deleted = s.ColumnInt(10) != 0;
    out.push_back(std::move(x));
  }
  UNKNOT_RETURN_IF_ERROR(st);
  *sessions = std::move(out);
  return Status::OK();
}

Status Journal::GetToday(int64_t now_ms, int offset_minutes,
                         std::vector<TodayItem>* items) {
  std::vector<Schedule> schedules;
  UNKNOT_RETURN_IF_ERROR(ListSchedules(&schedules));
  LocalNow now = LocalNowAt(now_ms, offset_minutes);
  ListFilter filter;
  filter.since_day = now.day;
  filter.until_day = now.day;
  std::vector<Session> sessions;
  UNKNOT_RETURN_IF_ERROR(ListSessions(filter, &sessions));
  *items = TodayList(schedules, sessions, now);
  return Status::OK();
}

Status Journal::GetAdherence(int64_t now_ms, int offset_minutes,
                             Adherence* adherence) {
  std::vector<Schedule> schedules;
  UNKNOT_RETURN_IF_ERROR(ListSchedules(&schedules));
  std::vector<Session> sessions;
  UNKNOT_RETURN_IF_ERROR(ListSessions(ListFilter(), &sessions));
  *adherence =
      ComputeAdherence(schedules, sessions, LocalNowAt(now_ms, offset_minutes));
  return Status::OK();
}

Status Journal::CheckRoutineGate(std::string_view routine_id,
                                 const std::optional<std::string>& site,
                                 RoutineGate* gate) {
  Routine routine;
  UNKNOT_RETURN_IF_ERROR(GetRoutine(routine_id, &routine));
  if (site && Vocabulary::Get().FindSite(*site) == nullptr) {
    return Status::Invalid("unknown-body-site", "unknown body site " + *site);
  }
  std::optional<StoredTriage> latest;
  UNKNOT_RETURN_IF_ERROR(LatestTriage(rep_->db.get(), &latest));
  std::vector<std::string> painful;
  if (latest) {
    ListFilter filter;
    int64_t from = latest->at_ms - kPainfulAreaDays * kDayMs;
    int offset = rep_->env->UtcOffsetMinutes(latest->at_ms);
    filter.since_day = LocalDay(from, offset);
    filter.until_day = LocalDay(latest->at_ms, offset);
    std::vector<JournalEntry> entries;
    UNKNOT_RETURN_IF_ERROR(List(filter, &entries));
    for (const JournalEntry& e : entries) {
      for (const SitePain& p : e.sites) {
        const BodySite* bs = Vocabulary::Get().FindSite(p.site);
        if (bs == nullptr) continue;
        std::string area(bs->area);
        if (std::find(painful.begin(), painful.end(), area) == painful.end())
          painful.push_back(area);
      }
    }
  }
  *gate = EvaluateRoutineGate(routine, site, latest, painful,
                              rep_->env->NowMillis());
  return Status::OK();
}

}  // namespace unknot
