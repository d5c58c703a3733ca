// export and import: round trips, merging, CSV.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>

#include "cli_runner.h"

namespace unknot::cli_test {
namespace {

using Json = nlohmann::json;

constexpr char kAwkwardNote[] = "sore, \"tight\"\nafter work";

// The export without its "exported_at" member, otherwise byte for byte.
std::string WithoutExportedAt(const std::string& json) {
  static const std::regex kFirst(R"re("exported_at"\s*:\s*"[^"]*"\s*,\s*)re");
  static const std::regex kLast(R"re(,\s*"exported_at"\s*:\s*"[^"]*")re");
  std::string out = std::regex_replace(json, kFirst, "");
  return std::regex_replace(out, kLast, "");
}

// RFC 4180 records: quoted fields may hold commas, "" and line breaks;
// records end in CRLF or LF.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
    } else if (c == '\n' || (c == '\r' && text.compare(i, 2, "\r\n") == 0)) {
      if (c == '\r') ++i;
      record.push_back(std::move(field));
      field.clear();
      records.push_back(std::move(record));
      record.clear();
    } else {
      field += c;
    }
  }
  EXPECT_TRUE(record.empty() && field.empty()) << "unterminated last record";
  return records;
}

class TransferCommandsTest : public CliTest {
 protected:
  std::string other_db() { return (dir_ / "other.db").string(); }

  // A small journal with an edit, a deletion and an awkward note.
  void FillJournal() {
    std::string a =
        Log({"--site", "upper_trapezius@left:7", "--site", "neck:2", "--at",
             "2026-03-10T09:30", "--flare", "--note", kAwkwardNote});
    std::string b =
        Log({"--site", "neck:3", "--at", "2026-03-11T20:00", "--stress", "5"});
    std::string c = Log({"--site", "neck:1", "--at", "2026-03-12T07:15"});
    ASSERT_EQ(RunDb({"edit", b, "--sleep", "4"}).exit_code, 0);
    ASSERT_EQ(RunDb({"delete", c}).exit_code, 0);
  }

  std::string Export(const std::string& db) {
    CliResult r = Run({"--db", db, "export", "--format", "json"});
    EXPECT_EQ(r.exit_code, 0) << r;
    return r.out;
  }

  CliResult Import(const std::string& db, const fs::path& file) {
    return Run({"--db", db, "import", file.string()});
  }
};

TEST_F(TransferCommandsTest, ExportImportExportIsIdentical) {
  FillJournal();
  std::string first = Export(db_);
  ASSERT_NE(first.find("\"exported_at\""), std::string::npos) << first;
  WriteFile(dir_ / "export.json", first);

  CliResult imported = Import(other_db(), dir_ / "export.json");
  ASSERT_EQ(imported.exit_code, 0) << imported;
  EXPECT_TRUE(imported.out.empty()) << imported;
  EXPECT_EQ(imported.ErrFirstLine().rfind("imported 3 entries (", 0), 0u)
      << imported;

  EXPECT_EQ(WithoutExportedAt(Export(other_db())), WithoutExportedAt(first));
  EXPECT_EQ(Run({"--db", other_db(), "list", "--deleted"}).out,
            RunDb({"list", "--deleted"}).out);
}

TEST_F(TransferCommandsTest, ImportingTwiceChangesNothing) {
  FillJournal();
  WriteFile(dir_ / "export.json", Export(db_));
  ASSERT_EQ(Import(other_db(), dir_ / "export.json").exit_code, 0);
  std::string once = WithoutExportedAt(Export(other_db()));

  CliResult again = Import(other_db(), dir_ / "export.json");
  ASSERT_EQ(again.exit_code, 0) << again;
  EXPECT_EQ(again.err, "imported 3 entries (0 changes applied)\n");
  EXPECT_EQ(WithoutExportedAt(Export(other_db())), once);

  // Importing a journal's own export into itself is a no-op too.
  CliResult self = Import(db_, dir_ / "export.json");
  EXPECT_EQ(self.err, "imported 3 entries (0 changes applied)\n") << self;
}

TEST_F(TransferCommandsTest, ImportDoesNotOverwriteANewerEdit) {
  std::string id = Log({"--site", "neck:3", "--note", "original"});
  WriteFile(dir_ / "old.json", Export(db_));
  ASSERT_EQ(Import(other_db(), dir_ / "old.json").exit_code, 0);

  ASSERT_EQ(Run({"--db", other_db(), "edit", id, "--note", "newer", "--site",
                 "neck:6"})
                .exit_code,
            0);
  ASSERT_EQ(Import(other_db(), dir_ / "old.json").exit_code, 0);

  Json entry = Json::parse(Run({"--db", other_db(), "list", "--json"}).out,
                           nullptr, false)[0];
  EXPECT_EQ(entry["note"], "newer") << entry;
  EXPECT_EQ(entry["sites"].size(), 1u) << entry;
  EXPECT_EQ(entry["sites"][0]["intensity"], 6) << entry;
}

TEST_F(TransferCommandsTest, ImportFromStdin) {
  FillJournal();
  std::string exported = Export(db_);
  CliResult r = Run({"--db", other_db(), "import", "-"}, exported);
  ASSERT_EQ(r.exit_code, 0) << r;
  EXPECT_EQ(WithoutExportedAt(Export(other_db())), WithoutExportedAt(exported));
}

TEST_F(TransferCommandsTest, ExportToFileWritesItWhole) {
  FillJournal();
  fs::path file = dir_ / "out" / "journal.json";
  fs::create_directories(file.parent_path());
  WriteFile(file, "stale");
  CliResult r = RunDb({"export", "--format=json", "-o", file.string()});
  ASSERT_EQ(r.exit_code, 0) << r;
  EXPECT_TRUE(r.out.empty()) << r;
  EXPECT_EQ(WithoutExportedAt(ReadFileOrEmpty(file)),
            WithoutExportedAt(Export(db_)));
  // Only the file itself: no temporary left behind.
  EXPECT_EQ(std::distance(fs::directory_iterator(file.parent_path()),
                          fs::directory_iterator()),
            1);
}

TEST_F(TransferCommandsTest, ExportToMissingFolderIsIoError) {
  CliResult r = RunDb(
      {"export", "--format", "csv", "-o", (dir_ / "nope/x.csv").string()});
  EXPECT_EQ(r.exit_code, 3) << r;
  EXPECT_EQ(r.ErrFirstLine().rfind("error: io-error: ", 0), 0u) << r;
}

TEST_F(TransferCommandsTest, CsvHasAHeaderAndOneRowPerSite) {
  FillJournal();
  CliResult r = RunDb({"export", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r;
  // The note is quoted, its quotes doubled, its line break kept.
  EXPECT_NE(r.out.find("\"sore, \"\"tight\"\"\nafter work\""),
            std::string::npos)
      << r.out;

  auto records = ParseCsv(r.out);
  // 2 + 1 sites; the deleted entry is not in the CSV.
  ASSERT_EQ(records.size(), 1u + 3u) << r.out;
  const auto& header = records[0];
  auto column = [&](const std::string& name) {
    return std::find(header.begin(), header.end(), name) - header.begin();
  };
  size_t note = column("note");
  ASSERT_LT(note, header.size()) << r.out;
  int with_note = 0;
  for (size_t i = 1; i < records.size(); ++i) {
    ASSERT_EQ(records[i].size(), header.size()) << r.out;
    if (records[i][note] == kAwkwardNote) ++with_note;
  }
  EXPECT_EQ(with_note, 2);  // one row per site of that entry
}

TEST_F(TransferCommandsTest, ExportNeedsAKnownFormat) {
  EXPECT_EQ(RunDb({"export"}).exit_code, 2);
  EXPECT_EQ(RunDb({"export", "--format", "xml"}).exit_code, 2);
}

TEST_F(TransferCommandsTest, ImportErrors) {
  CliResult missing = RunDb({"import", (dir_ / "nope.json").string()});
  EXPECT_EQ(missing.exit_code, 1) << missing;
  EXPECT_EQ(missing.ErrFirstLine().rfind("error: file-not-found: ", 0), 0u)
      << missing;

  WriteFile(dir_ / "bad.json", "{ not json");
  CliResult bad = RunDb({"import", (dir_ / "bad.json").string()});
  EXPECT_EQ(bad.exit_code, 1) << bad;
  EXPECT_EQ(bad.ErrFirstLine().rfind("error: invalid-json: ", 0), 0u) << bad;

  EXPECT_EQ(RunDb({"import"}).exit_code, 2);
}

}  // namespace
}  // namespace unknot::cli_test
