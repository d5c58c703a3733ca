// The JSON API under /api/. Routes are rows in a table (api_routes.cc): a
// method, an exact path and a handler taking the request and the context.
// Sync and sharing add their rows there; handlers return JSON bodies and
// errors via JsonError with stable kebab-case codes.
//
// WebSocket seam: a request for which WantsWebSocket() is true is an upgrade
// to the sync "poke" channel. The session (net/http_session.cc) is the only
// place that may accept it, since it owns the socket; until a WebSocket
// session exists, such requests are routed like any other and get 404.
#ifndef UNKNOT_SERVER_HTTP_API_ROUTES_H_
#define UNKNOT_SERVER_HTTP_API_ROUTES_H_

#include <string_view>

#include "http/message.h"
#include "http/server_context.h"

namespace unknot::server {

constexpr std::string_view kApiPrefix = "/api";
constexpr std::string_view kWebSocketPath = "/api/ws";

// True for "/api" and "/api/…" (query ignored).
bool IsApiPath(std::string_view path);

// True if `req` asks to upgrade kWebSocketPath to a WebSocket
// (GET, "Upgrade: websocket", "Connection" listing "upgrade").
bool WantsWebSocket(const Request& req);

// Answers an /api request: the matching route's response, 405
// method-not-allowed (with Allow) for a known path, else 404 not-found.
Response RouteApi(const Request& req, const ServerContext& ctx);

}  // namespace unknot::server

#endif  // UNKNOT_SERVER_HTTP_API_ROUTES_H_
