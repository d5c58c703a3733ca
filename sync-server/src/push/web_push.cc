#include "push/web_push.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <sys/stat.h>

#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>

namespace unknot::server {
namespace {

constexpr size_t kPointBytes = 65;  // uncompressed P-256 point
constexpr size_t kScalarBytes = 32;
constexpr size_t kAuthBytes = 16;
constexpr size_t kSaltBytes = 16;
constexpr size_t kTagBytes = 16;
constexpr uint32_t kRecordSize = 4096;
constexpr size_t kHeaderBytes = kSaltBytes + 4 + 1 + kPointBytes;  // 86

constexpr char kB64Url[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

Status CryptoError(const char* what) {
  return Status::IOError("crypto-error", std::string("web push: ") + what);
}

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct CipherCtxFree {
  void operator()(EVP_CIPHER_CTX* p) const { EVP_CIPHER_CTX_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// A P-256 key from raw parts: a public point, and the private scalar when
// given. nullptr when they are not a valid key.
Pkey MakeKey(std::string_view point, std::string_view scalar) {
  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  BIGNUM* priv = nullptr;
  bool ok = bld != nullptr &&
            OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME,
                                            "prime256v1", 0) &&
            OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY,
                                             point.data(), point.size());
  if (ok && !scalar.empty()) {
    priv = BN_bin2bn(Bytes(scalar), static_cast<int>(scalar.size()), nullptr);
    ok = priv != nullptr &&
         OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, priv);
  }
  OSSL_PARAM* params = ok ? OSSL_PARAM_BLD_to_param(bld) : nullptr;
  EVP_PKEY* key = nullptr;
  std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> ctx(
      EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  if (params != nullptr && ctx && EVP_PKEY_fromdata_init(ctx.get()) > 0) {
    EVP_PKEY_fromdata(ctx.get(), &key,
                      scalar.empty() ? EVP_PKEY_PUBLIC_KEY : EVP_PKEY_KEYPAIR,
                      params);
  }
  OSSL_PARAM_free(params);
  BN_clear_free(priv);
  OSSL_PARAM_BLD_free(bld);
  Pkey out(key);
  if (out) {
    // fromdata takes any bytes; the point must lie on the curve.
    std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> check(
        EVP_PKEY_CTX_new_from_pkey(nullptr, out.get(), nullptr));
    if (!check || EVP_PKEY_public_check(check.get()) <= 0) out.reset();
  }
  return out;
}

// The public point of a private scalar (P-256 base point times scalar).
bool PointOfScalar(std::string_view scalar, std::string* point) {
  EC_GROUP* group = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1);
  EC_POINT* p = group ? EC_POINT_new(group) : nullptr;
  BIGNUM* k =
      BN_bin2bn(Bytes(scalar), static_cast<int>(scalar.size()), nullptr);
  bool ok = p != nullptr && k != nullptr && !BN_is_zero(k) &&
            EC_POINT_mul(group, p, k, nullptr, nullptr, nullptr) == 1;
  if (ok) {
    point->assign(kPointBytes, '\0');
    ok = EC_POINT_point2oct(group, p, POINT_CONVERSION_UNCOMPRESSED,
                            reinterpret_cast<unsigned char*>(point->data()),
                            point->size(), nullptr) == kPointBytes;
  }
  BN_clear_free(k);
  EC_POINT_free(p);
  EC_GROUP_free(group);
  return ok;
}

bool PublicPointOf(EVP_PKEY* key, std::string* point) {
  unsigned char buf[kPointBytes];
  size_t len = 0;
  if (EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, buf,
                                      sizeof(buf), &len) != 1 ||
      len != kPointBytes) {
    return false;
  }
  point->assign(reinterpret_cast<char*>(buf), len);
  return true;
}

bool Ecdh(EVP_PKEY* own, EVP_PKEY* peer, std::string* secret) {
  std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> ctx(
      EVP_PKEY_CTX_new_from_pkey(nullptr, own, nullptr));
  size_t len = 0;
  if (!ctx || EVP_PKEY_derive_init(ctx.get()) <= 0 ||
      EVP_PKEY_derive_set_peer(ctx.get(), peer) <= 0 ||
      EVP_PKEY_derive(ctx.get(), nullptr, &len) <= 0) {
    return false;
  }
  secret->assign(len, '\0');
  return EVP_PKEY_derive(ctx.get(),
                         reinterpret_cast<unsigned char*>(secret->data()),
                         &len) > 0 &&
         len == kScalarBytes;
}

std::string HmacSha256(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), Bytes(data),
       data.size(), out, &len);
  return std::string(reinterpret_cast<char*>(out), len);
}

// HKDF-Expand with one block (every output here is <= 32 bytes).
std::string HkdfExpand(std::string_view prk, std::string_view info,
                       size_t length) {
  std::string block(info);
  block.push_back('\x01');
  return HmacSha256(prk, block).substr(0, length);
}

// RFC 8291 §3.4: the content key and nonce of a message between the
// browser's key `ua_point` and the sender's `as_point`.
struct ContentKeys {
  std::string cek;    // 16 bytes
  std::string nonce;  // 12 bytes
};
ContentKeys DeriveContentKeys(std::string_view ecdh_secret,
                              std::string_view auth, std::string_view ua_point,
                              std::string_view as_point,
                              std::string_view salt) {
  std::string key_info("WebPush: info", 13);
  key_info.push_back('\0');
  key_info.append(ua_point).append(as_point);
  const std::string ikm =
      HkdfExpand(HmacSha256(auth, ecdh_secret), key_info, 32);
  const std::string prk = HmacSha256(salt, ikm);
  return {HkdfExpand(prk, std::string("Content-Encoding: aes128gcm\0", 28), 16),
          HkdfExpand(prk, std::string("Content-Encoding: nonce\0", 24), 12)};
}

bool AesGcm(bool encrypt, const ContentKeys& keys, std::string_view in,
            std::string_view tag_in, std::string* out, std::string* tag_out) {
  std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree> ctx(EVP_CIPHER_CTX_new());
  if (!ctx ||
      EVP_CipherInit_ex(ctx.get(), EVP_aes_128_gcm(), nullptr, Bytes(keys.cek),
                        Bytes(keys.nonce), encrypt ? 1 : 0) != 1) {
    return false;
  }
  out->assign(in.size() + kTagBytes, '\0');
  auto* dst = reinterpret_cast<unsigned char*>(out->data());
  int len = 0, tail = 0;
  if (EVP_CipherUpdate(ctx.get(), dst, &len, Bytes(in),
                       static_cast<int>(in.size())) != 1) {
    return false;
  }
  if (!encrypt &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes,
                          const_cast<char*>(tag_in.data())) != 1) {
    return false;
  }
  if (EVP_CipherFinal_ex(ctx.get(), dst + len, &tail) != 1) return false;
  out->resize(static_cast<size_t>(len + tail));
  if (encrypt) {
    tag_out->assign(kTagBytes, '\0');
    return EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes,
                               tag_out->data()) == 1;
  }
  return true;
}

bool RandomBytes(size_t n, std::string* out) {
  out->assign(n, '\0');
  return RAND_bytes(reinterpret_cast<unsigned char*>(out->data()),
                    static_cast<int>(n)) == 1;
}

// A fresh P-256 key pair as its raw scalar.
bool NewScalar(std::string* scalar) {
  Pkey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  BIGNUM* d = nullptr;
  if (!key ||
      EVP_PKEY_get_bn_param(key.get(), OSSL_PKEY_PARAM_PRIV_KEY, &d) != 1)
    return false;
  scalar->assign(kScalarBytes, '\0');
  const bool ok =
      BN_bn2binpad(d, reinterpret_cast<unsigned char*>(scalar->data()),
                   kScalarBytes) == kScalarBytes;
  BN_clear_free(d);
  return ok;
}

}  // namespace

std::string Base64UrlEncode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kB64Url[(acc >> bits) & 63]);
    }
  }
  if (bits > 0) out.push_back(kB64Url[(acc << (6 - bits)) & 63]);
  return out;
}

bool Base64UrlDecode(std::string_view text, std::string* out) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  if (text.size() % 4 == 1) return false;
  std::string bytes;
  bytes.reserve(text.size() * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    const char* at = std::strchr(kB64Url, c);
    if (c == '\0' || at == nullptr) return false;
    acc = (acc << 6) | static_cast<uint32_t>(at - kB64Url);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  *out = std::move(bytes);
  return true;
}

Status CheckPushKeys(const PushKeys& keys) {
  if (keys.auth.size() != kAuthBytes) {
    return Status::Invalid("invalid-subscription",
                           "The subscription's auth secret must be 16 bytes.");
  }
  if (keys.p256dh.size() != kPointBytes || keys.p256dh[0] != '\x04' ||
      !MakeKey(keys.p256dh, {})) {
    return Status::Invalid(
        "invalid-subscription",
        "The subscription's p256dh key is not a P-256 public key.");
  }
  return Status::OK();
}

// ---- VapidKey ----------------------------------------------------------

struct VapidKey::Key {
  Pkey pkey;
};

VapidKey::VapidKey(std::unique_ptr<Key> key, std::string public_key)
    : key_(std::move(key)), public_key_(std::move(public_key)) {}
VapidKey::~VapidKey() = default;

Status VapidKey::FromPrivateScalar(std::string_view scalar,
                                   std::unique_ptr<VapidKey>* out) {
  std::string point;
  Pkey pkey;
  if (scalar.size() == kScalarBytes && PointOfScalar(scalar, &point)) {
    pkey = MakeKey(point, scalar);
  }
  if (!pkey) return Status::Invalid("invalid-key", "Not a P-256 private key.");
  out->reset(new VapidKey(std::make_unique<Key>(Key{std::move(pkey)}),
                          std::move(point)));
  return Status::OK();
}

Status VapidKey::LoadOrCreate(const std::filesystem::path& path,
                              std::unique_ptr<VapidKey>* out) {
  const std::string name = path.string();
  Pkey pkey;
  if (FILE* f = std::fopen(name.c_str(), "rb")) {
    pkey.reset(PEM_read_PrivateKey(f, nullptr, nullptr, nullptr));
    std::fclose(f);
    if (!pkey || EVP_PKEY_is_a(pkey.get(), "EC") != 1) {
      return Status::IOError("io-error",
                             name + " is not a PEM P-256 private key");
    }
  } else {
    pkey.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    if (!pkey) return CryptoError("cannot generate a key");
    // Written to a temporary file first, so a crash never leaves half a key.
    const std::string tmp = name + ".tmp";
    const mode_t old_mask = umask(077);
    FILE* w = std::fopen(tmp.c_str(), "wb");
    umask(old_mask);
    const bool written =
        w != nullptr && PEM_write_PrivateKey(w, pkey.get(), nullptr, nullptr, 0,
                                             nullptr, nullptr) == 1;
    const bool closed = w != nullptr && std::fclose(w) == 0;
    if (!written || !closed || std::rename(tmp.c_str(), name.c_str()) != 0) {
      std::remove(tmp.c_str());
      return Status::IOError("io-error", "cannot write " + name);
    }
  }
  std::string point;
  if (!PublicPointOf(pkey.get(), &point)) {
    return Status::IOError("io-error", name + " is not a P-256 key");
  }
  out->reset(new VapidKey(std::make_unique<Key>(Key{std::move(pkey)}),
                          std::move(point)));
  return Status::OK();
}

Status VapidKey::Authorization(std::string_view audience,
                               std::string_view subject, int64_t expires_s,
                               std::string* out) const {
  nlohmann::json claims = {{"aud", std::string(audience)},
                           {"exp", expires_s},
                           {"sub", std::string(subject)}};
  const std::string signing_input =
      Base64UrlEncode(R"({"typ":"JWT","alg":"ES256"})") + "." +
      Base64UrlEncode(claims.dump());
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> md(EVP_MD_CTX_new());
  size_t der_len = 0;
  if (!md ||
      EVP_DigestSignInit(md.get(), nullptr, EVP_sha256(), nullptr,
                         key_->pkey.get()) != 1 ||
      EVP_DigestSign(md.get(), nullptr, &der_len, Bytes(signing_input),
                     signing_input.size()) != 1) {
    return CryptoError("cannot sign");
  }
  std::string der(der_len, '\0');
  auto* der_bytes = reinterpret_cast<unsigned char*>(der.data());
  if (EVP_DigestSign(md.get(), der_bytes, &der_len, Bytes(signing_input),
                     signing_input.size()) != 1) {
    return CryptoError("cannot sign");
  }
  // JWS wants r || s, 32 bytes each; OpenSSL gives DER.
  const unsigned char* p = der_bytes;
  ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der_len));
  if (sig == nullptr) return CryptoError("cannot read the signature");
  unsigned char raw[2 * kScalarBytes];
  const bool ok =
      BN_bn2binpad(ECDSA_SIG_get0_r(sig), raw, kScalarBytes) == kScalarBytes &&
      BN_bn2binpad(ECDSA_SIG_get0_s(sig), raw + kScalarBytes, kScalarBytes) ==
          kScalarBytes;
  ECDSA_SIG_free(sig);
  if (!ok) return CryptoError("cannot encode the signature");
  *out = "vapid t=" + signing_input + "." +
         Base64UrlEncode(
             std::string_view(reinterpret_cast<char*>(raw), sizeof(raw))) +
         ", k=" + Base64UrlEncode(public_key_);
  return Status::OK();
}

// ---- Payloads ----------------------------------------------------------

Status EncryptPushPayload(std::string_view plaintext, const PushKeys& keys,
                          std::string* body, std::string_view salt,
                          std::string_view sender_scalar) {
  UNKNOT_RETURN_IF_ERROR(CheckPushKeys(keys));
  if (plaintext.size() > kMaxPushPayloadBytes) {
    return Status::Invalid("payload-too-large",
                           "A push message holds at most 3,993 bytes.");
  }
  std::string salt_bytes(salt), scalar(sender_scalar), as_point, secret;
  if (salt_bytes.empty() && !RandomBytes(kSaltBytes, &salt_bytes)) {
    return CryptoError("no randomness");
  }
  if (scalar.empty() && !NewScalar(&scalar)) return CryptoError("no key");
  Pkey own, peer;
  if (salt_bytes.size() == kSaltBytes && PointOfScalar(scalar, &as_point)) {
    own = MakeKey(as_point, scalar);
    peer = MakeKey(keys.p256dh, {});
  }
  if (!own || !peer || !Ecdh(own.get(), peer.get(), &secret)) {
    return CryptoError("key agreement failed");
  }
  const ContentKeys ck =
      DeriveContentKeys(secret, keys.auth, keys.p256dh, as_point, salt_bytes);
  std::string padded(plaintext);
  padded.push_back('\x02');  // the last (only) record's delimiter
  std::string ciphertext, tag;
  if (!AesGcm(true, ck, padded, {}, &ciphertext, &tag)) {
    return CryptoError("encryption failed");
  }
  std::string out = salt_bytes;
  for (int shift = 24; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((kRecordSize >> shift) & 0xff));
  }
  out.push_back(static_cast<char>(kPointBytes));
  out += as_point + ciphertext + tag;
  *body = std::move(out);
  return Status::OK();
}

Status DecryptPushPayload(std::string_view body, std::string_view ua_scalar,
                          const PushKeys& keys, std::string* plaintext) {
  if (body.size() < kHeaderBytes + kTagBytes + 1 ||
      static_cast<unsigned char>(body[20]) != kPointBytes) {
    return CryptoError("not an aes128gcm body");
  }
  const std::string_view salt = body.substr(0, kSaltBytes);
  const std::string_view as_point = body.substr(21, kPointBytes);
  const std::string_view sealed = body.substr(kHeaderBytes);
  Pkey own = MakeKey(keys.p256dh, ua_scalar);
  Pkey peer = MakeKey(as_point, {});
  std::string secret, padded;
  if (!own || !peer || !Ecdh(own.get(), peer.get(), &secret)) {
    return CryptoError("key agreement failed");
  }
  const ContentKeys ck =
      DeriveContentKeys(secret, keys.auth, keys.p256dh, as_point, salt);
  if (!AesGcm(false, ck, sealed.substr(0, sealed.size() - kTagBytes),
              sealed.substr(sealed.size() - kTagBytes), &padded, nullptr) ||
      padded.empty() || padded.back() != '\x02') {
    return CryptoError("decryption failed");
  }
  padded.pop_back();
  *plaintext = std::move(padded);
  return Status::OK();
}

Status VerifyVapidJwt(std::string_view jwt, std::string_view public_key,
                      std::string* claims_json) {
  const Status bad = Status::Invalid("invalid-jwt", "Not a valid VAPID JWT.");
  const size_t dot1 = jwt.find('.');
  const size_t dot2 = jwt.rfind('.');
  std::string header, claims, raw;
  if (dot1 == std::string_view::npos || dot1 == dot2 ||
      !Base64UrlDecode(jwt.substr(0, dot1), &header) ||
      !Base64UrlDecode(jwt.substr(dot1 + 1, dot2 - dot1 - 1), &claims) ||
      !Base64UrlDecode(jwt.substr(dot2 + 1), &raw) ||
      raw.size() != 2 * kScalarBytes) {
    return bad;
  }
  const nlohmann::json h = nlohmann::json::parse(header, nullptr, false);
  if (!h.is_object() || h.value("alg", "") != "ES256") return bad;
  Pkey key = MakeKey(public_key, {});
  ECDSA_SIG* sig = ECDSA_SIG_new();
  BIGNUM* r = BN_bin2bn(Bytes(raw), kScalarBytes, nullptr);
  BIGNUM* s = BN_bin2bn(Bytes(raw) + kScalarBytes, kScalarBytes, nullptr);
  unsigned char* der = nullptr;
  int der_len = -1;
  if (sig != nullptr && r != nullptr && s != nullptr &&
      ECDSA_SIG_set0(sig, r, s) == 1) {
    r = s = nullptr;  // owned by sig now
    der_len = i2d_ECDSA_SIG(sig, &der);
  }
  BN_free(r);
  BN_free(s);
  ECDSA_SIG_free(sig);
  const std::string_view input = jwt.substr(0, dot2);
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> md(EVP_MD_CTX_new());
  const bool ok = key && der_len > 0 && md &&
                  EVP_DigestVerifyInit(md.get(), nullptr, EVP_sha256(), nullptr,
                                       key.get()) == 1 &&
                  EVP_DigestVerify(md.get(), der, static_cast<size_t>(der_len),
                                   Bytes(input), input.size()) == 1;
  OPENSSL_free(der);
  if (!ok) return bad;
  *claims_json = std::move(claims);
  return Status::OK();
}

}  // namespace unknot::server
