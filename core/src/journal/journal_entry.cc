#include "unknot/journal_entry.h"

#include <algorithm>
#include <cctype>

#include "unknot/vocabulary.h"
#include "util/text_util.h"

namespace unknot {

namespace {

// The 0–10 numeric rating scale used for intensity, stress and sleep.
constexpr int kMinRating = 0;
constexpr int kMaxRating = 10;

bool InRating(int value) { return value >= kMinRating && value <= kMaxRating; }

std::string Quoted(std::string_view text) { return QuoteForMessage(text); }

Status TooMany(std::string_view list, size_t count) {
  return Status::Invalid(
      "too-many-items", std::string(list) + " has " + std::to_string(count) +
                            " items; at most " + std::to_string(kMaxListItems) +
                            " are allowed");
}

Status CheckCount(std::string_view list, size_t count) {
  return count > kMaxListItems ? TooMany(list, count) : Status::OK();
}

bool SameId(std::string_view a, std::string_view b) { return a == b; }

// Medications are free text: "Ibuprofen" and " ibuprofen" are one medicine
// (and one stored row: storage keys them the same way).
bool SameMedication(std::string_view a, std::string_view b) {
  return FoldedText(a) == FoldedText(b);
}

// Lists are capped at kMaxListItems, so the quadratic scan stays tiny and
// needs no allocation.
Status CheckNoDuplicates(std::string_view list,
                         const std::vector<std::string>& items,
                         bool (*same)(std::string_view, std::string_view)) {
  for (size_t i = 0; i < items.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (same(items[i], items[j])) {
        return Status::Invalid(
            "duplicate-item",
            Quoted(items[i]) + " appears twice in " + std::string(list));
      }
    }
  }
  return Status::OK();
}

// Checks a list of vocabulary ids: count, membership, duplicates.
// `list` names the list ("qualities"), `noun` one of its items ("quality").
template <typename IsKnown>
Status CheckIdList(std::string_view list, std::string_view noun,
                   const std::vector<std::string>& ids,
                   std::string_view unknown_code, IsKnown is_known) {
  UNKNOT_RETURN_IF_ERROR(CheckCount(list, ids.size()));
  for (const std::string& id : ids) {
    if (!is_known(id)) {
      return Status::Invalid(
          std::string(unknown_code),
          "unknown " + std::string(noun) + " id " + Quoted(id));
    }
  }
  return CheckNoDuplicates(list, ids, SameId);
}

Status CheckSites(const std::vector<SitePain>& sites) {
  if (sites.empty()) {
    return Status::Invalid("no-sites", "an entry needs at least one body site");
  }
  UNKNOT_RETURN_IF_ERROR(CheckCount("sites", sites.size()));
  const Vocabulary& vocab = Vocabulary::Get();
  for (size_t i = 0; i < sites.size(); ++i) {
    const SitePain& s = sites[i];
    if (vocab.FindSite(s.site) == nullptr) {
      return Status::Invalid("unknown-body-site",
                             "unknown body site " + Quoted(s.site));
    }
    if (!InRating(s.intensity)) {
      return Status::Invalid("intensity-out-of-range",
                             "intensity " + std::to_string(s.intensity) +
                                 " at " + s.site + " is outside 0–10");
    }
    for (size_t j = 0; j < i; ++j) {
      if (sites[j].site == s.site && sites[j].side == s.side) {
        return Status::Invalid(
            "duplicate-site",
            s.site + " (" + std::string(SideName(s.side)) + ") appears twice");
      }
    }
  }
  return Status::OK();
}

Status CheckText(std::string_view what, std::string_view text) {
  if (!IsValidUtf8(text)) {
    return Status::Invalid("invalid-text",
                           std::string(what) + " is not valid UTF-8");
  }
  return Status::OK();
}

Status CheckMedications(const std::vector<std::string>& medications) {
  UNKNOT_RETURN_IF_ERROR(CheckCount("medications", medications.size()));
  for (const std::string& m : medications) {
    if (m.size() > kMaxMedicationBytes) {
      return Status::Invalid("medication-too-long",
                             "medication " + Quoted(m) + " is " +
                                 std::to_string(m.size()) + " bytes; at most " +
                                 std::to_string(kMaxMedicationBytes) +
                                 " are allowed");
    }
    UNKNOT_RETURN_IF_ERROR(CheckText("a medication", m));
    if (TrimAsciiWhitespace(m).empty()) {
      return Status::Invalid("medication-empty",
                             "a medication is empty or only spaces");
    }
  }
  return CheckNoDuplicates("medications", medications, SameMedication);
}

Status CheckRating(std::string_view code, std::string_view what,
                   const std::optional<int>& value) {
  if (value.has_value() && !InRating(*value)) {
    return Status::Invalid(
        std::string(code),
        std::string(what) + " " + std::to_string(*value) + " is outside 0–10");
  }
  return Status::OK();
}

Status CheckNote(const std::optional<std::string>& note) {
  if (!note.has_value()) return Status::OK();
  if (note->size() > kMaxNoteBytes) {
    return Status::Invalid("note-too-long",
                           "the note is " + std::to_string(note->size()) +
                               " bytes; at most " +
                               std::to_string(kMaxNoteBytes) + " are allowed");
  }
  return CheckText("the note", *note);
}

}  // namespace

std::string_view SideName(Side side) {
  switch (side) {
    case Side::kLeft:
      return "left";
    case Side::kRight:
      return "right";
    case Side::kBoth:
      return "both";
  }
  return "both";
}

bool ParseSide(std::string_view text, Side* side) {
  for (Side s : {Side::kLeft, Side::kRight, Side::kBoth}) {
    if (text == SideName(s)) {
      *side = s;
      return true;
    }
  }
  return false;
}

std::string_view RangeOfMotionName(RangeOfMotion rom) {
  switch (rom) {
    case RangeOfMotion::kFull:
      return "full";
    case RangeOfMotion::kLimited:
      return "limited";
    case RangeOfMotion::kVeryLimited:
      return "very_limited";
  }
  return "full";
}

bool ParseRangeOfMotion(std::string_view text, RangeOfMotion* rom) {
  for (RangeOfMotion r : {RangeOfMotion::kFull, RangeOfMotion::kLimited,
                          RangeOfMotion::kVeryLimited}) {
    if (text == RangeOfMotionName(r)) {
      *rom = r;
      return true;
    }
  }
  return false;
}

Status ValidateEntry(const JournalEntry& entry,
                     const std::vector<std::string>& custom_trigger_ids) {
  const Vocabulary& vocab = Vocabulary::Get();
  UNKNOT_RETURN_IF_ERROR(CheckSites(entry.sites));
  UNKNOT_RETURN_IF_ERROR(CheckIdList(
      "qualities", "quality", entry.qualities, "unknown-quality",
      [&](const std::string& id) { return vocab.FindQuality(id) != nullptr; }));
  UNKNOT_RETURN_IF_ERROR(CheckIdList(
      "triggers", "trigger", entry.triggers, "unknown-trigger",
      [&](const std::string& id) {
        return vocab.FindTrigger(id) != nullptr ||
               std::find(custom_trigger_ids.begin(), custom_trigger_ids.end(),
                         id) != custom_trigger_ids.end();
      }));
  UNKNOT_RETURN_IF_ERROR(CheckIdList(
      "helped", "helped", entry.helped, "unknown-helped",
      [&](const std::string& id) { return vocab.FindHelped(id) != nullptr; }));
  UNKNOT_RETURN_IF_ERROR(CheckMedications(entry.medications));
  UNKNOT_RETURN_IF_ERROR(
      CheckRating("stress-out-of-range", "stress", entry.stress));
  UNKNOT_RETURN_IF_ERROR(
      CheckRating("sleep-out-of-range", "sleep", entry.sleep));
  return CheckNote(entry.note);
}

}  // namespace unknot
