#include "server_call.h"

#include <termios.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <iostream>

#include "journal_access.h"
#include "unknot/sync_round.h"

namespace unknot::cli {

Status OpenSignedIn(const Invocation& inv, std::unique_ptr<Journal>* journal,
                    Journal::SyncState* state) {
  UNKNOT_RETURN_IF_ERROR(OpenJournal(inv.args, inv.env, journal));
  // The session only: counting pending changes reads every changed row.
  UNKNOT_RETURN_IF_ERROR(
      (*journal)->GetSyncState(state, /*count_pending=*/false));
  if (state->token.empty()) {
    return Status::Invalid("not-signed-in",
                           "this journal is not signed in: run 'unknot "
                           "signup' or 'unknot login' first");
  }
  return Status::OK();
}

using nlohmann::json;

Status ReadPassword(const Invocation& inv, std::string* password) {
  password->clear();
  if (!isatty(STDIN_FILENO)) {
    if (!std::getline(std::cin, *password)) {
      return Status::Invalid("missing-password",
                             "no password on stdin (give it as its first "
                             "line)");
    }
    if (!password->empty() && password->back() == '\r') password->pop_back();
    return Status::OK();
  }
  std::cerr << "password: " << std::flush;
  termios saved{};
  const bool have_tty = tcgetattr(STDIN_FILENO, &saved) == 0;
  if (have_tty) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  const bool got = static_cast<bool>(std::getline(std::cin, *password));
  if (have_tty) tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  std::cerr << "\n";
  if (!got) return Status::Invalid("missing-password", "no password given");
  (void)inv;
  return Status::OK();
}

Status Call(const std::string& server, const HttpCall& call, json* answer) {
  HttpAnswer raw;
  UNKNOT_RETURN_IF_ERROR(PerformHttp(server, call, &raw));
  if (raw.status < 200 || raw.status >= 300) {
    return SyncErrorFromResponse(raw.status, raw.body);
  }
  *answer = json::parse(raw.body, nullptr, false);
  if (answer->is_discarded() || !(answer->is_object() || answer->is_array())) {
    return Status::IOError("invalid-response",
                           "the server's answer is not JSON");
  }
  return Status::OK();
}

Status CallSignedIn(const Journal::SyncState& state, const std::string& method,
                    const std::string& path, const json& body, json* answer) {
  HttpCall call;
  call.method = method;
  call.path = path;
  if (!body.is_null()) call.body = body.dump();
  call.bearer = state.token;
  return Call(state.server, call, answer);
}

std::string QueryEscape(const std::string& value) {
  std::string out;
  for (char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '_' || c == '.' || c == '~' ||
        c == '@') {
      out += c;
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", u);
      out += buf;
    }
  }
  return out;
}

std::string JoinScopes(const json& list) {
  std::string out;
  for (const json& s : list) {
    if (s.is_string()) out += (out.empty() ? "" : ",") + s.get<std::string>();
  }
  return out;
}

std::string DescribePeriod(const json& period) {
  if (period.contains("since"))
    return "since " + period["since"].get<std::string>();
  if (period.contains("last_days"))
    return "last " + std::to_string(period["last_days"].get<int>()) + " days";
  return "all time";
}

std::string TextOr(const json& v) {
  return v.is_string() ? v.get<std::string>() : "-";
}

}  // namespace unknot::cli
