#include "unknot/journal.h"

#include <gtest/gtest.h>

#include "core/storage/cells_test_util.h"
#include "storage/cell_store.h"
#include "storage/schema.h"
#include "unknot/entry_json.h"
#include "unknot/time_util.h"

namespace unknot {
namespace {

JournalEntry Flare(int64_t at_ms, std::vector<SitePain> sites) {
  JournalEntry e;
  e.at_ms = at_ms;
  e.tz_offset_minutes = 60;
  e.flare = true;
  e.sites = std::move(sites);
  return e;
}

// "neck@both:7 upper_trapezius@left:4 [flare] note=..." — compact state.
std::string Show(const JournalEntry& e) {
  std::string out = FormatIsoTime(e.at_ms, e.tz_offset_minutes);
  for (const SitePain& s : e.sites) {
    out += " " + s.site + "@" + std::string(SideName(s.side)) + ":" +
           std::to_string(s.intensity);
  }
  out += e.flare ? " flare" : " baseline";
  for (const auto& t : e.triggers) out += " t=" + t;
  for (const auto& q : e.qualities) out += " q=" + q;
  for (const auto& m : e.medications) out += " m=" + m;
  if (e.stress) out += " stress=" + std::to_string(*e.stress);
  if (e.note) out += " note=" + *e.note;
  if (e.deleted) out += " deleted";
  return out;
}

class JournalTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(":memory:"); }
  void Reopen(const std::string& path) {
    journal_.reset();
    JournalOptions o;
    o.path = path;
    o.env = &env_;
    Status s = Journal::Open(o, &journal_);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  std::string Log(const JournalEntry& e) {
    std::string id;
    Status s = journal_->Log(e, &id);
    EXPECT_TRUE(s.ok()) << s.ToString();
    env_.Advance(1000);
    return id;
  }
  std::string ListText(ListFilter f = ListFilter()) {
    std::vector<JournalEntry> entries;
    EXPECT_TRUE(journal_->List(f, &entries).ok());
    std::string out;
    for (const auto& e : entries) out += Show(e) + "\n";
    return out;
  }

  FakeEnv env_{1767225600000 /* 2026-01-01T00:00Z */, 1, 60};
  std::unique_ptr<Journal> journal_;
};

const int64_t kJan1 = 1767225600000;

TEST_F(JournalTest, LogsAndListsAnEntryWithSeveralSites) {
  JournalEntry e =
      Flare(kJan1 + 3600000, {{"upper_trapezius", Side::kLeft, 7},
                              {"levator_scapulae", Side::kRight, 4}});
  e.triggers = {"long_sitting", "stress"};
  e.stress = 6;
  e.note = "after a long drive";
  std::string id = Log(e);
  EXPECT_EQ(id.size(), 32u);
  EXPECT_EQ(ListText(),
            "2026-01-01T02:00:00+01:00 upper_trapezius@left:7 "
            "levator_scapulae@right:4 flare t=long_sitting t=stress stress=6 "
            "note=after a long drive\n");
}

// Where the user last logged from: the latest entry's offset, whatever the
// order of logging; a deleted one does not count.
TEST_F(JournalTest, LatestOffsetIsTheLatestEntrysOwn) {
  int offset = 0;
  ASSERT_TRUE(journal_->LatestOffsetMinutes(-1, &offset).ok());
  EXPECT_EQ(offset, -1);
  JournalEntry tokyo = Flare(kJan1 + 7200000, {{"neck", Side::kBoth, 3}});
  tokyo.tz_offset_minutes = 540;
  JournalEntry paris = Flare(kJan1, {{"neck", Side::kBoth, 3}});
  paris.tz_offset_minutes = 60;
  const std::string later = Log(tokyo);
  Log(paris);  // logged afterwards, but earlier in time
  ASSERT_TRUE(journal_->LatestOffsetMinutes(-1, &offset).ok());
  EXPECT_EQ(offset, 540);
  ASSERT_TRUE(journal_->Delete(later).ok());
  ASSERT_TRUE(journal_->LatestOffsetMinutes(-1, &offset).ok());
  EXPECT_EQ(offset, 60);
}

// A date filter that keeps most of a long journal reads the child rows in
// one scan, a narrow one seeks per entry: both give what filtering the
// whole list by each entry's own local date gives, stamps included.
TEST_F(JournalTest, ADateFilterReadsTheSameWhicheverWayChildrenAreRead) {
  std::vector<JournalEntry> batch;
  const int64_t kDay = 86400000;
  for (int i = 0; i < 600; ++i) {
    JournalEntry e = Flare(kJan1 + i * kDay + (i % 24) * 3600000,
                           {{"neck", Side::kBoth, i % 11},
                            {"upper_trapezius", Side::kLeft, (i + 3) % 11}});
    e.tz_offset_minutes = i % 2 == 0 ? -600 : 600;
    e.triggers = {i % 3 == 0 ? "stress" : "long_sitting"};
    if (i % 5 == 0) e.medications = {"ibuprofen 200 mg"};
    batch.push_back(e);
  }
  std::vector<std::string> ids;
  ASSERT_TRUE(journal_->LogBatch(batch, &ids).ok());
  for (int i = 0; i < 600; i += 7) ASSERT_TRUE(journal_->Delete(ids[i]).ok());
  EntryPatch fewer;
  fewer.sites = std::vector<SitePain>{{"neck", Side::kBoth, 2}};
  for (int i = 1; i < 600; i += 13)
    ASSERT_TRUE(journal_->Edit(ids[i], fewer).ok());

  ListFilter every;
  every.with_stamps = true;
  std::vector<JournalEntry> all;
  ASSERT_TRUE(journal_->List(every, &all).ok());
  const int64_t first = DaysFromCivil(2026, 1, 1);
  for (int64_t since : {first + 50, first + 560}) {  // most, then a few
    ListFilter f = every;
    f.since_day = since;
    f.until_day = first + 590;
    std::vector<JournalEntry> got;
    ASSERT_TRUE(journal_->List(f, &got).ok());
    std::string want_text, got_text;
    size_t want = 0;
    for (const JournalEntry& e : all) {
      const int64_t day = LocalDay(e.at_ms, e.tz_offset_minutes);
      if (day < since || day > first + 590) continue;
      ++want;
      want_text += EntryToJson(e) + "\n";
    }
    for (const JournalEntry& e : got) got_text += EntryToJson(e) + "\n";
    EXPECT_EQ(got.size(), want) << since;
    EXPECT_EQ(got_text, want_text) << since;
  }
}

TEST_F(JournalTest, RefusedEntryChangesNothing) {
  Log(Flare(kJan1, {{"neck", Side::kBoth, 3}}));
  std::string before = ListText();
  std::string id;
  Status s = journal_->Log(Flare(kJan1, {{"neck", Side::kBoth, 11}}), &id);
  EXPECT_EQ(s.code(), "intensity-out-of-range");
  s = journal_->Log(Flare(kJan1, {{"elbow_of_doom", Side::kBoth, 3}}), &id);
  EXPECT_EQ(s.code(), "unknown-body-site");
  EXPECT_EQ(ListText(), before);
}

TEST_F(JournalTest, EditReplacesGivenFieldsAndWholeLists) {
  JournalEntry e =
      Flare(kJan1, {{"neck", Side::kBoth, 5}, {"rhomboids", Side::kLeft, 3}});
  e.triggers = {"stress"};
  e.note = "first";
  std::string id = Log(e);
  EntryPatch p;
  p.sites = std::vector<SitePain>{{"rhomboids", Side::kLeft, 6}};
  p.triggers = std::vector<std::string>{"poor_posture"};
  p.flare = false;
  ASSERT_TRUE(journal_->Edit(id, p).ok());
  EXPECT_EQ(ListText(),
            "2026-01-01T01:00:00+01:00 rhomboids@left:6 baseline "
            "t=poor_posture note=first\n");
  EntryPatch clear;
  clear.clear_note = true;
  ASSERT_TRUE(journal_->Edit(id, clear).ok());
  EXPECT_EQ(ListText(),
            "2026-01-01T01:00:00+01:00 rhomboids@left:6 baseline "
            "t=poor_posture\n");
  // Re-adding a removed site brings it back.
  EntryPatch again;
  again.sites = std::vector<SitePain>{{"neck", Side::kBoth, 2},
                                      {"rhomboids", Side::kLeft, 6}};
  ASSERT_TRUE(journal_->Edit(id, again).ok());
  EXPECT_EQ(ListText(),
            "2026-01-01T01:00:00+01:00 rhomboids@left:6 "
            "neck@both:2 baseline t=poor_posture\n");
}

TEST_F(JournalTest, InvalidEditChangesNothing) {
  std::string id = Log(Flare(kJan1, {{"neck", Side::kBoth, 5}}));
  std::string before = ListText();
  EntryPatch p;
  p.sites = std::vector<SitePain>{{"neck", Side::kBoth, 11}};
  p.note = "x";
  EXPECT_EQ(journal_->Edit(id, p).code(), "intensity-out-of-range");
  EXPECT_EQ(ListText(), before);
  EXPECT_EQ(
      journal_->Edit("ffffffffffffffffffffffffffffffff", EntryPatch()).code(),
      "entry-not-found");
}

TEST_F(JournalTest, DeleteIsRecoverable) {
  std::string id = Log(Flare(kJan1, {{"neck", Side::kBoth, 5}}));
  ASSERT_TRUE(journal_->Delete(id).ok());
  EXPECT_EQ(ListText(), "");
  ListFilter all;
  all.include_deleted = true;
  EXPECT_EQ(ListText(all),
            "2026-01-01T01:00:00+01:00 neck@both:5 flare deleted\n");
  ASSERT_TRUE(journal_->Restore(id).ok());
  EXPECT_EQ(ListText(), "2026-01-01T01:00:00+01:00 neck@both:5 flare\n");
}

TEST_F(JournalTest, DateFilterUsesEachEntrysOwnLocalDate) {
  // 23:30 UTC on Jan 1 is Jan 2 in +01:00.
  Log(Flare(kJan1 + 23 * 3600000 + 1800000, {{"neck", Side::kBoth, 1}}));
  JournalEntry ny =
      Flare(kJan1 + 23 * 3600000 + 1800000, {{"neck", Side::kBoth, 2}});
  ny.tz_offset_minutes = -300;  // 18:30 on Jan 1 in New York
  Log(ny);
  ListFilter jan2;
  ASSERT_TRUE(ParseLocalDate("2026-01-02", &*(jan2.since_day = 0)).ok());
  jan2.until_day = jan2.since_day;
  EXPECT_EQ(ListText(jan2), "2026-01-02T00:30:00+01:00 neck@both:1 flare\n");
  ListFilter jan1;
  ASSERT_TRUE(ParseLocalDate("2026-01-01", &*(jan1.until_day = 0)).ok());
  EXPECT_EQ(ListText(jan1), "2026-01-01T18:30:00-05:00 neck@both:2 flare\n");
}

TEST_F(JournalTest, ResolvesUniquePrefixes) {
  std::string id = Log(Flare(kJan1, {{"neck", Side::kBoth, 5}}));
  std::string found;
  ASSERT_TRUE(journal_->ResolveId(id.substr(0, 8), &found).ok());
  EXPECT_EQ(found, id);
  EXPECT_EQ(journal_->ResolveId("abc", &found).code(), "entry-not-found");
  EXPECT_EQ(journal_->ResolveId("zzzzzzzz", &found).code(), "entry-not-found");
}

TEST_F(JournalTest, CustomTriggersAreUsableAndStable) {
  std::string id, again;
  ASSERT_TRUE(journal_->AddCustomTrigger("  Gardening ", &id).ok());
  EXPECT_EQ(id, "custom_gardening");
  ASSERT_TRUE(journal_->AddCustomTrigger("gardening", &again).ok());
  EXPECT_EQ(again, id);
  JournalEntry e = Flare(kJan1, {{"lower_back", Side::kBoth, 4}});
  e.triggers = {"custom_gardening"};
  Log(e);
  e.triggers = {"custom_knitting"};
  std::string bad;
  EXPECT_EQ(journal_->Log(e, &bad).code(), "unknown-trigger");
  EXPECT_EQ(journal_->AddCustomTrigger("   ", &bad).code(), "invalid-label");
}

TEST_F(JournalTest, SurvivesReopenWithSameDeviceAndMonotonicClock) {
  std::string path = ::testing::TempDir() + "/journal_reopen.db";
  std::remove(path.c_str());
  Reopen(path);
  std::string device = journal_->device_id();
  std::string id = Log(Flare(kJan1, {{"neck", Side::kBoth, 5}}));
  JournalEntry before;
  ASSERT_TRUE(journal_->Get(id, &before).ok());
  env_.SetNow(kJan1 - 86400000);  // the wall clock went back a day
  Reopen(path);
  EXPECT_EQ(journal_->device_id(), device);
  EntryPatch p;
  p.note = "later edit";
  ASSERT_TRUE(journal_->Edit(id, p).ok());
  JournalEntry after;
  ASSERT_TRUE(journal_->Get(id, &after).ok());
  EXPECT_GT(after.stamps["note"], before.stamps["at"]);
  EXPECT_EQ(*after.note, "later edit");
}

// The journal tables are exactly the result of applying the recorded cell
// changes: replaying every cell into an empty database gives the same
// tables.
TEST_F(JournalTest, TablesEqualReplayOfTheirCells) {
  std::string path = ::testing::TempDir() + "/journal_replay.db";
  std::remove(path.c_str());
  Reopen(path);
  std::string a = Log(Flare(kJan1, {{"neck", Side::kBoth, 5}}));
  JournalEntry e = Flare(kJan1 + 5000, {{"piriformis", Side::kRight, 8}});
  e.medications = {"Ibuprofen 200 mg"};
  e.qualities = {"aching", "tight"};
  std::string b = Log(e);
  EntryPatch p;
  p.qualities = std::vector<std::string>{"burning"};
  p.medications = std::vector<std::string>{};
  ASSERT_TRUE(journal_->Edit(b, p).ok());
  ASSERT_TRUE(journal_->Delete(a).ok());

  std::unique_ptr<storage::SqliteDb> file;
  ASSERT_TRUE(storage::SqliteDb::Open(path, &file).ok());
  storage::SqliteDb* db = file.get();
  std::unique_ptr<storage::SqliteDb> fresh;
  ASSERT_TRUE(storage::SqliteDb::Open(":memory:", &fresh).ok());
  ASSERT_TRUE(storage::Migrate(fresh.get()).ok());
  storage::CellStore replay(fresh.get());
  ASSERT_TRUE(replay.Init().ok());
  // Every cell of the file, newest first.
  std::vector<storage::CellChange> changes = storage::AllCells(db);
  std::sort(changes.begin(), changes.end(),
            [](const storage::CellChange& a, const storage::CellChange& b) {
              return a.hlc > b.hlc;
            });
  for (const storage::CellChange& c : changes) {
    bool won;
    ASSERT_TRUE(replay.Apply(c, &won).ok());
  }
  auto dump = [](storage::SqliteDb* d) {
    std::string out;
    // Values (stamps hold each file's own seqs).
    for (const char* sql :
         {"SELECT id, at, tz_offset, flare, rom, stress, sleep, note, deleted "
          "FROM entries ORDER BY id",
          "SELECT id, entry_id, site, side, intensity, deleted FROM "
          "entry_sites ORDER BY id",
          "SELECT id, entry_id, kind, value, text, deleted FROM entry_tags "
          "ORDER BY id"}) {
      storage::Statement s;
      EXPECT_TRUE(d->Prepare(sql, &s).ok());
      Status st2;
      while (s.Step(&st2)) {
        for (int i = 0; i < 9; ++i) out += s.ColumnText(i) + "|";
        out += "\n";
      }
    }
    return out;
  };
  EXPECT_EQ(dump(fresh.get()), dump(db));
  EXPECT_NE(dump(db).find("Ibuprofen 200 mg"), std::string::npos);
}

}  // namespace
}  // namespace unknot
