// routines and routine: the routine library (built in and your own), one
// routine's steps and safety notes, your own routines, and the red-flag
// gate before starting one (docs/routines.md).
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "commands/commands.h"
#include "journal_access.h"
#include "routine_options.h"
#include "table.h"
#include "unknot/journal.h"
#include "unknot/routines.h"
#include "unknot/time_util.h"

namespace unknot::cli {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kRoutinesUsage =
    R"(usage: unknot [--db PATH] routines [--json]

Lists the routine library (stable ids) and, when the journal exists, your
own routines. Columns: ID, KIND, TITLE, TARGETS (body sites; "-" for
whole-body routines). --json prints an array of routine objects:
{"id", "title", "kind", "targets", "areas", "steps": [{"text", "seconds",
"max_seconds", "seconds_65_plus", "reps", "max_reps", "rest_seconds",
"per_side"}], "safety", "source", "custom"}.
)";

constexpr std::string_view kRoutineUsage =
    R"(usage: unknot [--db PATH] routine show ID [--json]
       unknot [--db PATH] routine add --title TEXT --kind KIND [--target SITE]...
                                      --step SPEC...
       unknot [--db PATH] routine edit ID [--title TEXT] [--kind KIND]
                                      [--target SITE]... [--clear-targets]
                                      [--step SPEC]...
       unknot [--db PATH] routine delete ID
       unknot [--db PATH] routine check ID [--site SITE] [--json]

show: a routine's steps with doses, safety notes and source.
add/edit/delete: your own routines (built-in ones are read-only). KIND is
stretch, foam_rolling, heat, self_massage, posture_check or mind_body; SITE a
body site id (unknot vocab sites). A step SPEC is TEXT, SECONDS:TEXT or
SECONDSxREPS:TEXT ("30x3:Tilt your head to the side"). `add` prints the new
id; in `edit` a repeated option replaces the whole list.
check: whether the red-flag check must run before starting the routine now
(before the very first routine, and while a red flag pauses its area).
)";

Json ParseOwn(const std::string& text) {
  return Json::parse(text, nullptr, false);
}

std::string TargetsText(const Routine& r) {
  if (r.targets.empty()) return "-";
  std::string text;
  for (const std::string& t : r.targets) text += (text.empty() ? "" : ",") + t;
  return text;
}

// "30 s (60 s if 65+), 3-5 reps, each side" for a step.
std::string DoseText(const RoutineStep& s) {
  std::string text;
  auto duration = [](int seconds) {
    return seconds >= 120 && seconds % 60 == 0
               ? std::to_string(seconds / 60) + " min"
               : std::to_string(seconds) + " s";
  };
  if (s.seconds > 0) {
    text = duration(s.seconds);
    if (s.max_seconds > 0) text += " to " + duration(s.max_seconds);
    if (s.seconds_65_plus > s.seconds) {
      text += " (" + duration(s.seconds_65_plus) + " if 65+)";
    }
  }
  if (s.reps > 1 || s.max_reps > 0) {
    std::string reps = std::to_string(s.reps);
    if (s.max_reps > 0) reps += "-" + std::to_string(s.max_reps);
    text += (text.empty() ? "" : ", ") + reps + " reps";
  }
  if (s.per_side) text += (text.empty() ? "" : ", ") + std::string("each side");
  return text;
}

Status RunRoutines(const Invocation& inv) {
  if (inv.args.positionals.size() != 1) {
    return UsageError("routines takes no arguments besides --json");
  }
  std::unique_ptr<Journal> journal;
  UNKNOT_RETURN_IF_ERROR(OpenExistingJournal(inv.args, inv.env, &journal));
  std::vector<Routine> routines = RoutineLibrary();
  if (journal) UNKNOT_RETURN_IF_ERROR(journal->ListRoutines(&routines));
  if (inv.args.Has("json")) {
    Json all = Json::array();
    for (const Routine& r : routines) all.push_back(ParseOwn(RoutineToJson(r)));
    inv.out << all.dump(2) << "\n";
    return Status::OK();
  }
  std::vector<TableRow> table = {{"ID", "KIND", "TITLE", "TARGETS"}};
  for (const Routine& r : routines) {
    table.push_back({r.id, std::string(RoutineKindName(r.kind)),
                     r.title + (r.custom ? " (yours)" : ""), TargetsText(r)});
  }
  PrintTable(inv.out, table);
  return Status::OK();
}

Status NeedId(const Invocation& inv, const char* what) {
  if (inv.args.positionals.size() != 3) {
    return UsageError(std::string("routine ") + what + " needs one ID");
  }
  return Status::OK();
}

Status RunShow(const Invocation& inv) {
  UNKNOT_RETURN_IF_ERROR(NeedId(inv, "show"));
  const std::string& id = inv.args.positionals[2];
  std::unique_ptr<Journal> journal;
  UNKNOT_RETURN_IF_ERROR(OpenExistingJournal(inv.args, inv.env, &journal));
  Routine r;
  if (journal) {
    UNKNOT_RETURN_IF_ERROR(journal->GetRoutine(id, &r));
  } else if (const Routine* built_in = FindLibraryRoutine(id)) {
    r = *built_in;
  } else {
    return Status::NotFound("routine-not-found", "no routine with id " + id);
  }
  if (inv.args.Has("json")) {
    inv.out << ParseOwn(RoutineToJson(r)).dump(2) << "\n";
    return Status::OK();
  }
  inv.out << r.title << " (" << r.id << ")" << (r.deleted ? " [deleted]" : "")
          << "\nkind: " << RoutineKindName(r.kind)
          << "\ntargets: " << TargetsText(r) << "\nsteps:\n";
  for (size_t i = 0; i < r.steps.size(); ++i) {
    std::string dose = DoseText(r.steps[i]);
    inv.out << "  " << (i + 1) << ". " << r.steps[i].text
            << (dose.empty() ? "" : " [" + dose + "]") << "\n";
  }
  inv.out << "safety:\n";
  for (const std::string& note : r.safety) inv.out << "  - " << note << "\n";
  if (!r.source.empty()) inv.out << "source: " << r.source << "\n";
  return Status::OK();
}

// Fills the fields whose options were given; *changed says whether any was.
Status RoutineFromArgs(const ParsedArgs& args, Routine* r, bool* changed) {
  *changed = false;
  if (std::optional<std::string> title = args.Value("title")) {
    r->title = *title;
    *changed = true;
  }
  if (std::optional<std::string> kind = args.Value("kind")) {
    if (!ParseRoutineKind(*kind, &r->kind)) {
      return UsageError(
          "--kind is stretch, foam_rolling, heat, self_massage, "
          "posture_check or mind_body");
    }
    *changed = true;
  }
  if (args.Has("clear-targets") && args.Has("target")) {
    return UsageError("--clear-targets with --target");
  }
  if (args.Has("target") || args.Has("clear-targets")) {
    r->targets = args.Values("target");
    *changed = true;
  }
  if (args.Has("step")) {
    r->steps.clear();
    for (const std::string& spec : args.Values("step")) {
      RoutineStep step;
      UNKNOT_RETURN_IF_ERROR(ParseStepSpec(spec, &step));
      r->steps.push_back(std::move(step));
    }
    *changed = true;
  }
  return Status::OK();
}

Status RunAdd(const Invocation& inv) {
  if (inv.args.positionals.size() != 2) {
    return UsageError("routine add takes options only");
  }
  if (!inv.args.Has("title") || !inv.args.Has("step")) {
    return UsageError("routine add needs --title and at least one --step");
  }
  Routine r;
  bool changed;
  UNKNOT_RETURN_IF_ERROR(RoutineFromArgs(inv.args, &r, &changed));
  UNKNOT_RETURN_IF_ERROR(ValidateRoutine(r));
  std::unique_ptr<Journal> journal;
  UNKNOT_RETURN_IF_ERROR(OpenJournal(inv.args, inv.env, &journal));
  std::string id;
  UNKNOT_RETURN_IF_ERROR(journal->SaveRoutine(r, &id));
  inv.out << id << "\n";
  return Status::OK();
}

Status RunEdit(const Invocation& inv) {
  UNKNOT_RETURN_IF_ERROR(NeedId(inv, "edit"));
  std::unique_ptr<Journal> journal;
  UNKNOT_RETURN_IF_ERROR(OpenJournal(inv.args, inv.env, &journal));
  Routine r;
  UNKNOT_RETURN_IF_ERROR(journal->GetRoutine(inv.args.positionals[2], &r));
  bool changed;
  UNKNOT_RETURN_IF_ERROR(RoutineFromArgs(inv.args, &r, &changed));
  if (!changed) return UsageError("routine edit needs an option to change");
  std::string id;
  return journal->SaveRoutine(r, &id);
}

Status RunDelete(const Invocation& inv) {
  UNKNOT_RETURN_IF_ERROR(NeedId(inv, "delete"));
  std::unique_ptr<Journal> journal;
  UNKNOT_RETURN_IF_ERROR(OpenJournal(inv.args, inv.env, &journal));
  return journal->DeleteRoutine(inv.args.positionals[2]);
}

Status RunCheck(const Invocation& inv) {
  UNKNOT_RETURN_IF_ERROR(NeedId(inv, "check"));
  std::unique_ptr<Journal> journal;
  UNKNOT_RETURN_IF_ERROR(OpenJournal(inv.args, inv.env, &journal));
  RoutineGate gate;
  UNKNOT_RETURN_IF_ERROR(journal->CheckRoutineGate(
      inv.args.positionals[2], inv.args.Value("site"), &gate));
  if (inv.args.Has("json")) {
    inv.out << RoutineGateToJson(gate) << "\n";
    return Status::OK();
  }
  if (gate.reason == "first_check") {
    inv.out << "check first: run the red-flag check (unknot triage) before "
               "your first routine\n";
  } else if (gate.reason == "paused") {
    std::string rules;
    for (const std::string& id : gate.paused_by) {
      rules += (rules.empty() ? "" : ", ") + id;
    }
    inv.out << "paused by a red flag (" << rules
            << "): get seen, then run the check again (unknot triage)\n";
  } else {
    inv.out << "ok: you can start\n";
  }
  if (gate.recheck_due) {
    inv.out << "your last red-flag check was more than a week ago: run it "
               "again (unknot triage)\n";
  }
  return Status::OK();
}

Status RunRoutine(const Invocation& inv) {
  const auto& positionals = inv.args.positionals;
  std::string sub = positionals.size() > 1 ? positionals[1] : "";
  if (sub == "show") return RunShow(inv);
  if (sub == "add") return RunAdd(inv);
  if (sub == "edit") return RunEdit(inv);
  if (sub == "delete") return RunDelete(inv);
  if (sub == "check") return RunCheck(inv);
  return UsageError(
      "routine needs a subcommand: show, add, edit, delete, check");
}

}  // namespace

void AddRoutineCommands(std::vector<Command>* commands) {
  commands->push_back({"routines",
                       "list the routine library and your own routines",
                       kRoutinesUsage,
                       {{"json", '\0', false, false}},
                       RunRoutines});
  commands->push_back({"routine",
                       "show, add, edit, delete or check a routine",
                       kRoutineUsage,
                       {{"json", '\0', false, false},
                        {"title", '\0', true, false},
                        {"kind", '\0', true, false},
                        {"target", '\0', true, true},
                        {"clear-targets", '\0', false, false},
                        {"step", '\0', true, true},
                        {"site", '\0', true, false}},
                       RunRoutine});
}

}  // namespace unknot::cli
