#include "storage/cell_store.h"

#include <sqlite3.h>

#include <algorithm>

#include "util/text_util.h"

namespace unknot {
namespace storage {

namespace {

// Plain loops over bytes: every change of a sync batch passes these, and
// in the size-optimised wasm build std::all_of and string_view's operator[]
// stay calls.
bool IsHexId(std::string_view s) {
  if (s.size() != 32) return false;
  for (const char* p = s.data(); p != s.data() + 32; ++p) {
    const char c = *p;
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// "<32 hex>:<a>:<b>" with non-empty a and b; b may itself contain ':'.
bool DeriveChild(std::string_view row, DerivedKey* values) {
  if (row.size() < 36 || row[32] != ':') return false;
  std::string_view parent = row.substr(0, 32);
  std::string_view rest = row.substr(33);
  size_t colon = rest.find(':');
  if (!IsHexId(parent) || colon == 0 || colon == std::string_view::npos ||
      colon + 1 == rest.size()) {
    return false;
  }
  values->values[0] = parent;
  values->values[1] = rest.substr(0, colon);
  values->values[2] = rest.substr(colon + 1);
  values->size = 3;
  return true;
}

bool DeriveNothing(std::string_view row, DerivedKey* values) {
  values->size = 0;
  return !row.empty() && row.size() <= 200;
}

bool DeriveEntry(std::string_view row, DerivedKey* values) {
  values->size = 0;
  return IsHexId(row);
}

}  // namespace

const std::vector<TableSpec>& KnownTables() {
  using T = ColumnType;
  static const std::vector<TableSpec>* tables = new std::vector<TableSpec>{
      {"entries",
       {{"at", T::kInt, false},
        {"tz_offset", T::kInt, false},
        {"flare", T::kFlag, false},
        {"rom", T::kText, true},
        {"stress", T::kInt, true},
        {"sleep", T::kInt, true},
        {"note", T::kText, true},
        {"deleted", T::kFlag, false}},
       {},
       DeriveEntry},
      {"entry_sites",
       {{"intensity", T::kInt, false}, {"deleted", T::kFlag, false}},
       {"entry_id", "site", "side"},
       DeriveChild},
      {"entry_tags",
       {{"text", T::kText, true}, {"deleted", T::kFlag, false}},
       {"entry_id", "kind", "value"},
       DeriveChild},
      {"custom_triggers",
       {{"label", T::kText, false}, {"deleted", T::kFlag, false}},
       {},
       DeriveNothing},
      {"triage_results",
       {{"at", T::kInt, false},
        {"level", T::kText, false},
        {"ruleset_version", T::kText, false},
        {"result", T::kText, false},
        {"deleted", T::kFlag, false}},
       {},
       DeriveNothing},
      {"custom_routines",
       {{"title", T::kText, false},
        {"kind", T::kText, false},
        {"targets", T::kText, false},
        {"steps", T::kText, false},
        {"deleted", T::kFlag, false}},
       {},
       DeriveNothing},
      {"schedules",
       {{"routine_id", T::kText, false},
        {"days", T::kInt, false},
        {"start_minute", T::kInt, false},
        {"end_minute", T::kInt, true},
        {"every_minutes", T::kInt, true},
        {"since_day", T::kInt, false},
        {"deleted", T::kFlag, false}},
       {},
       DeriveNothing},
      {"sessions",
       {{"routine_id", T::kText, false},
        {"at", T::kInt, false},
        {"tz_offset", T::kInt, false},
        {"steps_done", T::kInt, false},
        {"steps_total", T::kInt, false},
        {"duration_s", T::kInt, false},
        {"site", T::kText, true},
        {"pain_before", T::kInt, true},
        {"pain_after", T::kInt, true},
        {"deleted", T::kFlag, false}},
       {},
       DeriveEntry},
      {"suggestions",
       {{"kind", T::kText, false},
        {"entry_id", T::kText, true},
        {"text", T::kText, true},
        {"routine_id", T::kText, true},
        {"routine", T::kText, true},
        {"author", T::kText, false},
        {"share_id", T::kText, true},
        {"at", T::kInt, false},
        {"status", T::kText, false},
        {"answered_at", T::kInt, true},
        {"accepted_routine_id", T::kText, true},
        {"deleted", T::kFlag, false}},
       {},
       DeriveEntry},
  };
  return *tables;
}

const TableSpec* FindTable(std::string_view name) {
  for (const TableSpec& t : KnownTables()) {
    if (name == t.name) return &t;
  }
  return nullptr;
}

const ColumnSpec* FindColumn(const TableSpec& table, std::string_view name) {
  for (const ColumnSpec& c : table.columns) {
    if (name == c.name) return &c;
  }
  return nullptr;
}

bool IsEntryRowId(std::string_view id) { return IsHexId(id); }

namespace {

bool TypeFits(const ColumnSpec& col, const CellValue& v) {
  switch (v.type) {
    case CellValue::Type::kNull:
      return col.nullable;
    case CellValue::Type::kInt:
      return col.type == ColumnType::kInt ||
             (col.type == ColumnType::kFlag && (v.i == 0 || v.i == 1));
    case CellValue::Type::kText:
      return col.type == ColumnType::kText;
  }
  return false;
}

// Text is bound without a copy: callers run the statement before `v` goes.
void BindValue(Statement* stmt, int index, const CellValue& v) {
  switch (v.type) {
    case CellValue::Type::kNull:
      stmt->BindNull(index);
      break;
    case CellValue::Type::kInt:
      stmt->Bind(index, v.i);
      break;
    case CellValue::Type::kText:
      stmt->BindStatic(index, v.s);
      break;
  }
}

Status Refuse(const CellChange& c, const std::string& why) {
  return Status::Invalid(
      "invalid-change",
      c.table + "/" + QuoteForMessage(c.row) + "/" + c.column + ": " + why);
}

// Table and column names of any version: what a future schema may add.
bool IsName(std::string_view s) {
  if (s.empty() || s.size() > kMaxCellNameBytes) return false;
  for (const char* p = s.data(); p != s.data() + s.size(); ++p) {
    const char c = *p;
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
      return false;
    }
  }
  return true;
}

}  // namespace

Status CellStore::Check(const CellChange& c) {
  // Every change travels as JSON (sync, export), so its text must be
  // UTF-8; names and row ids are bounded for any table, known or not.
  if (!IsName(c.table) || !IsName(c.column)) {
    return Status::Invalid("invalid-change",
                           "table and column names are 1 to 64 of a-z 0-9 _");
  }
  if (c.row.empty() || c.row.size() > kMaxCellRowBytes || !IsValidUtf8(c.row)) {
    return Refuse(c, "malformed row id");
  }
  if (c.value.type == CellValue::Type::kText && !IsValidUtf8(c.value.s)) {
    return Refuse(c, "text is not UTF-8");
  }
  const TableSpec* table = FindTable(c.table);
  if (table == nullptr) return Status::OK();  // kept for a newer version
  DerivedKey derived;
  if (!table->derive(c.row, &derived)) return Refuse(c, "malformed row id");
  const ColumnSpec* col = FindColumn(*table, c.column);
  if (col != nullptr && !TypeFits(*col, c.value)) {
    return Refuse(c, "value of the wrong type");
  }
  return Status::OK();
}

namespace {

size_t TablePosition(const TableSpec& table) {
  return static_cast<size_t>(&table - KnownTables().data());
}

// "SELECT id, stamps, seq, <columns> FROM <table>" — the start of a query
// reading whole rows; value k is at index 3 + k.
std::string SelectRows(const TableSpec& table) {
  std::string sql = "SELECT id, stamps, seq";
  for (const ColumnSpec& c : table.columns) {
    sql += ", ";
    sql += c.name;
  }
  return sql + " FROM " + std::string(table.name);
}

// "SELECT id, stamps, seq FROM <table>": a row's key and stamps only.
std::string SelectStamps(const TableSpec& table) {
  return "SELECT id, stamps, seq FROM " + std::string(table.name);
}

CellValue ColumnValue(const Statement& q, int index) {
  switch (q.ColumnType(index)) {
    case SQLITE_INTEGER:
      return CellValue::Int(q.ColumnInt(index));
    case SQLITE_TEXT:
      return CellValue::Text(std::string(q.ColumnView(index)));
    default:
      return CellValue::Null();
  }
}

// Local changes share their stamp text per save: pack it once.
class StampPacker {
 public:
  Status Pack(const std::string& text, PackedStamp* out) {
    if (text != last_text_) {
      UNKNOT_RETURN_IF_ERROR(PackStamp(text, &last_));
      last_text_ = text;
    }
    *out = last_;
    return Status::OK();
  }

 private:
  std::string last_text_;
  PackedStamp last_;
};

}  // namespace

Status CellStore::Init(int64_t seq_floor) {
  UNKNOT_RETURN_IF_ERROR(RegisterStampFunctions(db_));
  int64_t head = 0;
  UNKNOT_RETURN_IF_ERROR(HeadSeq(&head));
  next_seq_ = std::max(head, seq_floor) + 1;
  UNKNOT_RETURN_IF_ERROR(db_->Prepare(
      "INSERT INTO cells(tbl, row, col, hlc, value, seq) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6) "
      "ON CONFLICT(tbl, row, col) DO UPDATE SET "
      "hlc = excluded.hlc, value = excluded.value, seq = excluded.seq "
      "WHERE excluded.hlc > cells.hlc",
      &upsert_if_newer_));
  return PrepareTableStatements();
}

Status CellStore::PrepareTableStatements() {
  read_stamps_.clear();
  for (const TableSpec& t : KnownTables()) {
    read_stamps_.emplace_back();
    UNKNOT_RETURN_IF_ERROR(
        db_->Prepare(std::string("SELECT stamps, seq FROM ") +
                         std::string(t.name) + " WHERE id = ?1",
                     &read_stamps_.back()));
  }
  return Status::OK();
}

Status CellStore::ReadRowStamps(const TableSpec& table, std::string_view row,
                                std::vector<CellStamp>* out, int64_t* seq,
                                bool* exists) {
  out->clear();
  *seq = 0;
  Statement& q = read_stamps_[TablePosition(table)];
  q.BindStatic(1, row);
  Status s;
  *exists = q.Step(&s);
  if (*exists) {
    s = DecodeStoredStamps(table.name, q.ColumnBlob(0), out);
    *seq = q.ColumnInt(1);
  }
  q.Reset();
  return s;
}

Status CellStore::StoreUnknown(const CellChange& c, int64_t seq, bool* won) {
  upsert_if_newer_.BindStatic(1, c.table)
      .BindStatic(2, c.row)
      .BindStatic(3, c.column)
      .BindStatic(4, c.hlc)
      .Bind(6, seq);
  BindValue(&upsert_if_newer_, 5, c.value);
  UNKNOT_RETURN_IF_ERROR(upsert_if_newer_.Run());
  *won = db_->Changes() > 0;
  return Status::OK();
}

Status CellStore::Apply(const CellChange& change, bool* won) {
  *won = false;
  UNKNOT_RETURN_IF_ERROR(Check(change));
  std::vector<PackedStamp> stamp(1);
  UNKNOT_RETURN_IF_ERROR(PackStamp(change.hlc, &stamp[0]));
  int applied = 0;
  UNKNOT_RETURN_IF_ERROR(
      ApplyBatch({change}, stamp, /*assign_seq=*/true, &applied));
  *won = applied > 0;
  return Status::OK();
}

namespace {

constexpr uint16_t kUnknownPosition = 0xffff;  // a table or column not known
constexpr size_t kKeptBatchKeys = 1024;  // ApplyBatch's scratch kept after

// The 8 bytes of `row` from `at` as a big-endian number, zeros past its
// end: when two rows share their first `at` bytes, a smaller number means a
// smaller row (equal numbers decide nothing).
uint64_t RowBytesAt(std::string_view row, size_t at) {
  uint64_t v = 0;
  for (size_t i = at; i < at + 8; ++i) {
    v = v << 8 | (i < row.size() ? static_cast<uint8_t>(row.data()[i]) : 0);
  }
  return v;
}

}  // namespace

int CellStore::TableOrder(const std::vector<CellChange>& changes,
                          const BatchKey& a, const BatchKey& b) {
  // Names break ties only between tables this version does not know, which
  // all share kUnknownPosition; so for columns.
  if (a.table != b.table) return a.table < b.table ? -1 : 1;
  if (a.table != kUnknownPosition) return 0;
  return changes[a.index].table.compare(changes[b.index].table);
}

int CellStore::ColumnOrder(const std::vector<CellChange>& changes,
                           const BatchKey& a, const BatchKey& b) {
  if (a.column != b.column) return a.column < b.column ? -1 : 1;
  if (a.column != kUnknownPosition) return 0;
  return changes[a.index].column.compare(changes[b.index].column);
}

void CellStore::SortBatch(const std::vector<CellChange>& changes,
                          const std::vector<PackedStamp>& stamps) {
  // Key order: rows of a batch are written with B-tree locality, a row's
  // cells in column position order (as its stamps are kept), and one
  // cell's changes side by side, newest first, so only that one is tried:
  // the others lose to it. Positions are looked up once per change, not
  // once per comparison.
  const std::vector<TableSpec>& tables = KnownTables();
  keys_.resize(changes.size());
  for (size_t i = 0; i < changes.size(); ++i) {
    const CellChange& c = changes[i];
    const TableSpec* table = FindTable(c.table);
    const ColumnSpec* column =
        table != nullptr ? FindColumn(*table, c.column) : nullptr;
    keys_[i] = {c.row, 0, static_cast<uint32_t>(i),
                table != nullptr ? static_cast<uint16_t>(table - tables.data())
                                 : kUnknownPosition,
                column != nullptr
                    ? static_cast<uint16_t>(column - table->columns.data())
                    : kUnknownPosition};
  }
  // Row ids of a batch often share a long start (entry ids begin with
  // their time): each key also keeps the 8 bytes after the batch's common
  // start, so that most comparisons of rows compare two integers.
  size_t common = keys_.empty() ? 0 : keys_[0].row.size();
  for (const BatchKey& key : keys_) {
    common = std::min(common, key.row.size());
    const char* a = keys_[0].row.data();
    const char* b = key.row.data();
    size_t n = 0;
    while (n < common && a[n] == b[n]) ++n;
    common = n;
  }
  for (BatchKey& key : keys_) key.after_common = RowBytesAt(key.row, common);
  std::sort(keys_.begin(), keys_.end(),
            [&](const BatchKey& a, const BatchKey& b) {
              if (int c = TableOrder(changes, a, b)) return c < 0;
              if (a.after_common != b.after_common) {
                return a.after_common < b.after_common;
              }
              if (int c = a.row.compare(b.row)) return c < 0;
              if (int c = ColumnOrder(changes, a, b)) return c < 0;
              return stamps[b.index] < stamps[a.index];
            });
}

Status CellStore::ApplyBatch(const std::vector<CellChange>& changes,
                             const std::vector<PackedStamp>& stamps,
                             bool assign_seq, int* applied) {
  SortBatch(changes, stamps);
  const std::vector<TableSpec>& tables = KnownTables();
  size_t i = 0;
  while (i < keys_.size()) {
    const BatchKey& first = keys_[i];
    size_t end = i + 1;
    while (end < keys_.size() && keys_[end].row == first.row &&
           TableOrder(changes, keys_[end], first) == 0) {
      ++end;
    }
    const TableSpec* table =
        first.table != kUnknownPosition ? &tables[first.table] : nullptr;
    // The batch's newest change of each column (the others lose to it), in
    // column position order; unknown columns go to `cells`.
    candidates_.clear();
    for (size_t k = i; k < end; ++k) {
      const BatchKey& key = keys_[k];
      if (k > i && ColumnOrder(changes, keys_[k - 1], key) == 0) {
        continue;  // older
      }
      const CellChange& c = changes[key.index];
      if (key.column == kUnknownPosition) {
        bool won = false;
        UNKNOT_RETURN_IF_ERROR(
            StoreUnknown(c, assign_seq ? next_seq_ : 0, &won));
        if (won) {
          if (assign_seq) ++next_seq_;
          ++*applied;
        }
        continue;
      }
      CellStamp stamp;
      stamp.column = static_cast<uint8_t>(key.column);
      stamp.stamp = stamps[key.index];
      stamp.seq = 0;
      candidates_.push_back({stamp, &c});
    }
    i = end;
    if (candidates_.empty()) continue;
    // A row not stored yet takes every change. While most rows of the
    // batches are new (a server's pushes, a device's first pull), an
    // insert that does nothing when the row exists finds that out without
    // a read first; while most exist, the read comes first.
    row_.clear();
    stamps_.clear();
    int64_t seq = next_seq_;
    for (const auto& [stamp, change] : candidates_) {
      stamps_.push_back(stamp);
      if (assign_seq) stamps_.back().seq = seq++;
      row_.push_back(change);
    }
    int64_t stored_seq = 0;
    bool exists = true;
    if (new_rows_score_ < 0) {
      UNKNOT_RETURN_IF_ERROR(
          ReadRowStamps(*table, first.row, &stored_, &stored_seq, &exists));
    }
    if (!exists || new_rows_score_ >= 0) {
      UNKNOT_RETURN_IF_ERROR(WriteRow(*table, row_.data(), row_.size(), stamps_,
                                      StampWrite::kInsertNew));
      if (db_->Changes() > 0) {
        next_seq_ = seq;
        *applied += static_cast<int>(row_.size());
        new_rows_score_ = std::min(new_rows_score_ + 1, 8);
        continue;
      }
      UNKNOT_RETURN_IF_ERROR(
          ReadRowStamps(*table, first.row, &stored_, &stored_seq, &exists));
    }
    new_rows_score_ = std::max(new_rows_score_ - 1, -8);
    // The row exists: the changes newer than its stamps win.
    row_.clear();
    merged_ = stored_;
    int64_t row_seq = stored_seq;
    for (const auto& [candidate, change] : candidates_) {
      CellStamp stamp = candidate;
      auto it = std::find_if(
          merged_.begin(), merged_.end(),
          [&](const CellStamp& m) { return m.column == stamp.column; });
      if (it != merged_.end() && !(it->stamp < stamp.stamp)) continue;
      stamp.seq = assign_seq ? next_seq_++ : 0;
      row_seq = std::max(row_seq, stamp.seq);
      ++*applied;
      row_.push_back(change);
      if (it != merged_.end()) {
        *it = stamp;
      } else {
        merged_.push_back(stamp);
      }
    }
    if (row_.empty()) continue;
    std::sort(merged_.begin(), merged_.end(),
              [](const CellStamp& a, const CellStamp& b) {
                return a.column < b.column;
              });
    // A device's merge keeps the row's seq (winners get 0): leaving it out
    // of the update spares a seq index write per row.
    StampWrite mode = row_seq == stored_seq ? StampWrite::kReplaceKeepSeq
                                            : StampWrite::kReplace;
    UNKNOT_RETURN_IF_ERROR(
        WriteRow(*table, row_.data(), row_.size(), merged_, mode));
  }
  row_.clear();
  // Give back the room of a big batch (32 bytes a change): a server keeps
  // a store per open journal.
  if (keys_.capacity() > kKeptBatchKeys) {
    std::vector<BatchKey>().swap(keys_);
  } else {
    keys_.clear();
  }
  return Status::OK();
}

Status CellStore::ChangesAfter(int64_t after, size_t max_bytes,
                               size_t max_changes, ChangeBatch* batch) {
  batch->changes.clear();
  batch->last_seq = after;
  batch->more = false;
  // One cursor per table in seq order, and one over `cells`: merged by seq.
  const std::vector<TableSpec>& tables = KnownTables();
  std::vector<Statement> cursors(tables.size() + 1);
  std::vector<bool> live(cursors.size());
  Status s;
  for (size_t t = 0; t <= tables.size(); ++t) {
    std::string sql =
        t < tables.size()
            ? SelectRows(tables[t]) + " WHERE seq > ?1 ORDER BY seq"
            : "SELECT tbl, row, col, hlc, value, seq FROM cells WHERE seq > "
              "?1 ORDER BY seq";
    UNKNOT_RETURN_IF_ERROR(db_->Prepare(sql, &cursors[t]));
    cursors[t].Bind(1, after);
    live[t] = cursors[t].Step(&s);
    UNKNOT_RETURN_IF_ERROR(s);
  }
  auto seq_of = [&](size_t t) {
    return cursors[t].ColumnInt(t < tables.size() ? 2 : 5);
  };
  StampFormatter formatter;
  std::vector<CellChange> unit;
  size_t bytes = 0;
  for (;;) {
    size_t next = cursors.size();
    for (size_t t = 0; t < cursors.size(); ++t) {
      if (live[t] && (next == cursors.size() || seq_of(t) < seq_of(next))) {
        next = t;
      }
    }
    if (next == cursors.size()) break;
    Statement& q = cursors[next];
    unit.clear();
    if (next < tables.size()) {
      const TableSpec& table = tables[next];
      UNKNOT_RETURN_IF_ERROR(
          DecodeStoredStamps(table.name, q.ColumnBlob(1), &stamps_));
      for (const CellStamp& c : stamps_) {
        if (c.seq == 0 || c.column >= table.columns.size()) continue;
        unit.push_back({std::string(formatter.Format(c.stamp)),
                        std::string(table.name), std::string(q.ColumnView(0)),
                        std::string(table.columns[c.column].name),
                        ColumnValue(q, 3 + c.column)});
      }
    } else {
      unit.push_back({std::string(q.ColumnView(3)),
                      std::string(q.ColumnView(0)),
                      std::string(q.ColumnView(1)),
                      std::string(q.ColumnView(2)), ColumnValue(q, 4)});
    }
    size_t size = 0;
    for (const CellChange& c : unit) size += EncodedChangeSize(c);
    if (!batch->changes.empty() &&
        (bytes + size > max_bytes ||
         batch->changes.size() + unit.size() > max_changes)) {
      batch->more = true;
      break;
    }
    bytes += size;
    batch->last_seq = seq_of(next);
    for (CellChange& c : unit) batch->changes.push_back(std::move(c));
    live[next] = q.Step(&s);
    UNKNOT_RETURN_IF_ERROR(s);
  }
  return Status::OK();
}

Status CellStore::ScanCellsImpl(int64_t after, int fields, void* f, CellFn fn) {
  const bool with_values = fields & kCellValues;
  const bool with_stamps = fields & kCellStamps;
  StampFormatter formatter;
  std::vector<CellStamp> stamps;
  Status s;
  for (const TableSpec& table : KnownTables()) {
    Statement q;
    UNKNOT_RETURN_IF_ERROR(
        db_->Prepare((with_values ? SelectRows(table) : SelectStamps(table)) +
                         (after < 0 ? "" : " WHERE seq > ?1"),
                     &q));
    if (after >= 0) q.Bind(1, after);
    while (q.Step(&s)) {
      UNKNOT_RETURN_IF_ERROR(
          DecodeStoredStamps(table.name, q.ColumnBlob(1), &stamps));
      for (const CellStamp& c : stamps) {
        if (c.seq <= after || c.column >= table.columns.size()) continue;
        CellValue value;
        if (with_values) value = ColumnValue(q, 3 + c.column);
        fn(f, {table.name, q.ColumnView(0), table.columns[c.column].name,
               with_stamps ? formatter.Format(c.stamp) : std::string_view(),
               with_values ? &value : nullptr, c.seq});
      }
    }
    UNKNOT_RETURN_IF_ERROR(s);
  }
  Statement q;
  UNKNOT_RETURN_IF_ERROR(db_->Prepare(
      "SELECT tbl, row, col, hlc, value, seq FROM cells WHERE seq > ?1", &q));
  q.Bind(1, after);
  while (q.Step(&s)) {
    CellValue value;
    if (with_values) value = ColumnValue(q, 4);
    fn(f, {q.ColumnView(0), q.ColumnView(1), q.ColumnView(2),
           with_stamps ? q.ColumnView(3) : std::string_view(),
           with_values ? &value : nullptr, q.ColumnInt(5)});
  }
  return s;
}

Status CellStore::Restamp(const CellChange& change) {
  const TableSpec* table = FindTable(change.table);
  const ColumnSpec* column =
      table != nullptr ? FindColumn(*table, change.column) : nullptr;
  if (column == nullptr) {
    Statement u;
    UNKNOT_RETURN_IF_ERROR(db_->Prepare(
        "UPDATE cells SET hlc = ?4, seq = ?5 WHERE tbl = ?1 AND row = ?2 AND "
        "col = ?3",
        &u));
    u.BindStatic(1, change.table)
        .BindStatic(2, change.row)
        .BindStatic(3, change.column)
        .BindStatic(4, change.hlc)
        .Bind(5, next_seq_++);
    return u.Run();
  }
  std::vector<CellStamp> one(1);
  one[0].column = static_cast<uint8_t>(column - table->columns.data());
  UNKNOT_RETURN_IF_ERROR(PackStamp(change.hlc, &one[0].stamp));
  one[0].seq = next_seq_++;
  EncodeRowStamps(&one, &blob_);
  Statement u;
  UNKNOT_RETURN_IF_ERROR(db_->Prepare(
      "UPDATE " + std::string(table->name) +
          " SET stamps = unknot_merge_stamps(stamps, ?2), seq = max(seq, ?3) "
          "WHERE id = ?1",
      &u));
  u.BindStatic(1, change.row).BindBlobStatic(2, blob_).Bind(3, one[0].seq);
  return u.Run();
}

Status CellStore::NumberUnsequenced() {
  for (const TableSpec& table : KnownTables()) {
    std::vector<std::pair<std::string, std::string>> rows;  // id, stamps
    std::vector<int64_t> seqs;
    {
      Statement q;
      UNKNOT_RETURN_IF_ERROR(db_->Prepare(SelectStamps(table), &q));
      Status s;
      std::vector<CellStamp> stamps;
      while (q.Step(&s)) {
        UNKNOT_RETURN_IF_ERROR(
            DecodeStoredStamps(table.name, q.ColumnBlob(1), &stamps));
        int64_t row_seq = q.ColumnInt(2);
        bool changed = false;
        for (CellStamp& c : stamps) {
          if (c.seq != 0) continue;
          c.seq = next_seq_++;
          row_seq = std::max(row_seq, c.seq);
          changed = true;
        }
        if (!changed) continue;
        std::string blob;
        EncodeRowStamps(&stamps, &blob);
        rows.emplace_back(q.ColumnText(0), std::move(blob));
        seqs.push_back(row_seq);
      }
      UNKNOT_RETURN_IF_ERROR(s);
    }
    Statement u;
    UNKNOT_RETURN_IF_ERROR(
        db_->Prepare(std::string("UPDATE ") + std::string(table.name) +
                         " SET stamps = ?2, seq = ?3 WHERE id = ?1",
                     &u));
    for (size_t i = 0; i < rows.size(); ++i) {
      u.BindStatic(1, rows[i].first)
          .BindBlobStatic(2, rows[i].second)
          .Bind(3, seqs[i]);
      UNKNOT_RETURN_IF_ERROR(u.Run());
    }
  }
  std::vector<CellChange> keys;
  {
    Statement q;
    UNKNOT_RETURN_IF_ERROR(
        db_->Prepare("SELECT tbl, row, col, hlc FROM cells WHERE seq = 0", &q));
    Status s;
    while (q.Step(&s)) {
      keys.push_back({q.ColumnText(3),
                      q.ColumnText(0),
                      q.ColumnText(1),
                      q.ColumnText(2),
                      {}});
    }
    UNKNOT_RETURN_IF_ERROR(s);
  }
  for (const CellChange& k : keys) UNKNOT_RETURN_IF_ERROR(Restamp(k));
  return Status::OK();
}

Status CellStore::HeadSeq(int64_t* seq) {
  *seq = 0;
  // Asked after every merge: the query text is made once.
  static const std::string* sql = [] {
    auto* out =
        new std::string("SELECT max(coalesce((SELECT max(seq) FROM cells), 0)");
    for (const TableSpec& t : KnownTables()) {
      *out += std::string(", coalesce((SELECT max(seq) FROM ") +
              std::string(t.name) + "), 0)";
    }
    *out += ")";
    return out;
  }();
  Statement q;
  UNKNOT_RETURN_IF_ERROR(db_->Prepare(*sql, &q));
  Status s;
  if (q.Step(&s)) *seq = q.ColumnInt(0);
  return s;
}

Status CellStore::ApplyLocal(const std::vector<CellChange>& changes) {
  for (const CellChange& c : changes) UNKNOT_RETURN_IF_ERROR(Check(c));
  StampPacker packer;
  candidates_.clear();
  for (size_t i = 0; i < changes.size(); ++i) {
    const CellChange& c = changes[i];
    const TableSpec* table = FindTable(c.table);
    const ColumnSpec* column =
        table != nullptr ? FindColumn(*table, c.column) : nullptr;
    if (column == nullptr) {
      bool won = false;
      UNKNOT_RETURN_IF_ERROR(StoreUnknown(c, next_seq_++, &won));
    } else {
      CellStamp stamp;
      stamp.column = static_cast<uint8_t>(column - table->columns.data());
      UNKNOT_RETURN_IF_ERROR(packer.Pack(c.hlc, &stamp.stamp));
      stamp.seq = next_seq_++;
      candidates_.push_back({stamp, &c});
    }
    bool row_ends = i + 1 == changes.size() || changes[i + 1].row != c.row ||
                    changes[i + 1].table != c.table;
    if (!row_ends || candidates_.empty()) continue;
    OrderByColumn();
    row_.clear();
    stamps_.clear();
    for (const auto& [stamp, change] : candidates_) {
      stamps_.push_back(stamp);
      row_.push_back(change);
    }
    candidates_.clear();
    UNKNOT_RETURN_IF_ERROR(WriteRow(*table, row_.data(), row_.size(), stamps_,
                                    StampWrite::kMerge));
  }
  return Status::OK();
}

void CellStore::OrderByColumn() {
  // Stable: of a column given twice, the later change stays.
  std::stable_sort(candidates_.begin(), candidates_.end(),
                   [](const auto& a, const auto& b) {
                     return a.first.column < b.first.column;
                   });
  size_t kept = 0;
  for (size_t i = 0; i < candidates_.size(); ++i) {
    if (kept > 0 &&
        candidates_[kept - 1].first.column == candidates_[i].first.column) {
      --kept;
    }
    candidates_[kept++] = candidates_[i];
  }
  candidates_.resize(kept);
}

Statement* CellStore::RowStatement(const TableSpec& table, uint32_t mask,
                                   StampWrite mode) {
  uint64_t key = (static_cast<uint64_t>(TablePosition(table)) << 40) |
                 (static_cast<uint64_t>(mode) << 32) | mask;
  auto it = row_upserts_.find(key);
  if (it != row_upserts_.end()) return &it->second;
  // INSERT INTO t(id, derived..., cols..., stamps, seq) VALUES(?1, ?2, ...)
  //   ON CONFLICT(id) DO UPDATE SET col = excluded.col, ..., <stamps>
  std::string cols = "id", params = "?1", updates;
  int n = 1;
  for (std::string_view d : table.derived) {
    cols += ", ";
    cols += d;
    params += ", ?" + std::to_string(++n);
  }
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (!(mask & (1u << i))) continue;
    const std::string name(table.columns[i].name);
    cols += ", " + name;
    params += ", ?" + std::to_string(++n);
    if (!updates.empty()) updates += ", ";
    updates += name + " = excluded." + name;
  }
  if (mode != StampWrite::kNone) {
    cols += ", stamps, seq";
    params += ", ?" + std::to_string(n + 1) + ", ?" + std::to_string(n + 2);
  }
  switch (mode) {
    case StampWrite::kMerge:
      updates +=
          ", stamps = unknot_merge_stamps(stamps, excluded.stamps), "
          "seq = max(seq, excluded.seq)";
      break;
    case StampWrite::kReplace:
      updates += ", stamps = excluded.stamps, seq = excluded.seq";
      break;
    case StampWrite::kReplaceKeepSeq:
      updates += ", stamps = excluded.stamps";
      break;
    case StampWrite::kNone:
    case StampWrite::kInsertNew:
      break;
  }
  std::string sql =
      "INSERT INTO " + std::string(table.name) + "(" + cols + ") VALUES(" +
      params + ") ON CONFLICT(id) DO " +
      (mode == StampWrite::kInsertNew ? "NOTHING" : "UPDATE SET " + updates);
  Statement stmt;
  if (!db_->Prepare(sql, &stmt).ok()) return nullptr;
  return &row_upserts_.emplace(key, std::move(stmt)).first->second;
}

Status CellStore::WriteRow(const TableSpec& table,
                           const CellChange* const* first, size_t n,
                           const std::vector<CellStamp>& stamps,
                           StampWrite mode) {
  // By column position in the table; a column changed twice keeps the
  // later change.
  constexpr size_t kMaxColumns = 32;  // a mask bit each; tables have < 16
  const CellValue* values[kMaxColumns] = {};
  uint32_t mask = 0;
  for (size_t i = 0; i < n; ++i) {
    const ColumnSpec* column = FindColumn(table, first[i]->column);
    if (column == nullptr) continue;  // kept in cells for a newer version
    size_t k = static_cast<size_t>(column - table.columns.data());
    values[k] = &first[i]->value;
    mask |= 1u << k;
  }
  if (mask == 0) return Status::OK();
  DerivedKey derived;
  table.derive(first[0]->row, &derived);  // checked in Check()
  Statement* stmt = RowStatement(table, mask, mode);
  if (stmt == nullptr) return db_->Error("prepare row upsert");
  int p = 1;
  stmt->BindStatic(p, first[0]->row);
  for (size_t i = 0; i < derived.size; ++i) {
    stmt->BindStatic(++p, derived.values[i]);
  }
  for (size_t k = 0; k < table.columns.size(); ++k) {
    if (values[k] != nullptr) BindValue(stmt, ++p, *values[k]);
  }
  if (mode != StampWrite::kNone) {
    // The row's seq is its newest cell's: a merge's stamps are the newest
    // of their columns, and a replacement's winners newer than the row.
    int64_t row_seq = 0;
    for (const CellStamp& c : stamps) row_seq = std::max(row_seq, c.seq);
    EncodeRowStamps(&stamps, &blob_);
    stmt->BindBlobStatic(p + 1, blob_).Bind(p + 2, row_seq);
  }
  return stmt->Run();
}

namespace {

// A stored cell of `cells` (row, hlc, col, value, ...) as a change.
CellChange StoredChange(const Statement& q, const std::string& table) {
  return {q.ColumnText(1), table, q.ColumnText(0), q.ColumnText(2),
          ColumnValue(q, 3)};
}

}  // namespace

Status CellStore::ReplayColumnValues(SqliteDb* db, const std::string& table,
                                     const std::string& column) {
  const TableSpec* spec = FindTable(table);
  if (spec == nullptr) return Status::OK();
  Statement stmt;
  UNKNOT_RETURN_IF_ERROR(db->Prepare(
      "SELECT row, hlc, col, value FROM cells WHERE tbl = ?1 AND col = ?2",
      &stmt));
  stmt.Bind(1, std::string_view(table)).Bind(2, std::string_view(column));
  CellStore store(db);
  Status s;
  while (stmt.Step(&s)) {
    CellChange c = StoredChange(stmt, table);
    // A stored change that this version finds malformed stays in cells.
    if (!Check(c).ok()) continue;
    const CellChange* one = &c;
    UNKNOT_RETURN_IF_ERROR(
        store.WriteRow(*spec, &one, 1, {}, StampWrite::kNone));
  }
  return s;
}

Status CellStore::AdoptCells(SqliteDb* db, const std::string& table,
                             const std::vector<std::string>& columns) {
  const TableSpec* spec = FindTable(table);
  if (spec == nullptr) return Status::OK();
  UNKNOT_RETURN_IF_ERROR(RegisterStampFunctions(db));
  Statement q, remove;
  UNKNOT_RETURN_IF_ERROR(db->Prepare(
      "SELECT row, hlc, col, value, seq FROM cells WHERE tbl = ?1 ORDER BY "
      "row, col",
      &q));
  UNKNOT_RETURN_IF_ERROR(db->Prepare(
      "DELETE FROM cells WHERE tbl = ?1 AND row = ?2 AND col = ?3", &remove));
  q.Bind(1, std::string_view(table));
  // Read first: the writes below change `cells`.
  std::vector<CellChange> changes;
  std::vector<int64_t> seqs;
  Status s;
  while (q.Step(&s)) {
    CellChange c = StoredChange(q, table);
    if (std::find(columns.begin(), columns.end(), c.column) == columns.end()) {
      continue;
    }
    // Unknown here, or malformed for this version: stays in cells.
    if (FindColumn(*spec, c.column) == nullptr || !Check(c).ok()) continue;
    changes.push_back(std::move(c));
    seqs.push_back(q.ColumnInt(4));
  }
  UNKNOT_RETURN_IF_ERROR(s);
  CellStore store(db);
  std::vector<const CellChange*> row;
  std::vector<CellStamp> stamps;
  for (size_t i = 0; i < changes.size(); ++i) {
    const CellChange& c = changes[i];
    CellStamp stamp;
    stamp.column = static_cast<uint8_t>(FindColumn(*spec, c.column) -
                                        spec->columns.data());
    UNKNOT_RETURN_IF_ERROR(PackStamp(c.hlc, &stamp.stamp));
    stamp.seq = seqs[i];
    row.push_back(&c);
    stamps.push_back(stamp);
    remove.BindStatic(1, c.table).BindStatic(2, c.row).BindStatic(3, c.column);
    UNKNOT_RETURN_IF_ERROR(remove.Run());
    if (i + 1 < changes.size() && changes[i + 1].row == c.row) continue;
    std::sort(stamps.begin(), stamps.end(),
              [](const CellStamp& a, const CellStamp& b) {
                return a.column < b.column;
              });
    UNKNOT_RETURN_IF_ERROR(store.WriteRow(*spec, row.data(), row.size(), stamps,
                                          StampWrite::kMerge));
    row.clear();
    stamps.clear();
  }
  return Status::OK();
}

std::string SiteRowId(std::string_view entry_id, std::string_view site,
                      std::string_view side) {
  std::string id(entry_id);
  id += ':';
  id += site;
  id += ':';
  id += side;
  return id;
}

std::string TagRowId(std::string_view entry_id, std::string_view kind,
                     std::string_view value) {
  return SiteRowId(entry_id, kind, value);
}

}  // namespace storage
}  // namespace unknot
