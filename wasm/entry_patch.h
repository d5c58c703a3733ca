// Turning a JSON patch into an EntryPatch.
//
// The core reads whole entries from JSON (EntryFromJson) but has no reader
// for a partial one yet. Rather than duplicate the entry's JSON shape here,
// the patch is applied as a JSON Merge Patch to the current entry's own JSON,
// the result is read back with EntryFromJson, and the EntryPatch holds
// exactly the fields whose values changed. So the one JSON shape stays in
// core/src, and an edit that changes nothing writes no cell (no stamp is
// bumped, so it cannot win over another device's edit of that field).
// Candidate for core's entry_json.h as EntryPatchFromJson.
#ifndef UNKNOT_WASM_ENTRY_PATCH_H_
#define UNKNOT_WASM_ENTRY_PATCH_H_

#include <string_view>

#include "unknot/journal_entry.h"
#include "unknot/status.h"

namespace unknot::wasm {

// Error codes: "invalid-json" (not a JSON object), and EntryFromJson's
// ("invalid-field", "invalid-time") for the merged entry.
Status PatchFromJson(const JournalEntry& current, std::string_view patch_json,
                     EntryPatch* patch);

// The fields that differ between `before` and `after`, as a patch.
EntryPatch DiffEntries(const JournalEntry& before, const JournalEntry& after);

}  // namespace unknot::wasm

#endif  // UNKNOT_WASM_ENTRY_PATCH_H_
