// Export (JSON, CSV) and import (JSON) of a whole journal; the format is
// docs/export-format.md.
#include <algorithm>
#include <set>

#include "journal/entry_cells.h"
#include "journal/entry_json_internal.h"
#include "journal/entry_reader.h"
#include "journal/journal_rep.h"
#include "storage/row_stamps.h"
#include "unknot/entry_json.h"
#include "unknot/journal.h"
#include "unknot/time_util.h"
#include "unknot/vocabulary.h"

namespace unknot {

using storage::CellChange;
using storage::CellValue;
using storage::Statement;

namespace {

constexpr const char* kFormatName = "unknot-journal";

// Writes the user's custom triggers, removed ones included, with stamps.
Status WriteCustomTriggers(storage::SqliteDb* db, journal::JsonOut* out) {
  Statement s;
  UNKNOT_RETURN_IF_ERROR(db->Prepare(
      "SELECT id, label, deleted, stamps FROM custom_triggers ORDER BY id",
      &s));
  const storage::TableSpec& spec = *storage::FindTable("custom_triggers");
  storage::StampFormatter formatter;
  std::vector<storage::CellStamp> cells;
  std::vector<std::pair<std::string_view, std::string>> stamps;
  out->BeginArray();
  Status st;
  while (s.Step(&st)) {
    UNKNOT_RETURN_IF_ERROR(
        storage::DecodeStoredStamps(spec.name, s.ColumnBlob(3), &cells));
    stamps.clear();
    for (const storage::CellStamp& c : cells) {
      if (c.column >= spec.columns.size()) continue;
      stamps.emplace_back(spec.columns[c.column].name,
                          std::string(formatter.Format(c.stamp)));
    }
    if (stamps.empty()) continue;
    std::sort(stamps.begin(), stamps.end());  // by column name
    out->BeginObject();
    out->Key("id");
    out->String(s.ColumnView(0));
    out->Key("label");
    if (s.ColumnIsNull(1)) {
      out->Null();
    } else {
      out->String(s.ColumnView(1));
    }
    out->Key("deleted");
    out->Bool(s.ColumnInt(2) != 0);
    out->Key("stamps");
    out->BeginObject();
    for (const auto& [column, hlc] : stamps) {
      out->Key(column);
      out->String(hlc);
    }
    out->EndObject();
    out->EndObject();
  }
  out->EndArray();
  return st;
}

}  // namespace

namespace {

// Writes the entries `filter` selects, with their stamps, as a JSON array:
// the stamps go through one flat table rather than a map per entry (the
// allocations of those maps were half the time of a 10-year export).
Status WriteEntriesArray(storage::SqliteDb* db, const ListFilter& filter,
                         journal::JsonOut* out, std::string* text) {
  journal::ReadRequest req;
  req.filter = filter;
  req.with_stamps = true;
  journal::StampTable stamps;
  req.stamp_table = &stamps;
  std::vector<JournalEntry> entries;
  UNKNOT_RETURN_IF_ERROR(journal::ReadEntries(db, req, &entries));
  text->reserve(text->size() + entries.size() * 1536);  // ~1.4 KB an entry
  out->BeginArray();
  for (size_t i = 0; i < entries.size(); ++i) {
    journal::BeginEntry(entries[i], out);
    if (stamps.Has(i)) {
      out->Key("stamps");
      out->BeginObject();
      stamps.ForEach(i, [&](std::string_view key, std::string_view hlc) {
        out->Key(key);
        out->String(hlc);
      });
      out->EndObject();
    }
    out->EndObject();
  }
  out->EndArray();
  return Status::OK();
}

}  // namespace

Status Journal::ExportJson(std::string* json) {
  std::string text;
  journal::JsonOut out(&text);
  out.BeginObject();
  out.Key("format");
  out.String(kFormatName);
  out.Key("version");
  out.Int(kExportFormatVersion);
  out.Key("vocabulary");
  out.String(Vocabulary::Get().version());
  out.Key("exported_at");
  out.String(FormatUtcMillis(rep_->env->NowMillis()));
  out.Key("custom_triggers");
  UNKNOT_RETURN_IF_ERROR(WriteCustomTriggers(rep_->db.get(), &out));
  out.Key("entries");
  ListFilter everything;
  everything.include_deleted = true;
  UNKNOT_RETURN_IF_ERROR(
      WriteEntriesArray(rep_->db.get(), everything, &out, &text));
  out.EndObject();
  text.push_back('\n');
  *json = std::move(text);
  return Status::OK();
}

Status Journal::ListJson(const ListFilter& filter, std::string* json) {
  std::string text;
  journal::JsonOut out(&text);
  UNKNOT_RETURN_IF_ERROR(
      WriteEntriesArray(rep_->db.get(), filter, &out, &text));
  *json = std::move(text);
  return Status::OK();
}

namespace {

// RFC 4180: quote fields with a comma, quote or line break; double quotes.
// Text a spreadsheet would run as a formula gets a leading apostrophe.
std::string CsvField(std::string_view v, bool user_text = false) {
  std::string s(v);
  if (user_text && !s.empty() &&
      (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@')) {
    s.insert(s.begin(), '\'');
  }
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& i : items) {
    if (!out.empty()) out += "; ";
    out += i;
  }
  return out;
}

std::string OptNumber(const std::optional<int>& v) {
  return v ? std::to_string(*v) : std::string();
}

}  // namespace

Status Journal::ExportCsv(std::string* csv) {
  std::vector<JournalEntry> entries;
  UNKNOT_RETURN_IF_ERROR(List(ListFilter(), &entries));
  const Vocabulary& vocab = Vocabulary::Get();
  std::string out =
      "entry_id,local_time,utc_time,tz_offset_minutes,kind,area,site,"
      "site_label,side,intensity,qualities,triggers,helped,medications,rom,"
      "stress,sleep,note\r\n";
  for (const JournalEntry& e : entries) {
    // Fields shared by every site row of the entry.
    std::string tail =
        CsvField(Join(e.qualities)) + "," + CsvField(Join(e.triggers)) + "," +
        CsvField(Join(e.helped)) + "," + CsvField(Join(e.medications), true) +
        "," + (e.rom ? std::string(RangeOfMotionName(*e.rom)) : "") + "," +
        OptNumber(e.stress) + "," + OptNumber(e.sleep) + "," +
        CsvField(e.note.value_or(""), true);
    std::string head =
        e.id + "," + FormatIsoTime(e.at_ms, e.tz_offset_minutes) + "," +
        FormatUtcMillis(e.at_ms) + "," + std::to_string(e.tz_offset_minutes) +
        "," + (e.flare ? "flare" : "baseline");
    for (const SitePain& s : e.sites) {
      const BodySite* site = vocab.FindSite(s.site);
      std::string area = site ? std::string(site->area) : "";
      std::string label = site ? std::string(site->label) : s.site;
      out += head + "," + area + "," + s.site + "," + CsvField(label) + "," +
             std::string(SideName(s.side)) + "," + std::to_string(s.intensity) +
             "," + tail + "\r\n";
    }
  }
  *csv = std::move(out);
  return Status::OK();
}

}  // namespace unknot
