#include "storage/sqlite_db.h"

#include <sqlite3.h>

namespace unknot {
namespace storage {

namespace {

// Bounds on the statement cache: how many idle copies of one statement
// (nested reads of one query), and how many different statements.
constexpr size_t kIdlePerStatement = 4;
constexpr size_t kCachedStatements = 256;

}  // namespace

Statement::~Statement() { Drop(); }

void Statement::Drop() {
  if (stmt_ == nullptr) return;
  if (cache_ != nullptr) {
    cache_->Release(stmt_);
  } else {
    sqlite3_finalize(stmt_);
  }
  stmt_ = nullptr;
}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    Drop();
    stmt_ = other.stmt_;
    cache_ = other.cache_;
    other.stmt_ = nullptr;
  }
  return *this;
}

Statement& Statement::Bind(int index, int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::Bind(int index, std::string_view text) {
  sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()),
                    SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::BindStatic(int index, std::string_view text) {
  sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()),
                    SQLITE_STATIC);
  return *this;
}

Statement& Statement::BindBlobStatic(int index, std::string_view bytes) {
  sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()),
                    SQLITE_STATIC);
  return *this;
}

Statement& Statement::Bind(int index, const std::optional<int64_t>& value) {
  return value ? Bind(index, *value) : BindNull(index);
}

Statement& Statement::Bind(int index, const std::optional<std::string>& value) {
  return value ? Bind(index, std::string_view(*value)) : BindNull(index);
}

Statement& Statement::BindNull(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

bool Statement::Step(Status* status) {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) {
    *status = Status::OK();
    return true;
  }
  if (rc == SQLITE_DONE) {
    *status = Status::OK();
  } else {
    *status =
        Status::IOError("io-error", sqlite3_errmsg(sqlite3_db_handle(stmt_)));
  }
  return false;
}

Status Statement::Run() {
  Status s;
  while (Step(&s)) {
  }
  Reset();
  return s;
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

int64_t Statement::ColumnInt(int col) const {
  return sqlite3_column_int64(stmt_, col);
}

std::string Statement::ColumnText(int col) const {
  return std::string(ColumnView(col));
}

std::string_view Statement::ColumnView(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  if (p == nullptr) return {};
  return std::string_view(
      reinterpret_cast<const char*>(p),
      static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

std::string_view Statement::ColumnBlob(int col) const {
  const void* p = sqlite3_column_blob(stmt_, col);
  if (p == nullptr) return {};
  return std::string_view(
      static_cast<const char*>(p),
      static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

int Statement::ColumnType(int col) const {
  return sqlite3_column_type(stmt_, col);
}

bool Statement::ColumnIsNull(int col) const {
  return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}

Status SqliteDb::Open(const std::string& path, std::unique_ptr<SqliteDb>* db) {
  sqlite3* raw = nullptr;
  // NOMUTEX: a connection is used by one thread at a time (as a Journal
  // is), so SQLite need not lock it on every call (sqlite3_column_* included).
  int rc = sqlite3_open_v2(
      path.c_str(), &raw,
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
      nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = raw ? sqlite3_errmsg(raw) : "out of memory";
    sqlite3_close(raw);
    return Status::IOError("io-error", "cannot open " + path + ": " + msg);
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, 5000);
  db->reset(new SqliteDb(raw));
  return Status::OK();
}

SqliteDb::~SqliteDb() {
  for (auto& [sql, stmts] : idle_) {
    for (sqlite3_stmt* stmt : stmts) sqlite3_finalize(stmt);
  }
  sqlite3_close_v2(db_);
}

void SqliteDb::Release(sqlite3_stmt* stmt) {
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  const char* sql = sqlite3_sql(stmt);
  auto it = idle_.find(sql);
  if (it == idle_.end() && idle_.size() < kCachedStatements) {
    it = idle_.emplace(sql, std::vector<sqlite3_stmt*>()).first;
  }
  if (it == idle_.end() || it->second.size() >= kIdlePerStatement) {
    sqlite3_finalize(stmt);
    return;
  }
  it->second.push_back(stmt);
}

Status SqliteDb::Run(const char* sql) {
  Statement stmt;
  UNKNOT_RETURN_IF_ERROR(Prepare(sql, &stmt));
  return stmt.Run();
}

Status SqliteDb::Exec(std::string_view sql) {
  std::string copy(sql);
  char* err = nullptr;
  if (sqlite3_exec(db_, copy.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    return Status::IOError("io-error", msg);
  }
  return Status::OK();
}

Status SqliteDb::Prepare(std::string_view sql, Statement* stmt) {
  // Keyed by the text SQLite keeps (sqlite3_sql), which is what was given.
  auto it = idle_.find(std::string(sql));
  if (it != idle_.end() && !it->second.empty()) {
    *stmt = Statement(it->second.back(), this);
    it->second.pop_back();
    return Status::OK();
  }
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                         SQLITE_PREPARE_PERSISTENT, &raw,
                         nullptr) != SQLITE_OK) {
    return Error("prepare");
  }
  *stmt = Statement(raw, this);
  return Status::OK();
}

void SqliteDb::Rollback() {
  sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

int64_t SqliteDb::Changes() const { return sqlite3_changes64(db_); }

Status SqliteDb::Error(std::string_view what) const {
  return Status::IOError("io-error",
                         std::string(what) + ": " + sqlite3_errmsg(db_));
}

}  // namespace storage
}  // namespace unknot
