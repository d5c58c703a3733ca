#include "storage/cell_store.h"

#include <algorithm>

#include "util/text_util.h"

namespace unknot {
namespace storage {

namespace {

bool IsHexId(std::string_view s) {
  return s.size() == 32 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
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
  return !s.empty() && s.size() <= kMaxCellNameBytes &&
         std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
         });
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

Status CellStore::Init(int64_t seq_floor) {
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
  UNKNOT_RETURN_IF_ERROR(db_->Prepare(
      "SELECT tbl, row, col, hlc, value, typeof(value), seq FROM cells "
      "WHERE seq > ?1 ORDER BY seq",
      &changes_after_));
  UNKNOT_RETURN_IF_ERROR(db_->Prepare(
      "SELECT hlc FROM cells WHERE tbl = ?1 AND row = ?2 AND col = ?3",
      &select_hlc_));
  return db_->Prepare(
      "INSERT INTO cells(tbl, row, col, hlc, value, seq) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6) "
      "ON CONFLICT(tbl, row, col) DO UPDATE SET "
      "hlc = excluded.hlc, value = excluded.value, seq = excluded.seq",
      &upsert_cell_);
}

Status CellStore::Apply(const CellChange& change, bool* won) {
  *won = false;
  UNKNOT_RETURN_IF_ERROR(Check(change));
  select_hlc_.BindStatic(1, change.table)
      .BindStatic(2, change.row)
      .BindStatic(3, change.column);
  Status s;
  bool newer = true;
  if (select_hlc_.Step(&s)) newer = select_hlc_.ColumnView(0) < change.hlc;
  select_hlc_.Reset();
  UNKNOT_RETURN_IF_ERROR(s);
  if (!newer) return Status::OK();
  *won = true;
  UNKNOT_RETURN_IF_ERROR(StoreCell(change));
  const CellChange* one = &change;
  return WriteRow(&one, 1);
}

Status CellStore::ApplyBatch(const std::vector<CellChange>& changes,
                             bool assign_seq, int* applied) {
  // Key order: cells and rows of a batch are written with B-tree locality,
  // a row's winners in one upsert, and one cell's changes side by side
  // (newest first) so only that one is tried — the others lose to it.
  order_.resize(changes.size());
  for (size_t i = 0; i < changes.size(); ++i) {
    order_[i] = static_cast<uint32_t>(i);
  }
  std::sort(order_.begin(), order_.end(), [&](uint32_t a, uint32_t b) {
    const CellChange& x = changes[a];
    const CellChange& y = changes[b];
    if (int c = x.table.compare(y.table)) return c < 0;
    if (int c = x.row.compare(y.row)) return c < 0;
    if (int c = x.column.compare(y.column)) return c < 0;
    return x.hlc > y.hlc;
  });
  row_.clear();
  const CellChange* prev = nullptr;
  for (uint32_t i : order_) {
    const CellChange& c = changes[i];
    bool same_row =
        prev != nullptr && prev->row == c.row && prev->table == c.table;
    if (same_row && prev->column == c.column) continue;  // older, loses
    prev = &c;
    if (!same_row && !row_.empty()) {
      UNKNOT_RETURN_IF_ERROR(WriteRow(row_.data(), row_.size()));
      row_.clear();
    }
    upsert_if_newer_.BindStatic(1, c.table)
        .BindStatic(2, c.row)
        .BindStatic(3, c.column)
        .BindStatic(4, c.hlc)
        .Bind(6, assign_seq ? next_seq_ : 0);
    BindValue(&upsert_if_newer_, 5, c.value);
    UNKNOT_RETURN_IF_ERROR(upsert_if_newer_.Run());
    if (db_->Changes() == 0) continue;  // the stored stamp is as new or newer
    if (assign_seq) ++next_seq_;
    ++*applied;
    row_.push_back(&c);
  }
  if (!row_.empty()) UNKNOT_RETURN_IF_ERROR(WriteRow(row_.data(), row_.size()));
  row_.clear();
  return Status::OK();
}

Status CellStore::ChangesAfter(int64_t after, size_t max_bytes,
                               size_t max_changes, ChangeBatch* batch) {
  batch->changes.clear();
  batch->last_seq = after;
  batch->more = false;
  Statement& q = changes_after_;
  q.Bind(1, after);
  Status s;
  size_t bytes = 0;
  while (q.Step(&s)) {
    CellChange c{std::string(q.ColumnView(3)),
                 std::string(q.ColumnView(0)),
                 std::string(q.ColumnView(1)),
                 std::string(q.ColumnView(2)),
                 {}};
    std::string_view type = q.ColumnView(5);
    if (type == "integer") {
      c.value = CellValue::Int(q.ColumnInt(4));
    } else if (type == "text") {
      c.value = CellValue::Text(std::string(q.ColumnView(4)));
    }
    size_t size = EncodedChangeSize(c);
    if (!batch->changes.empty() &&
        (bytes + size > max_bytes || batch->changes.size() >= max_changes)) {
      batch->more = true;
      break;
    }
    bytes += size;
    batch->last_seq = q.ColumnInt(6);
    batch->changes.push_back(std::move(c));
  }
  q.Reset();
  return s;
}

Status CellStore::Restamp(const CellChange& change) {
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

Status CellStore::NumberUnsequenced() {
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
  Statement q;
  UNKNOT_RETURN_IF_ERROR(
      db_->Prepare("SELECT coalesce(max(seq), 0) FROM cells", &q));
  Status s;
  *seq = 0;
  if (q.Step(&s)) *seq = q.ColumnInt(0);
  return s;
}

Status CellStore::ApplyLocal(const std::vector<CellChange>& changes) {
  for (const CellChange& c : changes) UNKNOT_RETURN_IF_ERROR(Check(c));
  row_.clear();
  for (size_t i = 0; i < changes.size(); ++i) {
    UNKNOT_RETURN_IF_ERROR(StoreCell(changes[i]));
    row_.push_back(&changes[i]);
    bool row_ends = i + 1 == changes.size() ||
                    changes[i + 1].row != changes[i].row ||
                    changes[i + 1].table != changes[i].table;
    if (row_ends) {
      UNKNOT_RETURN_IF_ERROR(WriteRow(row_.data(), row_.size()));
      row_.clear();
    }
  }
  return Status::OK();
}

Status CellStore::StoreCell(const CellChange& change) {
  upsert_cell_.BindStatic(1, change.table)
      .BindStatic(2, change.row)
      .BindStatic(3, change.column)
      .BindStatic(4, change.hlc)
      .Bind(6, next_seq_++);
  BindValue(&upsert_cell_, 5, change.value);
  return upsert_cell_.Run();
}

Statement* CellStore::RowStatement(const TableSpec& table, uint32_t mask) {
  uint64_t key =
      (static_cast<uint64_t>(&table - KnownTables().data()) << 32) | mask;
  auto it = row_upserts_.find(key);
  if (it != row_upserts_.end()) return &it->second;
  // INSERT INTO t(id, derived..., cols...) VALUES(?1, ?2, ...)
  //   ON CONFLICT(id) DO UPDATE SET col = excluded.col, ...
  std::string cols = "id", params = "?1", updates;
  int n = 1;
  for (const char* d : table.derived) {
    cols += std::string(", ") + d;
    params += ", ?" + std::to_string(++n);
  }
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (!(mask & (1u << i))) continue;
    const char* name = table.columns[i].name;
    cols += std::string(", ") + name;
    params += ", ?" + std::to_string(++n);
    if (!updates.empty()) updates += ", ";
    updates += std::string(name) + " = excluded." + name;
  }
  std::string sql = std::string("INSERT INTO ") + table.name + "(" + cols +
                    ") VALUES(" + params + ") ON CONFLICT(id) DO UPDATE SET " +
                    updates;
  Statement stmt;
  if (!db_->Prepare(sql, &stmt).ok()) return nullptr;
  return &row_upserts_.emplace(key, std::move(stmt)).first->second;
}

Status CellStore::WriteRow(const CellChange* const* first, size_t n) {
  const TableSpec* table = FindTable(first[0]->table);
  if (table == nullptr) return Status::OK();
  // By column position in the table; a column changed twice in one batch
  // keeps the later change (the newer).
  constexpr size_t kMaxColumns = 32;  // a mask bit each; tables have < 10
  const CellValue* values[kMaxColumns] = {};
  uint32_t mask = 0;
  for (size_t i = 0; i < n; ++i) {
    const ColumnSpec* column = FindColumn(*table, first[i]->column);
    if (column == nullptr) continue;  // kept in cells for a newer version
    size_t k = static_cast<size_t>(column - table->columns.data());
    values[k] = &first[i]->value;
    mask |= 1u << k;
  }
  if (mask == 0) return Status::OK();
  DerivedKey derived;
  table->derive(first[0]->row, &derived);  // checked in Check()
  Statement* stmt = RowStatement(*table, mask);
  if (stmt == nullptr) return db_->Error("prepare row upsert");
  int p = 1;
  stmt->BindStatic(p, first[0]->row);
  for (size_t i = 0; i < derived.size; ++i) {
    stmt->BindStatic(++p, derived.values[i]);
  }
  for (size_t k = 0; k < table->columns.size(); ++k) {
    if (values[k] != nullptr) BindValue(stmt, ++p, *values[k]);
  }
  return stmt->Run();
}

Status CellStore::ReplayColumn(SqliteDb* db, const std::string& table,
                               const std::string& column) {
  Statement stmt;
  UNKNOT_RETURN_IF_ERROR(db->Prepare(
      "SELECT row, hlc, value, typeof(value) FROM cells WHERE tbl = ?1 AND "
      "col = ?2",
      &stmt));
  stmt.Bind(1, std::string_view(table)).Bind(2, std::string_view(column));
  CellStore store(db);
  Status s;
  while (stmt.Step(&s)) {
    CellChange c{stmt.ColumnText(1), table, stmt.ColumnText(0), column, {}};
    std::string_view type = stmt.ColumnView(3);
    if (type == "integer") {
      c.value = CellValue::Int(stmt.ColumnInt(2));
    } else if (type == "text") {
      c.value = CellValue::Text(stmt.ColumnText(2));
    }
    // A stored change that this version finds malformed stays in cells.
    if (!Check(c).ok()) continue;
    const CellChange* one = &c;
    UNKNOT_RETURN_IF_ERROR(store.WriteRow(&one, 1));
  }
  return s;
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
