// export and import: the journal as a file (docs/export-format.md).
#include <iostream>
#include <memory>
#include <string>

#include "commands/commands.h"
#include "file_io.h"
#include "journal_access.h"
#include "unknot/journal.h"

namespace unknot::cli {
namespace {

constexpr std::string_view kExportUsage =
    R"(usage: unknot [--db PATH] export --format json|csv [-o FILE]

Writes the whole journal (deleted entries included, with the stamps that let
`import` merge it) to stdout, or to FILE. FILE is replaced atomically and
readable only by you. CSV has one row per site per entry.
)";

constexpr std::string_view kImportUsage =
    R"(usage: unknot [--db PATH] import FILE.json

Merges an export (`-` reads stdin) into the journal, field by field: the
newer change wins, so importing the same file twice changes nothing and a
newer local edit is never overwritten. All or nothing. Prints a summary on
stderr.
)";

Status RunExport(const Invocation& inv) {
  if (inv.args.positionals.size() != 1) {
    return UsageError("export takes no arguments besides options");
  }
  std::optional<std::string> format = inv.args.Value("format");
  if (!format) return UsageError("export needs --format json|csv");
  if (*format != "json" && *format != "csv") {
    return UsageError("--format must be json or csv");
  }
  std::unique_ptr<Journal> journal;
  UNKNOT_RETURN_IF_ERROR(OpenJournal(inv.args, inv.env, &journal));
  std::string data;
  UNKNOT_RETURN_IF_ERROR(*format == "json" ? journal->ExportJson(&data)
                                           : journal->ExportCsv(&data));
  std::string output = inv.args.Value("output").value_or("-");
  if (output == "-") {
    inv.out << data;
    return Status::OK();
  }
  return WriteFileAtomically(output, data);
}

Status RunImport(const Invocation& inv) {
  if (inv.args.positionals.size() != 2) {
    return UsageError("import needs exactly one FILE (- for stdin)");
  }
  const std::string& path = inv.args.positionals[1];
  std::string json;
  UNKNOT_RETURN_IF_ERROR(path == "-" ? ReadWholeStream(std::cin, &json)
                                     : ReadWholeFile(path, &json));
  std::unique_ptr<Journal> journal;
  UNKNOT_RETURN_IF_ERROR(OpenJournal(inv.args, inv.env, &journal));
  ImportStats stats;
  UNKNOT_RETURN_IF_ERROR(journal->ImportJson(json, &stats));
  // Fixed wording (no singulars) so scripts can match it.
  inv.err << "imported " << stats.entries << " entries (" << stats.cells_applied
          << " changes applied)\n";
  return Status::OK();
}

}  // namespace

void AddTransferCommands(std::vector<Command>* commands) {
  commands->push_back(
      {"export",
       "write the journal as JSON or CSV",
       kExportUsage,
       {{"format", '\0', true, false}, {"output", 'o', true, false}},
       RunExport});
  commands->push_back({"import",
                       "merge an export into the journal",
                       kImportUsage,
                       {},
                       RunImport});
}

}  // namespace unknot::cli
