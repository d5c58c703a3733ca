// Journal::RecordTriage and schema v2: results are stored as cells in
// `triage_results`, and a v1 journal holding triage cells from a newer device
// writes them through when it migrates.
#include <cstdio>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

#include "core/triage/triage_test_util.h"
#include "storage/cell_store.h"
#include "storage/schema.h"
#include "storage/sqlite_db.h"
#include "unknot/journal.h"
#include "unknot/triage.h"

namespace unknot {
namespace {

std::unique_ptr<Journal> OpenAt(const std::string& path, Env* env) {
  JournalOptions options;
  options.path = path;
  options.env = env;
  std::unique_ptr<Journal> journal;
  Status s = Journal::Open(options, &journal);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return journal;
}

// "id|at|level|version|result|deleted" per row, by id.
std::string Rows(const std::string& path) {
  std::unique_ptr<storage::SqliteDb> db;
  EXPECT_TRUE(storage::SqliteDb::Open(path, &db).ok());
  storage::Statement stmt;
  EXPECT_TRUE(db->Prepare("SELECT id, at, level, ruleset_version, result, "
                          "deleted FROM triage_results ORDER BY id",
                          &stmt)
                  .ok());
  std::string out;
  Status s;
  while (stmt.Step(&s)) {
    out += stmt.ColumnText(0) + "|" + std::to_string(stmt.ColumnInt(1)) + "|" +
           stmt.ColumnText(2) + "|" + stmt.ColumnText(3) + "|" +
           stmt.ColumnText(4) + "|" + std::to_string(stmt.ColumnInt(5)) + "\n";
  }
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out;
}

TEST(TriageRecordTest, StoresTheResultAsCells) {
  std::string path = ::testing::TempDir() + "/triage_record.db";
  std::remove(path.c_str());
  FakeEnv env;
  auto journal = OpenAt(path, &env);
  ASSERT_NE(journal, nullptr);
  EXPECT_GE(Journal::CurrentSchemaVersion(), 2);  // triage_results since v2
  TriageResult result = triage_test::Answers()
                            .AllNo()
                            .Yes("leg_swollen_one_side")
                            .Num("phq9_total", 1)
                            .Num("gad7_total", 1)
                            .Run();
  std::string id;
  ASSERT_TRUE(journal->RecordTriage(result, &id).ok());
  EXPECT_EQ(id.size(), 32u);
  journal.reset();
  EXPECT_EQ(Rows(path), id + "|" + std::to_string(env.NowMillis()) +
                            "|urgent|2026.1|" + TriageResultToJson(result) +
                            "|0\n");
  std::unique_ptr<storage::SqliteDb> db;
  ASSERT_TRUE(storage::SqliteDb::Open(path, &db).ok());
  storage::CellStore store(db.get());
  ASSERT_TRUE(store.Init().ok());
  std::set<std::string> columns;
  ASSERT_TRUE(store
                  .ScanCells(-1, 0,
                             [&](const storage::StoredCell& c) {
                               if (c.table == "triage_results") {
                                 columns.insert(std::string(c.column));
                               }
                             })
                  .ok());
  EXPECT_EQ(columns, (std::set<std::string>{"at", "deleted", "level", "result",
                                            "ruleset_version"}));
}

TEST(TriageRecordTest, V1JournalReplaysTriageCellsFromANewerDevice) {
  std::string path = ::testing::TempDir() + "/triage_v1.db";
  std::remove(path.c_str());
  {
    std::unique_ptr<storage::SqliteDb> db;
    ASSERT_TRUE(storage::SqliteDb::Open(path, &db).ok());
    std::ifstream in(std::string(UNKNOT_TEST_DATA_DIR) + "/journal_v1.sql");
    std::stringstream sql;
    sql << in.rdbuf();
    ASSERT_TRUE(db->Exec(sql.str()).ok());
    // Cells a v2 device sent, kept by v1 for a table it did not know.
    ASSERT_TRUE(
        db->Exec("INSERT INTO cells(tbl, row, col, hlc, value, seq) VALUES "
                 "('triage_results', 'r1', 'level', "
                 "'2026-01-02T00:00:00.000Z-0000-aaaaaaaaaaaaaaaa', 'soon', "
                 "1000), "
                 "('triage_results', 'r1', 'at', "
                 "'2026-01-02T00:00:00.000Z-0000-aaaaaaaaaaaaaaaa', 5, 1001)")
            .ok());
  }
  FakeEnv env;
  auto journal = OpenAt(path, &env);
  ASSERT_NE(journal, nullptr);
  journal.reset();
  EXPECT_EQ(Rows(path), "r1|5|soon|||0\n");
}

// "level at=ms pauses=all by=a,b due=0" of GetTriagePause.
std::string Pause(Journal* journal, int64_t now_ms) {
  Journal::TriagePauseState p;
  Status s = journal->GetTriagePause(now_ms, &p);
  if (!s.ok()) return "error " + s.code();
  std::string by;
  for (const std::string& id : p.paused_by) by += (by.empty() ? "" : ",") + id;
  return (p.last_level.empty() ? "-" : p.last_level) + " pauses=" + p.pauses +
         " by=" + (by.empty() ? "-" : by) +
         " due=" + std::to_string(p.recheck_due);
}

TEST(TriageRecordTest, HistoryNewestFirstAndThePauseOfTheNewest) {
  FakeEnv env;
  auto journal = OpenAt(":memory:", &env);
  ASSERT_NE(journal, nullptr);
  EXPECT_EQ(Pause(journal.get(), env.NowMillis()), "- pauses=none by=- due=1");
  std::string first, second, third;
  ASSERT_TRUE(
      journal
          ->RecordTriage(
              triage_test::Answers().AllNo().Yes("leg_swollen_one_side").Run(),
              &first)
          .ok());
  EXPECT_EQ(Pause(journal.get(), env.NowMillis()),
            "urgent pauses=site by=dvt due=0");
  env.Advance(60000);
  // An emergency pausing everything, beside a site pause.
  ASSERT_TRUE(journal
                  ->RecordTriage(triage_test::Answers()
                                     .AllNo()
                                     .Yes("leg_swollen_one_side")
                                     .Yes("breathless_sudden")
                                     .Run(),
                                 &second)
                  .ok());
  EXPECT_EQ(Pause(journal.get(), env.NowMillis()),
            "emergency pauses=all by=pulmonary_embolism,dvt due=0");
  // "I've been seen" re-runs the check: a clear one lifts the pause.
  env.Advance(60000);
  ASSERT_TRUE(
      journal->RecordTriage(triage_test::Answers().AllNo().Run(), &third).ok());
  EXPECT_EQ(Pause(journal.get(), env.NowMillis()),
            "self_care pauses=none by=- due=0");
  // Weekly: more than 7 days after the newest check.
  EXPECT_EQ(Pause(journal.get(), env.NowMillis() + 7 * 86400000LL),
            "self_care pauses=none by=- due=0");
  EXPECT_EQ(Pause(journal.get(), env.NowMillis() + 7 * 86400000LL + 1),
            "self_care pauses=none by=- due=1");

  std::vector<Journal::StoredTriageResult> history;
  ASSERT_TRUE(journal->ListTriage(&history).ok());
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[0].id, third);
  EXPECT_EQ(history[1].id, second);
  EXPECT_EQ(history[1].level, "emergency");
  EXPECT_EQ(history[2].id, first);
  EXPECT_EQ(history[2].at_ms, history[1].at_ms - 60000);
  EXPECT_EQ(
      history[2].result_json,
      TriageResultToJson(
          triage_test::Answers().AllNo().Yes("leg_swollen_one_side").Run()));
}

}  // namespace
}  // namespace unknot
