// The default AccountStore: SQLite in <data-dir>/accounts.db, WAL,
// synchronous=FULL (an acknowledged signup or login survives a power cut).
#ifndef UNKNOT_SERVER_ACCOUNTS_SQLITE_ACCOUNT_STORE_H_
#define UNKNOT_SERVER_ACCOUNTS_SQLITE_ACCOUNT_STORE_H_

#include <memory>
#include <mutex>
#include <string>

#include "accounts/account_store.h"

struct sqlite3;

namespace unknot::server {

class SqliteAccountStore : public AccountStore {
 public:
  // Opens or creates `path` and its schema. Error code: "io-error".
  static Status Open(const std::string& path,
                     std::unique_ptr<SqliteAccountStore>* out);
  ~SqliteAccountStore() override;

  Status CreateUser(const UserRecord& user,
                    const std::vector<std::string>& recovery_hashes,
                    const SessionRecord& session) override;
  Status FindUserByEmail(std::string_view email, UserRecord* out) override;
  Status FindUserById(std::string_view id, UserRecord* out) override;
  Status CreateSession(const SessionRecord& session) override;
  Status FindSession(std::string_view token_hash, SessionRecord* out) override;
  Status UpdateSession(const SessionRecord& session) override;
  Status DeleteSession(std::string_view token_hash) override;
  Status Recover(std::string_view user_id, std::string_view code_hash,
                 std::string_view new_password_hash,
                 const SessionRecord& session) override;
  Status CreateShare(const ShareRecord& share) override;
  Status FindShare(std::string_view id, ShareRecord* out) override;
  Status SharesByOwner(std::string_view owner_id,
                       std::vector<ShareRecord>* out) override;
  Status SharesByGrantee(std::string_view grantee_id,
                         std::vector<ShareRecord>* out) override;
  Status RedeemShare(std::string_view code_hash, std::string_view grantee_id,
                     int64_t now_ms, ShareRecord* out) override;
  Status RevokeShare(std::string_view owner_id, std::string_view id,
                     int64_t now_ms) override;
  Status TouchShareViewed(std::string_view id, int64_t now_ms) override;
  Status SetShareVisit(std::string_view id, int64_t visit_ms,
                       int64_t previous_view_ms) override;
  Status AppendAccessLog(const AccessEvent& event) override;
  Status AccessLogOf(std::string_view user_id,
                     std::vector<AccessEvent>* out) override;
  Status SavePushSubscription(const PushSubscriptionRecord& sub) override;
  Status DeletePushSubscription(std::string_view user_id,
                                std::string_view id) override;
  Status PushSubscriptions(std::vector<PushSubscriptionRecord>* out) override;
  Status PushSubscriptionsOf(std::string_view user_id,
                             std::vector<PushSubscriptionRecord>* out) override;
  Status SetPushReminded(std::string_view id,
                         int64_t last_reminder_ms) override;
  Status DeleteUser(std::string_view user_id, int64_t now_ms,
                    std::vector<std::string>* ended_shares) override;
  Status FormerUserEmail(std::string_view id, std::string* email) override;
  Status DeviceMaxStamp(std::string_view user_id, std::string_view device,
                        std::string* out) override;

 private:
  explicit SqliteAccountStore(sqlite3* db) : db_(db) {}
  Status FindUser(const char* sql, std::string_view key, UserRecord* out);
  Status QueryShares(const char* where, std::string_view key,
                     std::vector<ShareRecord>* out);
  Status QueryPushSubscriptions(const char* where, std::string_view key,
                                std::vector<PushSubscriptionRecord>* out);

  std::mutex mu_;  // guards db_
  sqlite3* db_;
};

}  // namespace unknot::server

#endif  // UNKNOT_SERVER_ACCOUNTS_SQLITE_ACCOUNT_STORE_H_
