// PushService: reminders with the app closed, by Web Push (docs/push.md).
//
// Design note. The schedules live in each user's merged journal, which the
// server already keeps, so the server is the one place that knows every
// device's schedules and sessions: a reminder is skipped when any device
// logged the session. A browser subscribes (its push service's endpoint and
// keys) with its time zone as offsets over the coming year (the browser has
// the zone rules; the server has none). Every kPushCheckInterval the sender
// asks the core, per subscription, which occurrences are due now
// (RemindersDue) and posts each one, encrypted for that browser, to its push
// service, signed with this server's VAPID key. A subscription lives as long
// as the session that made it; the push service answering 404/410 ends it.
//
// Thread-safe. Start() runs the sender on a thread of its own; Tick() is one
// round, for tests.
#ifndef UNKNOT_SERVER_PUSH_PUSH_SERVICE_H_
#define UNKNOT_SERVER_PUSH_PUSH_SERVICE_H_

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "accounts/accounts.h"
#include "push/push_endpoint.h"
#include "push/push_transport.h"
#include "push/web_push.h"
#include "tuning.h"
#include "unknot/env.h"

namespace unknot::server {

class SyncService;

struct PushConfig {
  // The VAPID "sub": how a push service reaches the operator.
  std::string subject = "mailto:unknot-server@localhost";
  std::vector<std::string> hosts = DefaultPushHosts();
  std::chrono::milliseconds interval = kPushCheckInterval;
};

// What a browser sends to subscribe.
struct PushSubscriptionInput {
  std::string endpoint;
  std::string p256dh;        // base64url
  std::string auth;          // base64url
  std::string zone_offsets;  // JSON: [[from_ms, offset_minutes], ...]
};

class PushService {
 public:
  // Everything must outlive this object.
  PushService(AccountStore* store, SyncService* sync, Env* env,
              const VapidKey* key, PushTransport* transport, PushConfig config);
  ~PushService();  // stops the sender

  // The applicationServerKey a page subscribes with (base64url).
  std::string PublicKey() const;

  // Stores `who`'s subscription (a browser subscribing again replaces its
  // keys and offsets). *id is its id. Error codes: "invalid-subscription",
  // "push-host-not-allowed", "invalid-zone-offsets", "too-many-subscriptions",
  // "io-error".
  Status Subscribe(const Principal& who, const PushSubscriptionInput& in,
                   std::string* id);
  // Error codes: "subscription-not-found", "io-error".
  Status Unsubscribe(const Principal& who, const std::string& endpoint);

  // One round over every subscription; returns the reminders delivered.
  int Tick();

  void Start();
  void Stop();

 private:
  // Sends what is due for `sub`; returns how many were delivered.
  int SendDue(const PushSubscriptionRecord& sub, int64_t now_ms);
  bool Deliver(const PushSubscriptionRecord& sub, const PushEndpoint& endpoint,
               const std::string& payload, const std::string& topic,
               bool* gone);

  AccountStore* store_;
  SyncService* sync_;
  Env* env_;
  const VapidKey* key_;
  PushTransport* transport_;
  const PushConfig config_;

  std::mutex mu_;  // guards stopping_ and the thread
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

// The offset of `offsets` (sorted [from_ms, minutes]) at `now_ms`: the last
// one that started, else the first.
int ZoneOffsetAt(const std::vector<std::pair<int64_t, int>>& offsets,
                 int64_t now_ms);
// The offsets as stored ("[[from_ms,minutes],…]") and back. Parse error
// code: "invalid-zone-offsets" (not an array of 1..kMaxZoneOffsets pairs
// sorted by time, or an offset beyond ±18 h).
std::string ZoneOffsetsToJson(
    const std::vector<std::pair<int64_t, int>>& offsets);
Status ParseZoneOffsets(std::string_view json,
                        std::vector<std::pair<int64_t, int>>* out);

}  // namespace unknot::server

#endif  // UNKNOT_SERVER_PUSH_PUSH_SERVICE_H_
