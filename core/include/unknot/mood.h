// Mood check-ins: PHQ-9 / PHQ-2 and GAD-7 / GAD-2 (Kroenke 2001, Spitzer
// 2006; both public domain), scored as RED_FLAGS.md says, and fed into the
// red-flag check: a full form's total is `phq9_total` / `gad7_total`, and
// PHQ-9 item 9 above 0 sets `self_harm_thoughts`.
//
// The forms are data (MoodForms()): item wording, the answer scale and the
// bands. A short form (PHQ-2, GAD-2) is the full form's first two items.
// Pure and thread-safe.
#ifndef UNKNOT_MOOD_H_
#define UNKNOT_MOOD_H_

#include <string>
#include <string_view>
#include <vector>

#include "unknot/status.h"

namespace unknot {

struct TriageAnswers;  // unknot/triage.h

struct MoodBand {
  int from;               // lowest total in the band
  std::string_view name;  // "minimal", "mild", ...
};

struct MoodForm {
  std::string_view id;        // "phq9", "gad7"
  std::string_view short_id;  // "phq2", "gad2": the first two items
  std::string_view title;
  std::string_view stem;  // "Over the last 2 weeks, how often ..."
  std::vector<std::string_view> items;
  std::vector<MoodBand> bands;      // ascending `from`
  std::string_view total_question;  // the triage question the total feeds
};

// PHQ-9, then GAD-7.
const std::vector<MoodForm>& MoodForms();
// The answer scale of every item: index = points (0..3).
const std::vector<std::string_view>& MoodAnswerScale();
// nullptr when `id` is not a form (short ids are not forms).
const MoodForm* FindMoodForm(std::string_view id);

// A short form total at least this offers the full form (RED_FLAGS.md).
inline constexpr int kMoodOfferFullFormAt = 3;

struct MoodScore {
  std::string form;   // "phq9" or "gad7"
  bool full = false;  // all items answered (else the 2-item short form)
  int total = 0;
  std::string band;             // full forms only; "" for a short form
  bool offer_full = false;      // short form total >= kMoodOfferFullFormAt
  bool self_harm_item = false;  // PHQ-9 item 9 > 0
};

// Scores `items` (each 0..3) of form `form_id`: exactly 2 (short form) or
// all of them. Error codes: "unknown-question" (no such form),
// "invalid-answer" (another count, or an item outside 0..3).
Status ScoreMoodForm(std::string_view form_id, const std::vector<int>& items,
                     MoodScore* score);

// Feeds a score into the check: a full form sets its total question, and
// PHQ-9 item 9 > 0 sets `self_harm_thoughts` to yes (never to no). A total
// already answered differently is refused ("invalid-answer"); on error
// *answers is unchanged.
Status ApplyMoodScore(const MoodScore& score, TriageAnswers* answers);

// {"form","full","total","band","offer_full","self_harm_item"}
std::string MoodScoreToJson(const MoodScore& score);

}  // namespace unknot

#endif  // UNKNOT_MOOD_H_
