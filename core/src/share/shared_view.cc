// SharedViewJson: what a therapist sees of a journal (unknot/share.h).
// Each section reads the journal only when its scope is shared.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <tuple>

#include "unknot/entry_json.h"
#include "unknot/insights.h"
#include "unknot/journal.h"
#include "unknot/routines.h"
#include "unknot/share.h"
#include "unknot/sync.h"
#include "unknot/time_util.h"

namespace unknot {
namespace {

using nlohmann::json;

constexpr int64_t kDayMs = 86400000;

json Parse(const std::string& text) {
  return json::parse(text, nullptr, /*allow_exceptions=*/false);
}

ListFilter PeriodFilter(std::optional<int64_t> first_day) {
  ListFilter filter;
  filter.since_day = first_day;
  return filter;
}

// Entries without their free-text note unless notes are shared; a "notes"
// section instead when notes are shared without entries.
Status AddEntries(Journal* journal, const ShareScopes& scopes,
                  std::optional<int64_t> first_day, json* view) {
  std::vector<JournalEntry> entries;
  UNKNOT_RETURN_IF_ERROR(journal->List(PeriodFilter(first_day), &entries));
  if (scopes.entries) {
    json out = json::array();
    for (const JournalEntry& e : entries) {
      json item = Parse(EntryToJson(e));
      item.erase("stamps");
      item.erase("deleted");
      if (!scopes.notes) item.erase("note");
      out.push_back(std::move(item));
    }
    (*view)["entries"] = std::move(out);
  } else if (scopes.notes) {
    json out = json::array();
    for (const JournalEntry& e : entries) {
      if (!e.note) continue;
      out.push_back(
          {{"entry_id", e.id},
           {"at", FormatIsoTime(e.at_ms, e.tz_offset_minutes)},
           {"local_date", FormatDate(LocalDay(e.at_ms, e.tz_offset_minutes))},
           {"note", *e.note}});
    }
    (*view)["notes"] = std::move(out);
  }
  return Status::OK();
}

Status AddRoutines(Journal* journal, std::optional<int64_t> first_day,
                   json* view) {
  std::vector<Session> sessions;
  UNKNOT_RETURN_IF_ERROR(
      journal->ListSessions(PeriodFilter(first_day), &sessions));
  json out = Parse(SessionsToJson(sessions));
  for (json& s : out) s.erase("deleted");
  (*view)["sessions"] = std::move(out);

  std::vector<Routine> routines;
  UNKNOT_RETURN_IF_ERROR(journal->ListRoutines(&routines));
  json custom = json::array();
  for (const Routine& r : routines) {
    if (r.custom && !r.deleted) custom.push_back(Parse(RoutineToJson(r)));
  }
  (*view)["routines"] = std::move(custom);

  std::vector<Schedule> schedules;
  UNKNOT_RETURN_IF_ERROR(journal->ListSchedules(&schedules));
  json sched = json::array();
  for (const Schedule& s : schedules) {
    sched.push_back({{"id", s.id},
                     {"routine_id", s.routine_id},
                     {"schedule", DescribeSchedule(s)},
                     {"since", FormatDate(s.since_day)}});
  }
  (*view)["schedules"] = std::move(sched);
  return Status::OK();
}

// The stored red-flag checks (rows of `triage_results`, see
// Journal::RecordTriage) read back from the journal's cells.
// Journal has no reader for them yet; reading every cell costs a pass over
// the journal, acceptable for a view opened by hand. (A Journal::ListTriage
// would avoid it; it changes journal.h, which every host includes.)
struct TriageRow {
  std::string id;
  std::optional<int64_t> at_ms;
  std::string level, version, result;
  bool deleted = false;
};

Status ReadTriageRows(Journal* journal, std::vector<TriageRow>* out) {
  std::vector<size_t> all(kFingerprintBuckets);
  for (size_t b = 0; b < all.size(); ++b) all[b] = b;
  std::vector<CellChange> cells;
  UNKNOT_RETURN_IF_ERROR(journal->CellsInBuckets(all, &cells));
  std::map<std::string, TriageRow> rows;
  for (const CellChange& c : cells) {
    if (c.table != "triage_results") continue;
    TriageRow& row = rows[c.row];
    row.id = c.row;
    if (c.column == "at" && c.value.type == CellValue::Type::kInt) {
      row.at_ms = c.value.i;
    } else if (c.column == "deleted" && c.value.type == CellValue::Type::kInt) {
      row.deleted = c.value.i != 0;
    } else if (c.value.type == CellValue::Type::kText) {
      if (c.column == "level") row.level = c.value.s;
      if (c.column == "ruleset_version") row.version = c.value.s;
      if (c.column == "result") row.result = c.value.s;
    }
  }
  for (auto& [id, row] : rows) {
    if (!row.deleted && row.at_ms && !row.level.empty())
      out->push_back(std::move(row));
  }
  std::sort(out->begin(), out->end(),
            [](const TriageRow& a, const TriageRow& b) {
              return std::tie(*a.at_ms, a.id) < std::tie(*b.at_ms, b.id);
            });
  return Status::OK();
}

Status AddTriage(Journal* journal, std::optional<int64_t> first_day,
                 int offset_minutes, json* view) {
  // A check has no offset of its own: its day is read with the view's.
  const int64_t since_ms =
      first_day ? *first_day * kDayMs - int64_t{offset_minutes} * 60000
                : INT64_MIN;
  std::vector<TriageRow> rows;
  UNKNOT_RETURN_IF_ERROR(ReadTriageRows(journal, &rows));
  json out = json::array();
  for (const TriageRow& r : rows) {
    if (*r.at_ms < since_ms) continue;
    json result = Parse(r.result);
    out.push_back({{"id", r.id},
                   {"at", FormatUtcMillis(*r.at_ms)},
                   {"level", r.level},
                   {"ruleset_version", r.version},
                   {"result", result.is_discarded() ? json() : result}});
  }
  (*view)["triage"] = std::move(out);
  return Status::OK();
}

}  // namespace

Status SharedViewJson(Journal* journal, const ShareScopes& scopes,
                      const SharePeriod& period, int64_t now_ms,
                      int offset_minutes, std::string* out) {
  if (scopes.empty())
    return Status::Invalid("invalid-scope", "a share needs a scope");
  const int64_t today = LocalDay(now_ms, offset_minutes);
  const std::optional<int64_t> first_day = period.FirstDay(today);
  json view = json::object();
  view["scopes"] = ShareScopeNames(scopes);
  view["period"] = Parse(SharePeriodToJson(period));
  view["from"] = first_day ? json(FormatDate(*first_day)) : json();
  view["today"] = FormatDate(today);
  view["generated_at"] = FormatUtcMillis(now_ms);
  if (scopes.entries || scopes.notes)
    UNKNOT_RETURN_IF_ERROR(AddEntries(journal, scopes, first_day, &view));
  if (scopes.routines)
    UNKNOT_RETURN_IF_ERROR(AddRoutines(journal, first_day, &view));
  if (scopes.adherence) {
    Adherence adherence;
    UNKNOT_RETURN_IF_ERROR(
        journal->GetAdherence(now_ms, offset_minutes, &adherence));
    view["adherence"] = Parse(AdherenceToJson(adherence));
  }
  if (scopes.triage)
    UNKNOT_RETURN_IF_ERROR(
        AddTriage(journal, first_day, offset_minutes, &view));
  if (scopes.insights) {
    Insights insights;
    UNKNOT_RETURN_IF_ERROR(
        JournalInsights(journal, first_day, today, &insights));
    view["insights"] = Parse(InsightsToJson(insights));
  }
  *out = view.dump(-1, ' ', false, json::error_handler_t::replace);
  return Status::OK();
}

}  // namespace unknot
