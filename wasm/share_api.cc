// JournalApi's sharing half (journal_api.h): the preview of a share — the
// core's SharedViewJson on this journal, what the therapist would see — and
// the suggestions therapists sent, with the user's answers. All logic is the
// core's; this only reads the request.
#include <nlohmann/json.hpp>
#include <string>

#include "journal_api.h"
#include "json_result.h"
#include "unknot/share.h"
#include "unknot/suggestions.h"
#include "unknot/time_util.h"

namespace unknot::wasm {
namespace {

using nlohmann::json;

// {"scopes", "period"?, "at"?} -> the share's options and "now".
Status ReadPreview(const std::string& text, ShareScopes* scopes,
                   SharePeriod* period, int64_t* now_ms, int* offset) {
  json obj = json::parse(text, nullptr, false);
  if (obj.is_discarded() || !obj.is_object()) {
    return Status::Invalid("invalid-json", "expected a JSON object");
  }
  std::string names;
  const json scope = obj.value("scopes", json());
  if (scope.is_string()) {
    names = scope.get<std::string>();
  } else if (scope.is_array()) {
    for (const json& s : scope) {
      if (!s.is_string())
        return Status::Invalid("invalid-scope", "a scope is a string");
      names += (names.empty() ? "" : ",") + s.get<std::string>();
    }
  }
  UNKNOT_RETURN_IF_ERROR(ParseShareScopes(names, scopes));
  const json p = obj.value("period", json::object());
  UNKNOT_RETURN_IF_ERROR(SharePeriodFromJson(Dump(p), period));
  Env* env = Env::Default();
  const json at = obj.value("at", json());
  if (at.is_string())
    return ParseIsoTime(at.get<std::string>(), env, now_ms, offset);
  *now_ms = env->NowMillis();
  *offset = env->UtcOffsetMinutes(*now_ms);
  return Status::OK();
}

}  // namespace

std::string JournalApi::SharePreview(const std::string& request_json) {
  if (!journal_) return NotOpen();
  ShareScopes scopes;
  SharePeriod period;
  int64_t now_ms = 0;
  int offset = 0;
  std::string view;
  Status s = ReadPreview(request_json, &scopes, &period, &now_ms, &offset);
  if (s.ok())
    s = SharedViewJson(journal_.get(), scopes, period, now_ms, offset, &view);
  return s.ok() ? view : Error(s);
}

std::string JournalApi::Suggestions() {
  if (!journal_) return NotOpen();
  std::vector<Suggestion> all;
  const Status s = journal_->ListSuggestions(&all);
  return s.ok() ? SuggestionsToJson(all) : Error(s);
}

std::string JournalApi::AnswerSuggestion(const std::string& id, bool accept) {
  if (!journal_) return NotOpen();
  Suggestion answered;
  const Status s = journal_->AnswerSuggestion(id, accept, &answered);
  return s.ok() ? SuggestionToJson(answered) : Error(s);
}

}  // namespace unknot::wasm
