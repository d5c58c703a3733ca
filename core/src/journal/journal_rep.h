// Journal::Rep: the state behind a Journal, shared by the files that
// implement its parts (journal.cc, export.cc).
#ifndef UNKNOT_JOURNAL_JOURNAL_REP_H_
#define UNKNOT_JOURNAL_JOURNAL_REP_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "storage/cell_store.h"
#include "storage/sqlite_db.h"
#include "unknot/hlc.h"
#include "unknot/journal.h"

namespace unknot {

struct Journal::Rep {
  Env* env = nullptr;
  std::unique_ptr<storage::SqliteDb> db;
  std::unique_ptr<storage::CellStore> cells;
  std::string device_id;
  HlcClock clock{std::string()};
  std::string last_row_id;  // see NewRowId

  // Runs one local mutation in one transaction: `build` stamps its changes
  // with the clock it is given (a copy) and appends them; they are applied,
  // the clock is saved, and only after the commit does the in-memory clock
  // move. On any error nothing is stored and the clock is unchanged.
  using Builder =
      std::function<Status(HlcClock*, std::vector<storage::CellChange>*)>;
  Status Mutate(const Builder& build);

  // The ids of the user's custom triggers (live ones).
  Status CustomTriggerIds(std::vector<std::string>* ids);

  // Saves `clock` in meta (inside the caller's transaction).
  Status SaveClock(const Hlc& last);

  // The `meta` table: a missing key reads as "" (and as 0).
  Status ReadMeta(const char* key, std::string* value);
  Status ReadMetaInt(const char* key, int64_t* value);
  Status WriteMeta(const char* key, const std::string& value);
};

// The cells of a whole custom routine (title, kind, targets, steps, live) at
// row `row`, stamped `hlc`: what SaveRoutine writes, and what accepting a
// therapist's routine writes (suggestion_store.cc).
void AppendRoutineCells(const Routine& routine, const std::string& row,
                        const std::string& hlc,
                        std::vector<storage::CellChange>* out);

}  // namespace unknot

#endif  // UNKNOT_JOURNAL_JOURNAL_REP_H_
