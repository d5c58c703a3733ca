#include "routine_options.h"

#include <cstdio>

#include "unknot/time_util.h"

namespace unknot::cli {
namespace {

bool ParseNonNegative(std::string_view text, int* value) {
  if (text.empty() || text.size() > 7) return false;
  int v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *value = v;
  return true;
}

}  // namespace

Status ReadIntOption(const ParsedArgs& args, std::string_view name,
                     std::optional<int>* value) {
  std::optional<std::string> text = args.Value(name);
  if (!text) return Status::OK();
  std::string_view digits = *text;
  bool negative = !digits.empty() && digits.front() == '-';
  if (negative) digits.remove_prefix(1);
  int v = 0;
  if (!ParseNonNegative(digits, &v)) {
    return UsageError("--" + std::string(name) +
                      " needs a whole number, not '" + *text + "'");
  }
  *value = negative ? -v : v;
  return Status::OK();
}

Status ParseStepSpec(std::string_view text, RoutineStep* step) {
  *step = RoutineStep();
  size_t colon = text.find(':');
  std::string_view dose =
      colon == std::string_view::npos ? "" : text.substr(0, colon);
  size_t x = dose.find('x');
  int seconds = 0, reps = 1;
  bool timed = !dose.empty() && ParseNonNegative(dose.substr(0, x), &seconds) &&
               (x == std::string_view::npos ||
                ParseNonNegative(dose.substr(x + 1), &reps));
  if (!timed) {
    step->text = std::string(text);  // no dose: the whole value is the text
    return Status::OK();
  }
  step->text = std::string(text.substr(colon + 1));
  step->seconds = seconds;
  step->reps = reps;
  return Status::OK();
}

Status ReadNow(const ParsedArgs& args, Env* env, int64_t* now_ms,
               int* offset_minutes) {
  if (std::optional<std::string> at = args.Value("at")) {
    return ParseIsoTime(*at, env, now_ms, offset_minutes);
  }
  *now_ms = env->NowMillis();
  *offset_minutes = env->UtcOffsetMinutes(*now_ms);
  return Status::OK();
}

std::string LocalTimeText(int64_t utc_ms, int offset) {
  std::string iso = FormatIsoTime(utc_ms, offset);
  char sign = offset < 0 ? '-' : '+';
  int magnitude = offset < 0 ? -offset : offset;
  char zone[16];
  std::snprintf(zone, sizeof(zone), "%c%02d:%02d", sign, magnitude / 60,
                magnitude % 60);
  std::string text = iso.substr(0, 16);
  text[10] = ' ';
  return text + " " + zone;
}

}  // namespace unknot::cli
