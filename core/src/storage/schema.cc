#include "storage/schema.h"

#include <initializer_list>
#include <string>

#include "storage/cell_store.h"

namespace unknot {
namespace storage {

namespace {

// Version 1: the journal. Entity tables are WITHOUT ROWID: their keys are
// text ids (random 128-bit hex, or derived from the parent for child rows).
// `cells` holds, for every cell ever written, the winning change (stamp and
// value) and a local sequence number that orders changes for sync.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE meta(
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE cells(
  tbl TEXT NOT NULL,
  row TEXT NOT NULL,
  col TEXT NOT NULL,
  hlc TEXT NOT NULL,
  value,
  seq INTEGER NOT NULL,
  PRIMARY KEY(tbl, row, col)
) WITHOUT ROWID;
CREATE INDEX cells_by_seq ON cells(seq);

CREATE TABLE entries(
  id TEXT PRIMARY KEY,
  at INTEGER,
  tz_offset INTEGER,
  flare INTEGER,
  rom TEXT,
  stress INTEGER,
  sleep INTEGER,
  note TEXT,
  deleted INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX entries_by_at ON entries(at);

CREATE TABLE entry_sites(
  id TEXT PRIMARY KEY,
  entry_id TEXT NOT NULL,
  site TEXT NOT NULL,
  side TEXT NOT NULL,
  intensity INTEGER,
  deleted INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX entry_sites_by_entry ON entry_sites(entry_id);

CREATE TABLE entry_tags(
  id TEXT PRIMARY KEY,
  entry_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  text TEXT,
  deleted INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX entry_tags_by_entry ON entry_tags(entry_id);

CREATE TABLE custom_triggers(
  id TEXT PRIMARY KEY,
  label TEXT,
  deleted INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
)sql";

// Version 2: red-flag check results (docs/triage.md). `result` is the
// result's JSON, as `unknot triage --json` prints it.
constexpr const char* kSchemaV2 = R"sql(
CREATE TABLE triage_results(
  id TEXT PRIMARY KEY,
  at INTEGER,
  level TEXT,
  ruleset_version TEXT,
  result TEXT,
  deleted INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX triage_results_by_at ON triage_results(at);
)sql";

// Version 3: routines (docs/routines.md). The user's own routines keep
// their targets (comma-separated site ids) and steps (a JSON array) in one
// cell each: a routine is edited as a whole, and merging two devices' step
// lists step by step would make a routine neither of them wrote. Schedule
// ids are derived from what they are, so one schedule added on two devices
// is one row. Sessions have time-ordered ids like entries.
constexpr const char* kSchemaV3 = R"sql(
CREATE TABLE custom_routines(
  id TEXT PRIMARY KEY,
  title TEXT,
  kind TEXT,
  targets TEXT,
  steps TEXT,
  deleted INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE schedules(
  id TEXT PRIMARY KEY,
  routine_id TEXT,
  days INTEGER,
  start_minute INTEGER,
  end_minute INTEGER,
  every_minutes INTEGER,
  since_day INTEGER,
  deleted INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE sessions(
  id TEXT PRIMARY KEY,
  routine_id TEXT,
  at INTEGER,
  tz_offset INTEGER,
  steps_done INTEGER,
  steps_total INTEGER,
  duration_s INTEGER,
  site TEXT,
  pain_before INTEGER,
  pain_after INTEGER,
  deleted INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX sessions_by_at ON sessions(at);
)sql";

// Version 4: suggestions from a therapist (docs/sharing.md): a comment on an
// entry or a recommended routine, written into the patient's journal by the
// server, and the patient's answer (status, answered_at, the id of the copy
// an accepted routine became). `routine` is a routine of the therapist's as
// RoutineToJson's text.
constexpr const char* kSchemaV4 = R"sql(
CREATE TABLE suggestions(
  id TEXT PRIMARY KEY,
  kind TEXT,
  entry_id TEXT,
  text TEXT,
  routine_id TEXT,
  routine TEXT,
  author TEXT,
  share_id TEXT,
  at INTEGER,
  status TEXT,
  answered_at INTEGER,
  accepted_routine_id TEXT,
  deleted INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX suggestions_by_at ON suggestions(at);
)sql";

// Version 5: the child tables' entry_id indexes go. A child row's id starts
// with its entry's id ("<entry id>:<site>:<side>"), so its primary key
// already finds an entry's rows by range (entry_reader.cc); the indexes only
// cost a B-tree insert per child row — five per typical entry, about a
// sixth of what logging writes. No data changes.
constexpr const char* kSchemaV5 = R"sql(
DROP INDEX IF EXISTS entry_sites_by_entry;
DROP INDEX IF EXISTS entry_tags_by_entry;
)sql";

// Version 6: each row keeps its cells' stamps and seqs (row_stamps.h), and
// `cells` only what this version does not know. The cells of every v5 table
// move into their rows (Migrate: AdoptCells for every column of
// V6Adopted()).
const char* SchemaV6() {
  static const std::string* sql = [] {
    auto* out = new std::string;
    for (const char* t :
         {"entries", "entry_sites", "entry_tags", "custom_triggers",
          "triage_results", "custom_routines", "schedules", "sessions",
          "suggestions"}) {
      std::string table(t);
      *out += "ALTER TABLE " + table + " ADD COLUMN stamps BLOB;\n";
      *out += "ALTER TABLE " + table +
              " ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;\n";
      *out += "CREATE INDEX " + table + "_by_seq ON " + table + "(seq);\n";
    }
    return out;
  }();
  return sql->c_str();
}

// (table, column) pairs of a table, for Migration::replay.
std::vector<std::pair<std::string, std::string>> Columns(
    const char* table, std::initializer_list<const char*> columns) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const char* c : columns) out.emplace_back(table, c);
  return out;
}

std::vector<std::pair<std::string, std::string>> V3Replay() {
  auto out = Columns("custom_routines",
                     {"title", "kind", "targets", "steps", "deleted"});
  for (auto& p :
       Columns("schedules", {"routine_id", "days", "start_minute", "end_minute",
                             "every_minutes", "since_day", "deleted"})) {
    out.push_back(std::move(p));
  }
  for (auto& p :
       Columns("sessions", {"routine_id", "at", "tz_offset", "steps_done",
                            "steps_total", "duration_s", "site", "pain_before",
                            "pain_after", "deleted"})) {
    out.push_back(std::move(p));
  }
  return out;
}

// Every column of schema v5.
std::vector<std::pair<std::string, std::string>> V6Adopted() {
  std::vector<std::pair<std::string, std::string>> out;
  auto add = [&](std::vector<std::pair<std::string, std::string>> more) {
    for (auto& p : more) out.push_back(std::move(p));
  };
  add(Columns("entries", {"at", "tz_offset", "flare", "rom", "stress", "sleep",
                          "note", "deleted"}));
  add(Columns("entry_sites", {"intensity", "deleted"}));
  add(Columns("entry_tags", {"text", "deleted"}));
  add(Columns("custom_triggers", {"label", "deleted"}));
  add(Columns("triage_results",
              {"at", "level", "ruleset_version", "result", "deleted"}));
  add(V3Replay());
  add(Columns("suggestions",
              {"kind", "entry_id", "text", "routine_id", "routine", "author",
               "share_id", "at", "status", "answered_at", "accepted_routine_id",
               "deleted"}));
  return out;
}

// The first version whose tables keep stamps: its migrations adopt cells
// (CellStore::AdoptCells); earlier ones only replayed values.
constexpr int kFirstStampedVersion = 6;

}  // namespace

const std::vector<Migration>& Migrations() {
  // An older journal may already hold cells of a newer table received from
  // a newer device: they are written through once the table exists.
  static const std::vector<Migration>* migrations = new std::vector<Migration>{
      {1, kSchemaV1, {}},
      {2,
       kSchemaV2,
       {{"triage_results", "at"},
        {"triage_results", "level"},
        {"triage_results", "ruleset_version"},
        {"triage_results", "result"},
        {"triage_results", "deleted"}}},
      {3, kSchemaV3, V3Replay()},
      {4, kSchemaV4,
       Columns("suggestions",
               {"kind", "entry_id", "text", "routine_id", "routine", "author",
                "share_id", "at", "status", "answered_at",
                "accepted_routine_id", "deleted"})},
      {5, kSchemaV5, {}},
      {6, SchemaV6(), V6Adopted()}};
  return *migrations;
}

int CurrentSchemaVersion() { return Migrations().back().version; }

Status ReadSchemaVersion(SqliteDb* db, int* version) {
  Statement stmt;
  UNKNOT_RETURN_IF_ERROR(db->Prepare("PRAGMA user_version", &stmt));
  Status s;
  if (!stmt.Step(&s)) {
    return s.ok() ? Status::IOError("io-error", "no user_version") : s;
  }
  *version = static_cast<int>(stmt.ColumnInt(0));
  return Status::OK();
}

namespace {

// A file with tables but user_version 0 was not made by Unknot.
Status CheckEmpty(SqliteDb* db) {
  Statement stmt;
  UNKNOT_RETURN_IF_ERROR(
      db->Prepare("SELECT count(*) FROM sqlite_master", &stmt));
  Status s;
  if (stmt.Step(&s) && stmt.ColumnInt(0) > 0) {
    return Status::Corruption(
        "not-a-journal", "the file is an SQLite database but not a journal");
  }
  return s;
}

}  // namespace

Status Migrate(SqliteDb* db, int target) {
  if (target < 0) target = CurrentSchemaVersion();
  int version = 0;
  Status s = ReadSchemaVersion(db, &version);
  if (!s.ok()) {
    return Status::Corruption("not-a-journal",
                              "not an SQLite database: " + s.message());
  }
  if (version > CurrentSchemaVersion()) {
    return Status::Unsupported(
        "newer-schema",
        "this journal was made by a newer version of Unknot "
        "(schema " +
            std::to_string(version) + "); update Unknot to open it");
  }
  if (version >= target) return Status::OK();
  if (version == 0) UNKNOT_RETURN_IF_ERROR(CheckEmpty(db));

  Transaction txn(db);
  UNKNOT_RETURN_IF_ERROR(txn.Begin());
  for (const Migration& m : Migrations()) {
    if (m.version <= version || m.version > target) continue;
    UNKNOT_RETURN_IF_ERROR(db->Exec(m.sql));
    if (m.version < kFirstStampedVersion) {
      for (const auto& [table, column] : m.replay) {
        UNKNOT_RETURN_IF_ERROR(
            CellStore::ReplayColumnValues(db, table, column));
      }
    } else {
      // By table, in the order first named.
      std::vector<std::pair<std::string, std::vector<std::string>>> tables;
      for (const auto& [table, column] : m.replay) {
        if (tables.empty() || tables.back().first != table) {
          tables.push_back({table, {}});
        }
        tables.back().second.push_back(column);
      }
      for (const auto& [table, columns] : tables) {
        UNKNOT_RETURN_IF_ERROR(CellStore::AdoptCells(db, table, columns));
      }
    }
    UNKNOT_RETURN_IF_ERROR(
        db->Exec("PRAGMA user_version = " + std::to_string(m.version)));
  }
  return txn.Commit();
}

}  // namespace storage
}  // namespace unknot
