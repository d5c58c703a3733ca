// list: the entries of the journal, one readable line each, or as JSON.
#include <cstdio>
#include <memory>
#include <string>

#include "commands/commands.h"
#include "journal_access.h"
#include "unknot/entry_json.h"
#include "unknot/journal.h"
#include "unknot/time_util.h"

namespace unknot::cli {
namespace {

// Enough to be unique in any real journal and to pass back to edit/delete
// (ResolveId accepts 4+ characters).
constexpr size_t kShortIdLength = 8;

constexpr std::string_view kListUsage =
    R"(usage: unknot [--db PATH] list [--since DATE] [--until DATE] [--deleted]
                         [--json]

Lists entries by time. DATE is a local date YYYY-MM-DD; both bounds are
inclusive and compare with each entry's own local date. Deleted entries are
shown (marked) only with --deleted. --json prints the export format's array
of entries.

Each line: short id, local time and UTC offset, flare or baseline, then the
sites as site@side:intensity.
)";

Status ReadDay(const ParsedArgs& args, std::string_view name,
               std::optional<int64_t>* day) {
  std::optional<std::string> text = args.Value(name);
  if (!text) return Status::OK();
  int64_t value;
  UNKNOT_RETURN_IF_ERROR(ParseLocalDate(*text, &value));
  *day = value;
  return Status::OK();
}

// "2026-11-24 09:30 +01:00" from FormatIsoTime's "2026-11-24T09:30:00+01:00".
std::string LocalTimeText(const JournalEntry& entry) {
  std::string iso = FormatIsoTime(entry.at_ms, entry.tz_offset_minutes);
  int offset = entry.tz_offset_minutes;
  char sign = offset < 0 ? '-' : '+';
  int magnitude = offset < 0 ? -offset : offset;
  char zone[16];
  std::snprintf(zone, sizeof(zone), "%c%02d:%02d", sign, magnitude / 60,
                magnitude % 60);
  std::string text = iso.substr(0, 16);
  text[10] = ' ';
  return text + " " + zone;
}

std::string SitesText(const JournalEntry& entry) {
  std::string text;
  for (const SitePain& site : entry.sites) {
    if (!text.empty()) text += ", ";
    text += site.site + "@" + std::string(SideName(site.side)) + ":" +
            std::to_string(site.intensity);
  }
  return text;
}

// e.g. "3f9a01c2  2026-11-24 09:30 +01:00  flare     upper_trapezius@left:7"
std::string EntryLine(const JournalEntry& entry) {
  std::string line =
      entry.id.substr(0, kShortIdLength) + "  " + LocalTimeText(entry) + "  " +
      (entry.flare ? "flare   " : "baseline") + "  " + SitesText(entry);
  if (entry.deleted) line += "  [deleted]";
  return line;
}

Status RunList(const Invocation& inv) {
  if (inv.args.positionals.size() != 1) {
    return UsageError("list takes no arguments besides options");
  }
  ListFilter filter;
  UNKNOT_RETURN_IF_ERROR(ReadDay(inv.args, "since", &filter.since_day));
  UNKNOT_RETURN_IF_ERROR(ReadDay(inv.args, "until", &filter.until_day));
  filter.include_deleted = inv.args.Has("deleted");
  std::unique_ptr<Journal> journal;
  UNKNOT_RETURN_IF_ERROR(OpenJournal(inv.args, inv.env, &journal));
  if (inv.args.Has("json")) {
    // The export's entry shape, stamps included.
    std::string json;
    UNKNOT_RETURN_IF_ERROR(journal->ListJson(filter, &json));
    inv.out << json << "\n";
    return Status::OK();
  }
  std::vector<JournalEntry> entries;
  UNKNOT_RETURN_IF_ERROR(journal->List(filter, &entries));
  for (const JournalEntry& entry : entries) inv.out << EntryLine(entry) << "\n";
  return Status::OK();
}

}  // namespace

void AddListCommand(std::vector<Command>* commands) {
  commands->push_back({"list",
                       "list entries",
                       kListUsage,
                       {{"since", '\0', true, false},
                        {"until", '\0', true, false},
                        {"deleted", '\0', false, false},
                        {"json", '\0', false, false}},
                       RunList});
}

}  // namespace unknot::cli
