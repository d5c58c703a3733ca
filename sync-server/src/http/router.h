// The router: a pure function from a request to a response. No sockets, no
// Beast — tests call Route() directly. The session calls it once per request
// and adds only transport headers (Content-Length, Connection, Server).
//
//   /healthz          -> 200 {"status":"ok","version":"…"}
//   /api, /api/…      -> RouteApi (JSON; 404 not-found for unknown paths)
//   everything else   -> ServeStatic (the web app, with SPA fallback)
#ifndef UNKNOT_SERVER_HTTP_ROUTER_H_
#define UNKNOT_SERVER_HTTP_ROUTER_H_

#include "http/message.h"
#include "http/server_context.h"

namespace unknot::server {

// Thread-safe if `ctx` is not modified concurrently (the gzip cache locks).
Response Route(const Request& req, const ServerContext& ctx);

}  // namespace unknot::server

#endif  // UNKNOT_SERVER_HTTP_ROUTER_H_
