// /api/push/* handlers (docs/push.md): the server's VAPID public key, and a
// browser subscribing to reminders or ending them. Pure: request and
// context in, response out.
#ifndef UNKNOT_SERVER_HTTP_PUSH_API_H_
#define UNKNOT_SERVER_HTTP_PUSH_API_H_

#include "http/message.h"
#include "http/server_context.h"

namespace unknot::server {

Response PushKey(const Request& req, const ServerContext& ctx);
Response PushSubscribe(const Request& req, const ServerContext& ctx);
Response PushUnsubscribe(const Request& req, const ServerContext& ctx);

}  // namespace unknot::server

#endif  // UNKNOT_SERVER_HTTP_PUSH_API_H_
