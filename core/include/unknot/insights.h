// Insights: what the journal says over a period — pain trends with the
// meaningful-change rule of RED_FLAGS.md, triggers that go with higher pain,
// what helps (pain before/after routines and "helped" items), time patterns
// and the body heat map (docs/insights.md).
//
// Design note. Every claim carries the data behind it (days, sessions) and a
// verdict that says "not_enough_data" below fixed minimums; differences come
// with a 95 % interval (normal approximation) and are only called a
// difference when the interval excludes zero *and* the size is meaningful.
// Day-to-day wobble is never called progress. Pure functions of entries and
// sessions, so the browser, the CLI and the server agree.
#ifndef UNKNOT_INSIGHTS_H_
#define UNKNOT_INSIGHTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "unknot/journal_entry.h"
#include "unknot/routines.h"
#include "unknot/status.h"

namespace unknot {

class Journal;

// Below these, a comparison says "not_enough_data".
inline constexpr int kInsightMinDays = 7;     // days on each side (triggers)
inline constexpr int kInsightMinSamples = 5;  // sessions / helped entries
inline constexpr double kInsightMinPoints = 1.0;  // a difference worth naming
inline constexpr int kInsightTrendMinDays = 4;    // entry days in each 2 weeks

// A mean with its 95 % interval (mean ± 1.96·sd/√n; none for n < 2).
struct MeanEstimate {
  int n = 0;
  double mean = 0;
  std::optional<double> low, high;
};

// Last 14 days vs the 14 before (the 2-week baseline), daily pain = the
// highest intensity logged that day (for a site: that site's).
struct PainTrend {
  std::string scope;  // "overall" or a site id
  int baseline_days = 0, recent_days = 0;
  std::optional<double> baseline_mean, recent_mean;
  // "better" / "worse" (>= 2 points and >= 30 %, RED_FLAGS.md),
  // "no_clear_change", or "not_enough_data" (< 4 days in a window).
  std::string verdict;
};

struct TriggerInsight {
  std::string id;
  int days_with = 0, days_without = 0;
  double mean_with = 0, mean_without = 0;
  MeanEstimate difference;  // with - without, interval of the difference
  // "higher" / "lower" (interval excludes 0 and |difference| >= 1 point),
  // "no_clear_difference", "not_enough_data".
  std::string verdict;
};

struct HelpInsight {
  std::string id;       // a routine id or a "helped" vocabulary id
  MeanEstimate change;  // pain after - pain before
  // "pain_lower_after" / "pain_higher_after" (interval excludes 0),
  // "unclear", "not_enough_data".
  std::string verdict;
};

struct PatternBucket {
  std::string name;  // "morning", "mon", a site id
  int entries = 0;
  double mean_intensity = 0;  // of each entry's highest site intensity
  int max_intensity = 0;
};

struct Insights {
  int64_t from_day = 0, to_day = 0;
  int entries = 0, days_with_entries = 0, sessions = 0;
  std::vector<PainTrend> trends;  // overall first, then sites by id
  std::vector<TriggerInsight> triggers;
  std::vector<HelpInsight> routines;  // from sessions with both pains
  // "helped" items: the change from the entry's pain to the next entry's
  // within 24 hours.
  std::vector<HelpInsight> helped;
  std::vector<PatternBucket> time_of_day;  // night, morning, afternoon, evening
  std::vector<PatternBucket> weekdays;     // mon..sun
  std::vector<PatternBucket> sites;        // the heat map, by site id
};

// Live entries and sessions of [since_day (or the first), today], local days.
Insights ComputeInsights(const std::vector<JournalEntry>& entries,
                         const std::vector<Session>& sessions,
                         std::optional<int64_t> since_day, int64_t today);

// Reads the journal and computes. Error codes: the journal's.
Status JournalInsights(Journal* journal, std::optional<int64_t> since_day,
                       int64_t today, Insights* insights);

// The JSON of docs/insights.md, one line.
std::string InsightsToJson(const Insights& insights);

}  // namespace unknot

#endif  // UNKNOT_INSIGHTS_H_
