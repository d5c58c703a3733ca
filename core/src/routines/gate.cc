// The red-flag gate: "before the very first routine, and for a routine on an
// area a red flag paused, the red-flag check runs first" (issue 5,
// RED_FLAGS.md). A pause lasts until the next check ("I've been seen"
// re-runs it), so only the newest stored check decides.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "unknot/routines.h"
#include "unknot/time_util.h"
#include "unknot/vocabulary.h"

namespace unknot {
namespace {

constexpr int64_t kDayMs = 86400000;

// The areas a "site" pause of `rule` covers. `dvt` names the leg ("never
// massage or press the leg"); other site pauses (local swelling) cover the
// painful area — the areas logged in the week up to the check, or every
// area when none was logged: over-pausing is the safe mistake.
std::vector<std::string> CoveredAreas(
    const std::string& rule, const std::vector<std::string>& painful_areas) {
  if (rule == "dvt") return {"legs"};
  if (!painful_areas.empty()) return painful_areas;
  std::vector<std::string> all;
  for (const BodySite& site : Vocabulary::Get().sites()) {
    if (site.is_area()) all.emplace_back(site.id);
  }
  return all;
}

bool Intersects(const std::vector<std::string>& a,
                const std::vector<std::string>& b) {
  return std::any_of(a.begin(), a.end(), [&](const std::string& x) {
    return std::find(b.begin(), b.end(), x) != b.end();
  });
}

void AddUnique(std::vector<std::string>* to,
               const std::vector<std::string>& from) {
  for (const std::string& x : from) {
    if (std::find(to->begin(), to->end(), x) == to->end()) to->push_back(x);
  }
}

}  // namespace

RoutineGate EvaluateRoutineGate(const Routine& routine,
                                const std::optional<std::string>& extra_site,
                                const std::optional<StoredTriage>& latest,
                                const std::vector<std::string>& painful_areas,
                                int64_t now_ms) {
  RoutineGate gate;
  if (!latest) {
    gate.check_required = true;
    gate.reason = "first_check";
    return gate;
  }
  gate.last_check_ms = latest->at_ms;
  gate.recheck_due = now_ms - latest->at_ms > kRecheckAfterDays * kDayMs;
  std::vector<std::string> areas = RoutineAreas(routine);
  if (extra_site) {
    const BodySite* site = Vocabulary::Get().FindSite(*extra_site);
    if (site != nullptr) AddUnique(&areas, {std::string(site->area)});
  }
  for (const auto& [rule, pauses] : latest->rules) {
    if (pauses == "all") {
      gate.paused_by.push_back(rule);
    } else if (pauses == "site") {
      std::vector<std::string> covered = CoveredAreas(rule, painful_areas);
      AddUnique(&gate.paused_areas, covered);
      if (Intersects(areas, covered)) gate.paused_by.push_back(rule);
    }
  }
  std::sort(gate.paused_areas.begin(), gate.paused_areas.end());
  if (!gate.paused_by.empty()) {
    gate.check_required = true;
    gate.reason = "paused";
    return gate;
  }
  gate.allowed = true;
  gate.reason = "ok";
  return gate;
}

std::string RoutineGateToJson(const RoutineGate& g) {
  nlohmann::ordered_json j = {
      {"allowed", g.allowed},
      {"check_required", g.check_required},
      {"reason", g.reason},
      {"paused_by", g.paused_by},
      {"paused_areas", g.paused_areas},
      {"recheck_due", g.recheck_due},
      {"last_check_at", g.last_check_ms ? nlohmann::ordered_json(
                                              FormatUtcMillis(*g.last_check_ms))
                                        : nlohmann::ordered_json(nullptr)}};
  return j.dump(-1, ' ', false,
                nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace unknot
