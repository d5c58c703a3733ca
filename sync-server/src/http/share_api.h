// /api/shares, /api/shared and /api/account/{export,delete} handlers
// (docs/sharing.md). Pure: request and context in, response out; the rules
// live in sharing/shares.h. Account deletion checks the password: the
// session runs it on the hash lane (api_routes.h).
#ifndef UNKNOT_SERVER_HTTP_SHARE_API_H_
#define UNKNOT_SERVER_HTTP_SHARE_API_H_

#include "http/message.h"
#include "http/server_context.h"

namespace unknot::server {

// The patient's side.
Response ShareCreate(const Request& req, const ServerContext& ctx);
// What a share would show ({"scopes", "period"?}): the synced journal's view.
Response SharePreview(const Request& req, const ServerContext& ctx);
Response ShareList(const Request& req, const ServerContext& ctx);
Response ShareRevoke(const Request& req, const ServerContext& ctx);
// One share's lines of the access log, newest first (?id=ID).
Response ShareLog(const Request& req, const ServerContext& ctx);
// The therapist's side.
Response SharedRedeem(const Request& req, const ServerContext& ctx);
Response SharedList(const Request& req, const ServerContext& ctx);
Response SharedView(const Request& req, const ServerContext& ctx);
// A comment or a recommended routine through a share ({"share_id", ...}).
Response SharedSuggest(const Request& req, const ServerContext& ctx);
// The visit "since last visit" counts from ({"share_id", "visit_at"}).
Response SharedVisit(const Request& req, const ServerContext& ctx);
// Everything the server holds for the user; and deleting it all.
Response AccountExport(const Request& req, const ServerContext& ctx);
Response AccountDelete(const Request& req, const ServerContext& ctx);

}  // namespace unknot::server

#endif  // UNKNOT_SERVER_HTTP_SHARE_API_H_
