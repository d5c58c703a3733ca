// Sharing with a therapist: the scopes and period a patient picks, and the
// one function that turns a journal into exactly what the therapist sees
// (docs/sharing.md). The server answers a therapist's view with it, the CLI
// previews a share with it, and the web app will do both; nothing else
// decides what leaves the patient's hands.
//
// Design note. The view is built section by section from the public Journal
// API, and a section is only *read* when its scope is in the share, so a
// scope left out cannot leak by a forgotten filter. `notes` is the only way
// free-text notes appear: without it no entry carries a "note" key (and
// with it alone, there is a "notes" section of dated notes). The period is
// applied to each entry's, session's own local date (its instant seen with
// its own UTC offset); triage results have no offset and are read with the
// view's. Pure function of the journal and `now`: thread-safety is the
// Journal's.
#ifndef UNKNOT_SHARE_H_
#define UNKNOT_SHARE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/status.h"
#include "unknot/suggestions.h"

namespace unknot {

class Journal;

struct ShareScopes {
  bool entries = false;
  bool notes = false;
  bool routines = false;  // sessions, custom routines, schedules
  bool adherence = false;
  bool triage = false;
  bool insights = false;

  bool empty() const {
    return !(entries || notes || routines || adherence || triage || insights);
  }
};

// "entries,routines" (any order, spaces around items allowed) -> scopes.
// Error code: "invalid-scope" (empty, unknown or repeated scope).
Status ParseShareScopes(std::string_view text, ShareScopes* scopes);
// The scope names in canonical order: entries, notes, routines, adherence,
// triage, insights.
std::vector<std::string> ShareScopeNames(const ShareScopes& scopes);

// Longest rolling period a share may have ("last N days").
inline constexpr int kMaxShareLastDays = 3660;

// Which of the journal's days a share covers: from a local date, or the
// rolling last N days (today and the N-1 before). Neither: everything.
struct SharePeriod {
  std::optional<int64_t> since_day;  // days since 1970-01-01, inclusive
  std::optional<int> last_days;      // 1..kMaxShareLastDays

  // The first local day covered as of `today` (nullopt: no lower bound).
  std::optional<int64_t> FirstDay(int64_t today) const;
};

// Parses "--last" text: "90d" or "90" -> last_days = 90.
// Error code: "invalid-period" (not 1..kMaxShareLastDays days).
Status ParseLastDays(std::string_view text, int* days);
// {"since": "YYYY-MM-DD"} / {"last_days": N} / {} (everything).
std::string SharePeriodToJson(const SharePeriod& period);
// The reverse (an object with at most one of the two keys).
// Error code: "invalid-period".
Status SharePeriodFromJson(std::string_view json, SharePeriod* period);

// The therapist's view, one JSON object:
//   {"scopes": [...], "period": {...}, "from": "YYYY-MM-DD"|null,
//    "today": "YYYY-MM-DD", "generated_at": "…Z",
//    "entries": [...]      (entries: live entries of the period, export
//                           format without stamps; "note" only with notes)
//    "notes": [{"entry_id","at","local_date","note"}]  (notes, not entries)
//    "sessions": [...], "routines": [custom routines], "schedules": [...]
//                          (routines)
//    "adherence": {...}    (adherence, as of now: docs/routines.md)
//    "triage": [{"id","at","level","ruleset_version","result"}] (triage)
//    "insights": {...}}    (insights over the period: docs/insights.md)
// A section is present exactly when its scope is. `now_ms` seen with
// `offset_minutes` gives "today". Error codes: "invalid-scope" (no scope),
// the journal's.
Status SharedViewJson(Journal* journal, const ShareScopes& scopes,
                      const SharePeriod& period, int64_t now_ms,
                      int offset_minutes, std::string* json);

// What a therapist's view carries beyond the shared sections (the server
// fills it in; a patient's preview has none of it).
struct SharedViewOptions {
  // Lists the suggestions sent through this share ("suggestions", oldest
  // first, with the patient's answers): the therapist sees what they sent.
  // "" for none.
  std::string share_id;
  // Adds "since_last_visit": what changed since `visit_ms` (nullopt: over
  // the whole period, as at a first visit), within the shared scopes.
  bool since_last_visit = false;
  std::optional<int64_t> visit_ms;
  // Echoed as since_last_visit.source: "set" (the therapist chose the
  // date), "previous_view" or "first_view".
  std::string visit_source = "first_view";
};

// The view above with `options`' sections:
//   "suggestions": [SuggestionToJson objects of share_id]
//   "since_last_visit": {"since": "…Z"|null, "source",
//      "entries": {"count", "flares", "days", "highest", "average_peak",
//                  "average_peak_before", "sites": [{"site", "side",
//                  "entries", "highest"}], "new_sites": [{"site", "side"}]}
//                                                        (entries)
//      "notes": N                                        (notes)
//      "sessions": {"count", "minutes", "rated", "average_change"}
//                                                        (routines)
//      "checks": [{"at", "level"}]}                      (triage)
// A part of the summary is present exactly when its scope is; it only
// counts what the period covers. See docs/sharing.md.
Status SharedViewJson(Journal* journal, const ShareScopes& scopes,
                      const SharePeriod& period,
                      const SharedViewOptions& options, int64_t now_ms,
                      int offset_minutes, std::string* json);

// A therapist's comment or routine recommendation through a share: parses
// `request_json` (ParseSuggestionRequest), checks it against the share and
// stores it in the patient's journal (Journal::AddSuggestion) as from
// `author`. A comment can only be on an entry the share shows (scope
// entries or notes, the entry live and within the period): any other
// entry id is "not-found", the answer for data that does not exist.
// Error codes: ParseSuggestionRequest's and ValidateSuggestion's,
// "not-found", the journal's.
Status AddSharedSuggestion(Journal* journal, const ShareScopes& scopes,
                           const SharePeriod& period, std::string_view share_id,
                           std::string_view author, int64_t now_ms,
                           int offset_minutes, std::string_view request_json,
                           Suggestion* stored);

}  // namespace unknot

#endif  // UNKNOT_SHARE_H_
