#include "sharing/shares.h"

#include <chrono>
#include <nlohmann/json.hpp>

#include "accounts/secrets.h"
#include "sync/poke_hub.h"
#include "sync/sync_service.h"
#include "tuning.h"
#include "unknot/share.h"

namespace unknot::server {
namespace {

Status NotFound() {
  return Status::NotFound("not-found", "No such shared journal.");
}

template <typename Duration>
int64_t ToMillis(Duration d) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
}

bool Live(const ShareRecord& s, int64_t now_ms) {
  return s.revoked_ms == 0 && now_ms < s.expires_ms;
}

}  // namespace

std::string NewInviteCode(Env* env) {
  unsigned char bytes[kInviteCodeChars];
  env->RandomBytes(bytes, sizeof bytes);
  return CrockfordCode(bytes, sizeof bytes);
}

std::string NormalizeInviteCode(std::string_view code) {
  return NormalizeCrockfordCode(code, kInviteCodeChars);
}

Shares::Shares(AccountStore* store, SyncService* sync, PokeHub* pokes, Env* env)
    : store_(store), sync_(sync), pokes_(pokes), env_(env) {}

void Shares::Audit(std::string_view actor, std::string_view subject,
                   std::string_view action, std::string_view share_id,
                   std::string_view detail) {
  AppendAccessEvent(store_, {env_->NowMillis(), std::string(actor),
                             std::string(subject), std::string(action),
                             std::string(share_id), std::string(detail)});
}

Status Shares::Create(const Principal& owner, std::string_view scopes,
                      std::string_view period_json, int64_t expires_ms,
                      ShareInvite* out) {
  ShareScopes parsed;
  Status s = ParseShareScopes(scopes, &parsed);
  if (!s.ok()) return s;
  SharePeriod period;
  s = SharePeriodFromJson(period_json, &period);
  if (!s.ok()) return s;
  const int64_t now = env_->NowMillis();
  const int64_t max_ms = ToMillis(kMaxShareLifetime);
  if (expires_ms <= now || expires_ms > now + max_ms) {
    return Status::Invalid("invalid-expiry",
                           "A share expires in the future, within 366 days.");
  }
  ShareRecord& share = out->share;
  share = ShareRecord();
  out->code = NewInviteCode(env_);
  share.id = RandomHex(16);
  share.owner_id = owner.user_id;
  share.code_hash = Sha256Hex("share:" + NormalizeInviteCode(out->code));
  std::string names;
  for (const std::string& n : ShareScopeNames(parsed))
    names += (names.empty() ? "" : ",") + n;
  share.scopes = names;
  share.period = SharePeriodToJson(period);
  share.created_ms = now;
  share.expires_ms = expires_ms;
  s = store_->CreateShare(share);
  if (!s.ok()) return s;
  Audit(owner.user_id, owner.user_id, "share-create", share.id, share.scopes);
  return Status::OK();
}

Status Shares::Preview(const Principal& owner, std::string_view scopes,
                       std::string_view period_json, std::string* json) {
  ShareScopes parsed;
  SharePeriod period;
  Status s = ParseShareScopes(scopes, &parsed);
  if (s.ok()) s = SharePeriodFromJson(period_json, &period);
  if (!s.ok()) return s;
  if (!MayAccessJournal(owner, owner.user_id, Access::kRead)) return NotFound();
  const int64_t now = env_->NowMillis();
  return sync_->Read(owner.user_id, [&](Journal* journal) {
    int offset = 0;
    const Status read = journal->LatestOffsetMinutes(0, &offset);
    if (!read.ok()) return read;
    return SharedViewJson(journal, parsed, period, now, offset, json);
  });
}

Status Shares::List(const Principal& owner, std::vector<ShareRecord>* out) {
  return store_->SharesByOwner(owner.user_id, out);
}

Status Shares::Revoke(const Principal& owner, std::string_view id) {
  Status s = store_->RevokeShare(owner.user_id, id, env_->NowMillis());
  if (!s.ok()) return s;
  Audit(owner.user_id, owner.user_id, "share-revoke", id, "");
  // After the commit: a request racing this one re-reads the share anyway.
  if (pokes_ != nullptr) pokes_->EndShare(std::string(id), "share-revoked");
  return Status::OK();
}

Status Shares::Redeem(const Principal& who, std::string_view code,
                      ShareRecord* out) {
  const std::string normal = NormalizeInviteCode(code);
  Status s = normal.empty()
                 ? Status::NotFound("invalid-code", "Not an invitation code.")
                 : store_->RedeemShare(Sha256Hex("share:" + normal),
                                       who.user_id, env_->NowMillis(), out);
  if (s.IsNotFound()) {
    Audit(who.user_id, "", "share-refused", "", "invalid-code");
    return Status::NotFound("invalid-code",
                            "No such invitation, or it was used, revoked or "
                            "has expired.");
  }
  if (!s.ok()) return s;
  Audit(who.user_id, out->owner_id, "share-redeem", out->id, out->scopes);
  return Status::OK();
}

Status Shares::Held(const Principal& who, std::vector<ShareRecord>* out) {
  std::vector<ShareRecord> all;
  Status s = store_->SharesByGrantee(who.user_id, &all);
  if (!s.ok()) return s;
  const int64_t now = env_->NowMillis();
  out->clear();
  for (ShareRecord& r : all) {
    if (Live(r, now)) out->push_back(std::move(r));
  }
  return Status::OK();
}

// A request for a patient or share the caller holds nothing of: one line in
// the caller's own log, the same whether it exists or not (no leak).
Status Shares::RefusedUnknown(const Principal& who) {
  Audit(who.user_id, "", "share-refused", "", "not-found");
  return NotFound();
}

Status Shares::FindGrant(const Principal& who, std::string_view share_id,
                         std::string_view patient_email, ShareRecord* out) {
  std::vector<ShareRecord> held;
  Status s = store_->SharesByGrantee(who.user_id, &held);
  if (!s.ok()) return s;
  std::string patient_id;
  if (share_id.empty()) {
    UserRecord patient;
    s = store_->FindUserByEmail(NormalizeEmail(patient_email), &patient);
    if (s.IsNotFound()) return RefusedUnknown(who);
    if (!s.ok()) return s;
    patient_id = patient.id;
  }
  // Newest first: a live share wins over older ended ones.
  const ShareRecord* match = nullptr;
  const int64_t now = env_->NowMillis();
  for (const ShareRecord& r : held) {
    if (!share_id.empty() ? r.id != share_id : r.owner_id != patient_id)
      continue;
    if (match == nullptr || (Live(r, now) && !Live(*match, now))) match = &r;
  }
  if (match == nullptr) return RefusedUnknown(who);
  if (!MayAccessJournal(who, match->owner_id, Access::kRead, match, now)) {
    const char* code =
        match->revoked_ms != 0 ? "share-revoked" : "share-expired";
    Audit(who.user_id, match->owner_id, "share-refused", match->id, code);
    return Status::Invalid(code, match->revoked_ms != 0
                                     ? "The patient stopped sharing."
                                     : "This share has expired.");
  }
  *out = *match;
  return Status::OK();
}

Status Shares::View(const Principal& who, const ShareRecord& grant,
                    std::string* json) {
  ShareScopes scopes;
  SharePeriod period;
  Status s = ParseShareScopes(grant.scopes, &scopes);
  if (s.ok()) s = SharePeriodFromJson(grant.period, &period);
  if (!s.ok()) return s;
  UserRecord patient;
  s = store_->FindUserById(grant.owner_id, &patient);
  if (s.IsNotFound()) return NotFound();
  if (!s.ok()) return s;
  const int64_t now = env_->NowMillis();
  // A view after a pause starts a new visit: the last view before it is
  // the previous visit.
  int64_t previous = grant.previous_view_ms;
  if (grant.last_viewed_ms != 0 &&
      now - grant.last_viewed_ms >= ToMillis(kShareVisitGap)) {
    previous = grant.last_viewed_ms;
  }
  SharedViewOptions options;
  options.share_id = grant.id;
  options.since_last_visit = true;
  if (grant.visit_ms != 0) {
    options.visit_ms = grant.visit_ms;
    options.visit_source = "set";
  } else if (previous != 0) {
    options.visit_ms = previous;
    options.visit_source = "previous_view";
  }
  std::string view;
  // "Today" (where "last N days" ends) is the patient's: read at the
  // offset they last logged from, as the server keeps no zone of theirs.
  // Entries are placed on their own local dates either way.
  s = sync_->Read(grant.owner_id, [&](Journal* journal) {
    int offset = 0;
    const Status read = journal->LatestOffsetMinutes(0, &offset);
    if (!read.ok()) return read;
    return SharedViewJson(journal, scopes, period, options, now, offset, &view);
  });
  if (!s.ok()) return s;
  auto doc = nlohmann::json::parse(view, nullptr, false);
  if (!doc.is_object())
    return Status::IOError("io-error", "The shared view is not JSON.");
  doc["patient"] = patient.email;
  doc["share_id"] = grant.id;
  *json = doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  s = store_->TouchShareViewed(grant.id, now);
  if (s.ok() && previous != grant.previous_view_ms)
    s = store_->SetShareVisit(grant.id, grant.visit_ms, previous);
  if (!s.ok()) return s;
  Audit(who.user_id, grant.owner_id, "share-view", grant.id, grant.scopes);
  return Status::OK();
}

Status Shares::Suggest(const Principal& who, const ShareRecord& grant,
                       std::string_view request, Suggestion* out) {
  const int64_t now = env_->NowMillis();
  if (!MayAccessJournal(who, grant.owner_id, Access::kSuggest, &grant, now))
    return NotFound();
  ShareScopes scopes;
  SharePeriod period;
  Status s = ParseShareScopes(grant.scopes, &scopes);
  if (s.ok()) s = SharePeriodFromJson(grant.period, &period);
  UserRecord author;
  if (s.ok()) s = store_->FindUserById(who.user_id, &author);
  if (!s.ok()) return s;
  s = sync_->Write(grant.owner_id, [&](Journal* journal) {
    return AddSharedSuggestion(journal, scopes, period, grant.id, author.email,
                               now, 0, request, out);
  });
  if (s.code() == "not-found") {
    Audit(who.user_id, grant.owner_id, "share-refused", grant.id, "not-found");
    return NotFound();
  }
  if (!s.ok()) return s;
  Audit(who.user_id, grant.owner_id, "share-suggest", grant.id,
        std::string(SuggestionKindName(out->kind)));
  return Status::OK();
}

Status Shares::SetVisit(const Principal& who, const ShareRecord& grant,
                        int64_t visit_ms) {
  if (visit_ms < 0 || visit_ms > env_->NowMillis()) {
    return Status::Invalid("invalid-visit", "A visit is not in the future.");
  }
  Status s = store_->SetShareVisit(grant.id, visit_ms, grant.previous_view_ms);
  if (!s.ok()) return s;
  Audit(who.user_id, grant.owner_id, "share-visit", grant.id, "");
  return Status::OK();
}

}  // namespace unknot::server
