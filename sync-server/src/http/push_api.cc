#include "http/push_api.h"

#include <string>

#include "http/api_util.h"
#include "push/push_service.h"
#include "tuning.h"

namespace unknot::server {
namespace {

using nlohmann::json;

std::optional<Response> Disabled(const ServerContext& ctx) {
  if (ctx.push != nullptr) return std::nullopt;
  return JsonError(404, "push-disabled",
                   "This server does not send reminders by Web Push.");
}

}  // namespace

Response PushKey(const Request&, const ServerContext& ctx) {
  if (auto r = Disabled(ctx)) return *r;
  return JsonResponse({{"public_key", ctx.push->PublicKey()}});
}

// {"endpoint", "keys": {"p256dh", "auth"}, "zone_offsets": [[ms, min], …]}:
// PushSubscription.toJSON() and the device's time zone.
Response PushSubscribe(const Request& req, const ServerContext& ctx) {
  if (auto r = Disabled(ctx)) return *r;
  Principal who;
  if (auto r = RequireSession(req, ctx, &who)) return *r;
  json body;
  if (auto r = ParseJsonObject(req.body, kPushBodyLimit, &body)) return *r;
  PushSubscriptionInput in;
  if (auto r = StringField(body, "endpoint", &in.endpoint)) return *r;
  auto keys = body.find("keys");
  if (keys == body.end() || !keys->is_object()) {
    return JsonError(400, "invalid-request", "\"keys\" must be an object.");
  }
  if (auto r = StringField(*keys, "p256dh", &in.p256dh)) return *r;
  if (auto r = StringField(*keys, "auth", &in.auth)) return *r;
  auto offsets = body.find("zone_offsets");
  in.zone_offsets = offsets == body.end() ? "" : offsets->dump();
  std::string id;
  const Status s = ctx.push->Subscribe(who, in, &id);
  if (!s.ok()) return ErrorResponse(s);
  return JsonResponse({{"id", id}});
}

Response PushUnsubscribe(const Request& req, const ServerContext& ctx) {
  if (auto r = Disabled(ctx)) return *r;
  Principal who;
  if (auto r = RequireSession(req, ctx, &who)) return *r;
  json body;
  std::string endpoint;
  if (auto r = ParseJsonObject(req.body, kPushBodyLimit, &body)) return *r;
  if (auto r = StringField(body, "endpoint", &endpoint)) return *r;
  const Status s = ctx.push->Unsubscribe(who, endpoint);
  if (!s.ok()) return ErrorResponse(s);
  return JsonResponse({{"status", "ok"}});
}

}  // namespace unknot::server
