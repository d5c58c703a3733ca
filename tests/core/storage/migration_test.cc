// Every database an earlier Unknot made must open and migrate. Each schema
// version has a fixture in tests/core/data/journal_v<N>.sql: a dump of a
// journal made by that version's code. When you add a migration, add the
// fixture of the version before it here — never edit an old one.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "storage/schema.h"
#include "storage/sqlite_db.h"
#include "unknot/journal.h"
#include "unknot/sync.h"

namespace unknot {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string MakeDbFromFixture(int version) {
  std::string path =
      ::testing::TempDir() + "/migrate_v" + std::to_string(version) + ".db";
  std::remove(path.c_str());
  std::unique_ptr<storage::SqliteDb> db;
  EXPECT_TRUE(storage::SqliteDb::Open(path, &db).ok());
  std::string sql = ReadFile(std::string(UNKNOT_TEST_DATA_DIR) + "/journal_v" +
                             std::to_string(version) + ".sql");
  EXPECT_FALSE(sql.empty());
  EXPECT_TRUE(db->Exec(sql).ok());
  return path;
}

std::unique_ptr<Journal> OpenPath(const std::string& path, Env* env,
                                  Status* status) {
  std::unique_ptr<Journal> j;
  JournalOptions o;
  o.path = path;
  o.env = env;
  *status = Journal::Open(o, &j);
  return j;
}

TEST(MigrationTest, EveryEarlierVersionsFixtureOpensAndStaysReadable) {
  // Fixtures exist for every version below the current one.
  ASSERT_GE(Journal::CurrentSchemaVersion(), 6);
  for (int version = 1; version < Journal::CurrentSchemaVersion(); ++version) {
    SCOPED_TRACE("fixture of schema version " + std::to_string(version));
    std::string path = MakeDbFromFixture(version);
    FakeEnv env(1767225600000 + 86400000 * 10, 1, 60);
    Status s;
    auto journal = OpenPath(path, &env, &s);
    ASSERT_TRUE(s.ok()) << s.ToString();
    ListFilter all;
    all.include_deleted = true;
    std::vector<JournalEntry> entries;
    ASSERT_TRUE(journal->List(all, &entries).ok());
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].id, "89a9817b8a6f46b301dd50d0a6e8eb9c");
    EXPECT_EQ(entries[0].sites.size(), 1u);
    EXPECT_EQ(entries[0].sites[0].intensity, 5);
    EXPECT_EQ(entries[0].note.value_or(""), "v1 fixture");
    EXPECT_EQ(entries[0].medications.size(), 1u);
    EXPECT_TRUE(entries[1].deleted);
    // The device keeps its identity and can write on.
    EXPECT_EQ(journal->device_id(), "ed8f01dbe4140b1d");
    ASSERT_TRUE(journal->Restore(entries[1].id).ok());
    std::unique_ptr<storage::SqliteDb> raw;
    ASSERT_TRUE(storage::SqliteDb::Open(path, &raw).ok());
    int v = 0;
    ASSERT_TRUE(storage::ReadSchemaVersion(raw.get(), &v).ok());
    EXPECT_EQ(v, Journal::CurrentSchemaVersion());
  }
}

TEST(MigrationTest, V2KeepsItsTriageAndWritesThroughCellsOfV3Tables) {
  std::string path = MakeDbFromFixture(2);
  FakeEnv env(1767225600000 + 86400000 * 10, 1, 60);
  Status s;
  auto journal = OpenPath(path, &env, &s);
  ASSERT_TRUE(s.ok()) << s.ToString();
  // The stored check still gates routines (it paused nothing).
  RoutineGate gate;
  ASSERT_TRUE(
      journal->CheckRoutineGate("deep_breathing", std::nullopt, &gate).ok());
  EXPECT_EQ(gate.reason, "ok");
  EXPECT_TRUE(gate.recheck_due);
  journal.reset();
  // The session cell a newer device sent before the upgrade is written
  // through into the new table (an incomplete row, so not yet listed).
  std::unique_ptr<storage::SqliteDb> raw;
  ASSERT_TRUE(storage::SqliteDb::Open(path, &raw).ok());
  storage::Statement stmt;
  ASSERT_TRUE(raw->Prepare("SELECT id, routine_id FROM sessions", &stmt).ok());
  ASSERT_TRUE(stmt.Step(&s));
  EXPECT_EQ(stmt.ColumnText(0), "019b76d8f80000000000000000000002");
  EXPECT_EQ(stmt.ColumnText(1), "deep_breathing");
}

TEST(MigrationTest, V3KeepsItsRoutinesAndWritesThroughASuggestionReceived) {
  std::string path = MakeDbFromFixture(3);
  FakeEnv env(1767225600000 + 86400000 * 10, 1, 60);
  Status s;
  auto journal = OpenPath(path, &env, &s);
  ASSERT_TRUE(s.ok()) << s.ToString();
  std::vector<Routine> routines;
  ASSERT_TRUE(journal->ListRoutines(&routines).ok());
  EXPECT_EQ(routines.back().title, "v3 fixture routine");
  std::vector<Schedule> schedules;
  ASSERT_TRUE(journal->ListSchedules(&schedules).ok());
  EXPECT_EQ(schedules.size(), 1u);
  std::vector<Session> sessions;
  ASSERT_TRUE(journal->ListSessions(ListFilter(), &sessions).ok());
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_EQ(sessions[0].pain_after.value_or(-1), 4);
  // The therapist's comment a newer device passed on before the upgrade is
  // a suggestion now, and can be answered.
  std::vector<Suggestion> suggestions;
  ASSERT_TRUE(journal->ListSuggestions(&suggestions).ok());
  ASSERT_EQ(suggestions.size(), 1u);
  EXPECT_EQ(suggestions[0].text, "Try the doorway stretch");
  EXPECT_EQ(suggestions[0].entry_id, "89a9817b8a6f46b301dd50d0a6e8eb9c");
  Suggestion answered;
  EXPECT_TRUE(
      journal->AnswerSuggestion(suggestions[0].id, true, &answered).ok());
}

// v6 moves every known cell's stamp and seq into its row: the journal's
// state (fingerprint), what it would push and its next seq are unchanged.
TEST(MigrationTest, V5CellsMoveIntoTheirRowsAndTheStateIsUnchanged) {
  std::string path = MakeDbFromFixture(5);
  StateFingerprint before;
  std::multiset<std::string> pushed_before;
  {
    std::unique_ptr<storage::SqliteDb> raw;
    ASSERT_TRUE(storage::SqliteDb::Open(path, &raw).ok());
    storage::Statement q;
    ASSERT_TRUE(
        raw->Prepare("SELECT tbl, row, col, hlc, seq FROM cells", &q).ok());
    Status s;
    while (q.Step(&s)) {
      std::string_view t = q.ColumnView(0), r = q.ColumnView(1),
                       c = q.ColumnView(2), h = q.ColumnView(3);
      before.buckets[FingerprintBucket(t, r, c)] ^= FingerprintHash(t, r, c, h);
      ++before.cells;
      if (q.ColumnInt(4) > 0) {
        pushed_before.insert(std::string(t) + "/" + std::string(r) + "/" +
                             std::string(c) + "@" + std::string(h));
      }
    }
    ASSERT_TRUE(s.ok());
  }
  FakeEnv env(1767225600000 + 86400000 * 10, 1, 60);
  Status s;
  auto journal = OpenPath(path, &env, &s);
  ASSERT_TRUE(s.ok()) << s.ToString();
  StateFingerprint after;
  ASSERT_TRUE(journal->Fingerprint(&after).ok());
  EXPECT_EQ(after.cells, before.cells);
  EXPECT_TRUE(after == before);
  // A first push lists the same changes (every row once, whole).
  ChangeBatch batch;
  ASSERT_TRUE(journal->ChangesAfter(0, 1 << 20, &batch).ok());
  std::multiset<std::string> pushed_after;
  for (const CellChange& c : batch.changes) {
    pushed_after.insert(c.table + "/" + c.row + "/" + c.column + "@" + c.hlc);
  }
  EXPECT_EQ(pushed_after, pushed_before);
  EXPECT_FALSE(batch.more);
  int64_t head = 0;
  ASSERT_TRUE(journal->HeadSeq(&head).ok());
  EXPECT_EQ(head, 75);
  // Only what this version does not know stays in `cells`.
  journal.reset();
  std::unique_ptr<storage::SqliteDb> raw;
  ASSERT_TRUE(storage::SqliteDb::Open(path, &raw).ok());
  storage::Statement q;
  ASSERT_TRUE(
      raw->Prepare("SELECT tbl || '.' || col FROM cells ORDER BY 1", &q).ok());
  std::string kept;
  while (q.Step(&s)) kept += q.ColumnText(0) + " ";
  EXPECT_EQ(kept, "entries.mood_v9 future_table.x ");
}

TEST(MigrationTest, EachMigrationStepAppliesOnTopOfTheLast) {
  for (const storage::Migration& m : storage::Migrations()) {
    std::unique_ptr<storage::SqliteDb> db;
    ASSERT_TRUE(storage::SqliteDb::Open(":memory:", &db).ok());
    ASSERT_TRUE(storage::Migrate(db.get(), m.version).ok());
    ASSERT_TRUE(storage::Migrate(db.get()).ok()) << "from " << m.version;
    int v = 0;
    ASSERT_TRUE(storage::ReadSchemaVersion(db.get(), &v).ok());
    EXPECT_EQ(v, storage::CurrentSchemaVersion());
  }
}

TEST(MigrationTest, RefusesNewerSchemaAndForeignDatabases) {
  std::string path = ::testing::TempDir() + "/newer.db";
  std::remove(path.c_str());
  {
    std::unique_ptr<storage::SqliteDb> db;
    ASSERT_TRUE(storage::SqliteDb::Open(path, &db).ok());
    ASSERT_TRUE(db->Exec("PRAGMA user_version = 999").ok());
  }
  Status s;
  OpenPath(path, nullptr, &s);
  EXPECT_EQ(s.code(), "newer-schema");

  std::string foreign = ::testing::TempDir() + "/foreign.db";
  std::remove(foreign.c_str());
  {
    std::unique_ptr<storage::SqliteDb> db;
    ASSERT_TRUE(storage::SqliteDb::Open(foreign, &db).ok());
    ASSERT_TRUE(db->Exec("CREATE TABLE recipes(x)").ok());
  }
  OpenPath(foreign, nullptr, &s);
  EXPECT_EQ(s.code(), "not-a-journal");

  std::string text = ::testing::TempDir() + "/text.db";
  std::ofstream(text) << "this is not a database at all, just some text......."
                         "..............................................";
  OpenPath(text, nullptr, &s);
  EXPECT_EQ(s.code(), "not-a-journal");
}

}  // namespace
}  // namespace unknot
