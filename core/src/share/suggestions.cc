// Suggestions: validation and JSON (unknot/suggestions.h). The text comes
// from another person's keyboard: it is checked as UTF-8 and written out
// replacing bad bytes rather than throwing (a throw aborts the wasm module).
#include "unknot/suggestions.h"

#include <nlohmann/json.hpp>

#include "unknot/time_util.h"
#include "util/text_util.h"

namespace unknot {
namespace {

using nlohmann::json;
using OJson = nlohmann::ordered_json;

Status Bad(const std::string& why) {
  return Status::Invalid("invalid-suggestion", why);
}

OJson TextOrNull(const std::string& s) {
  return s.empty() ? OJson() : OJson(s);
}

OJson SuggestionObject(const Suggestion& s) {
  OJson routine;
  if (s.routine) {
    routine = OJson::parse(RoutineToJson(*s.routine), nullptr, false);
  }
  return {
      {"id", s.id},
      {"kind", SuggestionKindName(s.kind)},
      {"entry_id", TextOrNull(s.entry_id)},
      {"text", TextOrNull(s.text)},
      {"routine_id", TextOrNull(s.routine_id)},
      {"routine", std::move(routine)},
      {"author", s.author},
      {"share_id", TextOrNull(s.share_id)},
      {"at", s.at_ms == 0 ? OJson() : OJson(FormatUtcMillis(s.at_ms))},
      {"status", SuggestionStatusName(s.status)},
      {"answered_at",
       s.answered_ms == 0 ? OJson() : OJson(FormatUtcMillis(s.answered_ms))},
      {"accepted_routine_id", TextOrNull(s.accepted_routine_id)}};
}

std::string Dump(const OJson& j) {
  return j.dump(-1, ' ', false, OJson::error_handler_t::replace);
}

// A string member, or "" when absent or null. False on another type.
bool OptionalString(const json& doc, const char* key, std::string* out) {
  auto it = doc.find(key);
  if (it == doc.end() || it->is_null()) return true;
  if (!it->is_string()) return false;
  *out = it->get<std::string>();
  return true;
}

}  // namespace

std::string_view SuggestionKindName(SuggestionKind kind) {
  return kind == SuggestionKind::kComment ? "comment" : "routine";
}

std::string_view SuggestionStatusName(SuggestionStatus status) {
  switch (status) {
    case SuggestionStatus::kAccepted:
      return "accepted";
    case SuggestionStatus::kDismissed:
      return "dismissed";
    case SuggestionStatus::kPending:
      break;
  }
  return "pending";
}

Status ValidateSuggestion(const Suggestion& s) {
  if (s.text.size() > kMaxSuggestionTextBytes || !IsValidUtf8(s.text)) {
    return Status::Invalid("invalid-comment",
                           "a comment or note is at most 2,000 bytes of text");
  }
  const std::string_view author = TrimAsciiWhitespace(s.author);
  if (author.empty() || s.author.size() > kMaxSuggestionAuthorBytes ||
      !IsValidUtf8(s.author)) {
    return Bad("a suggestion needs its author");
  }
  if (s.kind == SuggestionKind::kComment) {
    if (s.entry_id.empty()) return Bad("a comment is on an entry");
    if (TrimAsciiWhitespace(s.text).empty()) {
      return Status::Invalid("invalid-comment", "a comment needs some text");
    }
    if (!s.routine_id.empty() || s.routine) {
      return Bad("a comment recommends no routine");
    }
    return Status::OK();
  }
  if (!s.entry_id.empty()) return Bad("a recommendation is on no entry");
  if (s.routine_id.empty() == !s.routine) {
    return Bad("a recommendation names a routine or gives one, not both");
  }
  if (s.routine) return ValidateRoutine(*s.routine);
  if (FindLibraryRoutine(s.routine_id) == nullptr) {
    return Status::NotFound(
        "routine-not-found",
        "no library routine with id " + QuoteForMessage(s.routine_id));
  }
  return Status::OK();
}

std::string SuggestionToJson(const Suggestion& s) {
  return Dump(SuggestionObject(s));
}

std::string SuggestionsToJson(const std::vector<Suggestion>& suggestions) {
  OJson all = OJson::array();
  for (const Suggestion& s : suggestions) all.push_back(SuggestionObject(s));
  return Dump(all);
}

Status ParseSuggestionRequest(std::string_view text, Suggestion* out) {
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return Status::Invalid("invalid-json", "a suggestion is a JSON object");
  }
  Suggestion s;
  if (!OptionalString(doc, "entry_id", &s.entry_id) ||
      !OptionalString(doc, "text", &s.text) ||
      !OptionalString(doc, "routine_id", &s.routine_id)) {
    return Bad("entry_id, text and routine_id are strings");
  }
  auto routine = doc.find("routine");
  const bool has_routine = routine != doc.end() && !routine->is_null();
  if (has_routine) {
    if (!routine->is_object()) return Bad("routine is an object");
    Routine r;
    UNKNOT_RETURN_IF_ERROR(ParseRoutineJson(routine->dump(), &r));
    s.routine = std::move(r);
  }
  const bool recommends = has_routine || !s.routine_id.empty();
  if (s.entry_id.empty() == !recommends) {
    return Bad(
        "a suggestion is a comment ({\"entry_id\", \"text\"}) or a routine "
        "({\"routine_id\"} or {\"routine\"})");
  }
  s.kind = recommends ? SuggestionKind::kRoutine : SuggestionKind::kComment;
  *out = std::move(s);
  return Status::OK();
}

}  // namespace unknot
