// Where the journal lives and how the CLI opens it:
//   --db PATH, else $UNKNOT_DB, else $XDG_DATA_HOME/unknot/journal.db, else
//   $HOME/.local/share/unknot/journal.db.
#ifndef UNKNOT_CLI_JOURNAL_ACCESS_H_
#define UNKNOT_CLI_JOURNAL_ACCESS_H_

#include <memory>
#include <string>

#include "args.h"
#include "unknot/env.h"
#include "unknot/journal.h"
#include "unknot/status.h"

namespace unknot::cli {

// Error code: "io-error" when no --db, $UNKNOT_DB, $XDG_DATA_HOME or $HOME.
Status ResolveDbPath(const ParsedArgs& args, std::string* path);

// Opens (creating when missing, with its parent folder) the journal named by
// `args`. Error codes: "io-error", and Journal::Open's.
Status OpenJournal(const ParsedArgs& args, Env* env,
                   std::unique_ptr<Journal>* journal);

// Opens the journal only if its file already exists; otherwise leaves
// *journal null and returns OK (for read-only lookups like `vocab`).
Status OpenExistingJournal(const ParsedArgs& args, Env* env,
                           std::unique_ptr<Journal>* journal);

}  // namespace unknot::cli

#endif  // UNKNOT_CLI_JOURNAL_ACCESS_H_
