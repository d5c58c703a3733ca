#include "unknot/hlc.h"

#include <algorithm>
#include <cstdio>

#include "unknot/time_util.h"

namespace unknot {

namespace {

bool IsLowerHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

// Reads exactly `n` decimal digits at `p`.
bool ReadDigits(std::string_view s, size_t p, size_t n, int64_t* out) {
  if (p + n > s.size()) return false;
  int64_t v = 0;
  for (size_t i = p; i < p + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

// Layout: "YYYY-MM-DDTHH:MM:SS.mmmZ-CCCC-DDDDDDDDDDDDDDDD" (46 chars). The
// counter is 4 hex digits and the device 16, so text order is stamp order.
std::string Hlc::ToString() const {
  std::string out = FormatUtcMillis(millis);
  char tail[32];
  std::snprintf(tail, sizeof tail, "-%04x-", static_cast<unsigned>(counter));
  out += tail;
  out += device;
  return out;
}

Status Hlc::Parse(std::string_view text, Hlc* out) {
  auto bad = [&] {
    return Status::Invalid("invalid-clock",
                           "not a clock stamp: \"" + std::string(text) + "\"");
  };
  if (text.size() != 24 + 1 + 4 + 1 + kDeviceIdHexLength) return bad();
  int64_t y, mo, d, h, mi, s, ms;
  if (!ReadDigits(text, 0, 4, &y) || text[4] != '-' ||
      !ReadDigits(text, 5, 2, &mo) || text[7] != '-' ||
      !ReadDigits(text, 8, 2, &d) || text[10] != 'T' ||
      !ReadDigits(text, 11, 2, &h) || text[13] != ':' ||
      !ReadDigits(text, 14, 2, &mi) || text[16] != ':' ||
      !ReadDigits(text, 17, 2, &s) || text[19] != '.' ||
      !ReadDigits(text, 20, 3, &ms) || text[23] != 'Z' || text[24] != '-' ||
      text[29] != '-') {
    return bad();
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) {
    return bad();
  }
  uint32_t counter = 0;
  for (size_t i = 25; i < 29; ++i) {
    if (!IsLowerHex(text[i])) return bad();
    counter =
        counter * 16 + (text[i] <= '9' ? text[i] - '0' : text[i] - 'a' + 10);
  }
  std::string_view device = text.substr(30);
  if (!std::all_of(device.begin(), device.end(), IsLowerHex)) return bad();
  int64_t days =
      DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  out->millis = ((days * 24 + h) * 60 + mi) * 60000 + s * 1000 + ms;
  out->counter = counter;
  out->device.assign(device);
  // Only the canonical spelling is a stamp: text order must equal stamp
  // order, and an import must reproduce the stamp byte for byte. Every
  // field is fixed-width and checked above, so from 1970 on the text is
  // canonical once the day exists in its month; other years take the
  // round trip (sync merges parse every stamp: no formatting on that path).
  static const int kDaysIn[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int64_t month_days = kDaysIn[mo - 1] + (mo == 2 && leap ? 1 : 0);
  if (d > month_days) return bad();
  if (y < 1970 && out->ToString() != text) return bad();
  return Status::OK();
}

bool operator<(const Hlc& a, const Hlc& b) {
  if (a.millis != b.millis) return a.millis < b.millis;
  if (a.counter != b.counter) return a.counter < b.counter;
  return a.device < b.device;
}

Status HlcClock::Send(int64_t now_ms, Hlc* out) {
  Hlc next = last_;
  if (now_ms > last_.millis) {
    next.millis = now_ms;
    next.counter = 0;
  } else {
    // The wall clock stood still or went back: keep logical time moving.
    if (last_.counter >= kMaxHlcCounter) {
      return Status::IOError("clock-overflow",
                             "too many changes within one millisecond");
    }
    next.counter = last_.counter + 1;
  }
  last_ = next;
  *out = next;
  return Status::OK();
}

Status HlcClock::Receive(const Hlc& remote, int64_t now_ms) {
  if (remote.millis - now_ms > kMaxClockDriftMs) {
    return Status::Invalid(
        "clock-drift",
        "a change is stamped " +
            std::to_string((remote.millis - now_ms) / 1000) +
            " s ahead of this device's clock; check the date and time of "
            "the device that made it");
  }
  if (remote.millis > last_.millis ||
      (remote.millis == last_.millis && remote.counter > last_.counter)) {
    // Adopt the remote time; the next Send() increments past it.
    last_.millis = remote.millis;
    last_.counter = remote.counter;
  }
  return Status::OK();
}

}  // namespace unknot
