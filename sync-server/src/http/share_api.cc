#include "http/share_api.h"

#include <string>

#include "accounts/accounts.h"
#include "http/api_util.h"
#include "sharing/shares.h"
#include "sync/poke_hub.h"
#include "sync/sync_service.h"
#include "tuning.h"
#include "unknot/journal.h"
#include "unknot/suggestions.h"
#include "unknot/time_util.h"

namespace unknot::server {
namespace {

using nlohmann::json;

constexpr size_t kShareBodyLimit = 4096;

// Authenticates; 503 when sharing is not set up.
std::optional<Response> Begin(const Request& req, const ServerContext& ctx,
                              Principal* who) {
  if (ctx.shares == nullptr || ctx.sync == nullptr) {
    return JsonError(503, "service-unavailable", "Sharing is not enabled.");
  }
  return RequireSession(req, ctx, who);
}

json TimeOrNull(int64_t ms) {
  return ms == 0 ? json() : json(FormatUtcMillis(ms));
}

json ScopesJson(const std::string& scopes) {
  json out = json::array();
  size_t start = 0;
  while (start <= scopes.size() && !scopes.empty()) {
    const size_t comma = scopes.find(',', start);
    out.push_back(scopes.substr(start, comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

json PeriodJson(const std::string& period) {
  json out = json::parse(period, nullptr, false);
  return out.is_object() ? out : json::object();
}

// A user's email; a deleted user's while an owner's record names them.
std::string EmailOf(const ServerContext& ctx, const std::string& user_id) {
  UserRecord user;
  if (ctx.accounts->GetUser(user_id, &user).ok()) return user.email;
  std::string former;
  return ctx.accounts->store()->FormerUserEmail(user_id, &former).ok() ? former
                                                                       : "";
}

// A share as its owner sees it.
json OwnedJson(const ServerContext& ctx, const ShareRecord& r) {
  return {{"id", r.id},
          {"scopes", ScopesJson(r.scopes)},
          {"period", PeriodJson(r.period)},
          {"created_at", FormatUtcMillis(r.created_ms)},
          {"expires_at", FormatUtcMillis(r.expires_ms)},
          {"redeemed_by",
           r.grantee_id.empty() ? json() : json(EmailOf(ctx, r.grantee_id))},
          {"redeemed_at", TimeOrNull(r.redeemed_ms)},
          {"last_viewed_at", TimeOrNull(r.last_viewed_ms)},
          {"revoked_at", TimeOrNull(r.revoked_ms)}};
}

// A share as its grantee sees it.
json HeldJson(const ServerContext& ctx, const ShareRecord& r) {
  return {{"patient", EmailOf(ctx, r.owner_id)},
          {"share_id", r.id},
          {"scopes", ScopesJson(r.scopes)},
          {"period", PeriodJson(r.period)},
          {"expires_at", FormatUtcMillis(r.expires_ms)}};
}

// "%40" -> "@"; "+" stays (emails may hold it). "" on a bad escape.
std::string PercentDecode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size()) return "";
    int v = 0;
    for (int k = 1; k <= 2; ++k) {
      const char c = s[i + k];
      v = v * 16 + ((c >= '0' && c <= '9')   ? c - '0'
                    : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                    : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                             : -1000);
    }
    if (v < 0) return "";
    out += static_cast<char>(v);
    i += 2;
  }
  return out;
}

// The grant named by the body's "share_id" (FindGrant's refusals as they
// come: not-found, share-revoked, share-expired).
std::optional<Response> GrantOf(const ServerContext& ctx, const Principal& who,
                                const json& body, ShareRecord* grant) {
  std::string share_id;
  if (auto r = StringField(body, "share_id", &share_id)) return r;
  const Status s = ctx.shares->FindGrant(who, share_id, "", grant);
  if (!s.ok()) return ErrorResponse(s);
  return std::nullopt;
}

json AccessEventJson(const ServerContext& ctx, const Principal& who,
                     const std::string& own_email, const AccessEvent& e) {
  auto email = [&](const std::string& id) {
    return id == who.user_id ? own_email : EmailOf(ctx, id);
  };
  return {
      {"at", FormatUtcMillis(e.ts_ms)},
      {"actor", email(e.actor_id)},
      {"subject", e.subject_id.empty() ? json() : json(email(e.subject_id))},
      {"action", e.action},
      {"share_id", e.share_id.empty() ? json() : json(e.share_id)},
      {"detail", e.detail}};
}

// "scopes": ["entries", ...] or "entries,..." -> "entries,...".
std::optional<Response> ScopesField(const json& body, std::string* scopes) {
  auto sc = body.find("scopes");
  if (sc != body.end() && sc->is_array()) {
    for (const json& item : *sc) {
      if (!item.is_string())
        return JsonError(400, "invalid-scope", "A scope is a string.");
      *scopes += (scopes->empty() ? "" : ",") + item.get<std::string>();
    }
    return std::nullopt;
  }
  return StringField(body, "scopes", scopes);
}

std::string PeriodField(const json& body) {
  auto period = body.find("period");
  return period == body.end() ? "{}" : period->dump();
}

}  // namespace

Response ShareCreate(const Request& req, const ServerContext& ctx) {
  Principal who;
  if (auto r = Begin(req, ctx, &who)) return *r;
  json body;
  if (auto r = ParseJsonObject(req.body, kShareBodyLimit, &body)) return *r;
  std::string scopes, expires;
  if (auto r = ScopesField(body, &scopes)) return *r;
  if (auto r = StringField(body, "expires_at", &expires)) return *r;
  int64_t expires_ms = 0;
  int offset = 0;
  // A bare date would be read in the server's zone: clients send instants.
  if (expires.find('T') == std::string::npos ||
      !ParseIsoTime(expires, Env::Default(), &expires_ms, &offset).ok()) {
    return JsonError(400, "invalid-expiry",
                     "\"expires_at\" is an ISO 8601 instant with an offset.");
  }
  ShareInvite invite;
  const Status s =
      ctx.shares->Create(who, scopes, PeriodField(body), expires_ms, &invite);
  if (!s.ok()) return ErrorResponse(s);
  json out = OwnedJson(ctx, invite.share);
  out["code"] = invite.code;
  return JsonResponse(out, 201);
}

Response SharePreview(const Request& req, const ServerContext& ctx) {
  Principal who;
  if (auto r = Begin(req, ctx, &who)) return *r;
  json body;
  if (auto r = ParseJsonObject(req.body, kShareBodyLimit, &body)) return *r;
  std::string scopes, view;
  if (auto r = ScopesField(body, &scopes)) return *r;
  const Status s = ctx.shares->Preview(who, scopes, PeriodField(body), &view);
  if (!s.ok()) return ErrorResponse(s);
  return JsonTextResponse(std::move(view));
}

Response ShareList(const Request& req, const ServerContext& ctx) {
  Principal who;
  if (auto r = Begin(req, ctx, &who)) return *r;
  std::vector<ShareRecord> shares;
  const Status s = ctx.shares->List(who, &shares);
  if (!s.ok()) return ErrorResponse(s);
  json out = json::array();
  for (const ShareRecord& r : shares) out.push_back(OwnedJson(ctx, r));
  return JsonResponse({{"shares", out}});
}

Response ShareRevoke(const Request& req, const ServerContext& ctx) {
  Principal who;
  if (auto r = Begin(req, ctx, &who)) return *r;
  json body;
  std::string id;
  if (auto r = ParseJsonObject(req.body, kShareBodyLimit, &body)) return *r;
  if (auto r = StringField(body, "id", &id)) return *r;
  const Status s = ctx.shares->Revoke(who, id);
  if (!s.ok()) return ErrorResponse(s);
  return JsonResponse({{"status", "ok"}});
}

Response ShareLog(const Request& req, const ServerContext& ctx) {
  Principal who;
  if (auto r = Begin(req, ctx, &who)) return *r;
  const std::string id =
      PercentDecode(QueryParam(req.target, "id").value_or(""));
  ShareRecord share;
  Status s = ctx.accounts->store()->FindShare(id, &share);
  // Someone else's share reads like one that does not exist.
  if (s.ok() && share.owner_id != who.user_id)
    s = Status::NotFound("share-not-found", "No such share.");
  UserRecord user;
  std::vector<AccessEvent> log;
  if (s.ok()) s = ctx.accounts->GetUser(who.user_id, &user);
  if (s.ok()) s = ctx.accounts->store()->AccessLogOf(who.user_id, &log);
  if (!s.ok()) return ErrorResponse(s);
  json out = json::array();
  // Newest first, at most kShareLogLines.
  for (auto it = log.rbegin(); it != log.rend(); ++it) {
    if (it->share_id != id) continue;
    out.push_back(AccessEventJson(ctx, who, user.email, *it));
    if (out.size() == kShareLogLines) break;
  }
  return JsonResponse({{"log", out}});
}

Response SharedRedeem(const Request& req, const ServerContext& ctx) {
  Principal who;
  if (auto r = Begin(req, ctx, &who)) return *r;
  json body;
  std::string code;
  if (auto r = ParseJsonObject(req.body, kShareBodyLimit, &body)) return *r;
  if (auto r = StringField(body, "code", &code)) return *r;
  ShareRecord share;
  const Status s = ctx.shares->Redeem(who, code, &share);
  if (!s.ok()) return ErrorResponse(s);
  return JsonResponse(HeldJson(ctx, share));
}

Response SharedList(const Request& req, const ServerContext& ctx) {
  Principal who;
  if (auto r = Begin(req, ctx, &who)) return *r;
  std::vector<ShareRecord> held;
  const Status s = ctx.shares->Held(who, &held);
  if (!s.ok()) return ErrorResponse(s);
  json out = json::array();
  for (const ShareRecord& r : held) out.push_back(HeldJson(ctx, r));
  return JsonResponse({{"shared", out}});
}

Response SharedView(const Request& req, const ServerContext& ctx) {
  Principal who;
  if (auto r = Begin(req, ctx, &who)) return *r;
  const std::string share_id =
      PercentDecode(QueryParam(req.target, "share_id").value_or(""));
  const std::string patient =
      PercentDecode(QueryParam(req.target, "patient").value_or(""));
  if (share_id.empty() == patient.empty()) {
    return JsonError(400, "invalid-request",
                     "view needs ?share_id=ID or ?patient=EMAIL.");
  }
  ShareRecord grant;
  Status s = ctx.shares->FindGrant(who, share_id, patient, &grant);
  std::string view;
  if (s.ok()) s = ctx.shares->View(who, grant, &view);
  if (!s.ok()) return ErrorResponse(s);
  return JsonTextResponse(std::move(view));
}

Response SharedSuggest(const Request& req, const ServerContext& ctx) {
  Principal who;
  if (auto r = Begin(req, ctx, &who)) return *r;
  json body;
  if (auto r = ParseJsonObject(req.body, kSuggestionBodyLimit, &body))
    return *r;
  ShareRecord grant;
  if (auto r = GrantOf(ctx, who, body, &grant)) return *r;
  Suggestion stored;
  const Status s = ctx.shares->Suggest(who, grant, req.body, &stored);
  if (!s.ok()) return ErrorResponse(s);
  return JsonTextResponse(SuggestionToJson(stored), 201);
}

Response SharedVisit(const Request& req, const ServerContext& ctx) {
  Principal who;
  if (auto r = Begin(req, ctx, &who)) return *r;
  json body;
  if (auto r = ParseJsonObject(req.body, kShareBodyLimit, &body)) return *r;
  ShareRecord grant;
  if (auto r = GrantOf(ctx, who, body, &grant)) return *r;
  int64_t visit_ms = 0;
  auto at = body.find("visit_at");
  if (at != body.end() && !at->is_null()) {
    int offset = 0;
    const std::string text = at->is_string() ? at->get<std::string>() : "";
    if (text.find('T') == std::string::npos ||
        !ParseIsoTime(text, Env::Default(), &visit_ms, &offset).ok()) {
      return JsonError(400, "invalid-visit",
                       "\"visit_at\" is an ISO 8601 instant with an offset, "
                       "or null.");
    }
  }
  const Status s = ctx.shares->SetVisit(who, grant, visit_ms);
  if (!s.ok()) return ErrorResponse(s);
  return JsonResponse({{"status", "ok"}});
}

Response AccountExport(const Request& req, const ServerContext& ctx) {
  Principal who;
  if (auto r = Begin(req, ctx, &who)) return *r;
  UserRecord user;
  std::vector<ShareRecord> owned, held;
  std::vector<AccessEvent> log;
  AccountStore* store = ctx.accounts->store();
  Status s = ctx.accounts->GetUser(who.user_id, &user);
  if (s.ok()) s = store->SharesByOwner(who.user_id, &owned);
  if (s.ok()) s = store->SharesByGrantee(who.user_id, &held);
  if (s.ok()) s = store->AccessLogOf(who.user_id, &log);
  std::vector<PushSubscriptionRecord> subscriptions;
  if (s.ok()) s = store->PushSubscriptionsOf(who.user_id, &subscriptions);
  std::string journal;
  if (s.ok()) {
    s = ctx.sync->Read(who.user_id,
                       [&](Journal* j) { return j->ExportJson(&journal); });
  }
  if (!s.ok()) return ErrorResponse(s);
  json out = {{"account",
               {{"user_id", user.id},
                {"email", user.email},
                {"role", user.role},
                {"created_at", FormatUtcMillis(user.created_ms)}}}};
  out["shares"] = json::array();
  for (const ShareRecord& r : owned) out["shares"].push_back(OwnedJson(ctx, r));
  out["shared_with_me"] = json::array();
  for (const ShareRecord& r : held)
    out["shared_with_me"].push_back(HeldJson(ctx, r));
  out["access_log"] = json::array();
  for (const AccessEvent& e : log)
    out["access_log"].push_back(AccessEventJson(ctx, who, user.email, e));
  out["push_subscriptions"] = json::array();
  for (const PushSubscriptionRecord& p : subscriptions) {
    out["push_subscriptions"].push_back(
        {{"endpoint", p.endpoint},
         {"created_at", FormatUtcMillis(p.created_ms)},
         {"last_reminder_at", TimeOrNull(p.last_reminder_ms)},
         {"zone_offsets", json::parse(p.zone_offsets, nullptr, false)}});
  }
  out["journal"] = json::parse(journal, nullptr, false);
  return JsonResponse(out);
}

Response AccountDelete(const Request& req, const ServerContext& ctx) {
  Principal who;
  if (auto r = Begin(req, ctx, &who)) return *r;
  json body;
  std::string password;
  if (auto r = ParseJsonObject(req.body, kShareBodyLimit, &body)) return *r;
  if (auto r = StringField(body, "password", &password)) return *r;
  Status s = ctx.accounts->VerifyUserPassword(who, password);
  std::vector<std::string> ended;
  if (s.ok()) {
    s = ctx.accounts->DeleteUser(who, &ended);
  }
  if (s.ok()) s = ctx.sync->Delete(who.user_id);
  if (!s.ok()) return ErrorResponse(s);
  if (ctx.pokes != nullptr) {
    ctx.pokes->EndUser(who.user_id, "unauthorized");
    // The patients' journals the user watched through a share.
    for (const std::string& id : ended) ctx.pokes->EndShare(id, "unauthorized");
  }
  return JsonResponse({{"status", "deleted"}});
}

}  // namespace unknot::server
