// CellStore: the cell-change layer every journal write goes through.
//
// Design note. A change is (stamp, table, row, column, value). `cells` keeps
// the winning change of every cell; applying a change that loses (an older or
// identical stamp) changes nothing, so applying is idempotent and the order
// of changes never matters. A winning change for a known table and column is
// also written into that table (creating the row, with the columns derived
// from its id, if needed); a change for a table or column this version does
// not know is kept in `cells` only, and replayed when a migration adds it.
#ifndef UNKNOT_STORAGE_CELL_STORE_H_
#define UNKNOT_STORAGE_CELL_STORE_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/sqlite_db.h"
#include "unknot/status.h"
#include "unknot/sync.h"

namespace unknot {
namespace storage {

// The change types are public (unknot/sync.h): they travel between hosts.
using ::unknot::CellChange;
using ::unknot::CellValue;

// What a known column may hold.
enum class ColumnType { kInt, kText, kFlag /* 0 or 1 */ };

struct ColumnSpec {
  const char* name;
  ColumnType type;
  bool nullable;
};

// Key columns derived from a row id: views into the id.
struct DerivedKey {
  std::string_view values[3];
  size_t size = 0;
};

// A table that cells write into. Child tables derive their key columns
// (parent id, site, side, ...) from the row id, so any single cell creates
// a complete row whatever order changes arrive in.
struct TableSpec {
  const char* name;
  std::vector<ColumnSpec> columns;
  std::vector<const char*> derived;  // key columns filled from the row id
  // Splits a row id into the `derived` values; false when malformed.
  bool (*derive)(std::string_view row, DerivedKey* values);
};

// The tables of the current schema.
const std::vector<TableSpec>& KnownTables();
const TableSpec* FindTable(std::string_view name);
// nullptr when `table` has no such column (e.g. one of a newer version).
const ColumnSpec* FindColumn(const TableSpec& table, std::string_view name);
// Whether `id` is a well-formed entry id (32 lowercase hex digits).
bool IsEntryRowId(std::string_view id);

class CellStore {
 public:
  explicit CellStore(SqliteDb* db) : db_(db) {}

  // Reads the next sequence number. Call once after migrations.
  Status Init();

  // Applies a change under last-writer-wins. Sets *won when it was newer
  // than the stored one (and so was stored). The caller holds a transaction.
  // Error code: "invalid-change" (a known column with a wrong type, or a
  // malformed row id); nothing is stored then.
  Status Apply(const CellChange& change, bool* won);

  // Applies changes stamped by this device's clock just now, which by the
  // clock's rules are newer than every stored stamp: skips the comparison.
  // Consecutive changes of one row are written to its table in one
  // statement.
  Status ApplyLocal(const std::vector<CellChange>& changes);

  // Writes every stored cell of (table, column) into its table. Used by the
  // migration that makes the column known.
  static Status ReplayColumn(SqliteDb* db, const std::string& table,
                             const std::string& column);

  // Checks a change against KnownTables (type, row id); unknown tables and
  // columns pass. Error code: "invalid-change".
  static Status Check(const CellChange& change);

 private:
  Status StoreCell(const CellChange& change);
  // Writes changes [first, first + n) — all of one row — into its table.
  Status WriteRow(const CellChange* first, size_t n);
  // The upsert of the columns in `mask` (bit i: table.columns[i]).
  Statement* RowStatement(const TableSpec& table, uint32_t mask);

  SqliteDb* db_;
  int64_t next_seq_ = 1;
  Statement select_hlc_;
  Statement upsert_cell_;
  // By table (its position in KnownTables) << 32 | column mask.
  std::map<uint64_t, Statement> row_upserts_;
};

// Row ids of child rows: "<entry id>:<site>:<side>" and
// "<entry id>:<kind>:<value>".
std::string SiteRowId(std::string_view entry_id, std::string_view site,
                      std::string_view side);
std::string TagRowId(std::string_view entry_id, std::string_view kind,
                     std::string_view value);

}  // namespace storage
}  // namespace unknot

#endif  // UNKNOT_STORAGE_CELL_STORE_H_
