#include "util/ids.h"

#include <gtest/gtest.h>

namespace unknot {
namespace {

TEST(IdsTest, RowIdsStartWithTheTimeAndAlwaysIncrease) {
  FakeEnv env(0x0123456789ab, 3);
  std::string last;
  std::string a = NewRowId(&env, env.NowMillis(), &last);
  EXPECT_EQ(a.size(), 32u);
  EXPECT_EQ(a.substr(0, 12), "0123456789ab");
  std::string prev = a;
  for (int i = 0; i < 1000; ++i) {  // one burst within one millisecond
    std::string next = NewRowId(&env, env.NowMillis(), &last);
    ASSERT_GT(next, prev);
    prev = next;
  }
}

TEST(IdsTest, IncrementCarriesThroughHexDigits) {
  FakeEnv env(0, 3);
  std::string last = "ffffffffffff0000000000000000009f";
  EXPECT_EQ(NewRowId(&env, 0, &last), "ffffffffffff000000000000000000a0");
  last = "ffffffffffff00000000000000000fff";
  EXPECT_EQ(NewRowId(&env, 0, &last), "ffffffffffff00000000000000001000");
}

TEST(IdsTest, StableHashAndHex) {
  EXPECT_EQ(Hex64(Fnv1a64("")), "cbf29ce484222325");
  EXPECT_EQ(Hex64(Fnv1a64("a")), "af63dc4c8601ec8c");
}

}  // namespace
}  // namespace unknot
