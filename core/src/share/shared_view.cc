// SharedViewJson: what a therapist sees of a journal (unknot/share.h).
// Each section reads the journal only when its scope is shared.
#include <cstdint>
#include <nlohmann/json.hpp>

#include "share/since_visit.h"
#include "unknot/entry_json.h"
#include "unknot/insights.h"
#include "unknot/journal.h"
#include "unknot/routines.h"
#include "unknot/share.h"
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

Status AddTriage(Journal* journal, std::optional<int64_t> first_day,
                 int offset_minutes, json* view) {
  // A check has no offset of its own: its day is read with the view's.
  const int64_t since_ms =
      first_day ? *first_day * kDayMs - int64_t{offset_minutes} * 60000
                : INT64_MIN;
  std::vector<Journal::StoredTriageResult> stored;
  UNKNOT_RETURN_IF_ERROR(journal->ListTriage(&stored));
  json out = json::array();
  // Newest first from the journal; the view reads oldest first, like
  // entries and sessions.
  for (auto it = stored.rbegin(); it != stored.rend(); ++it) {
    if (it->at_ms < since_ms) continue;
    json result = Parse(it->result_json);
    json version;
    if (result.is_object() && result.contains("ruleset_version"))
      version = result["ruleset_version"];
    out.push_back({{"id", it->id},
                   {"at", FormatUtcMillis(it->at_ms)},
                   {"level", it->level},
                   {"ruleset_version", version},
                   {"result", result.is_discarded() ? json() : result}});
  }
  (*view)["triage"] = std::move(out);
  return Status::OK();
}

// The suggestions sent through `share_id`, oldest first, as the view reads.
Status AddSuggestions(Journal* journal, const std::string& share_id,
                      json* view) {
  std::vector<Suggestion> all;
  UNKNOT_RETURN_IF_ERROR(journal->ListSuggestions(&all));
  json out = json::array();
  for (auto it = all.rbegin(); it != all.rend(); ++it) {
    if (it->share_id == share_id) out.push_back(Parse(SuggestionToJson(*it)));
  }
  (*view)["suggestions"] = std::move(out);
  return Status::OK();
}

Status NotFound() { return Status::NotFound("not-found", "Not found."); }

}  // namespace

Status SharedViewJson(Journal* journal, const ShareScopes& scopes,
                      const SharePeriod& period, int64_t now_ms,
                      int offset_minutes, std::string* out) {
  return SharedViewJson(journal, scopes, period, SharedViewOptions(), now_ms,
                        offset_minutes, out);
}

Status SharedViewJson(Journal* journal, const ShareScopes& scopes,
                      const SharePeriod& period,
                      const SharedViewOptions& options, int64_t now_ms,
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
  if (!options.share_id.empty())
    UNKNOT_RETURN_IF_ERROR(AddSuggestions(journal, options.share_id, &view));
  if (options.since_last_visit) {
    json summary;
    UNKNOT_RETURN_IF_ERROR(SinceLastVisitJson(
        journal, scopes, first_day, options, offset_minutes, &summary));
    view["since_last_visit"] = std::move(summary);
  }
  *out = view.dump(-1, ' ', false, json::error_handler_t::replace);
  return Status::OK();
}

Status AddSharedSuggestion(Journal* journal, const ShareScopes& scopes,
                           const SharePeriod& period, std::string_view share_id,
                           std::string_view author, int64_t now_ms,
                           int offset_minutes, std::string_view request_json,
                           Suggestion* stored) {
  Suggestion s;
  UNKNOT_RETURN_IF_ERROR(ParseSuggestionRequest(request_json, &s));
  s.author = std::string(author);
  s.share_id = std::string(share_id);
  s.at_ms = now_ms;
  UNKNOT_RETURN_IF_ERROR(ValidateSuggestion(s));
  if (s.kind == SuggestionKind::kComment) {
    // Only an entry the therapist can see: the same answer for one outside
    // the share as for one that does not exist.
    if (!scopes.entries && !scopes.notes) return NotFound();
    JournalEntry entry;
    Status found = journal->Get(s.entry_id, &entry);
    if (found.IsNotFound()) return NotFound();
    UNKNOT_RETURN_IF_ERROR(found);
    const std::optional<int64_t> first_day =
        period.FirstDay(LocalDay(now_ms, offset_minutes));
    if (entry.deleted ||
        (first_day &&
         LocalDay(entry.at_ms, entry.tz_offset_minutes) < *first_day) ||
        (!scopes.entries && !entry.note)) {
      return NotFound();
    }
  }
  std::string id;
  UNKNOT_RETURN_IF_ERROR(journal->AddSuggestion(s, &id));
  s.id = std::move(id);
  *stored = std::move(s);
  return Status::OK();
}

}  // namespace unknot
