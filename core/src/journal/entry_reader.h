// Reads journal entries back out of the entity tables (and, on request, the
// stamps of their cells).
#ifndef UNKNOT_JOURNAL_ENTRY_READER_H_
#define UNKNOT_JOURNAL_ENTRY_READER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "journal/entry_cells.h"
#include "storage/sqlite_db.h"
#include "unknot/journal.h"

namespace unknot {
namespace journal {

// The stamps of many entries in one buffer, for outputs that only write
// them out (the export): no map and no strings per stamp.
class StampTable {
 public:
  void Add(size_t entry, std::string_view key, std::string_view hlc);
  // Sorts by entry, then key (the order of JournalEntry::stamps); of equal
  // keys keeps the one added last.
  void Finish();
  // Calls f(key, hlc) for each stamp of output entry `entry`, in key order.
  // Entries must be visited in increasing order after Finish().
  template <typename F>
  void ForEach(size_t entry, F f) {
    while (next_ < items_.size() && items_[next_].entry < entry) ++next_;
    for (; next_ < items_.size() && items_[next_].entry == entry; ++next_) {
      f(View(items_[next_].key), View(items_[next_].hlc));
    }
  }
  bool Has(size_t entry) {
    while (next_ < items_.size() && items_[next_].entry < entry) ++next_;
    return next_ < items_.size() && items_[next_].entry == entry;
  }

 private:
  struct Span {
    uint32_t offset, size;
  };
  struct Item {
    size_t entry;
    Span key, hlc;
  };
  Span Store(std::string_view s);
  std::string_view View(Span s) const {
    return {arena_.data() + s.offset, s.size};
  }

  std::string arena_;
  std::vector<Item> items_;
  size_t next_ = 0;
};

struct ReadRequest {
  ListFilter filter;
  std::optional<std::string> id;  // one entry only
  bool with_stamps = false;
  // With with_stamps: the stamps go here (by position in the output)
  // instead of into each JournalEntry::stamps.
  StampTable* stamp_table = nullptr;
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
