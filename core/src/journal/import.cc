// Import of a JSON export: every field becomes the cell change it was
// exported from (same row, column, value and stamp) and goes through
// last-writer-wins, so a newer local edit always stays and a repeated
// import changes nothing.
#include <set>

#include "journal/entry_cells.h"
#include "journal/entry_json_internal.h"
#include "journal/journal_rep.h"
#include "unknot/entry_json.h"
#include "unknot/journal.h"

namespace unknot {

using storage::CellChange;
using storage::CellValue;

namespace {

Status MissingStamp(const std::string& id, const std::string& key) {
  return Status::Invalid("missing-stamp",
                         "entry " + id + " has no stamp for " + key);
}

// Turns one exported entry back into its cell changes.
class EntryCellsFromExport {
 public:
  EntryCellsFromExport(const JournalEntry& e, std::vector<CellChange>* out)
      : e_(e), out_(out) {}

  Status Build() {
    if (!storage::IsEntryRowId(e_.id)) {
      return Status::Invalid("invalid-field", "entry id must be 32 hex digits");
    }
    UNKNOT_RETURN_IF_ERROR(Entry("at", CellValue::Int(e_.at_ms), true));
    UNKNOT_RETURN_IF_ERROR(
        Entry("tz_offset", CellValue::Int(e_.tz_offset_minutes), true));
    UNKNOT_RETURN_IF_ERROR(Entry("flare", CellValue::Int(e_.flare), true));
    UNKNOT_RETURN_IF_ERROR(
        Entry("deleted", CellValue::Int(e_.deleted), e_.deleted));
    UNKNOT_RETURN_IF_ERROR(
        Entry("rom",
              e_.rom ? CellValue::Text(std::string(RangeOfMotionName(*e_.rom)))
                     : CellValue::Null(),
              e_.rom.has_value()));
    UNKNOT_RETURN_IF_ERROR(
        Entry("stress", Opt(e_.stress), e_.stress.has_value()));
    UNKNOT_RETURN_IF_ERROR(Entry("sleep", Opt(e_.sleep), e_.sleep.has_value()));
    UNKNOT_RETURN_IF_ERROR(
        Entry("note", e_.note ? CellValue::Text(*e_.note) : CellValue::Null(),
              e_.note.has_value()));
    UNKNOT_RETURN_IF_ERROR(Sites());
    for (journal::TagKind kind : journal::kTagKinds) {
      UNKNOT_RETURN_IF_ERROR(Tags(kind));
    }
    return Status::OK();
  }

 private:
  static CellValue Opt(const std::optional<int>& v) {
    return v ? CellValue::Int(*v) : CellValue::Null();
  }

  const std::string* Stamp(const std::string& key) {
    auto it = e_.stamps.find(key);
    if (it == e_.stamps.end()) return nullptr;
    used_.insert(key);
    return &it->second;
  }

  // A field with a stamp becomes a change; a set field without one is an
  // error (its value would have no place in last-writer-wins).
  Status Entry(const char* column, CellValue value, bool required) {
    const std::string* hlc = Stamp(column);
    if (hlc == nullptr) {
      return required ? MissingStamp(e_.id, column) : Status::OK();
    }
    out_->push_back({*hlc, "entries", e_.id, column, std::move(value)});
    return Status::OK();
  }

  Status Sites() {
    std::set<std::string> live;
    for (const SitePain& s : e_.sites) {
      std::string side(SideName(s.side));
      std::string row = storage::SiteRowId(e_.id, s.site, side);
      std::string key = journal::SiteStampKey(s.site, side, "intensity");
      const std::string* hlc = Stamp(key);
      if (hlc == nullptr) return MissingStamp(e_.id, key);
      out_->push_back(
          {*hlc, "entry_sites", row, "intensity", CellValue::Int(s.intensity)});
      if (const std::string* d =
              Stamp(journal::SiteStampKey(s.site, side, "deleted"))) {
        out_->push_back({*d, "entry_sites", row, "deleted", CellValue::Int(0)});
      }
      live.insert(s.site + "@" + side);
    }
    // Stamps of removed sites: "sites/<site>@<side>/deleted" not in the list.
    for (const auto& [key, hlc] : e_.stamps) {
      if (key.compare(0, 6, "sites/") != 0 || used_.count(key)) continue;
      size_t at = key.find('@'), slash = key.rfind('/');
      if (at == std::string::npos || slash < at ||
          key.compare(slash, std::string::npos, "/deleted") != 0 ||
          live.count(key.substr(6, slash - 6))) {
        continue;
      }
      std::string row = storage::SiteRowId(e_.id, key.substr(6, at - 6),
                                           key.substr(at + 1, slash - at - 1));
      out_->push_back({hlc, "entry_sites", row, "deleted", CellValue::Int(1)});
    }
    return Status::OK();
  }

  Status Tags(journal::TagKind kind) {
    std::string prefix = std::string(journal::TagListName(kind)) + "/";
    std::string kind_name(journal::TagKindName(kind));
    std::set<std::string> live;
    bool medication = kind == journal::TagKind::kMedication;
    for (const std::string& item : journal::TagList(e_, kind)) {
      std::string value = journal::TagValueKey(kind, item);
      std::string row = storage::TagRowId(e_.id, kind_name, value);
      const char* main_col = medication ? "text" : "deleted";
      std::string key = journal::TagStampKey(kind, value, main_col);
      const std::string* hlc = Stamp(key);
      if (hlc == nullptr) return MissingStamp(e_.id, key);
      out_->push_back({*hlc, "entry_tags", row, main_col,
                       medication ? CellValue::Text(item) : CellValue::Int(0)});
      if (medication) {
        if (const std::string* d =
                Stamp(journal::TagStampKey(kind, value, "deleted"))) {
          out_->push_back(
              {*d, "entry_tags", row, "deleted", CellValue::Int(0)});
        }
      }
      live.insert(value);
    }
    for (const auto& [key, hlc] : e_.stamps) {
      if (key.compare(0, prefix.size(), prefix) != 0 || used_.count(key)) {
        continue;
      }
      size_t slash = key.rfind('/');
      if (slash <= prefix.size() ||
          key.compare(slash, std::string::npos, "/deleted") != 0) {
        continue;
      }
      std::string value = key.substr(prefix.size(), slash - prefix.size());
      if (live.count(value)) continue;
      out_->push_back({hlc, "entry_tags",
                       storage::TagRowId(e_.id, kind_name, value), "deleted",
                       CellValue::Int(1)});
    }
    return Status::OK();
  }

  const JournalEntry& e_;
  std::vector<CellChange>* out_;
  std::set<std::string> used_;
};

Status TriggerCells(const nlohmann::json& triggers,
                    std::vector<CellChange>* out,
                    std::vector<std::string>* ids) {
  if (triggers.is_null()) return Status::OK();
  if (!triggers.is_array()) {
    return Status::Invalid("invalid-field", "custom_triggers must be an array");
  }
  for (const nlohmann::json& t : triggers) {
    auto id = t.find("id");
    auto stamps = t.find("stamps");
    if (!t.is_object() || id == t.end() || !id->is_string() ||
        stamps == t.end() || !stamps->is_object()) {
      return Status::Invalid("invalid-field",
                             "each custom trigger needs an id and stamps");
    }
    std::string row = id->get<std::string>();
    for (const char* col : {"label", "deleted"}) {
      auto hlc = stamps->find(col);
      auto value = t.find(col);
      if (hlc == stamps->end() || !hlc->is_string() || value == t.end())
        continue;
      CellValue v;
      if (value->is_string()) v = CellValue::Text(value->get<std::string>());
      if (value->is_boolean()) v = CellValue::Int(value->get<bool>() ? 1 : 0);
      out->push_back({hlc->get<std::string>(), "custom_triggers", row, col, v});
    }
    auto deleted = t.find("deleted");
    if (deleted == t.end() || !deleted->is_boolean() || !deleted->get<bool>()) {
      ids->push_back(row);
    }
  }
  return Status::OK();
}

Status ReadDocument(std::string_view text, nlohmann::json* doc) {
  *doc = nlohmann::json::parse(text, nullptr, false);
  if (doc->is_discarded() || !doc->is_object()) {
    return Status::Invalid("invalid-json", "the file is not a JSON export");
  }
  auto format = doc->find("format");
  auto version = doc->find("version");
  if (format == doc->end() || *format != "unknot-journal" ||
      version == doc->end() || !version->is_number_integer()) {
    return Status::Invalid("unsupported-format",
                           "not an Unknot journal export");
  }
  if (version->get<int64_t>() > kExportFormatVersion ||
      version->get<int64_t>() < 1) {
    return Status::Unsupported(
        "unsupported-format",
        "export format version " + version->dump() +
            " is newer than this Unknot understands; update Unknot");
  }
  auto entries = doc->find("entries");
  if (entries == doc->end() || !entries->is_array()) {
    return Status::Invalid("invalid-field", "entries must be an array");
  }
  return Status::OK();
}

}  // namespace

Status Journal::ImportJson(std::string_view text, ImportStats* stats) {
  *stats = ImportStats();
  nlohmann::json doc;
  UNKNOT_RETURN_IF_ERROR(ReadDocument(text, &doc));
  std::vector<CellChange> changes;
  std::vector<std::string> custom;
  UNKNOT_RETURN_IF_ERROR(rep_->CustomTriggerIds(&custom));
  auto triggers = doc.find("custom_triggers");
  if (triggers != doc.end()) {
    UNKNOT_RETURN_IF_ERROR(TriggerCells(*triggers, &changes, &custom));
  }
  int index = 0;
  for (const nlohmann::json& item : doc["entries"]) {
    JournalEntry e;
    Status s = journal::EntryFromJsonValue(item, &e);
    if (s.ok()) s = ValidateEntry(e, custom);
    if (s.ok()) s = EntryCellsFromExport(e, &changes).Build();
    if (!s.ok()) {
      return Status::Invalid(
          s.code(), "entry " + std::to_string(index) +
                        (e.id.empty() ? "" : " (" + e.id + ")") + ": " +
                        s.message());
    }
    ++index;
  }
  stats->entries = index;

  // Check every stamp before writing anything: a malformed or far-future
  // stamp refuses the whole file.
  HlcClock clock = rep_->clock;
  int64_t now = rep_->env->NowMillis();
  for (const CellChange& c : changes) {
    Hlc stamp;
    UNKNOT_RETURN_IF_ERROR(Hlc::Parse(c.hlc, &stamp));
    UNKNOT_RETURN_IF_ERROR(clock.Receive(stamp, now));
    UNKNOT_RETURN_IF_ERROR(storage::CellStore::Check(c));
  }
  storage::Transaction txn(rep_->db.get());
  UNKNOT_RETURN_IF_ERROR(txn.Begin());
  int applied = 0;
  for (const CellChange& c : changes) {
    bool won = false;
    UNKNOT_RETURN_IF_ERROR(rep_->cells->Apply(c, &won));
    applied += won;
  }
  UNKNOT_RETURN_IF_ERROR(rep_->SaveClock(clock.last()));
  UNKNOT_RETURN_IF_ERROR(txn.Commit());
  rep_->clock = clock;
  stats->cells_applied = applied;
  return Status::OK();
}

}  // namespace unknot
