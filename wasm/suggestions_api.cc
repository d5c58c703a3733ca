// JournalApi's sharing half (journal_api.h): the suggestions therapists
// sent through a share, and the user's answers. All logic is the core's.
#include <string>
#include <vector>

#include "journal_api.h"
#include "json_result.h"
#include "unknot/suggestions.h"

namespace unknot::wasm {

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
