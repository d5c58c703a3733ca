// JournalApi's insights half (journal_api.h): the core's insights of the open
// journal as the JSON of docs/insights.md. All logic is the core's; this only
// reads the options.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "journal_api.h"
#include "json_result.h"
#include "unknot/insights.h"
#include "unknot/time_util.h"

namespace unknot::wasm {
namespace {

using nlohmann::json;

Status OptionalString(const json& obj, const char* key,
                      std::optional<std::string>* out) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return Status::OK();
  if (!it->is_string()) {
    return Status::Invalid("invalid-field",
                           std::string(key) + ": must be a string");
  }
  *out = it->get<std::string>();
  return Status::OK();
}

// {"since"?, "at"?} -> the first day (none = the first entry) and today.
Status ReadOptions(const std::string& text, std::optional<int64_t>* since,
                   int64_t* today) {
  json obj = text.empty() ? json::object() : json::parse(text, nullptr, false);
  if (obj.is_discarded() || !obj.is_object()) {
    return Status::Invalid("invalid-json", "expected a JSON object");
  }
  std::optional<std::string> since_text, at;
  UNKNOT_RETURN_IF_ERROR(OptionalString(obj, "since", &since_text));
  UNKNOT_RETURN_IF_ERROR(OptionalString(obj, "at", &at));
  if (since_text) {
    int64_t day;
    UNKNOT_RETURN_IF_ERROR(ParseLocalDate(*since_text, &day));
    *since = day;
  }
  Env* env = Env::Default();
  int64_t now_ms;
  int offset;
  if (at) {
    UNKNOT_RETURN_IF_ERROR(ParseIsoTime(*at, env, &now_ms, &offset));
  } else {
    now_ms = env->NowMillis();
    offset = env->UtcOffsetMinutes(now_ms);
  }
  *today = LocalDay(now_ms, offset);
  return Status::OK();
}

}  // namespace

std::string JournalApi::Insights(const std::string& options_json) {
  if (!journal_) {
    return Error(Status::Invalid("not-open", "no journal is open"));
  }
  std::optional<int64_t> since;
  int64_t today = 0;
  ::unknot::Insights insights;
  Status status = ReadOptions(options_json, &since, &today);
  if (status.ok()) {
    status = JournalInsights(journal_.get(), since, today, &insights);
  }
  return status.ok() ? InsightsToJson(insights) : Error(status);
}

}  // namespace unknot::wasm
