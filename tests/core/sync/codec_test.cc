#include <gtest/gtest.h>

#include <string>

#include "unknot/sync.h"

namespace unknot {
namespace {

const char kDevice[] = "0123456789abcdef";
const char kClock[] = "2026-01-01T00:00:00.000Z-0000-0123456789abcdef";
const std::string kEntry = "0123456789abcdef0123456789abcdef";

CellChange Change(int i) {
  char hlc[64];
  std::snprintf(hlc, sizeof hlc, "2026-01-01T00:00:00.%03dZ-%04x-%s", i % 1000,
                i / 1000, kDevice);
  return {hlc, "entries", kEntry, "note",
          CellValue::Text("note " + std::to_string(i))};
}

std::string Body(const std::string& changes,
                 const std::string& extra = "\"protocol\":1") {
  return "{" + extra + ",\"device\":\"" + kDevice + "\",\"clock\":\"" + kClock +
         "\",\"changes\":" + changes + "}";
}

std::string Code(std::string_view body) {
  PushRequest req;
  Status s = DecodePushRequest(body, &req);
  if (!s.ok()) {
    EXPECT_TRUE(req.changes.empty() && req.device.empty())
        << "half-decoded request left behind";
  }
  return s.ok() ? "ok" : s.code();
}

TEST(SyncCodecTest, PushRoundTripsEveryValueType) {
  PushRequest req;
  req.device = kDevice;
  req.clock = kClock;
  req.changes = {Change(1), Change(2), Change(3)};
  req.changes[1].column = "stress";
  req.changes[1].value = CellValue::Int(-9007199254740993);
  req.changes[2].value = CellValue::Null();
  req.changes[0].value = CellValue::Text("quote \" slash \\ nl \n é 😀 \x01");
  req.changes.push_back(
      {kClock, "future_table", "r/1", "x_y", CellValue::Int(INT64_MAX)});
  std::string body = EncodePushRequest(req);
  PushRequest back;
  Status s = DecodePushRequest(body, &back);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(back.device, req.device);
  EXPECT_EQ(back.clock, req.clock);
  ASSERT_EQ(back.changes.size(), req.changes.size());
  size_t bytes = 0;
  for (size_t i = 0; i < req.changes.size(); ++i) {
    EXPECT_EQ(back.changes[i].hlc, req.changes[i].hlc);
    EXPECT_EQ(back.changes[i].table, req.changes[i].table);
    EXPECT_EQ(back.changes[i].row, req.changes[i].row);
    EXPECT_EQ(back.changes[i].column, req.changes[i].column);
    EXPECT_TRUE(back.changes[i].value == req.changes[i].value) << i;
    bytes += EncodedChangeSize(req.changes[i]);
  }
  // EncodedChangeSize is exact: the changes array is their sum (each with
  // its comma; the last comma stands for the brackets' two bytes minus one).
  std::string prefix = "\"changes\":";
  size_t at = body.find(prefix) + prefix.size();
  EXPECT_EQ(body.size() - at - 1, bytes + 1);
}

TEST(SyncCodecTest, PullPageAndFingerprintRoundTrip) {
  PullPage page;
  page.changes = {Change(5), Change(6)};
  page.cursor = 42;
  page.more = true;
  PullPage back;
  ASSERT_TRUE(DecodePullPage(EncodePullPage(page), &back).ok());
  EXPECT_EQ(back.cursor, 42);
  EXPECT_TRUE(back.more);
  ASSERT_EQ(back.changes.size(), 2u);
  EXPECT_EQ(back.changes[1].hlc, page.changes[1].hlc);

  StateFingerprint fp;
  fp.cells = 7;
  fp.buckets[0] = 1;
  fp.buckets[255] = 0xfedcba9876543210ull;
  StateFingerprint fp2;
  ASSERT_TRUE(DecodeFingerprint(EncodeFingerprint(fp), &fp2).ok());
  EXPECT_TRUE(fp == fp2);
  EXPECT_EQ(
      DecodeFingerprint("{\"protocol\":1,\"cells\":1,\"buckets\":[]}", &fp2)
          .code(),
      "invalid-request");
  // Each way a fingerprint can be wrong, on an otherwise good one.
  const std::string good = EncodeFingerprint(fp);
  auto with = [&](const std::string& from, const std::string& to) {
    std::string body = good;
    body.replace(body.find(from), from.size(), to);
    StateFingerprint ignored;
    return DecodeFingerprint(body, &ignored).code();
  };
  EXPECT_EQ(with("\"cells\":7", "\"cells\":-1"), "invalid-request");
  EXPECT_EQ(with("\"cells\":7", "\"cells\":\"7\""), "invalid-request");
  EXPECT_EQ(with("\"protocol\":1", "\"protocol\":2"), "invalid-request");
  EXPECT_EQ(with("\"fedcba9876543210\"", "\"FEDCBA9876543210\""),
            "invalid-request");
  EXPECT_EQ(with("\"fedcba9876543210\"", "\"fedcba987654321\""),
            "invalid-request");
  EXPECT_EQ(with("\"fedcba9876543210\"", "7"), "invalid-request");
  EXPECT_EQ(with("\"fedcba9876543210\"]", "\"fedcba9876543210\",\"0\"]"),
            "invalid-request");                     // 257 buckets
  EXPECT_EQ(with("{", "{\"x\":{\"y\":[1]},"), "");  // unknown keys skipped
}

TEST(SyncCodecTest, EachRefusalHasItsCode) {
  std::string one = "[[\"" + Change(1).hlc + "\",\"entries\",\"" + kEntry +
                    "\",\"stress\",4]]";
  EXPECT_EQ(Code(Body(one)), "ok");
  // invalid-json: not JSON, truncated, deep nesting.
  EXPECT_EQ(Code(""), "invalid-json");
  EXPECT_EQ(Code("{\"protocol\":1,"), "invalid-json");
  EXPECT_EQ(Code(Body("[[[[[[1]]]]]]")), "invalid-json");
  EXPECT_EQ(Code(std::string(1000000, '[')), "invalid-json");
  EXPECT_EQ(Code(std::string(1000000, '{')), "invalid-json");
  // Brackets inside strings are not nesting.
  std::string brackets = "[[\"" + Change(1).hlc + "\",\"entries\",\"" + kEntry +
                         "\",\"note\",\"[[[[[[[[{{{{\\\"\"]]";
  EXPECT_EQ(Code(Body(brackets)), "ok");
  // invalid-request: shapes, types, protocol.
  EXPECT_EQ(Code("[]"), "invalid-request");
  EXPECT_EQ(Code("\"x\""), "invalid-request");
  EXPECT_EQ(Code(Body(one, "\"protocol\":2")), "invalid-request");
  EXPECT_EQ(Code(Body(one, "\"protocol\":\"1\"")), "invalid-request");
  EXPECT_EQ(Code(Body(one, "\"protocol\":1.0")), "invalid-request");
  EXPECT_EQ(Code(Body(one, "\"x\":1")), "invalid-request");  // no protocol
  EXPECT_EQ(Code(Body("{}")), "invalid-request");
  EXPECT_EQ(Code(Body("[1]")), "invalid-request");
  EXPECT_EQ(Code(Body("[[\"a\",\"b\",\"c\",\"d\"]]")), "invalid-request");
  std::string hlc = "\"" + Change(1).hlc + "\"";
  EXPECT_EQ(Code(Body("[[" + hlc + ",\"entries\",\"" + kEntry +
                      "\",\"stress\",4.5]]")),
            "invalid-request");
  EXPECT_EQ(Code(Body("[[" + hlc + ",\"entries\",\"" + kEntry +
                      "\",\"flare\",true]]")),
            "invalid-request");
  EXPECT_EQ(Code(Body("[[" + hlc + ",\"entries\",\"" + kEntry +
                      "\",\"stress\",[4]]]")),
            "invalid-request");
  EXPECT_EQ(Code(Body("[[" + hlc + ",\"entries\",\"" + kEntry +
                      "\",\"stress\",18446744073709551615]]")),
            "invalid-request");
  EXPECT_EQ(Code(Body("[[" + hlc + ",1,\"" + kEntry + "\",\"stress\",4]]")),
            "invalid-request");
  EXPECT_EQ(Code("{\"protocol\":1,\"device\":1,\"clock\":\"x\","
                 "\"changes\":[]}"),
            "invalid-request");
  // invalid-clock: the device id, the clock, a change's stamp.
  EXPECT_EQ(Code("{\"protocol\":1,\"device\":\"0123\",\"clock\":\"" +
                 std::string(kClock) + "\",\"changes\":[]}"),
            "invalid-clock");
  EXPECT_EQ(Code("{\"protocol\":1,\"device\":\"" + std::string(kDevice) +
                 "\",\"clock\":\"2026-01-01T00:00:00.000Z-0000-"
                 "aaaaaaaaaaaaaaaa\",\"changes\":[]}"),
            "invalid-clock");
  EXPECT_EQ(Code(Body("[[\"2026-01-01T00:00:00Z\",\"entries\",\"" + kEntry +
                      "\",\"stress\",4]]")),
            "invalid-clock");
  // invalid-change: types of known columns, row ids, names, UTF-8.
  EXPECT_EQ(Code(Body("[[" + hlc + ",\"entries\",\"" + kEntry +
                      "\",\"stress\",\"four\"]]")),
            "invalid-change");
  EXPECT_EQ(
      Code(Body("[[" + hlc + ",\"entries\",\"" + kEntry + "\",\"flare\",2]]")),
      "invalid-change");
  EXPECT_EQ(Code(Body("[[" + hlc + ",\"entries\",\"xyz\",\"stress\",4]]")),
            "invalid-change");
  EXPECT_EQ(Code(Body("[[" + hlc + ",\"Entries!\",\"r\",\"x\",4]]")),
            "invalid-change");
  EXPECT_EQ(Code(Body("[[" + hlc + ",\"t\",\"" + std::string(300, 'r') +
                      "\",\"x\",4]]")),
            "invalid-change");
  // batch-too-large: count and bytes.
  std::string many = "[";
  for (size_t i = 0; i <= kMaxSyncBatchChanges; ++i) {
    many += (i ? ",[" : "[") + hlc + ",\"entries\",\"" + kEntry +
            "\",\"stress\",4]";
  }
  EXPECT_EQ(Code(Body(many + "]")), "batch-too-large");
  std::string big = "[";
  for (int i = 0; i < 20; ++i) {
    big += (i ? ",[" : "[") + hlc + ",\"future\",\"r\",\"x\",\"" +
           std::string(60000, 'a') + "\"]";
  }
  EXPECT_EQ(Code(Body(big + "]")), "batch-too-large");
  EXPECT_EQ(Code(std::string(7 << 20, ' ')), "batch-too-large");
}

TEST(SyncCodecTest, AFullBatchAtTheLimitsDecodes) {
  PushRequest req;
  req.device = kDevice;
  req.clock = kClock;
  for (size_t i = 0; i < kMaxSyncBatchChanges; ++i) {
    CellChange c = Change(static_cast<int>(i));
    c.table = "t";
    c.row = "r" + std::to_string(i);
    c.value = CellValue::Int(1);
    req.changes.push_back(c);
  }
  PushRequest back;
  Status s = DecodePushRequest(EncodePushRequest(req), &back);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(back.changes.size(), kMaxSyncBatchChanges);
}

TEST(SyncCodecTest, PullPageRefusesBadCursorsAndChanges) {
  PullPage page;
  EXPECT_EQ(DecodePullPage("{\"protocol\":1,\"changes\":[],\"cursor\":-1,"
                           "\"more\":false}",
                           &page)
                .code(),
            "invalid-request");
  EXPECT_EQ(
      DecodePullPage("{\"protocol\":1,\"changes\":[],\"cursor\":1}", &page)
          .code(),
      "invalid-request");
  EXPECT_EQ(DecodePullPage("{\"protocol\":1,\"changes\":[[\"x\",\"t\",\"r\","
                           "\"c\",1]],\"cursor\":1,\"more\":false}",
                           &page)
                .code(),
            "invalid-clock");
}

TEST(FingerprintHashTest, FixedValuesAndBucketOfTheKey) {
  // FNV-1a 64 of "" is the offset basis; these pin the protocol's hashes.
  std::string key = std::string("entries") + '\0' + "r" + '\0' + "note";
  uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : key) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  EXPECT_EQ(FingerprintBucket("entries", "r", "note"), h % 256);
  std::string with = key + '\0' + "stamp";
  uint64_t h2 = 0xcbf29ce484222325ULL;
  for (char c : with) {
    h2 ^= static_cast<unsigned char>(c);
    h2 *= 0x100000001b3ULL;
  }
  EXPECT_EQ(FingerprintHash("entries", "r", "note", "stamp"), h2);
  EXPECT_NE(FingerprintBucket("entries", "r", "note") ==
                    FingerprintBucket("entries", "rn", "ote") &&
                FingerprintHash("entries", "r", "note", "s") ==
                    FingerprintHash("entries", "rn", "ote", "s"),
            true)
      << "the separators keep keys apart";
}

}  // namespace
}  // namespace unknot
