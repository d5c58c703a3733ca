#include "push/push_service.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "accounts/secrets.h"
#include "app/access_log.h"
#include "sync/sync_service.h"
#include "tuning.h"
#include "unknot/journal.h"
#include "unknot/routines.h"

namespace unknot::server {
namespace {

using nlohmann::json;

constexpr int kMaxOffsetMinutes = 18 * 60;
// A VAPID JWT is signed for this long (push services take up to 24 h).
constexpr int64_t kVapidLifetimeS = 12 * 3600;

// What the service worker shows (web/src/sw.ts): the words of the page's
// own reminders (web/src/ui/reminders.ts), so the tag dedupes the two.
std::string ReminderPayload(const Reminder& r, const std::string& title) {
  const std::string text = title + " (" + FormatClockTime(r.item.minute) + ")";
  return json({{"title", "Unknot"},
               {"body", "Time for " + text},
               {"tag", "unknot-" + r.item.schedule_id},
               {"routine_id", r.item.routine_id},
               {"url", "./#today"}})
      .dump();
}

bool Delivered(int status) { return status >= 200 && status < 300; }
// The subscription is gone for good (RFC 8030 §7.3) or refused for good.
bool Gone(int status) { return status == 404 || status == 410; }
// Worth trying again next round (the push service is busy or down).
bool Retryable(int status) {
  return status == 0 || status == 429 || status >= 500;
}

}  // namespace

int ZoneOffsetAt(const std::vector<std::pair<int64_t, int>>& offsets,
                 int64_t now_ms) {
  if (offsets.empty()) return 0;
  int offset = offsets.front().second;
  for (const auto& [from_ms, minutes] : offsets) {
    if (from_ms > now_ms) break;
    offset = minutes;
  }
  return offset;
}

std::string ZoneOffsetsToJson(
    const std::vector<std::pair<int64_t, int>>& offsets) {
  json out = json::array();
  for (const auto& [from_ms, minutes] : offsets) {
    out.push_back({from_ms, minutes});
  }
  return out.dump();
}

Status ParseZoneOffsets(std::string_view text,
                        std::vector<std::pair<int64_t, int>>* out) {
  const Status bad = Status::Invalid(
      "invalid-zone-offsets",
      "\"zone_offsets\" is a list of [from_ms, offset_minutes], sorted by "
      "time, at most 64.");
  const json doc = json::parse(text, nullptr, false);
  if (!doc.is_array() || doc.empty() || doc.size() > kMaxZoneOffsets) {
    return bad;
  }
  std::vector<std::pair<int64_t, int>> offsets;
  for (const json& pair : doc) {
    if (!pair.is_array() || pair.size() != 2 || !pair[0].is_number_integer() ||
        !pair[1].is_number_integer()) {
      return bad;
    }
    const int64_t from_ms = pair[0].get<int64_t>();
    const int64_t minutes = pair[1].get<int64_t>();
    if (minutes < -kMaxOffsetMinutes || minutes > kMaxOffsetMinutes ||
        (!offsets.empty() && from_ms <= offsets.back().first)) {
      return bad;
    }
    offsets.emplace_back(from_ms, static_cast<int>(minutes));
  }
  *out = std::move(offsets);
  return Status::OK();
}

PushService::PushService(AccountStore* store, SyncService* sync, Env* env,
                         const VapidKey* key, PushTransport* transport,
                         PushConfig config)
    : store_(store),
      sync_(sync),
      env_(env),
      key_(key),
      transport_(transport),
      config_(std::move(config)) {}

PushService::~PushService() { Stop(); }

std::string PushService::PublicKey() const {
  return Base64UrlEncode(key_->public_key());
}

Status PushService::Subscribe(const Principal& who,
                              const PushSubscriptionInput& in,
                              std::string* id) {
  PushEndpoint endpoint;
  UNKNOT_RETURN_IF_ERROR(
      ParsePushEndpoint(in.endpoint, config_.hosts, &endpoint));
  PushKeys keys;
  if (!Base64UrlDecode(in.p256dh, &keys.p256dh) ||
      !Base64UrlDecode(in.auth, &keys.auth)) {
    return Status::Invalid("invalid-subscription",
                           "The subscription's keys are not base64url.");
  }
  UNKNOT_RETURN_IF_ERROR(CheckPushKeys(keys));
  std::vector<std::pair<int64_t, int>> offsets;
  UNKNOT_RETURN_IF_ERROR(ParseZoneOffsets(in.zone_offsets, &offsets));
  PushSubscriptionRecord record;
  record.id = Sha256Hex(in.endpoint);
  std::vector<PushSubscriptionRecord> existing;
  UNKNOT_RETURN_IF_ERROR(store_->PushSubscriptionsOf(who.user_id, &existing));
  const bool known =
      std::any_of(existing.begin(), existing.end(),
                  [&](const auto& s) { return s.id == record.id; });
  if (!known && existing.size() >= kMaxPushSubscriptionsPerUser) {
    return Status::Invalid("too-many-subscriptions",
                           "This account has reminders on too many browsers; "
                           "turn them off on one first.");
  }
  record.user_id = who.user_id;
  record.session_hash = who.token_hash;
  record.endpoint = in.endpoint;
  record.p256dh = Base64UrlEncode(keys.p256dh);
  record.auth = Base64UrlEncode(keys.auth);
  record.zone_offsets = ZoneOffsetsToJson(offsets);
  record.created_ms = env_->NowMillis();
  UNKNOT_RETURN_IF_ERROR(store_->SavePushSubscription(record));
  *id = record.id;
  return Status::OK();
}

Status PushService::Unsubscribe(const Principal& who,
                                const std::string& endpoint) {
  return store_->DeletePushSubscription(who.user_id, Sha256Hex(endpoint));
}

int PushService::Tick() {
  std::vector<PushSubscriptionRecord> subs;
  if (Status s = store_->PushSubscriptions(&subs); !s.ok()) {
    LogEvent("warn", "push: " + s.ToString());
    return 0;
  }
  int delivered = 0;
  for (const PushSubscriptionRecord& sub : subs) {
    delivered += SendDue(sub, env_->NowMillis());
  }
  return delivered;
}

int PushService::SendDue(const PushSubscriptionRecord& sub, int64_t now_ms) {
  // A subscription lasts as long as the session that made it: signing out
  // (or an expired or recovered session) ends the reminders too.
  SessionRecord session;
  const Status found = store_->FindSession(sub.session_hash, &session);
  if (found.IsNotFound() || (found.ok() && (session.user_id != sub.user_id ||
                                            session.expires_ms <= now_ms))) {
    store_->DeletePushSubscription(sub.user_id, sub.id);
    return 0;
  }
  if (!found.ok()) return 0;
  std::vector<std::pair<int64_t, int>> offsets;
  PushEndpoint endpoint;
  if (!ParseZoneOffsets(sub.zone_offsets, &offsets).ok() ||
      !ParsePushEndpoint(sub.endpoint, config_.hosts, &endpoint).ok()) {
    return 0;  // stored before --push-hosts changed: kept, not used
  }
  const int offset = ZoneOffsetAt(offsets, now_ms);
  std::vector<Reminder> due;
  std::vector<std::string> titles;
  const Status read = sync_->Read(sub.user_id, [&](Journal* journal) {
    std::vector<TodayItem> items;
    UNKNOT_RETURN_IF_ERROR(journal->GetToday(now_ms, offset, &items));
    due = RemindersDue(items, now_ms, offset, sub.last_reminder_ms);
    for (const Reminder& r : due) {
      Routine routine;
      titles.push_back(journal->GetRoutine(r.item.routine_id, &routine).ok()
                           ? routine.title
                           : r.item.routine_id);
    }
    return Status::OK();
  });
  if (!read.ok()) {
    LogEvent("warn", "push: " + read.ToString());
    return 0;
  }
  int64_t reminded = 0;
  int delivered = 0;
  for (size_t i = 0; i < due.size(); ++i) {
    bool gone = false;
    const bool done = Deliver(sub, endpoint, ReminderPayload(due[i], titles[i]),
                              "r" + due[i].item.schedule_id, &gone);
    if (gone) {
      store_->DeletePushSubscription(sub.user_id, sub.id);
      return delivered;
    }
    if (!done) break;  // tried again next round, while still fresh
    reminded = due[i].due_ms;
    ++delivered;
  }
  if (reminded > 0) store_->SetPushReminded(sub.id, reminded);
  return delivered;
}

// True when the reminder is settled: delivered, or refused for good (a
// retry would be refused again). *gone when the subscription has ended.
bool PushService::Deliver(const PushSubscriptionRecord& sub,
                          const PushEndpoint& endpoint,
                          const std::string& payload, const std::string& topic,
                          bool* gone) {
  PushKeys keys;
  Base64UrlDecode(sub.p256dh, &keys.p256dh);
  Base64UrlDecode(sub.auth, &keys.auth);
  PushMessage message;
  message.endpoint = endpoint;
  message.ttl_seconds = kPushTtlSeconds;
  message.topic = topic;
  const int64_t expires_s = env_->NowMillis() / 1000 + kVapidLifetimeS;
  Status s = EncryptPushPayload(payload, keys, &message.body);
  if (s.ok()) {
    s = key_->Authorization(endpoint.origin, config_.subject, expires_s,
                            &message.authorization);
  }
  if (!s.ok()) {
    LogEvent("warn", "push: " + s.ToString());
    return true;
  }
  const PushOutcome outcome = transport_->Send(message);
  *gone = Gone(outcome.http_status);
  if (Delivered(outcome.http_status) || *gone) return true;
  LogEvent("warn", "push to " + endpoint.host + ": " +
                       (outcome.http_status == 0
                            ? outcome.error
                            : "HTTP " + std::to_string(outcome.http_status)));
  return !Retryable(outcome.http_status);
}

void PushService::Start() {
  std::lock_guard<std::mutex> lock(mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stopping_) {
      lock.unlock();
      Tick();
      lock.lock();
      wake_.wait_for(lock, config_.interval, [this] { return stopping_; });
    }
  });
}

void PushService::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace unknot::server
