#include "unknot/hlc.h"

#include <gtest/gtest.h>

namespace unknot {
namespace {

const char kDevice[] = "0123456789abcdef";

TEST(HlcTest, PrintsFixedWidthAndParsesBack) {
  Hlc h{1767225600123, 0x2a, kDevice};
  EXPECT_EQ(h.ToString(), "2026-01-01T00:00:00.123Z-002a-0123456789abcdef");
  Hlc back;
  ASSERT_TRUE(Hlc::Parse(h.ToString(), &back).ok());
  EXPECT_EQ(back, h);
}

TEST(HlcTest, TextOrderIsStampOrder) {
  Hlc a{1767225600000, 5, kDevice}, b{1767225600001, 0, kDevice},
      c{1767225600001, 0, "fedcba9876543210"};
  EXPECT_TRUE(a < b && b < c);
  EXPECT_LT(a.ToString(), b.ToString());
  EXPECT_LT(b.ToString(), c.ToString());
}

TEST(HlcTest, ParsesEveryDayThatExists) {
  Hlc out;
  for (const char* good : {"2028-02-29T23:59:59.999Z-ffff-0123456789abcdef",
                           "2000-02-29T00:00:00.000Z-0000-0123456789abcdef",
                           "2026-12-31T00:00:00.000Z-0001-0123456789abcdef",
                           "1970-01-01T00:00:00.000Z-0000-0123456789abcdef"}) {
    ASSERT_TRUE(Hlc::Parse(good, &out).ok()) << good;
    EXPECT_EQ(out.ToString(), good);
  }
}

TEST(HlcTest, RefusesNonCanonicalText) {
  Hlc out;
  for (const char* bad : {"", "2026-01-01T00:00:00.123Z-002a-0123456789ABCDEF",
                          "2026-02-30T00:00:00.000Z-0000-0123456789abcdef",
                          "2026-02-29T00:00:00.000Z-0000-0123456789abcdef",
                          "2100-02-29T00:00:00.000Z-0000-0123456789abcdef",
                          "2026-04-31T00:00:00.000Z-0000-0123456789abcdef",
                          "2026-01-01T00:00:00.123Z-002a-0123456789abcde",
                          "2026-01-01 00:00:00.123Z-002a-0123456789abcdef"}) {
    Status s = Hlc::Parse(bad, &out);
    EXPECT_EQ(s.code(), "invalid-clock") << bad;
  }
}

TEST(HlcClockTest, SendIsMonotonicWhenWallClockStandsStillOrGoesBack) {
  HlcClock clock(kDevice);
  Hlc a, b, c;
  ASSERT_TRUE(clock.Send(1000, &a).ok());
  ASSERT_TRUE(clock.Send(1000, &b).ok());
  ASSERT_TRUE(clock.Send(900, &c).ok());  // wall clock went back
  EXPECT_EQ(a.ToString().substr(24), "-0000-0123456789abcdef");
  EXPECT_TRUE(a < b);
  EXPECT_TRUE(b < c);
  EXPECT_EQ(c.millis, 1000);
  EXPECT_EQ(c.counter, 2u);
}

TEST(HlcClockTest, ReceiveMovesPastRemoteStamp) {
  HlcClock clock(kDevice);
  ASSERT_TRUE(clock.Receive({5000, 7, "ffffffffffffffff"}, 4000).ok());
  Hlc next;
  ASSERT_TRUE(clock.Send(4000, &next).ok());
  EXPECT_EQ(next.millis, 5000);
  EXPECT_EQ(next.counter, 8u);
  EXPECT_EQ(next.device, kDevice);
}

TEST(HlcClockTest, RefusesStampFarAheadAndStaysUnchanged) {
  HlcClock clock(kDevice);
  Hlc ahead{1000 + kMaxClockDriftMs + 1, 0, "ffffffffffffffff"};
  Status s = clock.Receive(ahead, 1000);
  EXPECT_EQ(s.code(), "clock-drift");
  EXPECT_EQ(clock.last().millis, 0);
  // Exactly at the limit is accepted.
  EXPECT_TRUE(
      clock.Receive({1000 + kMaxClockDriftMs, 0, "ff00ff00ff00ff00"}, 1000)
          .ok());
}

TEST(HlcClockTest, CounterOverflowIsAnError) {
  HlcClock clock(Hlc{1000, kMaxHlcCounter, kDevice});
  Hlc out;
  EXPECT_EQ(clock.Send(1000, &out).code(), "clock-overflow");
  EXPECT_TRUE(clock.Send(1001, &out).ok());
}

}  // namespace
}  // namespace unknot
