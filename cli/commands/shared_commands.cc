// shared: the therapist's side of sharing (docs/sharing.md) — redeem an
// invitation, list and show what patients share, comment on an entry,
// recommend a routine, set the visit "since last visit" counts from. Thin:
// the server decides every rule; the core validates a recommended routine
// there too.
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "commands/commands.h"
#include "file_io.h"
#include "journal_access.h"
#include "server_call.h"
#include "unknot/journal.h"
#include "unknot/routines.h"
#include "unknot/time_util.h"

namespace unknot::cli {
namespace {

using nlohmann::json;

constexpr std::string_view kSharedUsage =
    R"(usage: unknot [--db PATH] shared redeem CODE
       unknot [--db PATH] shared list [--json]
       unknot [--db PATH] shared show EMAIL [--json]
       unknot [--db PATH] shared comment EMAIL ENTRY_ID --text TEXT
       unknot [--db PATH] shared recommend EMAIL --routine ID [--text TEXT]
       unknot [--db PATH] shared recommend EMAIL --routine-file FILE.json
                                  [--text TEXT]
       unknot [--db PATH] shared visit EMAIL DATE | --clear

What patients share with you (any account can receive a share).
redeem     takes an invitation code (once; dashes and case do not matter).
list       the patients sharing with you. --json: [{"patient", "share_id",
           "scopes", "period", "expires_at"}].
show       a patient's shared journal, read-only and live, with "since last
           visit" and what you suggested. --json: the shared sections only,
           {"patient": EMAIL, "entries": [...], ...}.
comment    a comment on one of the patient's shared entries (its id, as
           'show --json' lists it; at most 2,000 bytes).
recommend  a routine: a library id ('unknot routines'), one of your own
           routines in this journal, or one in a file (a routine object as
           'unknot routine show ID --json' prints it). --text adds a note.
           Comments and routines reach the patient's app as suggestions to
           accept or dismiss; they never change the patient's own data.
visit      "since last visit" counts from the start of local DATE
           (default: your previous visit, the last view before a pause of
           two hours or more); --clear goes back to that default.
)";

Status ExpectArgs(const Invocation& inv, size_t n, const char* what) {
  if (inv.args.positionals.size() != n) return UsageError(what);
  return Status::OK();
}

// The newest share `email` has given this account, as /api/shared lists.
// "not-found" when there is none (the server's answer for it).
Status FindShareOf(const Journal::SyncState& state, const std::string& email,
                   std::string* share_id) {
  json answer;
  UNKNOT_RETURN_IF_ERROR(
      CallSignedIn(state, "GET", "/api/shared", json(), &answer));
  for (const json& s : answer.value("shared", json::array())) {
    if (s.value("patient", "") == email &&
        s.value("share_id", json()).is_string()) {
      *share_id = s["share_id"].get<std::string>();
      return Status::OK();
    }
  }
  return Status::NotFound("not-found", "no live share from " + email +
                                           " (see 'unknot "
                                           "shared list')");
}

Status RunSharedRedeem(const Invocation& inv) {
  UNKNOT_RETURN_IF_ERROR(ExpectArgs(inv, 3, "shared redeem takes one CODE"));
  std::unique_ptr<Journal> journal;
  Journal::SyncState state;
  UNKNOT_RETURN_IF_ERROR(OpenSignedIn(inv, &journal, &state));
  json answer;
  UNKNOT_RETURN_IF_ERROR(CallSignedIn(state, "POST", "/api/shared/redeem",
                                      {{"code", inv.args.positionals[2]}},
                                      &answer));
  inv.out << TextOr(answer.value("patient", json())) << " shares "
          << JoinScopes(answer.value("scopes", json::array())) << " ("
          << DescribePeriod(answer.value("period", json::object()))
          << ") until " << TextOr(answer.value("expires_at", json())) << "\n";
  return Status::OK();
}

Status RunSharedList(const Invocation& inv) {
  UNKNOT_RETURN_IF_ERROR(ExpectArgs(inv, 2, "shared list takes no argument"));
  std::unique_ptr<Journal> journal;
  Journal::SyncState state;
  UNKNOT_RETURN_IF_ERROR(OpenSignedIn(inv, &journal, &state));
  json answer;
  UNKNOT_RETURN_IF_ERROR(
      CallSignedIn(state, "GET", "/api/shared", json(), &answer));
  const json list = answer.value("shared", json::array());
  if (inv.args.Has("json")) {
    inv.out << list.dump() << "\n";
    return Status::OK();
  }
  if (list.empty()) inv.out << "nobody shares with you\n";
  for (const json& s : list) {
    inv.out << TextOr(s.value("patient", json())) << "  "
            << JoinScopes(s.value("scopes", json::array())) << "  "
            << DescribePeriod(s.value("period", json::object())) << "  until "
            << TextOr(s.value("expires_at", json())) << "\n";
  }
  return Status::OK();
}

void PrintSinceLastVisit(const json& since, std::ostream& out) {
  out << "since last visit ("
      << (since.value("since", json()).is_string()
              ? since["since"].get<std::string>()
              : std::string("first view: the whole period"))
      << "):";
  if (since.contains("entries")) {
    const json& e = since["entries"];
    out << " " << e.value("count", 0) << " entries, " << e.value("flares", 0)
        << " flares, highest " << e.value("highest", json()).dump()
        << ", average peak " << e.value("average_peak", json()).dump()
        << " (before: " << e.value("average_peak_before", json()).dump() << ")";
  }
  if (since.contains("sessions")) {
    out << "; " << since["sessions"].value("count", 0) << " sessions";
  }
  if (since.contains("checks")) {
    out << "; " << since["checks"].size() << " checks";
  }
  out << "\n";
}

Status RunSharedShow(const Invocation& inv) {
  UNKNOT_RETURN_IF_ERROR(ExpectArgs(inv, 3, "shared show takes one EMAIL"));
  std::unique_ptr<Journal> journal;
  Journal::SyncState state;
  UNKNOT_RETURN_IF_ERROR(OpenSignedIn(inv, &journal, &state));
  json view;
  UNKNOT_RETURN_IF_ERROR(CallSignedIn(
      state, "GET",
      "/api/shared/view?patient=" + QueryEscape(inv.args.positionals[2]),
      json(), &view));
  // The shared sections only (the header is how the server built them).
  for (const char* key :
       {"share_id", "scopes", "period", "from", "today", "generated_at"}) {
    view.erase(key);
  }
  if (inv.args.Has("json")) {
    inv.out << view.dump() << "\n";
    return Status::OK();
  }
  inv.out << "shared by " << TextOr(view.value("patient", json())) << "\n";
  if (view.contains("since_last_visit"))
    PrintSinceLastVisit(view["since_last_visit"], inv.out);
  for (const auto& [key, value] : view.items()) {
    if (key == "patient" || key == "since_last_visit") continue;
    if (value.is_array()) {
      inv.out << key << ": " << value.size() << "\n";
    } else {
      inv.out << key << ": " << value.dump() << "\n";
    }
  }
  for (const json& e : view.value("entries", json::array())) {
    inv.out << "  " << TextOr(e.value("id", json())).substr(0, 8) << "  "
            << TextOr(e.value("at", json())) << "  "
            << (e.value("flare", false) ? "flare" : "baseline");
    for (const json& s : e.value("sites", json::array())) {
      inv.out << "  " << TextOr(s.value("site", json())) << " "
              << s.value("intensity", 0);
    }
    if (e.contains("note")) inv.out << "  \"" << TextOr(e["note"]) << "\"";
    inv.out << "\n";
  }
  return Status::OK();
}

// Sends a suggestion through the newest share of the patient EMAIL.
Status Suggest(const Invocation& inv, json body) {
  std::unique_ptr<Journal> journal;
  Journal::SyncState state;
  UNKNOT_RETURN_IF_ERROR(OpenSignedIn(inv, &journal, &state));
  std::string share_id;
  UNKNOT_RETURN_IF_ERROR(
      FindShareOf(state, inv.args.positionals[2], &share_id));
  body["share_id"] = share_id;
  json answer;
  UNKNOT_RETURN_IF_ERROR(
      CallSignedIn(state, "POST", "/api/shared/suggest", body, &answer));
  inv.out << TextOr(answer.value("id", json())) << "\n";
  return Status::OK();
}

Status RunSharedComment(const Invocation& inv) {
  UNKNOT_RETURN_IF_ERROR(
      ExpectArgs(inv, 4, "shared comment takes EMAIL and ENTRY_ID"));
  const auto text = inv.args.Value("text");
  if (!text) return UsageError("--text is required");
  return Suggest(inv, {{"entry_id", inv.args.positionals[3]}, {"text", *text}});
}

// --routine ID: a library routine by id, else one of this journal's own
// (sent whole: the patient's journal does not have it); or --routine-file.
Status RoutineRequest(const Invocation& inv, json* body) {
  const auto id = inv.args.Value("routine");
  const auto file = inv.args.Value("routine-file");
  if (id.has_value() == file.has_value())
    return UsageError("give --routine ID or --routine-file FILE");
  if (file) {
    std::string text;
    UNKNOT_RETURN_IF_ERROR(ReadWholeFile(*file, &text));
    json routine = json::parse(text, nullptr, false);
    if (!routine.is_object()) {
      return Status::Invalid("invalid-json",
                             *file + " does not hold a routine object");
    }
    (*body)["routine"] = routine;
    return Status::OK();
  }
  if (FindLibraryRoutine(*id) != nullptr) {
    (*body)["routine_id"] = *id;
    return Status::OK();
  }
  std::unique_ptr<Journal> journal;
  UNKNOT_RETURN_IF_ERROR(OpenJournal(inv.args, inv.env, &journal));
  Routine own;
  UNKNOT_RETURN_IF_ERROR(journal->GetRoutine(*id, &own));
  (*body)["routine"] = json::parse(RoutineToJson(own));
  return Status::OK();
}

Status RunSharedRecommend(const Invocation& inv) {
  UNKNOT_RETURN_IF_ERROR(ExpectArgs(inv, 3, "shared recommend takes EMAIL"));
  json body = json::object();
  UNKNOT_RETURN_IF_ERROR(RoutineRequest(inv, &body));
  if (auto text = inv.args.Value("text")) body["text"] = *text;
  return Suggest(inv, std::move(body));
}

Status RunSharedVisit(const Invocation& inv) {
  const bool clear = inv.args.Has("clear");
  UNKNOT_RETURN_IF_ERROR(ExpectArgs(
      inv, clear ? 3 : 4, "shared visit takes EMAIL and DATE (or --clear)"));
  json visit_at;
  if (!clear) {
    int64_t day = 0;
    UNKNOT_RETURN_IF_ERROR(ParseLocalDate(inv.args.positionals[3], &day));
    // The local midnight that starts DATE.
    const int64_t guess = day * 86400000;
    const int offset = inv.env->UtcOffsetMinutes(guess);
    visit_at = FormatIsoTime(guess - int64_t{offset} * 60000, offset);
  }
  std::unique_ptr<Journal> journal;
  Journal::SyncState state;
  UNKNOT_RETURN_IF_ERROR(OpenSignedIn(inv, &journal, &state));
  std::string share_id;
  UNKNOT_RETURN_IF_ERROR(
      FindShareOf(state, inv.args.positionals[2], &share_id));
  json answer;
  UNKNOT_RETURN_IF_ERROR(
      CallSignedIn(state, "POST", "/api/shared/visit",
                   {{"share_id", share_id}, {"visit_at", visit_at}}, &answer));
  inv.out << (clear
                  ? "since last visit: from your previous visit\n"
                  : "since last visit: from " + inv.args.positionals[3] + "\n");
  return Status::OK();
}

Status RunShared(const Invocation& inv) {
  const auto& p = inv.args.positionals;
  const std::string sub = p.size() > 1 ? p[1] : "";
  if (sub == "redeem") return RunSharedRedeem(inv);
  if (sub == "list") return RunSharedList(inv);
  if (sub == "show") return RunSharedShow(inv);
  if (sub == "comment") return RunSharedComment(inv);
  if (sub == "recommend") return RunSharedRecommend(inv);
  if (sub == "visit") return RunSharedVisit(inv);
  return UsageError(
      "shared needs a subcommand: redeem CODE, list, show EMAIL, comment, "
      "recommend or visit");
}

}  // namespace

void AddSharedCommands(std::vector<Command>* commands) {
  commands->push_back({"shared",
                       "journals shared with you",
                       kSharedUsage,
                       {{"json", '\0', false, false},
                        {"text", '\0', true, false},
                        {"routine", '\0', true, false},
                        {"routine-file", '\0', true, false},
                        {"clear", '\0', false, false}},
                       &RunShared});
}

}  // namespace unknot::cli
