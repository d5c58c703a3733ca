// Civil-date arithmetic follows Howard Hinnant's "chrono-Compatible Low-Level
// Date Algorithms" (http://howardhinnant.github.io/date_algorithms.html): it
// is exact over the whole proleptic Gregorian calendar and needs neither
// timegm() nor strptime(), which Emscripten and Windows lack or differ on.
#include "unknot/time_util.h"

#include <cstdio>

#include "util/text_util.h"

namespace unknot {

namespace {

constexpr int64_t kMsPerSecond = 1000;
constexpr int64_t kMsPerMinute = 60 * kMsPerSecond;
constexpr int64_t kMsPerHour = 60 * kMsPerMinute;
constexpr int64_t kMsPerDay = 24 * kMsPerHour;
// The widest offsets in use are -12:00 and +14:00; ISO 8601 and
// java.time allow up to 18 hours.
constexpr int kMaxOffsetMinutes = 18 * 60;
// Digits kept of a fraction of a second ("…:15.123456789" keeps 123 ms).
constexpr int kMaxFractionDigits = 9;

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

struct CivilDate {
  int64_t year;
  unsigned month;  // 1-12
  unsigned day;    // 1-31
};

CivilDate CivilFromDays(int64_t days) {
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;  // 0-146096
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);  // 0-365
  const int64_t mp = (5 * doy + 2) / 153;                       // 0-11
  const unsigned day = static_cast<unsigned>(doy - (153 * mp + 2) / 5 + 1);
  const unsigned month = static_cast<unsigned>(mp < 10 ? mp + 3 : mp - 9);
  return {yoe + era * 400 + (month <= 2), month, day};
}

bool IsLeapYear(int64_t year) {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

unsigned DaysInMonth(int64_t year, unsigned month) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30,
                                       31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

// A forward-only reader over the text being parsed.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool AtEnd() const { return pos_ == text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }

  bool Consume(char c) {
    if (AtEnd() || text_[pos_] != c) return false;
    ++pos_;
    return true;
  }

  // Reads exactly `count` ASCII digits.
  bool Digits(int count, int* value) {
    int v = 0;
    for (int i = 0; i < count; ++i) {
      const char c = Peek();
      if (c < '0' || c > '9') return false;
      v = v * 10 + (c - '0');
      ++pos_;
    }
    *value = v;
    return true;
  }

  // Reads a run of ASCII digits; returns how many there were.
  int DigitRun(std::string_view* run) {
    const size_t begin = pos_;
    while (!AtEnd() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
    *run = text_.substr(begin, pos_ - begin);
    return static_cast<int>(run->size());
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

// The fields of a parsed time, before any offset is applied.
struct TimeFields {
  CivilDate date{};
  int hour = 0;
  int minute = 0;
  int second = 0;
  int millis = 0;
  bool has_offset = false;
  int offset_minutes = 0;
};

// Each Parse* helper sets *why (a phrase for the error message) on failure.
bool ParseDate(Cursor* in, CivilDate* date, std::string* why) {
  int y, m, d;
  if (!in->Digits(4, &y) || !in->Consume('-') || !in->Digits(2, &m) ||
      !in->Consume('-') || !in->Digits(2, &d)) {
    *why = "expected a date as YYYY-MM-DD";
    return false;
  }
  if (m < 1 || m > 12) {
    *why = "month " + std::to_string(m) + " is not 1-12";
    return false;
  }
  if (d < 1 || static_cast<unsigned>(d) > DaysInMonth(y, m)) {
    *why = "day " + std::to_string(d) + " does not exist in that month";
    return false;
  }
  *date = {y, static_cast<unsigned>(m), static_cast<unsigned>(d)};
  return true;
}

bool ParseFraction(Cursor* in, TimeFields* t, std::string* why) {
  std::string_view digits;
  const int n = in->DigitRun(&digits);
  if (n < 1 || n > kMaxFractionDigits) {
    *why = "a fraction of a second needs 1-9 digits";
    return false;
  }
  int millis = 0;
  for (int i = 0; i < 3; ++i) {
    millis = millis * 10 + (i < n ? digits[i] - '0' : 0);
  }
  t->millis = millis;  // finer digits are dropped, not rounded
  return true;
}

bool ParseClock(Cursor* in, TimeFields* t, std::string* why) {
  if (!in->Digits(2, &t->hour) || !in->Consume(':') ||
      !in->Digits(2, &t->minute)) {
    *why = "expected a time of day as HH:MM";
    return false;
  }
  if (in->Consume(':')) {
    if (!in->Digits(2, &t->second)) {
      *why = "expected seconds as :SS";
      return false;
    }
    // A fraction belongs to the seconds: "09:30.5" is refused.
    if (in->Consume('.') && !ParseFraction(in, t, why)) return false;
  }
  if (t->hour > 23 || t->minute > 59 || t->second > 59) {
    // Leap seconds (":60") are refused rather than folded into :59.
    *why = "hour, minute or second out of range";
    return false;
  }
  return true;
}

bool ParseOffset(Cursor* in, TimeFields* t, std::string* why) {
  if (in->Consume('Z') || in->Consume('z')) {
    t->has_offset = true;
    t->offset_minutes = 0;
    return true;
  }
  const int sign = in->Consume('+') ? 1 : in->Consume('-') ? -1 : 0;
  if (sign == 0) return true;  // no offset: local time
  int hours, minutes;
  if (!in->Digits(2, &hours)) {
    *why = "expected an offset as +HH:MM";
    return false;
  }
  in->Consume(':');  // "+HH:MM" or "+HHMM"
  if (!in->Digits(2, &minutes)) {
    *why = "expected an offset as +HH:MM";
    return false;
  }
  const int total = hours * 60 + minutes;
  if (minutes > 59 || total > kMaxOffsetMinutes) {
    *why = "offset out of range (at most 18:00 either way)";
    return false;
  }
  t->has_offset = true;
  t->offset_minutes = sign * total;
  return true;
}

bool ParseFields(std::string_view text, TimeFields* t, std::string* why) {
  Cursor in(text);
  if (!ParseDate(&in, &t->date, why)) return false;
  if (in.AtEnd()) return true;  // a bare date: local midnight
  if (!in.Consume('T') && !in.Consume('t') && !in.Consume(' ')) {
    *why = "expected 'T' or a space after the date";
    return false;
  }
  if (!ParseClock(&in, t, why)) return false;
  if (!ParseOffset(&in, t, why)) return false;
  if (!in.AtEnd()) {
    *why = "unexpected text after the time";
    return false;
  }
  return true;
}

// A local wall time has no UTC instant of its own; the offset depends on the
// instant. Guess with the offset at the wall time read as UTC, then take the
// offset at that guess: right everywhere except inside a DST gap or overlap,
// where it picks one of the two plausible instants.
void LocalToUtc(int64_t local_ms, Env* env, int64_t* utc_ms, int* offset) {
  const int64_t guess =
      local_ms - env->UtcOffsetMinutes(local_ms) * kMsPerMinute;
  *offset = env->UtcOffsetMinutes(guess);
  *utc_ms = local_ms - *offset * kMsPerMinute;
}

void AppendTwoDigits(int value, std::string* out) {
  out->push_back(static_cast<char>('0' + value / 10));
  out->push_back(static_cast<char>('0' + value % 10));
}

// Appends "HH:MM:SS" for a millisecond of the day (0 <= ms < kMsPerDay).
void AppendClock(int64_t ms_of_day, std::string* out) {
  AppendTwoDigits(static_cast<int>(ms_of_day / kMsPerHour), out);
  out->push_back(':');
  AppendTwoDigits(static_cast<int>(ms_of_day / kMsPerMinute % 60), out);
  out->push_back(':');
  AppendTwoDigits(static_cast<int>(ms_of_day / kMsPerSecond % 60), out);
}

void AppendMillis(int64_t ms_of_day, std::string* out) {
  char buf[8];
  std::snprintf(buf, sizeof(buf), ".%03d",
                static_cast<int>(ms_of_day % kMsPerSecond));
  out->append(buf);
}

// The local date (days since 1970-01-01) and millisecond of that day of
// `utc_ms` seen with `offset_minutes`. Splits before adding the offset so
// nothing overflows near the limits of int64_t.
void SplitLocal(int64_t utc_ms, int offset_minutes, int64_t* days,
                int64_t* ms_of_day) {
  const int64_t utc_days = FloorDiv(utc_ms, kMsPerDay);
  const int64_t ms =
      utc_ms - utc_days * kMsPerDay + offset_minutes * kMsPerMinute;
  const int64_t carry = FloorDiv(ms, kMsPerDay);
  *days = utc_days + carry;
  *ms_of_day = ms - carry * kMsPerDay;
}

}  // namespace

int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;                           // 0-399
  const int64_t mp = m > 2 ? int64_t{m} - 3 : int64_t{m} + 9;  // 0-11
  const int64_t doy = (153 * mp + 2) / 5 + int64_t{d} - 1;     // 0-365
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;   // 0-146096
  return era * 146097 + doe - 719468;
}

std::string FormatDate(int64_t days) {
  const CivilDate date = CivilFromDays(days);
  char buf[40];
  // Years outside 0000-9999 use ISO 8601's expanded form ("+10000-01-01").
  const char* format = date.year < 0      ? "-%04lld-%02u-%02u"
                       : date.year > 9999 ? "+%04lld-%02u-%02u"
                                          : "%04lld-%02u-%02u";
  const long long year = date.year < 0 ? -date.year : date.year;
  std::snprintf(buf, sizeof(buf), format, year, date.month, date.day);
  return buf;
}

int64_t LocalDay(int64_t utc_ms, int offset_minutes) {
  int64_t days, ms_of_day;
  SplitLocal(utc_ms, offset_minutes, &days, &ms_of_day);
  return days;
}

std::string FormatIsoTime(int64_t utc_ms, int offset_minutes) {
  int64_t days, ms_of_day;
  SplitLocal(utc_ms, offset_minutes, &days, &ms_of_day);
  std::string out = FormatDate(days);
  out.push_back('T');
  AppendClock(ms_of_day, &out);
  if (ms_of_day % kMsPerSecond != 0) AppendMillis(ms_of_day, &out);
  if (offset_minutes == 0) {
    out.push_back('Z');
    return out;
  }
  const long long magnitude = offset_minutes < 0
                                  ? -static_cast<long long>(offset_minutes)
                                  : offset_minutes;
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%c%02lld:%02lld",
                offset_minutes < 0 ? '-' : '+', magnitude / 60, magnitude % 60);
  out.append(buf);
  return out;
}

std::string FormatUtcMillis(int64_t utc_ms) {
  const int64_t days = FloorDiv(utc_ms, kMsPerDay);
  const int64_t ms_of_day = utc_ms - days * kMsPerDay;
  std::string out = FormatDate(days);
  out.push_back('T');
  AppendClock(ms_of_day, &out);
  AppendMillis(ms_of_day, &out);
  out.push_back('Z');
  return out;
}

Status ParseIsoTime(std::string_view text, Env* env, int64_t* utc_ms,
                    int* offset_minutes) {
  TimeFields t;
  std::string why;
  if (!ParseFields(text, &t, &why)) {
    return Status::Invalid(
        "invalid-time", "invalid time " + QuoteForMessage(text) + ": " + why);
  }
  const int64_t local_ms =
      DaysFromCivil(t.date.year, t.date.month, t.date.day) * kMsPerDay +
      t.hour * kMsPerHour + t.minute * kMsPerMinute + t.second * kMsPerSecond +
      t.millis;
  if (t.has_offset) {
    *utc_ms = local_ms - t.offset_minutes * kMsPerMinute;
    *offset_minutes = t.offset_minutes;
    return Status::OK();
  }
  LocalToUtc(local_ms, env != nullptr ? env : Env::Default(), utc_ms,
             offset_minutes);
  return Status::OK();
}

Status ParseLocalDate(std::string_view text, int64_t* days) {
  Cursor in(text);
  CivilDate date{};
  std::string why;
  if (ParseDate(&in, &date, &why) && !in.AtEnd()) {
    why = "expected only a date as YYYY-MM-DD";
  }
  if (!why.empty()) {
    return Status::Invalid(
        "invalid-date", "invalid date " + QuoteForMessage(text) + ": " + why);
  }
  *days = DaysFromCivil(date.year, date.month, date.day);
  return Status::OK();
}

}  // namespace unknot
