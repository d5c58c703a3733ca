// Every threshold of the triage rules, in one place (RED_FLAGS.md). Changing
// one changes the ruleset: bump kTriageRulesetVersion.
#ifndef UNKNOT_CORE_SRC_TRIAGE_TRIAGE_TUNING_H_
#define UNKNOT_CORE_SRC_TRIAGE_TRIAGE_TUNING_H_

#include <cstdint>

namespace unknot {

// chest_pain: emergency when it happened at most this many hours ago.
constexpr double kChestPainRecentHours = 12;
// fracture: a minor injury counts from this age; a significant one is an
// emergency from this age.
constexpr double kFractureAge = 65;
// giant_cell_arteritis and polymyalgia: from this age.
constexpr double kArteritisAge = 50;
// age_onset: younger than / older than.
constexpr double kYoungOnsetAge = 20;
constexpr double kOlderOnsetAge = 55;
// mood_screen: PHQ-9 or GAD-7 total at least this.
constexpr double kMoodScreenTotal = 10;

// Journal-derived rules.
constexpr int64_t kWindowDays = 14;       // "the last 14 days"
constexpr int64_t kMinDaysInWindow = 4;   // a window needs >= 4 entry days
constexpr int64_t kSelfCareMinDays = 28;  // first session >= 28 days ago
constexpr int64_t kSelfCareMinSessionDays = 12;
constexpr int64_t kRecentOnsetDays = 42;  // first entry <= 42 days ago
// Meaningful change (Farrar 2001): >= 2 points and >= 30 %.
constexpr int64_t kMeaningfulPoints = 2;
constexpr int64_t kMeaningfulPercent = 30;

}  // namespace unknot

#endif  // UNKNOT_CORE_SRC_TRIAGE_TRIAGE_TUNING_H_
