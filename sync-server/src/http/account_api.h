// /api/account/* handlers (docs/sync-protocol.md, "Authentication"). Pure:
// request and context in, response out. Signup, Login and Recover hash a
// password: the session runs them on the hash lane (api_routes.h).
#ifndef UNKNOT_SERVER_HTTP_ACCOUNT_API_H_
#define UNKNOT_SERVER_HTTP_ACCOUNT_API_H_

#include "http/message.h"
#include "http/server_context.h"

namespace unknot::server {

Response AccountSignup(const Request& req, const ServerContext& ctx);
Response AccountLogin(const Request& req, const ServerContext& ctx);
Response AccountRecover(const Request& req, const ServerContext& ctx);
Response AccountLogout(const Request& req, const ServerContext& ctx);
Response AccountGet(const Request& req, const ServerContext& ctx);

}  // namespace unknot::server

#endif  // UNKNOT_SERVER_HTTP_ACCOUNT_API_H_
