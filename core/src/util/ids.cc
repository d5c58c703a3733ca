#include "util/ids.h"

#include <vector>

namespace unknot {

uint64_t Fnv1a64(std::string_view text) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::string HexEncode(const uint8_t* bytes, size_t n) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out(n * 2, '0');
  for (size_t i = 0; i < n; ++i) {
    out[2 * i] = kDigits[bytes[i] >> 4];
    out[2 * i + 1] = kDigits[bytes[i] & 0xF];
  }
  return out;
}

std::string Hex64(uint64_t value) {
  uint8_t bytes[8];
  for (int i = 7; i >= 0; --i) {
    bytes[i] = static_cast<uint8_t>(value & 0xFF);
    value >>= 8;
  }
  return HexEncode(bytes, 8);
}

std::string RandomHexId(Env* env, size_t bytes) {
  std::vector<uint8_t> raw(bytes);
  env->RandomBytes(raw.data(), raw.size());
  return HexEncode(raw.data(), raw.size());
}

}  // namespace unknot
