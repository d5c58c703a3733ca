// Which scheduled routines to remind of now (docs/push.md). The server's
// Web Push sender asks this every tick; "due after the newest one already
// reminded of" makes each occurrence one reminder, however often it asks.
#include <algorithm>

#include "unknot/routines.h"

namespace unknot {

std::vector<Reminder> RemindersDue(const std::vector<TodayItem>& items,
                                   int64_t now_ms, int offset_minutes,
                                   int64_t after_ms) {
  const LocalNow now = LocalNowAt(now_ms, offset_minutes);
  const int64_t midnight_ms =
      now.day * 86400000 - int64_t{offset_minutes} * 60000;
  const int64_t oldest_ms = now_ms - int64_t{kReminderLateMinutes} * 60000;
  std::vector<Reminder> out;
  for (const TodayItem& item : items) {
    const int64_t due_ms = midnight_ms + int64_t{item.minute} * 60000;
    if (!item.due || item.done || due_ms <= after_ms || due_ms > now_ms ||
        due_ms < oldest_ms) {
      continue;
    }
    out.push_back({item, due_ms});
  }
  std::stable_sort(
      out.begin(), out.end(),
      [](const Reminder& a, const Reminder& b) { return a.due_ms < b.due_ms; });
  return out;
}

}  // namespace unknot
