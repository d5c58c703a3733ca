#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "unknot/journal_entry.h"

namespace unknot {
namespace {

// A valid entry using every field; each test breaks one thing.
JournalEntry GoodEntry() {
  JournalEntry e;
  e.at_ms = 1767225600000;
  e.tz_offset_minutes = 60;
  e.flare = true;
  e.sites = {{"upper_trapezius", Side::kLeft, 7}, {"neck", Side::kBoth, 3}};
  e.qualities = {"aching", "tight"};
  e.triggers = {"long_sitting", "custom_rainy_commute"};
  e.helped = {"heat", "stretching"};
  e.medications = {"ibuprofen 200 mg"};
  e.rom = RangeOfMotion::kLimited;
  e.stress = 6;
  e.sleep = 4;
  e.note = "Worse after the long drive. Ça va mieux le soir — 😌";
  return e;
}

const std::vector<std::string> kCustom = {"custom_rainy_commute"};

// "ok" or "<code>: <message>".
std::string Check(const JournalEntry& e) {
  return ValidateEntry(e, kCustom).ToString();
}

std::string Code(const JournalEntry& e) {
  return ValidateEntry(e, kCustom).code();
}

std::vector<std::string> Many(size_t n, const std::string& prefix) {
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i) out.push_back(prefix + std::to_string(i));
  return out;
}

TEST(ValidationTest, GoodEntryPasses) { EXPECT_EQ("ok", Check(GoodEntry())); }

TEST(ValidationTest, MinimalEntryPasses) {
  JournalEntry e;
  e.sites = {{"lower_back", Side::kBoth, 0}};
  EXPECT_EQ("ok", Check(e));
}

TEST(ValidationTest, IgnoresIdDeletedAndStamps) {
  JournalEntry e = GoodEntry();
  e.id = "not hex at all";
  e.deleted = true;
  e.stamps["note"] = "garbage";
  EXPECT_EQ("ok", Check(e));
}

TEST(ValidationTest, NoSites) {
  JournalEntry e = GoodEntry();
  e.sites.clear();
  EXPECT_EQ("no-sites", Code(e));
}

TEST(ValidationTest, UnknownBodySite) {
  JournalEntry e = GoodEntry();
  e.sites[1].site = "left_pinky";
  EXPECT_EQ("unknown-body-site: unknown body site \"left_pinky\"", Check(e));
}

TEST(ValidationTest, DuplicateSite) {
  JournalEntry e = GoodEntry();
  e.sites.push_back({"upper_trapezius", Side::kLeft, 2});
  EXPECT_EQ("duplicate-site: upper_trapezius (left) appears twice", Check(e));
  // The same muscle on the other side is a different site.
  e.sites.back().side = Side::kRight;
  EXPECT_EQ("ok", Check(e));
}

TEST(ValidationTest, IntensityRange) {
  JournalEntry e = GoodEntry();
  e.sites[0].intensity = 11;
  EXPECT_EQ(
      "intensity-out-of-range: intensity 11 at upper_trapezius is outside "
      "0–10",
      Check(e));
  e.sites[0].intensity = -1;
  EXPECT_EQ("intensity-out-of-range", Code(e));
  e.sites[0].intensity = 10;
  EXPECT_EQ("ok", Check(e));
  e.sites[0].intensity = 0;
  EXPECT_EQ("ok", Check(e));
}

TEST(ValidationTest, UnknownQuality) {
  JournalEntry e = GoodEntry();
  e.qualities.push_back("numb");  // a red flag, deliberately not a quality
  EXPECT_EQ("unknown-quality: unknown quality id \"numb\"", Check(e));
}

TEST(ValidationTest, TriggersKnownOrCustom) {
  JournalEntry e = GoodEntry();
  e.triggers.push_back("custom_gardening");
  EXPECT_EQ("unknown-trigger: unknown trigger id \"custom_gardening\"",
            Check(e));
  EXPECT_EQ("ok", ValidateEntry(e, {"custom_rainy_commute", "custom_gardening"})
                      .ToString());
  // Custom ids are not accepted where they were not declared.
  e = GoodEntry();
  EXPECT_EQ("unknown-trigger", ValidateEntry(e, {}).code());
}

TEST(ValidationTest, UnknownHelped) {
  JournalEntry e = GoodEntry();
  e.helped.push_back("long_sitting");  // a trigger, not a help
  EXPECT_EQ("unknown-helped: unknown helped id \"long_sitting\"", Check(e));
}

TEST(ValidationTest, DuplicateItems) {
  JournalEntry e = GoodEntry();
  e.qualities.push_back("aching");
  EXPECT_EQ("duplicate-item: \"aching\" appears twice in qualities", Check(e));
  e = GoodEntry();
  e.triggers.push_back("custom_rainy_commute");
  EXPECT_EQ("duplicate-item", Code(e));
  e = GoodEntry();
  e.helped.push_back("heat");
  EXPECT_EQ("duplicate-item", Code(e));
  e = GoodEntry();
  e.medications.push_back("ibuprofen 200 mg");
  EXPECT_EQ("duplicate-item", Code(e));
  // Medications compare as the same medicine: trimmed, ASCII case folded.
  e.medications = {"Magnesium", " magnesium "};
  EXPECT_EQ("duplicate-item: \" magnesium \" appears twice in medications",
            Check(e));
  e.medications = {"Magnesium", "Magnesium citrate"};
  EXPECT_EQ("ok", Check(e));
}

TEST(ValidationTest, TooManyItems) {
  JournalEntry e = GoodEntry();
  e.qualities = Many(kMaxListItems + 1, "q");
  EXPECT_EQ("too-many-items: qualities has 51 items; at most 50 are allowed",
            Check(e));
  e = GoodEntry();
  e.triggers = Many(kMaxListItems + 1, "custom_");
  EXPECT_EQ("too-many-items", Code(e));
  e = GoodEntry();
  e.helped = Many(kMaxListItems + 1, "h");
  EXPECT_EQ("too-many-items", Code(e));
  e = GoodEntry();
  e.medications = Many(kMaxListItems + 1, "pill ");
  EXPECT_EQ("too-many-items", Code(e));
  e = GoodEntry();
  e.medications = Many(kMaxListItems, "pill ");
  EXPECT_EQ("ok", Check(e));

  e = GoodEntry();
  e.sites.clear();
  for (size_t i = 0; i <= kMaxListItems; ++i) {
    e.sites.push_back({"neck", Side::kBoth, 1});
  }
  EXPECT_EQ("too-many-items", Code(e));  // counted before duplicates
}

TEST(ValidationTest, StressAndSleepRange) {
  JournalEntry e = GoodEntry();
  e.stress = 11;
  EXPECT_EQ("stress-out-of-range: stress 11 is outside 0–10", Check(e));
  e.stress = -1;
  EXPECT_EQ("stress-out-of-range", Code(e));
  e.stress.reset();
  EXPECT_EQ("ok", Check(e));
  e.sleep = 12;
  EXPECT_EQ("sleep-out-of-range: sleep 12 is outside 0–10", Check(e));
  e.sleep = 0;
  EXPECT_EQ("ok", Check(e));
}

TEST(ValidationTest, NoteLength) {
  JournalEntry e = GoodEntry();
  e.note = std::string(kMaxNoteBytes, 'x');
  EXPECT_EQ("ok", Check(e));
  e.note = std::string(kMaxNoteBytes + 1, 'x');
  EXPECT_EQ("note-too-long: the note is 4001 bytes; at most 4000 are allowed",
            Check(e));
  e.note = "";
  EXPECT_EQ("ok", Check(e));
}

TEST(ValidationTest, MedicationLengthAndEmptiness) {
  JournalEntry e = GoodEntry();
  e.medications = {std::string(kMaxMedicationBytes, 'm')};
  EXPECT_EQ("ok", Check(e));
  e.medications = {std::string(kMaxMedicationBytes + 1, 'm')};
  EXPECT_EQ("medication-too-long", Code(e));
  EXPECT_NE(std::string::npos, Check(e).find("201 bytes"));
  e.medications = {""};
  EXPECT_EQ("medication-empty", Code(e));
  e.medications = {" \t\n "};
  EXPECT_EQ("medication-empty", Code(e));
}

TEST(ValidationTest, InvalidText) {
  JournalEntry e = GoodEntry();
  e.note = std::string("caf\xC3", 4);  // truncated two-byte sequence
  EXPECT_EQ("invalid-text: the note is not valid UTF-8", Check(e));
  for (const char* bad : {"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                          "\x80", "\xFF", "\xE2\x82"}) {
    e.note = bad;
    EXPECT_EQ("invalid-text", Code(e)) << e.note.value();
  }
  e = GoodEntry();
  e.medications = {"ibu\xFFprofen"};
  EXPECT_EQ("invalid-text: a medication is not valid UTF-8", Check(e));
  // Four-byte characters are fine.
  e.medications = {"💊 magnesium"};
  EXPECT_EQ("ok", Check(e));
}

TEST(ValidationTest, LongUnknownIdIsQuotedInPart) {
  JournalEntry e = GoodEntry();
  e.qualities = {std::string(10000, 'z')};
  const Status s = ValidateEntry(e, kCustom);
  EXPECT_EQ("unknown-quality", s.code());
  EXPECT_LT(s.message().size(), 120u);
}

TEST(ValidationTest, SideNames) {
  for (Side side : {Side::kLeft, Side::kRight, Side::kBoth}) {
    Side parsed = Side::kBoth;
    ASSERT_TRUE(ParseSide(SideName(side), &parsed));
    EXPECT_EQ(side, parsed);
  }
  EXPECT_EQ("left", SideName(Side::kLeft));
  EXPECT_EQ("right", SideName(Side::kRight));
  EXPECT_EQ("both", SideName(Side::kBoth));
  Side side = Side::kLeft;
  EXPECT_FALSE(ParseSide("Left", &side));
  EXPECT_FALSE(ParseSide("", &side));
  EXPECT_EQ(Side::kLeft, side);
}

TEST(ValidationTest, RangeOfMotionNames) {
  EXPECT_EQ("full", RangeOfMotionName(RangeOfMotion::kFull));
  EXPECT_EQ("limited", RangeOfMotionName(RangeOfMotion::kLimited));
  EXPECT_EQ("very_limited", RangeOfMotionName(RangeOfMotion::kVeryLimited));
  RangeOfMotion rom = RangeOfMotion::kFull;
  ASSERT_TRUE(ParseRangeOfMotion("very_limited", &rom));
  EXPECT_EQ(RangeOfMotion::kVeryLimited, rom);
  EXPECT_FALSE(ParseRangeOfMotion("very limited", &rom));
  EXPECT_EQ(RangeOfMotion::kVeryLimited, rom);
}

}  // namespace
}  // namespace unknot
