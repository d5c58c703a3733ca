// vocab and trigger: the vocabulary the journal speaks, and the user's own
// triggers that extend it.
#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "commands/commands.h"
#include "journal_access.h"
#include "table.h"
#include "unknot/journal.h"
#include "unknot/vocabulary.h"

namespace unknot::cli {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kCustomGroup = "custom";
constexpr std::string_view kKinds[] = {"sites", "qualities", "triggers",
                                       "helped"};

constexpr std::string_view kVocabUsage =
    R"(usage: unknot [--db PATH] vocab [sites|qualities|triggers|helped] [--json]

Prints the ids the journal accepts (all four lists without an argument).
`triggers` includes your own triggers when the journal exists. --json prints
one array of {"kind", "id", "label", "area", "parent", "view", "group"};
"area"/"parent"/"view" are null except for sites ("parent" is null for an
area), "group" is null for sites and qualities.
)";

constexpr std::string_view kTriggerUsage =
    R"(usage: unknot [--db PATH] trigger add LABEL
       unknot [--db PATH] trigger list [--json]

Your own triggers, usable with --trigger like built-in ones. `add` prints the
new trigger's id (the existing id when the label is already there).
)";

// One row of `vocab`: the JSON object and the human table row agree.
struct VocabRow {
  std::string_view kind;  // "site", "quality", "trigger", "helped"
  std::string id, label;
  std::optional<std::string> area, parent, view, group;
};

Json Nullable(const std::optional<std::string>& value) {
  return value ? Json(*value) : Json(nullptr);
}

Json RowToJson(const VocabRow& row) {
  return Json{{"kind", row.kind},
              {"id", row.id},
              {"label", row.label},
              {"area", Nullable(row.area)},
              {"parent", Nullable(row.parent)},
              {"view", Nullable(row.view)},
              {"group", Nullable(row.group)}};
}

std::optional<std::string> NonEmpty(std::string_view text) {
  if (text.empty()) return std::nullopt;
  return std::string(text);
}

void AddSiteRows(std::vector<VocabRow>* rows) {
  for (const BodySite& site : Vocabulary::Get().sites()) {
    rows->push_back({"site", std::string(site.id), std::string(site.label),
                     std::string(site.area), NonEmpty(site.parent),
                     std::string(BodyViewName(site.view)), std::nullopt});
  }
}

void AddTermRows(std::string_view kind,
                 const std::vector<VocabularyTerm>& terms,
                 std::vector<VocabRow>* rows) {
  for (const VocabularyTerm& term : terms) {
    rows->push_back({kind, std::string(term.id), std::string(term.label),
                     std::nullopt, std::nullopt, std::nullopt,
                     NonEmpty(term.group)});
  }
}

// The user's triggers, read only if the journal already exists.
Status AddCustomTriggerRows(const Invocation& inv,
                            std::vector<VocabRow>* rows) {
  std::unique_ptr<Journal> journal;
  UNKNOT_RETURN_IF_ERROR(OpenExistingJournal(inv.args, inv.env, &journal));
  if (!journal) return Status::OK();
  std::vector<CustomTrigger> triggers;
  UNKNOT_RETURN_IF_ERROR(journal->ListCustomTriggers(&triggers));
  for (const CustomTrigger& trigger : triggers) {
    rows->push_back({"trigger", trigger.id, trigger.label, std::nullopt,
                     std::nullopt, std::nullopt, std::string(kCustomGroup)});
  }
  return Status::OK();
}

Status CollectRows(const Invocation& inv, std::string_view kind,
                   std::vector<VocabRow>* rows) {
  const Vocabulary& vocabulary = Vocabulary::Get();
  if (kind == "sites") AddSiteRows(rows);
  if (kind == "qualities") AddTermRows("quality", vocabulary.qualities(), rows);
  if (kind == "triggers") {
    AddTermRows("trigger", vocabulary.triggers(), rows);
    return AddCustomTriggerRows(inv, rows);
  }
  if (kind == "helped") AddTermRows("helped", vocabulary.helped(), rows);
  return Status::OK();
}

// Sites as on the body map: each area, then its muscles indented.
std::vector<TableRow> SiteTable(const std::vector<VocabRow>& rows) {
  std::vector<TableRow> table = {{"ID", "LABEL", "AREA", "VIEW"}};
  for (const VocabRow& area : rows) {
    if (area.parent) continue;
    table.push_back({area.id, area.label, area.id, area.view.value_or("")});
    for (const VocabRow& muscle : rows) {
      if (muscle.parent != area.id) continue;
      table.push_back(
          {"  " + muscle.id, muscle.label, area.id, muscle.view.value_or("")});
    }
  }
  return table;
}

std::vector<TableRow> TermTable(const std::vector<VocabRow>& rows) {
  std::vector<TableRow> table = {{"ID", "LABEL", "GROUP"}};
  for (const VocabRow& row : rows) {
    table.push_back({row.id, row.label, row.group.value_or("")});
  }
  return table;
}

Status RunVocab(const Invocation& inv) {
  const auto& positionals = inv.args.positionals;
  if (positionals.size() > 2) return UsageError("vocab takes at most one kind");
  std::vector<std::string_view> kinds(std::begin(kKinds), std::end(kKinds));
  if (positionals.size() == 2) {
    if (std::find(kinds.begin(), kinds.end(), positionals[1]) == kinds.end()) {
      return UsageError("vocab kinds: sites, qualities, triggers, helped");
    }
    kinds = {positionals[1]};
  }
  Json json = Json::array();
  for (std::string_view kind : kinds) {
    std::vector<VocabRow> rows;
    UNKNOT_RETURN_IF_ERROR(CollectRows(inv, kind, &rows));
    for (const VocabRow& row : rows) json.push_back(RowToJson(row));
    if (inv.args.Has("json")) continue;
    if (kinds.size() > 1) {
      inv.out << (kind == kinds.front() ? "" : "\n") << kind << ":\n";
    }
    PrintTable(inv.out, kind == "sites" ? SiteTable(rows) : TermTable(rows));
  }
  if (inv.args.Has("json")) inv.out << json.dump(2) << "\n";
  return Status::OK();
}

Status RunTriggerAdd(const Invocation& inv) {
  if (inv.args.positionals.size() != 3) {
    return UsageError(
        "trigger add needs one LABEL (quote it if it has spaces)");
  }
  std::unique_ptr<Journal> journal;
  UNKNOT_RETURN_IF_ERROR(OpenJournal(inv.args, inv.env, &journal));
  std::string id;
  UNKNOT_RETURN_IF_ERROR(
      journal->AddCustomTrigger(inv.args.positionals[2], &id));
  inv.out << id << "\n";
  return Status::OK();
}

Status RunTriggerList(const Invocation& inv) {
  if (inv.args.positionals.size() != 2) {
    return UsageError("trigger list takes no arguments besides --json");
  }
  std::unique_ptr<Journal> journal;
  UNKNOT_RETURN_IF_ERROR(OpenExistingJournal(inv.args, inv.env, &journal));
  std::vector<CustomTrigger> triggers;
  if (journal) UNKNOT_RETURN_IF_ERROR(journal->ListCustomTriggers(&triggers));
  if (inv.args.Has("json")) {
    Json json = Json::array();
    for (const CustomTrigger& t : triggers) {
      json.push_back({{"id", t.id}, {"label", t.label}});
    }
    inv.out << json.dump(2) << "\n";
    return Status::OK();
  }
  std::vector<TableRow> table = {{"ID", "LABEL"}};
  for (const CustomTrigger& t : triggers) table.push_back({t.id, t.label});
  PrintTable(inv.out, table);
  return Status::OK();
}

Status RunTrigger(const Invocation& inv) {
  const auto& positionals = inv.args.positionals;
  // A std::string: the ternary makes a temporary that a view would outlive.
  std::string sub = positionals.size() > 1 ? positionals[1] : "";
  if (sub == "add") return RunTriggerAdd(inv);
  if (sub == "list") return RunTriggerList(inv);
  return UsageError("trigger needs a subcommand: add LABEL, or list");
}

}  // namespace

void AddVocabCommands(std::vector<Command>* commands) {
  commands->push_back({"vocab",
                       "show body sites, qualities, triggers, what helped",
                       kVocabUsage,
                       {{"json", '\0', false, false}},
                       RunVocab});
  commands->push_back({"trigger",
                       "add or list your own triggers",
                       kTriggerUsage,
                       {{"json", '\0', false, false}},
                       RunTrigger});
}

}  // namespace unknot::cli
