// The CLI as a sync client against the real unknot-server on loopback: two
// devices (two journal files) of one account converge, including a
// conflicting edit of one entry and an offline period; another account sees
// nothing of theirs. Built only when the server is (UNKNOT_SERVER_PATH).
#ifdef UNKNOT_SERVER_PATH

#include <signal.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>

#include "cli_runner.h"
#include "server_process.h"

namespace unknot::cli_test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using server::testing::ServerProcess;

constexpr const char* kPassword = "correct horse battery\n";

class SyncCommandsTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    a_ = (dir_ / "a.db").string();
    b_ = (dir_ / "b.db").string();
    StartServer("0");
  }
  void TearDown() override {
    server_.reset();
    CliTest::TearDown();
  }

  void StartServer(const std::string& port) {
    server_.emplace(
        UNKNOT_SERVER_PATH,
        std::vector<std::string>{"--port", port, "--bind", "127.0.0.1",
                                 "--data-dir", (dir_ / "server-data").string()},
        dir_ / "server.log");
    const std::string line = server_->ReadFirstLine(20s);
    const std::string prefix = "listening on ";
    ASSERT_EQ(line.rfind(prefix, 0), 0u) << line;
    url_ = line.substr(prefix.size());
    while (!url_.empty() && url_.back() == '/') url_.pop_back();
    port_ = url_.substr(url_.rfind(':') + 1);
  }

  void StopServer() {
    server_->Signal(SIGTERM);
    EXPECT_TRUE(server_->Wait(10s).has_value());
    server_.reset();
  }

  CliResult On(const std::string& db, std::vector<std::string> args,
               const std::string& input = "") {
    args.insert(args.begin(), {"--db", db});
    return Run(args, input);
  }

  json SyncJson(const std::string& db) {
    CliResult r = On(db, {"sync", "--json"});
    EXPECT_EQ(r.exit_code, 0) << r;
    return json::parse(r.out, nullptr, false);
  }

  std::string Export(const std::string& db) {
    CliResult r = On(db, {"list", "--json"});
    EXPECT_EQ(r.exit_code, 0) << r;
    return r.out;
  }

  std::string a_, b_, url_, port_;
  std::optional<ServerProcess> server_;
};

TEST_F(SyncCommandsTest, TwoDevicesConvergeThroughTheServer) {
  CliResult signup = On(
      a_, {"signup", "--server", url_, "--email", "Pat@Example.com", "--json"},
      kPassword);
  ASSERT_EQ(signup.exit_code, 0) << signup;
  json account = json::parse(signup.out);
  EXPECT_EQ(account["email"], "pat@example.com");
  EXPECT_EQ(account["role"], "patient");
  EXPECT_EQ(account["recovery_codes"].size(), 10u);

  CliResult login = On(
      b_, {"login", "--server", url_, "--email", "pat@example.com"}, kPassword);
  ASSERT_EQ(login.exit_code, 0) << login;
  EXPECT_NE(login.out.find("signed in as pat@example.com"), std::string::npos);

  CliResult logged = On(a_, {"log", "--site", "neck:7", "--flare"});
  ASSERT_EQ(logged.exit_code, 0) << logged;
  const std::string id = logged.OutLine();

  json first = SyncJson(a_);
  EXPECT_GT(first["pushed"].get<int>(), 0);
  EXPECT_TRUE(first.contains("pulled"));
  EXPECT_TRUE(first.contains("cursor"));
  json second = SyncJson(b_);
  EXPECT_EQ(second["pushed"], 0);
  EXPECT_GT(second["pulled"].get<int>(), 0);
  EXPECT_EQ(Export(a_), Export(b_));

  // Both edit the same entry's note; b's edit is the later one and wins
  // everywhere, a's own site edit survives (different cells).
  ASSERT_EQ(
      On(a_, {"edit", id, "--note", "from the laptop", "--site", "neck:5"})
          .exit_code,
      0);
  ASSERT_EQ(On(b_, {"edit", id, "--note", "from the phone"}).exit_code, 0);
  SyncJson(a_);
  SyncJson(b_);
  SyncJson(a_);
  EXPECT_EQ(Export(a_), Export(b_));
  CliResult shown = On(a_, {"list", "--json"});
  EXPECT_NE(shown.out.find("from the phone"), std::string::npos) << shown.out;
  EXPECT_EQ(shown.out.find("from the laptop"), std::string::npos);

  // Offline: the server is down; logging works, sync fails clearly and
  // keeps the changes pending; back online, everything arrives.
  StopServer();
  ASSERT_EQ(On(a_, {"log", "--site", "upper_back:3"}).exit_code, 0);
  ASSERT_EQ(On(b_, {"log", "--site", "lower_back:6", "--flare"}).exit_code, 0);
  CliResult offline = On(a_, {"sync"});
  EXPECT_NE(offline.exit_code, 0);
  EXPECT_NE(offline.err.find("network-error"), std::string::npos) << offline;
  CliResult status = On(a_, {"status", "--json"});
  ASSERT_EQ(status.exit_code, 0) << status;
  json st = json::parse(status.out);
  EXPECT_GT(st["pending"].get<int>(), 1);
  EXPECT_EQ(st["pending_records"], 1);  // the one entry logged offline
  EXPECT_EQ(st["email"], "pat@example.com");
  EXPECT_EQ(st["server"], url_);
  EXPECT_TRUE(st["last_sync"].is_string());
  EXPECT_EQ(st["device_id"].get<std::string>().size(), 16u);

  StartServer(port_);
  SyncJson(a_);
  SyncJson(b_);
  SyncJson(a_);
  EXPECT_EQ(Export(a_), Export(b_));
  json after = json::parse(On(a_, {"status", "--json"}).out);
  EXPECT_EQ(after["pending"], 0);
  EXPECT_EQ(after["pending_records"], 0);
  json listed = json::parse(Export(a_));
  EXPECT_EQ(listed.size(), 3u);

  // Another account sees none of it.
  const std::string c = (dir_ / "c.db").string();
  ASSERT_EQ(On(c, {"signup", "--server", url_, "--email", "other@example.com"},
               kPassword)
                .exit_code,
            0);
  json theirs = SyncJson(c);
  EXPECT_EQ(theirs["pulled"], 0);
  EXPECT_EQ(json::parse(Export(c)).size(), 0u);

  // Logout forgets the session; sync then refuses.
  ASSERT_EQ(On(b_, {"logout"}).exit_code, 0);
  CliResult refused = On(b_, {"sync"});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.err.find("not-signed-in"), std::string::npos) << refused;
}

TEST_F(SyncCommandsTest, WrongPasswordAndBadUrlAreRefused) {
  ASSERT_EQ(On(a_, {"signup", "--server", url_, "--email", "x@example.com"},
               kPassword)
                .exit_code,
            0);
  CliResult wrong =
      On(b_, {"login", "--server", url_, "--email", "x@example.com"},
         "nope1234\n");
  EXPECT_NE(wrong.exit_code, 0);
  EXPECT_NE(wrong.err.find("login-failed"), std::string::npos) << wrong;

  CliResult short_pw = On(
      b_, {"signup", "--server", url_, "--email", "y@example.com"}, "short\n");
  EXPECT_NE(short_pw.exit_code, 0);
  EXPECT_NE(short_pw.err.find("weak-password"), std::string::npos) << short_pw;

  CliResult bad_url =
      On(b_, {"login", "--server", "ftp://x", "--email", "x@example.com"},
         kPassword);
  EXPECT_NE(bad_url.exit_code, 0);
  EXPECT_NE(bad_url.err.find("invalid-server-url"), std::string::npos);

  CliResult missing = On(b_, {"login", "--email", "x@example.com"}, kPassword);
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.err.find("--server"), std::string::npos) << missing;

  CliResult status = On(b_, {"status", "--json"});
  ASSERT_EQ(status.exit_code, 0) << status;
  json st = json::parse(status.out);
  EXPECT_FALSE(st["signed_in"].get<bool>());
  EXPECT_TRUE(st["last_sync"].is_null());
}

}  // namespace
}  // namespace unknot::cli_test

#endif  // UNKNOT_SERVER_PATH
