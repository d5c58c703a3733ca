// The command table of `unknot`: every subcommand with its options, usage
// text and handler. Handlers report failures as Status values (core codes
// pass through untouched; the CLI adds "usage", "unknown-command",
// "file-not-found" and "io-error"); cli/run.cc prints them and picks the exit
// code.
#ifndef UNKNOT_CLI_COMMANDS_COMMANDS_H_
#define UNKNOT_CLI_COMMANDS_COMMANDS_H_

#include <ostream>
#include <string_view>
#include <vector>

#include "args.h"
#include "unknot/env.h"
#include "unknot/status.h"

namespace unknot::cli {

// What a handler gets: the parsed line, the platform and the output stream.
// Only the final "error: ..." report goes to stderr (written by run.cc);
// handlers write other diagnostics (import's summary) to `err`.
struct Invocation {
  const ParsedArgs& args;
  Env* env;
  std::ostream& out;
  std::ostream& err;
};

struct Command {
  std::string_view name;     // "log", "trigger"
  std::string_view summary;  // one line for `unknot help`
  std::string_view usage;    // full text for `unknot help <name>`
  std::vector<OptionSpec> options;
  Status (*run)(const Invocation& inv);
};

// Every command, in the order `unknot help` lists them.
const std::vector<Command>& AllCommands();
// nullptr when there is no such command.
const Command* FindCommand(std::string_view name);

// The groups, each defined in its own file under commands/.
void AddEntryCommands(std::vector<Command>* commands);     // log, edit, ...
void AddListCommand(std::vector<Command>* commands);       // list
void AddTransferCommands(std::vector<Command>* commands);  // export, import
void AddVocabCommands(std::vector<Command>* commands);     // vocab, trigger
void AddTriageCommand(std::vector<Command>* commands);     // triage
void AddRoutineCommands(std::vector<Command>* commands);   // routines, routine
void AddSessionCommands(std::vector<Command>* commands);   // session, ...
void AddInsightsCommand(std::vector<Command>* commands);   // insights
void AddSyncCommands(std::vector<Command>* commands);      // signup, login, ...
void AddShareCommands(std::vector<Command>* commands);     // share, account
void AddSharedCommands(std::vector<Command>* commands);    // shared
void AddSuggestionCommands(std::vector<Command>* commands);  // suggestions
void AddHelpCommand(std::vector<Command>* commands);         // help

// The overview printed by `unknot --help` and `unknot help`.
void PrintOverview(std::ostream& out);

}  // namespace unknot::cli

#endif  // UNKNOT_CLI_COMMANDS_COMMANDS_H_
