// log, edit, delete, restore: the commands that change one entry.
#include <memory>
#include <string>

#include "commands/commands.h"
#include "entry_options.h"
#include "journal_access.h"
#include "unknot/journal.h"

namespace unknot::cli {
namespace {

constexpr std::string_view kLogUsage =
    R"(usage: unknot [--db PATH] log --site ID[@left|right|both]:INTENSITY ...
                        [--at TIME] [--flare] [--quality ID]... [--trigger ID]...
                        [--helped ID]... [--medication TEXT]...
                        [--rom full|limited|very_limited] [--stress N]
                        [--sleep N] [--note TEXT]

Logs a new entry and prints its id. Each --site is a body site id (an area
such as neck or a muscle such as upper_trapezius, see `unknot vocab sites`),
an optional side (default both) and an intensity 0-10:
  unknot log --site upper_trapezius@left:7 --site levator_scapulae@right:4
TIME is ISO 8601 ("2026-11-24T09:30", "2026-11-24T08:30Z"); without an
offset it is local time. Without --at the entry is logged now. Without
--flare the entry records the ongoing baseline.
)";

constexpr std::string_view kEditUsage =
    R"(usage: unknot [--db PATH] edit ID [log's options] [--baseline]
                        [--clear-note] [--clear-rom] [--clear-stress]
                        [--clear-sleep] [--clear-qualities] [--clear-triggers]
                        [--clear-helped] [--clear-medications]

Changes an entry. ID may be a unique prefix (4+ characters). Each option
given replaces that field; a repeated option (--site, --quality, ...)
replaces the whole list. --flare / --baseline set the kind of entry;
--clear-* remove a field.
)";

constexpr std::string_view kDeleteUsage =
    R"(usage: unknot [--db PATH] delete ID

Deletes an entry (recoverably: see `unknot restore`). ID may be a unique
prefix.
)";

constexpr std::string_view kRestoreUsage =
    R"(usage: unknot [--db PATH] restore ID

Brings back a deleted entry. ID may be a unique prefix.
)";

// edit/delete/restore take exactly one ID; checked before the journal is
// opened so a usage error never creates a database.
Status CheckOneId(const Invocation& inv) {
  const auto& positionals = inv.args.positionals;
  if (positionals.size() != 2) {
    return UsageError(positionals[0] + " needs exactly one entry ID");
  }
  return Status::OK();
}

// The ID positional, a full id or unique prefix, resolved by the core.
Status ResolveEntryId(const Invocation& inv, Journal* journal,
                      std::string* id) {
  return journal->ResolveId(inv.args.positionals[1], id);
}

Status RunLog(const Invocation& inv) {
  if (inv.args.positionals.size() != 1) {
    return UsageError("log takes no arguments besides options");
  }
  JournalEntry entry;
  UNKNOT_RETURN_IF_ERROR(EntryFromArgs(inv.args, inv.env, &entry));
  std::unique_ptr<Journal> journal;
  UNKNOT_RETURN_IF_ERROR(OpenJournal(inv.args, inv.env, &journal));
  std::string id;
  UNKNOT_RETURN_IF_ERROR(journal->Log(entry, &id));
  inv.out << id << "\n";
  return Status::OK();
}

Status RunEdit(const Invocation& inv) {
  UNKNOT_RETURN_IF_ERROR(CheckOneId(inv));
  EntryPatch patch;
  UNKNOT_RETURN_IF_ERROR(PatchFromArgs(inv.args, inv.env, &patch));
  std::unique_ptr<Journal> journal;
  UNKNOT_RETURN_IF_ERROR(OpenJournal(inv.args, inv.env, &journal));
  std::string id;
  UNKNOT_RETURN_IF_ERROR(ResolveEntryId(inv, journal.get(), &id));
  return journal->Edit(id, patch);
}

// delete and restore differ only in the call.
Status RunDeleteOrRestore(const Invocation& inv, bool restore) {
  UNKNOT_RETURN_IF_ERROR(CheckOneId(inv));
  std::unique_ptr<Journal> journal;
  UNKNOT_RETURN_IF_ERROR(OpenJournal(inv.args, inv.env, &journal));
  std::string id;
  UNKNOT_RETURN_IF_ERROR(ResolveEntryId(inv, journal.get(), &id));
  return restore ? journal->Restore(id) : journal->Delete(id);
}

Status RunDelete(const Invocation& inv) {
  return RunDeleteOrRestore(inv, false);
}
Status RunRestore(const Invocation& inv) {
  return RunDeleteOrRestore(inv, true);
}

}  // namespace

void AddEntryCommands(std::vector<Command>* commands) {
  std::vector<OptionSpec> edit_options = EntryOptionSpecs();
  for (const OptionSpec& spec : EditOnlyOptionSpecs()) {
    edit_options.push_back(spec);
  }
  commands->push_back(
      {"log", "log a new entry", kLogUsage, EntryOptionSpecs(), RunLog});
  commands->push_back(
      {"edit", "change an entry", kEditUsage, edit_options, RunEdit});
  commands->push_back(
      {"delete", "delete an entry (recoverable)", kDeleteUsage, {}, RunDelete});
  commands->push_back(
      {"restore", "restore a deleted entry", kRestoreUsage, {}, RunRestore});
}

}  // namespace unknot::cli
