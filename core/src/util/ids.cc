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

namespace unknot {

std::string NewRowId(Env* env, int64_t now_ms, std::string* last) {
  uint8_t raw[16];
  uint64_t ms = static_cast<uint64_t>(now_ms);
  for (int i = 5; i >= 0; --i) {
    raw[i] = static_cast<uint8_t>(ms & 0xFF);
    ms >>= 8;
  }
  env->RandomBytes(raw + 6, 10);
  std::string id = HexEncode(raw, 16);
  if (!last->empty() && id <= *last) {
    // Add one to the previous id, as a 128-bit hex number.
    id = *last;
    for (size_t i = id.size(); i-- > 0;) {
      if (id[i] == 'f') {
        id[i] = '0';
        continue;
      }
      id[i] = id[i] == '9' ? 'a' : static_cast<char>(id[i] + 1);
      break;
    }
  }
  *last = id;
  return id;
}

}  // namespace unknot
