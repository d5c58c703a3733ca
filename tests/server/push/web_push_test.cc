// Web Push encryption and VAPID (docs/push.md) against RFC 8291's worked
// example byte for byte, the browser's side decrypting what the server
// sends, and JWTs a push service would accept.
#include "push/web_push.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace unknot::server {
namespace {

// RFC 8291, Appendix A.
constexpr char kPlaintext[] = "When I grow up, I want to be a watermelon";
constexpr char kAsPrivate[] = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
constexpr char kAsPublic[] =
    "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEq"
    "KK6PBru3jl7A8";
constexpr char kUaPrivate[] = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
constexpr char kUaPublic[] =
    "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH"
    "6SRpkNtoIAiw4";
constexpr char kSalt[] = "DGv6ra1nlYgDCS1FRnbzlw";
constexpr char kAuth[] = "BTBZMqHH6r4Tts7J_aSIgg";
constexpr char kBody[] =
    "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDl"
    "l6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2K"
    "s3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

std::string B64(const char* text) {
  std::string out;
  EXPECT_TRUE(Base64UrlDecode(text, &out)) << text;
  return out;
}

PushKeys UaKeys() { return {B64(kUaPublic), B64(kAuth)}; }

TEST(WebPushTest, Base64UrlRoundTripsAndRefusesOtherAlphabets) {
  for (std::string bytes : {"", "f", "fo", "foo", "foob", "\xff\xfe\x00"}) {
    std::string back;
    ASSERT_TRUE(Base64UrlDecode(Base64UrlEncode(bytes), &back));
    EXPECT_EQ(back, bytes);
  }
  EXPECT_EQ(Base64UrlEncode("\xfb\xff"), "-_8");
  std::string out;
  EXPECT_TRUE(Base64UrlDecode("Zm8=", &out));  // padding is accepted
  EXPECT_EQ(out, "fo");
  EXPECT_FALSE(Base64UrlDecode("+/8", &out));  // base64, not base64url
  EXPECT_FALSE(Base64UrlDecode("Zm8 ", &out));
  EXPECT_FALSE(Base64UrlDecode("Z", &out));
}

TEST(WebPushTest, ReproducesRfc8291AppendixA) {
  std::string body;
  ASSERT_TRUE(EncryptPushPayload(kPlaintext, UaKeys(), &body, B64(kSalt),
                                 B64(kAsPrivate))
                  .ok());
  EXPECT_EQ(Base64UrlEncode(body), kBody);
  // The sender's key in the header is the RFC's.
  EXPECT_EQ(Base64UrlEncode(body.substr(21, 65)), kAsPublic);
}

TEST(WebPushTest, TheBrowserReadsWhatTheServerSends) {
  std::string plaintext;
  ASSERT_TRUE(
      DecryptPushPayload(B64(kBody), B64(kUaPrivate), UaKeys(), &plaintext)
          .ok());
  EXPECT_EQ(plaintext, kPlaintext);

  // With a random salt and sender key, twice: different bytes, same words.
  std::string a, b;
  ASSERT_TRUE(EncryptPushPayload(R"({"title":"Unknot"})", UaKeys(), &a).ok());
  ASSERT_TRUE(EncryptPushPayload(R"({"title":"Unknot"})", UaKeys(), &b).ok());
  EXPECT_NE(a, b);
  ASSERT_TRUE(
      DecryptPushPayload(b, B64(kUaPrivate), UaKeys(), &plaintext).ok());
  EXPECT_EQ(plaintext, R"({"title":"Unknot"})");
}

TEST(WebPushTest, TamperedOrMisaddressedMessagesDoNotDecrypt) {
  std::string body = B64(kBody), plaintext;
  body[body.size() - 20] ^= 1;
  EXPECT_EQ(
      DecryptPushPayload(body, B64(kUaPrivate), UaKeys(), &plaintext).code(),
      "crypto-error");
  PushKeys other = UaKeys();
  other.auth[0] ^= 1;
  EXPECT_FALSE(
      DecryptPushPayload(B64(kBody), B64(kUaPrivate), other, &plaintext).ok());
  EXPECT_FALSE(
      DecryptPushPayload("short", B64(kUaPrivate), UaKeys(), &plaintext).ok());
}

TEST(WebPushTest, BadSubscriptionKeysAndOversizedPayloadsAreRefused) {
  std::string body;
  PushKeys keys = UaKeys();
  keys.auth = "short";
  EXPECT_EQ(EncryptPushPayload("x", keys, &body).code(),
            "invalid-subscription");
  keys = UaKeys();
  keys.p256dh[64] ^= 1;  // off the curve
  EXPECT_EQ(CheckPushKeys(keys).code(), "invalid-subscription");
  keys.p256dh = std::string(65, '\x04');
  EXPECT_EQ(CheckPushKeys(keys).code(), "invalid-subscription");
  EXPECT_TRUE(CheckPushKeys(UaKeys()).ok());
  EXPECT_EQ(EncryptPushPayload(std::string(kMaxPushPayloadBytes + 1, 'x'),
                               UaKeys(), &body)
                .code(),
            "payload-too-large");
  ASSERT_TRUE(EncryptPushPayload(std::string(kMaxPushPayloadBytes, 'x'),
                                 UaKeys(), &body)
                  .ok());
  EXPECT_LE(body.size(), 4096u);  // one record, as push services require
}

TEST(WebPushTest, VapidAuthorizationIsAnEs256JwtForTheAudience) {
  std::unique_ptr<VapidKey> key;
  ASSERT_TRUE(VapidKey::FromPrivateScalar(B64(kAsPrivate), &key).ok());
  EXPECT_EQ(Base64UrlEncode(key->public_key()), kAsPublic);
  std::string header;
  ASSERT_TRUE(key->Authorization("https://fcm.googleapis.com",
                                 "mailto:ops@example.org", 1767268800, &header)
                  .ok());
  // "vapid t=<jwt>, k=<key>" (RFC 8292 §3).
  ASSERT_EQ(header.rfind("vapid t=", 0), 0u) << header;
  const size_t comma = header.find(", k=");
  ASSERT_NE(comma, std::string::npos);
  EXPECT_EQ(header.substr(comma + 4), kAsPublic);
  const std::string jwt = header.substr(8, comma - 8);
  std::string claims;
  ASSERT_TRUE(VerifyVapidJwt(jwt, key->public_key(), &claims).ok());
  const auto doc = nlohmann::json::parse(claims);
  EXPECT_EQ(doc["aud"], "https://fcm.googleapis.com");
  EXPECT_EQ(doc["exp"], 1767268800);
  EXPECT_EQ(doc["sub"], "mailto:ops@example.org");

  // Another key, or a changed claim, does not verify.
  std::unique_ptr<VapidKey> other;
  ASSERT_TRUE(VapidKey::FromPrivateScalar(B64(kUaPrivate), &other).ok());
  EXPECT_EQ(VerifyVapidJwt(jwt, other->public_key(), &claims).code(),
            "invalid-jwt");
  std::string forged = jwt;
  forged[forged.find('.') + 2] ^= 1;
  EXPECT_FALSE(VerifyVapidJwt(forged, key->public_key(), &claims).ok());
}

TEST(WebPushTest, TheServersKeyIsMadeOnceAndKeptPrivate) {
  testing::TempDir dir;
  const auto path = dir.path() / "vapid_key.pem";
  std::unique_ptr<VapidKey> first, again;
  ASSERT_TRUE(VapidKey::LoadOrCreate(path, &first).ok());
  ASSERT_TRUE(VapidKey::LoadOrCreate(path, &again).ok());
  EXPECT_EQ(first->public_key(), again->public_key());
  EXPECT_EQ(first->public_key().size(), 65u);
  struct stat st {};
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  // A damaged key file stops the server rather than being replaced (the
  // browsers' subscriptions are bound to the key).
  dir.Write("bad.pem", "not a key");
  std::unique_ptr<VapidKey> bad;
  EXPECT_EQ(VapidKey::LoadOrCreate(dir.path() / "bad.pem", &bad).code(),
            "io-error");
}

}  // namespace
}  // namespace unknot::server
