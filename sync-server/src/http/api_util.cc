#include "http/api_util.h"

#include <map>
#include <string>

#include "app/access_log.h"

namespace unknot::server {
namespace {

constexpr int kMaxJsonDepth = 8;

int HttpStatusOf(const std::string& code, Status::Kind kind) {
  static const std::map<std::string, int, std::less<>> kStatus = {
      {"batch-too-large", 413}, {"payload-too-large", 413},
      {"unauthorized", 401},    {"login-failed", 401},
      {"recovery-failed", 401}, {"device-restored", 409},
      {"email-taken", 409},     {"too-many-attempts", 429},
      {"not-found", 404},       {"service-unavailable", 503},
      {"share-not-found", 404}, {"invalid-code", 404},
      {"share-revoked", 403},   {"share-expired", 403},
      {"push-disabled", 404},   {"push-host-not-allowed", 403},
  };
  if (auto it = kStatus.find(code); it != kStatus.end()) return it->second;
  if (kind == Status::Kind::kNotFound) return 404;
  return kind == Status::Kind::kInvalid ? 400 : 500;
}

}  // namespace

std::optional<Response> StringField(const nlohmann::json& body,
                                    const char* name, std::string* out,
                                    bool optional) {
  auto it = body.find(name);
  if (it == body.end() && optional) return std::nullopt;
  if (it == body.end() || !it->is_string()) {
    return JsonError(400, "invalid-request",
                     std::string("\"") + name + "\" must be a string.");
  }
  *out = it->get<std::string>();
  return std::nullopt;
}

bool JsonNestsDeeperThan(std::string_view json, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

std::optional<Response> ParseJsonObject(std::string_view body, size_t max_bytes,
                                        nlohmann::json* out) {
  if (body.size() > max_bytes) {
    return JsonError(413, "payload-too-large",
                     "The request body is too large.");
  }
  if (JsonNestsDeeperThan(body, kMaxJsonDepth)) {
    return JsonError(400, "invalid-json", "The body nests too deeply.");
  }
  *out = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (out->is_discarded())
    return JsonError(400, "invalid-json", "The body is not JSON.");
  if (!out->is_object())
    return JsonError(400, "invalid-request", "The body must be an object.");
  return std::nullopt;
}

std::optional<Response> RequireSession(const Request& req,
                                       const ServerContext& ctx,
                                       Principal* who) {
  if (ctx.accounts == nullptr) {
    return JsonError(503, "service-unavailable", "Accounts are not enabled.");
  }
  const std::string header = req.headers.Get("Authorization").value_or("");
  constexpr std::string_view kBearer = "Bearer ";
  std::string_view token;
  if (header.size() > kBearer.size() &&
      EqualsIgnoreCase(std::string_view(header).substr(0, kBearer.size()),
                       kBearer)) {
    token = std::string_view(header).substr(kBearer.size());
  }
  const Status s = ctx.accounts->Authenticate(token, who);
  if (s.ok()) return std::nullopt;
  Response res = ErrorResponse(s);
  if (res.status == 401) res.headers.Set("WWW-Authenticate", "Bearer");
  return res;
}

Response ErrorResponse(const Status& status) {
  const int http = HttpStatusOf(status.code(), status.kind());
  if (http >= 500) LogEvent("error", status.ToString());
  return JsonError(http,
                   status.code().empty() ? "internal-error" : status.code(),
                   status.message());
}

Response JsonTextResponse(std::string body, int status) {
  Response res;
  res.status = status;
  res.headers.Set("Content-Type", "application/json");
  res.headers.Set("Cache-Control", "no-store");
  res.body = std::move(body);
  return res;
}

Response JsonResponse(const nlohmann::json& body, int status) {
  return JsonTextResponse(
      body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
      status);
}

std::optional<std::string> QueryParam(std::string_view target,
                                      std::string_view name) {
  const auto q = target.find('?');
  if (q == std::string_view::npos) return std::nullopt;
  std::string_view query = target.substr(q + 1);
  query = query.substr(0, query.find('#'));
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? "" : query.substr(amp + 1);
    const auto eq = pair.find('=');
    if (pair.substr(0, eq) == name) {
      return std::string(eq == std::string_view::npos ? ""
                                                      : pair.substr(eq + 1));
    }
  }
  return std::nullopt;
}

}  // namespace unknot::server
