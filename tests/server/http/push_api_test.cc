// /api/push/* through Route() (docs/push.md): the key is public, the rest
// needs a session; refusals carry their codes; account export shows the
// subscriptions and account deletion removes them.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "api_fixture.h"
#include "push/push_service.h"

namespace unknot::server {
namespace {

using nlohmann::json;

class NoTransport : public PushTransport {
 public:
  PushOutcome Send(const PushMessage&) override { return {201, ""}; }
};

json Subscription(const std::string& endpoint) {
  return {{"endpoint", endpoint},
          {"keys",
           {{"p256dh",
             "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPj"
             "s7Vd8pZGH6SRpkNtoIAiw4"},
            {"auth", "BTBZMqHH6r4Tts7J_aSIgg"}}},
          {"zone_offsets", json::array({json::array({0, 60})})}};
}

class PushApiTest : public testing::ApiFixture {
 protected:
  PushApiTest() {
    EXPECT_TRUE(
        VapidKey::LoadOrCreate(dir_.path() / "vapid_key.pem", &key_).ok());
    push_ =
        std::make_unique<PushService>(store_.get(), sync_.get(), &env_,
                                      key_.get(), &transport_, PushConfig());
    ctx_.push = push_.get();
    token_ = Signup();
  }

  std::unique_ptr<VapidKey> key_;
  NoTransport transport_;
  std::unique_ptr<PushService> push_;
  std::string token_;
};

TEST_F(PushApiTest, TheKeyIsTheApplicationServerKey) {
  Response res = Call("GET", "/api/push/key", "", "");
  ASSERT_EQ(res.status, 200);
  const std::string key = json::parse(res.body)["public_key"];
  std::string raw;
  ASSERT_TRUE(Base64UrlDecode(key, &raw));
  EXPECT_EQ(raw, key_->public_key());
  EXPECT_EQ(res.headers.Get("Cache-Control").value_or(""), "no-store");
}

TEST_F(PushApiTest, SubscribeAndUnsubscribe) {
  const std::string endpoint = "https://fcm.googleapis.com/fcm/send/abc";
  const std::string body = Subscription(endpoint).dump();
  EXPECT_EQ(Summary(Call("POST", "/api/push/subscribe", body, "")),
            "401 unauthorized");
  Response res = Call("POST", "/api/push/subscribe", body, token_);
  ASSERT_EQ(Summary(res), "200 ok") << res.body;
  EXPECT_EQ(json::parse(res.body)["id"], Sha256Hex(endpoint));

  // The account's export shows it; unsubscribing removes it.
  res = Call("GET", "/api/account/export", "", token_);
  ASSERT_EQ(res.status, 200) << res.body;
  const json exported = json::parse(res.body)["push_subscriptions"];
  ASSERT_EQ(exported.size(), 1u);
  EXPECT_EQ(exported[0]["endpoint"], endpoint);
  EXPECT_EQ(exported[0]["zone_offsets"], json::parse("[[0,60]]"));

  const std::string gone = json{{"endpoint", endpoint}}.dump();
  EXPECT_EQ(Summary(Call("POST", "/api/push/unsubscribe", gone, token_)),
            "200 ok");
  EXPECT_EQ(Summary(Call("POST", "/api/push/unsubscribe", gone, token_)),
            "404 subscription-not-found");
}

TEST_F(PushApiTest, RefusalsCarryTheirCodes) {
  json body = Subscription("https://10.0.0.1/admin");
  EXPECT_EQ(Summary(Call("POST", "/api/push/subscribe", body.dump(), token_)),
            "403 push-host-not-allowed");
  body = Subscription("https://fcm.googleapis.com/x");
  body["keys"]["p256dh"] = "AAAA";
  EXPECT_EQ(Summary(Call("POST", "/api/push/subscribe", body.dump(), token_)),
            "400 invalid-subscription");
  body = Subscription("https://fcm.googleapis.com/x");
  body.erase("keys");
  EXPECT_EQ(Summary(Call("POST", "/api/push/subscribe", body.dump(), token_)),
            "400 invalid-request");
  body = Subscription("https://fcm.googleapis.com/x");
  body["zone_offsets"] = "Europe/Paris";
  EXPECT_EQ(Summary(Call("POST", "/api/push/subscribe", body.dump(), token_)),
            "400 invalid-zone-offsets");
  EXPECT_EQ(Summary(Call("POST", "/api/push/subscribe", "{", token_)),
            "400 invalid-json");
  EXPECT_EQ(Summary(Call("POST", "/api/push/subscribe",
                         std::string(64 * 1024, ' '), token_)),
            "413 payload-too-large");
  EXPECT_EQ(Summary(Call("GET", "/api/push/subscribe", "", token_)),
            "405 method-not-allowed");
}

TEST_F(PushApiTest, AccountDeletionRemovesSubscriptions) {
  ASSERT_EQ(Call("POST", "/api/push/subscribe",
                 Subscription("https://fcm.googleapis.com/x").dump(), token_)
                .status,
            200);
  Response res = Call("POST", "/api/account/delete",
                      R"({"password":"correct horse"})", token_);
  ASSERT_EQ(res.status, 200) << res.body;
  std::vector<PushSubscriptionRecord> subs;
  ASSERT_TRUE(store_->PushSubscriptions(&subs).ok());
  EXPECT_TRUE(subs.empty());
}

TEST_F(PushApiTest, WithoutPushTheEndpointsSaySo) {
  ctx_.push = nullptr;
  EXPECT_EQ(Summary(Call("GET", "/api/push/key", "", "")), "404 push-disabled");
  EXPECT_EQ(Summary(Call("POST", "/api/push/subscribe", "{}", token_)),
            "404 push-disabled");
}

}  // namespace
}  // namespace unknot::server
