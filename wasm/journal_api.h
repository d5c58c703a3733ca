// JournalApi: the journal as the web app sees it, behind the embind module
// (bindings.cc). Every call takes and returns JSON text — never C++ objects
// and never 64-bit integers — so the boundary stays thin and JS-friendly
// (cf. manifold's bindings); the web app wraps and types it on its side.
//
// Results: each call returns either its documented success JSON or
//   {"error":{"code":"<kebab-case>","message":"<for people>"}}
// with the core's stable codes (docs/errors.md), plus "not-open" when no
// journal is open and "invalid-json"/"invalid-field" for malformed input.
// Nothing here throws or aborts on bad input (exceptions are off in wasm).
//
// Plain C++: builds natively too, so it can be tested and fuzzed without a
// browser. Not thread-safe (one per worker).
#ifndef UNKNOT_WASM_JOURNAL_API_H_
#define UNKNOT_WASM_JOURNAL_API_H_

#include <emscripten/val.h>

#include <memory>
#include <string>

#include "unknot/journal.h"
#include "unknot/sync_round.h"

namespace unknot::wasm {

class JournalApi {
 public:
  JournalApi() = default;
  JournalApi(const JournalApi&) = delete;
  JournalApi& operator=(const JournalApi&) = delete;

  // Opens (or creates) the journal at `path` (a file in the Emscripten FS,
  // or ":memory:"), closing any journal open before. -> {"ok":true}
  std::string Open(const std::string& path);
  // -> {"ok":true}; a no-op when nothing is open.
  std::string Close();

  // `entry_json` is an entry as in docs/export-format.md. -> {"id":"<hex>"}
  std::string Log(const std::string& entry_json);
  // `patch_json` is a JSON Merge Patch (RFC 7386) of the entry's JSON:
  // keys present replace that field, a list replaces the whole list, null
  // removes an optional field. "id", "deleted" and "stamps" are ignored.
  // -> {"ok":true}
  std::string Edit(const std::string& id, const std::string& patch_json);
  // Recoverable deletion (see Journal::Delete). -> {"ok":true}
  std::string Remove(const std::string& id);
  std::string Restore(const std::string& id);

  // `filter_json`: {"since":"YYYY-MM-DD","until":"YYYY-MM-DD",
  // "include_deleted":false}, every key optional ("" means {}).
  // -> the entries array (core's EntriesToJson).
  std::string List(const std::string& filter_json);

  // -> the export document itself (docs/export-format.md).
  std::string ExportJson();
  // -> {"csv":"<text>"}
  std::string ExportCsv();
  // -> {"entries":N,"cells_applied":N}
  std::string ImportJson(const std::string& text);

  // -> {"device_id":"<16 hex>"}
  std::string DeviceId();
  // The built-in vocabulary (see VocabularyJson) plus, when a journal is
  // open, "custom_triggers":[{"id","label"}].
  std::string Vocabulary();
  // Adds (or finds) the user's own trigger; the id comes from the core's
  // folding of the label. -> {"id":"custom_<slug>"}
  std::string AddCustomTrigger(const std::string& label);

  // --- Sync (docs/sync-protocol.md); the worker does the fetch() calls.
  // Sequence numbers and cursors are JS numbers (exact below 2^53).

  // The changes above `after` (the push cursor), at most `max_bytes`
  // (0: the protocol's 1 MiB) and 10,000 of them, as a push body ready to
  // POST — {"protocol":1,"device","clock","changes":[...]} — with two
  // more members the server ignores: "last_seq" (acknowledge it after a
  // 200) and "more".
  std::string ChangesAfter(double after, double max_bytes);
  // Applies a pull answer ({"protocol":1,"changes","cursor","more"}) and
  // saves its cursor, in one transaction. -> {"applied":N,"cursor":C}
  // The answer is text or its UTF-8 bytes (a Uint8Array; BodyText).
  std::string ApplyRemote(const emscripten::val& page_json);
  // Applies a repair answer ({"changes":[...]}, POST /api/sync/cells);
  // no cursor moves. -> {"applied":N}
  std::string ApplyCells(const std::string& cells_json);
  // -> {"server","email","role","token","push_cursor","pull_cursor",
  //     "last_sync_ms","pending","device_id"}; pending (and pending_records)
  //     only when signed in, else null (and 0)
  std::string SyncState();
  // -> {"ok":true}; another server or email restarts both cursors.
  std::string SetSyncAccount(const std::string& server,
                             const std::string& email, const std::string& role,
                             const std::string& token);
  std::string ClearSyncToken();
  // After a 200 to a push whose "last_seq" was `seq`. -> {"ok":true}
  std::string AcknowledgePush(double seq);
  // After a complete round (now). -> {"ok":true}
  std::string RecordSyncTime();
  // -> {"protocol":1,"cells":N,"buckets":[256 x 16 hex]}
  std::string Fingerprint();
  // This journal's cells of the given buckets ("[3, 17]") as a push body
  // (repair: push your own cells of differing buckets).
  std::string CellsInBuckets(const std::string& buckets_json);
  // After 409 device-restored. -> {"device_id":"<16 hex>"}
  std::string RenewDeviceId();

  // --- The sync round (wasm/sync_api.cc): the core's SyncRound decides
  // every request; the host performs it and hands back the answer.
  //   next = syncBegin('{"verify":true}')      // "" for the defaults
  //   while (next.request) next = syncHandle(status, bytes or text)
  // Each step answers one of
  //   {"request":{"method","path","body","token"}}  (send it, token as
  //       "Authorization: Bearer"; body "" for a GET)
  //   {"done":true,"report":{"pushed","pulled","applied","cursor",
  //       "repaired","device_renewed"}}             (the round is over)
  //   {"error":{"code","message"}}   the server's code ("unauthorized",
  //       "too-many-attempts", "http-503", ...) or the journal's; the round
  //       is over, what it committed so far stays (resume = a new round).
  // syncBegin refuses with "not-signed-in" (no token) or "not-open", and
  // drops a round in flight; syncHandle without a round: "no-sync-round".
  // A network failure (no answer at all): syncAbort(), retry later.
  std::string SyncBegin(const std::string& options_json);
  std::string SyncHandle(double http_status, const emscripten::val& body);
  std::string SyncAbort();  // -> {"ok":true}

  // --- Routines (docs/routines.md; wasm/routines_api.cc) -----------------
  // -> {"version":"2026.1","routines":[routine objects (RoutineToJson)]}:
  // the library, then the user's live routines when a journal is open.
  std::string Routines();
  // -> one routine object (built in or custom; custom needs an open
  // journal).
  std::string GetRoutine(const std::string& id);
  // `routine_json`: {"id"?, "title", "kind", "targets", "steps"}; without
  // "id" a new routine. -> {"id":"r..."}
  std::string SaveRoutine(const std::string& routine_json);
  std::string DeleteRoutine(const std::string& id);  // -> {"ok":true}
  // {"routine_id", "at"? (ISO 8601, default now), "site"?, "pain_before"?,
  //  "pain_after"?, "duration_seconds"?, "steps_done"? (default all),
  //  "steps_total"? (default the routine's)} -> {"id"}
  std::string LogSession(const std::string& session_json);
  std::string DeleteSession(const std::string& id);  // -> {"ok":true}
  // `filter_json` as for List. -> [session objects (SessionToJson)]
  std::string Sessions(const std::string& filter_json);
  // {"routine_id", "at":"HH:MM", "days"? ("daily", "weekdays", "weekends",
  //  "mon,wed" or a 1..127 mask), "every_minutes"?, "until"?:"HH:MM",
  //  "since"?: "YYYY-MM-DD" (the local date it counts from; default today
  //  on the device's clock and zone)} -> {"id"}
  std::string AddSchedule(const std::string& schedule_json);
  std::string RemoveSchedule(const std::string& id);  // -> {"ok":true}
  // -> [{"id","routine_id","days","at","every_minutes","until","since",
  //      "description"}]
  std::string Schedules();
  // `now_json`: {"at"?: ISO 8601} ("" = now). -> [{"time","schedule_id",
  // "routine_id","title","due","done"}]
  std::string Today(const std::string& now_json);
  // -> AdherenceToJson's object.
  std::string Adherence(const std::string& now_json);
  // {"routine_id", "site"?} -> RoutineGateToJson's object.
  std::string Gate(const std::string& request_json);
  // {"routine_id", "longer_holds"?, "upper_end"?} -> RoutinePhasesToJson's
  // array: the routine's dose unrolled for the player.
  std::string Phases(const std::string& request_json);

  // --- Insights (docs/insights.md; wasm/insights_api.cc) ------------------
  // `options_json`: {"since"?: "YYYY-MM-DD" (default the first entry),
  // "at"?: ISO 8601 (today's date; default now)}, "" = {}.
  // -> InsightsToJson's object, the same as `unknot insights --json`.
  std::string Insights(const std::string& options_json);

  // --- Triage (docs/triage.md; wasm/triage_api.cc) ------------------------
  // `request_json`: the answers file ({"age"?, "answers": {...}, "mood"?:
  // {"phq9": [..], "gad7": [..]}}) plus "dry_run"? and "at"? (ISO 8601,
  // default now). Follow-ups of a "no" are completed, the journal's facts
  // computed, the result stored unless dry_run.
  // -> {"result": TriageResultToJson, "mood": {"phq9": MoodScoreToJson..},
  //     "id"} ("save_error" instead of "id" when storing failed: the result
  //     is still shown).
  std::string Triage(const std::string& request_json);
  // -> [{"id","at","level","result"}], newest first.
  std::string TriageHistory();
  // -> {"pauses":"all|site|none","paused_by","last_level","recheck_due",
  //     "last_check_at"}
  std::string TriagePause();

  // --- Suggestions (docs/sharing.md; wasm/suggestions_api.cc)
  // --------------------- (A share's preview is the server's: POST
  // /api/shares/preview runs the core's shared view on the synced journal the
  // therapist would read, and keeps SharedViewJson out of this module's
  // download.)
  // -> [SuggestionToJson objects], newest first: what therapists sent.
  std::string Suggestions();
  // Accepts (`accept`) or dismisses suggestion `id`; accepting a routine a
  // therapist wrote saves it among the user's own. -> the suggestion now.
  std::string AnswerSuggestion(const std::string& id, bool accept);

 private:
  std::string SyncStep();

  std::unique_ptr<Journal> journal_;
  // Declared after journal_: destroyed first, as it points into it.
  std::unique_ptr<SyncRound> round_;
};

// {"version":"2026.1",
//  "sites":[{"id","label","area","parent","view"}],
//  "qualities":[{"id","label"}],
//  "triggers":[{"id","label","group"}], "helped":[{"id","label","group"}]}
std::string VocabularyJson();

// RED_FLAGS.md's numbers for an ISO 3166-1 alpha-2 code (any case; unknown
// codes get the "other" row). -> {"emergency":"911","crisis_line":"988 ..."}
std::string EmergencyNumbersJson(const std::string& country);

// -> {"ruleset_version","questions":[{"id","kind","text","follows","form",
//     "min"?,"max"?,"integer"?}],"mood_forms":[{"id","short_id","title",
//     "stem","items","bands","offer_full_at"}],"mood_scale":[4 labels]}
std::string TriageQuestionsJson();

}  // namespace unknot::wasm

#endif  // UNKNOT_WASM_JOURNAL_API_H_
