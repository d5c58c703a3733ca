// Runs the real `unknot` binary (UNKNOT_CLI_PATH) in a child process with a
// controlled environment, capturing stdout, stderr and the exit status.
// Each test gets its own temporary folder holding the journal, HOME and any
// files it writes.
#ifndef UNKNOT_TESTS_CLI_CLI_RUNNER_H_
#define UNKNOT_TESTS_CLI_CLI_RUNNER_H_

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace unknot::cli_test {

namespace fs = std::filesystem;

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;

  std::string ErrFirstLine() const { return err.substr(0, err.find('\n')); }
  // stdout without its final newline ("3f9a..." from `log`).
  std::string OutLine() const {
    return !out.empty() && out.back() == '\n' ? out.substr(0, out.size() - 1)
                                              : out;
  }
};

// Prints "exit=1 out=... err=..." when an assertion on a result fails.
inline std::ostream& operator<<(std::ostream& os, const CliResult& r) {
  return os << "exit=" << r.exit_code << "\n--- stdout\n"
            << r.out << "--- stderr\n"
            << r.err;
}

inline std::string ReadFileOrEmpty(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline void WriteFile(const fs::path& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary);
  out << data;
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "unknot-cli-XXXXXX");
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    db_ = (dir_ / "journal.db").string();
    fs::create_directories(dir_ / "home");
    env_ = {{"TZ", "UTC"},
            {"HOME", (dir_ / "home").string()},
            {"PATH", "/usr/bin:/bin"}};
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs `unknot args...` with env_ (nothing else inherited) and `input` on
  // stdin.
  CliResult Run(const std::vector<std::string>& args,
                const std::string& input = "") {
    fs::path in = dir_ / ".stdin", out = dir_ / ".stdout",
             err = dir_ / ".stderr";
    WriteFile(in, input);
    std::vector<std::string> env_strings;
    for (const auto& [key, value] : env_)
      env_strings.push_back(key + "=" + value);
    pid_t pid = ::fork();
    if (pid == 0) {
      Redirect(in, O_RDONLY, 0);
      Redirect(out, O_WRONLY | O_CREAT | O_TRUNC, 1);
      Redirect(err, O_WRONLY | O_CREAT | O_TRUNC, 2);
      std::vector<char*> argv = {const_cast<char*>(UNKNOT_CLI_PATH)};
      for (const std::string& a : args)
        argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      std::vector<char*> envp;
      for (std::string& e : env_strings) envp.push_back(e.data());
      envp.push_back(nullptr);
      ::execve(UNKNOT_CLI_PATH, argv.data(), envp.data());
      ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    CliResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
    result.out = ReadFileOrEmpty(out);
    result.err = ReadFileOrEmpty(err);
    return result;
  }

  // Runs against the test's journal: `unknot --db <db_> args...`.
  CliResult RunDb(std::vector<std::string> args,
                  const std::string& input = "") {
    args.insert(args.begin(), {"--db", db_});
    return Run(args, input);
  }

  // Logs an entry and returns its id (fails the test otherwise).
  std::string Log(std::vector<std::string> options) {
    options.insert(options.begin(), "log");
    CliResult r = RunDb(options);
    EXPECT_EQ(r.exit_code, 0) << r;
    return r.OutLine();
  }

  fs::path dir_;
  std::string db_;
  std::map<std::string, std::string> env_;

 private:
  static void Redirect(const fs::path& path, int flags, int target) {
    int fd = ::open(path.c_str(), flags, 0600);
    if (fd < 0) ::_exit(126);
    ::dup2(fd, target);
    ::close(fd);
  }
};

}  // namespace unknot::cli_test

#endif  // UNKNOT_TESTS_CLI_CLI_RUNNER_H_
