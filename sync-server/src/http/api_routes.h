// The JSON API under /api/. Routes are rows in a table (api_routes.cc): a
// method, an exact path and a handler taking the request and the context.
// Sync and sharing add their rows there; handlers return JSON bodies and
// errors via JsonError with stable kebab-case codes.
//
// Lanes: each route says where the session runs it. Handlers are plain
// synchronous functions; the session (net/session_impl.h) posts kWorker and
// kHash routes to thread pools and resumes on its strand with the response,
// so a login's argon2id hash or a push's fsync never stalls the io threads
// (static files, other connections).
//
// WebSocket seam: a request for which WantsWebSocket() is true is an upgrade
// to the sync "poke" channel. The session (net/http_session.cc) is the only
// place that may accept it, since it owns the socket; it hands the socket to
// a WebSocket session (net/ws_session.h). Routed like any other request
// (e.g. by router tests), /api/ws answers 404.
#ifndef UNKNOT_SERVER_HTTP_API_ROUTES_H_
#define UNKNOT_SERVER_HTTP_API_ROUTES_H_

#include <string_view>

#include "http/message.h"
#include "http/server_context.h"

namespace unknot::server {

constexpr std::string_view kApiPrefix = "/api";
constexpr std::string_view kWebSocketPath = "/api/ws";

enum class ApiLane {
  kInline,  // cheap: run on the io thread (static files, errors)
  kWorker,  // journal work, may wait for fsync: the api pool
  kHash,    // hashes a password: the hash pool (kHashThreads)
};

// The lane of the route `req` matches (kInline for non-API paths and
// unknown routes).
ApiLane LaneOf(const Request& req);

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
