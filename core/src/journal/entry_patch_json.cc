// A JSON patch of an entry: a JSON Merge Patch (RFC 7396) applied to the
// entry's own JSON, read back with EntryFromJson; the EntryPatch holds
// exactly the fields whose values changed. So the one JSON shape of an entry
// is the only one, and an edit that changes nothing writes no cell (no
// stamp is bumped, so it cannot win over another device's edit of that
// field).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "unknot/entry_json.h"

namespace unknot {
namespace {

using nlohmann::json;

bool SameSites(const std::vector<SitePain>& a, const std::vector<SitePain>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].site != b[i].site || a[i].side != b[i].side ||
        a[i].intensity != b[i].intensity) {
      return false;
    }
  }
  return true;
}

// Sets *value when `after` differs from `before`, or raises *clear when an
// optional field went away.
template <typename T>
void DiffOptional(const std::optional<T>& before, const std::optional<T>& after,
                  std::optional<T>* value, bool* clear) {
  if (after.has_value()) {
    if (before != after) *value = after;
  } else if (before.has_value()) {
    *clear = true;
  }
}

template <typename T>
void DiffList(const std::vector<T>& before, const std::vector<T>& after,
              std::optional<std::vector<T>>* value) {
  if (before != after) *value = after;
}

// Whether an ISO 8601 time names its own offset ("...Z", "...+01:00") rather
// than being local. The date part has '-' in it, so look past it.
bool HasExplicitOffset(std::string_view iso) {
  if (iso.size() <= 10) return false;  // a bare date
  std::string_view time = iso.substr(10);
  return time.back() == 'Z' || time.back() == 'z' ||
         time.find_first_of("+-") != std::string_view::npos;
}

}  // namespace

EntryPatch DiffEntries(const JournalEntry& before, const JournalEntry& after) {
  EntryPatch patch;
  if (before.at_ms != after.at_ms) patch.at_ms = after.at_ms;
  if (before.tz_offset_minutes != after.tz_offset_minutes) {
    patch.tz_offset_minutes = after.tz_offset_minutes;
  }
  if (before.flare != after.flare) patch.flare = after.flare;
  if (!SameSites(before.sites, after.sites)) patch.sites = after.sites;
  DiffList(before.qualities, after.qualities, &patch.qualities);
  DiffList(before.triggers, after.triggers, &patch.triggers);
  DiffList(before.helped, after.helped, &patch.helped);
  DiffList(before.medications, after.medications, &patch.medications);
  DiffOptional(before.rom, after.rom, &patch.rom, &patch.clear_rom);
  DiffOptional(before.stress, after.stress, &patch.stress, &patch.clear_stress);
  DiffOptional(before.sleep, after.sleep, &patch.sleep, &patch.clear_sleep);
  DiffOptional(before.note, after.note, &patch.note, &patch.clear_note);
  return patch;
}

Status EntryPatchFromJson(const JournalEntry& current,
                          std::string_view patch_json, EntryPatch* patch) {
  json changes = json::parse(patch_json, nullptr, /*allow_exceptions=*/false);
  if (changes.is_discarded() || !changes.is_object()) {
    return Status::Invalid("invalid-json", "a patch must be a JSON object");
  }
  // Identity, deletion and history are not editable through a patch.
  for (const char* key : {"id", "deleted", "stamps"}) changes.erase(key);

  json merged = json::parse(EntryToJson(current), nullptr, false);
  if (merged.is_discarded() || !merged.is_object()) {
    return Status::Corruption("invalid-json", "stored entry is not JSON");
  }
  merged.erase("stamps");
  // The entry's JSON carries its offset twice ("at" and
  // "tz_offset_minutes", the latter winning). A new "at" with its own offset
  // brings that offset; a local one stays in the entry's offset.
  auto at = changes.find("at");
  if (at != changes.end() && at->is_string() &&
      !changes.contains("tz_offset_minutes") &&
      HasExplicitOffset(at->get_ref<const std::string&>())) {
    merged.erase("tz_offset_minutes");
  }
  merged.merge_patch(changes);

  JournalEntry after;
  UNKNOT_RETURN_IF_ERROR(EntryFromJson(
      merged.dump(-1, ' ', false, json::error_handler_t::replace), &after));
  *patch = DiffEntries(current, after);
  return Status::OK();
}

}  // namespace unknot
