// Route() over a real temporary web root, no sockets. Responses are
// summarized as one readable line so a failure reads like a story.
#include "http/router.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "http/api_routes.h"
#include "test_util.h"
#include "tuning.h"

namespace unknot::server {
namespace {

using testing::CompressibleText;
using testing::Gunzip;
using testing::TempDir;

class RouterTest : public ::testing::Test {
 protected:
  RouterTest() : cache_(kGzipCacheBytes) {
    web_.Write("index.html", "<!doctype html><title>Unknot</title>");
    web_.Write("app.wasm", std::string("\0asm\1\0\0\0", 8));
    web_.Write("app.js", CompressibleText(5000));
    web_.Write("style.css", "body{}");
    web_.Write("icon.svg", "<svg/>");
    web_.Write("logo.png", "\x89PNG");
    web_.Write("manifest.webmanifest", "{}");
    web_.Write("data.json", "[]");
    web_.Write("sw.js", "self.skipWaiting()");
    web_.Write("assets/index-3f9a2b1c.js", "x");
    web_.Write("pre.js", "identity body");
    web_.Write("pre.js.gz", "pretend gzip bytes");
    web_.Write(".env", "SECRET=1");
    outside_.Write("secret.txt", "top secret");
    symlink((outside_.path() / "secret.txt").c_str(),
            (web_.path() / "escape.txt").c_str());
    symlink((web_.path() / "style.css").c_str(),
            (web_.path() / "alias.css").c_str());
    ctx_.version = "0.1.0";
    ctx_.web_root = web_.path();
    ctx_.gzip_cache = &cache_;
  }

  Response Send(std::string method, std::string target,
                std::vector<std::pair<std::string, std::string>> headers = {}) {
    Request req;
    req.method = std::move(method);
    req.target = std::move(target);
    for (auto& [name, value] : headers) req.headers.Add(name, value);
    return Route(req, ctx_);
  }
  Response Get(std::string target) { return Send("GET", std::move(target)); }
  Response GetGzip(std::string target) {
    return Send("GET", std::move(target), {{"Accept-Encoding", "gzip, br"}});
  }

  // "200 text/javascript gzip": status, type, content coding.
  static std::string Summary(const Response& res) {
    return std::to_string(res.status) + " " +
           res.headers.Get("Content-Type").value_or("-") + " " +
           res.headers.Get("Content-Encoding").value_or("identity");
  }
  static std::string ErrorCode(const Response& res) {
    auto j = nlohmann::json::parse(res.body, nullptr, false);
    if (j.is_discarded() || !j.contains("error")) return "(not an error)";
    return j["error"].value("code", "(no code)");
  }

  TempDir web_;
  TempDir outside_;
  GzipCache cache_;
  ServerContext ctx_;
};

TEST_F(RouterTest, HealthzIsJsonWithVersion) {
  const Response res = Get("/healthz");
  EXPECT_EQ(Summary(res), "200 application/json identity");
  EXPECT_EQ(res.body, R"({"status":"ok","version":"0.1.0"})");
}

TEST_F(RouterTest, MimeTypesOfTheWebApp) {
  EXPECT_EQ(Summary(Get("/app.wasm")), "200 application/wasm identity");
  EXPECT_EQ(Summary(Get("/app.js")), "200 text/javascript identity");
  EXPECT_EQ(Summary(Get("/style.css")), "200 text/css identity");
  EXPECT_EQ(Summary(Get("/icon.svg")), "200 image/svg+xml identity");
  EXPECT_EQ(Summary(Get("/logo.png")), "200 image/png identity");
  EXPECT_EQ(Summary(Get("/data.json")), "200 application/json identity");
  EXPECT_EQ(Summary(Get("/manifest.webmanifest")),
            "200 application/manifest+json identity");
  EXPECT_EQ(Summary(Get("/")), "200 text/html; charset=utf-8 identity");
  EXPECT_EQ(Get("/app.wasm").body, std::string("\0asm\1\0\0\0", 8));
}

TEST_F(RouterTest, CachingHeaders) {
  auto cache_control = [&](const std::string& target) {
    return Get(target).headers.Get("Cache-Control").value_or("-");
  };
  EXPECT_EQ(cache_control("/"), "no-cache");
  EXPECT_EQ(cache_control("/index.html"), "no-cache");
  EXPECT_EQ(cache_control("/sw.js"), "no-cache");
  EXPECT_EQ(cache_control("/manifest.webmanifest"), "no-cache");
  EXPECT_EQ(cache_control("/app.js"), "public, max-age=3600");
  EXPECT_EQ(cache_control("/assets/index-3f9a2b1c.js"),
            "public, max-age=31536000, immutable");
  EXPECT_EQ(cache_control("/healthz"), "no-store");
}

TEST_F(RouterTest, TraversalIsRefused) {
  for (const char* target :
       {"/../secret.txt", "/%2e%2e/secret.txt", "/a/%2E%2E/%2E%2E/etc/passwd",
        "/..%2fsecret.txt", "/x\\..\\secret.txt", "/%00index.html",
        "/bad%zzescape", "relative.js"}) {
    const Response res = Get(target);
    EXPECT_EQ(res.status, 400) << target;
    EXPECT_EQ(ErrorCode(res), "bad-path") << target;
  }
}

TEST_F(RouterTest, SymlinkOutOfRootIsNotServed) {
  const Response res = Get("/escape.txt");
  EXPECT_EQ(Summary(res), "404 application/json identity");
  EXPECT_EQ(res.body.find("top secret"), std::string::npos);
  EXPECT_EQ(Summary(Get("/alias.css")), "200 text/css identity");
}

TEST_F(RouterTest, DotFilesAreNotServed) {
  EXPECT_EQ(ErrorCode(Get("/.env")), "not-found");
  EXPECT_EQ(ErrorCode(Get("/%2eenv")), "not-found");
}

TEST_F(RouterTest, EtagAnswers304) {
  const Response first = Get("/app.wasm");
  const std::string etag = first.headers.Get("ETag").value_or("");
  ASSERT_FALSE(etag.empty());
  const Response again = Send("GET", "/app.wasm", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.body, "");
  EXPECT_EQ(again.headers.Get("ETag"), etag);
  EXPECT_EQ(Send("GET", "/app.wasm", {{"If-None-Match", "W/" + etag}}).status,
            304);
  EXPECT_EQ(Send("GET", "/app.wasm", {{"If-None-Match", "\"other\", " + etag}})
                .status,
            304);
  EXPECT_EQ(Send("GET", "/app.wasm", {{"If-None-Match", "\"other\""}}).status,
            200);
}

TEST_F(RouterTest, GzipAndIdentityHaveDifferentEtags) {
  const auto plain = Get("/app.js").headers.Get("ETag");
  const auto gz = GetGzip("/app.js").headers.Get("ETag");
  EXPECT_NE(plain, gz);
  EXPECT_EQ(Send("GET", "/app.js", {{"If-None-Match", *plain}}).status, 304);
  EXPECT_EQ(Send("GET", "/app.js",
                 {{"If-None-Match", *plain}, {"Accept-Encoding", "gzip"}})
                .status,
            200);
}

TEST_F(RouterTest, SpaFallbackForPathsWithoutExtension) {
  const Response route = Get("/entries/42?tab=notes");
  EXPECT_EQ(Summary(route), "200 text/html; charset=utf-8 identity");
  EXPECT_EQ(route.body, "<!doctype html><title>Unknot</title>");
  EXPECT_EQ(route.headers.Get("Cache-Control"), "no-cache");
  EXPECT_EQ(Get("/assets").status, 200);
  EXPECT_EQ(Get("/settings/").status, 200);
  EXPECT_EQ(ErrorCode(Get("/missing.js")), "not-found");
  EXPECT_EQ(Get("/missing.js").status, 404);
}

TEST_F(RouterTest, PrecompressedSiblingIsPreferred) {
  const Response gz = GetGzip("/pre.js");
  EXPECT_EQ(Summary(gz), "200 text/javascript gzip");
  EXPECT_EQ(gz.body, "pretend gzip bytes");
  EXPECT_EQ(gz.headers.Get("Vary"), "Accept-Encoding");

  const Response plain = Get("/pre.js");
  EXPECT_EQ(Summary(plain), "200 text/javascript identity");
  EXPECT_EQ(plain.body, "identity body");
  EXPECT_EQ(plain.headers.Get("Vary"), "Accept-Encoding");

  const Response refused =
      Send("GET", "/pre.js", {{"Accept-Encoding", "gzip;q=0"}});
  EXPECT_EQ(refused.body, "identity body");
}

TEST_F(RouterTest, TextIsGzippedOnTheFlyAndCached) {
  const Response gz = GetGzip("/app.js");
  EXPECT_EQ(Summary(gz), "200 text/javascript gzip");
  EXPECT_LT(gz.body.size(), 5000u);
  EXPECT_EQ(Gunzip(gz.body), CompressibleText(5000));
  EXPECT_EQ(cache_.entries(), 1u);
  EXPECT_EQ(GetGzip("/app.js").body, gz.body);
  EXPECT_EQ(cache_.entries(), 1u);

  web_.Write("app.js", CompressibleText(6000));  // a new version misses
  EXPECT_EQ(Gunzip(GetGzip("/app.js").body), CompressibleText(6000));
}

TEST_F(RouterTest, SmallAndBinaryFilesAreNotGzipped) {
  EXPECT_EQ(Summary(GetGzip("/style.css")), "200 text/css identity");
  EXPECT_EQ(Summary(GetGzip("/logo.png")), "200 image/png identity");
  EXPECT_FALSE(GetGzip("/logo.png").headers.Has("Vary"));
}

TEST_F(RouterTest, HeadHasGetHeadersWithoutBody) {
  const Response get = Get("/app.js");
  const Response head = Send("HEAD", "/app.js");
  EXPECT_TRUE(head.omit_body);
  EXPECT_FALSE(get.omit_body);
  EXPECT_EQ(head.body.size(), get.body.size());  // the session sends none
  EXPECT_EQ(head.headers.Get("ETag"), get.headers.Get("ETag"));
  EXPECT_TRUE(Send("HEAD", "/healthz").omit_body);
}

TEST_F(RouterTest, OtherMethodsOnStaticFilesAre405) {
  const Response res = Send("POST", "/");
  EXPECT_EQ(res.status, 405);
  EXPECT_EQ(ErrorCode(res), "method-not-allowed");
  EXPECT_EQ(res.headers.Get("Allow"), "GET, HEAD");
}

TEST_F(RouterTest, UnknownApiPathsAreJson404) {
  for (const char* target :
       {"/api", "/api/", "/api/sync/nothing?since=1", "/api/ws"}) {
    const Response res = Get(target);
    EXPECT_EQ(Summary(res), "404 application/json identity") << target;
    EXPECT_EQ(ErrorCode(res), "not-found") << target;
  }
  EXPECT_EQ(ErrorCode(Send("POST", "/api/anything")), "not-found");
  // Only the /api/ prefix is the API; /apiary is an SPA route.
  EXPECT_EQ(Summary(Get("/apiary")), "200 text/html; charset=utf-8 identity");
}

TEST_F(RouterTest, WebSocketUpgradeIsRecognised) {
  Request req;
  req.method = "GET";
  req.target = "/api/ws";
  req.headers.Add("Connection", "keep-alive, Upgrade");
  req.headers.Add("Upgrade", "WebSocket");
  EXPECT_TRUE(WantsWebSocket(req));
  req.target = "/api/other";
  EXPECT_FALSE(WantsWebSocket(req));
}

TEST_F(RouterTest, MissingWebAppIs503ButHealthzWorks) {
  ctx_.web_root.reset();
  const Response res = Get("/");
  EXPECT_EQ(Summary(res), "503 application/json identity");
  EXPECT_EQ(ErrorCode(res), "web-app-missing");
  EXPECT_EQ(Get("/healthz").status, 200);
  EXPECT_EQ(ErrorCode(Get("/api/x")), "not-found");
}

}  // namespace
}  // namespace unknot::server
