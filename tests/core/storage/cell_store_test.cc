#include "storage/cell_store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "storage/schema.h"

namespace unknot {
namespace storage {
namespace {

const std::string kEntry = "0123456789abcdef0123456789abcdef";

std::string Stamp(int ms, const char* device = "00000000000000aa") {
  char buf[64];
  std::snprintf(buf, sizeof buf, "2026-01-01T00:00:00.%03dZ-0000-%s", ms,
                device);
  return buf;
}

class CellStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(SqliteDb::Open(":memory:", &db_).ok());
    ASSERT_TRUE(Migrate(db_.get()).ok());
    store_ = std::make_unique<CellStore>(db_.get());
    ASSERT_TRUE(store_->Init().ok());
  }

  bool Apply(const CellChange& c) {
    bool won = false;
    Status s = store_->Apply(c, &won);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return won;
  }

  // The entity tables as readable text, for comparing two stores.
  std::string Dump() {
    std::string out;
    for (const char* sql :
         {"SELECT id, at, note, deleted FROM entries ORDER BY id",
          "SELECT id, entry_id, site, side, intensity, deleted FROM "
          "entry_sites ORDER BY id"}) {
      Statement s;
      EXPECT_TRUE(db_->Prepare(sql, &s).ok());
      Status st;
      while (s.Step(&st)) {
        for (int i = 0; i < 6; ++i) out += s.ColumnText(i) + "|";
        out += "\n";
      }
    }
    // Every stored cell, known or not.
    std::vector<std::string> cells;
    EXPECT_TRUE(
        store_
            ->ScanCells(-1, kCellStamps | kCellValues,
                        [&](const StoredCell& c) {
                          std::string v = c.value->type == CellValue::Type::kInt
                                              ? std::to_string(c.value->i)
                                              : c.value->s;
                          cells.push_back(std::string(c.table) + "|" +
                                          std::string(c.row) + "|" +
                                          std::string(c.column) + "|" +
                                          std::string(c.hlc) + "|" + v + "|");
                        })
            .ok());
    std::sort(cells.begin(), cells.end());
    for (const std::string& c : cells) out += c + "\n";
    return out;
  }

  std::unique_ptr<SqliteDb> db_;
  std::unique_ptr<CellStore> store_;
};

TEST_F(CellStoreTest, NewerStampWinsOlderAndEqualLose) {
  EXPECT_TRUE(
      Apply({Stamp(2), "entries", kEntry, "note", CellValue::Text("b")}));
  EXPECT_FALSE(
      Apply({Stamp(1), "entries", kEntry, "note", CellValue::Text("a")}));
  EXPECT_FALSE(
      Apply({Stamp(2), "entries", kEntry, "note", CellValue::Text("b")}));
  EXPECT_TRUE(Apply({Stamp(3), "entries", kEntry, "note", CellValue::Null()}));
  EXPECT_NE(Dump().find(kEntry + "|||0|"), std::string::npos) << Dump();
}

TEST_F(CellStoreTest, ChildRowDerivesItsKeyColumnsFromItsId) {
  EXPECT_TRUE(Apply({Stamp(1), "entry_sites", kEntry + ":neck:left",
                     "intensity", CellValue::Int(6)}));
  EXPECT_NE(Dump().find(kEntry + ":neck:left|" + kEntry + "|neck|left|6|0|"),
            std::string::npos)
      << Dump();
}

TEST_F(CellStoreTest, RefusesWrongTypesAndMalformedIds) {
  bool won;
  EXPECT_EQ(store_
                ->Apply({Stamp(1), "entry_sites", kEntry + ":neck:left",
                         "intensity", CellValue::Text("x")},
                        &won)
                .code(),
            "invalid-change");
  EXPECT_EQ(
      store_
          ->Apply({Stamp(1), "entries", "nothex", "note", CellValue::Text("x")},
                  &won)
          .code(),
      "invalid-change");
  EXPECT_EQ(
      store_
          ->Apply({Stamp(1), "entries", kEntry, "deleted", CellValue::Int(2)},
                  &won)
          .code(),
      "invalid-change");
  EXPECT_EQ(Dump(), "");
}

TEST_F(CellStoreTest, UnknownColumnsAreKeptButNotWritten) {
  EXPECT_TRUE(
      Apply({Stamp(1), "entries", kEntry, "mood_v9", CellValue::Int(3)}));
  EXPECT_TRUE(Apply({Stamp(1), "future_table", "r1", "x", CellValue::Int(3)}));
  std::string dump = Dump();
  EXPECT_NE(dump.find("entries|" + kEntry + "|mood_v9|"), std::string::npos);
  EXPECT_NE(dump.find("future_table|r1|x|"), std::string::npos);
  EXPECT_EQ(dump.find(kEntry + "|||0|"), std::string::npos)
      << "no entries row for an unknown column";
}

// ApplyBatch sorts a batch by row with 8 bytes of each row id taken after
// the start all ids share: rows equal in those bytes, rows that are the
// start of another and rows of unknown tables and columns must still each
// get exactly their own newest changes — as applying one by one gives.
TEST_F(CellStoreTest, ABatchOfRowsSharingLongStartsMergesAsOneByOne) {
  const std::vector<std::string> rows = {"trigger",
                                         "trigger-1",
                                         "trigger-10",
                                         "trigger-1000000",
                                         "trigger-10000000a",
                                         "trigger-10000000b",
                                         "trigger-10000000",
                                         "trigger-20000000a",
                                         std::string("trigger-1\0", 10),
                                         "u"};
  std::vector<CellChange> changes;
  for (size_t r = 0; r < rows.size(); ++r) {
    for (int k = 0; k < 3; ++k) {
      const int ms = static_cast<int>((r * 37 + k * 101) % 997);
      const std::string label = rows[r].substr(0, 9) + "#" + std::to_string(k);
      changes.push_back({Stamp(ms), "custom_triggers", rows[r], "label",
                         CellValue::Text(label)});
      changes.push_back({Stamp(ms, "00000000000000bb"), "future_table", rows[r],
                         k % 2 ? "a" : "b", CellValue::Int(k)});
      changes.push_back({Stamp(ms + 1), "custom_triggers", rows[r],
                         k % 2 ? "deleted" : "colour_v9", CellValue::Int(1)});
    }
  }
  for (const CellChange& c : changes) Apply(c);
  const std::string one_by_one = Dump();
  std::mt19937 rng(11);
  for (int round = 0; round < 8; ++round) {
    std::shuffle(changes.begin(), changes.end(), rng);
    std::vector<PackedStamp> stamps(changes.size());
    for (size_t i = 0; i < changes.size(); ++i) {
      ASSERT_TRUE(PackStamp(changes[i].hlc, &stamps[i]).ok());
    }
    std::unique_ptr<SqliteDb> db;
    ASSERT_TRUE(SqliteDb::Open(":memory:", &db).ok());
    ASSERT_TRUE(Migrate(db.get()).ok());
    db_.swap(db);
    store_ = std::make_unique<CellStore>(db_.get());
    ASSERT_TRUE(store_->Init().ok());
    int applied = 0;
    ASSERT_TRUE(
        store_->ApplyBatch(changes, stamps, /*assign_seq=*/true, &applied)
            .ok());
    // Per cell only its newest change is stored: 10 rows x (label,
    // deleted, colour_v9, a, b).
    EXPECT_EQ(applied, 50) << "round " << round;
    EXPECT_EQ(Dump(), one_by_one) << "round " << round;
  }
}

// Order and duplicates never change the result.
TEST(CellStoreMergeTest, ShuffledAndDuplicatedDeliveryConverges) {
  std::vector<CellChange> changes;
  const char* devices[] = {"00000000000000aa", "00000000000000bb"};
  for (int i = 0; i < 60; ++i) {
    const char* col = i % 3 == 0 ? "note" : i % 3 == 1 ? "deleted" : "at";
    CellValue v = i % 3 == 0   ? CellValue::Text("n" + std::to_string(i))
                  : i % 3 == 1 ? CellValue::Int(i % 2)
                               : CellValue::Int(1000 + i);
    changes.push_back(
        {Stamp((i * 7) % 60, devices[i % 2]), "entries", kEntry, col, v});
    changes.push_back({Stamp((i * 11) % 60, devices[i % 2]), "entry_sites",
                       kEntry + ":neck:" + (i % 2 ? "left" : "right"),
                       "intensity", CellValue::Int(i % 11)});
  }
  std::string reference;
  std::mt19937 rng(7);
  for (int round = 0; round < 20; ++round) {
    std::vector<CellChange> delivery = changes;
    if (round > 0) {
      for (int d = 0; d < 30; ++d)
        delivery.push_back(changes[rng() % changes.size()]);
      std::shuffle(delivery.begin(), delivery.end(), rng);
    }
    std::unique_ptr<SqliteDb> db;
    ASSERT_TRUE(SqliteDb::Open(":memory:", &db).ok());
    ASSERT_TRUE(Migrate(db.get()).ok());
    CellStore store(db.get());
    ASSERT_TRUE(store.Init().ok());
    for (const CellChange& c : delivery) {
      bool won;
      ASSERT_TRUE(store.Apply(c, &won).ok());
    }
    std::string dump;
    Statement s;
    ASSERT_TRUE(
        db->Prepare("SELECT id, at, note, deleted FROM entries UNION ALL "
                    "SELECT id, intensity, side, deleted FROM entry_sites "
                    "ORDER BY 1",
                    &s)
            .ok());
    Status st;
    while (s.Step(&st)) {
      for (int i = 0; i < 4; ++i) dump += s.ColumnText(i) + "|";
      dump += "\n";
    }
    if (round == 0) {
      reference = dump;
      EXPECT_FALSE(reference.empty());
    } else {
      EXPECT_EQ(dump, reference) << "round " << round;
    }
  }
}

}  // namespace
}  // namespace storage
}  // namespace unknot
