// JournalApi's triage half (journal_api.h): the question set and mood forms,
// a check (evaluated with the journal's own facts and stored), the history
// and the current pause, as JSON strings. All logic is the core's
// (unknot/triage.h, unknot/mood.h); this only translates. The answers are
// glued from the core's own JSON texts rather than rebuilt as a JSON DOM:
// the wasm module pays for every nlohmann instantiation.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "journal_api.h"
#include "json_result.h"
#include "unknot/mood.h"
#include "unknot/time_util.h"
#include "unknot/triage.h"

namespace unknot::wasm {
namespace {

using nlohmann::json;

std::string Quote(const std::string& s) {
  return json(s).dump(-1, ' ', false, json::error_handler_t::replace);
}

// {"dry_run"?: bool, "at"?: ISO 8601} beside the answers file's keys; the
// rest goes to the core's ParseTriageAnswers unchanged.
Status SplitCheckRequest(const std::string& text, std::string* answers,
                         bool* dry_run, std::optional<std::string>* at) {
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return Status::Invalid("invalid-json", "expected a JSON object");
  }
  auto it = doc.find("dry_run");
  if (it != doc.end()) {
    if (!it->is_boolean()) return Status::Invalid("invalid-field", "dry_run");
    *dry_run = it->get<bool>();
    doc.erase(it);
  }
  it = doc.find("at");
  if (it != doc.end()) {
    if (!it->is_string()) return Status::Invalid("invalid-field", "at");
    *at = it->get<std::string>();
    doc.erase(it);
  }
  *answers = doc.dump();
  return Status::OK();
}

}  // namespace

std::string TriageQuestionsJson() { return TriageQuestionsToJson(); }

std::string JournalApi::Triage(const std::string& request_json) {
  if (!journal_) return NotOpen();
  std::string answers_json;
  bool dry_run = false;
  std::optional<std::string> at;
  Status status = SplitCheckRequest(request_json, &answers_json, &dry_run, &at);
  TriageAnswers answers;
  std::vector<MoodScore> moods;
  if (status.ok()) status = ParseTriageAnswers(answers_json, &answers, &moods);
  Env* env = Env::Default();
  int64_t now_ms = env->NowMillis();
  int offset = env->UtcOffsetMinutes(now_ms);
  if (status.ok() && at) status = ParseIsoTime(*at, env, &now_ms, &offset);
  if (!status.ok()) return Error(status);
  CompleteFollowUps(&answers);
  TriageFacts facts;
  // A red flag is never hidden by a storage problem: without facts the
  // journal rules stay off and the answers still count (as the CLI does).
  bool have_facts =
      ComputeTriageFacts(journal_.get(), LocalDay(now_ms, offset), &facts).ok();
  TriageResult result = EvaluateTriage(answers, have_facts ? &facts : nullptr);
  std::string out =
      R"({"result":)" + TriageResultToJson(result) + R"(,"mood":{)";
  for (size_t i = 0; i < moods.size(); ++i) {
    out +=
        (i ? "," : "") + Quote(moods[i].form) + ":" + MoodScoreToJson(moods[i]);
  }
  out += "}";
  if (!dry_run) {
    std::string id;
    status = journal_->RecordTriage(result, &id);
    // The result stands even when it could not be stored.
    out += status.ok() ? R"(,"id":)" + Quote(id)
                       : R"(,"save_error":)" +
                             Error(status).substr(9, Error(status).size() - 10);
  }
  return out + "}";
}

std::string JournalApi::TriageHistory() {
  if (!journal_) return NotOpen();
  std::vector<Journal::StoredTriageResult> rows;
  Status status = journal_->ListTriage(&rows);
  if (!status.ok()) return Error(status);
  std::string out = "[";
  for (const auto& row : rows) {
    // A stored result is synced text: passed on only when it is JSON.
    bool valid = !json::parse(row.result_json, nullptr, false).is_discarded();
    out += (out.size() > 1 ? "," : "") + std::string(R"({"id":)") +
           Quote(row.id) + R"(,"at":)" + Quote(FormatIsoTime(row.at_ms, 0)) +
           R"(,"level":)" + Quote(row.level) + R"(,"result":)" +
           (valid ? row.result_json : "null") + "}";
  }
  return out + "]";
}

std::string JournalApi::TriagePause() {
  if (!journal_) return NotOpen();
  Journal::TriagePauseState state;
  Status status = journal_->GetTriagePause(Env::Default()->NowMillis(), &state);
  if (!status.ok()) return Error(status);
  std::string by = "[";
  for (const std::string& id : state.paused_by) {
    by += (by.size() > 1 ? "," : "") + Quote(id);
  }
  return R"({"pauses":)" + Quote(state.pauses) + R"(,"paused_by":)" + by +
         R"(],"last_level":)" + Quote(state.last_level) + R"(,"recheck_due":)" +
         (state.recheck_due ? "true" : "false") + R"(,"last_check_at":)" +
         (state.last_check_ms ? Quote(FormatIsoTime(*state.last_check_ms, 0))
                              : std::string("null")) +
         "}";
}

}  // namespace unknot::wasm
