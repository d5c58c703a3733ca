// SqliteAccountStore's Web Push half: subscriptions (account_store.h,
// docs/push.md). Same connection and mutex as the accounts.
#include <sqlite3.h>

#include "accounts/sqlite_account_store.h"
#include "accounts/sqlite_util.h"

namespace unknot::server {
namespace {

using sqlite_util::Stmt;

constexpr const char* kSubscriptionColumns =
    "SELECT id, user_id, session_hash, endpoint, p256dh, auth, zone_offsets, "
    "created_ms, last_reminder_ms FROM push_subscriptions ";

PushSubscriptionRecord ReadSubscription(Stmt& q) {
  PushSubscriptionRecord r;
  r.id = q.Text(0);
  r.user_id = q.Text(1);
  r.session_hash = q.Text(2);
  r.endpoint = q.Text(3);
  r.p256dh = q.Text(4);
  r.auth = q.Text(5);
  r.zone_offsets = q.Text(6);
  r.created_ms = q.Int(7);
  r.last_reminder_ms = q.Int(8);
  return r;
}

}  // namespace

Status SqliteAccountStore::SavePushSubscription(
    const PushSubscriptionRecord& sub) {
  std::lock_guard<std::mutex> lock(mu_);
  // The same browser for another account starts afresh; for the same
  // account the reminder mark only moves forward.
  return Stmt(db_,
              "INSERT INTO push_subscriptions(id, user_id, session_hash, "
              "endpoint, p256dh, auth, zone_offsets, created_ms, "
              "last_reminder_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
              "ON CONFLICT(id) DO UPDATE SET "
              "last_reminder_ms = CASE WHEN user_id = excluded.user_id "
              "THEN MAX(last_reminder_ms, excluded.last_reminder_ms) "
              "ELSE excluded.last_reminder_ms END, "
              "created_ms = CASE WHEN user_id = excluded.user_id "
              "THEN created_ms ELSE excluded.created_ms END, "
              "user_id = excluded.user_id, "
              "session_hash = excluded.session_hash, "
              "endpoint = excluded.endpoint, p256dh = excluded.p256dh, "
              "auth = excluded.auth, zone_offsets = excluded.zone_offsets")
      .Bind(1, sub.id)
      .Bind(2, sub.user_id)
      .Bind(3, sub.session_hash)
      .Bind(4, sub.endpoint)
      .Bind(5, sub.p256dh)
      .Bind(6, sub.auth)
      .Bind(7, sub.zone_offsets)
      .Bind(8, sub.created_ms)
      .Bind(9, sub.last_reminder_ms)
      .Run("save push subscription");
}

Status SqliteAccountStore::DeletePushSubscription(std::string_view user_id,
                                                  std::string_view id) {
  std::lock_guard<std::mutex> lock(mu_);
  Status s = Stmt(db_,
                  "DELETE FROM push_subscriptions WHERE id = ?1 AND "
                  "user_id = ?2")
                 .Bind(1, id)
                 .Bind(2, user_id)
                 .Run("delete push subscription");
  if (s.ok() && sqlite3_changes(db_) == 0) {
    return Status::NotFound("subscription-not-found",
                            "No such push subscription.");
  }
  return s;
}

Status SqliteAccountStore::QueryPushSubscriptions(
    const char* where, std::string_view key,
    std::vector<PushSubscriptionRecord>* out) {
  std::lock_guard<std::mutex> lock(mu_);
  out->clear();
  Stmt q(db_, (std::string(kSubscriptionColumns) + where).c_str());
  if (!q.ok()) return sqlite_util::DbError(db_, "query push subscriptions");
  if (!key.empty()) q.Bind(1, key);
  int rc;
  while ((rc = q.Step()) == SQLITE_ROW) out->push_back(ReadSubscription(q));
  if (rc != SQLITE_DONE) {
    return sqlite_util::DbError(db_, "query push subscriptions");
  }
  return Status::OK();
}

Status SqliteAccountStore::PushSubscriptions(
    std::vector<PushSubscriptionRecord>* out) {
  return QueryPushSubscriptions("ORDER BY user_id, id", "", out);
}

Status SqliteAccountStore::PushSubscriptionsOf(
    std::string_view user_id, std::vector<PushSubscriptionRecord>* out) {
  return QueryPushSubscriptions("WHERE user_id = ?1 ORDER BY created_ms, id",
                                user_id, out);
}

Status SqliteAccountStore::SetPushReminded(std::string_view id,
                                           int64_t last_reminder_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  return Stmt(db_,
              "UPDATE push_subscriptions SET last_reminder_ms = "
              "MAX(last_reminder_ms, ?2) WHERE id = ?1")
      .Bind(1, id)
      .Bind(2, last_reminder_ms)
      .Run("mark push reminded");
}

}  // namespace unknot::server
