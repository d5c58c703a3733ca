// Env: the platform services the core needs — the wall clock, randomness and
// the local time zone — injected so the same code runs natively, in wasm and
// in tests with a fixed time (cf. LevelDB's include/leveldb/env.h).
#ifndef UNKNOT_ENV_H_
#define UNKNOT_ENV_H_

#include <cstddef>
#include <cstdint>

namespace unknot {

class Env {
 public:
  virtual ~Env() = default;

  // Milliseconds since the Unix epoch, UTC.
  virtual int64_t NowMillis() = 0;

  // Fills `out` with `n` cryptographically strong random bytes.
  virtual void RandomBytes(uint8_t* out, size_t n) = 0;

  // The user's UTC offset, in minutes east of UTC, in force at `utc_ms`
  // (e.g. +60 for Paris in winter). Used to stamp entries and to read
  // "local" times and dates.
  virtual int UtcOffsetMinutes(int64_t utc_ms) = 0;

  // The process-wide default: std::chrono, the OS random source and the
  // C library's local time zone (TZ). Works natively and under Emscripten.
  // Never deleted. Thread-safe.
  static Env* Default();
};

// An Env for tests and benchmarks: time stands still unless advanced,
// randomness is a seeded PRNG, and the time zone is a fixed offset.
// Not thread-safe.
class FakeEnv : public Env {
 public:
  explicit FakeEnv(int64_t now_ms = 1767225600000 /* 2026-01-01T00:00Z */,
                   uint64_t seed = 42, int offset_minutes = 0);

  int64_t NowMillis() override { return now_ms_; }
  void RandomBytes(uint8_t* out, size_t n) override;
  int UtcOffsetMinutes(int64_t) override { return offset_minutes_; }

  void SetNow(int64_t now_ms) { now_ms_ = now_ms; }
  void Advance(int64_t ms) { now_ms_ += ms; }
  void SetOffsetMinutes(int minutes) { offset_minutes_ = minutes; }

 private:
  int64_t now_ms_;
  uint64_t state_;
  int offset_minutes_;
};

}  // namespace unknot

#endif  // UNKNOT_ENV_H_
