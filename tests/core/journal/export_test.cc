#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "unknot/entry_json.h"
#include "unknot/journal.h"

namespace unknot {
namespace {

const int64_t kJan1 = 1767225600000;

std::unique_ptr<Journal> OpenMemory(Env* env) {
  std::unique_ptr<Journal> j;
  JournalOptions o;
  o.path = ":memory:";
  o.env = env;
  EXPECT_TRUE(Journal::Open(o, &j).ok());
  return j;
}

// The export without the line that says when it was made.
std::string Stable(std::string json) {
  auto doc = nlohmann::ordered_json::parse(json);
  doc.erase("exported_at");
  return doc.dump(2);
}

class ExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    journal_ = OpenMemory(&env_);
    std::string trig;
    ASSERT_TRUE(journal_->AddCustomTrigger("Gardening", &trig).ok());
    JournalEntry e;
    e.at_ms = kJan1 + 9 * 3600000;
    e.tz_offset_minutes = 60;
    e.flare = true;
    e.sites = {{"upper_trapezius", Side::kLeft, 7}, {"neck", Side::kBoth, 4}};
    e.qualities = {"aching"};
    e.triggers = {"custom_gardening", "long_sitting"};
    e.helped = {"heat"};
    e.medications = {"Ibuprofen 200 mg"};
    e.rom = RangeOfMotion::kLimited;
    e.stress = 6;
    e.sleep = 3;
    e.note = "comma, \"quote\"\nand a new line";
    ASSERT_TRUE(journal_->Log(e, &first_).ok());
    env_.Advance(60000);
    JournalEntry b;
    b.at_ms = kJan1 + 30 * 3600000;
    b.sites = {{"piriformis", Side::kRight, 3}};
    ASSERT_TRUE(journal_->Log(b, &second_).ok());
    env_.Advance(60000);
    EntryPatch p;  // leaves a removed site and a removed trigger behind
    p.sites = std::vector<SitePain>{{"upper_trapezius", Side::kLeft, 8}};
    p.triggers = std::vector<std::string>{"custom_gardening"};
    ASSERT_TRUE(journal_->Edit(first_, p).ok());
    ASSERT_TRUE(journal_->Delete(second_).ok());
    env_.Advance(60000);
  }

  FakeEnv env_{kJan1 + 86400000 * 3, 5, 60};
  std::unique_ptr<Journal> journal_;
  std::string first_, second_;
};

TEST_F(ExportTest, JsonCarriesIdsStampsTombstonesAndDeletedEntries) {
  std::string json;
  ASSERT_TRUE(journal_->ExportJson(&json).ok());
  auto doc = nlohmann::json::parse(json);
  EXPECT_EQ(doc["format"], "unknot-journal");
  EXPECT_EQ(doc["version"], 1);
  ASSERT_EQ(doc["entries"].size(), 2u);
  const auto& e = doc["entries"][0];
  EXPECT_EQ(e["id"], first_);
  EXPECT_EQ(e["at"], "2026-01-01T10:00:00+01:00");
  EXPECT_EQ(e["sites"].size(), 1u);
  EXPECT_TRUE(e["stamps"].contains("sites/neck@both/deleted"));
  EXPECT_FALSE(e["stamps"].contains("sites/neck@both/intensity"));
  EXPECT_TRUE(e["stamps"].contains("triggers/long_sitting/deleted"));
  EXPECT_TRUE(e["stamps"].contains("note"));
  EXPECT_EQ(doc["entries"][1]["deleted"], true);
  EXPECT_EQ(doc["custom_triggers"][0]["id"], "custom_gardening");
}

TEST_F(ExportTest, ListJsonEqualsTheEntriesOfList) {
  for (bool deleted : {false, true}) {
    ListFilter f;
    f.include_deleted = deleted;
    f.with_stamps = true;
    std::vector<JournalEntry> entries;
    ASSERT_TRUE(journal_->List(f, &entries).ok());
    std::string json;
    ASSERT_TRUE(journal_->ListJson(f, &json).ok());
    EXPECT_EQ(json, EntriesToJson(entries)) << "include_deleted=" << deleted;
    EXPECT_NE(json.find("\"stamps\""), std::string::npos);
  }
  ListFilter none;
  none.since_day = 30000;  // 2052: nothing yet
  std::string json;
  ASSERT_TRUE(journal_->ListJson(none, &json).ok());
  EXPECT_EQ(json, "[]");
}

TEST_F(ExportTest, ImportReproducesTheExportExactlyAndTwiceChangesNothing) {
  std::string json;
  ASSERT_TRUE(journal_->ExportJson(&json).ok());
  FakeEnv other_env(kJan1 + 86400000 * 4, 99, 0);
  auto other = OpenMemory(&other_env);
  ImportStats stats;
  ASSERT_TRUE(other->ImportJson(json, &stats).ok());
  EXPECT_EQ(stats.entries, 2);
  EXPECT_GT(stats.cells_applied, 10);
  std::string again;
  ASSERT_TRUE(other->ExportJson(&again).ok());
  EXPECT_EQ(Stable(again), Stable(json));
  ASSERT_TRUE(other->ImportJson(json, &stats).ok());
  EXPECT_EQ(stats.cells_applied, 0);
  std::string third;
  ASSERT_TRUE(other->ExportJson(&third).ok());
  EXPECT_EQ(Stable(third), Stable(json));
}

TEST_F(ExportTest, ImportNeverOverwritesANewerEdit) {
  std::string json;
  ASSERT_TRUE(journal_->ExportJson(&json).ok());
  env_.Advance(1000);
  EntryPatch p;
  p.note = "newer";
  ASSERT_TRUE(journal_->Edit(first_, p).ok());
  ImportStats stats;
  ASSERT_TRUE(journal_->ImportJson(json, &stats).ok());
  EXPECT_EQ(stats.cells_applied, 0);
  JournalEntry e;
  ASSERT_TRUE(journal_->Get(first_, &e).ok());
  EXPECT_EQ(*e.note, "newer");
}

TEST_F(ExportTest, BadImportsAreRefusedAndChangeNothing) {
  std::string json;
  ASSERT_TRUE(journal_->ExportJson(&json).ok());
  FakeEnv other_env(kJan1 + 86400000 * 4, 99, 0);
  auto other = OpenMemory(&other_env);
  ImportStats stats;
  EXPECT_EQ(other->ImportJson("{not json", &stats).code(), "invalid-json");
  EXPECT_EQ(other
                ->ImportJson(
                    R"({"format":"unknot-journal","version":99,"entries":[]})",
                    &stats)
                .code(),
            "unsupported-format");
  auto doc = nlohmann::json::parse(json);
  doc["entries"][1]["sites"][0]["intensity"] = 11;
  EXPECT_EQ(other->ImportJson(doc.dump(), &stats).code(),
            "intensity-out-of-range");
  doc = nlohmann::json::parse(json);
  doc["entries"][0]["stamps"].erase("note");
  EXPECT_EQ(other->ImportJson(doc.dump(), &stats).code(), "missing-stamp");
  doc = nlohmann::json::parse(json);
  doc["entries"][0]["stamps"]["note"] =
      "2099-01-01T00:00:00.000Z-0000-00000000000000aa";
  EXPECT_EQ(other->ImportJson(doc.dump(), &stats).code(), "clock-drift");
  std::vector<JournalEntry> entries;
  ListFilter all;
  all.include_deleted = true;
  ASSERT_TRUE(other->List(all, &entries).ok());
  EXPECT_TRUE(entries.empty());
}

TEST_F(ExportTest, CsvHasOneRowPerSiteAndQuotesUserText) {
  EntryPatch p;
  p.sites = std::vector<SitePain>{{"upper_trapezius", Side::kLeft, 8},
                                  {"levator_scapulae", Side::kRight, 2}};
  ASSERT_TRUE(journal_->Edit(first_, p).ok());
  std::string csv;
  ASSERT_TRUE(journal_->ExportCsv(&csv).ok());
  EXPECT_EQ(csv.substr(0, csv.find("\r\n")),
            "entry_id,local_time,utc_time,tz_offset_minutes,kind,area,site,"
            "site_label,side,intensity,qualities,triggers,helped,medications,"
            "rom,stress,sleep,note");
  EXPECT_NE(
      csv.find(first_ +
               ",2026-01-01T10:00:00+01:00,2026-01-01T09:00:00.000Z,60,"
               "flare,shoulders,upper_trapezius,Upper trapezius,left,8,"
               "aching,custom_gardening,heat,Ibuprofen 200 mg,limited,6,3,"
               "\"comma, \"\"quote\"\"\nand a new line\"\r\n"),
      std::string::npos)
      << csv;
  EXPECT_NE(csv.find(",levator_scapulae,Levator scapulae,right,2,"),
            std::string::npos);
  EXPECT_EQ(csv.find(second_), std::string::npos) << "deleted entries stay out";
}

TEST(EntryJsonTest, RoundTripsAnEntry) {
  JournalEntry e;
  e.id = "0123456789abcdef0123456789abcdef";
  e.at_ms = kJan1 + 1500;
  e.tz_offset_minutes = -330;
  e.sites = {{"masseter", Side::kLeft, 0}};
  e.sleep = 10;
  JournalEntry back;
  ASSERT_TRUE(EntryFromJson(EntryToJson(e), &back).ok());
  EXPECT_EQ(EntryToJson(back), EntryToJson(e));
  EXPECT_EQ(back.at_ms, e.at_ms);
  EXPECT_EQ(back.tz_offset_minutes, -330);
  EXPECT_EQ(EntryFromJson("[1]", &back).code(), "invalid-field");
  EXPECT_EQ(EntryFromJson("{", &back).code(), "invalid-json");
  EXPECT_EQ(
      EntryFromJson(
          R"({"at":"2026-01-01","sites":[{"site":"neck","side":"up","intensity":1}]})",
          &back)
          .code(),
      "unknown-side");
}

}  // namespace
}  // namespace unknot

namespace unknot {
namespace {

TEST(EntryPatchJsonTest, MergePatchKeepsOnlyChangedFields) {
  JournalEntry current;
  current.id = "0123456789abcdef0123456789abcdef";
  current.at_ms = 1767225600000;
  current.tz_offset_minutes = 60;
  current.sites = {{"neck", Side::kBoth, 5}};
  current.note = "old";
  current.stress = 3;
  EntryPatch p;
  ASSERT_TRUE(
      EntryPatchFromJson(
          current,
          R"({"note": null, "stress": 3, "sites": [{"site": "neck", "side": "left", "intensity": 6}]})",
          &p)
          .ok());
  EXPECT_TRUE(p.clear_note);
  EXPECT_FALSE(p.stress.has_value()) << "unchanged fields are left out";
  ASSERT_TRUE(p.sites.has_value());
  EXPECT_EQ((*p.sites)[0].side, Side::kLeft);
  EXPECT_FALSE(p.at_ms.has_value());
  EXPECT_EQ(EntryPatchFromJson(current, "[]", &p).code(), "invalid-json");
  EXPECT_EQ(EntryPatchFromJson(current, R"({"flare": "yes"})", &p).code(),
            "invalid-field");
}

}  // namespace
}  // namespace unknot
