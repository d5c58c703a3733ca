// JournalApi's routines half (journal_api.h): the library, the user's
// routines, sessions, schedules, the today list, adherence and the red-flag
// gate, as JSON strings. All logic is the core's; this only translates.
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "journal_api.h"
#include "json_result.h"
#include "unknot/routines.h"
#include "unknot/time_util.h"

namespace unknot::wasm {
namespace {

using nlohmann::json;

Status BadField(const std::string& key, const std::string& why) {
  return Status::Invalid("invalid-field", key + ": " + why);
}

Status ParseObject(const std::string& text, json* out) {
  *out = text.empty() ? json::object() : json::parse(text, nullptr, false);
  if (out->is_discarded() || !out->is_object()) {
    return Status::Invalid("invalid-json", "expected a JSON object");
  }
  return Status::OK();
}

Status ReadString(const json& obj, const char* key,
                  std::optional<std::string>* out) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return Status::OK();
  if (!it->is_string()) return BadField(key, "must be a string");
  *out = it->get<std::string>();
  return Status::OK();
}

Status ReadInt(const json& obj, const char* key, std::optional<int>* out) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return Status::OK();
  if (!it->is_number_integer()) return BadField(key, "must be a whole number");
  int64_t v = it->get<int64_t>();
  if (v < -1000000 || v > 1000000) return BadField(key, "out of range");
  *out = static_cast<int>(v);
  return Status::OK();
}

// {"at"?: ISO 8601} -> the instant and offset ("" or no "at": now).
Status ReadNow(const std::string& text, int64_t* now_ms, int* offset) {
  json obj;
  UNKNOT_RETURN_IF_ERROR(ParseObject(text, &obj));
  std::optional<std::string> at;
  UNKNOT_RETURN_IF_ERROR(ReadString(obj, "at", &at));
  Env* env = Env::Default();
  if (at) return ParseIsoTime(*at, env, now_ms, offset);
  *now_ms = env->NowMillis();
  *offset = env->UtcOffsetMinutes(*now_ms);
  return Status::OK();
}

Status ReadDay(const json& obj, const char* key, std::optional<int64_t>* day) {
  std::optional<std::string> text;
  UNKNOT_RETURN_IF_ERROR(ReadString(obj, key, &text));
  if (!text) return Status::OK();
  int64_t value;
  UNKNOT_RETURN_IF_ERROR(ParseLocalDate(*text, &value));
  *day = value;
  return Status::OK();
}

Status SessionFromJson(Journal* journal, const std::string& text, Session* s) {
  json obj;
  UNKNOT_RETURN_IF_ERROR(ParseObject(text, &obj));
  std::optional<std::string> routine, at;
  UNKNOT_RETURN_IF_ERROR(ReadString(obj, "routine_id", &routine));
  if (!routine) return BadField("routine_id", "is required");
  s->routine_id = *routine;
  UNKNOT_RETURN_IF_ERROR(ReadString(obj, "at", &at));
  Env* env = Env::Default();
  if (at) {
    UNKNOT_RETURN_IF_ERROR(
        ParseIsoTime(*at, env, &s->at_ms, &s->tz_offset_minutes));
  } else {
    s->at_ms = env->NowMillis();
    s->tz_offset_minutes = env->UtcOffsetMinutes(s->at_ms);
  }
  UNKNOT_RETURN_IF_ERROR(ReadString(obj, "site", &s->site));
  UNKNOT_RETURN_IF_ERROR(ReadInt(obj, "pain_before", &s->pain_before));
  UNKNOT_RETURN_IF_ERROR(ReadInt(obj, "pain_after", &s->pain_after));
  std::optional<int> duration, done, total;
  UNKNOT_RETURN_IF_ERROR(ReadInt(obj, "duration_seconds", &duration));
  UNKNOT_RETURN_IF_ERROR(ReadInt(obj, "steps_done", &done));
  UNKNOT_RETURN_IF_ERROR(ReadInt(obj, "steps_total", &total));
  Routine r;
  UNKNOT_RETURN_IF_ERROR(journal->GetRoutine(s->routine_id, &r));
  s->duration_seconds = duration.value_or(0);
  s->steps_total = total.value_or(static_cast<int>(r.steps.size()));
  s->steps_done = done.value_or(s->steps_total);
  return Status::OK();
}

Status ScheduleFromJson(const std::string& text, Schedule* s) {
  json obj;
  UNKNOT_RETURN_IF_ERROR(ParseObject(text, &obj));
  std::optional<std::string> routine, at, until;
  UNKNOT_RETURN_IF_ERROR(ReadString(obj, "routine_id", &routine));
  UNKNOT_RETURN_IF_ERROR(ReadString(obj, "at", &at));
  if (!routine || !at) return BadField("routine_id/at", "are required");
  s->routine_id = *routine;
  UNKNOT_RETURN_IF_ERROR(ParseClockTime(*at, &s->start_minute));
  auto days = obj.find("days");
  if (days != obj.end() && days->is_string()) {
    UNKNOT_RETURN_IF_ERROR(
        ParseScheduleDays(days->get<std::string>(), &s->days));
  } else if (days != obj.end() && !days->is_null()) {
    std::optional<int> mask;
    UNKNOT_RETURN_IF_ERROR(ReadInt(obj, "days", &mask));
    s->days = mask.value_or(kEveryDay);
  }
  UNKNOT_RETURN_IF_ERROR(ReadInt(obj, "every_minutes", &s->every_minutes));
  // The host's local date: the page may show another time zone than the
  // device's, and the schedule must count from the day the person sees.
  std::optional<int64_t> since;
  UNKNOT_RETURN_IF_ERROR(ReadDay(obj, "since", &since));
  if (since) s->since_day = *since;
  UNKNOT_RETURN_IF_ERROR(ReadString(obj, "until", &until));
  if (until) {
    int minute;
    UNKNOT_RETURN_IF_ERROR(ParseClockTime(*until, &minute));
    s->end_minute = minute;
  }
  return Status::OK();
}

json ScheduleObject(const Schedule& s) {
  return {
      {"id", s.id},
      {"routine_id", s.routine_id},
      {"days", s.days},
      {"at", FormatClockTime(s.start_minute)},
      {"every_minutes", s.every_minutes ? json(*s.every_minutes) : json()},
      {"until", s.end_minute ? json(FormatClockTime(*s.end_minute)) : json()},
      {"since", FormatDate(s.since_day)},
      {"description", DescribeSchedule(s)}};
}

}  // namespace

std::string JournalApi::Routines() {
  std::vector<Routine> routines = RoutineLibrary();
  if (journal_) {
    Status status = journal_->ListRoutines(&routines);
    if (!status.ok()) return Error(status);
  }
  json items = json::array();
  for (const Routine& r : routines) {
    items.push_back(json::parse(RoutineToJson(r), nullptr, false));
  }
  return Dump({{"version", std::string(kRoutineLibraryVersion)},
               {"routines", std::move(items)}});
}

std::string JournalApi::GetRoutine(const std::string& id) {
  Routine r;
  Status status;
  if (journal_) {
    status = journal_->GetRoutine(id, &r);
  } else if (const Routine* built_in = FindLibraryRoutine(id)) {
    r = *built_in;
  } else {
    status = Status::NotFound("routine-not-found", "no routine with id " + id);
  }
  return status.ok() ? RoutineToJson(r) : Error(status);
}

std::string JournalApi::SaveRoutine(const std::string& routine_json) {
  if (!journal_) return NotOpen();
  Routine r;
  Status status = ParseRoutineJson(routine_json, &r);
  json obj = json::parse(routine_json, nullptr, false);
  if (status.ok() && obj.is_object() && obj.contains("id")) {
    if (!obj["id"].is_string())
      return Error(BadField("id", "must be a string"));
    r.id = obj["id"].get<std::string>();
  }
  std::string id;
  if (status.ok()) status = journal_->SaveRoutine(r, &id);
  return status.ok() ? Dump({{"id", id}}) : Error(status);
}

std::string JournalApi::DeleteRoutine(const std::string& id) {
  if (!journal_) return NotOpen();
  return OkOr(journal_->DeleteRoutine(id));
}

std::string JournalApi::LogSession(const std::string& session_json) {
  if (!journal_) return NotOpen();
  Session s;
  Status status = SessionFromJson(journal_.get(), session_json, &s);
  std::string id;
  if (status.ok()) status = journal_->LogSession(s, &id);
  return status.ok() ? Dump({{"id", id}}) : Error(status);
}

std::string JournalApi::DeleteSession(const std::string& id) {
  if (!journal_) return NotOpen();
  return OkOr(journal_->DeleteSession(id));
}

std::string JournalApi::Sessions(const std::string& filter_json) {
  if (!journal_) return NotOpen();
  json obj;
  ListFilter filter;
  Status status = ParseObject(filter_json, &obj);
  if (status.ok()) status = ReadDay(obj, "since", &filter.since_day);
  if (status.ok()) status = ReadDay(obj, "until", &filter.until_day);
  auto deleted = obj.find("include_deleted");
  if (status.ok() && deleted != obj.end() && !deleted->is_null()) {
    if (!deleted->is_boolean()) {
      return Error(BadField("include_deleted", "must be a boolean"));
    }
    filter.include_deleted = deleted->get<bool>();
  }
  std::vector<Session> sessions;
  if (status.ok()) status = journal_->ListSessions(filter, &sessions);
  return status.ok() ? SessionsToJson(sessions) : Error(status);
}

std::string JournalApi::AddSchedule(const std::string& schedule_json) {
  if (!journal_) return NotOpen();
  Schedule s;
  Status status = ScheduleFromJson(schedule_json, &s);
  std::string id;
  if (status.ok()) status = journal_->AddSchedule(s, &id);
  return status.ok() ? Dump({{"id", id}}) : Error(status);
}

std::string JournalApi::RemoveSchedule(const std::string& id) {
  if (!journal_) return NotOpen();
  return OkOr(journal_->RemoveSchedule(id));
}

std::string JournalApi::Schedules() {
  if (!journal_) return NotOpen();
  std::vector<Schedule> schedules;
  Status status = journal_->ListSchedules(&schedules);
  if (!status.ok()) return Error(status);
  json items = json::array();
  for (const Schedule& s : schedules) items.push_back(ScheduleObject(s));
  return Dump(items);
}

std::string JournalApi::Today(const std::string& now_json) {
  if (!journal_) return NotOpen();
  int64_t now_ms;
  int offset;
  std::vector<TodayItem> items;
  Status status = ReadNow(now_json, &now_ms, &offset);
  if (status.ok()) status = journal_->GetToday(now_ms, offset, &items);
  if (!status.ok()) return Error(status);
  json out = json::array();
  for (const TodayItem& item : items) {
    Routine r;
    std::string title = item.routine_id;
    if (journal_->GetRoutine(item.routine_id, &r).ok()) title = r.title;
    out.push_back({{"time", FormatClockTime(item.minute)},
                   {"schedule_id", item.schedule_id},
                   {"routine_id", item.routine_id},
                   {"title", title},
                   {"due", item.due},
                   {"done", item.done}});
  }
  return Dump(out);
}

std::string JournalApi::Adherence(const std::string& now_json) {
  if (!journal_) return NotOpen();
  int64_t now_ms;
  int offset;
  ::unknot::Adherence adherence;
  Status status = ReadNow(now_json, &now_ms, &offset);
  if (status.ok()) status = journal_->GetAdherence(now_ms, offset, &adherence);
  return status.ok() ? AdherenceToJson(adherence) : Error(status);
}

std::string JournalApi::Gate(const std::string& request_json) {
  if (!journal_) return NotOpen();
  json obj;
  std::optional<std::string> routine, site;
  Status status = ParseObject(request_json, &obj);
  if (status.ok()) status = ReadString(obj, "routine_id", &routine);
  if (status.ok()) status = ReadString(obj, "site", &site);
  if (status.ok() && !routine) status = BadField("routine_id", "is required");
  RoutineGate gate;
  if (status.ok()) status = journal_->CheckRoutineGate(*routine, site, &gate);
  return status.ok() ? RoutineGateToJson(gate) : Error(status);
}

std::string JournalApi::Phases(const std::string& request_json) {
  if (!journal_) return NotOpen();
  json obj;
  std::optional<std::string> routine;
  Status status = ParseObject(request_json, &obj);
  if (status.ok()) status = ReadString(obj, "routine_id", &routine);
  if (status.ok() && !routine) status = BadField("routine_id", "is required");
  RoutineDose dose;
  for (auto [key, flag] :
       {std::pair<const char*, bool*>{"longer_holds", &dose.longer_holds},
        {"upper_end", &dose.upper_end}}) {
    auto it = obj.find(key);
    if (!status.ok() || it == obj.end() || it->is_null()) continue;
    if (!it->is_boolean()) {
      status = BadField(key, "must be true or false");
    } else {
      *flag = it->get<bool>();
    }
  }
  Routine r;
  if (status.ok()) status = journal_->GetRoutine(*routine, &r);
  return status.ok() ? RoutinePhasesToJson(RoutinePhases(r.steps, dose))
                     : Error(status);
}

}  // namespace unknot::wasm
