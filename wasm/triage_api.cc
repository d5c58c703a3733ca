// JournalApi's triage half (journal_api.h): the question set and mood forms,
// a check (evaluated with the journal's own facts and stored), the history
// and the current pause, as JSON strings. All logic is the core's
// (unknot/triage.h, unknot/mood.h); this only translates.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "journal_api.h"
#include "unknot/mood.h"
#include "unknot/time_util.h"
#include "unknot/triage.h"

namespace unknot::wasm {
namespace {

using nlohmann::json;

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}
std::string Error(const Status& status) {
  return Dump(
      {{"error", {{"code", status.code()}, {"message", status.message()}}}});
}
std::string NotOpen() {
  return Error(Status::Invalid("not-open", "no journal is open"));
}

// {"dry_run"?: bool, "at"?: ISO 8601} beside the answers file's keys; the
// rest goes to the core's ParseTriageAnswers unchanged.
Status SplitCheckRequest(const std::string& text, std::string* answers,
                         bool* dry_run, std::optional<std::string>* at) {
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return Status::Invalid("invalid-json", "expected a JSON object");
  }
  for (const char* key : {"dry_run", "at"}) {
    auto it = doc.find(key);
    if (it == doc.end()) continue;
    bool ok = key[0] == 'd' ? it->is_boolean() : it->is_string();
    if (!ok) return Status::Invalid("invalid-field", std::string(key));
    if (key[0] == 'd') {
      *dry_run = it->get<bool>();
    } else {
      *at = it->get<std::string>();
    }
    doc.erase(it);
  }
  *answers = doc.dump();
  return Status::OK();
}

}  // namespace

std::string TriageQuestionsJson() {
  json questions = json::array();
  for (const TriageQuestion& q : TriageQuestions()) {
    json item = {{"id", q.id},
                 {"kind", q.kind == QuestionKind::kYesNo ? "yes_no" : "number"},
                 {"text", q.text},
                 {"follows", q.follows},
                 {"form", q.form}};
    if (q.kind == QuestionKind::kNumber) {
      item["min"] = q.min;
      item["max"] = q.max;
      item["integer"] = q.integer;
    }
    questions.push_back(std::move(item));
  }
  json forms = json::array();
  for (const MoodForm& form : MoodForms()) {
    json bands = json::array();
    for (const MoodBand& band : form.bands) {
      bands.push_back({{"from", band.from}, {"name", band.name}});
    }
    forms.push_back({{"id", form.id},
                     {"short_id", form.short_id},
                     {"title", form.title},
                     {"stem", form.stem},
                     {"items", form.items},
                     {"bands", bands},
                     {"offer_full_at", kMoodOfferFullFormAt}});
  }
  return Dump({{"ruleset_version", kTriageRulesetVersion},
               {"questions", questions},
               {"mood_forms", forms},
               {"mood_scale", MoodAnswerScale()}});
}

std::string JournalApi::Triage(const std::string& request_json) {
  if (!journal_) return NotOpen();
  std::string answers_json;
  bool dry_run = false;
  std::optional<std::string> at;
  Status status = SplitCheckRequest(request_json, &answers_json, &dry_run, &at);
  TriageAnswers answers;
  std::vector<MoodScore> moods;
  if (status.ok()) status = ParseTriageAnswers(answers_json, &answers, &moods);
  if (!status.ok()) return Error(status);
  CompleteFollowUps(&answers);
  Env* env = Env::Default();
  int64_t now_ms = env->NowMillis();
  int offset = env->UtcOffsetMinutes(now_ms);
  if (at) {
    status = ParseIsoTime(*at, env, &now_ms, &offset);
    if (!status.ok()) return Error(status);
  }
  TriageFacts facts;
  // A red flag is never hidden by a storage problem: without facts the
  // journal rules stay off, the answers still count (as the CLI does).
  bool have_facts =
      ComputeTriageFacts(journal_.get(), LocalDay(now_ms, offset), &facts).ok();
  TriageResult result = EvaluateTriage(answers, have_facts ? &facts : nullptr);
  json out = {
      {"result", json::parse(TriageResultToJson(result), nullptr, false)}};
  json mood = json::object();
  for (const MoodScore& score : moods) {
    mood[score.form] = json::parse(MoodScoreToJson(score), nullptr, false);
  }
  out["mood"] = std::move(mood);
  if (!dry_run) {
    std::string id;
    status = journal_->RecordTriage(result, &id);
    if (!status.ok()) {
      out["save_error"] = {{"code", status.code()},
                           {"message", status.message()}};
    } else {
      out["id"] = id;
    }
  }
  return Dump(out);
}

std::string JournalApi::TriageHistory() {
  if (!journal_) return NotOpen();
  std::vector<Journal::StoredTriageResult> rows;
  Status status = journal_->ListTriage(&rows);
  if (!status.ok()) return Error(status);
  json out = json::array();
  for (const auto& row : rows) {
    json result = json::parse(row.result_json, nullptr, false);
    out.push_back({{"id", row.id},
                   {"at", FormatIsoTime(row.at_ms, 0)},
                   {"level", row.level},
                   {"result", result.is_discarded() ? json() : result}});
  }
  return Dump(out);
}

std::string JournalApi::TriagePause() {
  if (!journal_) return NotOpen();
  Journal::TriagePauseState state;
  Status status = journal_->GetTriagePause(Env::Default()->NowMillis(), &state);
  if (!status.ok()) return Error(status);
  json out = {{"pauses", state.pauses},
              {"paused_by", state.paused_by},
              {"last_level", state.last_level},
              {"recheck_due", state.recheck_due},
              {"last_check_at", nullptr}};
  if (state.last_check_ms) {
    out["last_check_at"] = FormatIsoTime(*state.last_check_ms, 0);
  }
  return Dump(out);
}

}  // namespace unknot::wasm
