// suggestions: what a therapist sent through a share (a comment on an
// entry, a recommended routine), as this journal has it after a sync, and
// the patient's answer. Local: the answer syncs like any change.
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "commands/commands.h"
#include "journal_access.h"
#include "unknot/journal.h"
#include "unknot/suggestions.h"
#include "unknot/time_util.h"

namespace unknot::cli {
namespace {

constexpr std::string_view kSuggestionsUsage =
    R"(usage: unknot [--db PATH] suggestions [--all] [--json]
       unknot [--db PATH] suggestions accept ID
       unknot [--db PATH] suggestions dismiss ID

What your therapist sent you through a share, once this journal has
synced: comments on your entries and routines they recommend. They never
change your own data. Without --all only those you have not answered.
--json: an array of {"id", "kind", "entry_id", "text", "routine_id",
"routine", "author", "share_id", "at", "status", "answered_at",
"accepted_routine_id"}, newest first.

accept   keeps a comment, or takes a routine: one your therapist wrote
         becomes one of your own routines (its id is printed).
dismiss  hides it. You can change your answer later.
)";

std::string Describe(const Suggestion& s, Journal* journal) {
  if (s.kind == SuggestionKind::kComment) {
    return "comment on entry " + s.entry_id.substr(0, 8) + ": " + s.text;
  }
  std::string title = s.routine ? s.routine->title : s.routine_id;
  Routine r;
  if (!s.routine && journal->GetRoutine(s.routine_id, &r).ok()) title = r.title;
  return "routine: " + title + (s.text.empty() ? "" : " — " + s.text);
}

Status RunList(const Invocation& inv, Journal* journal) {
  std::vector<Suggestion> all;
  UNKNOT_RETURN_IF_ERROR(journal->ListSuggestions(&all));
  std::vector<Suggestion> shown;
  for (Suggestion& s : all) {
    if (inv.args.Has("all") || s.status == SuggestionStatus::kPending)
      shown.push_back(std::move(s));
  }
  if (inv.args.Has("json")) {
    inv.out << SuggestionsToJson(shown) << "\n";
    return Status::OK();
  }
  if (shown.empty()) {
    inv.out << (inv.args.Has("all") ? "no suggestions\n"
                                    : "no suggestions waiting\n");
    return Status::OK();
  }
  for (const Suggestion& s : shown) {
    inv.out << s.id << "  " << FormatUtcMillis(s.at_ms).substr(0, 10) << "  "
            << SuggestionStatusName(s.status) << "  from " << s.author
            << "\n    " << Describe(s, journal) << "\n";
  }
  return Status::OK();
}

Status RunSuggestions(const Invocation& inv) {
  const auto& p = inv.args.positionals;
  const std::string sub = p.size() > 1 ? p[1] : "";
  std::unique_ptr<Journal> journal;
  if (sub.empty()) {
    UNKNOT_RETURN_IF_ERROR(OpenJournal(inv.args, inv.env, &journal));
    return RunList(inv, journal.get());
  }
  if (sub != "accept" && sub != "dismiss")
    return UsageError("suggestions takes accept ID or dismiss ID");
  if (p.size() != 3) return UsageError("suggestions " + sub + " takes one ID");
  UNKNOT_RETURN_IF_ERROR(OpenJournal(inv.args, inv.env, &journal));
  Suggestion answered;
  UNKNOT_RETURN_IF_ERROR(
      journal->AnswerSuggestion(p[2], sub == "accept", &answered));
  if (!answered.accepted_routine_id.empty() && sub == "accept") {
    inv.out << answered.accepted_routine_id << "\n";
  } else {
    inv.out << answered.id << " " << SuggestionStatusName(answered.status)
            << "\n";
  }
  return Status::OK();
}

}  // namespace

void AddSuggestionCommands(std::vector<Command>* commands) {
  commands->push_back(
      {"suggestions",
       "what your therapist suggested: accept or dismiss",
       kSuggestionsUsage,
       {{"all", '\0', false, false}, {"json", '\0', false, false}},
       &RunSuggestions});
}

}  // namespace unknot::cli
