#include "commands/commands.h"

namespace unknot::cli {

const std::vector<Command>& AllCommands() {
  static const std::vector<Command>* commands = [] {
    auto* all = new std::vector<Command>();
    AddEntryCommands(all);
    AddListCommand(all);
    AddTransferCommands(all);
    AddVocabCommands(all);
    AddTriageCommand(all);
    AddRoutineCommands(all);
    AddSessionCommands(all);
    AddInsightsCommand(all);
    AddSyncCommands(all);
    AddShareCommands(all);
    AddSharedCommands(all);
    AddSuggestionCommands(all);
    AddHelpCommand(all);
    return all;
  }();
  return *commands;
}

const Command* FindCommand(std::string_view name) {
  for (const Command& command : AllCommands()) {
    if (command.name == name) return &command;
  }
  return nullptr;
}

}  // namespace unknot::cli
