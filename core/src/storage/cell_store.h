// CellStore: the cell-change layer every journal write goes through.
//
// Design note. A change is (stamp, table, row, column, value). The store
// keeps the winning change of every cell; applying a change that loses (an
// older or identical stamp) changes nothing, so applying is idempotent and
// the order of changes never matters. A winning change for a known table and
// column is written into that table's row (created, with the columns derived
// from its id, if needed), its stamp and seq into the row's `stamps` and
// `seq` (row_stamps.h); a change for a table or column this version does not
// know is kept in `cells`, and adopted by the migration that adds it.
//
// Sync reads rows, not cells: a row whose seq is above a cursor is listed
// with all its cells (ChangesAfter), so a page never misses a cell of a row
// it stops before, and a cell sent twice loses to itself.
#ifndef UNKNOT_STORAGE_CELL_STORE_H_
#define UNKNOT_STORAGE_CELL_STORE_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/row_stamps.h"
#include "storage/sqlite_db.h"
#include "unknot/status.h"
#include "unknot/sync.h"

namespace unknot {
namespace storage {

// The change types are public (unknot/sync.h): they travel between hosts.
using ::unknot::CellChange;
using ::unknot::CellValue;

// Bounds on the key of any cell, known table or not (CellStore::Check).
constexpr size_t kMaxCellNameBytes = 64;  // table and column names
constexpr size_t kMaxCellRowBytes = 256;

// What a known column may hold.
enum class ColumnType { kInt, kText, kFlag /* 0 or 1 */ };

// Names are views of literals: comparing one knows both lengths.
struct ColumnSpec {
  std::string_view name;
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
  std::string_view name;
  std::vector<ColumnSpec> columns;
  std::vector<std::string_view> derived;  // key columns filled from the row id
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

// One stored cell, as CellStore::ScanCells shows it. Views are valid during
// the callback only.
struct StoredCell {
  std::string_view table, row, column;
  std::string_view hlc;    // empty unless asked for (kCellStamps)
  const CellValue* value;  // nullptr unless asked for (kCellValues)
  int64_t seq;
};
// What ScanCells fills in besides the key and seq (a bit set): formatting
// stamps and reading values cost, counting needs neither.
constexpr int kCellStamps = 1;
constexpr int kCellValues = 2;

class CellStore {
 public:
  explicit CellStore(SqliteDb* db) : db_(db) {}

  // Reads the next sequence number: above every stored one and above
  // `seq_floor` (the push cursor: a seq a server acknowledged must never be
  // handed out again, even when the cell that held it was since overwritten
  // by a change from elsewhere). Call once after migrations.
  Status Init(int64_t seq_floor = 0);

  // Applies a change under last-writer-wins. Sets *won when it was newer
  // than the stored one (and so was stored). The caller holds a transaction.
  // Error code: "invalid-change" (a known column with a wrong type, or a
  // malformed row id); nothing is stored then.
  Status Apply(const CellChange& change, bool* won);

  // Applies changes from elsewhere (Journal::ApplyRemote), already checked
  // (Check) by the caller, stamps[i] being changes[i].hlc packed
  // (PackStamp): per cell only the newest change of the batch is
  // tried, the cells' comparison and write are one statement, and the
  // batch is written in key order with one row upsert per row. A change
  // that wins gets the next seq when `assign_seq` (server mode), else seq 0
  // (a device: not its own to push). Adds the winners to *applied. The
  // caller holds a transaction. REQUIRES: stamps.size() == changes.size().
  Status ApplyBatch(const std::vector<CellChange>& changes,
                    const std::vector<PackedStamp>& stamps, bool assign_seq,
                    int* applied);

  // The cells of every row (and unknown cell) with seq > `after`, by seq:
  // all of a row's cells with seq > 0, whole rows only, at most `max_bytes`
  // (EncodedChangeSize) and `max_changes` unless one row alone is more.
  // batch->last_seq is the seq of the last row listed.
  Status ChangesAfter(int64_t after, size_t max_bytes, size_t max_changes,
                      ChangeBatch* batch);

  // Gives the stored cell (change's table, row, column) the stamp
  // change.hlc — newer than its own — and the next seq; the value is
  // unchanged.
  Status Restamp(const CellChange& change);

  // Calls f for each stored cell with seq > `after` (every cell when
  // `after` < 0), in no particular order; `fields`: kCellStamps,
  // kCellValues (or 0: keys and seqs only).
  template <typename F>
  Status ScanCells(int64_t after, int fields, F f) {
    return ScanCellsImpl(after, fields, &f, [](void* fp, const StoredCell& c) {
      (*static_cast<F*>(fp))(c);
    });
  }

  // Gives every cell with seq 0 (changes received in device mode) a seq,
  // so that they are pushed to a new account.
  Status NumberUnsequenced();

  // The highest stored seq.
  Status HeadSeq(int64_t* seq);
  // The seq the next stored change gets (every seq handed out is below).
  int64_t next_seq() const { return next_seq_; }

  // Applies changes stamped by this device's clock just now, which by the
  // clock's rules are newer than every stored stamp: skips the comparison.
  // Consecutive changes of one row are written to its table in one
  // statement.
  Status ApplyLocal(const std::vector<CellChange>& changes);

  // Moves the cells of `columns` of `table` kept in `cells` into their
  // rows (stamps included): the migration that makes them known (v6 and
  // later; v6 adopts every cell). A malformed one stays in `cells`.
  static Status AdoptCells(SqliteDb* db, const std::string& table,
                           const std::vector<std::string>& columns);

  // Writes the values of every stored cell of (table, column) into its
  // table, leaving `cells` as it is: the migrations before v6, whose tables
  // have no stamps yet (v6 then adopts every cell).
  static Status ReplayColumnValues(SqliteDb* db, const std::string& table,
                                   const std::string& column);

  // Checks a change against KnownTables (type, row id); unknown tables and
  // columns pass. Error code: "invalid-change".
  static Status Check(const CellChange& change);

 private:
  using CellFn = void (*)(void*, const StoredCell&);
  Status ScanCellsImpl(int64_t after, int fields, void* f, CellFn fn);
  // How a row write treats the row's stamps and seq.
  enum class StampWrite {
    kMerge,           // merge `stamps` into the row's (unknot_merge_stamps)
    kReplace,         // `stamps` are the row's, whole, and so is `row_seq`
    kReplaceKeepSeq,  // as kReplace; the row's seq stays (no index write)
    kNone,            // values only: tables without stamps (before v6)
    kInsertNew,       // a new row, or nothing when the row exists
  };
  // Writes the changes *first[0..n) of one row (a known table) into it,
  // with `stamps` in column order.
  Status WriteRow(const TableSpec& table, const CellChange* const* first,
                  size_t n, const std::vector<CellStamp>& stamps,
                  StampWrite mode);
  // Sorts candidates_ by column position, keeping the later of a column
  // given twice.
  void OrderByColumn();
  // Stores an unknown table's or column's change in `cells` when newer
  // than the stored one; sets *won.
  Status StoreUnknown(const CellChange& change, int64_t seq, bool* won);
  // The stamps and seq stored in row `row` of `table`; *exists false (and
  // nothing stored) when there is no such row.
  Status ReadRowStamps(const TableSpec& table, std::string_view row,
                       std::vector<CellStamp>* out, int64_t* seq, bool* exists);
  // The upsert of the columns in `mask` (bit i: table.columns[i]).
  Statement* RowStatement(const TableSpec& table, uint32_t mask,
                          StampWrite mode);
  Status PrepareTableStatements();

  SqliteDb* db_;
  int64_t next_seq_ = 1;
  // Whether ApplyBatch's recent rows were new (> 0) or stored (< 0).
  int new_rows_score_ = 0;
  Statement upsert_if_newer_;  // of `cells`
  // By table position in KnownTables.
  std::vector<Statement> read_stamps_;
  std::vector<const CellChange*> row_;  // scratch
  // A change of an ApplyBatch, as it sorts: its row (and 8 of its bytes,
  // after the start all rows of the batch share), its index in the batch,
  // its table's and column's positions (kUnknownPosition: unknown).
  struct BatchKey {
    std::string_view row;
    uint64_t after_common;
    uint32_t index;
    uint16_t table;
    uint16_t column;
  };
  std::vector<BatchKey> keys_;  // scratch of ApplyBatch
  // Fills keys_ with the batch in ApplyBatch's order.
  void SortBatch(const std::vector<CellChange>& changes,
                 const std::vector<PackedStamp>& stamps);
  // <0, 0, >0 as a's table (column) sorts before, with, after b's.
  static int TableOrder(const std::vector<CellChange>& changes,
                        const BatchKey& a, const BatchKey& b);
  static int ColumnOrder(const std::vector<CellChange>& changes,
                         const BatchKey& a, const BatchKey& b);
  std::vector<CellStamp> stamps_, stored_, merged_;  // scratch
  std::vector<std::pair<CellStamp, const CellChange*>> candidates_;
  std::string blob_;  // scratch
  // By table (its position in KnownTables) << 40 | mode << 32 | mask.
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
