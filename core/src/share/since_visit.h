// The "since last visit" summary of a therapist's view (unknot/share.h,
// docs/sharing.md), one section per shared scope.
#ifndef UNKNOT_SHARE_SINCE_VISIT_H_
#define UNKNOT_SHARE_SINCE_VISIT_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>

#include "unknot/share.h"
#include "unknot/status.h"

namespace unknot {

class Journal;

// How far before the visit "average_peak_before" looks.
inline constexpr int kSinceVisitBaselineDays = 14;
// How many of the most logged sites the summary names.
inline constexpr size_t kSinceVisitTopSites = 5;

// Sets *out to the summary of what `journal` holds since `options.visit_ms`
// (everything of the period when nullopt), reading only the scopes shared.
// `first_day` is the period's first local day (nullopt: no bound).
Status SinceLastVisitJson(Journal* journal, const ShareScopes& scopes,
                          std::optional<int64_t> first_day,
                          const SharedViewOptions& options, int offset_minutes,
                          nlohmann::json* out);

}  // namespace unknot

#endif  // UNKNOT_SHARE_SINCE_VISIT_H_
