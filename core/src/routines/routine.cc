// Routines and sessions: validation and JSON. Text from people (titles,
// steps) may hold invalid UTF-8 in a file; JSON output replaces bad bytes
// rather than throwing (a throw aborts the wasm module).
#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "unknot/routines.h"
#include "unknot/time_util.h"
#include "unknot/vocabulary.h"
#include "util/text_util.h"

namespace unknot {
namespace {

using nlohmann::json;
using OJson = nlohmann::ordered_json;

constexpr std::string_view kKindNames[] = {"stretch",       "foam_rolling",
                                           "heat",          "self_massage",
                                           "posture_check", "mind_body"};

Status BadStep(size_t index, const std::string& why) {
  return Status::Invalid("invalid-step",
                         "step " + std::to_string(index + 1) + ": " + why);
}

Status ValidateStep(const RoutineStep& s, size_t index) {
  std::string_view text = TrimAsciiWhitespace(s.text);
  if (text.empty() || s.text.size() > kMaxStepTextBytes ||
      !IsValidUtf8(s.text)) {
    return BadStep(index, "the text must be 1 to 300 bytes of UTF-8");
  }
  auto in = [](int v, int lo, int hi) { return v >= lo && v <= hi; };
  if (!in(s.seconds, 0, kMaxStepSeconds) ||
      !in(s.rest_seconds, 0, kMaxStepSeconds) ||
      !in(s.seconds_65_plus, 0, kMaxStepSeconds)) {
    return BadStep(index, "seconds must be 0 to 3600");
  }
  if (s.max_seconds != 0 &&
      (s.max_seconds <= s.seconds || s.max_seconds > kMaxStepSeconds)) {
    return BadStep(index, "max_seconds must be 0 or above seconds");
  }
  if (s.seconds_65_plus != 0 && s.seconds_65_plus < s.seconds) {
    return BadStep(index, "seconds_65_plus must be 0 or at least seconds");
  }
  if (!in(s.reps, 1, kMaxStepReps)) return BadStep(index, "reps must be 1-50");
  if (s.max_reps != 0 && (s.max_reps <= s.reps || s.max_reps > kMaxStepReps)) {
    return BadStep(index, "max_reps must be 0 or above reps");
  }
  return Status::OK();
}

OJson StepToJson(const RoutineStep& s) {
  return {{"text", s.text},
          {"seconds", s.seconds},
          {"max_seconds", s.max_seconds},
          {"seconds_65_plus", s.seconds_65_plus},
          {"reps", s.reps},
          {"max_reps", s.max_reps},
          {"rest_seconds", s.rest_seconds},
          {"per_side", s.per_side}};
}

Status BadField(const std::string& field, const std::string& why) {
  return Status::Invalid("invalid-field", field + ": " + why);
}

Status ReadIntField(const json& obj, const char* key, int* out) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return Status::OK();
  if (!it->is_number_integer()) return BadField(key, "must be a whole number");
  int64_t v = it->get<int64_t>();
  if (v < -1000000 || v > 1000000) return BadField(key, "out of range");
  *out = static_cast<int>(v);
  return Status::OK();
}

Status ReadStep(const json& item, RoutineStep* step) {
  if (item.is_string()) {
    step->text = item.get<std::string>();
    return Status::OK();
  }
  if (!item.is_object()) return BadField("steps", "must be objects");
  auto text = item.find("text");
  if (text == item.end() || !text->is_string()) {
    return BadField("steps", "each step needs a text");
  }
  step->text = text->get<std::string>();
  UNKNOT_RETURN_IF_ERROR(ReadIntField(item, "seconds", &step->seconds));
  UNKNOT_RETURN_IF_ERROR(ReadIntField(item, "max_seconds", &step->max_seconds));
  UNKNOT_RETURN_IF_ERROR(
      ReadIntField(item, "seconds_65_plus", &step->seconds_65_plus));
  UNKNOT_RETURN_IF_ERROR(ReadIntField(item, "reps", &step->reps));
  UNKNOT_RETURN_IF_ERROR(ReadIntField(item, "max_reps", &step->max_reps));
  UNKNOT_RETURN_IF_ERROR(
      ReadIntField(item, "rest_seconds", &step->rest_seconds));
  auto side = item.find("per_side");
  if (side != item.end() && !side->is_null()) {
    if (!side->is_boolean()) return BadField("per_side", "must be a boolean");
    step->per_side = side->get<bool>();
  }
  return Status::OK();
}

OJson Nullable(const std::optional<int>& v) {
  return v ? OJson(*v) : OJson(nullptr);
}

std::string Dump(const OJson& j) {
  return j.dump(-1, ' ', false, OJson::error_handler_t::replace);
}

OJson SessionObject(const Session& s) {
  return {{"id", s.id},
          {"routine_id", s.routine_id},
          {"at", FormatIsoTime(s.at_ms, s.tz_offset_minutes)},
          {"tz_offset_minutes", s.tz_offset_minutes},
          {"local_date", FormatDate(LocalDay(s.at_ms, s.tz_offset_minutes))},
          {"steps_done", s.steps_done},
          {"steps_total", s.steps_total},
          {"duration_seconds", s.duration_seconds},
          {"site", s.site ? OJson(*s.site) : OJson(nullptr)},
          {"pain_before", Nullable(s.pain_before)},
          {"pain_after", Nullable(s.pain_after)},
          {"deleted", s.deleted}};
}

}  // namespace

std::string_view RoutineKindName(RoutineKind kind) {
  return kKindNames[static_cast<int>(kind)];
}

bool ParseRoutineKind(std::string_view name, RoutineKind* kind) {
  for (size_t i = 0; i < std::size(kKindNames); ++i) {
    if (kKindNames[i] == name) {
      *kind = static_cast<RoutineKind>(i);
      return true;
    }
  }
  return false;
}

Status ValidateRoutine(const Routine& routine) {
  std::string_view title = TrimAsciiWhitespace(routine.title);
  if (title.empty() || routine.title.size() > kMaxRoutineTitleBytes ||
      !IsValidUtf8(routine.title)) {
    return Status::Invalid("invalid-title",
                           "a routine's title is 1 to 80 bytes of text");
  }
  std::set<std::string> seen;
  for (const std::string& target : routine.targets) {
    if (Vocabulary::Get().FindSite(target) == nullptr) {
      return Status::Invalid("unknown-body-site",
                             "unknown body site " + QuoteForMessage(target));
    }
    if (!seen.insert(target).second) {
      return Status::Invalid("duplicate-site",
                             "target " + target + " is listed twice");
    }
  }
  if (routine.steps.empty()) {
    return Status::Invalid("no-steps", "a routine needs at least one step");
  }
  if (routine.steps.size() > kMaxRoutineSteps) {
    return Status::Invalid("too-many-steps", "a routine has at most 30 steps");
  }
  for (size_t i = 0; i < routine.steps.size(); ++i) {
    UNKNOT_RETURN_IF_ERROR(ValidateStep(routine.steps[i], i));
  }
  return Status::OK();
}

std::string RoutineToJson(const Routine& r) {
  OJson steps = OJson::array();
  for (const RoutineStep& s : r.steps) steps.push_back(StepToJson(s));
  return Dump({{"id", r.id},
               {"title", r.title},
               {"kind", RoutineKindName(r.kind)},
               {"targets", r.targets},
               {"areas", RoutineAreas(r)},
               {"steps", std::move(steps)},
               {"safety", r.safety},
               {"source", r.source},
               {"custom", r.custom}});
}

Status ParseRoutineJson(std::string_view text, Routine* out) {
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return Status::Invalid("invalid-json", "a routine must be a JSON object");
  }
  Routine r;
  auto title = doc.find("title");
  if (title != doc.end() && !title->is_null()) {
    if (!title->is_string()) return BadField("title", "must be a string");
    r.title = title->get<std::string>();
  }
  auto kind = doc.find("kind");
  if (kind != doc.end() && !kind->is_null()) {
    if (!kind->is_string() ||
        !ParseRoutineKind(kind->get<std::string>(), &r.kind)) {
      return BadField("kind",
                      "must be one of stretch, foam_rolling, heat, "
                      "self_massage, posture_check, mind_body");
    }
  }
  auto targets = doc.find("targets");
  if (targets != doc.end() && !targets->is_null()) {
    if (!targets->is_array()) return BadField("targets", "must be an array");
    for (const json& t : *targets) {
      if (!t.is_string()) return BadField("targets", "must be strings");
      r.targets.push_back(t.get<std::string>());
    }
  }
  auto steps = doc.find("steps");
  if (steps != doc.end() && !steps->is_null()) {
    if (!steps->is_array()) return BadField("steps", "must be an array");
    for (const json& item : *steps) {
      RoutineStep step;
      UNKNOT_RETURN_IF_ERROR(ReadStep(item, &step));
      r.steps.push_back(std::move(step));
    }
  }
  *out = std::move(r);
  return Status::OK();
}

Status ValidateSession(const Session& s) {
  if (s.steps_total < 1 || s.steps_total > static_cast<int>(kMaxRoutineSteps) ||
      s.steps_done < 0 || s.steps_done > s.steps_total) {
    return Status::Invalid("invalid-steps",
                           "steps done must be 0 to the routine's steps (" +
                               std::to_string(s.steps_total) + ")");
  }
  if (s.duration_seconds < 0 || s.duration_seconds > kMaxSessionSeconds) {
    return Status::Invalid("invalid-duration", "a session lasts 0 to 24 hours");
  }
  for (const std::optional<int>& pain : {s.pain_before, s.pain_after}) {
    if (pain && (*pain < 0 || *pain > 10)) {
      return Status::Invalid("pain-out-of-range", "pain is 0 to 10");
    }
  }
  if (s.site && Vocabulary::Get().FindSite(*s.site) == nullptr) {
    return Status::Invalid("unknown-body-site",
                           "unknown body site " + QuoteForMessage(*s.site));
  }
  return Status::OK();
}

std::string SessionToJson(const Session& s) { return Dump(SessionObject(s)); }

std::string SessionsToJson(const std::vector<Session>& sessions) {
  OJson all = OJson::array();
  for (const Session& s : sessions) all.push_back(SessionObject(s));
  return Dump(all);
}

std::vector<RoutinePhase> RoutinePhases(const std::vector<RoutineStep>& steps,
                                        const RoutineDose& dose) {
  std::vector<RoutinePhase> out;
  for (size_t i = 0; i < steps.size(); ++i) {
    const RoutineStep& s = steps[i];
    int seconds = s.seconds;
    if (dose.longer_holds && s.seconds_65_plus > 0) {
      seconds = s.seconds_65_plus;
    } else if (dose.upper_end && s.max_seconds > s.seconds) {
      seconds = s.max_seconds;
    }
    const int reps = std::max(
        1, dose.upper_end && s.max_reps > s.reps ? s.max_reps : s.reps);
    const int step = static_cast<int>(i);
    if (seconds <= 0) {
      out.push_back(
          {step, PhaseKind::kUntimed, 0, 1, reps, PhaseSide::kNone, true});
      continue;
    }
    const std::vector<PhaseSide> sides =
        s.per_side ? std::vector<PhaseSide>{PhaseSide::kLeft, PhaseSide::kRight}
                   : std::vector<PhaseSide>{PhaseSide::kNone};
    for (size_t k = 0; k < sides.size(); ++k) {
      for (int rep = 1; rep <= reps; ++rep) {
        out.push_back(
            {step, PhaseKind::kHold, seconds, rep, reps, sides[k], false});
        const bool last = k + 1 == sides.size() && rep == reps;
        if (!last && s.rest_seconds > 0) {
          out.push_back({step, PhaseKind::kRest, s.rest_seconds, rep, reps,
                         sides[k], false});
        }
      }
    }
    out.back().last_of_step = true;
  }
  return out;
}

std::string RoutinePhasesToJson(const std::vector<RoutinePhase>& phases) {
  static constexpr std::string_view kKinds[] = {"hold", "rest", "untimed"};
  OJson all = OJson::array();
  for (const RoutinePhase& p : phases) {
    OJson side;
    if (p.side == PhaseSide::kLeft) side = "left";
    if (p.side == PhaseSide::kRight) side = "right";
    all.push_back({{"step", p.step},
                   {"kind", kKinds[static_cast<int>(p.kind)]},
                   {"seconds", p.seconds},
                   {"rep", p.rep},
                   {"reps", p.reps},
                   {"side", std::move(side)},
                   {"last_of_step", p.last_of_step}});
  }
  return Dump(all);
}

}  // namespace unknot
