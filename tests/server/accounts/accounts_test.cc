// Accounts over the real SQLite store in a temporary folder, with a fake
// clock: sign-up, login, sessions (expiry, renewal, logout), recovery codes
// and the failed-login rate limit.
#include "accounts/accounts.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <sstream>

#include "accounts/secrets.h"
#include "accounts/sqlite_account_store.h"
#include "test_util.h"
#include "tuning.h"

namespace unknot::server {
namespace {

using testing::TempDir;

constexpr int64_t kDayMs = 24 * 3600 * 1000LL;

class AccountsTest : public ::testing::Test {
 protected:
  AccountsTest() {
    EXPECT_TRUE(InitSecrets());
    const Status s = SqliteAccountStore::Open(
        (dir_.path() / "accounts.db").string(), &store_);
    EXPECT_TRUE(s.ok()) << s.ToString();
    accounts_ = std::make_unique<Accounts>(store_.get(), &env_);
  }

  SessionGrant SignupOk(const std::string& email = "ann@example.org",
                        const std::string& password = "correct horse") {
    SessionGrant grant;
    const Status s = accounts_->Signup(email, password, "", &grant);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return grant;
  }

  std::string LoginCode(const std::string& email, const std::string& password,
                        const std::string& client = "10.0.0.1",
                        int64_t* retry = nullptr) {
    SessionGrant grant;
    int64_t retry_after = 0;
    const Status s =
        accounts_->Login(email, password, client, &grant, &retry_after);
    if (retry != nullptr) *retry = retry_after;
    return s.ok() ? "ok" : s.code();
  }

  std::string AuthCode(const std::string& token) {
    Principal who;
    const Status s = accounts_->Authenticate(token, &who);
    return s.ok() ? "ok" : s.code();
  }

  TempDir dir_;
  FakeEnv env_;
  std::unique_ptr<SqliteAccountStore> store_;
  std::unique_ptr<Accounts> accounts_;
};

TEST_F(AccountsTest, SignupGivesASessionAndTenRecoveryCodes) {
  const SessionGrant grant = SignupOk("  Ann@Example.ORG ");
  EXPECT_EQ(grant.user.email, "ann@example.org");
  EXPECT_EQ(grant.user.role, "patient");
  EXPECT_EQ(grant.user.id.size(), 32u);
  EXPECT_EQ(grant.token.size(), 43u);  // 256 bits, base64url
  EXPECT_EQ(grant.recovery_codes.size(), 10u);
  EXPECT_EQ(grant.expires_ms, env_.NowMillis() + 30 * kDayMs);
  EXPECT_EQ(AuthCode(grant.token), "ok");
  EXPECT_EQ(LoginCode("ANN@example.org", "correct horse"), "ok");
}

TEST_F(AccountsTest, SignupRefusals) {
  SignupOk();
  SessionGrant g;
  auto code = [&](const std::string& email, const std::string& password,
                  const std::string& role = "") {
    const Status s = accounts_->Signup(email, password, role, &g);
    return s.ok() ? "ok" : s.code();
  };
  EXPECT_EQ(code("ann@example.org", "another password"), "email-taken");
  EXPECT_EQ(code("Ann@Example.org", "another password"), "email-taken");
  EXPECT_EQ(code("not-an-address", "long enough"), "invalid-email");
  EXPECT_EQ(code("a b@example.org", "long enough"), "invalid-email");
  EXPECT_EQ(code("a@nodot", "long enough"), "invalid-email");
  EXPECT_EQ(code(std::string(250, 'a') + "@example.org", "long enough"),
            "invalid-email");
  EXPECT_EQ(code("bob@example.org", "short"), "weak-password");
  // Eight characters, more than eight bytes: "ééééééé" is 7 characters.
  EXPECT_EQ(code("bob@example.org",
                 "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
                 "\xC3\xA9\xC3\xA9"),
            "weak-password");
  EXPECT_EQ(code("bob@example.org", std::string(1025, 'x')),
            "password-too-long");
  EXPECT_EQ(code("bob@example.org", "long enough", "admin"), "invalid-role");
  EXPECT_EQ(code("bob@example.org", "long enough", "therapist"), "ok");
}

TEST_F(AccountsTest, SecretsAreStoredHashed) {
  const SessionGrant grant = SignupOk();
  std::ifstream in(dir_.path() / "accounts.db", std::ios::binary);
  std::stringstream raw;
  raw << in.rdbuf();
  std::ifstream wal(dir_.path() / "accounts.db-wal", std::ios::binary);
  raw << wal.rdbuf();
  EXPECT_EQ(raw.str().find(grant.token), std::string::npos);
  EXPECT_EQ(raw.str().find("correct horse"), std::string::npos);
  for (const auto& code : grant.recovery_codes)
    EXPECT_EQ(raw.str().find(code), std::string::npos) << code;
  EXPECT_NE(raw.str().find("$argon2id$v=19$m=19456,t=2,p=1$"),
            std::string::npos);
}

TEST_F(AccountsTest, WrongPasswordAndUnknownEmailAnswerAlike) {
  SignupOk();
  EXPECT_EQ(LoginCode("ann@example.org", "wrong password"), "login-failed");
  EXPECT_EQ(LoginCode("nobody@example.org", "correct horse"), "login-failed");
  EXPECT_EQ(LoginCode("ann@example.org", std::string(2000, 'x')),
            "login-failed");
}

TEST_F(AccountsTest, FailedLoginsAreRateLimitedPerEmail) {
  SignupOk();
  for (int i = 0; i < kLoginFailuresPerEmail; ++i)
    EXPECT_EQ(
        LoginCode("ann@example.org", "wrong", "10.0.0." + std::to_string(i)),
        "login-failed");
  int64_t retry = 0;
  // Even the right password, from a new address, waits.
  EXPECT_EQ(LoginCode("ann@example.org", "correct horse", "10.9.9.9", &retry),
            "too-many-attempts");
  EXPECT_GT(retry, 0);
  EXPECT_LE(retry, 15 * 60);
  // Another account is not affected.
  SignupOk("bob@example.org", "bob's password");
  EXPECT_EQ(LoginCode("bob@example.org", "bob's password"), "ok");
  env_.Advance(15 * 60 * 1000);
  EXPECT_EQ(LoginCode("ann@example.org", "correct horse"), "ok");
}

TEST_F(AccountsTest, FailedLoginsAreRateLimitedPerClient) {
  SignupOk();
  for (int i = 0; i < kLoginFailuresPerClient; ++i)
    EXPECT_EQ(LoginCode("user" + std::to_string(i) + "@example.org", "wrong",
                        "192.0.2.7"),
              "login-failed");
  EXPECT_EQ(LoginCode("ann@example.org", "correct horse", "192.0.2.7"),
            "too-many-attempts");
  EXPECT_EQ(LoginCode("ann@example.org", "correct horse", "192.0.2.8"), "ok");
}

TEST_F(AccountsTest, SessionsExpireRenewAndEndAtLogout) {
  const SessionGrant grant = SignupOk();
  EXPECT_EQ(AuthCode(""), "unauthorized");
  EXPECT_EQ(AuthCode("not-a-token"), "unauthorized");
  EXPECT_EQ(AuthCode(std::string(5000, 'a')), "unauthorized");
  // Used after 20 days (past half its life): renewed for 30 more.
  env_.Advance(20 * kDayMs);
  EXPECT_EQ(AuthCode(grant.token), "ok");
  env_.Advance(20 * kDayMs);
  EXPECT_EQ(AuthCode(grant.token), "ok");
  // Unused for 30 days: expired.
  env_.Advance(30 * kDayMs);
  EXPECT_EQ(AuthCode(grant.token), "unauthorized");

  SessionGrant login;
  int64_t retry = 0;
  ASSERT_TRUE(
      accounts_->Login("ann@example.org", "correct horse", "x", &login, &retry)
          .ok());
  Principal who;
  ASSERT_TRUE(accounts_->Authenticate(login.token, &who).ok());
  EXPECT_EQ(who.user_id, grant.user.id);
  ASSERT_TRUE(accounts_->Logout(who).ok());
  EXPECT_EQ(AuthCode(login.token), "unauthorized");
}

TEST_F(AccountsTest, RecoveryCodesWorkOnceAndEndOtherSessions) {
  const SessionGrant grant = SignupOk();
  SessionGrant recovered;
  int64_t retry = 0;
  std::string code = grant.recovery_codes[3];
  for (char& c : code) c = static_cast<char>(std::tolower(c));  // typed by hand
  Status s = accounts_->Recover("ann@example.org", code, "a new password",
                                "10.0.0.1", &recovered, &retry);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(AuthCode(grant.token), "unauthorized");  // other sessions end
  EXPECT_EQ(AuthCode(recovered.token), "ok");
  EXPECT_EQ(LoginCode("ann@example.org", "correct horse"), "login-failed");
  EXPECT_EQ(LoginCode("ann@example.org", "a new password"), "ok");
  // Spent.
  s = accounts_->Recover("ann@example.org", grant.recovery_codes[3],
                         "third password", "10.0.0.1", &recovered, &retry);
  EXPECT_EQ(s.code(), "recovery-failed");
  s = accounts_->Recover("ann@example.org", "0000-0000-0000-0000",
                         "third password", "10.0.0.1", &recovered, &retry);
  EXPECT_EQ(s.code(), "recovery-failed");
  s = accounts_->Recover("ann@example.org", grant.recovery_codes[4], "short",
                         "10.0.0.1", &recovered, &retry);
  EXPECT_EQ(s.code(), "weak-password");
  s = accounts_->Recover("ann@example.org", grant.recovery_codes[4],
                         "third password", "10.0.0.1", &recovered, &retry);
  EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST_F(AccountsTest, OnlyTheOwnerMayAccessAJournal) {
  Principal ann{"a", "h"};
  EXPECT_TRUE(MayAccessJournal(ann, "a", Access::kWrite));
  EXPECT_TRUE(MayAccessJournal(ann, "a", Access::kRead));
  EXPECT_FALSE(MayAccessJournal(ann, "b", Access::kRead));
  EXPECT_FALSE(MayAccessJournal(Principal{}, "", Access::kRead));
}

TEST(SecretsTest, RecoveryCodesNormalise) {
  ASSERT_TRUE(InitSecrets());
  const std::string code = NewRecoveryCode();
  EXPECT_EQ(code.size(), 19u);
  EXPECT_EQ(code[4], '-');
  EXPECT_EQ(NormalizeRecoveryCode("abcd-efgh-jkmn-pqrs"), "ABCDEFGHJKMNPQRS");
  EXPECT_EQ(NormalizeRecoveryCode("o0il-OOOO-1111-2222"), "0011000011112222");
  EXPECT_EQ(NormalizeRecoveryCode("abcd"), "");
  EXPECT_EQ(NormalizeRecoveryCode("abcd-efgh-jkmn-pqrsu"), "");
  EXPECT_EQ(NormalizeRecoveryCode("abcd-efgh-jkmn-pqr!"), "");
  EXPECT_EQ(Sha256Hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace unknot::server
