// triage: the red-flag check of the core (unknot/triage.h) from an answers
// file and/or flags, with the journal-derived rules read from the journal
// when it exists.
#include <cstdlib>
#include <memory>
#include <string>

#include "commands/commands.h"
#include "file_io.h"
#include "journal_access.h"
#include "unknot/journal.h"
#include "unknot/time_util.h"
#include "unknot/triage.h"

namespace unknot::cli {
namespace {

constexpr std::string_view kTriageUsage =
    R"(usage: unknot [--db PATH] triage [--answers FILE.json] [--yes ID]...
                           [--no ID]... [--value ID=N]... [--age N]
                           [--dry-run] [--json]

Runs the red-flag check (docs/triage.md). Answers come from FILE.json
({"age": 58, "answers": {"chest_pain": true, "chest_pain_hours_ago": 2}}),
then from the flags, which win: --yes/--no for yes/no questions, --value for
numbers (chest_pain_hours_ago=2, phq9_total=12), --age for the age. Anything
not answered is unknown. The journal-derived rules (no_improvement,
worsening, age_onset) read the journal when it exists. The result is stored
in the journal (created if needed) unless --dry-run.

Prints the level, each fired rule with its message, what it pauses and its
source, the questions not checked, and the disclaimers. --json prints
{"level", "rules": [{"id", "level", "message", "pauses", "source"}],
"unanswered", "ruleset_version"}. Exit status 0 whenever the check ran.
)";

// RED_FLAGS.md, disclaimers 1 and 2.
constexpr std::string_view kDisclaimers =
    "Unknot helps you track pain and follow self-care. It does not diagnose "
    "or replace a health professional.\n"
    "Chest pain, trouble breathing, sudden weakness or numbness, loss of "
    "bladder or bowel control, or anything that feels like an emergency: "
    "call your emergency number now.\n";

Status ParseNumber(std::string_view id, const std::string& text,
                   double* value) {
  char* end = nullptr;
  *value = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size()) {
    return Status::Invalid(
        "invalid-answer",
        "'" + std::string(id) + "' needs a number, not '" + text + "'");
  }
  return Status::OK();
}

Status ReadAnswers(const ParsedArgs& args, TriageAnswers* answers) {
  if (std::optional<std::string> path = args.Value("answers")) {
    std::string text;
    UNKNOT_RETURN_IF_ERROR(ReadWholeFile(*path, &text));
    UNKNOT_RETURN_IF_ERROR(ParseTriageAnswers(text, answers));
  }
  for (const std::string& id : args.Values("yes")) {
    UNKNOT_RETURN_IF_ERROR(answers->SetYesNo(id, true));
  }
  for (const std::string& id : args.Values("no")) {
    UNKNOT_RETURN_IF_ERROR(answers->SetYesNo(id, false));
  }
  for (const std::string& pair : args.Values("value")) {
    size_t eq = pair.find('=');
    if (eq == std::string::npos) {
      return UsageError("--value takes ID=N, e.g. chest_pain_hours_ago=2");
    }
    std::string id = pair.substr(0, eq);
    double number;
    UNKNOT_RETURN_IF_ERROR(ParseNumber(id, pair.substr(eq + 1), &number));
    UNKNOT_RETURN_IF_ERROR(answers->SetNumber(id, number));
  }
  if (std::optional<std::string> age = args.Value("age")) {
    double number;
    UNKNOT_RETURN_IF_ERROR(ParseNumber("age", *age, &number));
    UNKNOT_RETURN_IF_ERROR(answers->SetNumber("age", number));
  }
  return Status::OK();
}

void PrintHuman(const TriageResult& result, std::ostream& out) {
  out << "level: " << TriageLevelName(result.level) << "\n";
  if (result.rules.empty()) out << "no red flag found\n";
  for (const FiredRule& rule : result.rules) {
    out << "- [" << TriageLevelName(rule.level) << "] " << rule.message
        << " (pauses: " << TriagePauseName(rule.pauses)
        << "; source: " << rule.source << ")\n";
  }
  if (!result.unanswered.empty()) {
    out << "not fully checked:";
    for (size_t i = 0; i < result.unanswered.size(); ++i) {
      out << (i == 0 ? " " : ", ") << result.unanswered[i];
    }
    out << "\n";
  }
  out << kDisclaimers;
}

// The journal when it exists; without --dry-run it is created, since the
// result is stored in it. Failing to open it never stops the check: a red
// flag must be shown even when the journal cannot be read.
std::unique_ptr<Journal> JournalFor(const Invocation& inv, bool store) {
  std::unique_ptr<Journal> journal;
  Status s = store ? OpenJournal(inv.args, inv.env, &journal)
                   : OpenExistingJournal(inv.args, inv.env, &journal);
  if (!s.ok()) {
    inv.err << "warning: the journal was not read: " << s.ToString() << "\n";
    journal.reset();
  }
  return journal;
}

Status RunTriage(const Invocation& inv) {
  if (inv.args.positionals.size() != 1) {
    return UsageError("triage takes no arguments besides options");
  }
  TriageAnswers answers;
  UNKNOT_RETURN_IF_ERROR(ReadAnswers(inv.args, &answers));
  bool store = !inv.args.Has("dry-run");
  std::unique_ptr<Journal> journal = JournalFor(inv, store);
  TriageFacts facts;
  bool have_facts = false;
  if (journal) {
    int64_t now = inv.env->NowMillis();
    int64_t today = LocalDay(now, inv.env->UtcOffsetMinutes(now));
    Status s = ComputeTriageFacts(journal.get(), today, &facts);
    have_facts = s.ok();
    if (!s.ok()) {
      inv.err << "warning: the journal was not read: " << s.ToString() << "\n";
    }
  }
  TriageResult result = EvaluateTriage(answers, have_facts ? &facts : nullptr);
  if (inv.args.Has("json")) {
    inv.out << TriageResultToJson(result) << "\n";
  } else {
    PrintHuman(result, inv.out);
  }
  // Stored after printing, so a storage failure never hides the result.
  if (store && journal) {
    std::string id;
    Status s = journal->RecordTriage(result, &id);
    if (!s.ok()) {
      inv.err << "warning: the result was not stored: " << s.ToString() << "\n";
    }
  }
  return Status::OK();
}

}  // namespace

void AddTriageCommand(std::vector<Command>* commands) {
  commands->push_back({"triage",
                       "run the red-flag check",
                       kTriageUsage,
                       {{"answers", '\0', true, false},
                        {"yes", '\0', true, true},
                        {"no", '\0', true, true},
                        {"value", '\0', true, true},
                        {"age", '\0', true, false},
                        {"dry-run", '\0', false, false},
                        {"json", '\0', false, false}},
                       RunTriage});
}

}  // namespace unknot::cli
