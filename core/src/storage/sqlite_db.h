// A thin RAII layer over the SQLite C API: a connection and prepared
// statements whose failures come back as Status values.
#ifndef UNKNOT_STORAGE_SQLITE_DB_H_
#define UNKNOT_STORAGE_SQLITE_DB_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "unknot/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace unknot {
namespace storage {

class SqliteDb;

class Statement {
 public:
  Statement() = default;
  // `cache`: the connection that keeps the statement for reuse once this
  // object is gone (SqliteDb::Prepare); nullptr finalizes it instead.
  explicit Statement(sqlite3_stmt* stmt, SqliteDb* cache = nullptr)
      : stmt_(stmt), cache_(cache) {}
  ~Statement();
  Statement(Statement&& other) noexcept
      : stmt_(other.stmt_), cache_(other.cache_) {
    other.stmt_ = nullptr;
  }
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool valid() const { return stmt_ != nullptr; }

  // Parameters are 1-based, as in SQLite. Text is copied.
  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, const std::optional<int64_t>& value);
  Statement& Bind(int index, const std::optional<std::string>& value);
  Statement& BindNull(int index);
  // Not copied: `text` must stay valid until the statement is reset (Run()
  // resets it). For hot paths that bind and run at once.
  Statement& BindStatic(int index, std::string_view text);
  // A blob, not copied (as BindStatic).
  Statement& BindBlobStatic(int index, std::string_view bytes);

  // Steps once. Returns true with *status ok while a row is available,
  // false when done or on error (then *status says why).
  bool Step(Status* status);
  // Steps to completion, expecting no rows.
  Status Run();
  // Resets for re-execution and clears bindings.
  void Reset();

  int64_t ColumnInt(int col) const;
  std::string ColumnText(int col) const;
  std::string_view ColumnView(int col) const;  // valid until the next Step
  bool ColumnIsNull(int col) const;
  // A blob's bytes, valid until the next Step.
  std::string_view ColumnBlob(int col) const;
  // SQLITE_INTEGER, SQLITE_TEXT, SQLITE_NULL, ...
  int ColumnType(int col) const;

 private:
  void Drop();

  sqlite3_stmt* stmt_ = nullptr;
  SqliteDb* cache_ = nullptr;
};

class SqliteDb {
 public:
  // Opens (creating when missing) the database at `path` (":memory:" ok).
  // The connection is not locked: use it from one thread at a time.
  // Error code: "io-error".
  static Status Open(const std::string& path, std::unique_ptr<SqliteDb>* db);
  ~SqliteDb();

  Status Exec(std::string_view sql);
  Status Prepare(std::string_view sql, Statement* stmt);

  // Transactions; Commit/Rollback after Begin. Rollback never fails loudly.
  Status Begin() { return Exec("BEGIN IMMEDIATE"); }
  Status Commit() { return Exec("COMMIT"); }
  void Rollback();

  int64_t Changes() const;
  sqlite3* raw() const { return db_; }

  // "io-error" with SQLite's message.
  Status Error(std::string_view what) const;

 private:
  friend class Statement;
  explicit SqliteDb(sqlite3* db) : db_(db) {}
  // One statement through the cache, run to completion.
  Status Run(const char* sql);
  // Takes back a statement of the cache (reset, bindings cleared).
  void Release(sqlite3_stmt* stmt);

  sqlite3* db_;
  // Idle prepared statements by their SQL text.
  std::unordered_map<std::string, std::vector<sqlite3_stmt*>> idle_;
};

// Commits on Commit(); rolls back when destroyed uncommitted.
class Transaction {
 public:
  explicit Transaction(SqliteDb* db) : db_(db) {}
  ~Transaction() {
    if (open_) db_->Rollback();
  }
  Status Begin() {
    Status s = db_->Begin();
    open_ = s.ok();
    return s;
  }
  Status Commit() {
    Status s = db_->Commit();
    if (s.ok()) open_ = false;
    return s;
  }

 private:
  SqliteDb* db_;
  bool open_ = false;
};

}  // namespace storage
}  // namespace unknot

#endif  // UNKNOT_STORAGE_SQLITE_DB_H_
