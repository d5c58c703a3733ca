// The journal-derived conditions of RED_FLAGS.md: no_improvement, worsening
// and the "recent onset" half of age_onset. Means are compared as exact
// fractions (sum / days), cross-multiplied, so "exactly 2 points" and
// "exactly 30 %" are never lost to rounding.
#include <algorithm>

#include "triage/triage_tuning.h"
#include "unknot/journal.h"
#include "unknot/time_util.h"
#include "unknot/triage.h"

namespace unknot {
namespace {

// Daily pain over an inclusive range of days: mean = sum / days.
struct Window {
  int64_t sum = 0;
  int64_t days = 0;
  bool usable() const { return days >= kMinDaysInWindow; }
};

Window Collect(const TriageFacts& facts, int64_t first, int64_t last) {
  Window w;
  for (auto it = facts.daily_pain.lower_bound(first);
       it != facts.daily_pain.end() && it->first <= last; ++it) {
    w.sum += it->second;
    ++w.days;
  }
  return w;
}

// True when mean(changed) moved away from mean(ref) in direction `sign`
// (+1 up, -1 down) by >= 2 points and by >= 30 % of mean(ref).
// Multiplying both sides by ref.days * changed.days (> 0) keeps it integral.
bool Meaningful(const Window& ref, const Window& changed, int sign) {
  int64_t diff = sign * (changed.sum * ref.days - ref.sum * changed.days);
  int64_t scale = ref.days * changed.days;
  return diff >= kMeaningfulPoints * scale &&
         100 * diff >= kMeaningfulPercent * ref.sum * changed.days;
}

Window LastWindow(const TriageFacts& facts) {
  return Collect(facts, facts.today - kWindowDays + 1, facts.today);
}

}  // namespace

bool NoImprovement(const TriageFacts& facts) {
  if (facts.session_days.empty()) return false;
  int64_t first = *facts.session_days.begin();
  if (facts.today - first < kSelfCareMinDays) return false;
  int64_t session_days = std::count_if(
      facts.session_days.begin(), facts.session_days.end(),
      [&](int64_t day) { return day >= first && day <= facts.today; });
  if (session_days < kSelfCareMinSessionDays) return false;
  Window baseline = Collect(facts, first - kWindowDays, first - 1);
  if (!baseline.usable()) {
    baseline = Collect(facts, first, first + kWindowDays - 1);
  }
  Window last = LastWindow(facts);
  if (!baseline.usable() || !last.usable()) return false;
  return !Meaningful(baseline, last, -1);
}

bool Worsening(const TriageFacts& facts) {
  Window before = Collect(facts, facts.today - 2 * kWindowDays + 1,
                          facts.today - kWindowDays);
  Window last = LastWindow(facts);
  if (!before.usable() || !last.usable()) return false;
  return Meaningful(before, last, +1);
}

bool RecentOnset(const TriageFacts& facts) {
  return facts.first_entry_day &&
         facts.today - *facts.first_entry_day <= kRecentOnsetDays;
}

Status ComputeTriageFacts(Journal* journal, int64_t today, TriageFacts* facts) {
  ListFilter filter;
  filter.until_day = today;
  std::vector<JournalEntry> entries;
  UNKNOT_RETURN_IF_ERROR(journal->List(filter, &entries));
  TriageFacts out;
  out.today = today;
  for (const JournalEntry& entry : entries) {
    int64_t day = LocalDay(entry.at_ms, entry.tz_offset_minutes);
    int highest = 0;
    for (const SitePain& site : entry.sites) {
      highest = std::max(highest, site.intensity);
    }
    auto [it, inserted] = out.daily_pain.emplace(day, highest);
    if (!inserted) it->second = std::max(it->second, highest);
    if (!out.first_entry_day || day < *out.first_entry_day) {
      out.first_entry_day = day;
    }
  }
  // Every logged session (any routine of the library or the user's own) is
  // self-care; a day counts once whatever the number of sessions, on the
  // session's own local date.
  ListFilter until_today;
  until_today.until_day = today;
  std::vector<Session> sessions;
  UNKNOT_RETURN_IF_ERROR(journal->ListSessions(until_today, &sessions));
  for (const Session& s : sessions) {
    out.session_days.insert(LocalDay(s.at_ms, s.tz_offset_minutes));
  }
  *facts = std::move(out);
  return Status::OK();
}

}  // namespace unknot
