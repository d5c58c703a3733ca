// What the CLI's account, sync and sharing commands share: the password
// prompt and a JSON call to the signed-in server.
#ifndef UNKNOT_CLI_SERVER_CALL_H_
#define UNKNOT_CLI_SERVER_CALL_H_

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "commands/commands.h"
#include "http_client.h"
#include "unknot/journal.h"
#include "unknot/status.h"

namespace unknot::cli {

// The password: stdin's first line when stdin is not a terminal (scripts),
// else a prompt on stderr with echo off. Error code: "missing-password".
Status ReadPassword(const Invocation& inv, std::string* password);

// Opens the journal and reads its sync account; "not-signed-in" when it has
// no session token (sync and every sharing command need one).
Status OpenSignedIn(const Invocation& inv, std::unique_ptr<Journal>* journal,
                    Journal::SyncState* state);

// Sends a JSON request to `server`; a refusal comes back as the server's
// Status (its code), a non-JSON answer as "invalid-response".
Status Call(const std::string& server, const HttpCall& call,
            nlohmann::json* answer);

// Call() to the signed-in account's server with its session: `body` is
// sent unless null.
Status CallSignedIn(const Journal::SyncState& state, const std::string& method,
                    const std::string& path, const nlohmann::json& body,
                    nlohmann::json* answer);

// `value` escaped for a URL's query string.
std::string QueryEscape(const std::string& value);

// How the sharing commands print a share: "entries,routines", "since
// 2026-11-01" / "last 90 days" / "all time", a string or "-".
std::string JoinScopes(const nlohmann::json& list);
std::string DescribePeriod(const nlohmann::json& period);
std::string TextOr(const nlohmann::json& value);

}  // namespace unknot::cli

#endif  // UNKNOT_CLI_SERVER_CALL_H_
