#include "journal/entry_cells.h"

#include <cctype>
#include <set>

#include "util/ids.h"
#include "util/text_util.h"

namespace unknot {
namespace journal {

using storage::CellChange;
using storage::CellValue;

std::string_view TagKindName(TagKind kind) {
  switch (kind) {
    case TagKind::kQuality:
      return "quality";
    case TagKind::kTrigger:
      return "trigger";
    case TagKind::kHelped:
      return "helped";
    case TagKind::kMedication:
      return "medication";
  }
  return "";
}

std::string_view TagListName(TagKind kind) {
  switch (kind) {
    case TagKind::kQuality:
      return "qualities";
    case TagKind::kTrigger:
      return "triggers";
    case TagKind::kHelped:
      return "helped";
    case TagKind::kMedication:
      return "medications";
  }
  return "";
}

bool ParseTagKind(std::string_view name, TagKind* kind) {
  for (TagKind k : kTagKinds) {
    if (TagKindName(k) == name) {
      *kind = k;
      return true;
    }
  }
  return false;
}

const std::vector<std::string>& TagList(const JournalEntry& e, TagKind kind) {
  return *MutableTagList(const_cast<JournalEntry*>(&e), kind);
}

std::vector<std::string>* MutableTagList(JournalEntry* e, TagKind kind) {
  switch (kind) {
    case TagKind::kQuality:
      return &e->qualities;
    case TagKind::kTrigger:
      return &e->triggers;
    case TagKind::kHelped:
      return &e->helped;
    case TagKind::kMedication:
      break;
  }
  return &e->medications;
}

std::string TagValueKey(TagKind kind, std::string_view item) {
  if (kind != TagKind::kMedication) return std::string(item);
  return Hex64(Fnv1a64(FoldedText(item)));
}

std::string SiteStampKey(std::string_view site, std::string_view side,
                         std::string_view column) {
  std::string key = "sites/";
  key += site;
  key += '@';
  key += side;
  key += '/';
  key += column;
  return key;
}

std::string TagStampKey(TagKind kind, std::string_view value_key,
                        std::string_view column) {
  std::string key(TagListName(kind));
  key += '/';
  key += value_key;
  key += '/';
  key += column;
  return key;
}

namespace {

CellValue OptInt(const std::optional<int>& v) {
  return v ? CellValue::Int(*v) : CellValue::Null();
}

CellValue OptRom(const std::optional<RangeOfMotion>& v) {
  return v ? CellValue::Text(std::string(RangeOfMotionName(*v)))
           : CellValue::Null();
}

CellValue OptText(const std::optional<std::string>& v) {
  return v ? CellValue::Text(*v) : CellValue::Null();
}

struct Emitter {
  const std::string& id;
  const std::string& hlc;
  std::vector<CellChange>* out;

  void Entry(const char* column, CellValue value) {
    out->push_back({hlc, "entries", id, column, std::move(value)});
  }
  void Site(const std::string& row, const char* column, CellValue value) {
    out->push_back({hlc, "entry_sites", row, column, std::move(value)});
  }
  void Tag(const std::string& row, const char* column, CellValue value) {
    out->push_back({hlc, "entry_tags", row, column, std::move(value)});
  }
};

// Emits the cells that make `sites` the entry's live sites. `stored` rows
// not in the list are marked deleted; rows already stored are re-marked
// live so this edit wins over an older removal.
void SiteCells(Emitter* emit, const std::vector<SitePain>& sites,
               const ChildRows& stored) {
  std::set<std::string> keep;
  for (const SitePain& s : sites) {
    std::string row = storage::SiteRowId(emit->id, s.site, SideName(s.side));
    emit->Site(row, "intensity", CellValue::Int(s.intensity));
    if (stored.count(row)) emit->Site(row, "deleted", CellValue::Int(0));
    keep.insert(std::move(row));
  }
  for (const auto& [row, deleted] : stored) {
    if (!deleted && !keep.count(row)) {
      emit->Site(row, "deleted", CellValue::Int(1));
    }
  }
}

// Tag rows of one kind: "<entry id>:<kind>:<value key>".
void TagCells(Emitter* emit, TagKind kind,
              const std::vector<std::string>& items, const ChildRows& stored) {
  std::set<std::string> keep;
  for (const std::string& item : items) {
    std::string row =
        storage::TagRowId(emit->id, TagKindName(kind), TagValueKey(kind, item));
    if (kind == TagKind::kMedication) {
      emit->Tag(row, "text",
                CellValue::Text(std::string(TrimAsciiWhitespace(item))));
      if (stored.count(row)) emit->Tag(row, "deleted", CellValue::Int(0));
    } else {
      emit->Tag(row, "deleted", CellValue::Int(0));
    }
    keep.insert(std::move(row));
  }
  std::string prefix = storage::TagRowId(emit->id, TagKindName(kind), "");
  for (auto it = stored.lower_bound(prefix);
       it != stored.end() && it->first.compare(0, prefix.size(), prefix) == 0;
       ++it) {
    if (!it->second && !keep.count(it->first)) {
      emit->Tag(it->first, "deleted", CellValue::Int(1));
    }
  }
}

}  // namespace

void NewEntryCells(const std::string& id, const JournalEntry& e,
                   const std::string& hlc, std::vector<CellChange>* out) {
  Emitter emit{id, hlc, out};
  emit.Entry("at", CellValue::Int(e.at_ms));
  emit.Entry("tz_offset", CellValue::Int(e.tz_offset_minutes));
  emit.Entry("flare", CellValue::Int(e.flare ? 1 : 0));
  // Absent optional fields need no cell: a missing cell reads as null.
  if (e.rom) emit.Entry("rom", OptRom(e.rom));
  if (e.stress) emit.Entry("stress", OptInt(e.stress));
  if (e.sleep) emit.Entry("sleep", OptInt(e.sleep));
  if (e.note) emit.Entry("note", OptText(e.note));
  static const ChildRows kNone;
  SiteCells(&emit, e.sites, kNone);
  for (TagKind kind : kTagKinds) TagCells(&emit, kind, TagList(e, kind), kNone);
}

void PatchCells(const std::string& id, const EntryPatch& p,
                const JournalEntry& merged, const ChildRows& sites,
                const ChildRows& tags, const std::string& hlc,
                std::vector<CellChange>* out) {
  Emitter emit{id, hlc, out};
  if (p.at_ms) emit.Entry("at", CellValue::Int(merged.at_ms));
  if (p.at_ms || p.tz_offset_minutes) {
    emit.Entry("tz_offset", CellValue::Int(merged.tz_offset_minutes));
  }
  if (p.flare) emit.Entry("flare", CellValue::Int(merged.flare ? 1 : 0));
  if (p.rom || p.clear_rom) emit.Entry("rom", OptRom(merged.rom));
  if (p.stress || p.clear_stress) emit.Entry("stress", OptInt(merged.stress));
  if (p.sleep || p.clear_sleep) emit.Entry("sleep", OptInt(merged.sleep));
  if (p.note || p.clear_note) emit.Entry("note", OptText(merged.note));
  if (p.sites) SiteCells(&emit, merged.sites, sites);
  const std::optional<std::vector<std::string>>* lists[] = {
      &p.qualities, &p.triggers, &p.helped, &p.medications};
  for (size_t i = 0; i < 4; ++i) {
    if (*lists[i]) {
      TagCells(&emit, kTagKinds[i], TagList(merged, kTagKinds[i]), tags);
    }
  }
}

JournalEntry ApplyPatch(const JournalEntry& entry, const EntryPatch& p) {
  JournalEntry e = entry;
  if (p.at_ms) e.at_ms = *p.at_ms;
  if (p.tz_offset_minutes) e.tz_offset_minutes = *p.tz_offset_minutes;
  if (p.flare) e.flare = *p.flare;
  if (p.sites) e.sites = *p.sites;
  if (p.qualities) e.qualities = *p.qualities;
  if (p.triggers) e.triggers = *p.triggers;
  if (p.helped) e.helped = *p.helped;
  if (p.medications) e.medications = *p.medications;
  if (p.rom) e.rom = p.rom;
  if (p.clear_rom) e.rom.reset();
  if (p.stress) e.stress = p.stress;
  if (p.clear_stress) e.stress.reset();
  if (p.sleep) e.sleep = p.sleep;
  if (p.clear_sleep) e.sleep.reset();
  if (p.note) e.note = p.note;
  if (p.clear_note) e.note.reset();
  return e;
}

}  // namespace journal
}  // namespace unknot
