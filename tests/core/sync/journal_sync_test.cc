// Journal's sync API: paging, cursors, device and server mode, all or
// nothing, the clock, account switches, device id renewal, fingerprints and
// the merge's algebra.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <set>

#include "storage/sqlite_db.h"
#include "unknot/hlc.h"
#include "unknot/journal.h"
#include "unknot/sync.h"

namespace unknot {
namespace {

const int64_t kJan1 = 1767225600000;  // 2026-01-01T00:00Z
const std::string kEntry = "0123456789abcdef0123456789abcdef";

JournalEntry Entry(int intensity, const char* note = nullptr) {
  JournalEntry e;
  e.at_ms = kJan1;
  e.sites = {{"neck", Side::kLeft, intensity}};
  if (note) e.note = note;
  return e;
}

std::string Stamp(int64_t ms, int counter, const std::string& device) {
  Hlc h{ms, static_cast<uint32_t>(counter), device};
  return h.ToString();
}

CellChange Note(int64_t ms, const std::string& device, const std::string& v,
                const std::string& row = kEntry) {
  return {Stamp(ms, 0, device), "entries", row, "note", CellValue::Text(v)};
}

std::unique_ptr<Journal> OpenJournal(const std::string& path, Env* env) {
  JournalOptions o;
  o.path = path;
  o.env = env;
  std::unique_ptr<Journal> j;
  Status s = Journal::Open(o, &j);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return j;
}

std::string TempPath(const std::string& name) {
  std::string path = ::testing::TempDir() + "/sync_" + name + ".db";
  std::remove(path.c_str());
  std::remove((path + "-wal").c_str());
  std::remove((path + "-shm").c_str());
  return path;
}

Journal::RemoteApplyOptions Server() {
  Journal::RemoteApplyOptions o;
  o.assign_seq = true;
  return o;
}

Journal::RemoteApplyOptions Device(std::optional<int64_t> cursor = {}) {
  Journal::RemoteApplyOptions o;
  o.pull_cursor = cursor;
  return o;
}

// The export without its "exported_at" line (each journal's own clock).
std::string Export(Journal* j) {
  std::string out;
  EXPECT_TRUE(j->ExportJson(&out).ok());
  size_t at = out.find("\"exported_at\"");
  if (at != std::string::npos) out.erase(at, out.find('\n', at) - at);
  return out;
}

StateFingerprint Fp(Journal* j) {
  StateFingerprint fp;
  EXPECT_TRUE(j->Fingerprint(&fp).ok());
  return fp;
}

Journal::SyncState State(Journal* j) {
  Journal::SyncState st;
  EXPECT_TRUE(j->GetSyncState(&st).ok());
  return st;
}

class JournalSyncTest : public ::testing::Test {
 protected:
  void SetUp() override {
    device_ = OpenJournal(":memory:", &env_a_);
    server_ = OpenJournal(":memory:", &env_s_);
  }
  std::string Log(Journal* j, int intensity, const char* note = nullptr) {
    std::string id;
    Status s = j->Log(Entry(intensity, note), &id);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return id;
  }
  // Pushes everything pending on `d` to the server and acknowledges it.
  void Push(Journal* d) {
    for (;;) {
      ChangeBatch b;
      ASSERT_TRUE(d->ChangesAfter(State(d).push_cursor, 4096, &b).ok());
      if (b.changes.empty()) return;
      Journal::RemoteApplyStats st;
      ASSERT_TRUE(server_->ApplyRemote(b.changes, Server(), &st).ok());
      ASSERT_TRUE(d->AcknowledgePush(b.last_seq).ok());
    }
  }
  void Pull(Journal* d) {
    for (;;) {
      ChangeBatch b;
      ASSERT_TRUE(server_->ChangesAfter(State(d).pull_cursor, 4096, &b).ok());
      Journal::RemoteApplyStats st;
      Status s = d->ApplyRemote(b.changes, Device(b.last_seq), &st);
      ASSERT_TRUE(s.ok()) << s.ToString();
      if (!b.more) return;
    }
  }

  FakeEnv env_a_{kJan1, 1};
  FakeEnv env_b_{kJan1, 2};
  FakeEnv env_s_{kJan1, 3};
  std::unique_ptr<Journal> device_, server_;
};

TEST_F(JournalSyncTest, ChangesAfterPagesInSeqOrderWithinTheSizeLimit) {
  for (int i = 0; i < 30; ++i) Log(device_.get(), i % 11, "a note");
  int64_t head = 0;
  ASSERT_TRUE(device_->HeadSeq(&head).ok());
  ASSERT_GT(head, 30);
  std::vector<CellChange> all;
  int64_t after = 0;
  int pages = 0;
  for (;;) {
    ChangeBatch b;
    ASSERT_TRUE(device_->ChangesAfter(after, 1000, &b).ok());
    size_t bytes = 0;
    for (const CellChange& c : b.changes) bytes += EncodedChangeSize(c);
    EXPECT_LE(bytes, 1000u);
    ++pages;
    all.insert(all.end(), b.changes.begin(), b.changes.end());
    if (!b.more) {
      EXPECT_EQ(b.last_seq, head);
      break;
    }
    EXPECT_GT(b.last_seq, after);
    after = b.last_seq;
  }
  EXPECT_GT(pages, 3);
  EXPECT_EQ(static_cast<int64_t>(all.size()), head);
  // Local changes come in the order they were made.
  for (size_t i = 1; i < all.size(); ++i) EXPECT_LE(all[i - 1].hlc, all[i].hlc);
  // A tiny limit still returns one row, whole; nothing after the head.
  ChangeBatch one;
  ASSERT_TRUE(device_->ChangesAfter(0, 1, &one).ok());
  ASSERT_FALSE(one.changes.empty());
  for (const CellChange& c : one.changes) {
    EXPECT_EQ(c.table + "/" + c.row,
              one.changes[0].table + "/" + one.changes[0].row);
  }
  EXPECT_TRUE(one.more);
  ChangeBatch none;
  ASSERT_TRUE(device_->ChangesAfter(head, 1 << 20, &none).ok());
  EXPECT_TRUE(none.changes.empty());
  EXPECT_FALSE(none.more);
  EXPECT_EQ(none.last_seq, head);
}

// A row edited after a page boundary keeps its older cells in the pages:
// they travel with the row (listing only cells above each page's cursor
// would lose the entry's first cells, which sit below the cut).
TEST_F(JournalSyncTest, PagesListWholeRowsSoAnEditedRowLosesNoCell) {
  std::string first = Log(device_.get(), 5, "first");
  for (int i = 0; i < 20; ++i) Log(device_.get(), i % 11);
  EntryPatch edit;
  edit.note = "edited last";
  ASSERT_TRUE(device_->Edit(first, edit).ok());
  std::set<std::string> paged;
  int64_t after = 0;
  int pages = 0;
  for (;;) {
    ChangeBatch b;
    ASSERT_TRUE(device_->ChangesAfter(after, 600, &b).ok());
    ++pages;
    for (const CellChange& c : b.changes) {
      paged.insert(c.table + "/" + c.row + "/" + c.column + "@" + c.hlc);
    }
    after = b.last_seq;
    if (!b.more) break;
  }
  EXPECT_GT(pages, 5);
  std::vector<size_t> all(kFingerprintBuckets);
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  std::vector<CellChange> stored;
  ASSERT_TRUE(device_->CellsInBuckets(all, &stored).ok());
  std::set<std::string> expected;
  for (const CellChange& c : stored) {
    expected.insert(c.table + "/" + c.row + "/" + c.column + "@" + c.hlc);
  }
  EXPECT_EQ(paged, expected);
  // Among them the first entry's time, written before every cut.
  auto at = std::find_if(
      stored.begin(), stored.end(),
      [&](const CellChange& c) { return c.row == first && c.column == "at"; });
  ASSERT_NE(at, stored.end());
  EXPECT_EQ(paged.count("entries/" + first + "/at@" + at->hlc), 1u);
}

TEST_F(JournalSyncTest, PendingFollowsThePushCursor) {
  EXPECT_EQ(State(device_.get()).pending, 0);
  Log(device_.get(), 3);
  int64_t pending = State(device_.get()).pending;
  EXPECT_GT(pending, 0);
  ChangeBatch b;
  ASSERT_TRUE(device_->ChangesAfter(0, 1 << 20, &b).ok());
  EXPECT_EQ(static_cast<int64_t>(b.changes.size()), pending);
  EXPECT_EQ(device_->AcknowledgePush(b.last_seq + 1).code(), "invalid-cursor");
  EXPECT_EQ(device_->AcknowledgePush(-1).code(), "invalid-cursor");
  ASSERT_TRUE(device_->AcknowledgePush(b.last_seq).ok());
  EXPECT_EQ(State(device_.get()).pending, 0);
  EXPECT_EQ(State(device_.get()).push_cursor, b.last_seq);
  // A late answer to an older push does not move the cursor back.
  ASSERT_TRUE(device_->AcknowledgePush(1).ok());
  EXPECT_EQ(State(device_.get()).push_cursor, b.last_seq);
  Log(device_.get(), 4);
  EXPECT_EQ(State(device_.get()).pending, pending);
}

// Pending in a person's words: an entry with its sites and tags is one
// thing to send, however many cells; an edit of it is still that one.
TEST_F(JournalSyncTest, PendingRecordsCountEntriesNotCells) {
  int64_t records = -1;
  ASSERT_TRUE(device_->PendingRecords(&records).ok());
  EXPECT_EQ(records, 0);
  JournalEntry e = Entry(6, "stiff");
  e.sites.push_back({"upper_trapezius", Side::kLeft, 4});
  e.triggers = {"stress", "long_sitting"};
  std::string id;
  ASSERT_TRUE(device_->Log(e, &id).ok());
  EXPECT_GT(State(device_.get()).pending, 5);
  ASSERT_TRUE(device_->PendingRecords(&records).ok());
  EXPECT_EQ(records, 1);
  EntryPatch p;
  p.qualities = std::vector<std::string>{"aching"};
  ASSERT_TRUE(device_->Edit(id, p).ok());
  Log(device_.get(), 3);
  ASSERT_TRUE(device_->PendingRecords(&records).ok());
  EXPECT_EQ(records, 2);
  ChangeBatch b;
  ASSERT_TRUE(device_->ChangesAfter(0, 1 << 20, &b).ok());
  ASSERT_TRUE(device_->AcknowledgePush(b.last_seq).ok());
  ASSERT_TRUE(device_->PendingRecords(&records).ok());
  EXPECT_EQ(records, 0);
}

TEST_F(JournalSyncTest, DeviceModeStoresNoSeqServerModeNumbersWinners) {
  std::string other(16, 'b');
  std::vector<CellChange> changes = {Note(kJan1, other, "x"),
                                     Note(kJan1 - 5, other, "older")};
  Journal::RemoteApplyStats st;
  ASSERT_TRUE(device_->ApplyRemote(changes, Device(7), &st).ok());
  EXPECT_EQ(st.applied, 1);
  EXPECT_EQ(State(device_.get()).pending, 0) << "not this device's to push";
  EXPECT_EQ(State(device_.get()).pull_cursor, 7);
  ChangeBatch b;
  ASSERT_TRUE(device_->ChangesAfter(0, 1 << 20, &b).ok());
  EXPECT_TRUE(b.changes.empty());

  ASSERT_TRUE(server_->ApplyRemote(changes, Server(), &st).ok());
  EXPECT_EQ(st.applied, 1);
  EXPECT_EQ(st.last_seq, 1);
  ASSERT_TRUE(server_->ApplyRemote(changes, Server(), &st).ok());
  EXPECT_EQ(st.applied, 0) << "applying twice changes nothing";
  EXPECT_EQ(st.last_seq, 1);
  std::vector<CellChange> newer = {Note(kJan1 + 1, other, "y")};
  ASSERT_TRUE(server_->ApplyRemote(newer, Server(), &st).ok());
  EXPECT_EQ(st.last_seq, 2);
  ASSERT_TRUE(server_->ChangesAfter(0, 1 << 20, &b).ok());
  ASSERT_EQ(b.changes.size(), 1u) << "the server keeps the winner only";
  EXPECT_EQ(b.changes[0].value.s, "y");
  EXPECT_EQ(b.last_seq, 2);
}

TEST_F(JournalSyncTest, ApplyRemoteIsAllOrNothing) {
  std::string other(16, 'c');
  std::string before = Export(device_.get());
  std::string clock = device_->ClockText();
  std::vector<CellChange> changes = {Note(kJan1 + 9000, other, "x")};
  changes.push_back({Stamp(kJan1, 0, other), "entries", kEntry, "stress",
                     CellValue::Text("bad")});
  Journal::RemoteApplyStats st;
  EXPECT_EQ(device_->ApplyRemote(changes, Device(5), &st).code(),
            "invalid-change");
  changes.back() = {"not a stamp", "entries", kEntry, "stress",
                    CellValue::Int(1)};
  EXPECT_EQ(device_->ApplyRemote(changes, Device(5), &st).code(),
            "invalid-clock");
  EXPECT_EQ(device_->ApplyRemote({changes[0]}, Device(-1), &st).code(),
            "invalid-cursor");
  EXPECT_EQ(Export(device_.get()), before);
  EXPECT_EQ(device_->ClockText(), clock);
  EXPECT_EQ(State(device_.get()).pull_cursor, 0);
  EXPECT_EQ(Fp(device_.get()).cells, 0u);
}

TEST_F(JournalSyncTest, ServerRefusesClockDriftDeviceAcceptsTheServersPage) {
  std::string other(16, 'd');
  int64_t ahead = kJan1 + kMaxClockDriftMs + 1;
  std::vector<CellChange> changes = {Note(kJan1, other, "ok"),
                                     Note(ahead, other, "future", "r2")};
  changes[1].row = "1123456789abcdef0123456789abcdef";
  Journal::RemoteApplyStats st;
  std::string clock = server_->ClockText();
  EXPECT_EQ(server_->ApplyRemote(changes, Server(), &st).code(), "clock-drift");
  EXPECT_EQ(server_->ClockText(), clock);
  EXPECT_EQ(Fp(server_.get()).cells, 0u);
  changes[1] = Note(kJan1 + kMaxClockDriftMs, other, "edge", changes[1].row);
  ASSERT_TRUE(server_->ApplyRemote(changes, Server(), &st).ok());
  // A device whose clock lags the server's still takes the page.
  env_a_.SetNow(kJan1 - 60000);
  ASSERT_TRUE(device_->ApplyRemote(changes, Device(2), &st).ok());
  EXPECT_EQ(st.applied, 2);
}

TEST_F(JournalSyncTest, TheClockMovesPastReceivedStampsOnlyAfterCommit) {
  std::string other(16, 'e');
  int64_t later = kJan1 + 60000;
  Journal::RemoteApplyStats st;
  ASSERT_TRUE(
      device_->ApplyRemote({Note(later, other, "remote")}, Device(1), &st)
          .ok());
  EXPECT_GT(device_->ClockText(), Stamp(later, 0, other).substr(0, 29));
  // A local edit made now (the wall clock is behind) still wins.
  std::string id = Log(device_.get(), 2, "mine");
  JournalEntry e;
  ASSERT_TRUE(device_->Get(id, &e).ok());
  EXPECT_GT(e.stamps.at("note"), Stamp(later, 0, other));
  // The clock survives a reopen.
  std::string path = TempPath("clock");
  auto j = OpenJournal(path, &env_a_);
  ASSERT_TRUE(j->ApplyRemote({Note(later, other, "r")}, Device(1), &st).ok());
  std::string clock = j->ClockText();
  j = OpenJournal(path, &env_a_);
  EXPECT_EQ(j->ClockText(), clock);
}

TEST_F(JournalSyncTest, PushPullConverges) {
  auto b = OpenJournal(":memory:", &env_b_);
  std::string id = Log(device_.get(), 5, "from a");
  Log(b.get(), 6, "from b");
  Push(device_.get());
  Push(b.get());
  Pull(device_.get());
  Pull(b.get());
  EXPECT_EQ(Export(device_.get()), Export(b.get()));
  EXPECT_TRUE(Fp(device_.get()) == Fp(server_.get()));
  EXPECT_EQ(State(device_.get()).pending, 0);
  // Concurrent edits of one entry: the later stamp wins everywhere.
  env_b_.Advance(10);
  EntryPatch pa, pb;
  pa.note = std::optional<std::string>("a's");
  pb.note = std::optional<std::string>("b's");
  ASSERT_TRUE(device_->Edit(id, pa).ok());
  ASSERT_TRUE(b->Edit(id, pb).ok());
  Push(device_.get());
  Push(b.get());
  Pull(device_.get());
  Pull(b.get());
  JournalEntry e;
  ASSERT_TRUE(device_->Get(id, &e).ok());
  EXPECT_EQ(e.note.value_or(""), "b's");
  EXPECT_EQ(Export(device_.get()), Export(b.get()));
}

TEST_F(JournalSyncTest, ANewAccountGetsEverythingAgain) {
  ASSERT_TRUE(
      device_->SetSyncAccount("https://a", "me@x", "patient", "t1").ok());
  Log(device_.get(), 5);
  std::vector<CellChange> remote = {Note(kJan1, std::string(16, 'f'), "r")};
  Journal::RemoteApplyStats st;
  ASSERT_TRUE(device_->ApplyRemote(remote, Device(9), &st).ok());
  Push(device_.get());
  auto s = State(device_.get());
  EXPECT_EQ(s.server, "https://a");
  EXPECT_EQ(s.role, "patient");
  EXPECT_EQ(s.token, "t1");
  EXPECT_EQ(s.pending, 0);
  EXPECT_EQ(s.pull_cursor, 9);
  int64_t cells = static_cast<int64_t>(Fp(device_.get()).cells);
  // Same account, new token: cursors stay.
  ASSERT_TRUE(
      device_->SetSyncAccount("https://a", "me@x", "patient", "t2").ok());
  EXPECT_EQ(State(device_.get()).pull_cursor, 9);
  ASSERT_TRUE(device_->ClearSyncToken().ok());
  EXPECT_EQ(State(device_.get()).token, "");
  EXPECT_EQ(State(device_.get()).email, "me@x");
  // Another account: every cell is pending, the pulled one included.
  ASSERT_TRUE(
      device_->SetSyncAccount("https://b", "me@x", "therapist", "t3").ok());
  s = State(device_.get());
  EXPECT_EQ(s.pull_cursor, 0);
  EXPECT_EQ(s.push_cursor, 0);
  EXPECT_EQ(s.pending, cells);
  EXPECT_EQ(device_->SetSyncAccount("", "me@x", "patient", "t").code(),
            "invalid-account");
  EXPECT_EQ(device_->SetSyncAccount("s", "me@x", "admin", "t").code(),
            "invalid-account");
  ASSERT_TRUE(device_->RecordSyncTime(kJan1 + 5).ok());
  EXPECT_EQ(State(device_.get()).last_sync_ms, kJan1 + 5);
}

TEST_F(JournalSyncTest, AnAcknowledgedSeqIsNeverReusedAfterReopen) {
  std::string path = TempPath("seq_reuse");
  auto j = OpenJournal(path, &env_a_);
  std::string id = Log(j.get(), 5, "mine");
  ChangeBatch b;
  ASSERT_TRUE(j->ChangesAfter(0, 1 << 20, &b).ok());
  ASSERT_TRUE(j->AcknowledgePush(b.last_seq).ok());
  // The newest local cell (highest seq) is overwritten from elsewhere and
  // so loses its seq; a change made after a reopen must still be pending.
  CellChange last = b.changes.back();
  last.hlc = Stamp(kJan1 + 1000, 0, std::string(16, 'a'));
  Journal::RemoteApplyStats st;
  ASSERT_TRUE(j->ApplyRemote({last}, Device(1), &st).ok());
  ASSERT_EQ(st.applied, 1);
  j = OpenJournal(path, &env_a_);
  env_a_.Advance(5000);
  EntryPatch p;
  p.note = std::optional<std::string>("after reopen");
  ASSERT_TRUE(j->Edit(id, p).ok());
  EXPECT_EQ(State(j.get()).pending, 1);
}

TEST_F(JournalSyncTest, RenewDeviceIdRestampsOnlyPendingChangesOfTheOldId) {
  Log(device_.get(), 5, "pushed");
  Push(device_.get());
  std::vector<CellChange> remote = {Note(kJan1, std::string(16, '1'), "r",
                                         "1123456789abcdef0123456789abcdef")};
  Journal::RemoteApplyStats st;
  ASSERT_TRUE(device_->ApplyRemote(remote, Server(), &st).ok());
  env_a_.Advance(1000);
  std::string id = Log(device_.get(), 7, "pending");
  std::string old_id = device_->device_id();
  std::string old_clock = device_->ClockText();
  int64_t pending = State(device_.get()).pending;
  ChangeBatch before;
  ASSERT_TRUE(
      device_->ChangesAfter(State(device_.get()).push_cursor, 1 << 20, &before)
          .ok());
  std::vector<JournalEntry> entries_before;
  ASSERT_TRUE(device_->List(ListFilter(), &entries_before).ok());

  ASSERT_TRUE(device_->RenewDeviceId().ok());
  std::string new_id = device_->device_id();
  EXPECT_NE(new_id, old_id);
  EXPECT_EQ(new_id.size(), 16u);
  EXPECT_GT(device_->ClockText().substr(0, 29), old_clock.substr(0, 29) + "")
      << "the clock keeps moving forward";
  ChangeBatch after;
  ASSERT_TRUE(
      device_->ChangesAfter(State(device_.get()).push_cursor, 1 << 20, &after)
          .ok());
  EXPECT_EQ(State(device_.get()).pending, pending);
  ASSERT_EQ(after.changes.size(), before.changes.size());
  int restamped = 0;
  for (const CellChange& c : after.changes) {
    if (c.hlc.size() == 46 && c.hlc.substr(30) == new_id) ++restamped;
    EXPECT_NE(c.hlc.substr(30), old_id);
  }
  EXPECT_GT(restamped, 0);
  // Same values: the entity tables are unchanged.
  std::vector<JournalEntry> entries_after;
  ASSERT_TRUE(device_->List(ListFilter(), &entries_after).ok());
  ASSERT_EQ(entries_after.size(), entries_before.size());
  for (size_t i = 0; i < entries_after.size(); ++i) {
    EXPECT_EQ(entries_after[i].note, entries_before[i].note);
    EXPECT_EQ(entries_after[i].sites[0].intensity,
              entries_before[i].sites[0].intensity);
  }
  // New changes use the new id; the pushed ones keep theirs.
  Log(device_.get(), 1);
  JournalEntry e;
  ASSERT_TRUE(device_->Get(id, &e).ok());
  EXPECT_EQ(e.stamps.at("note").substr(30), new_id);
}

TEST_F(JournalSyncTest, FingerprintsFindAndRepairDivergence) {
  auto b = OpenJournal(":memory:", &env_b_);
  for (int i = 0; i < 20; ++i) Log(device_.get(), i % 11, "n");
  Push(device_.get());
  Pull(b.get());
  EXPECT_TRUE(Fp(device_.get()) == Fp(b.get()));
  EXPECT_TRUE(Fp(server_.get()) == Fp(b.get()));
  EXPECT_GT(Fp(b.get()).cells, 20u);
  EXPECT_EQ(Fp(b.get()).cells, Fp(device_.get()).cells);
  // Lose a change on b behind sync's back (a lost page, say): b holds an
  // older stamp for one cell.
  ChangeBatch all;
  ASSERT_TRUE(server_->ChangesAfter(0, 1 << 20, &all).ok());
  CellChange target = all.changes[7];
  CellChange newer = target;
  newer.hlc = Stamp(kJan1 + 100000, 0, std::string(16, '9'));
  Journal::RemoteApplyStats st;
  ASSERT_TRUE(server_->ApplyRemote({newer}, Server(), &st).ok());
  EXPECT_FALSE(Fp(server_.get()) == Fp(b.get()));
  StateFingerprint fs = Fp(server_.get()), fb = Fp(b.get());
  std::vector<size_t> differ;
  for (size_t i = 0; i < kFingerprintBuckets; ++i) {
    if (fs.buckets[i] != fb.buckets[i]) differ.push_back(i);
  }
  ASSERT_EQ(differ.size(), 1u);
  EXPECT_EQ(differ[0],
            FingerprintBucket(target.table, target.row, target.column));
  std::vector<CellChange> cells;
  ASSERT_TRUE(server_->CellsInBuckets(differ, &cells).ok());
  ASSERT_FALSE(cells.empty());
  for (const CellChange& c : cells) {
    EXPECT_EQ(FingerprintBucket(c.table, c.row, c.column), differ[0]);
  }
  ASSERT_TRUE(b->ApplyRemote(cells, Device(), &st).ok());
  EXPECT_TRUE(Fp(server_.get()) == Fp(b.get()));
  EXPECT_EQ(server_->CellsInBuckets({256}, &cells).code(), "invalid-request");
}

TEST_F(JournalSyncTest, SchemaSkewUnknownCellsAreKeptRelayedAndReplayed) {
  std::string other(16, '2');
  std::vector<CellChange> future = {
      {Stamp(kJan1, 0, other), "entries", kEntry, "mood_v9", CellValue::Int(3)},
      {Stamp(kJan1, 0, other), "entries", kEntry, "note",
       CellValue::Text("known")},
      {Stamp(kJan1, 0, other), "future_table", "row-1", "x",
       CellValue::Text("y")},
  };
  Journal::RemoteApplyStats st;
  ASSERT_TRUE(server_->ApplyRemote(future, Server(), &st).ok());
  EXPECT_EQ(st.applied, 3);
  ChangeBatch b;
  ASSERT_TRUE(server_->ChangesAfter(0, 1 << 20, &b).ok());
  ASSERT_EQ(b.changes.size(), 3u) << "the server relays what it does not know";
  std::string path = TempPath("skew");
  {
    auto d = OpenJournal(path, &env_a_);
    ASSERT_TRUE(d->ApplyRemote(b.changes, Device(b.last_seq), &st).ok());
    EXPECT_EQ(st.applied, 3);
    EXPECT_EQ(Fp(d.get()), Fp(server_.get()));
  }
  // `cells` keeps what a migration that adds the column adopts
  // (CellStore::AdoptCells); the known column lives in its row.
  std::unique_ptr<storage::SqliteDb> raw;
  ASSERT_TRUE(storage::SqliteDb::Open(path, &raw).ok());
  storage::Statement q;
  ASSERT_TRUE(raw->Prepare("SELECT tbl || '.' || col || '=' || value || "
                           "'@' || seq FROM cells ORDER BY 1",
                           &q)
                  .ok());
  std::string cells;
  Status s;
  while (q.Step(&s)) cells += q.ColumnText(0) + "\n";
  EXPECT_EQ(cells, "entries.mood_v9=3@0\nfuture_table.x=y@0\n");
  // The known column is written through, the unknown one only kept.
  storage::Statement row;
  ASSERT_TRUE(raw->Prepare("SELECT note FROM entries", &row).ok());
  ASSERT_TRUE(row.Step(&s));
  EXPECT_EQ(row.ColumnText(0), "known");
  // triage_results cells that a v1 journal stored this way are written
  // through by the v2 migration: tests/core/triage/record_test.cc.
}

// Merge algebra on random change sets: the result of applying a set of
// changes does not depend on order, grouping, duplicates or repetition.
TEST(MergeAlgebraTest, CommutativeIdempotentAndIncremental) {
  std::mt19937 rng(20261125);
  const std::string devices[] = {std::string(16, 'a'), std::string(16, 'b'),
                                 std::string(16, 'c')};
  const std::string rows[] = {"0123456789abcdef0123456789abcd00",
                              "0123456789abcdef0123456789abcd01",
                              "0123456789abcdef0123456789abcd02"};
  const char* cols[] = {"note", "stress", "deleted", "at", "mood_v9"};
  for (int round = 0; round < 8; ++round) {
    std::vector<CellChange> changes;
    for (int i = 0; i < 300; ++i) {
      const char* col = cols[rng() % 5];
      CellValue v = std::string(col) == "note"
                        ? CellValue::Text("n" + std::to_string(rng() % 100))
                    : std::string(col) == "deleted"
                        ? CellValue::Int(rng() % 2)
                        : CellValue::Int(rng() % 11);
      int64_t ms = kJan1 + rng() % 50;
      if (i % 3 == 0) {
        changes.push_back(
            {Stamp(ms, rng() % 3, devices[rng() % 3]), "entry_sites",
             rows[rng() % 3] + ":neck:" + (rng() % 2 ? "left" : "right"),
             "intensity", CellValue::Int(rng() % 11)});
      } else {
        changes.push_back({Stamp(ms, rng() % 3, devices[rng() % 3]), "entries",
                           rows[rng() % 3], col, v});
      }
    }
    // Stamps are unique per change (a device never reuses one).
    std::sort(
        changes.begin(), changes.end(),
        [](const CellChange& a, const CellChange& b) { return a.hlc < b.hlc; });
    changes.erase(std::unique(changes.begin(), changes.end(),
                              [](const CellChange& a, const CellChange& b) {
                                return a.hlc == b.hlc;
                              }),
                  changes.end());
    std::shuffle(changes.begin(), changes.end(), rng);
    FakeEnv env(kJan1 + 1000, round);
    auto reference = OpenJournal(":memory:", &env);
    Journal::RemoteApplyStats st;
    ASSERT_TRUE(
        reference->ApplyRemote(changes, Journal::RemoteApplyOptions(), &st)
            .ok());
    std::string expected = Export(reference.get());
    StateFingerprint expected_fp = Fp(reference.get());
    // Idempotent: again changes nothing.
    ASSERT_TRUE(
        reference->ApplyRemote(changes, Journal::RemoteApplyOptions(), &st)
            .ok());
    EXPECT_EQ(st.applied, 0);
    EXPECT_EQ(Export(reference.get()), expected);
    for (int variant = 0; variant < 4; ++variant) {
      std::vector<CellChange> delivery = changes;
      for (int d = 0; d < 50; ++d)
        delivery.push_back(changes[rng() % changes.size()]);
      std::shuffle(delivery.begin(), delivery.end(), rng);
      auto j = OpenJournal(":memory:", &env);
      // Incremental batches of random sizes = one shot; server mode too.
      size_t at = 0;
      while (at < delivery.size()) {
        size_t n = std::min<size_t>(1 + rng() % 60, delivery.size() - at);
        std::vector<CellChange> part(delivery.begin() + at,
                                     delivery.begin() + at + n);
        Journal::RemoteApplyOptions o;
        o.assign_seq = variant % 2 == 1;
        ASSERT_TRUE(j->ApplyRemote(part, o, &st).ok());
        at += n;
      }
      EXPECT_EQ(Export(j.get()), expected) << "round " << round;
      EXPECT_TRUE(Fp(j.get()) == expected_fp);
    }
  }
}

}  // namespace
}  // namespace unknot
