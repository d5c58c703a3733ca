// A real unknot-server on loopback with a fresh data dir, for the account,
// sync and WebSocket integration tests: start, restart on the same data
// dir, SIGKILL, and JSON requests with a bearer token.
#ifndef UNKNOT_TESTS_SERVER_LIVE_SERVER_H_
#define UNKNOT_TESTS_SERVER_LIVE_SERVER_H_

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "server_process.h"
#include "test_util.h"

namespace unknot::server::testing {

class LiveServer {
 public:
  // Starts the server; port() is 0 if it did not come up.
  LiveServer() { Start(); }

  void Start() {
    using namespace std::chrono_literals;
    process_.emplace(UNKNOT_SERVER_PATH,
                     std::vector<std::string>{"--port", "0", "--data-dir",
                                              data_dir().string()},
                     dir_.path() / "stderr");
    const std::string line = process_->ReadFirstLine(20s);
    std::smatch m;
    static const std::regex kLine(
        "listening on http://127\\.0\\.0\\.1:([0-9]+)/");
    port_ = std::regex_match(line, m, kLine) ? std::stoi(m[1]) : 0;
    EXPECT_NE(port_, 0) << "first line: " << line;
  }
  void Kill() {
    process_->Signal(SIGKILL);
    process_->Wait(std::chrono::seconds(10));
    process_.reset();
  }
  void Restart() {
    Kill();
    Start();
  }

  int port() const { return port_; }
  std::filesystem::path data_dir() const { return dir_.path() / "data"; }

  // A JSON request; the token (if any) as a bearer.
  HttpResponse Call(const std::string& method, const std::string& target,
                    const std::string& body = "",
                    const std::string& token = "") {
    std::vector<std::string> headers;
    if (!token.empty()) headers.push_back("Authorization: Bearer " + token);
    return Send(port_, method, target, body, headers);
  }

  // Signs up `email`; returns the session token ("" on failure).
  std::string Signup(const std::string& email) {
    HttpResponse res = Call(
        "POST", "/api/account/signup",
        nlohmann::json{{"email", email}, {"password", "correct horse"}}.dump());
    EXPECT_EQ(res.status, 201) << res.body;
    auto body = nlohmann::json::parse(res.body, nullptr, false);
    return body.is_object() && body.contains("token")
               ? body["token"].get<std::string>()
               : "";
  }

 private:
  TempDir dir_;
  std::optional<ServerProcess> process_;
  int port_ = 0;
};

// "401 unauthorized" / "200 ok": a response's status and error code.
inline std::string Summary(const HttpResponse& res) {
  auto body = nlohmann::json::parse(res.body, nullptr, false);
  std::string code = "ok";
  if (body.is_object() && body.contains("error") &&
      body["error"].contains("code"))
    code = body["error"]["code"].get<std::string>();
  return std::to_string(res.status) + " " + code;
}

}  // namespace unknot::server::testing

#endif  // UNKNOT_TESTS_SERVER_LIVE_SERVER_H_
