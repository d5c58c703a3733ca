// JSON for entries, as in docs/export-format.md. Hosts (CLI, wasm, server)
// use these so an entry has one JSON shape everywhere.
#ifndef UNKNOT_ENTRY_JSON_H_
#define UNKNOT_ENTRY_JSON_H_

#include <string>
#include <string_view>
#include <vector>

#include "unknot/journal_entry.h"
#include "unknot/status.h"

namespace unknot {

constexpr int kExportFormatVersion = 1;

// One entry as a JSON object (with "stamps" when the entry has any).
std::string EntryToJson(const JournalEntry& entry);

// A JSON array of entries (the shape of `unknot list --json`).
std::string EntriesToJson(const std::vector<JournalEntry>& entries);

// Reads an entry object. Unknown keys are ignored; "id", "deleted" and
// "stamps" are read when present. The entry is not validated against the
// vocabulary here (see ValidateEntry).
// Error codes: "invalid-json", "invalid-field" (the message names it),
// "invalid-time".
Status EntryFromJson(std::string_view json, JournalEntry* entry);

// Reads a patch of `current`: a JSON object with any of the entry's fields
// ({"note": "…", "sites": […]}; null clears an optional field), applied as a
// JSON Merge Patch to the entry. The patch holds the fields whose values
// differ from `current`; "id", "deleted" and "stamps" are ignored.
// Error codes: "invalid-json" (not a JSON object), and EntryFromJson's.
Status EntryPatchFromJson(const JournalEntry& current,
                          std::string_view patch_json, EntryPatch* patch);

// The fields that differ between `before` and `after`, as a patch.
EntryPatch DiffEntries(const JournalEntry& before, const JournalEntry& after);

}  // namespace unknot

#endif  // UNKNOT_ENTRY_JSON_H_
