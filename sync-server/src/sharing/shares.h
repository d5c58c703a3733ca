// Shares: a patient's scoped, read-only, revocable grants of their synced
// journal to another account (docs/sharing.md), over the AccountStore and
// the SyncService's journals.
//
// Design note. A share is created with a one-time invitation code (>= 128
// random bits, Crockford base32 in groups of four) stored only as its
// SHA-256; any account may redeem it, once. From then on the grantee reads
// the patient's journal through MayAccessJournal(kRead) with the share as
// the grant, and only through SharedViewJson (core), which applies the
// share's scopes and period. Every decision is taken afresh on each
// request, so a revocation or an expiry takes effect at once; revoking also
// ends the grantee's open WebSockets. The access log records who did what,
// when — never health content.
//
// Thread-safe (the store and the sync service are).
#ifndef UNKNOT_SERVER_SHARING_SHARES_H_
#define UNKNOT_SERVER_SHARING_SHARES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/accounts.h"
#include "unknot/env.h"
#include "unknot/status.h"
#include "unknot/suggestions.h"

namespace unknot::server {

class SyncService;
class PokeHub;

struct ShareInvite {
  ShareRecord share;
  std::string code;  // shown once: "7XK2-9QMD-…" (7 groups of 4)
};

class Shares {
 public:
  // All must outlive this; `pokes` may be null.
  Shares(AccountStore* store, SyncService* sync, PokeHub* pokes, Env* env);

  // Error codes: "invalid-scope", "invalid-period", "invalid-expiry"
  // (not in the future, or more than kMaxShareLifetime away), "io-error".
  Status Create(const Principal& owner, std::string_view scopes,
                std::string_view period_json, int64_t expires_ms,
                ShareInvite* out);
  // Exactly what a share of `scopes` and `period_json` would show a
  // therapist now: the shared view of the owner's synced journal (what the
  // server holds is what a grantee reads). Error codes: "invalid-scope",
  // "invalid-period", the journal's.
  Status Preview(const Principal& owner, std::string_view scopes,
                 std::string_view period_json, std::string* json);
  // The owner's shares, newest first (revoked and expired included).
  Status List(const Principal& owner, std::vector<ShareRecord>* out);
  // Error code: "share-not-found" (not one of the owner's shares).
  Status Revoke(const Principal& owner, std::string_view id);
  // Error code: "invalid-code" (malformed, unknown, used, revoked, expired,
  // or the redeemer's own share: one answer for all).
  Status Redeem(const Principal& who, std::string_view code, ShareRecord* out);
  // The live shares `who` redeemed, newest first.
  Status Held(const Principal& who, std::vector<ShareRecord>* out);
  // The grant `who` holds: share `share_id`, or else the newest one from
  // the patient with email `patient_email`. Refusals are logged. Error codes:
  // "not-found" (nothing of the kind was ever granted to `who`: the same
  // answer as for data that does not exist), "share-revoked",
  // "share-expired".
  Status FindGrant(const Principal& who, std::string_view share_id,
                   std::string_view patient_email, ShareRecord* out);
  // The shared view of `grant` (from FindGrant), with "patient",
  // "share_id", the suggestions sent through it and "since_last_visit"
  // (from the visit the grantee set, else their previous visit: the last
  // view before a kShareVisitGap pause); logs the view and sets the share's
  // last view.
  Status View(const Principal& who, const ShareRecord& grant,
              std::string* json);
  // A comment or routine recommendation of the grantee's (the
  // ParseSuggestionRequest JSON `request`), written into the patient's
  // journal as from the grantee's email; the patient's devices are poked.
  // Error codes: AddSharedSuggestion's ("not-found" for an entry the share
  // does not show).
  Status Suggest(const Principal& who, const ShareRecord& grant,
                 std::string_view request, Suggestion* out);
  // Sets the visit "since last visit" counts from (UTC ms; 0 goes back to
  // the previous visit). Error code: "invalid-visit" (in the future).
  Status SetVisit(const Principal& who, const ShareRecord& grant,
                  int64_t visit_ms);

  // Appends to the access log (errors are logged, never returned: a failed
  // audit line must not turn a refusal into a success or vice versa).
  void Audit(std::string_view actor, std::string_view subject,
             std::string_view action, std::string_view share_id,
             std::string_view detail);

 private:
  Status RefusedUnknown(const Principal& who);

  AccountStore* store_;
  SyncService* sync_;
  PokeHub* pokes_;
  Env* env_;
};

// 28 Crockford base32 characters (140 random bits) in groups of four.
std::string NewInviteCode(Env* env);
// Uppercases, drops dashes and spaces, maps O->0 and I/L->1; "" if it
// cannot be a code.
std::string NormalizeInviteCode(std::string_view code);

}  // namespace unknot::server

#endif  // UNKNOT_SERVER_SHARING_SHARES_H_
