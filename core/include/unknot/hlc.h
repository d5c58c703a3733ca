// Hybrid logical clock stamps: the total order of every change to a journal
// cell across devices (per-cell last-writer-wins). A stamp is
//   physical milliseconds + a counter + the device id,
// written as fixed-width text that sorts like the stamps themselves:
//   "2026-11-25T01:25:24.123Z-0000-0123456789abcdef"
// Two devices never share an id, so two stamps are never equal unless they
// are the same change.
#ifndef UNKNOT_HLC_H_
#define UNKNOT_HLC_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "unknot/status.h"

namespace unknot {

// How far ahead of our wall clock a received stamp may be before the change
// is refused (a device with a wrong clock would otherwise win every edit).
constexpr int64_t kMaxClockDriftMs = 5 * 60 * 1000;
constexpr uint32_t kMaxHlcCounter = 0xFFFF;
constexpr size_t kDeviceIdHexLength = 16;

struct Hlc {
  int64_t millis = 0;
  uint32_t counter = 0;
  std::string device;  // 16 lowercase hex chars

  std::string ToString() const;
  // Error code: "invalid-clock".
  static Status Parse(std::string_view text, Hlc* out);
};

bool operator<(const Hlc& a, const Hlc& b);
inline bool operator==(const Hlc& a, const Hlc& b) {
  return a.millis == b.millis && a.counter == b.counter && a.device == b.device;
}

// The clock of one device. Not thread-safe.
class HlcClock {
 public:
  explicit HlcClock(std::string device_id)
      : last_{0, 0, std::move(device_id)} {}
  HlcClock(Hlc last) : last_(std::move(last)) {}

  // The stamp for a new local change at wall time `now_ms`; always greater
  // than every stamp sent or received before.
  // Error code: "clock-overflow" (counter exhausted within one millisecond).
  Status Send(int64_t now_ms, Hlc* out);

  // Moves the clock past a stamp received from elsewhere.
  // Error code: "clock-drift" when `remote` is more than kMaxClockDriftMs
  // ahead of `now_ms`; the clock is then unchanged.
  Status Receive(const Hlc& remote, int64_t now_ms);

  const Hlc& last() const { return last_; }

 private:
  Hlc last_;
};

}  // namespace unknot

#endif  // UNKNOT_HLC_H_
