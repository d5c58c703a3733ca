// Insights (docs/insights.md): trends, triggers, what helps, patterns. One
// pass over entries builds per-day tables; every comparison then works on
// those small tables, so a 10-year journal takes a few milliseconds.
#include "unknot/insights.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "unknot/journal.h"
#include "unknot/time_util.h"

namespace unknot {
namespace {

constexpr int kTrendWindowDays = 14;
// As the journal rules of RED_FLAGS.md.
constexpr int kTrendMinDays = kInsightTrendMinDays;
constexpr int kMeaningfulPoints = 2;
constexpr int kMeaningfulPercent = 30;
constexpr double kZ95 = 1.96;
constexpr int64_t kNextEntryWindowMs = 24 * 3600 * 1000;
constexpr const char* kTimeOfDay[] = {"night", "morning", "afternoon",
                                      "evening"};
constexpr const char* kWeekdayNames[] = {"mon", "tue", "wed", "thu",
                                         "fri", "sat", "sun"};

int HighestIntensity(const JournalEntry& e) {
  int highest = 0;
  for (const SitePain& s : e.sites) highest = std::max(highest, s.intensity);
  return highest;
}

// Running sums for a mean and its interval.
struct Sums {
  int n = 0;
  double sum = 0, sum_sq = 0;
  void Add(double x) {
    ++n;
    sum += x;
    sum_sq += x * x;
  }
  double Mean() const { return n ? sum / n : 0; }
  double Variance() const {  // sample variance
    return n > 1 ? std::max(0.0, (sum_sq - sum * sum / n) / (n - 1)) : 0;
  }
};

MeanEstimate Estimate(const Sums& s) {
  MeanEstimate e;
  e.n = s.n;
  e.mean = s.Mean();
  if (s.n >= 2) {
    double half = kZ95 * std::sqrt(s.Variance() / s.n);
    e.low = e.mean - half;
    e.high = e.mean + half;
  }
  return e;
}

// day -> highest pain that day.
using DailyPain = std::map<int64_t, int>;

PainTrend Trend(const std::string& scope, const DailyPain& daily,
                int64_t today) {
  PainTrend t;
  t.scope = scope;
  int64_t base_sum = 0, recent_sum = 0;
  for (auto it = daily.lower_bound(today - 2 * kTrendWindowDays + 1);
       it != daily.end() && it->first <= today; ++it) {
    if (it->first > today - kTrendWindowDays) {
      recent_sum += it->second;
      ++t.recent_days;
    } else {
      base_sum += it->second;
      ++t.baseline_days;
    }
  }
  if (t.baseline_days) t.baseline_mean = double(base_sum) / t.baseline_days;
  if (t.recent_days) t.recent_mean = double(recent_sum) / t.recent_days;
  if (t.baseline_days < kTrendMinDays || t.recent_days < kTrendMinDays) {
    t.verdict = "not_enough_data";
    return t;
  }
  // Exact fractions, cross-multiplied (as the triage journal rules).
  int64_t diff = recent_sum * t.baseline_days - base_sum * t.recent_days;
  int64_t scale = int64_t{t.baseline_days} * t.recent_days;
  auto meaningful = [&](int64_t d) {
    return d >= kMeaningfulPoints * scale &&
           100 * d >= kMeaningfulPercent * base_sum * t.recent_days;
  };
  t.verdict = meaningful(-diff)  ? "better"
              : meaningful(diff) ? "worse"
                                 : "no_clear_change";
  return t;
}

std::string ChangeVerdict(const MeanEstimate& e) {
  if (e.n < kInsightMinSamples || !e.low) return "not_enough_data";
  if (*e.high < 0) return "pain_lower_after";
  if (*e.low > 0) return "pain_higher_after";
  return "unclear";
}

TriggerInsight CompareTrigger(const std::string& id,
                              const std::set<int64_t>& days,
                              const DailyPain& daily) {
  Sums with, without;
  for (const auto& [day, pain] : daily) {
    (days.count(day) ? with : without).Add(pain);
  }
  TriggerInsight t;
  t.id = id;
  t.days_with = with.n;
  t.days_without = without.n;
  t.mean_with = with.Mean();
  t.mean_without = without.Mean();
  t.difference.n = with.n + without.n;
  t.difference.mean = t.mean_with - t.mean_without;
  if (with.n < kInsightMinDays || without.n < kInsightMinDays) {
    t.verdict = "not_enough_data";
    return t;
  }
  double half = kZ95 * std::sqrt(with.Variance() / with.n +
                                 without.Variance() / without.n);
  t.difference.low = t.difference.mean - half;
  t.difference.high = t.difference.mean + half;
  double d = t.difference.mean;
  if (*t.difference.low > 0 && d >= kInsightMinPoints) {
    t.verdict = "higher";
  } else if (*t.difference.high < 0 && -d >= kInsightMinPoints) {
    t.verdict = "lower";
  } else {
    t.verdict = "no_clear_difference";
  }
  return t;
}

void AddBucket(PatternBucket* b, int intensity) {
  b->mean_intensity += intensity;  // a sum until Finish()
  ++b->entries;
  b->max_intensity = std::max(b->max_intensity, intensity);
}

void Finish(std::vector<PatternBucket>* buckets) {
  for (PatternBucket& b : *buckets) {
    if (b.entries) b.mean_intensity /= b.entries;
  }
}

std::vector<PatternBucket> Named(const char* const* names, size_t n) {
  std::vector<PatternBucket> out(n);
  for (size_t i = 0; i < n; ++i) out[i].name = names[i];
  return out;
}

}  // namespace

Insights ComputeInsights(const std::vector<JournalEntry>& entries,
                         const std::vector<Session>& sessions,
                         std::optional<int64_t> since_day, int64_t today) {
  Insights out;
  out.to_day = today;
  out.from_day = since_day.value_or(today);
  out.time_of_day = Named(kTimeOfDay, 4);
  out.weekdays = Named(kWeekdayNames, 7);
  DailyPain overall;  // the period's days
  // Trends always compare the last 14 days with the 14 before, whatever the
  // period.
  DailyPain trend_overall;
  std::map<std::string, DailyPain> trend_by_site;
  std::map<std::string, std::set<int64_t>> trigger_days;
  std::map<std::string, PatternBucket> site_buckets;
  std::map<std::string, Sums> helped;
  // The period's live entries, in time order (List gives them so).
  std::vector<const JournalEntry*> live;
  for (const JournalEntry& e : entries) {
    if (e.deleted) continue;
    int64_t day = LocalDay(e.at_ms, e.tz_offset_minutes);
    if (day > today) continue;
    int highest = HighestIntensity(e);
    if (day > today - 2 * kTrendWindowDays) {
      int& t = trend_overall[day];
      t = std::max(t, highest);
      for (const SitePain& s : e.sites) {
        int& ts = trend_by_site[s.site][day];
        ts = std::max(ts, s.intensity);
      }
    }
    if (since_day && day < *since_day) continue;
    if (!since_day) out.from_day = std::min(out.from_day, day);
    live.push_back(&e);
    int& d = overall[day];
    d = std::max(d, highest);
    for (const SitePain& s : e.sites) {
      site_buckets[s.site].name = s.site;
      AddBucket(&site_buckets[s.site], s.intensity);
    }
    for (const std::string& t : e.triggers) trigger_days[t].insert(day);
    LocalNow local = LocalNowAt(e.at_ms, e.tz_offset_minutes);
    AddBucket(&out.time_of_day[local.minute / 360], highest);
    AddBucket(&out.weekdays[WeekdayOf(day)], highest);
  }
  out.entries = static_cast<int>(live.size());
  out.days_with_entries = static_cast<int>(overall.size());
  // "Helped": this entry's pain vs the next entry's within 24 hours.
  for (size_t i = 0; i + 1 < live.size(); ++i) {
    const JournalEntry& e = *live[i];
    if (e.helped.empty()) continue;
    const JournalEntry& next = *live[i + 1];
    if (next.at_ms - e.at_ms > kNextEntryWindowMs) continue;
    double change = HighestIntensity(next) - HighestIntensity(e);
    for (const std::string& h : e.helped) helped[h].Add(change);
  }
  out.trends.push_back(Trend("overall", trend_overall, today));
  for (const auto& [site, daily] : trend_by_site) {
    out.trends.push_back(Trend(site, daily, today));
  }
  for (const auto& [id, days] : trigger_days) {
    out.triggers.push_back(CompareTrigger(id, days, overall));
  }
  std::map<std::string, Sums> routines;
  for (const Session& s : sessions) {
    int64_t day = LocalDay(s.at_ms, s.tz_offset_minutes);
    if (s.deleted || day > today || (since_day && day < *since_day)) continue;
    if (!since_day) out.from_day = std::min(out.from_day, day);
    ++out.sessions;
    if (s.pain_before && s.pain_after) {
      routines[s.routine_id].Add(*s.pain_after - *s.pain_before);
    }
  }
  for (const auto& [id, sums] : routines) {
    HelpInsight h{id, Estimate(sums), ""};
    h.verdict = ChangeVerdict(h.change);
    out.routines.push_back(std::move(h));
  }
  for (const auto& [id, sums] : helped) {
    HelpInsight h{id, Estimate(sums), ""};
    h.verdict = ChangeVerdict(h.change);
    out.helped.push_back(std::move(h));
  }
  for (auto& [site, bucket] : site_buckets) out.sites.push_back(bucket);
  Finish(&out.time_of_day);
  Finish(&out.weekdays);
  Finish(&out.sites);
  return out;
}

Status JournalInsights(Journal* journal, std::optional<int64_t> since_day,
                       int64_t today, Insights* insights) {
  ListFilter filter;
  filter.until_day = today;
  // Trends look back 28 days from today even when the period is shorter.
  if (since_day) filter.since_day = std::min(*since_day, today - 27);
  std::vector<JournalEntry> entries;
  UNKNOT_RETURN_IF_ERROR(journal->List(filter, &entries));
  std::vector<Session> sessions;
  UNKNOT_RETURN_IF_ERROR(journal->ListSessions(filter, &sessions));
  *insights = ComputeInsights(entries, sessions, since_day, today);
  return Status::OK();
}

}  // namespace unknot
