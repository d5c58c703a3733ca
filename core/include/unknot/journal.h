// Journal: a person's pain journal in one SQLite file.
//
// Design note. Every mutation is written as cell changes — (HLC stamp, table,
// row id, column, value), the stamp carrying the device id — and the journal
// tables are the result of applying those changes with per-cell
// last-writer-wins. Local edits and (later) changes from other devices take
// the same path, so the local journal is always the merge of the changes it
// has seen. Rows are never removed: deletion is a `deleted` cell. Multi-valued
// fields (sites, qualities, triggers, ...) are child rows with deterministic
// ids, so two devices adding different sites both keep theirs and two devices
// adding the same one land on one row.
//
// Thread safety: a Journal is not thread-safe; use one per thread or guard it.
#ifndef UNKNOT_JOURNAL_H_
#define UNKNOT_JOURNAL_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/env.h"
#include "unknot/journal_entry.h"
#include "unknot/routines.h"
#include "unknot/status.h"
#include "unknot/suggestions.h"
#include "unknot/sync.h"

namespace unknot {

struct TriageResult;  // unknot/triage.h

struct JournalOptions {
  // A file path, or ":memory:". The parent folder must exist.
  std::string path;
  // SQLite's page cache, in KiB. A journal's keys are random, so writes
  // touch pages all over the file: the cache decides how many of them stay
  // in memory. Allocated as needed, up to this size.
  int cache_kib = 32 * 1024;
  // The page size of a new file (an existing one keeps its own). 16 KiB
  // suits a device: batch logging and imports split fewer pages. A server
  // journal takes small pushes one commit each, and every commit writes the
  // pages it touched whole: 4 KiB pages write a quarter as much.
  int page_size = 16384;
  // Only this process ever opens the file (a server's journals): SQLite
  // takes its file lock once, not at every transaction, and keeps the WAL
  // index in memory. Another process then cannot open the journal.
  bool exclusive = false;
  // Clock, randomness, time zone. nullptr: Env::Default(). Not owned; must
  // outlive the Journal.
  Env* env = nullptr;
};

struct ListFilter {
  // Local calendar dates, inclusive, compared with each entry's own local
  // date (its instant seen with its own UTC offset).
  std::optional<int64_t> since_day;  // days since 1970-01-01
  std::optional<int64_t> until_day;
  bool include_deleted = false;
  // Also read each entry's stamps (JournalEntry::stamps), as the export
  // format carries them. Costs an extra pass over the cells.
  bool with_stamps = false;
};

struct CustomTrigger {
  std::string id;  // "custom_" + slug of the label
  std::string label;
};

struct ImportStats {
  int entries = 0;        // entries in the file
  int cells_applied = 0;  // cell changes that won (0 on a repeat import)
};

class Journal {
 public:
  // Opens or creates the journal at options.path and migrates its schema.
  // Error codes: "io-error" (cannot open), "newer-schema" (made by a newer
  // Unknot), "not-a-journal".
  static Status Open(const JournalOptions& options,
                     std::unique_ptr<Journal>* journal);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  // Validates and stores a new entry (its id, deleted and stamps ignored).
  // On error nothing is stored. Sets *id to the new entry's id.
  Status Log(const JournalEntry& entry, std::string* id);

  // Logs many entries in one transaction: all or nothing.
  Status LogBatch(const std::vector<JournalEntry>& entries,
                  std::vector<std::string>* ids);

  // Applies a patch to an existing (possibly deleted) entry. The result is
  // validated as a whole; on error nothing changes.
  // Error codes: validation codes, "entry-not-found".
  Status Edit(std::string_view id, const EntryPatch& patch);

  // Deletion is recoverable: Delete sets the entry's deleted cell, Restore
  // clears it. Error code: "entry-not-found".
  Status Delete(std::string_view id);
  Status Restore(std::string_view id);

  // Error code: "entry-not-found".
  Status Get(std::string_view id, JournalEntry* entry);

  // Entries sorted by instant (then id).
  Status List(const ListFilter& filter, std::vector<JournalEntry>* entries);

  // The UTC offset (minutes) of the latest entry not deleted: where the
  // user last logged from, for a host that has no zone of theirs (the
  // server reading "today" for a share). `fallback` when there is none.
  Status LatestOffsetMinutes(int fallback, int* offset_minutes);

  // The entries `filter` selects as a JSON array in the export format,
  // stamps included (`filter.with_stamps` is implied): what
  // `EntriesToJson(List(...))` gives, written without building entries'
  // stamp maps (several times faster on a large journal).
  Status ListJson(const ListFilter& filter, std::string* json);

  // Resolves a full id or a unique prefix of at least 4 characters.
  // Error codes: "entry-not-found", "ambiguous-id".
  Status ResolveId(std::string_view prefix, std::string* id);

  // The user's own triggers. Adding a label that exists returns its id.
  // Error codes: "invalid-label".
  Status AddCustomTrigger(std::string_view label, std::string* id);
  Status ListCustomTriggers(std::vector<CustomTrigger>* triggers);

  // The export of docs/export-format.md (every entry, deleted included, with
  // the stamps of its fields) and the CSV of the same document.
  Status ExportJson(std::string* json);
  Status ExportCsv(std::string* csv);

  // Applies an export: every field through last-writer-wins on its stamp,
  // so a newer local edit is never overwritten and importing the same file
  // twice changes nothing. All or nothing.
  // Error codes: "invalid-json", "unsupported-format", validation codes,
  // "invalid-clock", "clock-drift".
  Status ImportJson(std::string_view json, ImportStats* stats);

  // Stores a red-flag check result (unknot/triage.h) as a new row of
  // `triage_results` — when (now), its level, ruleset version and its JSON —
  // written as cell changes, so it syncs like entries. Sets *id to the new
  // row's id. On error nothing is stored.
  Status RecordTriage(const TriageResult& result, std::string* id);

  // The stored checks (live rows), newest first; `result_json` is the
  // stored TriageResultToJson text, as it came (possibly from a newer
  // version).
  struct StoredTriageResult {
    std::string id;
    int64_t at_ms = 0;
    std::string level;
    std::string result_json;
  };
  Status ListTriage(std::vector<StoredTriageResult>* results);

  // What the newest stored check pauses, for a host to show before any
  // self-care: a pause lasts until the next check, which is what "I've been
  // seen" runs (RED_FLAGS.md; the same reading as CheckRoutineGate).
  struct TriagePauseState {
    std::string pauses = "none";         // the widest: "all", "site" or "none"
    std::vector<std::string> paused_by;  // rule ids with a pause
    std::optional<int64_t> last_check_ms;
    std::string last_level;  // "" when never checked
    // No check yet, or the newest is more than kRecheckAfterDays old.
    bool recheck_due = true;
  };
  Status GetTriagePause(int64_t now_ms, TriagePauseState* state);

  // --- Sync (unknot/sync.h, docs/sync-protocol.md) -------------------------

  // Changes whose local sequence number is above `after`, in sequence
  // order, at most `max_bytes` encoded (EncodedChangeSize) and
  // kMaxSyncBatchChanges, but always at least one if any. Changes received
  // in device mode (seq 0) are never listed. A device pushes ChangesAfter(push
  // cursor); the server answers a pull with ChangesAfter(the device's pull
  // cursor).
  Status ChangesAfter(int64_t after, size_t max_bytes, ChangeBatch* batch);

  struct RemoteApplyOptions {
    // Server mode: every change that wins gets this journal's next sequence
    // number, so other devices pull it. Device mode (false): changes from
    // the server get none — they are not this device's to push.
    bool assign_seq = false;
    // Device mode: the pull cursor to save in the same transaction.
    std::optional<int64_t> pull_cursor;
    // Server mode: the pushing device and the highest stamp of its own
    // changes in the batch, kept (if higher) in the same transaction, so
    // a restored copy of a device is caught (DeviceMaxStamp).
    std::string device;
    std::string device_max_stamp;
  };
  struct RemoteApplyStats {
    int applied = 0;       // changes that won
    int64_t last_seq = 0;  // server mode: the journal's highest seq after
  };
  // Applies changes from elsewhere with per-cell last-writer-wins, in one
  // transaction with the clock and the cursor: all or nothing. The
  // in-memory clock moves past the stamps only after the commit. Applying a
  // change twice, or an older one, changes nothing.
  // Error codes: "invalid-change", "invalid-clock", "clock-drift" (server
  // mode only: a stamp more than kMaxClockDriftMs ahead of this journal's
  // wall clock; a device takes what the server accepted, see
  // docs/sync-protocol.md), "invalid-cursor" (a negative pull cursor).
  Status ApplyRemote(const std::vector<CellChange>& changes,
                     const RemoteApplyOptions& options,
                     RemoteApplyStats* stats);
  // Server mode: the highest stamp of its own that `device` has pushed into
  // this journal ("" if none).
  Status DeviceMaxStamp(std::string_view device, std::string* stamp);

  // The highest local sequence number (0 for an empty journal).
  Status HeadSeq(int64_t* seq);

  // Device side: what this journal knows of its sync account and progress,
  // stored in the journal itself (meta).
  struct SyncState {
    std::string server;  // base URL, "" when never signed in
    std::string email;
    std::string role;          // "patient" or "therapist"
    std::string token;         // the session token ("" when signed out)
    int64_t push_cursor = 0;   // local seq acknowledged by the server
    int64_t pull_cursor = 0;   // server seq applied here
    int64_t last_sync_ms = 0;  // 0 when never
    int64_t pending = 0;       // local changes not yet acknowledged
  };
  // Without `count_pending`, `pending` is left 0: counting reads every row
  // changed since the push cursor (the whole journal before a first sync).
  Status GetSyncState(SyncState* state, bool count_pending = true);
  // The pending changes (`pending` of GetSyncState) and how many things
  // they touch, as a person counts them: an entry with its sites and tags
  // is one, a session one, a routine one. One read of every row changed
  // since the push cursor (a journal never synced: all of them): ask when
  // it is shown, not on every save of a signed-out device. Either pointer
  // may be null.
  Status CountPending(int64_t* changes, int64_t* records);
  Status PendingRecords(int64_t* records) {
    return CountPending(nullptr, records);
  }
  // Signs in: a different server or email resets both cursors (everything
  // is pushed to the new account — changes pulled from the old one get
  // sequence numbers for it — and its journal pulled from the start).
  // Error code: "invalid-account" (no server or email; role not "patient"
  // or "therapist").
  Status SetSyncAccount(std::string_view server, std::string_view email,
                        std::string_view role, std::string_view token);
  // Signs out: forgets the token, keeps server, email and cursors.
  Status ClearSyncToken();
  // After the server acknowledged a push of changes up to local `seq`.
  // Never moves the cursor back. Error code: "invalid-cursor" (a seq this
  // journal never handed out).
  Status AcknowledgePush(int64_t seq);
  // After a complete sync round.
  Status RecordSyncTime(int64_t now_ms);

  // The divergence fingerprint over every stored cell, and the stored
  // winning changes of the cells in the given buckets (for repair).
  // Error code: "invalid-request" (a bucket >= kFingerprintBuckets).
  Status Fingerprint(StateFingerprint* fp);
  Status CellsInBuckets(const std::vector<size_t>& buckets,
                        std::vector<CellChange>* changes);

  // Gives this journal a new device id — for a restored copy of a database,
  // which must never stamp changes with the id its original still uses.
  // Local changes not yet pushed are re-stamped with the new id.
  Status RenewDeviceId();

  // The clock's last stamp (Hlc text), sent with pushes.
  std::string ClockText() const;

  // This device's id (16 hex chars), made when the journal was created.
  const std::string& device_id() const;

  // The schema version of the open file (after migration).
  static int CurrentSchemaVersion();

  // --- Routines (unknot/routines.h, docs/routines.md) ----------------------

  // Stores a routine of the user's own: a new one when routine.id is empty
  // (*id is set to its new id, "r" + 32 hex), else replaces every field of
  // that custom routine (and restores it if deleted). Built-in routines
  // cannot be edited. On error nothing changes.
  // Error codes: ValidateRoutine's, "routine-not-found", "read-only-routine".
  Status SaveRoutine(const Routine& routine, std::string* id);
  // Deletion of a custom routine is recoverable (a deleted cell); its
  // sessions and schedules stay. Error codes: "routine-not-found",
  // "read-only-routine".
  Status DeleteRoutine(std::string_view id);
  // A built-in routine or a custom one (deleted included, marked).
  // Error code: "routine-not-found".
  Status GetRoutine(std::string_view id, Routine* routine);
  // The library, then the user's live routines (by title, id).
  Status ListRoutines(std::vector<Routine>* routines);

  // Logs a completed session of a built-in or live custom routine. A
  // steps_total of 0 means the routine's step count; *id is the new id.
  // Error codes: ValidateSession's, "routine-not-found".
  Status LogSession(const Session& session, std::string* id);
  // Error code: "session-not-found".
  Status DeleteSession(std::string_view id);
  // Sessions sorted by instant (then id); `filter`'s since/until compare
  // each session's own local date; with_stamps is ignored.
  Status ListSessions(const ListFilter& filter, std::vector<Session>* sessions);

  // Adds a schedule (its id derived from it; adding one that exists revives
  // it and keeps its since_day when live). since_day 0 means today.
  // Error codes: "invalid-schedule", "routine-not-found".
  Status AddSchedule(const Schedule& schedule, std::string* id);
  // Error code: "schedule-not-found".
  Status RemoveSchedule(std::string_view id);
  // Live schedules, by routine then time.
  Status ListSchedules(std::vector<Schedule>* schedules);

  // The "today" list and adherence as of `now_ms` seen with
  // `offset_minutes` (hosts pass Env's now and offset, or a chosen moment).
  Status GetToday(int64_t now_ms, int offset_minutes,
                  std::vector<TodayItem>* items);
  Status GetAdherence(int64_t now_ms, int offset_minutes, Adherence* adherence);

  // The red-flag gate for starting `routine_id` (with an optional target
  // site) now, from the newest stored check. Error code:
  // "routine-not-found", "unknown-body-site".
  Status CheckRoutineGate(std::string_view routine_id,
                          const std::optional<std::string>& site,
                          RoutineGate* gate);

  // --- Suggestions (unknot/suggestions.h, docs/sharing.md) ---------------

  // Stores a therapist's suggestion as a new pending row (*id its id), with
  // its author, share id and time as given (at_ms 0: now). The server calls
  // this on a patient's journal (through AddSharedSuggestion, which checks
  // the share first); the row reaches the patient's devices by sync. A
  // comment's entry must be live. On error nothing is stored.
  // Error codes: ValidateSuggestion's, "entry-not-found".
  Status AddSuggestion(const Suggestion& suggestion, std::string* id);
  // Live suggestions, newest first (rows this version cannot read skipped).
  Status ListSuggestions(std::vector<Suggestion>* suggestions);
  // The patient's answer: accepted or dismissed, now. Accepting a routine
  // the therapist wrote also saves it as one of the patient's own routines
  // (once: its id is "r" + the suggestion's id, whichever device accepts).
  // Answering again changes the answer; a routine copy stays. Sets
  // *answered to the suggestion as it now is.
  // Error code: "suggestion-not-found".
  Status AnswerSuggestion(std::string_view id, bool accept,
                          Suggestion* answered);

  struct Rep;  // internals, core/src only

 private:
  explicit Journal(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

}  // namespace unknot

#endif  // UNKNOT_JOURNAL_H_
