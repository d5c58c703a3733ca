// SqliteAccountStore's sharing half: shares, the access log and account
// deletion (account_store.h). Same connection and mutex as the accounts.
#include <sqlite3.h>

#include "accounts/sqlite_account_store.h"
#include "accounts/sqlite_util.h"

namespace unknot::server {
namespace {

using sqlite_util::DbError;
using sqlite_util::Stmt;
using sqlite_util::Txn;

constexpr const char* kShareColumns =
    "SELECT id, owner_id, code_hash, scopes, period, created_ms, expires_ms, "
    "IFNULL(grantee_id, ''), IFNULL(redeemed_ms, 0), "
    "IFNULL(last_viewed_ms, 0), IFNULL(revoked_ms, 0), "
    "IFNULL(visit_ms, 0), IFNULL(previous_view_ms, 0) FROM shares "
    "LEFT JOIN share_visits ON share_visits.share_id = shares.id ";

ShareRecord ReadShare(Stmt& q) {
  ShareRecord r;
  r.id = q.Text(0);
  r.owner_id = q.Text(1);
  r.code_hash = q.Text(2);
  r.scopes = q.Text(3);
  r.period = q.Text(4);
  r.created_ms = q.Int(5);
  r.expires_ms = q.Int(6);
  r.grantee_id = q.Text(7);
  r.redeemed_ms = q.Int(8);
  r.last_viewed_ms = q.Int(9);
  r.revoked_ms = q.Int(10);
  r.visit_ms = q.Int(11);
  r.previous_view_ms = q.Int(12);
  return r;
}

}  // namespace

Status SqliteAccountStore::CreateShare(const ShareRecord& share) {
  std::lock_guard<std::mutex> lock(mu_);
  return Stmt(db_,
              "INSERT INTO shares(id, owner_id, code_hash, scopes, period, "
              "created_ms, expires_ms) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .Bind(1, share.id)
      .Bind(2, share.owner_id)
      .Bind(3, share.code_hash)
      .Bind(4, share.scopes)
      .Bind(5, share.period)
      .Bind(6, share.created_ms)
      .Bind(7, share.expires_ms)
      .Run("insert share");
}

Status SqliteAccountStore::QueryShares(const char* where, std::string_view key,
                                       std::vector<ShareRecord>* out) {
  std::lock_guard<std::mutex> lock(mu_);
  out->clear();
  Stmt q(db_, (std::string(kShareColumns) + where).c_str());
  if (!q.ok()) return DbError(db_, "find shares");
  q.Bind(1, key);
  int rc;
  while ((rc = q.Step()) == SQLITE_ROW) out->push_back(ReadShare(q));
  if (rc != SQLITE_DONE) return DbError(db_, "find shares");
  return Status::OK();
}

Status SqliteAccountStore::FindShare(std::string_view id, ShareRecord* out) {
  std::vector<ShareRecord> found;
  Status s = QueryShares("WHERE id = ?", id, &found);
  if (!s.ok()) return s;
  if (found.empty())
    return Status::NotFound("share-not-found", "No such share.");
  *out = std::move(found.front());
  return Status::OK();
}

Status SqliteAccountStore::SharesByOwner(std::string_view owner_id,
                                         std::vector<ShareRecord>* out) {
  return QueryShares("WHERE owner_id = ? ORDER BY created_ms DESC, id",
                     owner_id, out);
}

Status SqliteAccountStore::SharesByGrantee(std::string_view grantee_id,
                                           std::vector<ShareRecord>* out) {
  return QueryShares("WHERE grantee_id = ? ORDER BY redeemed_ms DESC, id",
                     grantee_id, out);
}

Status SqliteAccountStore::RedeemShare(std::string_view code_hash,
                                       std::string_view grantee_id,
                                       int64_t now_ms, ShareRecord* out) {
  std::string id;
  {
    std::lock_guard<std::mutex> lock(mu_);
    // One statement: two therapists racing for one code cannot both win.
    Stmt q(db_,
           "UPDATE shares SET grantee_id = ?2, redeemed_ms = ?3 WHERE "
           "code_hash = ?1 AND grantee_id IS NULL AND revoked_ms IS NULL AND "
           "expires_ms > ?3 AND owner_id <> ?2 RETURNING id");
    if (!q.ok()) return DbError(db_, "redeem share");
    q.Bind(1, code_hash).Bind(2, grantee_id).Bind(3, now_ms);
    const int rc = q.Step();
    if (rc == SQLITE_DONE) {
      return Status::NotFound("invalid-code",
                              "No such invitation, or it was used, revoked "
                              "or has expired.");
    }
    if (rc != SQLITE_ROW) return DbError(db_, "redeem share");
    id = q.Text(0);
    if (q.Step() != SQLITE_DONE) return DbError(db_, "redeem share");
  }
  return FindShare(id, out);
}

Status SqliteAccountStore::RevokeShare(std::string_view owner_id,
                                       std::string_view id, int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  Status s = Stmt(db_,
                  "UPDATE shares SET revoked_ms = IFNULL(revoked_ms, ?3) "
                  "WHERE id = ?1 AND owner_id = ?2")
                 .Bind(1, id)
                 .Bind(2, owner_id)
                 .Bind(3, now_ms)
                 .Run("revoke share");
  if (s.ok() && sqlite3_changes(db_) != 1)
    return Status::NotFound("share-not-found", "No such share.");
  return s;
}

Status SqliteAccountStore::TouchShareViewed(std::string_view id,
                                            int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  return Stmt(db_, "UPDATE shares SET last_viewed_ms = ? WHERE id = ?")
      .Bind(1, now_ms)
      .Bind(2, id)
      .Run("touch share");
}

Status SqliteAccountStore::SetShareVisit(std::string_view id, int64_t visit_ms,
                                         int64_t previous_view_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  return Stmt(db_,
              "INSERT INTO share_visits(share_id, visit_ms, previous_view_ms) "
              "VALUES (?1, ?2, ?3) ON CONFLICT(share_id) DO UPDATE SET "
              "visit_ms = ?2, previous_view_ms = ?3")
      .Bind(1, id)
      .Bind(2, visit_ms)
      .Bind(3, previous_view_ms)
      .Run("set share visit");
}

Status SqliteAccountStore::AppendAccessLog(const AccessEvent& e) {
  std::lock_guard<std::mutex> lock(mu_);
  return Stmt(db_,
              "INSERT INTO access_log(ts_ms, actor_id, subject_id, action, "
              "share_id, detail) VALUES (?, ?, ?, ?, ?, ?)")
      .Bind(1, e.ts_ms)
      .Bind(2, e.actor_id)
      .Bind(3, e.subject_id)
      .Bind(4, e.action)
      .Bind(5, e.share_id)
      .Bind(6, e.detail)
      .Run("append access log");
}

Status SqliteAccountStore::AccessLogOf(std::string_view user_id,
                                       std::vector<AccessEvent>* out) {
  std::lock_guard<std::mutex> lock(mu_);
  out->clear();
  Stmt q(db_,
         "SELECT ts_ms, actor_id, subject_id, action, share_id, detail FROM "
         "access_log WHERE actor_id = ?1 OR subject_id = ?1 ORDER BY seq");
  if (!q.ok()) return DbError(db_, "read access log");
  q.Bind(1, user_id);
  int rc;
  while ((rc = q.Step()) == SQLITE_ROW) {
    out->push_back(
        {q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4), q.Text(5)});
  }
  if (rc != SQLITE_DONE) return DbError(db_, "read access log");
  return Status::OK();
}

Status SqliteAccountStore::DeleteUser(std::string_view user_id, int64_t now_ms,
                                      std::vector<std::string>* ended_shares) {
  std::lock_guard<std::mutex> lock(mu_);
  ended_shares->clear();
  Txn txn(db_);
  Status s = txn.Begin();
  if (!s.ok()) return s;
  // Shares the user holds of someone else's journal end now (the owner's
  // record keeps them, revoked, with a line saying why).
  {
    Stmt q(db_,
           "SELECT id, owner_id FROM shares WHERE grantee_id = ?1 AND "
           "owner_id <> ?1 AND revoked_ms IS NULL AND expires_ms > ?2");
    if (!q.ok()) return DbError(db_, "delete user");
    q.Bind(1, user_id).Bind(2, now_ms);
    int rc;
    std::vector<std::pair<std::string, std::string>> held;
    while ((rc = q.Step()) == SQLITE_ROW)
      held.emplace_back(q.Text(0), q.Text(1));
    if (rc != SQLITE_DONE) return DbError(db_, "delete user");
    for (const auto& [share_id, owner_id] : held) {
      s = Stmt(db_,
               "INSERT INTO access_log(ts_ms, actor_id, subject_id, action, "
               "share_id, detail) VALUES (?1, ?2, ?3, 'share-revoke', ?4, "
               "'account-deleted')")
              .Bind(1, now_ms)
              .Bind(2, user_id)
              .Bind(3, owner_id)
              .Bind(4, share_id)
              .Run("delete user");
      if (!s.ok()) return s;
      ended_shares->push_back(share_id);
    }
  }
  // What is the user's goes. What others keep about them stays theirs: a
  // patient's shares the user held and the log lines of what the user did
  // with them (views, refusals) — so their email is kept as a former
  // user's while any such line or share names them.
  static const char* const kDeletes[] = {
      "UPDATE shares SET revoked_ms = ?2 WHERE grantee_id = ?1 AND "
      "owner_id <> ?1 AND revoked_ms IS NULL AND expires_ms > ?2",
      "INSERT OR REPLACE INTO former_users(id, email, deleted_ms) "
      "SELECT id, email, ?2 FROM users WHERE id = ?1 AND ("
      "EXISTS (SELECT 1 FROM shares WHERE grantee_id = ?1 AND owner_id <> ?1) "
      "OR EXISTS (SELECT 1 FROM access_log WHERE actor_id = ?1 AND "
      "subject_id NOT IN (?1, '')))",
      "DELETE FROM sessions WHERE user_id = ?1",
      "DELETE FROM recovery_codes WHERE user_id = ?1",
      "DELETE FROM device_stamps WHERE user_id = ?1",
      "DELETE FROM push_subscriptions WHERE user_id = ?1",
      "DELETE FROM share_visits WHERE share_id IN (SELECT id FROM shares "
      "WHERE owner_id = ?1 OR grantee_id = ?1)",
      "DELETE FROM shares WHERE owner_id = ?1",
      "DELETE FROM access_log WHERE subject_id = ?1 OR "
      "(actor_id = ?1 AND subject_id IN (?1, ''))",
      "DELETE FROM users WHERE id = ?1",
      // Former users no share or line names any more (the patient who
      // kept them left too).
      "DELETE FROM former_users WHERE id NOT IN (SELECT "
      "grantee_id FROM shares WHERE grantee_id IS NOT NULL) AND id NOT IN "
      "(SELECT actor_id FROM access_log) AND id NOT IN (SELECT subject_id "
      "FROM access_log)",
  };
  for (const char* sql : kDeletes) {
    Stmt stmt(db_, sql);
    stmt.Bind(1, user_id);
    if (std::string_view(sql).find("?2") != std::string_view::npos)
      stmt.Bind(2, now_ms);
    s = stmt.Run("delete user");
    if (!s.ok()) return s;
  }
  return txn.Commit();
}

Status SqliteAccountStore::FormerUserEmail(std::string_view id,
                                           std::string* email) {
  std::lock_guard<std::mutex> lock(mu_);
  Stmt q(db_, "SELECT email FROM former_users WHERE id = ?1");
  if (!q.ok()) return DbError(db_, "read former user");
  q.Bind(1, id);
  const int rc = q.Step();
  if (rc == SQLITE_ROW) {
    *email = q.Text(0);
    return Status::OK();
  }
  if (rc != SQLITE_DONE) return DbError(db_, "read former user");
  return Status::NotFound("not-found", "no such former user");
}

}  // namespace unknot::server
