// How a journal entry is spelled as cells: the `entries` row and its child
// rows (`entry_sites`, `entry_tags`), their row ids and stamp keys.
#ifndef UNKNOT_JOURNAL_ENTRY_CELLS_H_
#define UNKNOT_JOURNAL_ENTRY_CELLS_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "storage/cell_store.h"
#include "unknot/journal_entry.h"

namespace unknot {
namespace journal {

// Tag kinds as stored in entry_tags.kind, and the matching JSON list /
// stamp-key prefix.
enum class TagKind { kQuality, kTrigger, kHelped, kMedication };
constexpr TagKind kTagKinds[] = {TagKind::kQuality, TagKind::kTrigger,
                                 TagKind::kHelped, TagKind::kMedication};
std::string_view TagKindName(TagKind kind);  // "quality", ...
std::string_view TagListName(TagKind kind);  // "qualities", ...
bool ParseTagKind(std::string_view name, TagKind* kind);
const std::vector<std::string>& TagList(const JournalEntry& e, TagKind kind);
std::vector<std::string>* MutableTagList(JournalEntry* e, TagKind kind);

// The value part of a tag row id: the vocabulary id, or for a medication a
// hash of its normalised text (so two devices recording the same medicine
// land on one row).
std::string TagValueKey(TagKind kind, std::string_view item);

// Stamp keys, as in docs/export-format.md: "note",
// "sites/<site>@<side>/<column>", "<list>/<value key>/<column>".
std::string SiteStampKey(std::string_view site, std::string_view side,
                         std::string_view column);
std::string TagStampKey(TagKind kind, std::string_view value_key,
                        std::string_view column);

// The child rows an entry has stored, live or removed: row id -> deleted.
using ChildRows = std::map<std::string, bool>;

// Cells that create a new entry stamped `hlc`.
void NewEntryCells(const std::string& id, const JournalEntry& entry,
                   const std::string& hlc,
                   std::vector<storage::CellChange>* out);

// Cells that apply `patch` to an entry whose stored children are
// `sites`/`tags` and whose patched result is `merged`.
void PatchCells(const std::string& id, const EntryPatch& patch,
                const JournalEntry& merged, const ChildRows& sites,
                const ChildRows& tags, const std::string& hlc,
                std::vector<storage::CellChange>* out);

// `entry` with `patch` applied (no validation).
JournalEntry ApplyPatch(const JournalEntry& entry, const EntryPatch& patch);

}  // namespace journal
}  // namespace unknot

#endif  // UNKNOT_JOURNAL_ENTRY_CELLS_H_
