// help: usage text on stdout (exit 0), for everything or for one command.
#include "commands/commands.h"

namespace unknot::cli {
namespace {

constexpr std::string_view kSynopsis =
    R"(usage: unknot [--db PATH] <command> [options]

  unknot log --site ID[@left|right|both]:INTENSITY ... [--at TIME] [--flare]
             [--quality ID]... [--trigger ID]... [--helped ID]...
             [--medication TEXT]... [--rom full|limited|very_limited]
             [--stress N] [--sleep N] [--note TEXT]
  unknot edit ID [log's options] [--baseline] [--clear-note] [--clear-rom]
             [--clear-stress] [--clear-sleep] [--clear-qualities]
             [--clear-triggers] [--clear-helped] [--clear-medications]
  unknot delete ID  |  unknot restore ID
  unknot list [--since DATE] [--until DATE] [--deleted] [--json]
  unknot export --format json|csv [-o FILE]  |  unknot import FILE.json
  unknot vocab [sites|qualities|triggers|helped] [--json]
  unknot trigger add LABEL  |  unknot trigger list [--json]
  unknot triage [--answers FILE.json] [--yes ID]... [--no ID]...
             [--value ID=N]... [--age N] [--dry-run] [--json]

The journal is --db PATH, else $UNKNOT_DB, else
$XDG_DATA_HOME/unknot/journal.db (~/.local/share/unknot/journal.db).
--db may come before or after the command.

Errors: the first stderr line is "error: <code>: <message>"; exit status 2
for usage, 1 for refused input, 3 for storage errors.

commands:
)";

constexpr std::string_view kHelpUsage =
    R"(usage: unknot help [command]

Prints the usage of unknot or of one command (same as `unknot <command>
--help`).
)";

Status RunHelp(const Invocation& inv) {
  const auto& positionals = inv.args.positionals;
  if (positionals.size() > 2) return UsageError("help takes one command");
  if (positionals.size() == 1) {
    PrintOverview(inv.out);
    return Status::OK();
  }
  const Command* command = FindCommand(positionals[1]);
  if (command == nullptr) {
    return Status::Invalid("unknown-command",
                           "no command '" + positionals[1] + "'");
  }
  inv.out << command->usage;
  return Status::OK();
}

}  // namespace

void PrintOverview(std::ostream& out) {
  out << kSynopsis;
  for (const Command& command : AllCommands()) {
    std::string name(command.name);
    name.resize(10, ' ');
    out << "  " << name << command.summary << "\n";
  }
  out << "\nRun `unknot help <command>` for a command's options.\n";
}

void AddHelpCommand(std::vector<Command>* commands) {
  commands->push_back(
      {"help", "show usage (of one command)", kHelpUsage, {}, RunHelp});
}

}  // namespace unknot::cli
