// log, edit, delete, restore through the real binary.
#include <nlohmann/json.hpp>

#include "cli_runner.h"

namespace unknot::cli_test {
namespace {

using Json = nlohmann::json;

class EntryCommandsTest : public CliTest {
 protected:
  std::string Short(const std::string& id) { return id.substr(0, 8); }

  Json ListJson(std::vector<std::string> extra = {}) {
    extra.insert(extra.begin(), {"list", "--json"});
    CliResult r = RunDb(extra);
    EXPECT_EQ(r.exit_code, 0) << r;
    return Json::parse(r.out, nullptr, false);
  }

  // The ids of one vocabulary list, from `vocab KIND --json`.
  std::vector<std::string> VocabIds(const std::string& kind) {
    CliResult r = Run({"vocab", kind, "--json"});
    std::vector<std::string> ids;
    for (const Json& item : Json::parse(r.out, nullptr, false)) {
      ids.push_back(item["id"]);
    }
    return ids;
  }

  // The journal's files, byte for byte (SQLite may keep a -wal beside it).
  std::string DbBytes() {
    return ReadFileOrEmpty(db_) + "|wal|" + ReadFileOrEmpty(db_ + "-wal");
  }
};

TEST_F(EntryCommandsTest, LogPrintsOnlyTheNewId) {
  CliResult r = RunDb({"log", "--site", "neck:3"});
  ASSERT_EQ(r.exit_code, 0) << r;
  EXPECT_TRUE(r.err.empty()) << r;
  EXPECT_EQ(r.out.size(), 33u) << r;  // 32 hex chars and a newline
  EXPECT_EQ(r.out.find_first_not_of("0123456789abcdef"), 32u) << r;
}

TEST_F(EntryCommandsTest, LogEditDeleteRestore) {
  std::string id =
      Log({"--site", "upper_trapezius@left:7", "--site",
           "levator_scapulae@right:4", "--at", "2026-03-10T09:30", "--flare"});
  EXPECT_EQ(RunDb({"list"}).out,
            Short(id) +
                "  2026-03-10 09:30 +00:00  flare     "
                "upper_trapezius@left:7, levator_scapulae@right:4\n");

  // A repeated option replaces the whole list; --baseline clears flare.
  CliResult edit = RunDb({"edit", id, "--site", "neck:3", "--baseline"});
  ASSERT_EQ(edit.exit_code, 0) << edit;
  EXPECT_EQ(RunDb({"list"}).out,
            Short(id) + "  2026-03-10 09:30 +00:00  baseline  neck@both:3\n");

  ASSERT_EQ(RunDb({"delete", Short(id)}).exit_code, 0);
  EXPECT_EQ(RunDb({"list"}).out, "");
  EXPECT_EQ(
      RunDb({"list", "--deleted"}).out,
      Short(id) +
          "  2026-03-10 09:30 +00:00  baseline  neck@both:3  [deleted]\n");

  ASSERT_EQ(RunDb({"restore", id.substr(0, 5)}).exit_code, 0);
  EXPECT_EQ(RunDb({"list"}).out,
            Short(id) + "  2026-03-10 09:30 +00:00  baseline  neck@both:3\n");
}

TEST_F(EntryCommandsTest, EditReplacesOnlyTheFieldsGiven) {
  std::vector<std::string> qualities = VocabIds("qualities");
  ASSERT_GE(qualities.size(), 3u);
  std::string id = Log({"--site", "neck:3", "--quality", qualities[0],
                        "--quality", qualities[1], "--note", "after desk work",
                        "--stress", "6", "--sleep", "4", "--rom", "limited"});
  ASSERT_EQ(RunDb({"edit", id, "--quality=" + qualities[2], "--clear-sleep",
                   "--rom", "full"})
                .exit_code,
            0);
  Json entry = ListJson()[0];
  EXPECT_EQ(entry["qualities"], Json::array({qualities[2]})) << entry;
  EXPECT_EQ(entry["note"], "after desk work") << entry;
  EXPECT_EQ(entry["stress"], 6) << entry;
  EXPECT_EQ(entry["rom"], "full") << entry;
  EXPECT_TRUE(!entry.contains("sleep") || entry["sleep"].is_null()) << entry;

  ASSERT_EQ(RunDb({"edit", id, "--clear-note", "--clear-qualities"}).exit_code,
            0);
  entry = ListJson()[0];
  EXPECT_TRUE(!entry.contains("note") || entry["note"].is_null()) << entry;
  EXPECT_TRUE(!entry.contains("qualities") || entry["qualities"].empty())
      << entry;
}

TEST_F(EntryCommandsTest, EditMovesTheEntryInTime) {
  std::string id = Log({"--site", "neck:3", "--at", "2026-03-10T09:30"});
  ASSERT_EQ(RunDb({"edit", id, "--at", "2026-03-12T18:00+02:00"}).exit_code, 0);
  EXPECT_EQ(RunDb({"list"}).out,
            Short(id) + "  2026-03-12 18:00 +02:00  baseline  neck@both:3\n");
}

TEST_F(EntryCommandsTest, IntensityOutOfRangeIsRefusedAndChangesNothing) {
  std::string id = Log({"--site", "neck:3", "--at", "2026-03-10T09:30"});
  std::string bytes = DbBytes();
  std::string listed = RunDb({"list", "--json"}).out;

  CliResult log = RunDb({"log", "--site", "upper_trapezius@left:11"});
  EXPECT_EQ(log.exit_code, 1) << log;
  EXPECT_EQ(log.ErrFirstLine().rfind("error: intensity-out-of-range: ", 0), 0u)
      << log;
  EXPECT_TRUE(log.out.empty()) << log;

  CliResult edit = RunDb({"edit", id, "--site", "neck:11"});
  EXPECT_EQ(edit.exit_code, 1) << edit;
  EXPECT_EQ(edit.ErrFirstLine().rfind("error: intensity-out-of-range: ", 0), 0u)
      << edit;

  EXPECT_EQ(DbBytes(), bytes);
  EXPECT_EQ(RunDb({"list", "--json"}).out, listed);
}

TEST_F(EntryCommandsTest, UnknownSiteIsRefused) {
  CliResult r = RunDb({"log", "--site", "left_elbow_of_doom:5"});
  EXPECT_EQ(r.exit_code, 1) << r;
  EXPECT_EQ(r.ErrFirstLine().rfind("error: unknown-body-site: ", 0), 0u) << r;
  EXPECT_EQ(RunDb({"list"}).out, "");
}

TEST_F(EntryCommandsTest, BadUsageExitsTwoAndCreatesNoJournal) {
  const std::vector<std::vector<std::string>> cases = {
      {"log"},                          // no --site
      {"log", "--site", "neck"},        // no intensity
      {"log", "--site", "neck:seven"},  // not a number
      {"log", "--site", "neck:7x"},     // trailing junk
      {"log", "--site", "neck@up:3"},   // unknown side
      {"log", "--site", "neck:3", "--rom", "sideways"},
      {"log", "--site", "neck:3", "--stress", "lots"},
      {"log", "--site", "neck:3", "--frobnicate"},
      {"log", "--site", "neck:3", "--flare=yes"},  // flag with a value
      {"log", "--site", "neck:3", "--note", "a", "--note", "b"},
      {"log", "--site"},  // missing value
      {"log", "--site", "neck:3", "stray"},
      {"edit"},          // no id
      {"edit", "abcd"},  // nothing to change
      {"edit", "abcd", "--flare", "--baseline"},
      {"edit", "abcd", "--note", "x", "--clear-note"},
      {"delete"},
      {"restore", "a", "b"},
  };
  for (const auto& args : cases) {
    CliResult r = RunDb(args);
    EXPECT_EQ(r.exit_code, 2) << ::testing::PrintToString(args) << "\n" << r;
    EXPECT_EQ(r.ErrFirstLine().rfind("error: usage: ", 0), 0u) << r;
  }
  EXPECT_FALSE(fs::exists(db_));
}

TEST_F(EntryCommandsTest, UnknownIdIsNotFound) {
  Log({"--site", "neck:3"});
  CliResult r = RunDb({"delete", "ffffffffffffffffffffffffffffffff"});
  EXPECT_EQ(r.exit_code, 1) << r;
  EXPECT_EQ(r.ErrFirstLine().rfind("error: entry-not-found: ", 0), 0u) << r;
}

TEST_F(EntryCommandsTest, InvalidTimeIsRefused) {
  CliResult r = RunDb({"log", "--site", "neck:3", "--at", "yesterday-ish"});
  EXPECT_EQ(r.exit_code, 1) << r;
  EXPECT_EQ(r.ErrFirstLine().rfind("error: invalid-time: ", 0), 0u) << r;
}

}  // namespace
}  // namespace unknot::cli_test
