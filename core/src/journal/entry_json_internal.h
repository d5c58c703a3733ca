// The JSON form of entries as nlohmann values, for the export code that
// embeds them in a larger document.
#ifndef UNKNOT_JOURNAL_ENTRY_JSON_INTERNAL_H_
#define UNKNOT_JOURNAL_ENTRY_JSON_INTERNAL_H_

#include <nlohmann/json.hpp>

#include "journal/json_out.h"
#include "unknot/journal_entry.h"
#include "unknot/status.h"

namespace unknot {
namespace journal {

// Writes one entry object (the export format) as the next value of `out`.
void WriteEntry(const JournalEntry& entry, JsonOut* out);
// The same without its stamps and closing brace: the caller writes those
// ("stamps" only when there are some, as WriteEntry does).
void BeginEntry(const JournalEntry& entry, JsonOut* out);

// Reads an entry object (see EntryFromJson in unknot/entry_json.h).
Status EntryFromJsonValue(const nlohmann::json& value, JournalEntry* entry);

}  // namespace journal
}  // namespace unknot

#endif  // UNKNOT_JOURNAL_ENTRY_JSON_INTERNAL_H_
