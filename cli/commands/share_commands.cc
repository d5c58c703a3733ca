// share, account: sharing the synced journal with a therapist and the
// account's own data (docs/sharing.md). Thin: the server decides every
// rule, and the preview is the core's SharedViewJson on this journal. The
// therapist's side, `shared`, is shared_commands.cc.
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "commands/commands.h"
#include "file_io.h"
#include "http_client.h"
#include "journal_access.h"
#include "server_call.h"
#include "unknot/journal.h"
#include "unknot/share.h"
#include "unknot/time_util.h"

namespace unknot::cli {
namespace {

using nlohmann::json;

constexpr std::string_view kShareUsage =
    R"(usage: unknot [--db PATH] share create --scope LIST [--since DATE | --last Nd]
                            --expires DATE [--json]
       unknot [--db PATH] share preview --scope LIST [--since DATE | --last Nd]
       unknot [--db PATH] share list [--json]
       unknot [--db PATH] share revoke ID
       unknot [--db PATH] share log ID [--json]

Shares your synced journal, read-only, with a therapist (or anyone with an
account on your server). LIST is any of entries, notes, routines,
adherence, triage, insights, comma-separated; without 'notes' no free-text
note is shared. The period is from DATE (a local date, inclusive) or the
rolling last N days, applied to each entry's own date; without one, all of
it. The share ends after the local date --expires (inclusive).

create  prints the invitation code on line 1 and the link on line 2; give
        either to your therapist, who redeems it once ('unknot shared
        redeem'). --json: {"id", "code", "link", "expires_at"}.
preview prints, as JSON, exactly what the therapist would see of this
        journal (as synced).
list    your shares: who holds each, when it was last viewed. --json:
        [{"id", "scopes", "period", "expires_at", "redeemed_by",
        "last_viewed_at", "revoked_at"}].
revoke  ends share ID at once: every later request of the therapist is
        refused. It cannot undo what they already saw.
log     who did what with share ID, when (views, redemption, comments,
        refusals), newest first. --json: [{"at", "actor", "action",
        "detail"}].
)";

constexpr std::string_view kAccountUsage =
    R"(usage: unknot [--db PATH] account export [-o FILE]
       unknot [--db PATH] account delete

export  everything the server holds for your account — account, shares,
        shares you received, the access log (who saw what, when) and your
        synced journal — as JSON, to FILE or stdout.
delete  deletes the account on the server with its journal, shares, grants
        and sessions, after asking for the password (stdin's first line
        when stdin is not a terminal). This device's journal stays.
)";

Status ExpectArgs(const Invocation& inv, size_t n, const char* what) {
  if (inv.args.positionals.size() != n) return UsageError(what);
  return Status::OK();
}

// --scope and --since/--last.
Status ParseShareOptions(const Invocation& inv, ShareScopes* scopes,
                         SharePeriod* period) {
  const auto scope = inv.args.Value("scope");
  if (!scope) return UsageError("--scope is required");
  UNKNOT_RETURN_IF_ERROR(ParseShareScopes(*scope, scopes));
  const auto since = inv.args.Value("since");
  const auto last = inv.args.Value("last");
  if (since && last) return UsageError("give --since or --last, not both");
  if (since) {
    int64_t day = 0;
    UNKNOT_RETURN_IF_ERROR(ParseLocalDate(*since, &day));
    period->since_day = day;
  } else if (last) {
    int days = 0;
    UNKNOT_RETURN_IF_ERROR(ParseLastDays(*last, &days));
    period->last_days = days;
  }
  return Status::OK();
}

Status RunShareCreate(const Invocation& inv) {
  UNKNOT_RETURN_IF_ERROR(ExpectArgs(inv, 2, "share create takes no argument"));
  ShareScopes scopes;
  SharePeriod period;
  UNKNOT_RETURN_IF_ERROR(ParseShareOptions(inv, &scopes, &period));
  const auto expires = inv.args.Value("expires");
  if (!expires) return UsageError("--expires DATE is required");
  int64_t day = 0;
  UNKNOT_RETURN_IF_ERROR(ParseLocalDate(*expires, &day));
  // Inclusive: the share ends at the local midnight after that date.
  const int64_t guess = (day + 1) * 86400000;
  const int offset = inv.env->UtcOffsetMinutes(guess);
  const int64_t end_ms = guess - int64_t{offset} * 60000;
  std::unique_ptr<Journal> journal;
  Journal::SyncState state;
  UNKNOT_RETURN_IF_ERROR(OpenSignedIn(inv, &journal, &state));
  json names = ShareScopeNames(scopes);
  json answer;
  UNKNOT_RETURN_IF_ERROR(
      CallSignedIn(state, "POST", "/api/shares",
                   {{"scopes", names},
                    {"period", json::parse(SharePeriodToJson(period))},
                    {"expires_at", FormatIsoTime(end_ms, offset)}},
                   &answer));
  const std::string code = TextOr(answer.value("code", json()));
  const std::string link = state.server + "/#redeem=" + code;
  if (inv.args.Has("json")) {
    inv.out << json{{"id", answer.value("id", json())},
                    {"code", code},
                    {"link", link},
                    {"expires_at", answer.value("expires_at", json())}}
                   .dump()
            << "\n";
  } else {
    inv.out << code << "\n" << link << "\n";
  }
  return Status::OK();
}

Status RunSharePreview(const Invocation& inv) {
  UNKNOT_RETURN_IF_ERROR(ExpectArgs(inv, 2, "share preview takes no argument"));
  ShareScopes scopes;
  SharePeriod period;
  UNKNOT_RETURN_IF_ERROR(ParseShareOptions(inv, &scopes, &period));
  std::unique_ptr<Journal> journal;
  UNKNOT_RETURN_IF_ERROR(OpenJournal(inv.args, inv.env, &journal));
  const int64_t now = inv.env->NowMillis();
  std::string view;
  UNKNOT_RETURN_IF_ERROR(SharedViewJson(journal.get(), scopes, period, now,
                                        inv.env->UtcOffsetMinutes(now), &view));
  inv.out << json::parse(view).dump(2) << "\n";
  return Status::OK();
}

Status RunShareList(const Invocation& inv) {
  UNKNOT_RETURN_IF_ERROR(ExpectArgs(inv, 2, "share list takes no argument"));
  std::unique_ptr<Journal> journal;
  Journal::SyncState state;
  UNKNOT_RETURN_IF_ERROR(OpenSignedIn(inv, &journal, &state));
  json answer;
  UNKNOT_RETURN_IF_ERROR(
      CallSignedIn(state, "GET", "/api/shares", json(), &answer));
  json out = json::array();
  for (const json& s : answer.value("shares", json::array())) {
    out.push_back({{"id", s.value("id", json())},
                   {"scopes", s.value("scopes", json::array())},
                   {"period", s.value("period", json::object())},
                   {"expires_at", s.value("expires_at", json())},
                   {"redeemed_by", s.value("redeemed_by", json())},
                   {"last_viewed_at", s.value("last_viewed_at", json())},
                   {"revoked_at", s.value("revoked_at", json())}});
  }
  if (inv.args.Has("json")) {
    inv.out << out.dump() << "\n";
    return Status::OK();
  }
  if (out.empty()) inv.out << "no shares\n";
  for (const json& s : out) {
    inv.out << TextOr(s["id"]) << "  " << JoinScopes(s["scopes"]) << "  "
            << DescribePeriod(s["period"]) << "  until "
            << TextOr(s["expires_at"]) << "\n    held by "
            << TextOr(s["redeemed_by"]) << ", last viewed "
            << TextOr(s["last_viewed_at"])
            << (s["revoked_at"].is_null()
                    ? ""
                    : ", revoked " + TextOr(s["revoked_at"]))
            << "\n";
  }
  return Status::OK();
}

Status RunShareRevoke(const Invocation& inv) {
  UNKNOT_RETURN_IF_ERROR(ExpectArgs(inv, 3, "share revoke takes one ID"));
  std::unique_ptr<Journal> journal;
  Journal::SyncState state;
  UNKNOT_RETURN_IF_ERROR(OpenSignedIn(inv, &journal, &state));
  json answer;
  UNKNOT_RETURN_IF_ERROR(CallSignedIn(state, "POST", "/api/shares/revoke",
                                      {{"id", inv.args.positionals[2]}},
                                      &answer));
  inv.out << "share " << inv.args.positionals[2]
          << " revoked; what was already seen cannot be unseen\n";
  return Status::OK();
}

Status RunShareLog(const Invocation& inv) {
  UNKNOT_RETURN_IF_ERROR(ExpectArgs(inv, 3, "share log takes one ID"));
  std::unique_ptr<Journal> journal;
  Journal::SyncState state;
  UNKNOT_RETURN_IF_ERROR(OpenSignedIn(inv, &journal, &state));
  json answer;
  UNKNOT_RETURN_IF_ERROR(
      CallSignedIn(state, "GET",
                   "/api/shares/log?id=" + QueryEscape(inv.args.positionals[2]),
                   json(), &answer));
  json out = json::array();
  for (const json& line : answer.value("log", json::array())) {
    out.push_back({{"at", line.value("at", json())},
                   {"actor", line.value("actor", json())},
                   {"action", line.value("action", json())},
                   {"detail", line.value("detail", json())}});
  }
  if (inv.args.Has("json")) {
    inv.out << out.dump() << "\n";
    return Status::OK();
  }
  for (const json& line : out) {
    inv.out << TextOr(line["at"]) << "  " << TextOr(line["actor"]) << "  "
            << TextOr(line["action"])
            << (TextOr(line["detail"]) == "-" || line["detail"] == ""
                    ? ""
                    : "  " + TextOr(line["detail"]))
            << "\n";
  }
  return Status::OK();
}

Status RunShare(const Invocation& inv) {
  const auto& p = inv.args.positionals;
  const std::string sub = p.size() > 1 ? p[1] : "";
  if (sub == "create") return RunShareCreate(inv);
  if (sub == "preview") return RunSharePreview(inv);
  if (sub == "list") return RunShareList(inv);
  if (sub == "revoke") return RunShareRevoke(inv);
  if (sub == "log") return RunShareLog(inv);
  return UsageError(
      "share needs a subcommand: create, preview, list, revoke ID or log ID");
}

Status RunAccountExport(const Invocation& inv) {
  UNKNOT_RETURN_IF_ERROR(
      ExpectArgs(inv, 2, "account export takes no argument"));
  std::unique_ptr<Journal> journal;
  Journal::SyncState state;
  UNKNOT_RETURN_IF_ERROR(OpenSignedIn(inv, &journal, &state));
  json answer;
  UNKNOT_RETURN_IF_ERROR(
      CallSignedIn(state, "GET", "/api/account/export", json(), &answer));
  const std::string text = answer.dump(2) + "\n";
  if (auto file = inv.args.Value("output")) {
    UNKNOT_RETURN_IF_ERROR(WriteFileAtomically(*file, text));
    inv.err << "wrote " << *file << "\n";
  } else {
    inv.out << text;
  }
  return Status::OK();
}

Status RunAccountDelete(const Invocation& inv) {
  UNKNOT_RETURN_IF_ERROR(
      ExpectArgs(inv, 2, "account delete takes no argument"));
  std::unique_ptr<Journal> journal;
  Journal::SyncState state;
  UNKNOT_RETURN_IF_ERROR(OpenSignedIn(inv, &journal, &state));
  std::string password;
  UNKNOT_RETURN_IF_ERROR(ReadPassword(inv, &password));
  json answer;
  UNKNOT_RETURN_IF_ERROR(CallSignedIn(state, "POST", "/api/account/delete",
                                      {{"password", password}}, &answer));
  UNKNOT_RETURN_IF_ERROR(journal->ClearSyncToken());
  inv.out << "account " << state.email << " deleted from " << state.server
          << " (its journal, shares and access log); this device's journal "
             "stays\n";
  return Status::OK();
}

Status RunAccount(const Invocation& inv) {
  const auto& p = inv.args.positionals;
  const std::string sub = p.size() > 1 ? p[1] : "";
  if (sub == "export") return RunAccountExport(inv);
  if (sub == "delete") return RunAccountDelete(inv);
  return UsageError("account needs a subcommand: export [-o FILE] or delete");
}

}  // namespace

void AddShareCommands(std::vector<Command>* commands) {
  commands->push_back({"share",
                       "share your journal with a therapist",
                       kShareUsage,
                       {{"scope", '\0', true, false},
                        {"since", '\0', true, false},
                        {"last", '\0', true, false},
                        {"expires", '\0', true, false},
                        {"json", '\0', false, false}},
                       &RunShare});
  commands->push_back({"account",
                       "export or delete your server account",
                       kAccountUsage,
                       {{"output", 'o', true, false}},
                       &RunAccount});
}

}  // namespace unknot::cli
