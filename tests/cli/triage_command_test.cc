// `unknot triage`: answers from a file and flags, human and JSON output,
// refused input, and the journal-derived rules from --db.
#include <sqlite3.h>

#include <filesystem>

#include "cli_runner.h"
#include "unknot/triage.h"

namespace unknot::cli_test {
namespace {

// --no for every yes/no question except those in `yes`, which get --yes.
std::vector<std::string> AllAnswered(std::vector<std::string> yes = {}) {
  std::vector<std::string> args = {"triage"};
  for (const TriageQuestion& q : TriageQuestions()) {
    if (q.kind != QuestionKind::kYesNo) continue;
    bool is_yes = std::find(yes.begin(), yes.end(), q.id) != yes.end();
    args.push_back(is_yes ? "--yes" : "--no");
    args.push_back(std::string(q.id));
  }
  for (const char* v : {"--value", "phq9_total=2", "--value", "gad7_total=1"}) {
    args.push_back(v);
  }
  return args;
}

constexpr char kDisclaimers[] =
    "Unknot helps you track pain and follow self-care. It does not diagnose "
    "or replace a health professional.\n"
    "Chest pain, trouble breathing, sudden weakness or numbness, loss of "
    "bladder or bowel control, or anything that feels like an emergency: "
    "call your emergency number now.\n";

class TriageCommandTest : public CliTest {};

TEST_F(TriageCommandTest, EmergencyInHumanForm) {
  std::vector<std::string> args = AllAnswered({"chest_pain"});
  args.insert(args.end(), {"--value", "chest_pain_hours_ago=1", "--age", "58",
                           "--dry-run"});
  CliResult r = RunDb(args);
  ASSERT_EQ(r.exit_code, 0) << r;
  EXPECT_EQ(r.out,
            "level: emergency\n"
            "- [emergency] Chest pain can come from the heart even when it "
            "feels like a muscle. Call your emergency number now. (pauses: "
            "all; source: NICE CG95)\n" +
                std::string(kDisclaimers));
  EXPECT_EQ(r.err, "");
  EXPECT_FALSE(fs::exists(db_)) << "no journal is created just to triage";
}

TEST_F(TriageCommandTest, SelfCareWhenEverythingIsNo) {
  std::vector<std::string> args = AllAnswered();
  args.insert(args.end(), {"--age", "34", "--dry-run"});
  CliResult r = RunDb(args);
  ASSERT_EQ(r.exit_code, 0) << r;
  EXPECT_EQ(r.out, "level: self_care\nno red flag found\n" +
                       std::string(kDisclaimers));
}

TEST_F(TriageCommandTest, NotFullyCheckedListsUnanswered) {
  CliResult r =
      RunDb({"triage", "--yes", "gca_signs", "--age", "70", "--dry-run"});
  ASSERT_EQ(r.exit_code, 0) << r;
  EXPECT_NE(r.out.find("level: urgent\n- [urgent] In people over 50"),
            std::string::npos)
      << r;
  EXPECT_NE(r.out.find("\nnot fully checked: bladder_bowel_change, "
                       "saddle_numbness,"),
            std::string::npos)
      << r;
}

TEST_F(TriageCommandTest, AnswersFileAndJson) {
  WriteFile(dir_ / "answers.json",
            R"({"age": 58, "answers": {"chest_pain": true,
                "chest_pain_hours_ago": 20, "fever_or_unwell": null}})");
  CliResult r = RunDb({"triage", "--answers", (dir_ / "answers.json").string(),
                       "--json", "--dry-run"});
  ASSERT_EQ(r.exit_code, 0) << r;
  EXPECT_EQ(
      r.out.substr(0, 62),
      R"({"level":"urgent","rules":[{"id":"chest_pain","level":"urgent")");
  EXPECT_NE(r.out.find(R"("ruleset_version":"2026.1"})"), std::string::npos);
  EXPECT_NE(r.out.find(R"("unanswered":["bladder_bowel_change")"),
            std::string::npos);
}

TEST_F(TriageCommandTest, FlagsOverrideTheFile) {
  WriteFile(dir_ / "a.json", R"({"answers": {"chest_pain": true}})");
  CliResult r = RunDb({"triage", "--answers", (dir_ / "a.json").string(),
                       "--no", "chest_pain", "--json", "--dry-run"});
  ASSERT_EQ(r.exit_code, 0) << r;
  EXPECT_EQ(r.out.find("chest_pain\",\"level"), std::string::npos) << r;
  EXPECT_EQ(r.out.substr(0, 30), R"({"level":"self_care","rules":[)");
}

TEST_F(TriageCommandTest, RefusedInputExits1) {
  CliResult unknown = RunDb({"triage", "--yes", "chest_pains"});
  EXPECT_EQ(unknown.exit_code, 1) << unknown;
  EXPECT_EQ(unknown.ErrFirstLine(),
            "error: unknown-question: no triage question 'chest_pains'");
  EXPECT_EQ(unknown.out, "");
  CliResult wrong_kind = RunDb({"triage", "--value", "chest_pain=1"});
  EXPECT_EQ(wrong_kind.exit_code, 1) << wrong_kind;
  EXPECT_EQ(wrong_kind.ErrFirstLine().rfind("error: invalid-answer: ", 0), 0u);
  CliResult not_a_number = RunDb({"triage", "--age", "old"});
  EXPECT_EQ(not_a_number.exit_code, 1) << not_a_number;
  EXPECT_EQ(not_a_number.ErrFirstLine().rfind("error: invalid-answer: ", 0),
            0u);
  WriteFile(dir_ / "bad.json", R"({"answers": {"chest_pain": "yes"}})");
  CliResult bad_file =
      RunDb({"triage", "--answers", (dir_ / "bad.json").string()});
  EXPECT_EQ(bad_file.exit_code, 1) << bad_file;
  EXPECT_EQ(bad_file.ErrFirstLine().rfind("error: invalid-answer: ", 0), 0u);
  CliResult missing =
      RunDb({"triage", "--answers", (dir_ / "missing.json").string()});
  EXPECT_EQ(missing.exit_code, 1) << missing;
  EXPECT_EQ(missing.ErrFirstLine().rfind("error: file-not-found: ", 0), 0u);
}

TEST_F(TriageCommandTest, UsageExits2) {
  EXPECT_EQ(RunDb({"triage", "--value", "age"}).exit_code, 2);
  EXPECT_EQ(RunDb({"triage", "extra"}).exit_code, 2);
  EXPECT_EQ(RunDb({"triage", "--bogus"}).exit_code, 2);
}

TEST_F(TriageCommandTest, JournalRulesReadTheJournal) {
  Log({"--site", "neck:6"});
  std::vector<std::string> args = AllAnswered();
  args.insert(args.end(), {"--age", "60", "--json", "--dry-run"});
  CliResult r = RunDb(args);
  ASSERT_EQ(r.exit_code, 0) << r;
  // The first entry is today and the user is over 55: age_onset.
  EXPECT_EQ(r.out.substr(0, 44),
            R"({"level":"soon","rules":[{"id":"age_onset",")");
  // Without a journal the rule cannot fire.
  env_["UNKNOT_DB"] = (dir_ / "none.db").string();
  CliResult none = Run(args);
  ASSERT_EQ(none.exit_code, 0) << none;
  EXPECT_EQ(none.out.substr(0, 30), R"({"level":"self_care","rules":[)");
  EXPECT_FALSE(fs::exists(dir_ / "none.db"));
}

// The rows of triage_results as "level|ruleset_version|result".
std::string StoredResults(const std::string& path) {
  sqlite3* db = nullptr;
  std::string out;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) ==
      SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT level, ruleset_version, result FROM "
                       "triage_results ORDER BY at, id",
                       -1, &stmt, nullptr);
    while (stmt && sqlite3_step(stmt) == SQLITE_ROW) {
      for (int i = 0; i < 3; ++i) {
        const unsigned char* text = sqlite3_column_text(stmt, i);
        out += (i ? "|" : "") + std::string(text ? (const char*)text : "");
      }
      out += "\n";
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return out;
}

TEST_F(TriageCommandTest, StoresTheResultUnlessDryRun) {
  CliResult dry = RunDb({"triage", "--yes", "chest_pain", "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry;
  EXPECT_FALSE(fs::exists(db_));
  CliResult r = RunDb({"triage", "--yes", "chest_pain", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(StoredResults(db_), "emergency|2026.1|" + r.out);
  ASSERT_EQ(RunDb({"triage", "--no", "chest_pain", "--dry-run"}).exit_code, 0);
  EXPECT_EQ(StoredResults(db_), "emergency|2026.1|" + r.out);
}

TEST_F(TriageCommandTest, AnUnreadableJournalNeverHidesTheResult) {
  WriteFile(db_,
            "not a database, just text that is long enough............"
            "..........................................................");
  CliResult r = RunDb({"triage", "--yes", "breathless_sudden"});
  EXPECT_EQ(r.exit_code, 0) << r;
  EXPECT_EQ(r.out.rfind("level: emergency\n", 0), 0u) << r;
  EXPECT_EQ(r.err.rfind("warning: the journal was not read: not-a-journal", 0),
            0u)
      << r;
}

TEST_F(TriageCommandTest, ListedInHelp) {
  CliResult r = Run({"help"});
  EXPECT_NE(r.out.find("unknot triage [--answers FILE.json]"),
            std::string::npos);
  CliResult usage = Run({"help", "triage"});
  EXPECT_EQ(usage.exit_code, 0);
  EXPECT_EQ(usage.out.rfind("usage: unknot [--db PATH] triage", 0), 0u);
}

}  // namespace
}  // namespace unknot::cli_test
