#include "entry_options.h"

#include <charconv>
#include <string>

#include "unknot/time_util.h"

namespace unknot::cli {
namespace {

constexpr std::string_view kSiteSyntax = "ID[@left|right|both]:INTENSITY";

// A whole-string decimal integer ("7", "-1"); false for "7x", "", "seven".
bool ParseInt(std::string_view text, int* value) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, *value);
  return !text.empty() && ec == std::errc() && ptr == end;
}

Status ReadSites(const ParsedArgs& args, std::vector<SitePain>* sites) {
  sites->clear();
  for (const std::string& spec : args.Values("site")) {
    SitePain site;
    UNKNOT_RETURN_IF_ERROR(ParseSiteSpec(spec, &site));
    sites->push_back(site);
  }
  return Status::OK();
}

Status ReadAt(const ParsedArgs& args, Env* env, int64_t* at_ms,
              int* offset_minutes) {
  return ParseIsoTime(*args.Value("at"), env, at_ms, offset_minutes);
}

Status ReadRom(const ParsedArgs& args, std::optional<RangeOfMotion>* rom) {
  RangeOfMotion value;
  if (!ParseRangeOfMotion(*args.Value("rom"), &value)) {
    return UsageError("--rom must be full, limited or very_limited");
  }
  *rom = value;
  return Status::OK();
}

// --stress N / --sleep N: an integer; the core checks the 0–10 range.
Status ReadScale(const ParsedArgs& args, std::string_view name,
                 std::optional<int>* field) {
  int value;
  if (!ParseInt(*args.Value(name), &value)) {
    return UsageError("--" + std::string(name) + " needs a whole number");
  }
  *field = value;
  return Status::OK();
}

// Scalar options shared by log and edit, into the fields of either struct.
template <typename T>
Status ReadScalars(const ParsedArgs& args, T* target) {
  if (args.Has("rom")) UNKNOT_RETURN_IF_ERROR(ReadRom(args, &target->rom));
  if (args.Has("stress")) {
    UNKNOT_RETURN_IF_ERROR(ReadScale(args, "stress", &target->stress));
  }
  if (args.Has("sleep")) {
    UNKNOT_RETURN_IF_ERROR(ReadScale(args, "sleep", &target->sleep));
  }
  if (args.Has("note")) target->note = *args.Value("note");
  return Status::OK();
}

Status CheckNotBoth(const ParsedArgs& args, std::string_view a,
                    std::string_view b) {
  if (args.Has(a) && args.Has(b)) {
    return UsageError("--" + std::string(a) + " and --" + std::string(b) +
                      " contradict each other");
  }
  return Status::OK();
}

// A list option of `edit`: given → replaces the list; --clear-X → empties it.
void PatchList(const ParsedArgs& args, std::string_view name,
               std::string_view clear_name,
               std::optional<std::vector<std::string>>* field) {
  if (args.Has(name)) *field = args.Values(name);
  if (args.Has(clear_name)) *field = std::vector<std::string>();
}

Status CheckEditConflicts(const ParsedArgs& args) {
  static constexpr std::string_view kPairs[][2] = {
      {"flare", "baseline"},
      {"rom", "clear-rom"},
      {"stress", "clear-stress"},
      {"sleep", "clear-sleep"},
      {"note", "clear-note"},
      {"quality", "clear-qualities"},
      {"trigger", "clear-triggers"},
      {"helped", "clear-helped"},
      {"medication", "clear-medications"}};
  for (const auto& pair : kPairs) {
    UNKNOT_RETURN_IF_ERROR(CheckNotBoth(args, pair[0], pair[1]));
  }
  return Status::OK();
}

Status CheckAnyChange(const ParsedArgs& args) {
  for (const auto& specs : {EntryOptionSpecs(), EditOnlyOptionSpecs()}) {
    for (const OptionSpec& spec : specs) {
      if (args.Has(spec.name)) return Status::OK();
    }
  }
  return UsageError("edit needs at least one option to change");
}

}  // namespace

std::vector<OptionSpec> EntryOptionSpecs() {
  return {{"site", '\0', true, true},       {"at", '\0', true, false},
          {"flare", '\0', false, false},    {"quality", '\0', true, true},
          {"trigger", '\0', true, true},    {"helped", '\0', true, true},
          {"medication", '\0', true, true}, {"rom", '\0', true, false},
          {"stress", '\0', true, false},    {"sleep", '\0', true, false},
          {"note", '\0', true, false}};
}

std::vector<OptionSpec> EditOnlyOptionSpecs() {
  std::vector<OptionSpec> specs;
  for (std::string_view name :
       {"baseline", "clear-note", "clear-rom", "clear-stress", "clear-sleep",
        "clear-qualities", "clear-triggers", "clear-helped",
        "clear-medications"}) {
    specs.push_back({name, '\0', false, false});
  }
  return specs;
}

Status ParseSiteSpec(std::string_view text, SitePain* site) {
  auto bad = [&](std::string_view why) {
    return UsageError("--site " + std::string(text) + ": " + std::string(why) +
                      " (expected " + std::string(kSiteSyntax) + ")");
  };
  size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) return bad("missing :INTENSITY");
  if (!ParseInt(text.substr(colon + 1), &site->intensity)) {
    return bad("intensity is not a whole number");
  }
  std::string_view id = text.substr(0, colon);
  site->side = Side::kBoth;
  size_t at = id.find('@');
  if (at != std::string_view::npos) {
    if (!ParseSide(id.substr(at + 1), &site->side)) return bad("unknown side");
    id = id.substr(0, at);
  }
  if (id.empty()) return bad("missing site id");
  site->site = std::string(id);
  return Status::OK();
}

Status EntryFromArgs(const ParsedArgs& args, Env* env, JournalEntry* entry) {
  if (!args.Has("site")) return UsageError("log needs at least one --site");
  UNKNOT_RETURN_IF_ERROR(ReadSites(args, &entry->sites));
  if (args.Has("at")) {
    UNKNOT_RETURN_IF_ERROR(
        ReadAt(args, env, &entry->at_ms, &entry->tz_offset_minutes));
  } else {
    entry->at_ms = env->NowMillis();
    entry->tz_offset_minutes = env->UtcOffsetMinutes(entry->at_ms);
  }
  entry->flare = args.Has("flare");
  entry->qualities = args.Values("quality");
  entry->triggers = args.Values("trigger");
  entry->helped = args.Values("helped");
  entry->medications = args.Values("medication");
  return ReadScalars(args, entry);
}

Status PatchFromArgs(const ParsedArgs& args, Env* env, EntryPatch* patch) {
  UNKNOT_RETURN_IF_ERROR(CheckAnyChange(args));
  UNKNOT_RETURN_IF_ERROR(CheckEditConflicts(args));
  if (args.Has("at")) {
    int64_t at_ms;
    int offset;
    UNKNOT_RETURN_IF_ERROR(ReadAt(args, env, &at_ms, &offset));
    patch->at_ms = at_ms;
    patch->tz_offset_minutes = offset;
  }
  if (args.Has("flare")) patch->flare = true;
  if (args.Has("baseline")) patch->flare = false;
  if (args.Has("site")) {
    patch->sites.emplace();
    UNKNOT_RETURN_IF_ERROR(ReadSites(args, &*patch->sites));
  }
  PatchList(args, "quality", "clear-qualities", &patch->qualities);
  PatchList(args, "trigger", "clear-triggers", &patch->triggers);
  PatchList(args, "helped", "clear-helped", &patch->helped);
  PatchList(args, "medication", "clear-medications", &patch->medications);
  UNKNOT_RETURN_IF_ERROR(ReadScalars(args, patch));
  patch->clear_rom = args.Has("clear-rom");
  patch->clear_stress = args.Has("clear-stress");
  patch->clear_sleep = args.Has("clear-sleep");
  patch->clear_note = args.Has("clear-note");
  return Status::OK();
}

}  // namespace unknot::cli
