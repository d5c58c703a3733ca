// Adherence, streaks and the "today" list (docs/routines.md). Everything
// counts local days: a session is placed on the day of its own instant seen
// with its own UTC offset, and a schedule's times are local wall-clock
// times, so travel and daylight-saving changes never move a session to
// another day nor skip or double a scheduled time.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "unknot/routines.h"
#include "unknot/time_util.h"

namespace unknot {
namespace {

// Sessions per local day, per routine.
using DayCounts = std::map<int64_t, std::map<std::string, int>>;

DayCounts CountSessions(const std::vector<Session>& sessions, int64_t today) {
  DayCounts counts;
  for (const Session& s : sessions) {
    if (s.deleted) continue;
    int64_t day = LocalDay(s.at_ms, s.tz_offset_minutes);
    if (day > today) continue;  // logged ahead of time: not yet
    ++counts[day][s.routine_id];
  }
  return counts;
}

struct DayTally {
  int planned = 0;
  int done = 0;
  int sessions = 0;
};

// planned/done of one day. Today's planned counts the occurrences already
// due, plus later ones already done (doing a routine early counts).
DayTally TallyDay(const std::vector<Schedule>& schedules,
                  const DayCounts& counts, int64_t day, LocalNow now) {
  std::map<std::string, std::pair<int, int>> by_routine;  // total, due
  for (const Schedule& s : schedules) {
    for (int minute : ScheduleTimesOn(s, day)) {
      auto& [total, due] = by_routine[s.routine_id];
      ++total;
      if (day < now.day || minute <= now.minute) ++due;
    }
  }
  DayTally tally;
  auto it = counts.find(day);
  for (const auto& [routine, pair] : by_routine) {
    int n = 0;
    if (it != counts.end()) {
      auto r = it->second.find(routine);
      if (r != it->second.end()) n = r->second;
    }
    int done = std::min(n, pair.first);
    tally.done += done;
    tally.planned += std::max(pair.second, done);
  }
  if (it != counts.end()) {
    for (const auto& [routine, n] : it->second) tally.sessions += n;
  }
  return tally;
}

AdherenceWindow Window(const std::vector<Schedule>& schedules,
                       const DayCounts& counts, LocalNow now, int days) {
  AdherenceWindow w;
  w.days = days;
  for (int64_t d = now.day - days + 1; d <= now.day; ++d) {
    DayTally t = TallyDay(schedules, counts, d, now);
    w.planned += t.planned;
    w.done += t.done;
    w.sessions += t.sessions;
    if (t.sessions > 0) ++w.session_days;
  }
  if (w.planned > 0) w.percent = 100 * w.done / w.planned;
  return w;
}

enum class DayMark { kKept, kSkip, kBroken };

// kept: every planned occurrence done, or (nothing planned) any session;
// skip: a rest day of a schedule (nothing planned, no session);
// broken: otherwise. Today is never broken: it is not over.
DayMark Mark(const std::vector<Schedule>& schedules, const DayCounts& counts,
             int64_t day, LocalNow now) {
  DayTally t = TallyDay(schedules, counts, day, now);
  bool kept = t.planned > 0 ? t.done == t.planned : t.sessions > 0;
  if (kept) return DayMark::kKept;
  if (day == now.day) return DayMark::kSkip;
  if (t.planned == 0) {
    bool covered = std::any_of(
        schedules.begin(), schedules.end(),
        [&](const Schedule& s) { return !s.deleted && s.since_day <= day; });
    if (covered) return DayMark::kSkip;
  }
  return DayMark::kBroken;
}

std::optional<int64_t> FirstDay(const std::vector<Schedule>& schedules,
                                const DayCounts& counts) {
  std::optional<int64_t> first;
  if (!counts.empty()) first = counts.begin()->first;
  for (const Schedule& s : schedules) {
    if (s.deleted) continue;
    if (!first || s.since_day < *first) first = s.since_day;
  }
  return first;
}

nlohmann::ordered_json WindowJson(const AdherenceWindow& w) {
  return {{"days", w.days},
          {"planned", w.planned},
          {"done", w.done},
          {"percent", w.percent ? nlohmann::ordered_json(*w.percent)
                                : nlohmann::ordered_json(nullptr)},
          {"session_days", w.session_days},
          {"sessions", w.sessions}};
}

}  // namespace

LocalNow LocalNowAt(int64_t utc_ms, int offset_minutes) {
  LocalNow now;
  now.day = LocalDay(utc_ms, offset_minutes);
  int64_t local_ms = utc_ms + int64_t{offset_minutes} * 60000;
  now.minute = static_cast<int>((local_ms - now.day * 86400000) / 60000);
  return now;
}

std::vector<TodayItem> TodayList(const std::vector<Schedule>& schedules,
                                 const std::vector<Session>& sessions,
                                 LocalNow now) {
  DayCounts counts = CountSessions(sessions, now.day);
  std::map<std::string, std::vector<TodayItem>> by_routine;
  for (const Schedule& s : schedules) {
    for (int minute : ScheduleTimesOn(s, now.day)) {
      TodayItem item;
      item.schedule_id = s.id;
      item.routine_id = s.routine_id;
      item.minute = minute;
      item.due = minute <= now.minute;
      by_routine[s.routine_id].push_back(std::move(item));
    }
  }
  auto order = [](const TodayItem& a, const TodayItem& b) {
    return a.minute != b.minute ? a.minute < b.minute
                                : a.schedule_id < b.schedule_id;
  };
  std::vector<TodayItem> all;
  const auto today = counts.find(now.day);
  for (auto& [routine, items] : by_routine) {
    std::sort(items.begin(), items.end(), order);
    int n = 0;
    if (today != counts.end()) {
      auto it = today->second.find(routine);
      if (it != today->second.end()) n = it->second;
    }
    for (TodayItem& item : items) {
      item.done = n-- > 0;
      all.push_back(std::move(item));
    }
  }
  std::sort(all.begin(), all.end(), order);
  return all;
}

Adherence ComputeAdherence(const std::vector<Schedule>& schedules,
                           const std::vector<Session>& sessions, LocalNow now) {
  Adherence a;
  a.today = now.day;
  DayCounts counts = CountSessions(sessions, now.day);
  a.last_7_days = Window(schedules, counts, now, 7);
  a.last_28_days = Window(schedules, counts, now, 28);
  for (const auto& [day, routines] : counts) {
    for (const auto& [routine, n] : routines) a.total_sessions += n;
    a.last_session_day = day;
  }
  std::optional<int64_t> first = FirstDay(schedules, counts);
  if (!first) return a;
  int run = 0;
  for (int64_t d = *first; d <= now.day; ++d) {
    DayMark mark = Mark(schedules, counts, d, now);
    if (mark == DayMark::kKept) {
      a.longest_streak = std::max(a.longest_streak, ++run);
    } else if (mark == DayMark::kBroken) {
      run = 0;
    }
  }
  a.current_streak = run;
  return a;
}

std::string AdherenceToJson(const Adherence& a) {
  nlohmann::ordered_json j = {
      {"today", FormatDate(a.today)},
      {"last_7_days", WindowJson(a.last_7_days)},
      {"last_28_days", WindowJson(a.last_28_days)},
      {"current_streak", a.current_streak},
      {"longest_streak", a.longest_streak},
      {"total_sessions", a.total_sessions},
      {"last_session_date",
       a.last_session_day
           ? nlohmann::ordered_json(FormatDate(*a.last_session_day))
           : nlohmann::ordered_json(nullptr)}};
  return j.dump(-1, ' ', false,
                nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace unknot
