#include "http/account_api.h"

#include <string>

#include "accounts/accounts.h"
#include "http/api_util.h"
#include "sharing/shares.h"
#include "unknot/time_util.h"

namespace unknot::server {
namespace {

using nlohmann::json;

// Account bodies are a few short strings.
constexpr size_t kAccountBodyLimit = 4096;

std::optional<Response> Unavailable(const ServerContext& ctx) {
  if (ctx.accounts != nullptr) return std::nullopt;
  return JsonError(503, "service-unavailable", "Accounts are not enabled.");
}

json GrantJson(const SessionGrant& grant) {
  return {{"user_id", grant.user.id},
          {"email", grant.user.email},
          {"role", grant.user.role},
          {"token", grant.token},
          {"expires_at", FormatUtcMillis(grant.expires_ms)}};
}

Response TooMany(const Status& s, int64_t retry_after_s) {
  Response res = ErrorResponse(s);
  res.headers.Set("Retry-After", std::to_string(retry_after_s));
  return res;
}

}  // namespace

Response AccountSignup(const Request& req, const ServerContext& ctx) {
  if (auto refused = Unavailable(ctx)) return *refused;
  json body;
  std::string email, password, role;
  if (auto r = ParseJsonObject(req.body, kAccountBodyLimit, &body)) return *r;
  if (auto r = StringField(body, "email", &email)) return *r;
  if (auto r = StringField(body, "password", &password)) return *r;
  if (auto r = StringField(body, "role", &role, true)) return *r;
  SessionGrant grant;
  const Status s = ctx.accounts->Signup(email, password, role, &grant);
  if (!s.ok()) return ErrorResponse(s);
  json out = GrantJson(grant);
  out["recovery_codes"] = grant.recovery_codes;
  return JsonResponse(out, 201);
}

Response AccountLogin(const Request& req, const ServerContext& ctx) {
  if (auto refused = Unavailable(ctx)) return *refused;
  json body;
  std::string email, password;
  if (auto r = ParseJsonObject(req.body, kAccountBodyLimit, &body)) return *r;
  if (auto r = StringField(body, "email", &email)) return *r;
  if (auto r = StringField(body, "password", &password)) return *r;
  SessionGrant grant;
  int64_t retry_after = 0;
  const Status s =
      ctx.accounts->Login(email, password, req.remote, &grant, &retry_after);
  if (s.code() == "too-many-attempts") return TooMany(s, retry_after);
  if (!s.ok()) return ErrorResponse(s);
  return JsonResponse(GrantJson(grant));
}

Response AccountRecover(const Request& req, const ServerContext& ctx) {
  if (auto refused = Unavailable(ctx)) return *refused;
  json body;
  std::string email, code, password;
  if (auto r = ParseJsonObject(req.body, kAccountBodyLimit, &body)) return *r;
  if (auto r = StringField(body, "email", &email)) return *r;
  if (auto r = StringField(body, "recovery_code", &code)) return *r;
  if (auto r = StringField(body, "new_password", &password)) return *r;
  SessionGrant grant;
  int64_t retry_after = 0;
  const Status s = ctx.accounts->Recover(email, code, password, req.remote,
                                         &grant, &retry_after);
  if (s.code() == "too-many-attempts") return TooMany(s, retry_after);
  if (!s.ok()) return ErrorResponse(s);
  return JsonResponse(GrantJson(grant));
}

Response AccountLogout(const Request& req, const ServerContext& ctx) {
  Principal who;
  if (auto refused = RequireSession(req, ctx, &who)) return *refused;
  const Status s = ctx.accounts->Logout(who);
  if (!s.ok()) return ErrorResponse(s);
  return JsonResponse({{"status", "ok"}});
}

Response AccountGet(const Request& req, const ServerContext& ctx) {
  Principal who;
  if (auto refused = RequireSession(req, ctx, &who)) return *refused;
  UserRecord user;
  const Status s = ctx.accounts->GetUser(who.user_id, &user);
  if (!s.ok()) return ErrorResponse(s);
  return JsonResponse({{"user_id", user.id},
                       {"email", user.email},
                       {"role", user.role},
                       {"created_at", FormatUtcMillis(user.created_ms)}});
}

}  // namespace unknot::server
