// Helpers shared by the /api handlers: JSON bodies with limits, bearer
// authentication, and one mapping from a Status code to an HTTP answer.
#ifndef UNKNOT_SERVER_HTTP_API_UTIL_H_
#define UNKNOT_SERVER_HTTP_API_UTIL_H_

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "accounts/accounts.h"
#include "http/message.h"
#include "http/server_context.h"
#include "unknot/status.h"

namespace unknot::server {

// Small JSON bodies (account requests): at most `max_bytes` and
// kMaxJsonDepth levels, an object. Returns the refusal (413
// payload-too-large, 400 invalid-json, 400 invalid-request), or nullopt with
// *out set.
std::optional<Response> ParseJsonObject(std::string_view body, size_t max_bytes,
                                        nlohmann::json* out);

// True if `json` nests arrays/objects deeper than `max_depth` (strings are
// skipped). Cheap, so it runs before the parser.
bool JsonNestsDeeperThan(std::string_view json, int max_depth);

// Reads string field `name` of `body` into *out. Returns the refusal (400
// invalid-request) when it is absent (unless `optional`) or not a string.
std::optional<Response> StringField(const nlohmann::json& body,
                                    const char* name, std::string* out,
                                    bool optional = false);

// Reads "Authorization: Bearer <token>" and authenticates it. Returns the
// refusal (401 unauthorized, with WWW-Authenticate; 503 without accounts),
// or nullopt with *who set.
std::optional<Response> RequireSession(const Request& req,
                                       const ServerContext& ctx,
                                       Principal* who);

// The HTTP answer for a failed Status: its code with the status the error
// table in docs/sync-protocol.md gives (500 for storage failures).
Response ErrorResponse(const Status& status);

// 200 (or `status`) with a JSON body and Cache-Control: no-store.
Response JsonResponse(const nlohmann::json& body, int status = 200);
Response JsonTextResponse(std::string body, int status = 200);

// The value of query parameter `name` in `target` (not decoded), or
// nullopt.
std::optional<std::string> QueryParam(std::string_view target,
                                      std::string_view name);

}  // namespace unknot::server

#endif  // UNKNOT_SERVER_HTTP_API_UTIL_H_
