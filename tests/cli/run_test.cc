// Help, version, and the error/exit-status contract of every command.
#include "cli_runner.h"

namespace unknot::cli_test {
namespace {

using RunTest = CliTest;

TEST_F(RunTest, HelpGoesToStdoutAndExitsZero) {
  for (const auto& args :
       std::vector<std::vector<std::string>>{{"--help"}, {"-h"}, {"help"}}) {
    CliResult r = Run(args);
    EXPECT_EQ(r.exit_code, 0) << r;
    EXPECT_EQ(r.out.rfind("usage: unknot", 0), 0u) << r;
    EXPECT_TRUE(r.err.empty()) << r;
    for (const char* command : {"log", "edit", "delete", "restore", "list",
                                "export", "import", "vocab", "trigger"}) {
      EXPECT_NE(r.out.find(std::string("\n  ") + command + " "),
                std::string::npos)
          << command;
    }
  }
}

TEST_F(RunTest, HelpForOneCommand) {
  CliResult help = Run({"help", "log"});
  EXPECT_EQ(help.exit_code, 0) << help;
  EXPECT_NE(help.out.find("--site ID[@left|right|both]:INTENSITY"),
            std::string::npos);
  EXPECT_EQ(Run({"log", "--help"}).out, help.out);
}

TEST_F(RunTest, Version) {
  CliResult r = Run({"--version"});
  EXPECT_EQ(r.exit_code, 0) << r;
  EXPECT_EQ(r.out.rfind("unknot 0.", 0), 0u) << r;
}

TEST_F(RunTest, MissingCommandIsUsage) {
  CliResult r = Run({});
  EXPECT_EQ(r.exit_code, 2) << r;
  EXPECT_EQ(r.ErrFirstLine(), "error: usage: missing command") << r;
  EXPECT_TRUE(r.out.empty());
}

TEST_F(RunTest, UnknownCommand) {
  CliResult r = RunDb({"frobnicate"});
  EXPECT_EQ(r.exit_code, 2) << r;
  EXPECT_EQ(r.ErrFirstLine().rfind("error: unknown-command: ", 0), 0u) << r;
  EXPECT_EQ(Run({"help", "frobnicate"}).exit_code, 2);
  EXPECT_FALSE(fs::exists(db_));
}

TEST_F(RunTest, UnknownGlobalOptionIsUsage) {
  CliResult r = Run({"--verbose", "list"});
  EXPECT_EQ(r.exit_code, 2) << r;
  EXPECT_EQ(r.ErrFirstLine(), "error: usage: unknown option --verbose") << r;
}

}  // namespace
}  // namespace unknot::cli_test
