// AccountStore: where accounts, sessions, recovery codes and per-device push
// stamps live. An interface so a PostgreSQL backend can replace the SQLite
// one (sqlite_account_store.h) when the server scales out; the account logic
// (accounts.h) never sees SQL.
//
// Secrets never reach the store in clear: passwords arrive as argon2id
// strings, session tokens and recovery codes as SHA-256 hex digests.
// Implementations are thread-safe.
#ifndef UNKNOT_SERVER_ACCOUNTS_ACCOUNT_STORE_H_
#define UNKNOT_SERVER_ACCOUNTS_ACCOUNT_STORE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/status.h"

namespace unknot::server {

struct UserRecord {
  std::string id;             // 32 hex chars (128 random bits)
  std::string email;          // normalised: trimmed, lowercase
  std::string role;           // "patient" or "therapist"
  std::string password_hash;  // libsodium crypto_pwhash_str (argon2id)
  int64_t created_ms = 0;
};

struct SessionRecord {
  std::string token_hash;  // SHA-256 of the token, hex
  std::string user_id;
  int64_t expires_ms = 0;
  int64_t last_used_ms = 0;
};

// A share (docs/sharing.md): what a patient shares, for how long, and with
// whom once redeemed. Times are UTC ms; 0 means "not yet" / "never".
struct ShareRecord {
  std::string id;         // 32 hex chars
  std::string owner_id;   // the patient
  std::string code_hash;  // SHA-256 hex of the normalised invitation code
  std::string scopes;     // "entries,routines" (canonical order)
  std::string period;     // SharePeriodToJson
  int64_t created_ms = 0;
  int64_t expires_ms = 0;
  std::string grantee_id;  // who redeemed it, "" before
  int64_t redeemed_ms = 0;
  int64_t last_viewed_ms = 0;
  int64_t revoked_ms = 0;
  // "Since last visit" (docs/sharing.md): the visit the grantee chose (0:
  // none, use the previous view), and the last view of their previous
  // visit (0: this is the first).
  int64_t visit_ms = 0;
  int64_t previous_view_ms = 0;
};

// One line of the access log: who did what to whose data, when. Never
// health content: `detail` holds scopes or an error code.
struct AccessEvent {
  int64_t ts_ms = 0;
  std::string actor_id;    // who acted
  std::string subject_id;  // whose data ("" when none)
  std::string action;      // login, login-refused, share-create,
                           // share-redeem, share-revoke, share-view,
                           // share-refused, share-suggest, share-visit
  std::string share_id;    // "" when none
  std::string detail;
};

// A browser's Web Push subscription (docs/push.md): where to send its
// reminders and the keys to encrypt them for. One row per endpoint.
struct PushSubscriptionRecord {
  std::string id;  // SHA-256 hex of the endpoint
  std::string user_id;
  std::string session_hash;  // the session that subscribed: gone with it
  std::string endpoint;
  std::string p256dh;  // base64url, as PushSubscription.toJSON()
  std::string auth;    // base64url
  // The device's time zone as offsets over the coming year: a JSON array
  // of [from_ms, offset_minutes], sorted (the browser knows its zone's
  // rules; the server has no time zone database).
  std::string zone_offsets;
  int64_t created_ms = 0;
  // The due instant of the newest reminder sent (0: none): each scheduled
  // occurrence is pushed once (RemindersDue).
  int64_t last_reminder_ms = 0;
};

class AccountStore {
 public:
  virtual ~AccountStore() = default;

  // Creates the user with its hashed recovery codes and first session, all
  // or nothing. Error codes: "email-taken", "io-error".
  virtual Status CreateUser(const UserRecord& user,
                            const std::vector<std::string>& recovery_hashes,
                            const SessionRecord& session) = 0;
  // NotFound "user-not-found" when no such user.
  virtual Status FindUserByEmail(std::string_view email, UserRecord* out) = 0;
  virtual Status FindUserById(std::string_view id, UserRecord* out) = 0;

  virtual Status CreateSession(const SessionRecord& session) = 0;
  // NotFound "session-not-found" when no session has this hash.
  virtual Status FindSession(std::string_view token_hash,
                             SessionRecord* out) = 0;
  virtual Status UpdateSession(const SessionRecord& session) = 0;
  virtual Status DeleteSession(std::string_view token_hash) = 0;

  // Account recovery in one transaction: spends the unused recovery code
  // `code_hash` of `user_id`, sets the new password hash, ends every session
  // of the user and creates `session`. NotFound "recovery-failed" (nothing
  // changed) when the code is not an unused code of that user.
  virtual Status Recover(std::string_view user_id, std::string_view code_hash,
                         std::string_view new_password_hash,
                         const SessionRecord& session) = 0;

  // --- Sharing --------------------------------------------------------

  virtual Status CreateShare(const ShareRecord& share) = 0;
  // NotFound "share-not-found".
  virtual Status FindShare(std::string_view id, ShareRecord* out) = 0;
  // Shares made by `owner_id` / redeemed by `grantee_id`, newest first.
  virtual Status SharesByOwner(std::string_view owner_id,
                               std::vector<ShareRecord>* out) = 0;
  virtual Status SharesByGrantee(std::string_view grantee_id,
                                 std::vector<ShareRecord>* out) = 0;
  // Redeems the share whose code hashes to `code_hash` for `grantee_id`, at
  // most once, in one statement: only an unredeemed, unrevoked share that
  // has not expired at `now_ms` (and not the owner's own). NotFound
  // "invalid-code" otherwise (nothing changed).
  virtual Status RedeemShare(std::string_view code_hash,
                             std::string_view grantee_id, int64_t now_ms,
                             ShareRecord* out) = 0;
  // Revokes `owner_id`'s share `id` (again: keeps the first time).
  // NotFound "share-not-found" when it is not one of theirs.
  virtual Status RevokeShare(std::string_view owner_id, std::string_view id,
                             int64_t now_ms) = 0;
  virtual Status TouchShareViewed(std::string_view id, int64_t now_ms) = 0;
  // Sets the share's visit_ms and previous_view_ms.
  virtual Status SetShareVisit(std::string_view id, int64_t visit_ms,
                               int64_t previous_view_ms) = 0;

  virtual Status AppendAccessLog(const AccessEvent& event) = 0;
  // Events where `user_id` is the actor or the subject, oldest first.
  virtual Status AccessLogOf(std::string_view user_id,
                             std::vector<AccessEvent>* out) = 0;

  // --- Web Push -------------------------------------------------------

  // Stores `sub` by id: a new endpoint, or a browser subscribing again
  // (new keys, session or zone offsets). last_reminder_ms never goes back
  // for the same user, so a refresh does not repeat a reminder.
  virtual Status SavePushSubscription(const PushSubscriptionRecord& sub) = 0;
  // NotFound "subscription-not-found" unless `user_id` has subscription `id`.
  virtual Status DeletePushSubscription(std::string_view user_id,
                                        std::string_view id) = 0;
  // Every subscription (the reminder sender's round), or one user's.
  virtual Status PushSubscriptions(
      std::vector<PushSubscriptionRecord>* out) = 0;
  virtual Status PushSubscriptionsOf(
      std::string_view user_id, std::vector<PushSubscriptionRecord>* out) = 0;
  virtual Status SetPushReminded(std::string_view id,
                                 int64_t last_reminder_ms) = 0;

  // Removes the user, their sessions, recovery codes, device stamps, push
  // subscriptions, the shares they made, and the access log lines about
  // them, in one transaction. Shares of other people's journals the user
  // held end (revoked at `now_ms`, with a `share-revoke` line
  // "account-deleted" for the owner; their ids go to *ended_shares), and
  // stay in their owners' records with the lines of what the user did with
  // them: an owner's audit is theirs, so the user's email is kept as a
  // former user's (FormerUserEmail) while anything of an owner names them.
  virtual Status DeleteUser(std::string_view user_id, int64_t now_ms,
                            std::vector<std::string>* ended_shares) = 0;
  // The email of a deleted user that someone's shares or log still name;
  // NotFound otherwise.
  virtual Status FormerUserEmail(std::string_view id, std::string* email) = 0;

  // The highest change stamp `device` had pushed to `user_id`'s journal
  // when servers kept it here, "" if none (device-restored detection,
  // docs/sync-protocol.md). The journal keeps it now, in each push's own
  // transaction (Journal::DeviceMaxStamp); this is read when it has none.
  virtual Status DeviceMaxStamp(std::string_view user_id,
                                std::string_view device, std::string* out) = 0;
};

}  // namespace unknot::server

#endif  // UNKNOT_SERVER_ACCOUNTS_ACCOUNT_STORE_H_
