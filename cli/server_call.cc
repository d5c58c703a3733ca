#include "server_call.h"

#include <termios.h>
#include <unistd.h>

#include <iostream>

#include "journal_access.h"
#include "unknot/sync_round.h"

namespace unknot::cli {

Status OpenSignedIn(const Invocation& inv, std::unique_ptr<Journal>* journal,
                    Journal::SyncState* state) {
  UNKNOT_RETURN_IF_ERROR(OpenJournal(inv.args, inv.env, journal));
  UNKNOT_RETURN_IF_ERROR((*journal)->GetSyncState(state));
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

}  // namespace unknot::cli
