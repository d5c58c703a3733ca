// Ids: random 128-bit entry ids, stable hashes for deterministic row ids.
#ifndef UNKNOT_UTIL_IDS_H_
#define UNKNOT_UTIL_IDS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "unknot/env.h"

namespace unknot {

// FNV-1a, 64-bit: stable across platforms and versions (ids depend on it).
uint64_t Fnv1a64(std::string_view text);

// Lowercase hex of `n` bytes.
std::string HexEncode(const uint8_t* bytes, size_t n);

// 16 lowercase hex chars of a 64-bit value.
std::string Hex64(uint64_t value);

// `bytes` random bytes from env, as lowercase hex (2 * bytes chars).
std::string RandomHexId(Env* env, size_t bytes);

}  // namespace unknot

#endif  // UNKNOT_UTIL_IDS_H_
