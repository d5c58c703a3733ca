// SinceLastVisitJson: what a therapist wants to know at the start of a
// visit — how much was logged since the last one, how bad it was compared
// with the two weeks before, where, what self-care was done and which
// red-flag checks came out how. Counts, not judgements: the therapist
// reads them, nothing here interprets them.
#include "share/since_visit.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>
#include <vector>

#include "unknot/journal.h"
#include "unknot/time_util.h"

namespace unknot {
namespace {

using nlohmann::json;

constexpr int64_t kDayMs = 86400000;

json OneDecimal(double sum, int n) {
  if (n == 0) return json();
  return std::round(sum / n * 10.0) / 10.0;
}

int Peak(const JournalEntry& e) {
  int peak = 0;
  for (const SitePain& p : e.sites) peak = std::max(peak, p.intensity);
  return peak;
}

using SiteKey = std::pair<std::string, Side>;

json EntriesSummary(const std::vector<JournalEntry>& entries,
                    std::optional<int64_t> since_ms) {
  const int64_t since = since_ms.value_or(INT64_MIN);
  const int64_t baseline_from =
      since_ms ? *since_ms - kSinceVisitBaselineDays * kDayMs : INT64_MIN;
  int count = 0, flares = 0, highest = -1, before_n = 0;
  double peak_sum = 0, before_sum = 0;
  std::set<int64_t> days;
  struct SiteStats {
    int entries = 0;
    int highest = 0;
  };
  std::map<SiteKey, SiteStats> sites;
  std::set<SiteKey> seen_before;
  for (const JournalEntry& e : entries) {
    if (e.at_ms < since) {
      for (const SitePain& p : e.sites) seen_before.insert({p.site, p.side});
      if (since_ms && e.at_ms >= baseline_from) {
        before_sum += Peak(e);
        ++before_n;
      }
      continue;
    }
    ++count;
    flares += e.flare ? 1 : 0;
    days.insert(LocalDay(e.at_ms, e.tz_offset_minutes));
    const int peak = Peak(e);
    highest = std::max(highest, peak);
    peak_sum += peak;
    for (const SitePain& p : e.sites) {
      SiteStats& st = sites[{p.site, p.side}];
      ++st.entries;
      st.highest = std::max(st.highest, p.intensity);
    }
  }
  std::vector<std::pair<SiteKey, SiteStats>> ranked(sites.begin(), sites.end());
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) {
                     return std::tie(b.second.entries, b.second.highest) <
                            std::tie(a.second.entries, a.second.highest);
                   });
  json top = json::array();
  for (size_t i = 0; i < ranked.size() && i < kSinceVisitTopSites; ++i) {
    top.push_back({{"site", ranked[i].first.first},
                   {"side", SideName(ranked[i].first.second)},
                   {"entries", ranked[i].second.entries},
                   {"highest", ranked[i].second.highest}});
  }
  json fresh = json::array();
  if (since_ms) {
    for (const auto& [key, stats] : sites) {
      if (seen_before.count(key) == 0)
        fresh.push_back({{"site", key.first}, {"side", SideName(key.second)}});
    }
  }
  return {{"count", count},
          {"flares", flares},
          {"days", days.size()},
          {"highest", highest < 0 ? json() : json(highest)},
          {"average_peak", OneDecimal(peak_sum, count)},
          {"average_peak_before", OneDecimal(before_sum, before_n)},
          {"sites", std::move(top)},
          {"new_sites", std::move(fresh)}};
}

json SessionsSummary(const std::vector<Session>& sessions, int64_t since) {
  int count = 0, seconds = 0, rated = 0;
  double change = 0;
  for (const Session& s : sessions) {
    if (s.at_ms < since) continue;
    ++count;
    seconds += s.duration_seconds;
    if (s.pain_before && s.pain_after) {
      ++rated;
      change += *s.pain_after - *s.pain_before;
    }
  }
  return {{"count", count},
          {"minutes", (seconds + 30) / 60},
          {"rated", rated},
          {"average_change", OneDecimal(change, rated)}};
}

}  // namespace

Status SinceLastVisitJson(Journal* journal, const ShareScopes& scopes,
                          std::optional<int64_t> first_day,
                          const SharedViewOptions& options, int offset_minutes,
                          json* out) {
  const int64_t since = options.visit_ms.value_or(INT64_MIN);
  ListFilter period;
  period.since_day = first_day;
  json summary = {
      {"since",
       options.visit_ms ? json(FormatUtcMillis(*options.visit_ms)) : json()},
      {"source", options.visit_source}};
  if (scopes.entries || scopes.notes) {
    std::vector<JournalEntry> entries;
    UNKNOT_RETURN_IF_ERROR(journal->List(period, &entries));
    if (scopes.entries)
      summary["entries"] = EntriesSummary(entries, options.visit_ms);
    if (scopes.notes) {
      summary["notes"] = std::count_if(
          entries.begin(), entries.end(), [&](const JournalEntry& e) {
            return e.at_ms >= since && e.note.has_value();
          });
    }
  }
  if (scopes.routines) {
    std::vector<Session> sessions;
    UNKNOT_RETURN_IF_ERROR(journal->ListSessions(period, &sessions));
    summary["sessions"] = SessionsSummary(sessions, since);
  }
  if (scopes.triage) {
    // Checks carry no offset: the period's first day is read with the
    // view's, as in the triage section.
    const int64_t from = std::max(
        since, first_day ? *first_day * kDayMs - int64_t{offset_minutes} * 60000
                         : INT64_MIN);
    std::vector<Journal::StoredTriageResult> stored;
    UNKNOT_RETURN_IF_ERROR(journal->ListTriage(&stored));
    json checks = json::array();
    for (auto it = stored.rbegin(); it != stored.rend(); ++it) {
      if (it->at_ms >= from)
        checks.push_back(
            {{"at", FormatUtcMillis(it->at_ms)}, {"level", it->level}});
    }
    summary["checks"] = std::move(checks);
  }
  *out = std::move(summary);
  return Status::OK();
}

}  // namespace unknot
