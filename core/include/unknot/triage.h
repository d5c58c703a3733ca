// Triage: the red-flag check of shared/clinical/RED_FLAGS.md as data.
//
// Design note. The rules are one versioned table (TriageRules()): each row
// carries its id, a `fires` expression over stable question ids, its level
// variants (the first whose condition is met wins: "emergency if ...",
// otherwise the plain level), the message, what self-care it pauses, and its
// source. Nothing about a rule lives in code outside the table; the
// evaluator only knows the combinators below.
//
// Unknown answers (absent or null) follow RED_FLAGS.md:
//  - a question in a rule's *base* that is unknown does not fire and is
//    listed in `unanswered`;
//  - a *qualifier* (a TriageExpr::Qualifier subtree) that is unknown counts as
//    met, since its base is already yes (over-triage);
//  - an unknown `age` meets any age condition wherever it appears;
//  - `neuro_any` is yes when one of its questions is yes; where it qualifies
//    a yes base (malignancy, fracture) an unknown one counts as met, like
//    any qualifier.
// Journal-derived rules (no_improvement, worsening, age_onset) read
// TriageFacts; without facts they do not fire.
//
// Everything here is pure and thread-safe (the table is immutable).
#ifndef UNKNOT_TRIAGE_H_
#define UNKNOT_TRIAGE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/status.h"

namespace unknot {

class Journal;
struct MoodScore;  // unknot/mood.h

// Bumped whenever a rule, threshold or message changes meaning; stored with
// every result so a result can be read against the table that made it.
inline constexpr std::string_view kTriageRulesetVersion = "2026.1";

// Ordered: a higher value is more urgent.
enum class TriageLevel {
  kSelfCare = 0,
  kSoon = 1,
  kUrgent = 2,
  kEmergency = 3
};
// What self-care a fired rule stops until the user has been seen.
enum class TriagePause { kNone, kSite, kAll };

std::string_view TriageLevelName(TriageLevel level);  // "self_care", "soon",
                                                      // "urgent", "emergency"
std::string_view TriagePauseName(TriagePause pause);  // "none", "site", "all"

// ---- Questions -------------------------------------------------------------

enum class QuestionKind { kYesNo, kNumber };

struct TriageQuestion {
  std::string_view id;  // stable: storage, API and tests use it
  QuestionKind kind;
  double min = 0;  // numbers only, inclusive
  double max = 0;
  bool integer = false;  // numbers only: must be a whole number
  // The question as a person reads it (plain language, RED_FLAGS.md).
  std::string_view text;
  // Asked only after this yes/no question was answered yes ("" = always).
  // A yes/no follow-up of a "no" is implied "no" (CompleteFollowUps).
  std::string_view follows;
  // Not asked directly: the total of this mood form ("phq9", "gad7";
  // unknot/mood.h).
  std::string_view form;
};

// Every question, in RED_FLAGS.md's order.
const std::vector<TriageQuestion>& TriageQuestions();
// nullptr when `id` is not a question.
const TriageQuestion* FindTriageQuestion(std::string_view id);

// The user's answers; a question absent from both maps is unknown.
struct TriageAnswers {
  std::map<std::string, bool, std::less<>> yes_no;
  std::map<std::string, double, std::less<>> numbers;

  // Set one answer (std::nullopt: unknown), validated against the question
  // table. Error codes: "unknown-question", "invalid-answer" (a number for a
  // yes/no question or the reverse, out of range, not whole).
  Status SetYesNo(std::string_view id, std::optional<bool> value);
  Status SetNumber(std::string_view id, std::optional<double> value);
};

// Every yes/no follow-up (TriageQuestion::follows) left unknown whose
// question was answered "no" becomes "no": it cannot hold without it (a
// weakness that is "getting worse" is a weakness). Qualifiers stay unknown
// when their base is yes or unknown, so over-triage is kept.
void CompleteFollowUps(TriageAnswers* answers);

// The question set and the mood forms (unknot/mood.h) for hosts that ask
// them: {"ruleset_version", "questions": [{"id", "kind": "yes_no"|"number",
// "text", "follows", "form", "min"?, "max"?, "integer"?}], "mood_forms":
// [{"id", "short_id", "title", "stem", "items", "bands": [{"from", "name"}],
// "offer_full_at"}], "mood_scale": [labels of 0..3]}.
std::string TriageQuestionsToJson();

// Parses an answers file:
//   {"age": 58, "answers": {"chest_pain": true, "chest_pain_hours_ago": 2,
//                           "fever_or_unwell": null}}
// `age` may sit at the top level or inside `answers` (not both with different
// values); absent or null is unknown. An optional "mood" object carries the
// mood forms' item answers, {"phq9": [0..3 x 2 or 9], "gad7": [x 2 or 7]},
// scored by ApplyMoodForms (unknot/mood.h). On error *answers is unchanged.
// Error codes: "invalid-json", "unknown-question" (any other key),
// "invalid-answer" (wrong type or range).
// When `moods` is given it receives the scores of the forms in "mood".
Status ParseTriageAnswers(std::string_view json, TriageAnswers* answers,
                          std::vector<MoodScore>* moods = nullptr);

// ---- Journal-derived facts -------------------------------------------------

// What the journal-derived rules read. Days are local days since 1970-01-01.
struct TriageFacts {
  int64_t today = 0;
  std::map<int64_t, int> daily_pain;  // day -> highest site intensity that day
  std::set<int64_t> session_days;     // days with a self-care session
  std::optional<int64_t> first_entry_day;
};

// Fills *facts from the journal's non-deleted entries and self-care sessions
// through the public Journal API (List, ListSessions). Entries and sessions
// after `today` are ignored; a session's day is its own local date.
Status ComputeTriageFacts(Journal* journal, int64_t today, TriageFacts* facts);

// The journal-derived conditions, exactly as RED_FLAGS.md defines them
// (exposed for tests and insights).
bool NoImprovement(const TriageFacts& facts);
bool Worsening(const TriageFacts& facts);
bool RecentOnset(const TriageFacts& facts);  // first entry <= 42 days ago

// ---- The rule table --------------------------------------------------------

// An expression over answers, as data.
struct TriageExpr {
  enum class Op {
    kYes,        // question `id` is yes
    kAnyOf,      // any child holds
    kAllOf,      // every child holds
    kAtLeast,    // number `id` >= value
    kAtMost,     // number `id` <= value
    kLess,       // number `id` < value
    kGreater,    // number `id` > value
    kAnyYes,     // any of `ids` is yes (neuro_any); in a qualifier an
                 // unknown one counts as met
    kQualifier,  // child[0], with unknown answers counted as met
    kJournal,    // a journal-derived condition named by `id`
  };
  Op op = Op::kYes;
  std::string_view id;
  double value = 0;
  std::vector<std::string_view> ids;
  std::vector<TriageExpr> children;
};

// "any(a, b)", "all(qualifier(age >= 50), gca_signs)", ... for docs and tests.
std::string DescribeTriageExpr(const TriageExpr& expr);

struct TriageVariant {
  std::optional<TriageExpr> when;  // nullopt: otherwise (must be last)
  TriageLevel level;
  TriagePause pauses;
  std::string_view message;
};

struct TriageRule {
  std::string_view id;
  TriageExpr fires;
  std::vector<TriageVariant> variants;  // most urgent first
  std::string_view source;
};

// The table, in RED_FLAGS.md's order. Immutable; lives for the process.
const std::vector<TriageRule>& TriageRules();

// ---- Evaluation ------------------------------------------------------------

struct FiredRule {
  std::string id;
  TriageLevel level = TriageLevel::kSelfCare;
  TriagePause pauses = TriagePause::kNone;
  std::string message;
  std::string source;
};

struct TriageResult {
  TriageLevel level =
      TriageLevel::kSelfCare;           // highest fired; self_care if none
  std::vector<FiredRule> rules;         // highest level first, then id
  std::vector<std::string> unanswered;  // unknown base questions, table order
  std::string ruleset_version;
};

// Runs every rule. `facts` may be null (no journal): journal rules stay off.
TriageResult EvaluateTriage(const TriageAnswers& answers,
                            const TriageFacts* facts);

// {"level": "...", "rules": [{"id", "level", "message", "pauses", "source"}],
//  "unanswered": [...], "ruleset_version": "..."} on one line.
std::string TriageResultToJson(const TriageResult& result);

// ---- Emergency and crisis numbers ------------------------------------------

struct EmergencyNumbers {
  std::string_view emergency;    // "911", "999 (or 112)", ...
  std::string_view crisis_line;  // "988 (call or text)", ...
};

// By ISO 3166-1 alpha-2 code, any case ("US", "gb"); EU countries share one
// row; any other code gets 112 and "your local crisis line".
EmergencyNumbers LookupEmergencyNumbers(std::string_view country);

}  // namespace unknot

#endif  // UNKNOT_TRIAGE_H_
