#include "app/locations.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "test_util.h"

namespace unknot::server {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

TEST(LocationsTest, CandidatesInOrder) {
  const auto got = WebDirCandidates("/opt/u/bin", "/env/web", "/src");
  const std::vector<fs::path> want = {
      "/env/web", "/opt/u/web", "/opt/u/web/dist", "/opt/u/share/unknot/web",
      "/src/web/dist"};
  EXPECT_EQ(got, want);
  EXPECT_EQ(WebDirCandidates("/b", "", "").size(), 3u);
}

TEST(LocationsTest, FindsBuildTreeLayout) {
  TempDir build;
  fs::create_directories(build.path() / "sync-server");
  EXPECT_EQ(
      FindWebDir(WebDirCandidates(build.path() / "sync-server", nullptr, "")),
      std::nullopt);
  build.Write("web/index.html", "x");
  EXPECT_EQ(
      FindWebDir(WebDirCandidates(build.path() / "sync-server", nullptr, "")),
      build.path() / "web");
}

TEST(LocationsTest, FindsInstalledLayout) {
  TempDir prefix;
  prefix.Write("share/unknot/web/index.html", "x");
  EXPECT_EQ(FindWebDir(WebDirCandidates(prefix.path() / "bin", nullptr, "")),
            prefix.path() / "share/unknot/web");
}

TEST(LocationsTest, DefaultDataDir) {
  EXPECT_EQ(DefaultDataDir("/xdg", "/home/a"), fs::path("/xdg/unknot-server"));
  EXPECT_EQ(DefaultDataDir("relative", "/home/a"),
            fs::path("/home/a/.local/share/unknot-server"));
  EXPECT_EQ(DefaultDataDir(nullptr, "/home/a"),
            fs::path("/home/a/.local/share/unknot-server"));
  EXPECT_EQ(DefaultDataDir(nullptr, nullptr), std::nullopt);
}

TEST(LocationsTest, EnsureDataDirCreatesPrivateDirectory) {
  TempDir tmp;
  const fs::path dir = tmp.path() / "a" / "b" / "unknot-server";
  EXPECT_EQ(EnsureDataDir(dir), "");
  struct stat st {};
  ASSERT_EQ(stat(dir.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  EXPECT_EQ(EnsureDataDir(dir), "");  // existing: fine, untouched
  tmp.Write("file", "x");
  EXPECT_NE(EnsureDataDir(tmp.path() / "file"), "");
}

}  // namespace
}  // namespace unknot::server
