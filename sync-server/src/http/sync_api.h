// /api/sync/* handlers (docs/sync-protocol.md, "Sync"): authenticate,
// authorise (MayAccessJournal), decode with the core's codec, call
// SyncService, encode with the core's codec. Pure functions of the request.
#ifndef UNKNOT_SERVER_HTTP_SYNC_API_H_
#define UNKNOT_SERVER_HTTP_SYNC_API_H_

#include "http/message.h"
#include "http/server_context.h"

namespace unknot::server {

Response SyncPush(const Request& req, const ServerContext& ctx);
Response SyncPull(const Request& req, const ServerContext& ctx);
Response SyncFingerprint(const Request& req, const ServerContext& ctx);
Response SyncCells(const Request& req, const ServerContext& ctx);

}  // namespace unknot::server

#endif  // UNKNOT_SERVER_HTTP_SYNC_API_H_
