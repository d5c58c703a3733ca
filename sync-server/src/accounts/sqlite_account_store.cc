#include "accounts/sqlite_account_store.h"

#include <sqlite3.h>

#include "accounts/sqlite_util.h"

namespace unknot::server {
namespace {

using sqlite_util::DbError;
using sqlite_util::Exec;
using sqlite_util::Stmt;
using sqlite_util::Txn;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_ms INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  expires_ms INTEGER NOT NULL,
  last_used_ms INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sessions_by_user ON sessions(user_id);
CREATE TABLE IF NOT EXISTS recovery_codes (
  user_id TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  used_ms INTEGER,
  PRIMARY KEY (user_id, code_hash)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS shares (
  id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL,
  code_hash TEXT NOT NULL UNIQUE,
  scopes TEXT NOT NULL,
  period TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL,
  grantee_id TEXT,
  redeemed_ms INTEGER,
  last_viewed_ms INTEGER,
  revoked_ms INTEGER
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS shares_by_owner ON shares(owner_id);
CREATE INDEX IF NOT EXISTS shares_by_grantee ON shares(grantee_id);
CREATE TABLE IF NOT EXISTS access_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  ts_ms INTEGER NOT NULL,
  actor_id TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  action TEXT NOT NULL,
  share_id TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS access_log_by_actor ON access_log(actor_id);
CREATE INDEX IF NOT EXISTS access_log_by_subject ON access_log(subject_id);
-- Added with "since last visit": a table of its own, so databases made
-- before it gain it without altering shares.
CREATE TABLE IF NOT EXISTS share_visits (
  share_id TEXT PRIMARY KEY,
  visit_ms INTEGER NOT NULL,
  previous_view_ms INTEGER NOT NULL
) WITHOUT ROWID;
-- Web Push subscriptions (docs/push.md), one per browser endpoint.
CREATE TABLE IF NOT EXISTS push_subscriptions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  session_hash TEXT NOT NULL,
  endpoint TEXT NOT NULL,
  p256dh TEXT NOT NULL,
  auth TEXT NOT NULL,
  zone_offsets TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  last_reminder_ms INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS push_subscriptions_by_user
  ON push_subscriptions(user_id);
-- Deleted users whom someone else's shares or access log lines still name
-- (a therapist who left: the patient's record keeps who saw what).
CREATE TABLE IF NOT EXISTS former_users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL,
  deleted_ms INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS device_stamps (
  user_id TEXT NOT NULL,
  device TEXT NOT NULL,
  max_stamp TEXT NOT NULL,
  PRIMARY KEY (user_id, device)
) WITHOUT ROWID;
)sql";

Status OpenConnection(const std::string& path, const char* synchronous,
                      sqlite3** out) {
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                    SQLITE_OPEN_NOMUTEX;  // each connection has our mutex
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    Status s = DbError(db, "cannot open " + path);
    sqlite3_close(db);
    return s;
  }
  sqlite3_busy_timeout(db, 5000);
  Status s = Exec(db, "PRAGMA journal_mode=WAL");
  if (s.ok()) s = Exec(db, synchronous);
  if (s.ok()) s = Exec(db, "PRAGMA foreign_keys=ON");
  if (!s.ok()) {
    sqlite3_close(db);
    return s;
  }
  *out = db;
  return Status::OK();
}

Status InsertSession(sqlite3* db, const SessionRecord& s) {
  return Stmt(db,
              "INSERT INTO sessions(token_hash, user_id, expires_ms, "
              "last_used_ms) VALUES (?, ?, ?, ?)")
      .Bind(1, s.token_hash)
      .Bind(2, s.user_id)
      .Bind(3, s.expires_ms)
      .Bind(4, s.last_used_ms)
      .Run("insert session");
}

}  // namespace

Status SqliteAccountStore::Open(const std::string& path,
                                std::unique_ptr<SqliteAccountStore>* out) {
  sqlite3* db = nullptr;
  Status s = OpenConnection(path, "PRAGMA synchronous=FULL", &db);
  if (!s.ok()) return s;
  s = Exec(db, kSchema);
  if (!s.ok()) {
    sqlite3_close(db);
    return s;
  }
  out->reset(new SqliteAccountStore(db));
  return Status::OK();
}

SqliteAccountStore::~SqliteAccountStore() { sqlite3_close(db_); }

Status SqliteAccountStore::CreateUser(
    const UserRecord& user, const std::vector<std::string>& recovery_hashes,
    const SessionRecord& session) {
  std::lock_guard<std::mutex> lock(mu_);
  Txn txn(db_);
  Status s = txn.Begin();
  if (!s.ok()) return s;
  Stmt insert(db_,
              "INSERT INTO users(id, email, role, password_hash, created_ms) "
              "VALUES (?, ?, ?, ?, ?)");
  insert.Bind(1, user.id)
      .Bind(2, user.email)
      .Bind(3, user.role)
      .Bind(4, user.password_hash)
      .Bind(5, user.created_ms);
  const int rc = insert.ok() ? insert.Step() : SQLITE_ERROR;
  if (rc == SQLITE_CONSTRAINT) {
    return Status::Invalid("email-taken", "An account has this email.");
  }
  if (rc != SQLITE_DONE) return DbError(db_, "insert user");
  for (const std::string& hash : recovery_hashes) {
    s = Stmt(db_,
             "INSERT INTO recovery_codes(user_id, code_hash) VALUES (?, ?)")
            .Bind(1, user.id)
            .Bind(2, hash)
            .Run("insert recovery code");
    if (!s.ok()) return s;
  }
  s = InsertSession(db_, session);
  if (!s.ok()) return s;
  return txn.Commit();
}

Status SqliteAccountStore::FindUser(const char* sql, std::string_view key,
                                    UserRecord* out) {
  std::lock_guard<std::mutex> lock(mu_);
  Stmt q(db_, sql);
  if (!q.ok()) return DbError(db_, "find user");
  q.Bind(1, key);
  const int rc = q.Step();
  if (rc == SQLITE_DONE)
    return Status::NotFound("user-not-found", "No such user.");
  if (rc != SQLITE_ROW) return DbError(db_, "find user");
  out->id = q.Text(0);
  out->email = q.Text(1);
  out->role = q.Text(2);
  out->password_hash = q.Text(3);
  out->created_ms = q.Int(4);
  return Status::OK();
}

Status SqliteAccountStore::FindUserByEmail(std::string_view email,
                                           UserRecord* out) {
  return FindUser(
      "SELECT id, email, role, password_hash, created_ms FROM users "
      "WHERE email = ?",
      email, out);
}

Status SqliteAccountStore::FindUserById(std::string_view id, UserRecord* out) {
  return FindUser(
      "SELECT id, email, role, password_hash, created_ms FROM users "
      "WHERE id = ?",
      id, out);
}

Status SqliteAccountStore::CreateSession(const SessionRecord& session) {
  std::lock_guard<std::mutex> lock(mu_);
  return InsertSession(db_, session);
}

Status SqliteAccountStore::FindSession(std::string_view token_hash,
                                       SessionRecord* out) {
  std::lock_guard<std::mutex> lock(mu_);
  Stmt q(db_,
         "SELECT user_id, expires_ms, last_used_ms FROM sessions "
         "WHERE token_hash = ?");
  if (!q.ok()) return DbError(db_, "find session");
  q.Bind(1, token_hash);
  const int rc = q.Step();
  if (rc == SQLITE_DONE)
    return Status::NotFound("session-not-found", "No such session.");
  if (rc != SQLITE_ROW) return DbError(db_, "find session");
  out->token_hash = std::string(token_hash);
  out->user_id = q.Text(0);
  out->expires_ms = q.Int(1);
  out->last_used_ms = q.Int(2);
  return Status::OK();
}

Status SqliteAccountStore::UpdateSession(const SessionRecord& session) {
  std::lock_guard<std::mutex> lock(mu_);
  return Stmt(db_,
              "UPDATE sessions SET expires_ms = ?, last_used_ms = ? "
              "WHERE token_hash = ?")
      .Bind(1, session.expires_ms)
      .Bind(2, session.last_used_ms)
      .Bind(3, session.token_hash)
      .Run("update session");
}

Status SqliteAccountStore::DeleteSession(std::string_view token_hash) {
  std::lock_guard<std::mutex> lock(mu_);
  return Stmt(db_, "DELETE FROM sessions WHERE token_hash = ?")
      .Bind(1, token_hash)
      .Run("delete session");
}

Status SqliteAccountStore::Recover(std::string_view user_id,
                                   std::string_view code_hash,
                                   std::string_view new_password_hash,
                                   const SessionRecord& session) {
  std::lock_guard<std::mutex> lock(mu_);
  Txn txn(db_);
  Status s = txn.Begin();
  if (!s.ok()) return s;
  s = Stmt(db_,
           "UPDATE recovery_codes SET used_ms = ? WHERE user_id = ? AND "
           "code_hash = ? AND used_ms IS NULL")
          .Bind(1, session.last_used_ms)
          .Bind(2, user_id)
          .Bind(3, code_hash)
          .Run("spend recovery code");
  if (!s.ok()) return s;
  if (sqlite3_changes(db_) != 1) {
    return Status::NotFound("recovery-failed", "No such unused code.");
  }
  s = Stmt(db_, "UPDATE users SET password_hash = ? WHERE id = ?")
          .Bind(1, new_password_hash)
          .Bind(2, user_id)
          .Run("set password");
  if (s.ok()) {
    s = Stmt(db_, "DELETE FROM sessions WHERE user_id = ?")
            .Bind(1, user_id)
            .Run("end sessions");
  }
  if (s.ok()) s = InsertSession(db_, session);
  if (!s.ok()) return s;
  return txn.Commit();
}

Status SqliteAccountStore::DeviceMaxStamp(std::string_view user_id,
                                          std::string_view device,
                                          std::string* out) {
  std::lock_guard<std::mutex> lock(mu_);
  Stmt q(db_,
         "SELECT max_stamp FROM device_stamps WHERE user_id = ? AND "
         "device = ?");
  if (!q.ok()) return DbError(db_, "device stamp");
  q.Bind(1, user_id).Bind(2, device);
  const int rc = q.Step();
  if (rc == SQLITE_ROW) {
    *out = q.Text(0);
  } else if (rc == SQLITE_DONE) {
    out->clear();
  } else {
    return DbError(db_, "device stamp");
  }
  return Status::OK();
}

}  // namespace unknot::server
