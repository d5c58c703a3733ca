// Reads journal entries back out of the entity tables (and, on request, the
// stamps of their cells).
#ifndef UNKNOT_JOURNAL_ENTRY_READER_H_
#define UNKNOT_JOURNAL_ENTRY_READER_H_

#include <optional>
#include <string>
#include <vector>

#include "journal/entry_cells.h"
#include "storage/sqlite_db.h"
#include "unknot/journal.h"

namespace unknot {
namespace journal {

struct ReadRequest {
  ListFilter filter;
  std::optional<std::string> id;  // one entry only
  bool with_stamps = false;
};

// Entries sorted by instant then id; rows still incomplete (a change for
// them arrived before the rest) are skipped.
Status ReadEntries(storage::SqliteDb* db, const ReadRequest& request,
                   std::vector<JournalEntry>* out);

// Every stored child row of an entry, live or removed.
Status ReadChildRows(storage::SqliteDb* db, const std::string& id,
                     ChildRows* sites, ChildRows* tags);

}  // namespace journal
}  // namespace unknot

#endif  // UNKNOT_JOURNAL_ENTRY_READER_H_
