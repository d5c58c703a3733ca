#include "accounts/accounts.h"

#include <algorithm>

#include "accounts/secrets.h"
#include "app/access_log.h"
#include "tuning.h"

namespace unknot::server {
namespace {

int64_t ToMillis(std::chrono::milliseconds d) { return d.count(); }

// Code points, not bytes: "≥ 8 characters" for people.
size_t CountCodePoints(std::string_view s) {
  return std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  });
}

Status CheckPassword(std::string_view password) {
  if (password.size() > kMaxPasswordBytes) {
    return Status::Invalid("password-too-long",
                           "A password is at most 1024 bytes.");
  }
  if (CountCodePoints(password) < kMinPasswordChars) {
    return Status::Invalid("weak-password",
                           "A password needs at least 8 characters.");
  }
  return Status::OK();
}

// A real argon2id string to verify against when the email is unknown, so a
// missing account costs the same time as a wrong password.
const std::string& DummyHash() {
  static const std::string* hash =
      new std::string(HashPassword("unknot-dummy-password"));
  return *hash;
}

Status LoginFailed() {
  return Status::Invalid("login-failed", "Wrong email or password.");
}

}  // namespace

bool MayAccessJournal(const Principal& who, std::string_view owner_id,
                      Access access, const ShareRecord* grant, int64_t now_ms) {
  if (who.user_id.empty()) return false;
  if (who.user_id == owner_id) return true;
  return access != Access::kWrite && grant != nullptr &&
         grant->owner_id == owner_id && grant->grantee_id == who.user_id &&
         grant->revoked_ms == 0 && now_ms < grant->expires_ms;
}

std::string NormalizeEmail(std::string_view email) {
  while (!email.empty() && (email.front() == ' ' || email.front() == '\t'))
    email.remove_prefix(1);
  while (!email.empty() && (email.back() == ' ' || email.back() == '\t'))
    email.remove_suffix(1);
  if (email.size() > kMaxEmailBytes) return "";
  std::string out;
  for (char c : email) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F) return "";  // spaces, controls
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  const auto at = out.find('@');
  if (at == std::string::npos || at == 0 || out.find('@', at + 1) != out.npos)
    return "";
  const std::string_view domain = std::string_view(out).substr(at + 1);
  const auto dot = domain.find('.');
  if (domain.empty() || dot == 0 || dot == domain.npos ||
      domain.back() == '.') {
    return "";
  }
  return out;
}

Accounts::Accounts(AccountStore* store, Env* env)
    : store_(store),
      env_(env),
      by_email_(kLoginFailuresPerEmail, ToMillis(kLoginWindow),
                kRateLimitMaxKeys),
      by_client_(kLoginFailuresPerClient, ToMillis(kLoginWindow),
                 kRateLimitMaxKeys) {}

Status Accounts::NewSession(const std::string& user_id, SessionRecord* record,
                            std::string* token) {
  *token = RandomBase64Url(kTokenBytes);
  const int64_t now = env_->NowMillis();
  record->token_hash = Sha256Hex(*token);
  record->user_id = user_id;
  record->expires_ms = now + ToMillis(kSessionLifetime);
  record->last_used_ms = now;
  return Status::OK();
}

Status Accounts::Signup(std::string_view email, std::string_view password,
                        std::string_view role, SessionGrant* out) {
  UserRecord user;
  user.email = NormalizeEmail(email);
  if (user.email.empty())
    return Status::Invalid("invalid-email", "Not an email address.");
  Status s = CheckPassword(password);
  if (!s.ok()) return s;
  if (role.empty()) role = "patient";
  if (role != "patient" && role != "therapist") {
    return Status::Invalid("invalid-role",
                           "role is \"patient\" or \"therapist\".");
  }
  user.id = RandomHex(16);
  user.role = std::string(role);
  user.created_ms = env_->NowMillis();
  user.password_hash = HashPassword(password);
  if (user.password_hash.empty())
    return Status::IOError("io-error", "Could not hash the password.");
  std::vector<std::string> hashes;
  out->recovery_codes.clear();
  for (int i = 0; i < kRecoveryCodes; ++i) {
    out->recovery_codes.push_back(NewRecoveryCode());
    hashes.push_back(Sha256Hex(
        user.id + ":" + NormalizeRecoveryCode(out->recovery_codes.back())));
  }
  SessionRecord session;
  NewSession(user.id, &session, &out->token);
  s = store_->CreateUser(user, hashes, session);
  if (!s.ok()) return s;
  out->user = user;
  out->expires_ms = session.expires_ms;
  return Status::OK();
}

Status Accounts::CheckRateLimit(const std::string& email,
                                std::string_view client,
                                int64_t* retry_after_s) {
  const int64_t now = env_->NowMillis();
  *retry_after_s = std::max(
      by_email_.RetryAfterSeconds("email:" + email, now),
      by_client_.RetryAfterSeconds("addr:" + std::string(client), now));
  if (*retry_after_s == 0) return Status::OK();
  return Status::Invalid("too-many-attempts",
                         "Too many failed attempts; try again later.");
}

void Accounts::RecordFailure(const std::string& email,
                             std::string_view client) {
  const int64_t now = env_->NowMillis();
  by_email_.RecordFailure("email:" + email, now);
  by_client_.RecordFailure("addr:" + std::string(client), now);
}

Status Accounts::Login(std::string_view email, std::string_view password,
                       std::string_view client, SessionGrant* out,
                       int64_t* retry_after_s) {
  const std::string normal = NormalizeEmail(email);
  Status s = CheckRateLimit(normal, client, retry_after_s);
  if (!s.ok()) return s;
  if (password.size() > kMaxPasswordBytes) return LoginFailed();
  UserRecord user;
  s = store_->FindUserByEmail(normal, &user);
  if (!s.ok() && !s.IsNotFound()) return s;
  const bool known = s.ok();
  if (!VerifyPassword(password, known ? user.password_hash : DummyHash()) ||
      !known) {
    RecordFailure(normal, client);
    if (known) AuditLogin(user.id, "login-refused", "wrong-password");
    return LoginFailed();
  }
  by_email_.Reset("email:" + normal);
  SessionRecord session;
  NewSession(user.id, &session, &out->token);
  s = store_->CreateSession(session);
  if (!s.ok()) return s;
  AuditLogin(user.id, "login", "");
  out->user = user;
  out->expires_ms = session.expires_ms;
  return Status::OK();
}

Status Accounts::Recover(std::string_view email, std::string_view code,
                         std::string_view new_password, std::string_view client,
                         SessionGrant* out, int64_t* retry_after_s) {
  const std::string normal = NormalizeEmail(email);
  Status s = CheckRateLimit(normal, client, retry_after_s);
  if (!s.ok()) return s;
  s = CheckPassword(new_password);
  if (!s.ok()) return s;
  const Status failed =
      Status::Invalid("recovery-failed", "Wrong email or recovery code.");
  UserRecord user;
  s = store_->FindUserByEmail(normal, &user);
  const std::string normal_code = NormalizeRecoveryCode(code);
  if (!s.ok() || normal_code.empty()) {
    if (!s.ok() && !s.IsNotFound()) return s;
    RecordFailure(normal, client);
    if (s.ok()) AuditLogin(user.id, "login-refused", "recovery-code");
    return failed;
  }
  const std::string hash = HashPassword(new_password);
  if (hash.empty())
    return Status::IOError("io-error", "Could not hash the password.");
  SessionRecord session;
  NewSession(user.id, &session, &out->token);
  s = store_->Recover(user.id, Sha256Hex(user.id + ":" + normal_code), hash,
                      session);
  if (s.IsNotFound()) {
    RecordFailure(normal, client);
    AuditLogin(user.id, "login-refused", "recovery-code");
    return failed;
  }
  if (!s.ok()) return s;
  by_email_.Reset("email:" + normal);
  AuditLogin(user.id, "login", "recovery-code");
  out->user = user;
  out->user.password_hash = hash;
  out->expires_ms = session.expires_ms;
  return Status::OK();
}

void AppendAccessEvent(AccountStore* store, const AccessEvent& event) {
  const Status s = store->AppendAccessLog(event);
  if (!s.ok()) LogEvent("error", "access log: " + s.ToString());
}

void Accounts::AuditLogin(const std::string& user_id, const char* action,
                          const char* detail) {
  AppendAccessEvent(store_,
                    {env_->NowMillis(), user_id, user_id, action, "", detail});
}

Status Accounts::Logout(const Principal& who) {
  return store_->DeleteSession(who.token_hash);
}

Status Accounts::Authenticate(std::string_view token, Principal* out) {
  const Status unauthorized = Status::Invalid(
      "unauthorized", "Sign in again: the session is missing or has ended.");
  if (token.empty() || token.size() > kMaxTokenBytes) return unauthorized;
  SessionRecord session;
  Status s = store_->FindSession(Sha256Hex(token), &session);
  if (s.IsNotFound()) return unauthorized;
  if (!s.ok()) return s;
  const int64_t now = env_->NowMillis();
  if (now >= session.expires_ms) {
    store_->DeleteSession(session.token_hash);
    return unauthorized;
  }
  // Renew after half the lifetime; record use at most every
  // kSessionTouchInterval, so a busy device does not write on every request.
  const int64_t lifetime = ToMillis(kSessionLifetime);
  if (session.expires_ms - now < lifetime / 2 ||
      now - session.last_used_ms >= ToMillis(kSessionTouchInterval)) {
    if (session.expires_ms - now < lifetime / 2)
      session.expires_ms = now + lifetime;
    session.last_used_ms = now;
    s = store_->UpdateSession(session);
    if (!s.ok()) return s;
  }
  out->user_id = session.user_id;
  out->token_hash = session.token_hash;
  return Status::OK();
}

Status Accounts::VerifyUserPassword(const Principal& who,
                                    std::string_view password) {
  UserRecord user;
  Status s = store_->FindUserById(who.user_id, &user);
  if (!s.ok() && !s.IsNotFound()) return s;
  if (!s.ok() || password.size() > kMaxPasswordBytes ||
      !VerifyPassword(password, user.password_hash)) {
    return LoginFailed();
  }
  return Status::OK();
}

Status Accounts::DeleteUser(const Principal& who,
                            std::vector<std::string>* ended_shares) {
  return store_->DeleteUser(who.user_id, env_->NowMillis(), ended_shares);
}

Status Accounts::GetUser(std::string_view user_id, UserRecord* out) {
  return store_->FindUserById(user_id, out);
}

}  // namespace unknot::server
