// The /api/account endpoints through Route(), no sockets: shapes of the
// answers, every refusal with its code, and the lanes the session uses.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "accounts/accounts.h"
#include "accounts/secrets.h"
#include "accounts/sqlite_account_store.h"
#include "api_fixture.h"
#include "http/api_routes.h"
#include "http/router.h"

namespace unknot::server {
namespace {

using nlohmann::json;

// Accounts alone: sync and sharing are not needed here.
class AccountApiTest : public testing::ApiFixture {
 protected:
  AccountApiTest() {
    ctx_.sync = nullptr;
    ctx_.shares = nullptr;
  }
};

TEST_F(AccountApiTest, SignupLoginAccountLogout) {
  Response res =
      Call("POST", "/api/account/signup",
           R"({"email":"Ann@Example.org","password":"correct horse",)"
           R"("role":"therapist"})");
  ASSERT_EQ(res.status, 201) << res.body;
  EXPECT_EQ(res.headers.Get("Cache-Control").value_or(""), "no-store");
  json body = json::parse(res.body);
  EXPECT_EQ(body["email"], "ann@example.org");
  EXPECT_EQ(body["role"], "therapist");
  EXPECT_EQ(body["recovery_codes"].size(), 10u);
  EXPECT_EQ(body["expires_at"], "2026-01-31T00:00:00.000Z");
  for (const char* key : {"user_id", "token"})
    EXPECT_TRUE(body[key].is_string()) << key;

  res = Call("POST", "/api/account/login",
             R"({"email":"ann@example.org","password":"correct horse"})");
  ASSERT_EQ(res.status, 200) << res.body;
  json login = json::parse(res.body);
  EXPECT_EQ(login["user_id"], body["user_id"]);
  EXPECT_FALSE(login.contains("recovery_codes"));
  const std::string token = login["token"];

  res = Call("GET", "/api/account", "", token);
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(json::parse(res.body),
            (json{{"user_id", body["user_id"]},
                  {"email", "ann@example.org"},
                  {"role", "therapist"},
                  {"created_at", "2026-01-01T00:00:00.000Z"}}));

  EXPECT_EQ(Summary(Call("POST", "/api/account/logout", "", token)), "200 ok");
  EXPECT_EQ(Summary(Call("GET", "/api/account", "", token)),
            "401 unauthorized");
  // The signup's own session is still valid.
  EXPECT_EQ(Summary(Call("GET", "/api/account", "", body["token"])), "200 ok");
}

TEST_F(AccountApiTest, BadInputIsRefusedWithItsCode) {
  Signup();
  auto signup = [&](const std::string& body) {
    return Summary(Call("POST", "/api/account/signup", body));
  };
  EXPECT_EQ(signup("{"), "400 invalid-json");
  EXPECT_EQ(signup(""), "400 invalid-json");
  EXPECT_EQ(signup("[1]"), "400 invalid-request");
  EXPECT_EQ(signup(std::string(100, '[') + std::string(100, ']')),
            "400 invalid-json");
  EXPECT_EQ(signup(R"({"email":1,"password":"correct horse"})"),
            "400 invalid-request");
  EXPECT_EQ(signup(R"({"email":"bob@example.org"})"), "400 invalid-request");
  EXPECT_EQ(signup(R"({"email":"bob@example.org","password":"x","role":3})"),
            "400 invalid-request");
  EXPECT_EQ(signup(R"({"email":"bob","password":"correct horse"})"),
            "400 invalid-email");
  EXPECT_EQ(signup(R"({"email":"bob@example.org","password":"short"})"),
            "400 weak-password");
  EXPECT_EQ(signup(R"({"email":"ann@example.org","password":"correct horse"})"),
            "409 email-taken");
  EXPECT_EQ(signup(json{{"email", "bob@example.org"},
                        {"password", std::string(5000, 'x')}}
                       .dump()),
            "413 payload-too-large");
  EXPECT_EQ(Summary(Call("POST", "/api/account/login",
                         R"({"email":"ann@example.org","password":"nope"})")),
            "401 login-failed");
  EXPECT_EQ(Summary(Call("GET", "/api/account/signup")),
            "405 method-not-allowed");
  // Nothing was stored by the refusals.
  EXPECT_EQ(Summary(Call(
                "POST", "/api/account/login",
                R"({"email":"bob@example.org","password":"correct horse"})")),
            "401 login-failed");
}

TEST_F(AccountApiTest, TooManyFailuresAnswer429WithRetryAfter) {
  Signup();
  const std::string wrong = R"({"email":"ann@example.org","password":"nope"})";
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(Summary(Call("POST", "/api/account/login", wrong)),
              "401 login-failed");
  Response res =
      Call("POST", "/api/account/login",
           R"({"email":"ann@example.org","password":"correct horse"})");
  EXPECT_EQ(Summary(res), "429 too-many-attempts");
  EXPECT_EQ(res.headers.Get("Retry-After").value_or(""), "900");
}

TEST_F(AccountApiTest, BadTokensAreUnauthorized) {
  Signup();
  const std::vector<std::string> headers = {
      "",          "Bearer",          "Bearer ",
      "Basic abc", "Bearer nonsense", "Bearer " + std::string(300, 'a')};
  for (const std::string& header : headers) {
    Request req;
    req.method = "GET";
    req.target = "/api/account";
    if (!header.empty()) req.headers.Add("Authorization", header);
    Response res = Route(req, ctx_);
    EXPECT_EQ(Summary(res), "401 unauthorized") << header;
    EXPECT_EQ(res.headers.Get("WWW-Authenticate").value_or(""), "Bearer");
  }
}

TEST_F(AccountApiTest, WithoutAccountsTheEndpointsAre503) {
  ctx_.accounts = nullptr;
  EXPECT_EQ(Summary(Call("POST", "/api/account/signup", "{}")),
            "503 service-unavailable");
  EXPECT_EQ(Summary(Call("GET", "/api/account", "", "x")),
            "503 service-unavailable");
}

TEST(ApiLaneTest, PasswordRoutesHashOffTheIoThreads) {
  auto lane = [](const char* method, const char* target) {
    Request req;
    req.method = method;
    req.target = target;
    return LaneOf(req);
  };
  EXPECT_EQ(lane("POST", "/api/account/signup"), ApiLane::kHash);
  EXPECT_EQ(lane("POST", "/api/account/login"), ApiLane::kHash);
  EXPECT_EQ(lane("POST", "/api/account/recover"), ApiLane::kHash);
  EXPECT_EQ(lane("GET", "/api/account"), ApiLane::kWorker);
  EXPECT_EQ(lane("GET", "/api/account/login"), ApiLane::kInline);  // 405
  EXPECT_EQ(lane("GET", "/index.html"), ApiLane::kInline);
  EXPECT_EQ(lane("GET", "/api/nope"), ApiLane::kInline);
}

}  // namespace
}  // namespace unknot::server
