// Password hashing and random secrets, via libsodium.
//
// Passwords: argon2id (crypto_pwhash_str) at OWASP's minimum, m = 19 MiB,
// t = 2, p = 1. Each hash takes tens of milliseconds and 19 MiB, so at most
// kMaxConcurrentHashes run at once (a semaphore: callers beyond it wait),
// which bounds the memory a login flood can take. Callers should run these
// off the io threads (the server's hash lane, http/api_routes.h).
#ifndef UNKNOT_SERVER_ACCOUNTS_SECRETS_H_
#define UNKNOT_SERVER_ACCOUNTS_SECRETS_H_

#include <string>
#include <string_view>

namespace unknot::server {

// Initialises libsodium; false if it cannot (the server must not start).
bool InitSecrets();

// The argon2id string of `password` ("" if libsodium ran out of memory).
std::string HashPassword(std::string_view password);
// True if `password` matches `hash` (a crypto_pwhash_str string).
bool VerifyPassword(std::string_view password, const std::string& hash);

// `bytes` random bytes as lowercase hex / base64url without padding.
std::string RandomHex(size_t bytes);
std::string RandomBase64Url(size_t bytes);
// SHA-256 of `data`, lowercase hex: how tokens and recovery codes are stored.
std::string Sha256Hex(std::string_view data);

// Recovery codes: 16 Crockford base32 characters (80 random bits) in four
// groups, "7XK2-9QMD-…". NormalizeRecoveryCode uppercases, drops dashes and
// spaces and maps the look-alikes (O→0, I/L→1) so a code typed by hand
// matches; "" if it cannot be a code.
std::string NewRecoveryCode();
std::string NormalizeRecoveryCode(std::string_view code);

// Crockford base32 codes people type (recovery codes, share invitations):
// one symbol per random byte (the low 5 bits: 256 = 8 x 32, so uniform),
// in groups of 4 joined by '-'.
std::string CrockfordCode(const unsigned char* bytes, size_t n);
// `code` as typed (any case, dashes and spaces, O for 0, I/L for 1) folded
// to its `symbols` canonical symbols; "" when it is not such a code.
std::string NormalizeCrockfordCode(std::string_view code, size_t symbols);

}  // namespace unknot::server

#endif  // UNKNOT_SERVER_ACCOUNTS_SECRETS_H_
