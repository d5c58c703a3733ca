// The answers file in, the result JSON out. Parsing never throws (the core
// also builds to wasm with exceptions off): nlohmann's non-throwing parse and
// explicit type checks.
#include <cmath>
#include <nlohmann/json.hpp>

#include "unknot/mood.h"
#include "unknot/triage.h"

namespace unknot {
namespace {

using nlohmann::json;

Status UnknownQuestion(std::string_view id) {
  return Status::Invalid("unknown-question",
                         "no triage question '" + std::string(id) + "'");
}

Status InvalidAnswer(std::string_view id, std::string_view why) {
  return Status::Invalid("invalid-answer",
                         "'" + std::string(id) + "' " + std::string(why));
}

// One key of the file (`age` or a question inside `answers`).
Status SetFromJson(std::string_view id, const json& value,
                   TriageAnswers* answers) {
  const TriageQuestion* q = FindTriageQuestion(id);
  if (q == nullptr) return UnknownQuestion(id);
  if (q->kind == QuestionKind::kYesNo) {
    if (value.is_null()) return answers->SetYesNo(id, std::nullopt);
    if (!value.is_boolean())
      return InvalidAnswer(id, "must be true, false or null");
    return answers->SetYesNo(id, value.get<bool>());
  }
  if (value.is_null()) return answers->SetNumber(id, std::nullopt);
  if (!value.is_number()) return InvalidAnswer(id, "must be a number or null");
  return answers->SetNumber(id, value.get<double>());
}

// "mood": {"phq9": [..], "gad7": [..]}: each form scored and fed in.
Status ApplyMoodJson(const json& mood, TriageAnswers* answers,
                     std::vector<MoodScore>* scores) {
  if (!mood.is_object()) return InvalidAnswer("mood", "must be an object");
  for (auto& [form, items] : mood.items()) {
    if (!items.is_array()) return InvalidAnswer(form, "must be a list");
    std::vector<int> points;
    for (const json& item : items) {
      if (!item.is_number_integer()) {
        return InvalidAnswer(form, "answers must be whole numbers");
      }
      int64_t v = item.get<int64_t>();
      points.push_back(v < -1 || v > 99 ? -1 : static_cast<int>(v));
    }
    MoodScore score;
    UNKNOT_RETURN_IF_ERROR(ScoreMoodForm(form, points, &score));
    UNKNOT_RETURN_IF_ERROR(ApplyMoodScore(score, answers));
    if (scores != nullptr) scores->push_back(std::move(score));
  }
  return Status::OK();
}

}  // namespace

void CompleteFollowUps(TriageAnswers* answers) {
  for (const TriageQuestion& q : TriageQuestions()) {
    if (q.follows.empty() || q.kind != QuestionKind::kYesNo) continue;
    auto base = answers->yes_no.find(q.follows);
    if (base == answers->yes_no.end() || base->second) continue;
    answers->yes_no.emplace(std::string(q.id), false);  // keeps a given one
  }
}

Status TriageAnswers::SetYesNo(std::string_view id, std::optional<bool> value) {
  const TriageQuestion* q = FindTriageQuestion(id);
  if (q == nullptr) return UnknownQuestion(id);
  if (q->kind != QuestionKind::kYesNo) {
    return InvalidAnswer(id, "takes a number, not yes/no");
  }
  if (value) {
    yes_no[std::string(id)] = *value;
  } else {
    yes_no.erase(std::string(id));
  }
  return Status::OK();
}

Status TriageAnswers::SetNumber(std::string_view id,
                                std::optional<double> value) {
  const TriageQuestion* q = FindTriageQuestion(id);
  if (q == nullptr) return UnknownQuestion(id);
  if (q->kind != QuestionKind::kNumber) {
    return InvalidAnswer(id, "takes yes or no, not a number");
  }
  if (!value) {
    numbers.erase(std::string(id));
    return Status::OK();
  }
  double v = *value;
  if (!std::isfinite(v) || v < q->min || v > q->max) {
    return InvalidAnswer(id, "is out of range");
  }
  if (q->integer && v != std::floor(v)) {
    return InvalidAnswer(id, "must be a whole number");
  }
  numbers[std::string(id)] = v;
  return Status::OK();
}

Status ParseTriageAnswers(std::string_view text, TriageAnswers* answers,
                          std::vector<MoodScore>* moods) {
  json doc = json::parse(text.begin(), text.end(), nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return Status::Invalid("invalid-json",
                           "the answers file is not a JSON object");
  }
  TriageAnswers parsed = *answers;
  for (auto& [key, value] : doc.items()) {
    if (key == "answers") {
      if (!value.is_object()) return InvalidAnswer(key, "must be an object");
      for (auto& [id, answer] : value.items()) {
        UNKNOT_RETURN_IF_ERROR(SetFromJson(id, answer, &parsed));
      }
    } else if (key != "age" && key != "mood") {
      return UnknownQuestion(key);
    }
  }
  // Top-level age, checked against one inside "answers".
  auto age = doc.find("age");
  if (age != doc.end()) {
    auto inner = parsed.numbers.find("age");
    TriageAnswers top;
    UNKNOT_RETURN_IF_ERROR(SetFromJson("age", *age, &top));
    auto outer = top.numbers.find("age");
    bool inner_given =
        doc.contains("answers") && doc["answers"].contains("age");
    if (inner_given && outer != top.numbers.end() &&
        (inner == parsed.numbers.end() || inner->second != outer->second)) {
      return InvalidAnswer("age", "is given twice with different values");
    }
    if (outer != top.numbers.end()) parsed.numbers["age"] = outer->second;
  }
  // After the answers, so a total given beside its form is compared.
  std::vector<MoodScore> scores;
  auto mood = doc.find("mood");
  if (mood != doc.end()) {
    UNKNOT_RETURN_IF_ERROR(ApplyMoodJson(*mood, &parsed, &scores));
  }
  if (moods != nullptr) *moods = std::move(scores);
  *answers = std::move(parsed);
  return Status::OK();
}

std::string TriageResultToJson(const TriageResult& result) {
  nlohmann::ordered_json doc;
  doc["level"] = TriageLevelName(result.level);
  doc["rules"] = nlohmann::ordered_json::array();
  for (const FiredRule& rule : result.rules) {
    nlohmann::ordered_json r;
    r["id"] = rule.id;
    r["level"] = TriageLevelName(rule.level);
    r["message"] = rule.message;
    r["pauses"] = TriagePauseName(rule.pauses);
    r["source"] = rule.source;
    doc["rules"].push_back(std::move(r));
  }
  doc["unanswered"] = result.unanswered;
  doc["ruleset_version"] = result.ruleset_version;
  return doc.dump();
}

}  // namespace unknot
