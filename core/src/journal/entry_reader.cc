#include "journal/entry_reader.h"

#include <algorithm>

#include "storage/cell_store.h"

namespace unknot {
namespace journal {

namespace {

using storage::Statement;

constexpr int64_t kDayMs = 86400000;
// Offsets on Earth span -12:00..+14:00: an entry's local date is within this
// of its UTC instant, which lets the `at` index narrow a local-date filter.
constexpr int64_t kMaxOffsetMs = 14 * 3600 * 1000;

// The WHERE clause shared by every query of one read, over alias `e`, and
// the values bound to its parameters ?1..?5.
struct Where {
  std::string sql = "e.at IS NOT NULL";
  std::optional<std::string> id;
  std::optional<int64_t> since_ms, until_ms;
  // Every entry is read (deleted ones aside): the entries table is scanned
  // in key order and sorted here.
  bool all = false;
  // Child rows and cells are read in one sequential scan of their table
  // (skipping rows of entries not read) instead of one seek per entry: set
  // once the entries are read, when they are most of the journal.
  bool scan_children = false;

  explicit Where(const ReadRequest& r) {
    all = !r.id && !r.filter.since_day && !r.filter.until_day;
    if (r.id) {
      id = r.id;
      sql += " AND e.id = ?1";
    }
    if (!r.filter.include_deleted) sql += " AND e.deleted = 0";
    if (r.filter.since_day) {
      since_ms = *r.filter.since_day * kDayMs;
      sql += " AND e.at >= ?2 - " + std::to_string(kMaxOffsetMs) +
             " AND e.at + e.tz_offset * 60000 >= ?2";
    }
    if (r.filter.until_day) {
      until_ms = (*r.filter.until_day + 1) * kDayMs;
      sql += " AND e.at < ?3 + " + std::to_string(kMaxOffsetMs) +
             " AND e.at + e.tz_offset * 60000 < ?3";
    }
  }

  Status Prepare(storage::SqliteDb* db, const std::string& select,
                 Statement* stmt, const char* suffix = "") const {
    UNKNOT_RETURN_IF_ERROR(
        db->Prepare(select + " WHERE " + sql + suffix, stmt));
    if (id) stmt->Bind(1, std::string_view(*id));
    if (since_ms) stmt->Bind(2, *since_ms);
    if (until_ms) stmt->Bind(3, *until_ms);
    return Status::OK();
  }
};

std::optional<int> OptInt(const Statement& s, int col) {
  if (s.ColumnIsNull(col)) return std::nullopt;
  return static_cast<int>(s.ColumnInt(col));
}

JournalEntry EntryFromRow(const Statement& s) {
  JournalEntry e;
  e.id = s.ColumnText(0);
  e.at_ms = s.ColumnInt(1);
  e.tz_offset_minutes = static_cast<int>(s.ColumnInt(2));
  e.flare = s.ColumnInt(3) != 0;
  RangeOfMotion rom;
  if (!s.ColumnIsNull(4) && ParseRangeOfMotion(s.ColumnView(4), &rom)) {
    e.rom = rom;
  }
  e.stress = OptInt(s, 5);
  e.sleep = OptInt(s, 6);
  if (!s.ColumnIsNull(7)) e.note = s.ColumnText(7);
  e.deleted = s.ColumnInt(8) != 0;
  return e;
}

// Finds entries of the output by id. Rows of children and cells arrive
// grouped by entry and (mostly) in id order, so the lookup first tries the
// entry of the previous row and the next one in id order, then falls back
// to a binary search. Views the ids in the output vector, which is not
// resized while the index is in use.
class Index {
 public:
  explicit Index(std::vector<JournalEntry>* out) : out_(out) {
    by_id_.reserve(out->size());
    for (size_t i = 0; i < out->size(); ++i) {
      by_id_.push_back({(*out)[i].id, i});
    }
    std::sort(by_id_.begin(), by_id_.end());
  }

  // nullptr when the entry is not part of the output.
  JournalEntry* Find(std::string_view id) {
    if (cursor_ < by_id_.size()) {
      if (by_id_[cursor_].first == id) return &(*out_)[by_id_[cursor_].second];
      if (cursor_ + 1 < by_id_.size() && by_id_[cursor_ + 1].first == id) {
        ++cursor_;
        return &(*out_)[by_id_[cursor_].second];
      }
    }
    auto it = std::lower_bound(by_id_.begin(), by_id_.end(), id,
                               [](const std::pair<std::string_view, size_t>& a,
                                  std::string_view b) { return a.first < b; });
    if (it == by_id_.end() || it->first != id) return nullptr;
    cursor_ = static_cast<size_t>(it - by_id_.begin());
    return &(*out_)[it->second];
  }

 private:
  std::vector<JournalEntry>* out_;
  std::vector<std::pair<std::string_view, size_t>> by_id_;
  size_t cursor_ = 0;
};

// Child rows are found by their primary key, which starts with the entry id:
// one seek per entry, then consecutive rows (no secondary index lookups).
// Keep other conditions on `x` out of the join: SQLite would otherwise build
// an automatic index on them and scan it for every entry. When every entry
// is read, the child table is scanned once in key order instead.
constexpr const char* kChildOfEntry =
    "x.id > e.id || ':' AND x.id < e.id || ';'";

Status PrepareChildQuery(storage::SqliteDb* db, const Where& w,
                         const std::string& columns, const char* table,
                         Statement* s) {
  if (w.scan_children) {
    return db->Prepare("SELECT " + columns + " FROM " + table + " x", s);
  }
  return w.Prepare(db,
                   "SELECT " + columns + " FROM entries e CROSS JOIN " + table +
                       " x ON " + kChildOfEntry,
                   s);
}

Status ReadSites(storage::SqliteDb* db, const Where& w, Index* index) {
  Statement s;
  UNKNOT_RETURN_IF_ERROR(PrepareChildQuery(
      db, w, "x.entry_id, x.site, x.side, x.intensity, x.deleted",
      "entry_sites", &s));
  Status st;
  while (s.Step(&st)) {
    // A site whose intensity has not arrived yet is not shown.
    if (s.ColumnIsNull(3) || s.ColumnInt(4) != 0) continue;
    JournalEntry* e = index->Find(s.ColumnView(0));
    Side side;
    if (e == nullptr || !ParseSide(s.ColumnView(2), &side)) continue;
    e->sites.push_back(
        {s.ColumnText(1), side, static_cast<int>(s.ColumnInt(3))});
  }
  return st;
}

Status ReadTags(storage::SqliteDb* db, const Where& w, Index* index) {
  Statement s;
  UNKNOT_RETURN_IF_ERROR(
      PrepareChildQuery(db, w, "x.entry_id, x.kind, x.value, x.text, x.deleted",
                        "entry_tags", &s));
  Status st;
  while (s.Step(&st)) {
    if (s.ColumnInt(4) != 0) continue;
    JournalEntry* e = index->Find(s.ColumnView(0));
    TagKind kind;
    if (e == nullptr || !ParseTagKind(s.ColumnView(1), &kind)) continue;
    if (kind == TagKind::kMedication) {
      if (s.ColumnIsNull(3)) continue;  // its text has not arrived yet
      e->medications.push_back(s.ColumnText(3));
    } else {
      MutableTagList(e, kind)->push_back(s.ColumnText(2));
    }
  }
  return st;
}

bool SiteIsLive(const JournalEntry& e, std::string_view site,
                std::string_view side) {
  for (const SitePain& s : e.sites) {
    if (s.site == site && SideName(s.side) == side) return true;
  }
  return false;
}

bool TagIsLive(const JournalEntry& e, TagKind kind, std::string_view value) {
  for (const std::string& item : TagList(e, kind)) {
    if (kind == TagKind::kMedication ? TagValueKey(kind, item) == value
                                     : item == value) {
      return true;
    }
  }
  return false;
}

// Where stamps go: each entry's map, or a StampTable.
struct StampSink {
  std::vector<JournalEntry>* out;
  StampTable* table;

  void Set(JournalEntry* e, std::string_view key, std::string_view hlc) {
    if (table != nullptr) {
      table->Add(static_cast<size_t>(e - out->data()), key, hlc);
      return;
    }
    // Stamps arrive in cell key order, which is (nearly always) their key
    // order in the map too: insert at the end.
    e->stamps.insert_or_assign(e->stamps.end(), std::string(key),
                               std::string(hlc));
  }
  void Set(JournalEntry* e, std::string&& key, std::string_view hlc) {
    if (table != nullptr) {
      Set(e, std::string_view(key), hlc);
      return;
    }
    e->stamps.insert_or_assign(e->stamps.end(), std::move(key),
                               std::string(hlc));
  }
};

// The stamps of a row's cells (row_stamps.h) as (column name, stamp text).
template <typename F>
Status ForEachStamp(const storage::TableSpec& table, std::string_view blob,
                    storage::StampFormatter* formatter,
                    std::vector<storage::CellStamp>* scratch, F f) {
  UNKNOT_RETURN_IF_ERROR(
      storage::DecodeStoredStamps(table.name, blob, scratch));
  for (const storage::CellStamp& c : *scratch) {
    if (c.column >= table.columns.size()) continue;
    f(std::string_view(table.columns[c.column].name),
      formatter->Format(c.stamp));
  }
  return Status::OK();
}

Status ReadStamps(storage::SqliteDb* db, const Where& w, Index* index,
                  StampSink* sink) {
  storage::StampFormatter formatter;
  std::vector<storage::CellStamp> scratch;
  Statement s;
  if (w.scan_children) {
    UNKNOT_RETURN_IF_ERROR(
        db->Prepare("SELECT e.id, e.stamps FROM entries e", &s));
  } else {
    UNKNOT_RETURN_IF_ERROR(
        w.Prepare(db, "SELECT e.id, e.stamps FROM entries e", &s));
  }
  const storage::TableSpec& entries = *storage::FindTable("entries");
  Status st;
  while (s.Step(&st)) {
    JournalEntry* e = index->Find(s.ColumnView(0));
    if (e == nullptr) continue;
    UNKNOT_RETURN_IF_ERROR(
        ForEachStamp(entries, s.ColumnBlob(1), &formatter, &scratch,
                     [&](std::string_view col, std::string_view hlc) {
                       sink->Set(e, col, hlc);
                     }));
  }
  UNKNOT_RETURN_IF_ERROR(st);

  // Stamps of child rows. A removed child keeps only its `deleted` stamp:
  // its other values are no longer part of the entry.
  for (const char* table : {"entry_sites", "entry_tags"}) {
    UNKNOT_RETURN_IF_ERROR(
        PrepareChildQuery(db, w, "x.id, x.stamps", table, &s));
    const storage::TableSpec& spec = *storage::FindTable(table);
    bool sites = std::string_view(table) == "entry_sites";
    while (s.Step(&st)) {
      std::string_view row = s.ColumnView(0);
      // The table's own row-id reader: <entry id>, then site/side or
      // kind/value.
      storage::DerivedKey key_parts;
      if (!spec.derive(row, &key_parts)) continue;
      std::string_view entry_id = key_parts.values[0], a = key_parts.values[1],
                       b = key_parts.values[2];
      JournalEntry* e = index->Find(entry_id);
      if (e == nullptr) continue;
      TagKind kind = TagKind::kQuality;
      if (!sites && !ParseTagKind(a, &kind)) continue;
      bool live = sites ? SiteIsLive(*e, a, b) : TagIsLive(*e, kind, b);
      UNKNOT_RETURN_IF_ERROR(ForEachStamp(
          spec, s.ColumnBlob(1), &formatter, &scratch,
          [&](std::string_view col, std::string_view hlc) {
            if (col != "deleted" && !live) return;
            sink->Set(
                e, sites ? SiteStampKey(a, b, col) : TagStampKey(kind, b, col),
                hlc);
          }));
    }
    UNKNOT_RETURN_IF_ERROR(st);
  }
  return Status::OK();
}

// Children in a stable order: the most painful site first; lists by id.
void SortChildren(JournalEntry* e) {
  std::sort(e->sites.begin(), e->sites.end(),
            [](const SitePain& a, const SitePain& b) {
              if (a.intensity != b.intensity) return a.intensity > b.intensity;
              if (a.site != b.site) return a.site < b.site;
              return a.side < b.side;
            });
  std::sort(e->qualities.begin(), e->qualities.end());
  std::sort(e->triggers.begin(), e->triggers.end());
  std::sort(e->helped.begin(), e->helped.end());
  std::sort(e->medications.begin(), e->medications.end());
}

// A seek per entry costs a B-tree descent; a scan reads every child row
// once. With a date filter that keeps most of the journal (insights: up to
// today; a share's long period) the scan wins by about 2x; for a few weeks
// of a long journal the seeks do.
Status ChooseChildScan(storage::SqliteDb* db, size_t selected, Where* w) {
  if (w->all) {
    w->scan_children = true;
    return Status::OK();
  }
  if (w->id || selected < 256) return Status::OK();
  Statement count;
  UNKNOT_RETURN_IF_ERROR(
      db->Prepare("SELECT count(*) FROM entries INDEXED BY entries_by_at "
                  "WHERE at IS NOT NULL",
                  &count));
  Status st;
  if (count.Step(&st)) {
    w->scan_children = selected * 4 >= static_cast<size_t>(count.ColumnInt(0));
  }
  return st;
}

}  // namespace

Status ReadEntries(storage::SqliteDb* db, const ReadRequest& request,
                   std::vector<JournalEntry>* out) {
  out->clear();
  Where w(request);
  Statement s;
  // Reading every entry, a scan of the table in key order and a sort here
  // beat walking the `at` index with one table seek per entry.
  UNKNOT_RETURN_IF_ERROR(
      w.Prepare(db,
                std::string("SELECT e.id, e.at, e.tz_offset, e.flare, e.rom, "
                            "e.stress, e.sleep, e.note, e.deleted FROM "
                            "entries e") +
                    (w.all ? " NOT INDEXED" : ""),
                &s, w.all ? "" : " ORDER BY e.at, e.id"));
  Status st;
  while (s.Step(&st)) out->push_back(EntryFromRow(s));
  UNKNOT_RETURN_IF_ERROR(st);
  if (out->empty()) return Status::OK();
  UNKNOT_RETURN_IF_ERROR(ChooseChildScan(db, out->size(), &w));
  {
    Index index(out);
    UNKNOT_RETURN_IF_ERROR(ReadSites(db, w, &index));
    UNKNOT_RETURN_IF_ERROR(ReadTags(db, w, &index));
  }
  // An entry whose sites have not arrived yet is not shown.
  out->erase(
      std::remove_if(out->begin(), out->end(),
                     [](const JournalEntry& e) { return e.sites.empty(); }),
      out->end());
  if (w.all) {
    std::sort(out->begin(), out->end(),
              [](const JournalEntry& a, const JournalEntry& b) {
                if (a.at_ms != b.at_ms) return a.at_ms < b.at_ms;
                return a.id < b.id;
              });
  }
  // Stamps last, by final position in the output.
  if (request.with_stamps && !out->empty()) {
    Index index(out);
    StampSink sink{out, request.stamp_table};
    UNKNOT_RETURN_IF_ERROR(ReadStamps(db, w, &index, &sink));
    if (request.stamp_table != nullptr) request.stamp_table->Finish();
  }
  for (JournalEntry& e : *out) SortChildren(&e);
  return Status::OK();
}

StampTable::Span StampTable::Store(std::string_view s) {
  Span span{static_cast<uint32_t>(arena_.size()),
            static_cast<uint32_t>(s.size())};
  arena_.append(s);
  return span;
}

void StampTable::Add(size_t entry, std::string_view key, std::string_view hlc) {
  items_.push_back({entry, Store(key), Store(hlc)});
}

void StampTable::Finish() {
  // Stable: of equal keys the one added last ends last, and is kept.
  std::stable_sort(items_.begin(), items_.end(),
                   [this](const Item& a, const Item& b) {
                     if (a.entry != b.entry) return a.entry < b.entry;
                     return View(a.key) < View(b.key);
                   });
  size_t kept = 0;
  for (size_t i = 0; i < items_.size(); ++i) {
    bool superseded = i + 1 < items_.size() &&
                      items_[i + 1].entry == items_[i].entry &&
                      View(items_[i + 1].key) == View(items_[i].key);
    if (!superseded) items_[kept++] = items_[i];
  }
  items_.resize(kept);
  next_ = 0;
}

Status ReadChildRows(storage::SqliteDb* db, const std::string& id,
                     ChildRows* sites, ChildRows* tags) {
  const char* queries[] = {
      "SELECT id, deleted FROM entry_sites WHERE id > ?1 || ':' AND "
      "id < ?1 || ';'",
      "SELECT id, deleted FROM entry_tags WHERE id > ?1 || ':' AND "
      "id < ?1 || ';'"};
  ChildRows* outs[] = {sites, tags};
  for (int i = 0; i < 2; ++i) {
    Statement s;
    UNKNOT_RETURN_IF_ERROR(db->Prepare(queries[i], &s));
    s.Bind(1, std::string_view(id));
    Status st;
    while (s.Step(&st)) (*outs[i])[s.ColumnText(0)] = s.ColumnInt(1) != 0;
    UNKNOT_RETURN_IF_ERROR(st);
  }
  return Status::OK();
}

}  // namespace journal
}  // namespace unknot
