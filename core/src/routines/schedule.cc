// Schedules: when a routine is planned, in local wall-clock time.
#include <cstdio>

#include "unknot/routines.h"
#include "util/ids.h"

namespace unknot {
namespace {

constexpr int kMinutesPerDay = 24 * 60;
constexpr int kMinEveryMinutes = 5;
constexpr int kMaxEveryMinutes = 12 * 60;
constexpr std::string_view kDayNames[] = {"mon", "tue", "wed", "thu",
                                          "fri", "sat", "sun"};

Status BadSchedule(const std::string& why) {
  return Status::Invalid("invalid-schedule", why);
}

std::string DaysText(int days) {
  if (days == kEveryDay) return "daily";
  if (days == kWeekdays) return "weekdays";
  if (days == kWeekends) return "weekends";
  std::string text;
  for (int i = 0; i < 7; ++i) {
    if (!(days & (1 << i))) continue;
    if (!text.empty()) text += ',';
    text += kDayNames[i];
  }
  return text;
}

}  // namespace

int WeekdayOf(int64_t day) {
  // 1970-01-01 was a Thursday (3 with Monday = 0).
  int64_t w = (day + 3) % 7;
  return static_cast<int>(w < 0 ? w + 7 : w);
}

std::string FormatClockTime(int minute) {
  char buf[24];
  std::snprintf(buf, sizeof(buf), "%02d:%02d", minute / 60, minute % 60);
  return buf;
}

Status ParseClockTime(std::string_view text, int* minute) {
  auto digit = [&](size_t i) { return text[i] >= '0' && text[i] <= '9'; };
  if (text.size() != 5 || text[2] != ':' || !digit(0) || !digit(1) ||
      !digit(3) || !digit(4)) {
    return BadSchedule("a time of day is HH:MM, e.g. 08:00");
  }
  int h = (text[0] - '0') * 10 + (text[1] - '0');
  int m = (text[3] - '0') * 10 + (text[4] - '0');
  if (h > 23 || m > 59) return BadSchedule("a time of day is 00:00 to 23:59");
  *minute = h * 60 + m;
  return Status::OK();
}

Status ParseScheduleDays(std::string_view text, int* days) {
  if (text == "daily") {
    *days = kEveryDay;
  } else if (text == "weekdays") {
    *days = kWeekdays;
  } else if (text == "weekends") {
    *days = kWeekends;
  } else {
    int mask = 0;
    size_t start = 0;
    while (start <= text.size()) {
      size_t comma = text.find(',', start);
      std::string_view name = text.substr(start, comma == std::string_view::npos
                                                     ? std::string_view::npos
                                                     : comma - start);
      int found = -1;
      for (int i = 0; i < 7; ++i) {
        if (kDayNames[i] == name) found = i;
      }
      if (found < 0) {
        return BadSchedule(
            "days are daily, weekdays, weekends or a list like mon,wed,fri");
      }
      mask |= 1 << found;
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    *days = mask;
  }
  return Status::OK();
}

std::string ScheduleId(const Schedule& s) {
  std::string key = s.routine_id + "|" + std::to_string(s.days) + "|" +
                    std::to_string(s.start_minute) + "|" +
                    (s.end_minute ? std::to_string(*s.end_minute) : "") + "|" +
                    (s.every_minutes ? std::to_string(*s.every_minutes) : "");
  return "s" + Hex64(Fnv1a64(key));
}

Status ValidateSchedule(const Schedule& s) {
  if (s.routine_id.empty()) return BadSchedule("a schedule names a routine");
  if (s.days < 1 || s.days > kEveryDay) {
    return BadSchedule("a schedule needs at least one day of the week");
  }
  if (s.start_minute < 0 || s.start_minute >= kMinutesPerDay) {
    return BadSchedule("the time must be 00:00 to 23:59");
  }
  if (s.every_minutes.has_value() != s.end_minute.has_value()) {
    return BadSchedule("a repeating schedule needs both every and until");
  }
  if (!s.every_minutes) return Status::OK();
  if (*s.every_minutes < kMinEveryMinutes ||
      *s.every_minutes > kMaxEveryMinutes) {
    return BadSchedule("every must be 5 to 720 minutes");
  }
  if (*s.end_minute < s.start_minute || *s.end_minute >= kMinutesPerDay) {
    return BadSchedule("until must be after the start, before midnight");
  }
  int count = (*s.end_minute - s.start_minute) / *s.every_minutes + 1;
  if (count > kMaxOccurrencesPerDay) {
    return BadSchedule("at most 96 times a day");
  }
  return Status::OK();
}

std::vector<int> ScheduleTimesOn(const Schedule& s, int64_t day) {
  std::vector<int> times;
  if (s.deleted || day < s.since_day || !(s.days & (1 << WeekdayOf(day)))) {
    return times;
  }
  if (!s.every_minutes || !s.end_minute || *s.every_minutes <= 0) {
    times.push_back(s.start_minute);
    return times;
  }
  for (int m = s.start_minute; m <= *s.end_minute; m += *s.every_minutes) {
    times.push_back(m);
  }
  return times;
}

std::string DescribeSchedule(const Schedule& s) {
  std::string text = DaysText(s.days);
  if (s.every_minutes && s.end_minute) {
    return text + " every " + std::to_string(*s.every_minutes) + " min " +
           FormatClockTime(s.start_minute) + "-" +
           FormatClockTime(*s.end_minute);
  }
  return text + " at " + FormatClockTime(s.start_minute);
}

}  // namespace unknot
