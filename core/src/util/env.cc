#include "unknot/env.h"

#include <sys/random.h>  // getentropy (glibc and Emscripten)
#include <time.h>        // localtime_r, tm_gmtoff

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace unknot {

namespace {

// getentropy() refuses requests above 256 bytes on Linux and the BSDs.
constexpr size_t kMaxEntropyChunk = 256;

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

class DefaultEnv : public Env {
 public:
  int64_t NowMillis() override {
    using std::chrono::duration_cast;
    using std::chrono::milliseconds;
    using std::chrono::system_clock;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch())
        .count();
  }

  void RandomBytes(uint8_t* out, size_t n) override {
    while (n > 0) {
      const size_t chunk = n < kMaxEntropyChunk ? n : kMaxEntropyChunk;
      if (getentropy(out, chunk) != 0) {
        if (errno == EINTR) continue;
        // Ids and device ids must not collide; weak randomness would be a
        // silent data-loss bug, so there is no fallback.
        std::fprintf(stderr, "unknot: getentropy failed (errno %d)\n", errno);
        std::abort();
      }
      out += chunk;
      n -= chunk;
    }
  }

  int UtcOffsetMinutes(int64_t utc_ms) override {
    const time_t seconds = static_cast<time_t>(FloorDiv(utc_ms, 1000));
    struct tm local;
    if (localtime_r(&seconds, &local) == nullptr) return 0;
    return static_cast<int>(local.tm_gmtoff / 60);
  }
};

// splitmix64 (Steele, Lea, Flood 2014): one 64-bit state, good statistical
// quality, and every seed (including 0) gives a full-period stream.
uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

}  // namespace

Env* Env::Default() {
  static Env* const env = new DefaultEnv();  // never deleted, like LevelDB's
  return env;
}

FakeEnv::FakeEnv(int64_t now_ms, uint64_t seed, int offset_minutes)
    : now_ms_(now_ms), state_(seed), offset_minutes_(offset_minutes) {}

void FakeEnv::RandomBytes(uint8_t* out, size_t n) {
  while (n > 0) {
    uint64_t word = SplitMix64(&state_);
    for (int i = 0; i < 8 && n > 0; ++i, --n) {
      *out++ = static_cast<uint8_t>(word);
      word >>= 8;
    }
  }
}

}  // namespace unknot
