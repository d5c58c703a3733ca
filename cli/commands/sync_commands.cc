// signup, login, logout, sync, status: the CLI as a sync client
// (docs/sync-protocol.md). The account (server URL, email, session token)
// and the cursors live in the journal itself; the sync round is the core's
// (unknot/sync_round.h) — this file only moves its requests over HTTP.
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "commands/commands.h"
#include "http_client.h"
#include "journal_access.h"
#include "server_call.h"
#include "unknot/journal.h"
#include "unknot/sync_round.h"
#include "unknot/time_util.h"

namespace unknot::cli {
namespace {

using nlohmann::json;

constexpr std::string_view kSignupUsage =
    R"(usage: unknot [--db PATH] signup --server URL --email E
                             [--role patient|therapist] [--json]

Creates an account on an unknot-server and signs this journal in to it. The
password (at least 8 characters) is read from stdin's first line when stdin
is not a terminal, else asked for without echo. Prints the one-time recovery
codes: keep them somewhere safe — there is no other way back into the
account if the password is lost. Then run 'unknot sync'.
--json prints {"user_id", "email", "role", "server", "recovery_codes"}.
)";

constexpr std::string_view kLoginUsage =
    R"(usage: unknot [--db PATH] login --server URL --email E
                            [--role patient|therapist] [--json]

Signs this journal in to an existing account (password as for signup). A
different server or account than before starts sync from scratch: this
journal's changes are pushed to it and its journal pulled.
--json prints {"user_id", "email", "role", "server"}.
)";

constexpr std::string_view kLogoutUsage =
    R"(usage: unknot [--db PATH] logout

Ends the session on the server (when reachable) and forgets it here. The
journal itself stays on this device.
)";

constexpr std::string_view kSyncUsage =
    R"(usage: unknot [--db PATH] sync [--json]

Sends this journal's new changes to the server and applies everyone else's
(your other devices'), then checks that both hold the same journal and
repairs any difference. Safe to interrupt and to repeat.
--json prints {"pushed": N, "pulled": N, "cursor": N, "applied": N,
"repaired": BOOL}.
)";

constexpr std::string_view kStatusUsage =
    R"(usage: unknot [--db PATH] status [--json]

This device's sync state: account, server, changes not yet sent, last sync.
--json prints {"device_id", "pending", "last_sync", "cursor", "server",
"email", "role", "signed_in"} (last_sync: ISO 8601 UTC, or null).
)";

Status RequireValue(const ParsedArgs& args, std::string_view name,
                    std::string* value) {
  std::optional<std::string> v = args.Value(name);
  if (!v || v->empty()) {
    return UsageError("--" + std::string(name) + " is required");
  }
  *value = *v;
  return Status::OK();
}

std::string StringField(const json& doc, const char* name) {
  auto it = doc.find(name);
  return it != doc.end() && it->is_string() ? it->get<std::string>() : "";
}

// signup and login: the same steps against different endpoints.
Status SignIn(const Invocation& inv, bool signup) {
  if (inv.args.positionals.size() != 1) {
    return UsageError("unexpected argument '" + inv.args.positionals[1] + "'");
  }
  std::string server, email, password;
  UNKNOT_RETURN_IF_ERROR(RequireValue(inv.args, "server", &server));
  UNKNOT_RETURN_IF_ERROR(RequireValue(inv.args, "email", &email));
  while (!server.empty() && server.back() == '/') server.pop_back();
  HttpUrl url;
  UNKNOT_RETURN_IF_ERROR(ParseHttpUrl(server, &url));
  std::string role = inv.args.Value("role").value_or("");
  if (!role.empty() && role != "patient" && role != "therapist") {
    return UsageError("--role is patient or therapist");
  }
  // Open the journal first: a bad --db should fail before the account is
  // created on the server.
  std::unique_ptr<Journal> journal;
  UNKNOT_RETURN_IF_ERROR(OpenJournal(inv.args, inv.env, &journal));
  UNKNOT_RETURN_IF_ERROR(ReadPassword(inv, &password));

  json request = {{"email", email}, {"password", password}};
  if (signup) request["role"] = role.empty() ? "patient" : role;
  HttpCall call;
  call.method = "POST";
  call.path = signup ? "/api/account/signup" : "/api/account/login";
  call.body = request.dump();
  json answer;
  UNKNOT_RETURN_IF_ERROR(Call(server, call, &answer));
  const std::string token = StringField(answer, "token");
  if (token.empty()) {
    return Status::IOError("invalid-response", "the server sent no session");
  }
  std::string account_role = StringField(answer, "role");
  if (account_role.empty()) account_role = role.empty() ? "patient" : role;
  if (!role.empty()) account_role = role;  // the app's default view
  const std::string account_email = StringField(answer, "email").empty()
                                        ? email
                                        : StringField(answer, "email");
  UNKNOT_RETURN_IF_ERROR(
      journal->SetSyncAccount(server, account_email, account_role, token));

  json codes = answer.contains("recovery_codes") ? answer["recovery_codes"]
                                                 : json::array();
  if (inv.args.Has("json")) {
    json out = {{"user_id", StringField(answer, "user_id")},
                {"email", account_email},
                {"role", account_role},
                {"server", server}};
    if (signup) out["recovery_codes"] = codes;
    inv.out << out.dump() << "\n";
    return Status::OK();
  }
  inv.out << (signup ? "account created; " : "") << "signed in as "
          << account_email << " at " << server << "\n";
  if (signup && codes.is_array()) {
    inv.out << "recovery codes (each works once; keep them safe, they are "
               "shown only now):\n";
    for (const json& code : codes) {
      if (code.is_string()) inv.out << "  " << code.get<std::string>() << "\n";
    }
  }
  inv.out << "run 'unknot sync' to sync this journal\n";
  return Status::OK();
}

Status RunSignup(const Invocation& inv) { return SignIn(inv, true); }
Status RunLogin(const Invocation& inv) { return SignIn(inv, false); }

Status RunLogout(const Invocation& inv) {
  if (inv.args.positionals.size() != 1) {
    return UsageError("unexpected argument '" + inv.args.positionals[1] + "'");
  }
  std::unique_ptr<Journal> journal;
  UNKNOT_RETURN_IF_ERROR(OpenExistingJournal(inv.args, inv.env, &journal));
  Journal::SyncState state;
  if (journal) {
    UNKNOT_RETURN_IF_ERROR(
        journal->GetSyncState(&state, /*count_pending=*/false));
  }
  if (!journal || state.token.empty()) {
    inv.out << "not signed in\n";
    return Status::OK();
  }
  HttpCall call;
  call.method = "POST";
  call.path = "/api/account/logout";
  call.bearer = state.token;
  call.timeout = std::chrono::milliseconds(10000);
  json answer;
  Status ended = Call(state.server, call, &answer);
  // Forget the session here whatever the server said: signing out must
  // work offline too.
  UNKNOT_RETURN_IF_ERROR(journal->ClearSyncToken());
  if (!ended.ok() && ended.code() != "unauthorized") {
    inv.err << "warning: the server was not told (" << ended.ToString()
            << "); the session ends when it expires\n";
  }
  inv.out << "signed out of " << state.server << "; the journal stays on "
          << "this device\n";
  return Status::OK();
}

Status RunSync(const Invocation& inv) {
  if (inv.args.positionals.size() != 1) {
    return UsageError("unexpected argument '" + inv.args.positionals[1] + "'");
  }
  std::unique_ptr<Journal> journal;
  Journal::SyncState state;
  UNKNOT_RETURN_IF_ERROR(OpenSignedIn(inv, &journal, &state));
  SyncRound::Options options;
  options.env = inv.env;
  SyncRound round(journal.get(), options);
  SyncHttpRequest request;
  while (round.NextRequest(&request)) {
    HttpCall call;
    call.method = request.method;
    call.path = request.path;
    call.body = request.body;
    call.bearer = request.token;
    HttpAnswer answer;
    UNKNOT_RETURN_IF_ERROR(PerformHttp(state.server, call, &answer));
    Status s = round.HandleResponse(answer.status, answer.body);
    if (s.code() == "unauthorized") {
      return Status::Invalid("unauthorized",
                             s.message() + " (run 'unknot login' again)");
    }
    UNKNOT_RETURN_IF_ERROR(s);
  }
  // NextRequest's false also means the journal failed preparing a request.
  UNKNOT_RETURN_IF_ERROR(round.status());
  const SyncReport& report = round.report();
  if (inv.args.Has("json")) {
    inv.out << json{{"pushed", report.pushed},
                    {"pulled", report.pulled},
                    {"cursor", report.cursor},
                    {"applied", report.applied},
                    {"repaired", report.repaired}}
                   .dump()
            << "\n";
    return Status::OK();
  }
  inv.out << "synced with " << state.server << ": sent " << report.pushed
          << ", received " << report.pulled << " (" << report.applied
          << " new here)";
  if (report.repaired) inv.out << "; a difference was found and repaired";
  if (report.device_renewed) {
    inv.out << "; this copy of the journal got a new device id";
  }
  inv.out << "\n";
  return Status::OK();
}

Status RunStatus(const Invocation& inv) {
  if (inv.args.positionals.size() != 1) {
    return UsageError("unexpected argument '" + inv.args.positionals[1] + "'");
  }
  std::unique_ptr<Journal> journal;
  UNKNOT_RETURN_IF_ERROR(OpenJournal(inv.args, inv.env, &journal));
  Journal::SyncState state;
  UNKNOT_RETURN_IF_ERROR(
      journal->GetSyncState(&state, /*count_pending=*/false));
  int64_t records = 0;
  UNKNOT_RETURN_IF_ERROR(journal->CountPending(&state.pending, &records));
  const std::string last_sync =
      state.last_sync_ms > 0 ? FormatIsoTime(state.last_sync_ms, 0) : "";
  if (inv.args.Has("json")) {
    json out = {{"device_id", journal->device_id()},
                {"pending", state.pending},
                {"pending_records", records},
                {"last_sync", last_sync.empty() ? json() : json(last_sync)},
                {"cursor", state.pull_cursor},
                {"server", state.server.empty() ? json() : json(state.server)},
                {"email", state.email.empty() ? json() : json(state.email)},
                {"role", state.role.empty() ? json() : json(state.role)},
                {"signed_in", !state.token.empty()}};
    inv.out << out.dump() << "\n";
    return Status::OK();
  }
  inv.out << "device:    " << journal->device_id() << "\n";
  if (state.server.empty()) {
    inv.out << "account:   not signed in (unknot signup / unknot login)\n";
  } else {
    inv.out << "account:   " << state.email << " at " << state.server
            << (state.token.empty() ? " (signed out)" : "") << "\n";
  }
  inv.out << "pending:   " << state.pending << " change"
          << (state.pending == 1 ? "" : "s") << " not yet sent";
  if (records > 0) {
    inv.out << " (" << records
            << (records == 1 ? " entry or other record)"
                             : " entries or other records)");
  }
  inv.out << "\n";
  inv.out << "last sync: " << (last_sync.empty() ? "never" : last_sync) << "\n";
  return Status::OK();
}

const std::vector<OptionSpec> kSignInOptions = {{"server", '\0', true, false},
                                                {"email", '\0', true, false},
                                                {"role", '\0', true, false},
                                                {"json", '\0', false, false}};

}  // namespace

void AddSyncCommands(std::vector<Command>* commands) {
  commands->push_back({"signup", "create a sync account and sign in",
                       kSignupUsage, kSignInOptions, &RunSignup});
  commands->push_back({"login", "sign this journal in to a sync account",
                       kLoginUsage, kSignInOptions, &RunLogin});
  commands->push_back(
      {"logout", "sign out (the journal stays)", kLogoutUsage, {}, &RunLogout});
  commands->push_back({"sync",
                       "send and receive changes",
                       kSyncUsage,
                       {{"json", '\0', false, false}},
                       &RunSync});
  commands->push_back({"status",
                       "this device's sync state",
                       kStatusUsage,
                       {{"json", '\0', false, false}},
                       &RunStatus});
}

}  // namespace unknot::cli
