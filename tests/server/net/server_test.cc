// Runs the real unknot-server binary on loopback: the contract scripts rely
// on (first stdout line, flags, exit codes, SIGTERM) and the headers a
// browser sees.
#include "net/server.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <thread>

#include "http/gzip_cache.h"
#include "server_process.h"
#include "test_util.h"
#include "unknot/server_version.h"

namespace unknot::server {
namespace {

using namespace std::chrono_literals;
using testing::CompressibleText;
using testing::Get;
using testing::Gunzip;
using testing::ServerProcess;
using testing::TempDir;

std::string ReadAll(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class ServerTest : public ::testing::Test {
 protected:
  ServerTest() {
    web_.Write("index.html", "<!doctype html><title>Unknot</title>");
    web_.Write("app.wasm", std::string("\0asm\1\0\0\0", 8));
    web_.Write("app.js", CompressibleText(5000));
    web_.Write("pre.css", "body{color:red}");
    web_.Write("pre.css.gz", *GzipCompress("body{color:red}", 9));
  }

  // Starts the server with `extra` flags; returns the port from the first
  // stdout line, which must match `scheme`.
  int Start(std::vector<std::string> extra = {}, const char* scheme = "http") {
    std::vector<std::string> args = {
        "--port",     "0",
        "--data-dir", (tmp_.path() / "data").string(),
        "--web-dir",  web_.path().string()};
    args.insert(args.end(), extra.begin(), extra.end());
    server_.emplace(UNKNOT_SERVER_PATH, args, stderr_path());
    const std::string line = server_->ReadFirstLine(10s);
    std::smatch m;
    const std::regex want(std::string("listening on ") + scheme +
                          "://127\\.0\\.0\\.1:([0-9]+)/");
    EXPECT_TRUE(std::regex_match(line, m, want)) << "first line: " << line;
    return m.empty() ? 0 : std::stoi(m[1]);
  }

  // SIGTERM; the server must exit 0 within 5 s.
  void StopCleanly() {
    server_->Signal(SIGTERM);
    EXPECT_EQ(server_->Wait(5s), std::optional<int>(0));
  }

  std::filesystem::path stderr_path() const { return tmp_.path() / "stderr"; }

  TempDir tmp_;
  TempDir web_;
  std::optional<ServerProcess> server_;
};

TEST_F(ServerTest, ServesTheWebAppAndStopsOnSigterm) {
  const int port = Start();
  ASSERT_NE(port, 0);
  EXPECT_TRUE(std::filesystem::is_directory(tmp_.path() / "data"));

  auto health = Get(port, "/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.Header("content-type"), "application/json");
  EXPECT_EQ(health.body, std::string(R"({"status":"ok","version":")") +
                             kServerVersion + "\"}");

  auto wasm = Get(port, "/app.wasm");
  EXPECT_EQ(wasm.status, 200);
  EXPECT_EQ(wasm.Header("content-type"), "application/wasm");
  EXPECT_EQ(wasm.body, std::string("\0asm\1\0\0\0", 8));

  auto js = Get(port, "/app.js", {"Accept-Encoding: gzip, deflate, br"});
  EXPECT_EQ(js.Header("content-encoding"), "gzip");
  EXPECT_EQ(js.Header("vary"), "Accept-Encoding");
  EXPECT_EQ(js.Header("content-length"), std::to_string(js.body.size()));
  EXPECT_EQ(Gunzip(js.body), CompressibleText(5000));

  auto css = Get(port, "/pre.css", {"Accept-Encoding: gzip"});
  EXPECT_EQ(css.Header("content-encoding"), "gzip");
  EXPECT_EQ(Gunzip(css.body), "body{color:red}");

  auto again =
      Get(port, "/app.wasm", {"If-None-Match: " + wasm.Header("etag")});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.body, "");

  auto head = Get(port, "/app.js", {}, "HEAD");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.Header("content-length"), "5000");
  EXPECT_EQ(head.body, "");

  EXPECT_EQ(testing::RawRequest(port,
                                "GET /../etc/passwd HTTP/1.1\r\n"
                                "Host: x\r\nConnection: close\r\n\r\n")
                .status,
            400);
  EXPECT_EQ(Get(port, "/entries/7").Header("cache-control"), "no-cache");
  EXPECT_EQ(Get(port, "/api/nope").status, 404);

  StopCleanly();
}

TEST_F(ServerTest, AccessLogIsOneJsonLinePerRequest) {
  const int port = Start();
  ASSERT_EQ(Get(port, "/app.wasm?x=1").status, 200);
  StopCleanly();
  std::istringstream lines(ReadAll(stderr_path()));
  int access_lines = 0;
  for (std::string line; std::getline(lines, line);) {
    const auto j = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << line;
    if (!j.contains("status")) continue;
    ++access_lines;
    EXPECT_EQ(j["method"], "GET");
    EXPECT_EQ(j["target"], "/app.wasm?x=1");
    EXPECT_EQ(j["status"], 200);
    EXPECT_EQ(j["bytes"], 8);
    EXPECT_EQ(j["remote"], "127.0.0.1");
    EXPECT_TRUE(j["ms"].is_number());
    EXPECT_EQ(j["ts"].get<std::string>().back(), 'Z');
  }
  EXPECT_EQ(access_lines, 1);
}

TEST_F(ServerTest, IdleKeepAliveConnectionDoesNotDelayShutdown) {
  const int port = Start();
  const int idle = testing::ConnectIdle(port);
  ASSERT_GE(idle, 0);
  std::this_thread::sleep_for(100ms);  // let the server accept it
  const auto start = std::chrono::steady_clock::now();
  StopCleanly();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  close(idle);
}

TEST_F(ServerTest, SigintAlsoStopsCleanly) {
  Start();
  server_->Signal(SIGINT);
  EXPECT_EQ(server_->Wait(5s), std::optional<int>(0));
}

TEST_F(ServerTest, BadFlagsExit2WithUsage) {
  ServerProcess bad(UNKNOT_SERVER_PATH, {"--port", "0", "--frobnicate", "1"},
                    stderr_path());
  EXPECT_EQ(bad.Wait(5s), std::optional<int>(2));
  EXPECT_EQ(
      ReadAll(stderr_path()).rfind("error: usage: unknot-server [--port", 0),
      0u);
}

TEST_F(ServerTest, ServesHttpsWithTlsFlags) {
  const std::string cert = (tmp_.path() / "cert.pem").string();
  const std::string key = (tmp_.path() / "key.pem").string();
  const std::string make_cert =
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 "
      "-nodes -days 1 -subj /CN=localhost -keyout " +
      key + " -out " + cert + " >/dev/null 2>&1";
  if (std::system(make_cert.c_str()) != 0) GTEST_SKIP() << "no openssl CLI";
  const int port = Start({"--tls-cert", cert, "--tls-key", key}, "https");
  ASSERT_NE(port, 0);
  auto health = Get(port, "/healthz", {}, "GET", /*tls=*/true);
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.Header("content-type"), "application/json");
  // A plain-HTTP client gets no HTTP answer from a TLS port.
  EXPECT_EQ(Get(port, "/healthz").status, 0);
  StopCleanly();
}

}  // namespace
}  // namespace unknot::server
