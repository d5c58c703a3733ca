// PushService (docs/push.md) on a fixed clock with a recording push
// service: a browser subscribes with its time zone, a schedule in the
// user's merged journal comes due, and the reminder reaches the browser
// once, encrypted for it and signed with the server's key; not when a
// device already did the routine, not after sign-out, not to an endpoint
// the push service says is gone; retried while the service is down.
#include "push/push_service.h"

#include <gtest/gtest.h>

#include <deque>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "api_fixture.h"
#include "unknot/journal.h"
#include "unknot/routines.h"
#include "unknot/time_util.h"

namespace unknot::server {
namespace {

using nlohmann::json;

// A browser's subscription keys: RFC 8291's example user agent.
constexpr char kUaPrivate[] = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
constexpr char kUaPublic[] =
    "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH"
    "6SRpkNtoIAiw4";
constexpr char kAuth[] = "BTBZMqHH6r4Tts7J_aSIgg";
constexpr char kEndpoint[] = "https://fcm.googleapis.com/fcm/send/device-1";
constexpr char kSubject[] = "mailto:ops@example.org";

constexpr int64_t kMinuteMs = 60000;
const int64_t kMonday = DaysFromCivil(2026, 11, 23);
// 08:00 in Paris (UTC+01:00) that Monday.
const int64_t kEightParis = (kMonday * 1440 + 7 * 60) * kMinuteMs;

class RecordingTransport : public PushTransport {
 public:
  PushOutcome Send(const PushMessage& message) override {
    sent.push_back(message);
    int status = 201;
    if (!answers.empty()) {
      status = answers.front();
      answers.pop_front();
    }
    return {status, status == 0 ? "connection refused" : ""};
  }
  std::vector<PushMessage> sent;
  std::deque<int> answers;  // statuses to answer, then 201
};

// The API tests' data dir, accounts and journals, on Ann's Monday morning.
class PushServiceTest : public testing::ApiFixture {
 protected:
  PushServiceTest() {
    env_.SetNow(kEightParis - 10 * kMinuteMs);
    std::string scalar;
    EXPECT_TRUE(Base64UrlDecode("yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw",
                                &scalar));
    EXPECT_TRUE(VapidKey::FromPrivateScalar(scalar, &key_).ok());
    PushConfig config;
    config.subject = kSubject;
    push_ = std::make_unique<PushService>(store_.get(), sync_.get(), &env_,
                                          key_.get(), &transport_, config);
    SessionGrant grant;
    EXPECT_TRUE(
        accounts_->Signup("ann@example.org", "correct horse", "", &grant).ok());
    token_ = grant.token;
    EXPECT_TRUE(accounts_->Authenticate(token_, &ann_).ok());
  }

  // Ann's devices scheduled `routine` daily at `hh`:`mm` (synced to the
  // server's copy of her journal).
  void Schedule(const std::string& routine, int hh, int mm) {
    unknot::Schedule s;
    s.routine_id = routine;
    s.start_minute = hh * 60 + mm;
    s.since_day = kMonday - 7;
    std::string id;
    ASSERT_TRUE(sync_
                    ->Write(ann_.user_id,
                            [&](Journal* j) { return j->AddSchedule(s, &id); })
                    .ok());
  }

  // Subscribes Ann's browser in Paris (UTC+01:00 in winter).
  Status Subscribe(const std::string& endpoint = kEndpoint) {
    PushSubscriptionInput in;
    in.endpoint = endpoint;
    in.p256dh = kUaPublic;
    in.auth = kAuth;
    // Summer time until 2026-10-25, winter time until 2027-03-28.
    in.zone_offsets =
        "[[1774746000000,120],[1792890000000,60],[1806195600000,120]]";
    std::string id;
    return push_->Subscribe(ann_, in, &id);
  }

  // What the browser reads from message `i`.
  json Payload(size_t i) {
    PushKeys keys;
    std::string scalar, text;
    EXPECT_TRUE(Base64UrlDecode(kUaPublic, &keys.p256dh));
    EXPECT_TRUE(Base64UrlDecode(kAuth, &keys.auth));
    EXPECT_TRUE(Base64UrlDecode(kUaPrivate, &scalar));
    EXPECT_TRUE(
        DecryptPushPayload(transport_.sent.at(i).body, scalar, keys, &text)
            .ok());
    return json::parse(text, nullptr, false);
  }

  void At(int64_t ms) { env_.SetNow(ms); }

  std::unique_ptr<VapidKey> key_;
  RecordingTransport transport_;
  std::unique_ptr<PushService> push_;
  std::string token_;
  Principal ann_;
};

TEST_F(PushServiceTest, AReminderArrivesOnceAtItsLocalTime) {
  Schedule("stretch_upper_trapezius", 8, 0);
  ASSERT_TRUE(Subscribe().ok());

  At(kEightParis - kMinuteMs);  // 07:59 in Paris: not yet
  EXPECT_EQ(push_->Tick(), 0);
  At(kEightParis + 20000);  // 08:00:20
  EXPECT_EQ(push_->Tick(), 1);
  ASSERT_EQ(transport_.sent.size(), 1u);
  const PushMessage& m = transport_.sent[0];
  EXPECT_EQ(m.endpoint.host, "fcm.googleapis.com");
  EXPECT_EQ(m.endpoint.target, "/fcm/send/device-1");
  EXPECT_EQ(m.ttl_seconds, 30 * 60);
  const json payload = Payload(0);
  EXPECT_EQ(payload["title"], "Unknot");
  EXPECT_EQ(payload["body"], "Time for Upper trapezius stretch (08:00)");
  EXPECT_EQ(payload["routine_id"], "stretch_upper_trapezius");
  EXPECT_EQ(payload["tag"].get<std::string>().rfind("unknot-s", 0), 0u);
  EXPECT_EQ(m.topic, "r" + payload["tag"].get<std::string>().substr(7));

  // Signed for the push service's origin with the server's key.
  const std::string& auth = m.authorization;
  const size_t comma = auth.find(", k=");
  ASSERT_EQ(auth.rfind("vapid t=", 0), 0u);
  ASSERT_NE(comma, std::string::npos);
  std::string claims;
  ASSERT_TRUE(
      VerifyVapidJwt(auth.substr(8, comma - 8), key_->public_key(), &claims)
          .ok());
  const json c = json::parse(claims);
  EXPECT_EQ(c["aud"], "https://fcm.googleapis.com");
  EXPECT_EQ(c["sub"], kSubject);
  EXPECT_GT(c["exp"].get<int64_t>(), env_.NowMillis() / 1000);
  EXPECT_LE(c["exp"].get<int64_t>(), env_.NowMillis() / 1000 + 24 * 3600);

  // Asked again and again: still one.
  At(kEightParis + 5 * kMinuteMs);
  EXPECT_EQ(push_->Tick(), 0);
  EXPECT_EQ(transport_.sent.size(), 1u);

  // Subscribing again (the app refreshing its zone) repeats nothing.
  ASSERT_TRUE(Subscribe().ok());
  EXPECT_EQ(push_->Tick(), 0);
}

TEST_F(PushServiceTest, NotWhenADeviceAlreadyDidTheRoutine) {
  Schedule("stretch_upper_trapezius", 8, 0);
  Schedule("posture_check", 8, 0);
  ASSERT_TRUE(Subscribe().ok());
  unknot::Session done;
  done.routine_id = "posture_check";
  done.at_ms = kEightParis - 30 * kMinuteMs;
  done.tz_offset_minutes = 60;
  std::string id;
  ASSERT_TRUE(sync_
                  ->Write(ann_.user_id,
                          [&](Journal* j) { return j->LogSession(done, &id); })
                  .ok());
  At(kEightParis);
  EXPECT_EQ(push_->Tick(), 1);
  EXPECT_EQ(Payload(0)["routine_id"], "stretch_upper_trapezius");
}

TEST_F(PushServiceTest, NeverMoreThanHalfAnHourLate) {
  // The server was down at 08:00; at 08:31 the reminder is stale.
  Schedule("stretch_upper_trapezius", 8, 0);
  ASSERT_TRUE(Subscribe().ok());
  At(kEightParis + 31 * kMinuteMs);
  EXPECT_EQ(push_->Tick(), 0);
  EXPECT_TRUE(transport_.sent.empty());
}

TEST_F(PushServiceTest, RetriedWhileThePushServiceIsDown) {
  Schedule("stretch_upper_trapezius", 8, 0);
  ASSERT_TRUE(Subscribe().ok());
  transport_.answers = {0, 503};
  At(kEightParis);
  EXPECT_EQ(push_->Tick(), 0);  // network error
  EXPECT_EQ(push_->Tick(), 0);  // 503
  EXPECT_EQ(push_->Tick(), 1);
  EXPECT_EQ(push_->Tick(), 0);
  EXPECT_EQ(transport_.sent.size(), 3u);
}

TEST_F(PushServiceTest, AGoneEndpointOrASignedOutSessionEndsTheSubscription) {
  Schedule("stretch_upper_trapezius", 8, 0);
  ASSERT_TRUE(Subscribe().ok());
  transport_.answers = {410};
  At(kEightParis);
  EXPECT_EQ(push_->Tick(), 0);
  std::vector<PushSubscriptionRecord> subs;
  ASSERT_TRUE(store_->PushSubscriptions(&subs).ok());
  EXPECT_TRUE(subs.empty());

  ASSERT_TRUE(Subscribe().ok());
  ASSERT_TRUE(accounts_->Logout(ann_).ok());
  At(kEightParis + kMinuteMs);
  EXPECT_EQ(push_->Tick(), 0);
  ASSERT_TRUE(store_->PushSubscriptions(&subs).ok());
  EXPECT_TRUE(subs.empty());
  EXPECT_EQ(transport_.sent.size(), 1u);  // only the one answered 410
}

TEST_F(PushServiceTest, BadSubscriptionsAreRefusedAndNothingIsStored) {
  PushSubscriptionInput in;
  in.endpoint = kEndpoint;
  in.p256dh = kUaPublic;
  in.auth = kAuth;
  in.zone_offsets = "[[0,60]]";
  std::string id;
  PushSubscriptionInput bad = in;
  bad.endpoint = "https://169.254.169.254/latest/meta-data";
  EXPECT_EQ(push_->Subscribe(ann_, bad, &id).code(), "push-host-not-allowed");
  bad = in;
  bad.p256dh = "AAAA";
  EXPECT_EQ(push_->Subscribe(ann_, bad, &id).code(), "invalid-subscription");
  bad = in;
  bad.auth = "not base64url!";
  EXPECT_EQ(push_->Subscribe(ann_, bad, &id).code(), "invalid-subscription");
  for (const char* offsets :
       {"", "[]", "[[0]]", "[[0,2000]]", "[[5,60],[5,120]]", "{\"a\":1}"}) {
    bad = in;
    bad.zone_offsets = offsets;
    EXPECT_EQ(push_->Subscribe(ann_, bad, &id).code(), "invalid-zone-offsets")
        << offsets;
  }
  std::vector<PushSubscriptionRecord> subs;
  ASSERT_TRUE(store_->PushSubscriptions(&subs).ok());
  EXPECT_TRUE(subs.empty());
  ASSERT_TRUE(push_->Subscribe(ann_, in, &id).ok());
  EXPECT_EQ(push_->Unsubscribe(ann_, kEndpoint).code(), "");
  EXPECT_EQ(push_->Unsubscribe(ann_, kEndpoint).code(),
            "subscription-not-found");
}

TEST_F(PushServiceTest, ZoneOffsetsFollowDaylightSaving) {
  const std::vector<std::pair<int64_t, int>> paris = {
      {1761440400000, 60}, {1774746000000, 120}};  // 2025-10-26, 2026-03-29
  EXPECT_EQ(ZoneOffsetAt(paris, 1761440400000 - 1), 60);  // before: first
  EXPECT_EQ(ZoneOffsetAt(paris, 1774746000000 - 1), 60);
  EXPECT_EQ(ZoneOffsetAt(paris, 1774746000000), 120);
  EXPECT_EQ(ZoneOffsetAt({}, 0), 0);
}

}  // namespace
}  // namespace unknot::server
