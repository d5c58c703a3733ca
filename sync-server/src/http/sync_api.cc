#include "http/sync_api.h"

#include <string>

#include "accounts/accounts.h"
#include "http/api_util.h"
#include "sync/sync_service.h"
#include "unknot/sync.h"

namespace unknot::server {
namespace {

using nlohmann::json;

// Authenticates and authorises `access` to the caller's own journal (the
// only one a sync endpoint names today; sharing reads another user's
// journal through the same check). Sets *user_id to the journal's owner.
std::optional<Response> Authorize(const Request& req, const ServerContext& ctx,
                                  Access access, std::string* user_id) {
  if (ctx.sync == nullptr) {
    return JsonError(503, "service-unavailable", "Sync is not enabled.");
  }
  Principal who;
  if (auto refused = RequireSession(req, ctx, &who)) return refused;
  if (!MayAccessJournal(who, who.user_id, access)) {
    return JsonError(404, "not-found", "No such journal.");
  }
  *user_id = who.user_id;
  return std::nullopt;
}

// A non-negative decimal integer that fits int64.
bool ParseCursor(const std::string& text, int64_t* out) {
  if (text.empty() || text.size() > 18) return false;
  int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

}  // namespace

Response SyncPush(const Request& req, const ServerContext& ctx) {
  std::string user_id;
  if (auto r = Authorize(req, ctx, Access::kWrite, &user_id)) return *r;
  PushRequest push;
  Status s = DecodePushRequest(req.body, &push);
  if (!s.ok()) return ErrorResponse(s);
  PushResult result;
  s = ctx.sync->Push(user_id, push, &result);
  if (!s.ok()) return ErrorResponse(s);
  return JsonResponse({{"accepted", result.accepted},
                       {"applied", result.applied},
                       {"seq", result.seq}});
}

Response SyncPull(const Request& req, const ServerContext& ctx) {
  std::string user_id;
  if (auto r = Authorize(req, ctx, Access::kRead, &user_id)) return *r;
  int64_t after = 0;
  const auto param = QueryParam(req.target, "after");
  if (!param || !ParseCursor(*param, &after)) {
    return JsonError(400, "invalid-request",
                     "pull needs ?after=CURSOR, a non-negative integer.");
  }
  PullPage page;
  const Status s = ctx.sync->Pull(user_id, after, &page);
  if (!s.ok()) return ErrorResponse(s);
  return JsonTextResponse(EncodePullPage(page));
}

Response SyncFingerprint(const Request& req, const ServerContext& ctx) {
  std::string user_id;
  if (auto r = Authorize(req, ctx, Access::kRead, &user_id)) return *r;
  StateFingerprint fp;
  const Status s = ctx.sync->Fingerprint(user_id, &fp);
  if (!s.ok()) return ErrorResponse(s);
  return JsonTextResponse(EncodeFingerprint(fp));
}

Response SyncCells(const Request& req, const ServerContext& ctx) {
  std::string user_id;
  if (auto r = Authorize(req, ctx, Access::kRead, &user_id)) return *r;
  json body;
  if (auto r = ParseJsonObject(req.body, 8192, &body)) return *r;
  auto it = body.find("buckets");
  if (it == body.end() || !it->is_array() || it->size() > kFingerprintBuckets) {
    return JsonError(400, "invalid-request",
                     "\"buckets\" must be an array of at most 256 numbers.");
  }
  std::vector<size_t> buckets;
  for (const json& b : *it) {
    if (!b.is_number_unsigned() || b.get<uint64_t>() >= kFingerprintBuckets) {
      return JsonError(400, "invalid-request",
                       "A bucket is a number from 0 to 255.");
    }
    buckets.push_back(b.get<size_t>());
  }
  PullPage page;  // the answer reuses the pull page's encoding
  const Status s = ctx.sync->Cells(user_id, buckets, &page.changes);
  if (!s.ok()) return ErrorResponse(s);
  return JsonTextResponse(EncodePullPage(page));
}

}  // namespace unknot::server
