#include "http/static_files.h"

#include <gtest/gtest.h>

#include "http/mime.h"

namespace unknot::server {
namespace {

std::string Describe(const std::optional<SafePath>& p) {
  if (!p) return "refused";
  return "'" + p->relative + "'" + (p->directory_form ? " dir" : "");
}

TEST(ParseSafePathTest, DecodesAndNormalizes) {
  EXPECT_EQ(Describe(ParseSafePath("/")), "'' dir");
  EXPECT_EQ(Describe(ParseSafePath("/a/b.js?x=1#y")), "'a/b.js'");
  EXPECT_EQ(Describe(ParseSafePath("//a/./b%20c.js")), "'a/b c.js'");
  EXPECT_EQ(Describe(ParseSafePath("/docs/")), "'docs' dir");
  EXPECT_EQ(Describe(ParseSafePath("/a%2Fb")), "'a/b'");
}

TEST(ParseSafePathTest, RefusesTraversalAndJunk) {
  EXPECT_EQ(Describe(ParseSafePath("/a/../b")), "refused");
  EXPECT_EQ(Describe(ParseSafePath("/%2e%2E")), "refused");
  EXPECT_EQ(Describe(ParseSafePath("/a%5c..%5cb")), "refused");
  EXPECT_EQ(Describe(ParseSafePath("/a%00")), "refused");
  EXPECT_EQ(Describe(ParseSafePath("/a%2")), "refused");
  EXPECT_EQ(Describe(ParseSafePath("http://x/a")), "refused");
  EXPECT_EQ(Describe(ParseSafePath("")), "refused");
}

TEST(MimeTest, Types) {
  EXPECT_EQ(MimeTypeFor("a.wasm"), "application/wasm");
  EXPECT_EQ(MimeTypeFor("dir.v2/A.JS"), "text/javascript");
  EXPECT_EQ(MimeTypeFor("m.webmanifest"), "application/manifest+json");
  EXPECT_EQ(MimeTypeFor("README"), "application/octet-stream");
  EXPECT_EQ(MimeTypeFor("x.unknown"), "application/octet-stream");
  EXPECT_TRUE(IsCompressible("text/html; charset=utf-8"));
  EXPECT_TRUE(IsCompressible("application/wasm"));
  EXPECT_FALSE(IsCompressible("image/png"));
  EXPECT_FALSE(IsCompressible("font/woff2"));
}

TEST(IsHashedNameTest, RecognisesBundlerHashes) {
  EXPECT_TRUE(IsHashedName("index-3f9a2b1c.js"));
  EXPECT_TRUE(IsHashedName("assets/app.5d41402a.css"));
  EXPECT_TRUE(IsHashedName("chunk-B2x9_kQ1.js"));
  EXPECT_FALSE(IsHashedName("service-worker.js"));
  EXPECT_FALSE(IsHashedName("app.js"));
  EXPECT_FALSE(IsHashedName("OpenSans-Regular.woff2"));
  EXPECT_FALSE(IsHashedName("logo-12345678.png"));  // digits only: a date?
}

TEST(AcceptsGzipTest, Tokens) {
  EXPECT_TRUE(AcceptsGzip("gzip"));
  EXPECT_TRUE(AcceptsGzip("br, GZIP;q=0.5"));
  EXPECT_TRUE(AcceptsGzip("deflate, gzip ; q=1"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("br, identity"));
  EXPECT_FALSE(AcceptsGzip("x-gzipped"));
  EXPECT_FALSE(AcceptsGzip(""));
}

TEST(EtagMatchesTest, WeakComparison) {
  EXPECT_TRUE(EtagMatches("\"a\"", "\"a\""));
  EXPECT_TRUE(EtagMatches("W/\"a\"", "\"a\""));
  EXPECT_TRUE(EtagMatches("\"b\", \"a\"", "\"a\""));
  EXPECT_TRUE(EtagMatches("*", "\"a\""));
  EXPECT_FALSE(EtagMatches("\"ab\"", "\"a\""));
  EXPECT_FALSE(EtagMatches("", "\"a\""));
}

}  // namespace
}  // namespace unknot::server
