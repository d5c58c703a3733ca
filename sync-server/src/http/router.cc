#include "http/router.h"

#include <nlohmann/json.hpp>
#include <string_view>

#include "http/api_routes.h"
#include "http/static_files.h"

namespace unknot::server {
namespace {

Response Healthz(const Request& req, const ServerContext& ctx) {
  if (req.method != "GET" && req.method != "HEAD") {
    Response res = JsonError(405, "method-not-allowed",
                             "/healthz takes GET and HEAD only.");
    res.headers.Set("Allow", "GET, HEAD");
    return res;
  }
  Response res;
  res.headers.Set("Content-Type", "application/json");
  res.headers.Set("Cache-Control", "no-store");
  res.body = nlohmann::json{{"status", "ok"}, {"version", ctx.version}}.dump();
  res.omit_body = req.method == "HEAD";
  return res;
}

}  // namespace

Response Route(const Request& req, const ServerContext& ctx) {
  const std::string_view target(req.target);
  const std::string_view path = target.substr(0, target.find_first_of("?#"));
  if (path == "/healthz") return Healthz(req, ctx);
  if (IsApiPath(path)) return RouteApi(req, ctx);
  return ServeStatic(req, ctx);
}

}  // namespace unknot::server
