#include "accounts/secrets.h"

#include <sodium.h>

#include <condition_variable>
#include <mutex>

#include "tuning.h"

namespace unknot::server {
namespace {

// Counting semaphore (C++17 has none): at most kMaxConcurrentHashes argon2id
// computations at once, whatever thread pool calls in.
class HashSlots {
 public:
  void Acquire() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return in_use_ < kMaxConcurrentHashes; });
    ++in_use_;
  }
  void Release() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      --in_use_;
    }
    cv_.notify_one();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int in_use_ = 0;
};

HashSlots& Slots() {
  static HashSlots* slots = new HashSlots;
  return *slots;
}

class SlotGuard {
 public:
  SlotGuard() { Slots().Acquire(); }
  ~SlotGuard() { Slots().Release(); }
};

constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

}  // namespace

bool InitSecrets() { return sodium_init() >= 0; }

std::string HashPassword(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  SlotGuard slot;
  if (crypto_pwhash_str(out, password.data(), password.size(), kArgon2OpsLimit,
                        kArgon2MemLimit) != 0) {
    return "";
  }
  return out;
}

bool VerifyPassword(std::string_view password, const std::string& hash) {
  SlotGuard slot;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(),
                                  password.size()) == 0;
}

std::string RandomHex(size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), bytes);
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(),
                 reinterpret_cast<const unsigned char*>(raw.data()), bytes);
  hex.pop_back();
  return hex;
}

std::string RandomBase64Url(size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), bytes);
  const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(bytes, variant), '\0');
  sodium_bin2base64(out.data(), out.size(),
                    reinterpret_cast<const unsigned char*>(raw.data()), bytes,
                    variant);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(
      digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string CrockfordCode(const unsigned char* bytes, size_t n) {
  std::string code;
  for (size_t i = 0; i < n; ++i) {
    if (i > 0 && i % 4 == 0) code += '-';
    code += kCrockford[bytes[i] & 31];  // 256 = 8 x 32: no bias
  }
  return code;
}

std::string NormalizeCrockfordCode(std::string_view code, size_t symbols) {
  std::string out;
  for (char c : code) {
    if (c == '-' || c == ' ') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == 'O') c = '0';
    if (c == 'I' || c == 'L') c = '1';
    bool ok = false;
    for (const char* p = kCrockford; *p; ++p) ok = ok || *p == c;
    if (!ok || out.size() == symbols) return "";
    out += c;
  }
  return out.size() == symbols ? out : "";
}

std::string NewRecoveryCode() {
  unsigned char raw[16];
  randombytes_buf(raw, sizeof raw);
  return CrockfordCode(raw, sizeof raw);
}

std::string NormalizeRecoveryCode(std::string_view code) {
  return NormalizeCrockfordCode(code, 16);
}

}  // namespace unknot::server
