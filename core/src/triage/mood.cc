// The mood forms as data, their scoring, and how they feed the red-flag
// check (unknot/mood.h).
#include "unknot/mood.h"

#include <nlohmann/json.hpp>

#include "unknot/triage.h"

namespace unknot {
namespace {

Status Invalid(std::string_view what) {
  return Status::Invalid("invalid-answer", std::string(what));
}

}  // namespace

const std::vector<MoodForm>& MoodForms() {
  static const auto* forms = new std::vector<MoodForm>{
      {"phq9",
       "phq2",
       "Mood (PHQ-9)",
       "Over the last 2 weeks, how often have you been bothered by any of "
       "the following problems?",
       {"Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy", "Poor appetite or overeating",
        "Feeling bad about yourself, or that you are a failure or have let "
        "yourself or your family down",
        "Trouble concentrating on things, such as reading or watching "
        "television",
        "Moving or speaking so slowly that other people could have noticed, "
        "or the opposite: being so fidgety or restless that you have been "
        "moving around a lot more than usual",
        "Thoughts that you would be better off dead, or of hurting yourself "
        "in some way"},
       // Kroenke 2001: 5 / 10 / 15 / 20.
       {{0, "minimal"},
        {5, "mild"},
        {10, "moderate"},
        {15, "moderately severe"},
        {20, "severe"}},
       "phq9_total"},
      {"gad7",
       "gad2",
       "Anxiety (GAD-7)",
       "Over the last 2 weeks, how often have you been bothered by the "
       "following problems?",
       {"Feeling nervous, anxious, or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things", "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid, as if something awful might happen"},
       // Spitzer 2006: 5 / 10 / 15.
       {{0, "minimal"}, {5, "mild"}, {10, "moderate"}, {15, "severe"}},
       "gad7_total"},
  };
  return *forms;
}

const std::vector<std::string_view>& MoodAnswerScale() {
  static const auto* scale = new std::vector<std::string_view>{
      "Not at all", "Several days", "More than half the days",
      "Nearly every day"};
  return *scale;
}

const MoodForm* FindMoodForm(std::string_view id) {
  for (const MoodForm& form : MoodForms()) {
    if (form.id == id) return &form;
  }
  return nullptr;
}

Status ScoreMoodForm(std::string_view form_id, const std::vector<int>& items,
                     MoodScore* score) {
  const MoodForm* form = FindMoodForm(form_id);
  if (form == nullptr) {
    return Status::Invalid("unknown-question",
                           "no mood form '" + std::string(form_id) + "'");
  }
  if (items.size() != 2 && items.size() != form->items.size()) {
    return Invalid(std::string(form_id) + " takes 2 or " +
                   std::to_string(form->items.size()) + " answers");
  }
  MoodScore out;
  out.form = std::string(form->id);
  out.full = items.size() == form->items.size();
  const int max_points = static_cast<int>(MoodAnswerScale().size()) - 1;
  for (int points : items) {
    if (points < 0 || points > max_points) {
      return Invalid(std::string(form_id) + " answers are 0 to " +
                     std::to_string(max_points));
    }
    out.total += points;
  }
  if (out.full) {
    for (const MoodBand& band : form->bands) {
      if (out.total >= band.from) out.band = std::string(band.name);
    }
    // PHQ-9 item 9 is the self-harm question (index 8).
    out.self_harm_item = form->id == "phq9" && items[8] > 0;
  } else {
    out.offer_full = out.total >= kMoodOfferFullFormAt;
  }
  *score = std::move(out);
  return Status::OK();
}

Status ApplyMoodScore(const MoodScore& score, TriageAnswers* answers) {
  const MoodForm* form = FindMoodForm(score.form);
  if (form == nullptr) {
    return Status::Invalid("unknown-question",
                           "no mood form '" + score.form + "'");
  }
  if (!score.full) return Status::OK();  // a short form sets no total
  TriageAnswers next = *answers;
  std::string question(form->total_question);
  auto given = next.numbers.find(question);
  if (given != next.numbers.end() && given->second != score.total) {
    return Invalid(question + " differs from the " + score.form +
                   " answers' total");
  }
  UNKNOT_RETURN_IF_ERROR(next.SetNumber(question, score.total));
  if (score.self_harm_item) {
    UNKNOT_RETURN_IF_ERROR(next.SetYesNo("self_harm_thoughts", true));
  }
  *answers = std::move(next);
  return Status::OK();
}

std::string MoodScoreToJson(const MoodScore& score) {
  nlohmann::ordered_json doc;
  doc["form"] = score.form;
  doc["full"] = score.full;
  doc["total"] = score.total;
  doc["band"] = score.band;
  doc["offer_full"] = score.offer_full;
  doc["self_harm_item"] = score.self_harm_item;
  return doc.dump();
}

}  // namespace unknot
