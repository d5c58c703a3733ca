#include "storage/row_stamps.h"

#include <gtest/gtest.h>

#include <random>

#include "storage/sqlite_db.h"

namespace unknot {
namespace storage {
namespace {

PackedStamp Pack(const std::string& text) {
  PackedStamp p;
  Status s = PackStamp(text, &p);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return p;
}

TEST(RowStampsTest, PackedStampsSortLikeStampsAndFormatBackExactly) {
  // Before 1970 (negative ms), counters and devices at both ends.
  std::vector<std::string> texts = {
      "1969-12-31T23:59:59.999Z-ffff-ffffffffffffffff",
      "1970-01-01T00:00:00.000Z-0000-0000000000000000",
      "2026-01-01T00:00:00.000Z-0000-00000000000000aa",
      "2026-01-01T00:00:00.000Z-0000-00000000000000bb",
      "2026-01-01T00:00:00.000Z-0001-00000000000000aa",
      "2026-01-01T00:00:00.001Z-0000-0000000000000000",
      "9999-12-31T23:59:59.999Z-ffff-ffffffffffffffff",
  };
  StampFormatter formatter;
  for (size_t i = 0; i < texts.size(); ++i) {
    EXPECT_EQ(formatter.Format(Pack(texts[i])), texts[i]);
    for (size_t j = 0; j < texts.size(); ++j) {
      EXPECT_EQ(Pack(texts[i]) < Pack(texts[j]), texts[i] < texts[j])
          << texts[i] << " vs " << texts[j];
    }
  }
  PackedStamp p;
  EXPECT_EQ(
      PackStamp("2026-02-30T00:00:00.000Z-0000-00000000000000aa", &p).code(),
      "invalid-clock");
}

TEST(RowStampsTest, EncodingRoundTripsAndRefusesMalformedBlobs) {
  std::vector<CellStamp> cells = {
      {0, Pack("2026-01-01T00:00:00.000Z-0000-00000000000000aa"), 0},
      {3, Pack("2026-01-02T00:00:00.000Z-0002-00000000000000bb"), 127},
      {7, Pack("2026-01-03T00:00:00.000Z-0000-00000000000000cc"),
       int64_t{1} << 40},
  };
  std::string blob;
  EncodeRowStamps(&cells, &blob);
  std::vector<CellStamp> back;
  ASSERT_TRUE(DecodeRowStamps(blob, &back));
  ASSERT_EQ(back.size(), cells.size());
  for (size_t i = 0; i < cells.size(); ++i) {
    EXPECT_EQ(back[i].column, cells[i].column);
    EXPECT_TRUE(back[i].stamp == cells[i].stamp);
    EXPECT_EQ(back[i].seq, cells[i].seq);
  }
  EXPECT_TRUE(DecodeRowStamps("", &back));
  EXPECT_TRUE(back.empty());
  // Cut short anywhere, or columns out of order: refused.
  for (size_t n = 1; n < blob.size(); ++n) {
    std::vector<CellStamp> part;
    bool ok = DecodeRowStamps(blob.substr(0, n), &part);
    EXPECT_TRUE(!ok || n == 20 || n == 40) << "cut at " << n;
  }
  std::vector<CellStamp> unordered = {cells[1], cells[0]};
  EncodeRowStamps(&unordered, &blob);
  EXPECT_FALSE(DecodeRowStamps(blob, &back));
}

TEST(RowStampsTest, MergeKeepsTheNewerStampOfEachColumn) {
  std::unique_ptr<SqliteDb> db;
  ASSERT_TRUE(SqliteDb::Open(":memory:", &db).ok());
  ASSERT_TRUE(RegisterStampFunctions(db.get()).ok());
  PackedStamp old_stamp =
      Pack("2026-01-01T00:00:00.000Z-0000-00000000000000aa");
  PackedStamp new_stamp =
      Pack("2026-01-02T00:00:00.000Z-0000-00000000000000aa");
  std::vector<CellStamp> a = {{0, old_stamp, 1}, {2, new_stamp, 2}};
  std::vector<CellStamp> b = {
      {1, old_stamp, 3}, {2, old_stamp, 4}, {4, new_stamp, 5}};
  std::string blob_a, blob_b;
  EncodeRowStamps(&a, &blob_a);
  EncodeRowStamps(&b, &blob_b);
  for (bool swap : {false, true}) {
    Statement q;
    ASSERT_TRUE(db->Prepare("SELECT unknot_merge_stamps(?1, ?2)", &q).ok());
    q.BindBlobStatic(1, swap ? blob_b : blob_a)
        .BindBlobStatic(2, swap ? blob_a : blob_b);
    Status s;
    ASSERT_TRUE(q.Step(&s));
    std::vector<CellStamp> merged;
    ASSERT_TRUE(DecodeRowStamps(q.ColumnBlob(0), &merged));
    ASSERT_EQ(merged.size(), 4u);
    EXPECT_EQ(merged[0].seq, 1);
    EXPECT_EQ(merged[1].seq, 3);
    EXPECT_EQ(merged[2].seq, 2) << "column 2: a's stamp is newer";
    EXPECT_EQ(merged[3].seq, 5);
  }
  Statement bad;
  ASSERT_TRUE(
      db->Prepare("SELECT unknot_merge_stamps(NULL, x'01')", &bad).ok());
  Status s;
  EXPECT_FALSE(bad.Step(&s));
  EXPECT_FALSE(s.ok());
}

}  // namespace
}  // namespace storage
}  // namespace unknot
