#include "run.h"

#include "args.h"
#include "commands/commands.h"
#include "unknot/journal.h"
#include "unknot/vocabulary.h"

#ifndef UNKNOT_VERSION
#define UNKNOT_VERSION "unknown"
#endif

namespace unknot::cli {
namespace {

void PrintVersion(std::ostream& out) {
  out << "unknot " << UNKNOT_VERSION << " (journal schema "
      << Journal::CurrentSchemaVersion() << ", vocabulary "
      << Vocabulary::Get().version() << ")\n";
}

// Writes the error line, plus a pointer to help after usage errors.
int Report(const Status& status, std::string_view command, std::ostream& err) {
  err << "error: " << status.code() << ": " << status.message() << "\n";
  int code = ExitCodeFor(status);
  if (code == kExitUsage) {
    err << "run 'unknot help" << (command.empty() ? "" : " ") << command
        << "' for usage\n";
  }
  return code;
}

// `unknot`, `unknot --help`, `unknot --version`: no command word.
int RunWithoutCommand(const std::vector<std::string>& args, std::ostream& out,
                      std::ostream& err) {
  ParsedArgs parsed;
  Status status = ArgParser::Parse(args, {}, &parsed);
  if (!status.ok()) return Report(status, "", err);
  if (parsed.version) {
    PrintVersion(out);
    return kExitOk;
  }
  if (parsed.help) {
    PrintOverview(out);
    return kExitOk;
  }
  return Report(UsageError("missing command"), "", err);
}

}  // namespace

int ExitCodeFor(const Status& status) {
  if (status.ok()) return kExitOk;
  if (status.code() == "usage" || status.code() == "unknown-command") {
    return kExitUsage;
  }
  switch (status.kind()) {
    case Status::Kind::kIOError:
    case Status::Kind::kCorruption:
      return kExitIoError;
    default:
      return kExitRefused;
  }
}

int Run(const std::vector<std::string>& args, Env* env, std::ostream& out,
        std::ostream& err) {
  std::string name = ArgParser::FindCommand(args);
  if (name.empty()) return RunWithoutCommand(args, out, err);
  const Command* command = FindCommand(name);
  if (command == nullptr) {
    return Report(
        Status::Invalid("unknown-command", "no command '" + name + "'"), "",
        err);
  }
  ParsedArgs parsed;
  Status status = ArgParser::Parse(args, command->options, &parsed);
  if (!status.ok()) return Report(status, name, err);
  if (parsed.help || parsed.version) {
    if (parsed.help) out << command->usage;
    if (!parsed.help) PrintVersion(out);
    return kExitOk;
  }
  status = command->run(Invocation{parsed, env, out, err});
  out.flush();
  if (status.ok() && !out) {
    status = Status::IOError("io-error", "cannot write to standard output");
  }
  return status.ok() ? kExitOk : Report(status, name, err);
}

}  // namespace unknot::cli
