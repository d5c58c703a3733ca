// What the /api tests through Route() share (no sockets): a fresh data dir
// with accounts, per-user journals and shares on a fixed clock, wired into
// a ServerContext, and helpers to call an endpoint and read the answer.
#ifndef UNKNOT_TESTS_SERVER_API_FIXTURE_H_
#define UNKNOT_TESTS_SERVER_API_FIXTURE_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "accounts/accounts.h"
#include "accounts/secrets.h"
#include "accounts/sqlite_account_store.h"
#include "http/router.h"
#include "sharing/shares.h"
#include "sync/sync_service.h"
#include "test_util.h"
#include "unknot/env.h"

namespace unknot::server::testing {

class ApiFixture : public ::testing::Test {
 protected:
  ApiFixture() {
    EXPECT_TRUE(InitSecrets());
    EXPECT_TRUE(
        SqliteAccountStore::Open((dir_.path() / "a.db").string(), &store_)
            .ok());
    std::filesystem::create_directories(dir_.path() / "users");
    accounts_ = std::make_unique<Accounts>(store_.get(), &env_);
    sync_ = std::make_unique<SyncService>(dir_.path() / "users", store_.get(),
                                          &env_, nullptr);
    shares_ =
        std::make_unique<Shares>(store_.get(), sync_.get(), nullptr, &env_);
    ctx_.version = "0.1.0";
    ctx_.accounts = accounts_.get();
    ctx_.sync = sync_.get();
    ctx_.shares = shares_.get();
  }

  Response Call(const std::string& method, const std::string& target,
                const std::string& body = "", const std::string& token = "") {
    Request req;
    req.method = method;
    req.target = target;
    req.body = body;
    req.remote = "127.0.0.1";
    if (!token.empty()) req.headers.Add("Authorization", "Bearer " + token);
    return Route(req, ctx_);
  }

  // "400 invalid-json": the status and the error code (or "ok").
  static std::string Summary(const Response& res) {
    const nlohmann::json body = nlohmann::json::parse(res.body, nullptr, false);
    std::string code = "ok";
    if (body.is_object() && body.contains("error"))
      code = body["error"]["code"].get<std::string>();
    return std::to_string(res.status) + " " + code;
  }

  static nlohmann::json Body(const Response& res) {
    return nlohmann::json::parse(res.body, nullptr, false);
  }

  // Signs `email` up (password "correct horse"); returns the session token.
  std::string Signup(const std::string& email = "ann@example.org") {
    Response res = Call(
        "POST", "/api/account/signup",
        nlohmann::json{{"email", email}, {"password", "correct horse"}}.dump());
    EXPECT_EQ(res.status, 201) << res.body;
    return nlohmann::json::parse(res.body)["token"].get<std::string>();
  }

  TempDir dir_;
  FakeEnv env_;
  std::unique_ptr<SqliteAccountStore> store_;
  std::unique_ptr<Accounts> accounts_;
  std::unique_ptr<SyncService> sync_;
  std::unique_ptr<Shares> shares_;
  ServerContext ctx_;
};

}  // namespace unknot::server::testing

#endif  // UNKNOT_TESTS_SERVER_API_FIXTURE_H_
