// The sync endpoints against the real server on loopback
// (docs/sync-protocol.md): push/pull round trips, idempotent re-pushes,
// pages, isolation between users, every refusal with nothing stored,
// device-restored, pokes, and crash safety under SIGKILL.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "live_server.h"

namespace unknot::server {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using testing::LiveServer;
using testing::Summary;
using testing::WsClient;

constexpr const char *kDevice1 = "00000000000000d1";
constexpr const char *kDevice2 = "00000000000000d2";

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// "2026-11-25T01:25:24.123Z-0000-<device>"
std::string Stamp(int64_t ms, int counter, const std::string &device) {
  const time_t secs = static_cast<time_t>(ms / 1000);
  tm t{};
  gmtime_r(&secs, &t);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ-%04x-%s",
                t.tm_year + 1900, t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min,
                t.tm_sec, static_cast<int>(ms % 1000), counter, device.c_str());
  return buf;
}

// A 32-hex row id numbered `n`.
std::string Row(int n) {
  char buf[33];
  std::snprintf(buf, sizeof buf, "0192%028x", n);
  return buf;
}

// `count` changes of the stress cell of rows first..first+count-1, stamped
// `ms` with counters 0.. on `device`.
json Changes(int first, int count, int64_t ms, const std::string &device,
             int value = 4) {
  json changes = json::array();
  for (int i = 0; i < count; ++i) {
    changes.push_back(json::array(
        {Stamp(ms, i, device), "entries", Row(first + i), "stress", value}));
  }
  return changes;
}

std::string PushBody(const json &changes, const std::string &device,
                     std::string clock = "") {
  if (clock.empty())
    clock = changes.empty() ? Stamp(NowMs(), 0, device)
                            : changes.back()[0].get<std::string>();
  return json{{"protocol", 1},
              {"device", device},
              {"clock", clock},
              {"changes", changes}}
      .dump();
}

class SyncServerTest : public ::testing::Test {
 protected:
  SyncServerTest() {
    ann_ = server_.Signup("ann@example.org");
    bob_ = server_.Signup("bob@example.org");
    base_ms_ = NowMs() - 60000;
  }

  testing::HttpResponse Push(const json &changes, const std::string &token,
                             const std::string &device = kDevice1,
                             const std::string &clock = "") {
    return server_.Call("POST", "/api/sync/push",
                        PushBody(changes, device, clock), token);
  }
  json Pull(const std::string &token, int64_t after = 0) {
    auto res = server_.Call(
        "GET", "/api/sync/pull?after=" + std::to_string(after), "", token);
    EXPECT_EQ(res.status, 200) << res.body;
    return json::parse(res.body, nullptr, false);
  }
  // Every change of the user's journal, following pages.
  json PullAll(const std::string &token, int *pages = nullptr) {
    json all = json::array();
    int64_t cursor = 0;
    for (int n = 1;; ++n) {
      json page = Pull(token, cursor);
      if (!page.is_object()) return all;
      for (auto &c : page["changes"]) all.push_back(c);
      cursor = page["cursor"];
      if (pages != nullptr) *pages = n;
      if (!page["more"].get<bool>()) return all;
    }
  }

  LiveServer server_;
  std::string ann_, bob_;
  int64_t base_ms_ = 0;
};

TEST_F(SyncServerTest, PushThenPullRoundTrip) {
  const json changes = Changes(0, 3, base_ms_, kDevice1);
  auto res = Push(changes, ann_);
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(json::parse(res.body),
            (json{{"accepted", 3}, {"applied", 3}, {"seq", 3}}));
  json page = Pull(ann_);
  EXPECT_EQ(page["protocol"], 1);
  EXPECT_EQ(page["changes"], changes);
  EXPECT_EQ(page["cursor"], 3);
  EXPECT_EQ(page["more"], false);
  page = Pull(ann_, 3);
  EXPECT_EQ(page["changes"], json::array());
  EXPECT_EQ(page["cursor"], 3);
}

TEST_F(SyncServerTest, RepushingChangesNothing) {
  const json changes = Changes(0, 50, base_ms_, kDevice1);
  ASSERT_EQ(Push(changes, ann_).status, 200);
  auto res = Push(changes, ann_);
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(json::parse(res.body),
            (json{{"accepted", 50}, {"applied", 0}, {"seq", 50}}));
  // An older change of a cell loses; a newer one wins and gets a new seq.
  json older = Changes(0, 1, base_ms_ - 1000, kDevice2, 9);
  res = Push(older, ann_, kDevice2);
  EXPECT_EQ(json::parse(res.body)["applied"], 0) << res.body;
  json newer = Changes(0, 1, base_ms_ + 1000, kDevice2, 9);
  res = Push(newer, ann_, kDevice2);
  EXPECT_EQ(json::parse(res.body),
            (json{{"accepted", 1}, {"applied", 1}, {"seq", 51}}));
  json all = PullAll(ann_);
  EXPECT_EQ(all.size(), 50u);  // the server keeps each cell's winner
  EXPECT_EQ(all.back(), newer[0]);
}

TEST_F(SyncServerTest, PullsComeInPagesOfAtMostOneMebibyte) {
  // 4,000 changes of ~1 KiB each (5 pushes under the 1 MiB batch limit):
  // about 4 MiB, so several pages.
  const std::string text(1000, 'n');
  for (int batch = 0; batch < 5; ++batch) {
    json changes = json::array();
    for (int i = 0; i < 800; ++i) {
      const int n = batch * 800 + i;
      changes.push_back(json::array(
          {Stamp(base_ms_, n, kDevice1), "entries", Row(n), "note", text}));
    }
    auto res = Push(changes, ann_);
    ASSERT_EQ(res.status, 200) << res.body;
  }
  int64_t cursor = 0;
  int pages = 0;
  size_t total = 0;
  for (bool more = true; more; ++pages) {
    auto res = server_.Call(
        "GET", "/api/sync/pull?after=" + std::to_string(cursor), "", ann_);
    ASSERT_EQ(res.status, 200);
    EXPECT_LE(res.body.size(), (1u << 20) + 4096);
    json page = json::parse(res.body);
    total += page["changes"].size();
    cursor = page["cursor"];
    more = page["more"];
  }
  EXPECT_EQ(total, 4000u);
  EXPECT_GE(pages, 4);
  EXPECT_EQ(cursor, 4000);
}

TEST_F(SyncServerTest, OneUserNeverSeesAnother) {
  ASSERT_EQ(Push(Changes(0, 10, base_ms_, kDevice1), ann_).status, 200);
  EXPECT_EQ(PullAll(bob_), json::array());
  auto fp = server_.Call("GET", "/api/sync/fingerprint", "", bob_);
  ASSERT_EQ(fp.status, 200) << fp.body;
  EXPECT_EQ(json::parse(fp.body)["cells"], 0);
  fp = server_.Call("GET", "/api/sync/fingerprint", "", ann_);
  EXPECT_EQ(json::parse(fp.body)["cells"], 10);
  json all_buckets = json::array();
  for (int b = 0; b < 256; ++b) all_buckets.push_back(b);
  auto cells = server_.Call("POST", "/api/sync/cells",
                            json{{"buckets", all_buckets}}.dump(), bob_);
  ASSERT_EQ(cells.status, 200) << cells.body;
  EXPECT_EQ(json::parse(cells.body)["changes"], json::array());
  cells = server_.Call("POST", "/api/sync/cells",
                       json{{"buckets", all_buckets}}.dump(), ann_);
  EXPECT_EQ(json::parse(cells.body)["changes"].size(), 10u);
  // Without a valid token, nothing.
  for (const std::string token : {std::string(), std::string("forged")}) {
    EXPECT_EQ(Summary(server_.Call("GET", "/api/sync/pull?after=0", "", token)),
              "401 unauthorized");
    EXPECT_EQ(Summary(server_.Call("GET", "/api/sync/fingerprint", "", token)),
              "401 unauthorized");
    EXPECT_EQ(Summary(Push(Changes(20, 1, base_ms_, kDevice1), token)),
              "401 unauthorized");
  }
}

TEST_F(SyncServerTest, BadInputIsRefusedWithItsCodeAndNothingStored) {
  const std::string good_stamp = Stamp(base_ms_, 0, kDevice1);
  auto push_raw = [&](const std::string &body) {
    return Summary(server_.Call("POST", "/api/sync/push", body, ann_));
  };
  EXPECT_EQ(push_raw("{"), "400 invalid-json");
  EXPECT_EQ(push_raw(std::string(5000, '[') + std::string(5000, ']')),
            "400 invalid-json");
  EXPECT_EQ(push_raw("[]"), "400 invalid-request");
  EXPECT_EQ(push_raw(R"({"protocol":2,"device":"00000000000000d1","clock":")" +
                     good_stamp + R"(","changes":[]})"),
            "400 invalid-request");
  EXPECT_EQ(push_raw(R"({"protocol":1,"device":"00000000000000d1","clock":")" +
                     good_stamp + R"(","changes":"no"})"),
            "400 invalid-request");
  EXPECT_EQ(Summary(Push(Changes(0, 1, base_ms_, kDevice1), ann_, "nothex")),
            "400 invalid-clock");
  json bad_stamp =
      json::array({json::array({"yesterday", "entries", Row(0), "stress", 4})});
  EXPECT_EQ(Summary(Push(bad_stamp, ann_, kDevice1, good_stamp)),
            "400 invalid-clock");
  json wrong_type = json::array(
      {json::array({good_stamp, "entries", Row(0), "stress", "very"})});
  EXPECT_EQ(Summary(Push(wrong_type, ann_)), "400 invalid-change");
  json bad_row = json::array(
      {json::array({good_stamp, "entries", "not a row", "stress", 4})});
  EXPECT_EQ(Summary(Push(bad_row, ann_)), "400 invalid-change");
  // One bad change refuses the whole batch.
  json mixed = Changes(0, 5, base_ms_, kDevice1);
  mixed.push_back(wrong_type[0]);
  EXPECT_EQ(Summary(Push(mixed, ann_)), "400 invalid-change");
  // A clock (or a change) ten minutes ahead.
  const int64_t future = NowMs() + 10 * 60 * 1000;
  EXPECT_EQ(Summary(Push(Changes(0, 1, future, kDevice1), ann_)),
            "400 clock-drift");
  EXPECT_EQ(Summary(Push(Changes(0, 1, base_ms_, kDevice1), ann_, kDevice1,
                         Stamp(future, 0, kDevice1))),
            "400 clock-drift");
  // Too many changes; too many bytes (the body limit).
  EXPECT_EQ(Summary(Push(Changes(0, 10001, base_ms_, kDevice1), ann_)),
            "413 batch-too-large");
  json huge = json::array({json::array(
      {good_stamp, "entries", Row(0), "note", std::string(1200000, 'x')})});
  EXPECT_EQ(Summary(Push(huge, ann_)), "413 payload-too-large");
  EXPECT_EQ(Summary(server_.Call("GET", "/api/sync/pull", "", ann_)),
            "400 invalid-request");
  EXPECT_EQ(Summary(server_.Call("GET", "/api/sync/pull?after=-1", "", ann_)),
            "400 invalid-request");
  EXPECT_EQ(Summary(server_.Call("POST", "/api/sync/cells",
                                 R"({"buckets":[256]})", ann_)),
            "400 invalid-request");
  // Nothing was stored.
  EXPECT_EQ(PullAll(ann_), json::array());
}

TEST_F(SyncServerTest, UnknownTablesAreKept) {
  json future_table =
      json::array({json::array({Stamp(base_ms_, 0, kDevice1), "future_table",
                                Row(1), "colour", "teal"})});
  auto res = Push(future_table, ann_);
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(PullAll(ann_), future_table);
}

TEST_F(SyncServerTest, ARestoredDeviceIsToldToRenewItsId) {
  ASSERT_EQ(Push(Changes(0, 5, base_ms_, kDevice1), ann_).status, 200);
  // Same device id, a clock from before those changes: a restored backup.
  auto res = Push(Changes(10, 1, base_ms_ - 5000, kDevice1), ann_);
  EXPECT_EQ(Summary(res), "409 device-restored");
  EXPECT_EQ(PullAll(ann_).size(), 5u);
  // Another user's device with the same id is not confused with it.
  EXPECT_EQ(Push(Changes(10, 1, base_ms_ - 5000, kDevice1), bob_).status, 200);
}

TEST_F(SyncServerTest, APushPokesTheUsersOtherSockets) {
  WsClient pusher(server_.port()), other(server_.port()),
      stranger(server_.port());
  ASSERT_TRUE(pusher.ok() && other.ok() && stranger.ok());
  pusher.SendText(json{{"token", ann_}, {"device", kDevice1}}.dump());
  other.SendText(json{{"token", ann_}, {"device", kDevice2}}.dump());
  stranger.SendText(json{{"token", bob_}}.dump());
  for (WsClient *ws : {&pusher, &other, &stranger})
    ASSERT_EQ(ws->Read(5s), std::optional<std::string>(R"({"type":"ready"})"));
  ASSERT_EQ(Push(Changes(0, 3, base_ms_, kDevice1), ann_).status, 200);
  EXPECT_EQ(other.Read(5s),
            std::optional<std::string>(R"({"type":"changes","seq":3})"));
  EXPECT_FALSE(pusher.Read(300ms).has_value());
  EXPECT_FALSE(stranger.Read(300ms).has_value());
  // A push that changes nothing pokes nobody.
  ASSERT_EQ(Push(Changes(0, 3, base_ms_, kDevice1), ann_).status, 200);
  EXPECT_FALSE(other.Read(300ms).has_value());
}

// SIGKILL during a stream of pushes; after a restart the client retries
// what was not acknowledged: every acknowledged change is there, nothing
// is duplicated.
TEST_F(SyncServerTest, AcknowledgedPushesSurviveSigkill) {
  constexpr int kBatches = 400, kPerBatch = 100;
  std::atomic<int> acked{0};
  std::atomic<bool> stop{false};
  std::thread client([&] {
    for (int b = 0; b < kBatches && !stop; ++b) {
      auto res =
          Push(Changes(b * kPerBatch, kPerBatch, base_ms_, kDevice1), ann_);
      if (res.status != 200) return;  // killed: this batch is unacknowledged
      acked = b + 1;
    }
  });
  while (acked < 20) std::this_thread::sleep_for(5ms);
  server_.Kill();
  stop = true;
  client.join();
  const int acknowledged = acked;
  ASSERT_LT(acknowledged, kBatches) << "the kill came after the last push";
  server_.Start();
  // Everything acknowledged survived.
  json all = PullAll(ann_);
  EXPECT_GE(all.size(), static_cast<size_t>(acknowledged * kPerBatch));
  // Retry from the first unacknowledged batch, then finish.
  for (int b = acknowledged; b < kBatches; ++b) {
    auto res =
        Push(Changes(b * kPerBatch, kPerBatch, base_ms_, kDevice1), ann_);
    ASSERT_EQ(res.status, 200) << res.body;
  }
  all = PullAll(ann_);
  std::set<std::string> rows;
  for (const json &c : all) rows.insert(c[2].get<std::string>());
  EXPECT_EQ(all.size(), static_cast<size_t>(kBatches * kPerBatch));
  EXPECT_EQ(rows.size(), static_cast<size_t>(kBatches * kPerBatch));
  auto fp = server_.Call("GET", "/api/sync/fingerprint", "", ann_);
  EXPECT_EQ(json::parse(fp.body)["cells"], kBatches * kPerBatch);
  // Seqs are dense: no change was numbered twice.
  EXPECT_EQ(Pull(ann_, kBatches * kPerBatch - 1)["changes"].size(), 1u);
}

}  // namespace
}  // namespace unknot::server
