// JournalEntry: one thing a person logs — a flare or their ongoing baseline,
// at one moment, over one or more body sites each with its own intensity.
#ifndef UNKNOT_JOURNAL_ENTRY_H_
#define UNKNOT_JOURNAL_ENTRY_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/status.h"

namespace unknot {

enum class Side { kLeft, kRight, kBoth };
enum class RangeOfMotion { kFull, kLimited, kVeryLimited };

std::string_view SideName(Side side);  // "left", "right", "both"
bool ParseSide(std::string_view text, Side* side);
std::string_view RangeOfMotionName(RangeOfMotion rom);  // "full", "limited",
                                                        // "very_limited"
bool ParseRangeOfMotion(std::string_view text, RangeOfMotion* rom);

// Pain at one body site: a vocabulary site id (area or muscle), a side and
// an intensity on the 0–10 numeric rating scale.
struct SitePain {
  std::string site;
  Side side = Side::kBoth;
  int intensity = 0;
};

// Limits on free text (bytes); longer input is refused, never truncated.
constexpr size_t kMaxNoteBytes = 4000;
constexpr size_t kMaxMedicationBytes = 200;
constexpr size_t kMaxListItems = 50;  // sites, qualities, triggers, ...

struct JournalEntry {
  std::string id;                      // 32 hex chars; set by the journal
  int64_t at_ms = 0;                   // the instant, UTC milliseconds
  int tz_offset_minutes = 0;           // the user's UTC offset at that instant
  bool flare = false;                  // false: the ongoing baseline
  std::vector<SitePain> sites;         // at least one
  std::vector<std::string> qualities;  // vocabulary ids
  std::vector<std::string> triggers;   // vocabulary or custom trigger ids
  std::vector<std::string> helped;     // vocabulary ids
  std::vector<std::string> medications;  // free text, recorded only
  std::optional<RangeOfMotion> rom;
  std::optional<int> stress;  // 0–10
  std::optional<int> sleep;   // sleep quality 0 (very poor) – 10 (very good)
  std::optional<std::string> note;
  bool deleted = false;
  // Filled by reads: field path -> HLC stamp of the winning change, e.g.
  // "at", "note", "sites/upper_trapezius@left/intensity",
  // "triggers/long_sitting/deleted". See docs/export-format.md.
  std::map<std::string, std::string> stamps;
};

// A partial update: each field set replaces that field; a list replaces the
// whole list. The clear_* flags remove an optional field.
struct EntryPatch {
  std::optional<int64_t> at_ms;
  std::optional<int> tz_offset_minutes;
  std::optional<bool> flare;
  std::optional<std::vector<SitePain>> sites;
  std::optional<std::vector<std::string>> qualities;
  std::optional<std::vector<std::string>> triggers;
  std::optional<std::vector<std::string>> helped;
  std::optional<std::vector<std::string>> medications;
  std::optional<RangeOfMotion> rom;
  std::optional<int> stress;
  std::optional<int> sleep;
  std::optional<std::string> note;
  bool clear_rom = false;
  bool clear_stress = false;
  bool clear_sleep = false;
  bool clear_note = false;
};

// Checks an entry against the vocabulary and the limits above, ignoring id,
// deleted and stamps. `is_custom_trigger` says whether a non-vocabulary
// trigger id is one of the user's own. Error codes: no-sites,
// unknown-body-site, duplicate-site, intensity-out-of-range,
// unknown-quality, unknown-trigger, unknown-helped, duplicate-item,
// stress-out-of-range, sleep-out-of-range, note-too-long,
// medication-too-long, medication-empty, too-many-items.
Status ValidateEntry(const JournalEntry& entry,
                     const std::vector<std::string>& custom_trigger_ids);

}  // namespace unknot

#endif  // UNKNOT_JOURNAL_ENTRY_H_
