#include "http/api_routes.h"

#include <array>
#include <string>

#include "http/account_api.h"
#include "http/push_api.h"
#include "http/share_api.h"
#include "http/sync_api.h"

namespace unknot::server {
namespace {

struct ApiRoute {
  std::string_view method;
  std::string_view path;
  ApiLane lane;
  Response (*handler)(const Request&, const ServerContext&);
};

// One row per endpoint (docs/sync-protocol.md). Sharing adds its rows here.
constexpr ApiRoute kApiRoutes[] = {
    {"POST", "/api/account/signup", ApiLane::kHash, &AccountSignup},
    {"POST", "/api/account/login", ApiLane::kHash, &AccountLogin},
    {"POST", "/api/account/recover", ApiLane::kHash, &AccountRecover},
    {"POST", "/api/account/logout", ApiLane::kWorker, &AccountLogout},
    {"GET", "/api/account", ApiLane::kWorker, &AccountGet},
    {"POST", "/api/sync/push", ApiLane::kWorker, &SyncPush},
    {"GET", "/api/sync/pull", ApiLane::kWorker, &SyncPull},
    {"GET", "/api/sync/fingerprint", ApiLane::kWorker, &SyncFingerprint},
    {"POST", "/api/sync/cells", ApiLane::kWorker, &SyncCells},
    {"GET", "/api/account/export", ApiLane::kWorker, &AccountExport},
    {"POST", "/api/account/delete", ApiLane::kHash, &AccountDelete},
    {"POST", "/api/shares", ApiLane::kWorker, &ShareCreate},
    {"GET", "/api/shares", ApiLane::kWorker, &ShareList},
    {"POST", "/api/shares/revoke", ApiLane::kWorker, &ShareRevoke},
    {"POST", "/api/shared/redeem", ApiLane::kWorker, &SharedRedeem},
    {"GET", "/api/shared", ApiLane::kWorker, &SharedList},
    {"GET", "/api/shared/view", ApiLane::kWorker, &SharedView},
    {"GET", "/api/shares/log", ApiLane::kWorker, &ShareLog},
    {"POST", "/api/shares/preview", ApiLane::kWorker, &SharePreview},
    {"POST", "/api/shared/suggest", ApiLane::kWorker, &SharedSuggest},
    {"POST", "/api/shared/visit", ApiLane::kWorker, &SharedVisit},
    {"GET", "/api/push/key", ApiLane::kInline, &PushKey},
    {"POST", "/api/push/subscribe", ApiLane::kWorker, &PushSubscribe},
    {"POST", "/api/push/unsubscribe", ApiLane::kWorker, &PushUnsubscribe},
};

std::string_view PathOf(std::string_view target) {
  return target.substr(0, target.find_first_of("?#"));
}

bool ListContainsToken(std::string_view list, std::string_view token) {
  while (!list.empty()) {
    const auto comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    list = comma == std::string_view::npos ? "" : list.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (EqualsIgnoreCase(item, token)) return true;
  }
  return false;
}

}  // namespace

bool IsApiPath(std::string_view path) {
  path = PathOf(path);
  return path == kApiPrefix ||
         (path.size() > kApiPrefix.size() &&
          path.substr(0, kApiPrefix.size()) == kApiPrefix &&
          path[kApiPrefix.size()] == '/');
}

ApiLane LaneOf(const Request& req) {
  const std::string_view path = PathOf(req.target);
  for (const ApiRoute& route : kApiRoutes) {
    if (route.path == path && route.method == req.method) return route.lane;
  }
  return ApiLane::kInline;
}

bool WantsWebSocket(const Request& req) {
  return req.method == "GET" && PathOf(req.target) == kWebSocketPath &&
         EqualsIgnoreCase(req.headers.Get("Upgrade").value_or(""),
                          "websocket") &&
         ListContainsToken(req.headers.Get("Connection").value_or(""),
                           "upgrade");
}

Response RouteApi(const Request& req, const ServerContext& ctx) {
  const std::string_view path = PathOf(req.target);
  std::string allow;
  for (const ApiRoute& route : kApiRoutes) {
    if (route.path != path) continue;
    if (route.method == req.method) return route.handler(req, ctx);
    if (!allow.empty()) allow += ", ";
    allow += route.method;
  }
  if (!allow.empty()) {
    Response res = JsonError(405, "method-not-allowed",
                             "This API path does not take that method.");
    res.headers.Set("Allow", allow);
    return res;
  }
  return JsonError(404, "not-found", "No such API endpoint.");
}

}  // namespace unknot::server
