// Web Push messages as a push service takes them (docs/push.md): the
// payload encrypted for one browser's subscription (RFC 8291, the
// "aes128gcm" content coding of RFC 8188, one record) and this server's
// VAPID identity (RFC 8292: an ES256-signed JWT and the public key).
// OpenSSL only; no sockets (push_sender.h sends).
//
// Keys are raw bytes as the Push API hands them out: a P-256 public key is
// its 65-byte uncompressed point, an auth secret 16 bytes; both travel as
// base64url without padding.
#ifndef UNKNOT_SERVER_PUSH_WEB_PUSH_H_
#define UNKNOT_SERVER_PUSH_WEB_PUSH_H_

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "unknot/status.h"

namespace unknot::server {

// base64url (RFC 4648 §5) without padding. Decode accepts padding and
// refuses anything else that is not base64url (false, *out unchanged).
std::string Base64UrlEncode(std::string_view bytes);
bool Base64UrlDecode(std::string_view text, std::string* out);

// A browser's subscription keys (PushSubscription.getKey).
struct PushKeys {
  std::string p256dh;  // 65 bytes: the browser's P-256 public key
  std::string auth;    // 16 bytes: the auth secret
};
// Error code "invalid-subscription" unless p256dh is a point on P-256 and
// auth is 16 bytes.
Status CheckPushKeys(const PushKeys& keys);

// This server's VAPID key pair (P-256). Immutable after creation, so one
// instance may sign from any thread.
class VapidKey {
 public:
  // Reads the PEM private key at `path`, or creates one there (mode 0600)
  // when the file does not exist. Error code "io-error" (cannot read, write
  // or parse it; a corrupt file is never replaced).
  static Status LoadOrCreate(const std::filesystem::path& path,
                             std::unique_ptr<VapidKey>* out);
  // From a raw 32-byte private scalar (tests). Error code "invalid-key".
  static Status FromPrivateScalar(std::string_view scalar,
                                  std::unique_ptr<VapidKey>* out);
  ~VapidKey();
  VapidKey(const VapidKey&) = delete;
  VapidKey& operator=(const VapidKey&) = delete;

  // The 65-byte public key: the page's applicationServerKey and the `k=`
  // of every request.
  const std::string& public_key() const { return public_key_; }

  // The Authorization header value "vapid t=<JWT>, k=<public key>" for a
  // request to a push service at `audience` (its origin,
  // "https://host[:port]"), valid until `expires_s` (UTC seconds; push
  // services refuse more than 24 h ahead). `subject` is the operator's
  // contact ("mailto:…" or "https://…"). Error code "crypto-error".
  Status Authorization(std::string_view audience, std::string_view subject,
                       int64_t expires_s, std::string* out) const;

 private:
  struct Key;
  explicit VapidKey(std::unique_ptr<Key> key, std::string public_key);
  std::unique_ptr<Key> key_;
  std::string public_key_;
};

// Encrypts `plaintext` for `keys` as one aes128gcm record (RFC 8291 §4):
// salt, record size, the sender's ephemeral public key, then the
// ciphertext. `salt` (16 bytes) and `sender_scalar` (a 32-byte private key)
// are random unless given (tests reproduce RFC 8291's example with them).
// Error codes: "invalid-subscription" (CheckPushKeys), "payload-too-large"
// (over kMaxPushPayloadBytes), "crypto-error".
inline constexpr size_t kMaxPushPayloadBytes = 3993;  // RFC 8291 §4
Status EncryptPushPayload(std::string_view plaintext, const PushKeys& keys,
                          std::string* body, std::string_view salt = {},
                          std::string_view sender_scalar = {});

// The browser's side: decrypts what EncryptPushPayload made, with the
// subscription's private scalar. For tests and the load generator; the
// server never holds a browser's private key. Error code "crypto-error"
// (malformed body, wrong key, tampered ciphertext).
Status DecryptPushPayload(std::string_view body, std::string_view ua_scalar,
                          const PushKeys& keys, std::string* plaintext);

// Checks a JWT of Authorization() against `public_key` (65 bytes) and
// returns its claims JSON. For tests and a fake push service. Error code
// "invalid-jwt".
Status VerifyVapidJwt(std::string_view jwt, std::string_view public_key,
                      std::string* claims_json);

}  // namespace unknot::server

#endif  // UNKNOT_SERVER_PUSH_WEB_PUSH_H_
