// Where the journal lives: --db anywhere, $UNKNOT_DB, $XDG_DATA_HOME, $HOME.
#include "cli_runner.h"

namespace unknot::cli_test {
namespace {

using JournalAccessTest = CliTest;

TEST_F(JournalAccessTest, DbBeforeOrAfterTheCommand) {
  CliResult log = Run({"--db", db_, "log", "--site", "neck:3"});
  ASSERT_EQ(log.exit_code, 0) << log;
  std::string id = log.OutLine();
  EXPECT_NE(Run({"list", "--db", db_}).out.find(id.substr(0, 8)),
            std::string::npos);
  EXPECT_NE(Run({"list", "--db=" + db_}).out.find(id.substr(0, 8)),
            std::string::npos);
  EXPECT_NE(Run({"list", "--json", "--db", db_}).out.find(id),
            std::string::npos);
}

TEST_F(JournalAccessTest, DbGivenTwiceIsUsage) {
  CliResult r = Run({"--db", db_, "list", "--db", db_});
  EXPECT_EQ(r.exit_code, 2) << r;
}

TEST_F(JournalAccessTest, UnknotDbEnvironmentVariable) {
  std::string path = (dir_ / "from-env.db").string();
  env_["UNKNOT_DB"] = path;
  std::string id = Run({"log", "--site", "neck:3"}).OutLine();
  EXPECT_TRUE(fs::exists(path));
  EXPECT_NE(Run({"list", "--db", path}).out.find(id.substr(0, 8)),
            std::string::npos);
  // --db wins over $UNKNOT_DB.
  EXPECT_EQ(Run({"list", "--db", db_}).out, "");
}

TEST_F(JournalAccessTest, XdgDataHomeDefaultCreatesTheFolder) {
  env_["XDG_DATA_HOME"] = (dir_ / "xdg").string();
  ASSERT_EQ(Run({"log", "--site", "neck:3"}).exit_code, 0);
  EXPECT_TRUE(fs::is_regular_file(dir_ / "xdg/unknot/journal.db"));
  EXPECT_FALSE(fs::exists(dir_ / "home/.local"));
}

TEST_F(JournalAccessTest, HomeDefaultWithoutXdg) {
  ASSERT_EQ(Run({"log", "--site", "neck:3"}).exit_code, 0);
  EXPECT_TRUE(
      fs::is_regular_file(dir_ / "home/.local/share/unknot/journal.db"));
}

TEST_F(JournalAccessTest, MissingParentFolderOfDbIsCreated) {
  std::string nested = (dir_ / "a/b/journal.db").string();
  ASSERT_EQ(Run({"--db", nested, "log", "--site", "neck:3"}).exit_code, 0);
  EXPECT_TRUE(fs::is_regular_file(nested));
}

TEST_F(JournalAccessTest, UnopenableJournalIsAnIoError) {
  // A folder where the file should be: SQLite cannot open it.
  fs::create_directories(dir_ / "folder.db");
  CliResult r =
      Run({"--db", (dir_ / "folder.db").string(), "log", "--site", "neck:3"});
  EXPECT_EQ(r.exit_code, 3) << r;
  EXPECT_EQ(r.ErrFirstLine().rfind("error: io-error: ", 0), 0u) << r;
}

TEST_F(JournalAccessTest, NotAJournalIsRefused) {
  WriteFile(db_, "this is a shopping list, not a journal\n");
  CliResult r = RunDb({"list"});
  EXPECT_NE(r.exit_code, 0) << r;
  EXPECT_EQ(r.ErrFirstLine().rfind("error: ", 0), 0u) << r;
  EXPECT_EQ(ReadFileOrEmpty(db_), "this is a shopping list, not a journal\n");
}

}  // namespace
}  // namespace unknot::cli_test
