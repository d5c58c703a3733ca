#include "http/gzip_cache.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace unknot::server {
namespace {

TEST(GzipCompressTest, RoundTrips) {
  const std::string text = testing::CompressibleText(10000);
  const auto gz = GzipCompress(text, 6);
  ASSERT_TRUE(gz.has_value());
  EXPECT_LT(gz->size(), text.size() / 3);
  EXPECT_EQ(testing::Gunzip(*gz), text);
  EXPECT_EQ(testing::Gunzip(*GzipCompress("", 6)), "");
}

TEST(GzipCacheTest, CompressesOncePerKey) {
  GzipCache cache(1000);
  int calls = 0;
  auto make = [&](std::string v) {
    return [&calls, v] {
      ++calls;
      return std::optional<std::string>(v);
    };
  };
  EXPECT_EQ(*cache.GetOrCompress("a", make("AAAA")), "AAAA");
  EXPECT_EQ(*cache.GetOrCompress("a", make("other")), "AAAA");
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(
      cache.GetOrCompress("b", [] { return std::optional<std::string>(); }),
      nullptr);
  EXPECT_EQ(cache.entries(), 1u);
}

TEST(GzipCacheTest, EvictsLeastRecentlyUsedOverCapacity) {
  GzipCache cache(10);
  auto value = [](const char* v) {
    return [v] { return std::optional<std::string>(v); };
  };
  cache.GetOrCompress("a", value("1234"));
  cache.GetOrCompress("b", value("1234"));
  cache.GetOrCompress("a", value("xxxx"));  // touch a: b is now oldest
  cache.GetOrCompress("c", value("1234"));  // 12 bytes > 10: evict b
  EXPECT_EQ(cache.entries(), 2u);
  EXPECT_EQ(cache.size_bytes(), 8u);
  EXPECT_EQ(*cache.GetOrCompress("a", value("new")), "1234");
  EXPECT_EQ(*cache.GetOrCompress("b", value("new")), "new");
  // Larger than the whole cache: returned, never kept.
  EXPECT_EQ(*cache.GetOrCompress("big", value("0123456789abc")),
            "0123456789abc");
  EXPECT_LE(cache.size_bytes(), 10u);
}

}  // namespace
}  // namespace unknot::server
