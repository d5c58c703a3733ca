#include "storage/cell_store.h"

#include <algorithm>

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
  return Status::Invalid("invalid-change",
                         c.table + "/" + c.row + "/" + c.column + ": " + why);
}

}  // namespace

Status CellStore::Check(const CellChange& c) {
  if (c.table.empty() || c.row.empty() || c.column.empty()) {
    return Refuse(c, "table, row and column are required");
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

Status CellStore::Init() {
  Statement max_seq;
  UNKNOT_RETURN_IF_ERROR(
      db_->Prepare("SELECT coalesce(max(seq), 0) FROM cells", &max_seq));
  Status s;
  if (max_seq.Step(&s)) next_seq_ = max_seq.ColumnInt(0) + 1;
  UNKNOT_RETURN_IF_ERROR(s);
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
  return WriteRow(&change, 1);
}

Status CellStore::ApplyLocal(const std::vector<CellChange>& changes) {
  for (const CellChange& c : changes) UNKNOT_RETURN_IF_ERROR(Check(c));
  size_t row_start = 0;
  for (size_t i = 0; i < changes.size(); ++i) {
    UNKNOT_RETURN_IF_ERROR(StoreCell(changes[i]));
    bool row_ends = i + 1 == changes.size() ||
                    changes[i + 1].row != changes[i].row ||
                    changes[i + 1].table != changes[i].table;
    if (row_ends) {
      UNKNOT_RETURN_IF_ERROR(WriteRow(&changes[row_start], i + 1 - row_start));
      row_start = i + 1;
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

Status CellStore::WriteRow(const CellChange* first, size_t n) {
  const TableSpec* table = FindTable(first->table);
  if (table == nullptr) return Status::OK();
  // By column position in the table; a column changed twice in one batch
  // keeps the later change (the newer).
  constexpr size_t kMaxColumns = 32;  // a mask bit each; tables have < 10
  const CellValue* values[kMaxColumns] = {};
  uint32_t mask = 0;
  for (size_t i = 0; i < n; ++i) {
    const ColumnSpec* column = FindColumn(*table, first[i].column);
    if (column == nullptr) continue;  // kept in cells for a newer version
    size_t k = static_cast<size_t>(column - table->columns.data());
    values[k] = &first[i].value;
    mask |= 1u << k;
  }
  if (mask == 0) return Status::OK();
  DerivedKey derived;
  table->derive(first->row, &derived);  // checked in Check()
  Statement* stmt = RowStatement(*table, mask);
  if (stmt == nullptr) return db_->Error("prepare row upsert");
  int p = 1;
  stmt->BindStatic(p, first->row);
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
    UNKNOT_RETURN_IF_ERROR(store.WriteRow(&c, 1));
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
