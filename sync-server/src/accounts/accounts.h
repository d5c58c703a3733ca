// Accounts: sign-up, login, recovery, sessions — the rules of
// docs/sync-protocol.md ("Authentication") over an AccountStore.
//
// Authorisation: every authenticated request carries a Principal; what it
// may do with a user's journal is decided in one place, MayAccessJournal.
// Today only the owner reads and writes; sharing (issue 6) adds read-only
// grants there (a therapist's Principal reading a patient's journal with
// Access::kRead), without touching the sync handlers.
//
// Thread-safe. Signup, Login and Recover hash passwords (tens of ms): call
// them from the hash lane, never from an io thread.
#ifndef UNKNOT_SERVER_ACCOUNTS_ACCOUNTS_H_
#define UNKNOT_SERVER_ACCOUNTS_ACCOUNTS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/account_store.h"
#include "accounts/rate_limiter.h"
#include "unknot/env.h"
#include "unknot/status.h"

namespace unknot::server {

struct Principal {
  std::string user_id;
  std::string token_hash;  // the session this request came with
};

// kSuggest: add a suggestion (a comment, a recommended routine) to the
// journal — a new row of its own, never a change to the owner's data.
enum class Access { kRead, kWrite, kSuggest };

// True if `who` may read (kRead), change (kWrite) or add a suggestion to
// (kSuggest) the journal of `owner_id`. The single authorisation decision
// of the sync and sharing endpoints. The owner may do all three; anyone
// else only reads and suggests, and only with `grant`: a share of
// `owner_id`'s redeemed by `who`, not revoked and not expired at `now_ms`.
// Nobody but the owner ever writes.
bool MayAccessJournal(const Principal& who, std::string_view owner_id,
                      Access access, const ShareRecord* grant = nullptr,
                      int64_t now_ms = 0);

struct SessionGrant {
  UserRecord user;
  std::string token;  // shown once; only its hash is stored
  int64_t expires_ms = 0;
  std::vector<std::string> recovery_codes;  // signup only
};

class Accounts {
 public:
  // `store` and `env` must outlive this object.
  Accounts(AccountStore* store, Env* env);

  // Error codes: "invalid-email", "weak-password", "password-too-long",
  // "invalid-role", "email-taken", "io-error".
  Status Signup(std::string_view email, std::string_view password,
                std::string_view role, SessionGrant* out);
  // `client` is the requester's address (rate limiting). Error codes:
  // "login-failed" (wrong email or password, one answer for both),
  // "too-many-attempts" (then *retry_after_s is set), "io-error".
  Status Login(std::string_view email, std::string_view password,
               std::string_view client, SessionGrant* out,
               int64_t* retry_after_s);
  // Spends a recovery code, sets a new password, ends every other session.
  // Error codes: "recovery-failed" (wrong email or code), "weak-password",
  // "password-too-long", "too-many-attempts", "io-error".
  Status Recover(std::string_view email, std::string_view code,
                 std::string_view new_password, std::string_view client,
                 SessionGrant* out, int64_t* retry_after_s);
  // Ends the session. Error code: "io-error".
  Status Logout(const Principal& who);
  // Error code: "unauthorized" (missing, unknown, expired or ended token).
  Status Authenticate(std::string_view token, Principal* out);
  // Checks `who`'s password again (before deleting the account). Hashes:
  // call from the hash lane. Error code: "login-failed".
  Status VerifyUserPassword(const Principal& who, std::string_view password);
  // Deletes `who`'s account now (AccountStore::DeleteUser): *ended_shares
  // gets the shares of others' journals that ended with it.
  Status DeleteUser(const Principal& who,
                    std::vector<std::string>* ended_shares);
  // NotFound "user-not-found".
  Status GetUser(std::string_view user_id, UserRecord* out);

  AccountStore* store() { return store_; }

 private:
  Status NewSession(const std::string& user_id, SessionRecord* record,
                    std::string* token);
  // "too-many-attempts" when either key is over budget.
  Status CheckRateLimit(const std::string& email, std::string_view client,
                        int64_t* retry_after_s);
  void RecordFailure(const std::string& email, std::string_view client);
  // An access log line about the user's own account (docs/sharing.md):
  // logins, and refused ones for an account that exists (a wrong password
  // or recovery code; an unknown email has no one to tell).
  void AuditLogin(const std::string& user_id, const char* action,
                  const char* detail);

  AccountStore* store_;
  Env* env_;
  RateLimiter by_email_;
  RateLimiter by_client_;
};

// Appends `event` to the access log (docs/sharing.md), best effort: a
// failure is logged, never returned, so a full disk does not turn a correct
// request into a refusal. Accounts and Shares both write through it.
void AppendAccessEvent(AccountStore* store, const AccessEvent& event);

// "Ann@Example.org " -> "ann@example.org"; "" if it is not an address.
std::string NormalizeEmail(std::string_view email);

}  // namespace unknot::server

#endif  // UNKNOT_SERVER_ACCOUNTS_ACCOUNTS_H_
