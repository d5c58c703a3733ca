// Small RAII helpers over the SQLite C API for the account store's files
// (sqlite_account_store.cc, sqlite_share_store.cc). Internal.
#ifndef UNKNOT_SERVER_ACCOUNTS_SQLITE_UTIL_H_
#define UNKNOT_SERVER_ACCOUNTS_SQLITE_UTIL_H_

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "unknot/status.h"

namespace unknot::server::sqlite_util {

inline Status DbError(sqlite3* db, std::string_view what) {
  return Status::IOError("io-error",
                         std::string(what) + ": " + sqlite3_errmsg(db));
}

// A prepared statement, finalized on scope exit.
class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK)
      stmt_ = nullptr;
  }
  ~Stmt() { sqlite3_finalize(stmt_); }
  bool ok() const { return stmt_ != nullptr; }
  Stmt& Bind(int i, std::string_view text) {
    sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()),
                      SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& Bind(int i, int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  int Step() { return sqlite3_step(stmt_); }
  std::string Text(int col) {
    const auto* p = sqlite3_column_text(stmt_, col);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           sqlite3_column_bytes(stmt_, col))
             : std::string();
  }
  int64_t Int(int col) { return sqlite3_column_int64(stmt_, col); }
  // Runs to completion; "io-error" unless it finishes.
  Status Run(std::string_view what) {
    if (!ok() || Step() != SQLITE_DONE) return DbError(db_, what);
    return Status::OK();
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

inline Status Exec(sqlite3* db, const char* sql) {
  if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
    return DbError(db, sql);
  return Status::OK();
}

// Rolls back unless committed.
class Txn {
 public:
  explicit Txn(sqlite3* db) : db_(db) {}
  ~Txn() {
    if (open_) Exec(db_, "ROLLBACK");
  }
  Status Begin() {
    Status s = Exec(db_, "BEGIN IMMEDIATE");
    open_ = s.ok();
    return s;
  }
  Status Commit() {
    Status s = Exec(db_, "COMMIT");
    if (s.ok()) open_ = false;
    return s;
  }

 private:
  sqlite3* db_;
  bool open_ = false;
};

}  // namespace unknot::server::sqlite_util

#endif  // UNKNOT_SERVER_ACCOUNTS_SQLITE_UTIL_H_
