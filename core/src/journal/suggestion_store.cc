// Journal: a therapist's suggestions and the patient's answers, as rows of
// `suggestions` written through cells (schema v4) so they sync like
// entries (unknot/suggestions.h has the design).
#include <string>
#include <vector>

#include "journal/journal_rep.h"
#include "unknot/journal.h"
#include "unknot/suggestions.h"
#include "util/ids.h"

namespace unknot {

using storage::CellChange;
using storage::CellValue;
using storage::Statement;

namespace {

constexpr const char* kSuggestionColumns =
    "SELECT id, kind, entry_id, text, routine_id, routine, author, share_id, "
    "at, status, answered_at, accepted_routine_id FROM suggestions WHERE "
    "deleted = 0 AND kind IS NOT NULL AND author IS NOT NULL AND at IS NOT "
    "NULL AND status IS NOT NULL";

std::string OptionalText(const Statement& s, int column) {
  return s.ColumnIsNull(column) ? std::string() : s.ColumnText(column);
}

// One row, or false when it is not one this version can read (a kind or
// status of a newer version, a routine that does not parse).
bool ReadSuggestion(const Statement& s, Suggestion* out) {
  Suggestion g;
  g.id = s.ColumnText(0);
  const std::string kind = s.ColumnText(1);
  if (kind == "comment") {
    g.kind = SuggestionKind::kComment;
  } else if (kind == "routine") {
    g.kind = SuggestionKind::kRoutine;
  } else {
    return false;
  }
  g.entry_id = OptionalText(s, 2);
  g.text = OptionalText(s, 3);
  g.routine_id = OptionalText(s, 4);
  if (!s.ColumnIsNull(5)) {
    Routine r;
    if (!ParseRoutineJson(s.ColumnView(5), &r).ok()) return false;
    r.custom = true;
    r.safety = KindSafetyNotes(r.kind);
    g.routine = std::move(r);
  }
  g.author = s.ColumnText(6);
  g.share_id = OptionalText(s, 7);
  g.at_ms = s.ColumnInt(8);
  const std::string status = s.ColumnText(9);
  if (status == "accepted") {
    g.status = SuggestionStatus::kAccepted;
  } else if (status == "dismissed") {
    g.status = SuggestionStatus::kDismissed;
  } else if (status != "pending") {
    return false;
  }
  g.answered_ms = s.ColumnIsNull(10) ? 0 : s.ColumnInt(10);
  g.accepted_routine_id = OptionalText(s, 11);
  *out = std::move(g);
  return true;
}

Status ReadSuggestions(storage::SqliteDb* db, std::string_view only_id,
                       std::vector<Suggestion>* out) {
  std::string sql = kSuggestionColumns;
  sql += only_id.empty() ? " ORDER BY at DESC, id DESC" : " AND id = ?1";
  Statement s;
  UNKNOT_RETURN_IF_ERROR(db->Prepare(sql, &s));
  if (!only_id.empty()) s.Bind(1, only_id);
  Status st;
  while (s.Step(&st)) {
    Suggestion g;
    if (ReadSuggestion(s, &g)) out->push_back(std::move(g));
  }
  return st;
}

CellValue TextOrNull(const std::string& text) {
  return text.empty() ? CellValue::Null() : CellValue::Text(text);
}

}  // namespace

Status Journal::AddSuggestion(const Suggestion& suggestion, std::string* id) {
  UNKNOT_RETURN_IF_ERROR(ValidateSuggestion(suggestion));
  if (suggestion.kind == SuggestionKind::kComment) {
    JournalEntry entry;
    Status found = Get(suggestion.entry_id, &entry);
    if (found.ok() && entry.deleted) {
      found = Status::NotFound("entry-not-found",
                               "no entry with id " + suggestion.entry_id);
    }
    UNKNOT_RETURN_IF_ERROR(found);
  }
  const int64_t now = rep_->env->NowMillis();
  const std::string row = NewRowId(rep_->env, now, &rep_->last_row_id);
  std::string routine;
  if (suggestion.routine) {
    Routine r = *suggestion.routine;
    r.id.clear();
    routine = RoutineToJson(r);
  }
  UNKNOT_RETURN_IF_ERROR(rep_->Mutate([&](HlcClock* clock,
                                          std::vector<CellChange>* out) {
    Hlc stamp;
    UNKNOT_RETURN_IF_ERROR(clock->Send(now, &stamp));
    const std::string hlc = stamp.ToString();
    auto cell = [&](const char* column, CellValue value) {
      out->push_back({hlc, "suggestions", row, column, std::move(value)});
    };
    cell("kind",
         CellValue::Text(std::string(SuggestionKindName(suggestion.kind))));
    cell("entry_id", TextOrNull(suggestion.entry_id));
    cell("text", TextOrNull(suggestion.text));
    cell("routine_id", TextOrNull(suggestion.routine_id));
    cell("routine", TextOrNull(routine));
    cell("author", CellValue::Text(suggestion.author));
    cell("share_id", TextOrNull(suggestion.share_id));
    cell("at", CellValue::Int(suggestion.at_ms != 0 ? suggestion.at_ms : now));
    cell("status", CellValue::Text("pending"));
    cell("deleted", CellValue::Int(0));
    return Status::OK();
  }));
  *id = row;
  return Status::OK();
}

Status Journal::ListSuggestions(std::vector<Suggestion>* suggestions) {
  std::vector<Suggestion> out;
  UNKNOT_RETURN_IF_ERROR(ReadSuggestions(rep_->db.get(), "", &out));
  *suggestions = std::move(out);
  return Status::OK();
}

Status Journal::AnswerSuggestion(std::string_view id, bool accept,
                                 Suggestion* answered) {
  std::vector<Suggestion> found;
  UNKNOT_RETURN_IF_ERROR(ReadSuggestions(rep_->db.get(), id, &found));
  if (found.empty()) {
    return Status::NotFound("suggestion-not-found",
                            "no suggestion with id " + std::string(id));
  }
  Suggestion s = std::move(found.front());
  const int64_t now = rep_->env->NowMillis();
  s.status =
      accept ? SuggestionStatus::kAccepted : SuggestionStatus::kDismissed;
  s.answered_ms = now;
  // The routine's copy gets an id of the suggestion's, so every device that
  // accepts it writes the same row.
  const bool copy = accept && s.routine && s.accepted_routine_id.empty();
  if (copy) s.accepted_routine_id = "r" + s.id;
  UNKNOT_RETURN_IF_ERROR(
      rep_->Mutate([&](HlcClock* clock, std::vector<CellChange>* out) {
        Hlc stamp;
        UNKNOT_RETURN_IF_ERROR(clock->Send(now, &stamp));
        const std::string hlc = stamp.ToString();
        auto cell = [&](const char* column, CellValue value) {
          out->push_back({hlc, "suggestions", s.id, column, std::move(value)});
        };
        cell("status",
             CellValue::Text(std::string(SuggestionStatusName(s.status))));
        cell("answered_at", CellValue::Int(now));
        if (copy) {
          cell("accepted_routine_id", CellValue::Text(s.accepted_routine_id));
          AppendRoutineCells(*s.routine, s.accepted_routine_id, hlc, out);
        }
        return Status::OK();
      }));
  *answered = std::move(s);
  return Status::OK();
}

}  // namespace unknot
