#include "journal/entry_reader.h"

#include <algorithm>
#include <unordered_map>

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

  explicit Where(const ReadRequest& r) {
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

// Entry id -> position in the output. Keys view the ids in the output
// vector, which is not resized while the index is in use.
using Index = std::unordered_map<std::string_view, size_t>;

// Child rows are found by their primary key, which starts with the entry id:
// one seek per entry, then consecutive rows (no secondary index lookups).
// Keep other conditions on `x` out of the join: SQLite would otherwise build
// an automatic index on them and scan it for every entry.
constexpr const char* kChildOfEntry =
    "x.id > e.id || ':' AND x.id < e.id || ';'";

Status ReadSites(storage::SqliteDb* db, const Where& w, const Index& index,
                 std::vector<JournalEntry>* out) {
  Statement s;
  UNKNOT_RETURN_IF_ERROR(w.Prepare(
      db,
      std::string("SELECT x.entry_id, x.site, x.side, x.intensity, x.deleted "
                  "FROM entries e CROSS JOIN entry_sites x ON ") +
          kChildOfEntry,
      &s));
  Status st;
  while (s.Step(&st)) {
    // A site whose intensity has not arrived yet is not shown.
    auto it = index.find(s.ColumnView(0));
    Side side;
    if (it == index.end() || s.ColumnIsNull(3) || s.ColumnInt(4) != 0 ||
        !ParseSide(s.ColumnView(2), &side)) {
      continue;
    }
    (*out)[it->second].sites.push_back(
        {s.ColumnText(1), side, static_cast<int>(s.ColumnInt(3))});
  }
  return st;
}

Status ReadTags(storage::SqliteDb* db, const Where& w, const Index& index,
                std::vector<JournalEntry>* out) {
  Statement s;
  UNKNOT_RETURN_IF_ERROR(
      w.Prepare(db,
                std::string("SELECT x.entry_id, x.kind, x.value, x.text, "
                            "x.deleted FROM entries e CROSS JOIN entry_tags x "
                            "ON ") +
                    kChildOfEntry,
                &s));
  Status st;
  while (s.Step(&st)) {
    auto it = index.find(s.ColumnView(0));
    TagKind kind;
    if (it == index.end() || s.ColumnInt(4) != 0 ||
        !ParseTagKind(s.ColumnView(1), &kind)) {
      continue;
    }
    if (kind == TagKind::kMedication) {
      if (s.ColumnIsNull(3)) continue;  // its text has not arrived yet
      (*out)[it->second].medications.push_back(s.ColumnText(3));
    } else {
      MutableTagList(&(*out)[it->second], kind)->push_back(s.ColumnText(2));
    }
  }
  return st;
}

bool KnownColumn(const char* table, std::string_view column) {
  const storage::TableSpec* t = storage::FindTable(table);
  for (const storage::ColumnSpec& c : t->columns) {
    if (column == c.name) return true;
  }
  return false;
}

// "<entry id>:<a>:<b>" (b may contain ':').
bool SplitChildRow(std::string_view row, std::string_view* entry,
                   std::string_view* a, std::string_view* b) {
  if (row.size() < 36 || row[32] != ':') return false;
  size_t colon = row.find(':', 33);
  if (colon == std::string_view::npos) return false;
  *entry = row.substr(0, 32);
  *a = row.substr(33, colon - 33);
  *b = row.substr(colon + 1);
  return true;
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
    if (TagValueKey(kind, item) == value) return true;
  }
  return false;
}

Status ReadStamps(storage::SqliteDb* db, const Where& w, const Index& index,
                  std::vector<JournalEntry>* out) {
  Statement s;
  UNKNOT_RETURN_IF_ERROR(
      w.Prepare(db,
                "SELECT c.row, c.col, c.hlc FROM entries e CROSS JOIN cells c "
                "ON c.tbl = 'entries' AND c.row = e.id",
                &s));
  Status st;
  while (s.Step(&st)) {
    auto it = index.find(s.ColumnView(0));
    if (it == index.end() || !KnownColumn("entries", s.ColumnView(1))) continue;
    (*out)[it->second].stamps[s.ColumnText(1)] = s.ColumnText(2);
  }
  UNKNOT_RETURN_IF_ERROR(st);

  // Stamps of child rows, found by the cells' primary key (tbl, row) whose
  // row starts with the entry id. A removed child keeps only its `deleted`
  // stamp: its other values are no longer part of the entry.
  for (const char* table : {"entry_sites", "entry_tags"}) {
    UNKNOT_RETURN_IF_ERROR(w.Prepare(
        db,
        std::string("SELECT c.row, c.col, c.hlc FROM entries e CROSS JOIN "
                    "cells c ON c.tbl = '") +
            table + "' AND c.row > e.id || ':' AND c.row < e.id || ';'",
        &s));
    bool sites = std::string_view(table) == "entry_sites";
    while (s.Step(&st)) {
      std::string_view row = s.ColumnView(0), col = s.ColumnView(1);
      std::string_view entry_id, a, b;
      if (!SplitChildRow(row, &entry_id, &a, &b) || !KnownColumn(table, col)) {
        continue;
      }
      auto it = index.find(entry_id);
      if (it == index.end()) continue;
      JournalEntry& e = (*out)[it->second];
      std::string key;
      if (sites) {
        if (col != "deleted" && !SiteIsLive(e, a, b)) continue;
        key = SiteStampKey(a, b, col);
      } else {
        TagKind kind;
        if (!ParseTagKind(a, &kind)) continue;
        if (col != "deleted" && !TagIsLive(e, kind, b)) continue;
        key = TagStampKey(kind, b, col);
      }
      e.stamps[std::move(key)] = s.ColumnText(2);
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

}  // namespace

Status ReadEntries(storage::SqliteDb* db, const ReadRequest& request,
                   std::vector<JournalEntry>* out) {
  out->clear();
  Where w(request);
  Statement s;
  UNKNOT_RETURN_IF_ERROR(w.Prepare(
      db,
      "SELECT e.id, e.at, e.tz_offset, e.flare, e.rom, e.stress, e.sleep, "
      "e.note, e.deleted FROM entries e",
      &s, " ORDER BY e.at, e.id"));
  Status st;
  while (s.Step(&st)) out->push_back(EntryFromRow(s));
  UNKNOT_RETURN_IF_ERROR(st);
  Index index;
  for (size_t i = 0; i < out->size(); ++i) index.emplace((*out)[i].id, i);
  if (out->empty()) return Status::OK();
  UNKNOT_RETURN_IF_ERROR(ReadSites(db, w, index, out));
  UNKNOT_RETURN_IF_ERROR(ReadTags(db, w, index, out));
  if (request.with_stamps)
    UNKNOT_RETURN_IF_ERROR(ReadStamps(db, w, index, out));
  // An entry whose sites have not arrived yet is not shown.
  out->erase(
      std::remove_if(out->begin(), out->end(),
                     [](const JournalEntry& e) { return e.sites.empty(); }),
      out->end());
  for (JournalEntry& e : *out) SortChildren(&e);
  return Status::OK();
}

Status ReadChildRows(storage::SqliteDb* db, const std::string& id,
                     ChildRows* sites, ChildRows* tags) {
  const char* queries[] = {
      "SELECT id, deleted FROM entry_sites WHERE entry_id = ?1",
      "SELECT id, deleted FROM entry_tags WHERE entry_id = ?1"};
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
