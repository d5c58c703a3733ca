// Suggestions: what a therapist sends a patient through a share — a comment
// on one of the patient's entries, or a routine recommended (one of the
// library's, or one the therapist wrote) — and the patient's answer.
//
// Design note. A suggestion is a row of the patient's own journal
// (`suggestions`, schema v4) written as cell changes like everything else,
// so it reaches every device of the patient by sync, works offline once
// there, and an answer given on one device holds on all. The server writes
// the row, with the stamp of its copy of the journal, when a therapist with
// a live grant sends it (AddSharedSuggestion, unknot/share.h): the therapist
// never pushes changes, and no suggestion changes an entry, a routine or
// anything else of the patient's. The patient's devices write only the
// answer cells. Accepting a routine the therapist wrote saves a copy as one
// of the patient's own routines, in the same transaction, under an id
// derived from the suggestion's, so two devices accepting it offline land
// on one routine.
//
// Thread safety: the functions here are pure.
#ifndef UNKNOT_SUGGESTIONS_H_
#define UNKNOT_SUGGESTIONS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/routines.h"
#include "unknot/status.h"

namespace unknot {

enum class SuggestionKind { kComment, kRoutine };
// "comment", "routine".
std::string_view SuggestionKindName(SuggestionKind kind);

enum class SuggestionStatus { kPending, kAccepted, kDismissed };
// "pending", "accepted", "dismissed".
std::string_view SuggestionStatusName(SuggestionStatus status);

struct Suggestion {
  std::string id;  // 32 hex chars, time-ordered like entry ids
  SuggestionKind kind = SuggestionKind::kComment;
  std::string entry_id;  // kComment: the entry commented on
  // kComment: the comment. kRoutine: an optional note ("twice a day").
  std::string text;
  // kRoutine: the library routine recommended, or "" when `routine` is.
  std::string routine_id;
  std::optional<Routine> routine;  // kRoutine: one the therapist wrote
  std::string author;              // who sent it (their email), as shown
  std::string share_id;            // the share it came through
  int64_t at_ms = 0;               // when it was sent
  SuggestionStatus status = SuggestionStatus::kPending;
  int64_t answered_ms = 0;  // 0 while pending
  // Accepting a routine the therapist wrote: the patient's copy.
  std::string accepted_routine_id;
};

inline constexpr size_t kMaxSuggestionTextBytes = 2000;
inline constexpr size_t kMaxSuggestionAuthorBytes = 254;

// Checks what a suggestion says (not its id, status or answer).
// Error codes: "invalid-comment" (a comment's text empty, over
// kMaxSuggestionTextBytes or not UTF-8; also a note over the limit),
// "invalid-suggestion" (no entry for a comment, no routine or both for a
// recommendation, no author), "routine-not-found" (routine_id is not a
// library routine), ValidateRoutine's codes for a routine of the
// therapist's.
Status ValidateSuggestion(const Suggestion& suggestion);

// {"id","kind","entry_id","text","routine_id","routine","author",
//  "share_id","at","status","answered_at","accepted_routine_id"} on one
// line: absent values are null, "routine" is RoutineToJson's object.
std::string SuggestionToJson(const Suggestion& suggestion);
std::string SuggestionsToJson(const std::vector<Suggestion>& suggestions);

// What a therapist sends: {"entry_id": ID, "text": "..."} (a comment) or
// {"routine_id": ID} / {"routine": {title, kind, targets, steps}} with an
// optional "text" (a recommendation). Sets kind, entry_id, text,
// routine_id and routine; not validated.
// Error codes: "invalid-json", "invalid-suggestion" (neither or both
// shapes, a field of the wrong type), ParseRoutineJson's.
Status ParseSuggestionRequest(std::string_view json, Suggestion* suggestion);

}  // namespace unknot

#endif  // UNKNOT_SUGGESTIONS_H_
