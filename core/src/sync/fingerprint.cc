// The state fingerprint's hashes (docs/sync-protocol.md): FNV-1a 64 over
// the cell key, and over the key and its winning stamp. Both are fixed by
// the protocol: a device and the server must compute the same values.
#include "unknot/sync.h"

namespace unknot {

namespace {

constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
constexpr uint64_t kFnvPrime = 0x100000001b3ULL;

uint64_t Mix(uint64_t h, std::string_view text) {
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= kFnvPrime;
  }
  return h;
}

// FNV-1a of "table \0 row \0 column".
uint64_t KeyState(std::string_view table, std::string_view row,
                  std::string_view column) {
  uint64_t h = Mix(kFnvOffset, table);
  h = Mix(h, std::string_view("\0", 1));
  h = Mix(h, row);
  h = Mix(h, std::string_view("\0", 1));
  return Mix(h, column);
}

}  // namespace

size_t FingerprintBucket(std::string_view table, std::string_view row,
                         std::string_view column) {
  return static_cast<size_t>(KeyState(table, row, column) %
                             kFingerprintBuckets);
}

uint64_t FingerprintHash(std::string_view table, std::string_view row,
                         std::string_view column, std::string_view hlc) {
  // FNV-1a is a stream hash: continuing the key's state with "\0 hlc" is
  // the hash of "table \0 row \0 column \0 hlc".
  uint64_t h = KeyState(table, row, column);
  h = Mix(h, std::string_view("\0", 1));
  return Mix(h, hlc);
}

}  // namespace unknot
