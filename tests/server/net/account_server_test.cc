// Accounts and the WebSocket hello against the real server on loopback.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <future>
#include <nlohmann/json.hpp>

#include "live_server.h"

namespace unknot::server {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using testing::Get;
using testing::LiveServer;
using testing::Summary;
using testing::WsClient;

TEST(AccountServerTest, SignupLoginLogoutOverHttp) {
  LiveServer server;
  const std::string token = server.Signup("ann@example.org");
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(Summary(server.Call("GET", "/api/account", "", token)), "200 ok");
  auto login =
      server.Call("POST", "/api/account/login",
                  R"({"email":"ann@example.org","password":"correct horse"})");
  ASSERT_EQ(Summary(login), "200 ok");
  EXPECT_EQ(Summary(server.Call("POST", "/api/account/logout", "", token)),
            "200 ok");
  EXPECT_EQ(Summary(server.Call("GET", "/api/account", "", token)),
            "401 unauthorized");
  // Accounts survive a restart (SIGKILL: no clean shutdown).
  server.Restart();
  const std::string other = json::parse(login.body)["token"];
  EXPECT_EQ(Summary(server.Call("GET", "/api/account", "", other)), "200 ok");
}

// A login hashes for tens of ms on the hash lane; static requests and
// /healthz keep answering meanwhile.
TEST(AccountServerTest, LoginsDoNotStallOtherRequests) {
  LiveServer server;
  ASSERT_FALSE(server.Signup("ann@example.org").empty());
  std::vector<std::future<int>> logins;
  for (int i = 0; i < 6; ++i) {
    logins.push_back(std::async(std::launch::async, [&] {
      return server
          .Call("POST", "/api/account/login",
                R"({"email":"ann@example.org","password":"correct horse"})")
          .status;
    }));
  }
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(Get(server.port(), "/healthz").status, 200);
  const auto healthz = std::chrono::steady_clock::now() - start;
  for (auto& f : logins) EXPECT_EQ(f.get(), 200);
  const auto all = std::chrono::steady_clock::now() - start;
  EXPECT_LT(healthz, all);
}

TEST(WebSocketTest, HelloWithAValidTokenGetsReady) {
  LiveServer server;
  const std::string token = server.Signup("ann@example.org");
  WsClient ws(server.port());
  ASSERT_TRUE(ws.ok()) << ws.status_line();
  ASSERT_TRUE(ws.SendText(json{{"token", token}}.dump()));
  EXPECT_EQ(ws.Read(5s), std::optional<std::string>(R"({"type":"ready"})"));
}

TEST(WebSocketTest, BadHellosAreRefusedAndClosed) {
  LiveServer server;
  for (const std::string hello :
       {std::string(R"({"token":"nonsense"})"), std::string("not json"),
        std::string(R"({"token":1})"), std::string("[[[[[[]]]]]]")}) {
    WsClient ws(server.port());
    ASSERT_TRUE(ws.ok());
    ASSERT_TRUE(ws.SendText(hello));
    const auto msg = ws.Read(5s);
    ASSERT_TRUE(msg.has_value()) << hello;
    EXPECT_EQ(json::parse(*msg)["type"], "error") << *msg;
    int code = 0;
    EXPECT_FALSE(ws.Read(5s, &code).has_value());
    EXPECT_EQ(code, 1008) << hello;
  }
}

TEST(WebSocketTest, OversizedMessagesClose) {
  LiveServer server;
  WsClient ws(server.port());
  ASSERT_TRUE(ws.ok());
  ASSERT_TRUE(ws.SendText(std::string(5000, 'x')));
  int code = 0;
  EXPECT_FALSE(ws.Read(5s, &code).has_value());
  EXPECT_EQ(code, 1009);  // too big
}

TEST(WebSocketTest, SilentClientsAreClosedAfterTheHelloTimeout) {
  LiveServer server;
  WsClient ws(server.port());
  ASSERT_TRUE(ws.ok());
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(ws.Read(15s).has_value());
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_GE(waited, 9s);
  EXPECT_LT(waited, 14s);
}

}  // namespace
}  // namespace unknot::server
