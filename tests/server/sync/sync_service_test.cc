// SyncService's device-restored check (docs/sync-protocol.md): each
// device's highest pushed stamp is kept in the user's journal, in the
// push's own transaction; a stamp an older server kept in accounts.db
// still counts.
#include "sync/sync_service.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "api_fixture.h"
#include "unknot/hlc.h"

namespace unknot::server {
namespace {

constexpr char kDevice[] = "00000000000000d1";
constexpr char kOld[] = "00000000000000d2";

class SyncServiceTest : public testing::ApiFixture {
 protected:
  SyncServiceTest() {
    EXPECT_TRUE(accounts_->Authenticate(Signup(), &ann_).ok());
  }

  // A push of one change by `device`, its clock at `ms`.
  PushRequest At(const char* device, int64_t ms, int row) {
    Hlc stamp;
    stamp.millis = ms;
    stamp.device = device;
    PushRequest push;
    push.device = device;
    push.clock = stamp.ToString();
    CellChange c;
    c.hlc = push.clock;
    c.table = "entries";
    c.row = "0193" + std::string(27, '0') + std::to_string(row);
    c.column = "stress";
    c.value = CellValue::Int(row);
    push.changes = {c};
    return push;
  }

  Principal ann_;
};

TEST_F(SyncServiceTest, TheJournalKeepsEachDevicesHighestStamp) {
  const int64_t t = env_.NowMillis();
  PushResult result;
  ASSERT_TRUE(
      sync_->Push(ann_.user_id, At(kDevice, t - 1000, 1), &result).ok());
  ASSERT_TRUE(sync_->Push(ann_.user_id, At(kDevice, t, 2), &result).ok());
  std::string seen;
  ASSERT_TRUE(
      sync_
          ->Read(ann_.user_id,
                 [&](Journal* j) { return j->DeviceMaxStamp(kDevice, &seen); })
          .ok());
  EXPECT_EQ(seen, At(kDevice, t, 2).clock);
  // A copy restored from before: refused, nothing stored.
  EXPECT_EQ(sync_->Push(ann_.user_id, At(kDevice, t - 500, 3), &result).code(),
            "device-restored");
}

TEST_F(SyncServiceTest, AStampAnOlderServerKeptStillCounts) {
  const int64_t t = env_.NowMillis();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_.path() / "a.db").string().c_str(), &db),
            SQLITE_OK);
  const std::string sql =
      "INSERT INTO device_stamps(user_id, device, max_stamp) VALUES ('" +
      ann_.user_id + "', '" + kOld + "', '" + At(kOld, t, 1).clock + "')";
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  PushResult result;
  EXPECT_EQ(sync_->Push(ann_.user_id, At(kOld, t - 500, 2), &result).code(),
            "device-restored");
  EXPECT_TRUE(sync_->Push(ann_.user_id, At(kOld, t + 500, 3), &result).ok());
}

}  // namespace
}  // namespace unknot::server
