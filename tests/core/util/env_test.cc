#include "unknot/env.h"

#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace unknot {
namespace {

std::string Hex(const std::vector<uint8_t>& bytes) {
  std::string out;
  char buf[3];
  for (uint8_t b : bytes) {
    std::snprintf(buf, sizeof(buf), "%02x", b);
    out += buf;
  }
  return out;
}

std::vector<uint8_t> Draw(Env* env, size_t n) {
  std::vector<uint8_t> bytes(n);
  env->RandomBytes(bytes.data(), n);
  return bytes;
}

TEST(FakeEnvTest, DefaultsAndClock) {
  FakeEnv env;
  EXPECT_EQ(1767225600000, env.NowMillis());
  EXPECT_EQ(0, env.UtcOffsetMinutes(env.NowMillis()));
  env.Advance(1500);
  EXPECT_EQ(1767225601500, env.NowMillis());
  env.SetNow(42);
  EXPECT_EQ(42, env.NowMillis());
  env.SetOffsetMinutes(-330);
  EXPECT_EQ(-330, env.UtcOffsetMinutes(0));
  EXPECT_EQ(-330, env.UtcOffsetMinutes(1767225600000));
}

TEST(FakeEnvTest, SameSeedSameBytes) {
  FakeEnv a(0, 7);
  FakeEnv b(0, 7);
  EXPECT_EQ(Hex(Draw(&a, 40)), Hex(Draw(&b, 40)));
}

TEST(FakeEnvTest, KnownSplitMix64Stream) {
  // splitmix64 from state 0 yields 0xe220a8397b1dcdaf first; bytes are
  // written least significant first.
  FakeEnv env(0, 0);
  EXPECT_EQ("afcd1d7b39a820e2", Hex(Draw(&env, 8)));
}

TEST(FakeEnvTest, DifferentSeedsDiffer) {
  FakeEnv a(0, 1);
  FakeEnv b(0, 2);
  EXPECT_NE(Hex(Draw(&a, 16)), Hex(Draw(&b, 16)));
}

TEST(FakeEnvTest, StreamDoesNotRepeatAndOddSizesWork) {
  FakeEnv env;
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    EXPECT_TRUE(seen.insert(Hex(Draw(&env, 16))).second);
  }
  EXPECT_EQ(3u, Draw(&env, 3).size());
  EXPECT_EQ(0u, Draw(&env, 0).size());
}

TEST(DefaultEnvTest, IsASingleton) {
  EXPECT_NE(nullptr, Env::Default());
  EXPECT_EQ(Env::Default(), Env::Default());
}

TEST(DefaultEnvTest, ClockIsCurrent) {
  const int64_t now = Env::Default()->NowMillis();
  EXPECT_GT(now, 1735689600000);  // after 2025-01-01
  EXPECT_LT(now, 4102444800000);  // before 2100-01-01
  EXPECT_LE(now, Env::Default()->NowMillis());
}

TEST(DefaultEnvTest, RandomBytesBeyondOneEntropyChunk) {
  // 1000 bytes takes four getentropy() calls of at most 256 bytes.
  const std::vector<uint8_t> a = Draw(Env::Default(), 1000);
  const std::vector<uint8_t> b = Draw(Env::Default(), 1000);
  EXPECT_NE(a, b);
  // The last chunk was filled too: 232 zero bytes by chance is impossible.
  EXPECT_NE(std::vector<uint8_t>(232, 0),
            std::vector<uint8_t>(a.end() - 232, a.end()));
}

TEST(DefaultEnvTest, UtcOffsetIsPlausible) {
  const int offset = Env::Default()->UtcOffsetMinutes(1767225600000);
  EXPECT_GE(offset, -18 * 60);
  EXPECT_LE(offset, 18 * 60);
}

TEST(DefaultEnvTest, UtcOffsetFollowsTz) {
  const char* old = std::getenv("TZ");
  const std::string saved = old != nullptr ? old : "";
  // POSIX TZ strings need no time zone database: "<+0530>-5:30" is 5:30
  // east of UTC all year; the second has EU-style daylight saving.
  setenv("TZ", "<+0530>-5:30", 1);
  tzset();
  EXPECT_EQ(330, Env::Default()->UtcOffsetMinutes(1767225600000));
  setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);
  tzset();
  EXPECT_EQ(60, Env::Default()->UtcOffsetMinutes(1767225600000));   // Jan
  EXPECT_EQ(120, Env::Default()->UtcOffsetMinutes(1782864000000));  // Jul
  EXPECT_EQ(60, Env::Default()->UtcOffsetMinutes(-1));  // before 1970
  if (old != nullptr) {
    setenv("TZ", saved.c_str(), 1);
  } else {
    unsetenv("TZ");
  }
  tzset();
}

}  // namespace
}  // namespace unknot
