// A therapist's suggestions in the patient's journal: what a suggestion may
// say, that it only reaches entries the share shows, that the patient's
// answer syncs like any cell (two devices accepting one routine make one
// copy), and that nothing else of the patient's changes.
#include "unknot/suggestions.h"

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "unknot/journal.h"
#include "unknot/share.h"
#include "unknot/time_util.h"

namespace unknot {
namespace {

using nlohmann::json;

constexpr int64_t kDayMs = 86400000;
const int64_t kToday = DaysFromCivil(2026, 11, 25);
const int64_t kNow = kToday * kDayMs + 12 * 3600000LL;
constexpr char kShare[] = "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a";
constexpr char kAuthor[] = "pt@example.com";

std::unique_ptr<Journal> OpenMemory(Env* env) {
  std::unique_ptr<Journal> j;
  JournalOptions o;
  o.path = ":memory:";
  o.env = env;
  EXPECT_TRUE(Journal::Open(o, &j).ok());
  return j;
}

ShareScopes Scopes(const std::string& text) {
  ShareScopes s;
  EXPECT_TRUE(ParseShareScopes(text, &s).ok()) << text;
  return s;
}

// Everything a journal holds, as changes: to compare two replicas.
std::vector<CellChange> AllChanges(Journal* j) {
  ChangeBatch batch;
  EXPECT_TRUE(j->ChangesAfter(0, SIZE_MAX, &batch).ok());
  return batch.changes;
}

class SuggestionsTest : public ::testing::Test {
 protected:
  void SetUp() override { journal_ = OpenMemory(&env_); }

  std::string LogDaysAgo(int days, int intensity,
                         std::optional<std::string> note = std::nullopt) {
    JournalEntry e;
    e.at_ms = kNow - days * kDayMs;
    e.sites = {{"neck", Side::kBoth, intensity}};
    e.note = note;
    std::string id;
    EXPECT_TRUE(journal_->Log(e, &id).ok());
    return id;
  }

  Status Suggest(const std::string& scopes, const json& request,
                 Suggestion* out, SharePeriod period = {}) {
    return AddSharedSuggestion(journal_.get(), Scopes(scopes), period, kShare,
                               kAuthor, kNow, 0, request.dump(), out);
  }

  FakeEnv env_{kNow, 7, 0};
  std::unique_ptr<Journal> journal_;
};

TEST_F(SuggestionsTest, ACommentOnAnEntryIsStoredPendingAndListed) {
  const std::string entry = LogDaysAgo(1, 6);
  Suggestion s;
  ASSERT_TRUE(
      Suggest("entries",
              {{"entry_id", entry}, {"text", "Ease off the overhead work"}}, &s)
          .ok());
  std::vector<Suggestion> all;
  ASSERT_TRUE(journal_->ListSuggestions(&all).ok());
  ASSERT_EQ(all.size(), 1u);
  json stored = json::parse(SuggestionToJson(all[0]));
  EXPECT_EQ(stored["kind"], "comment");
  EXPECT_EQ(stored["entry_id"], entry);
  EXPECT_EQ(stored["text"], "Ease off the overhead work");
  EXPECT_EQ(stored["author"], kAuthor);
  EXPECT_EQ(stored["share_id"], kShare);
  EXPECT_EQ(stored["status"], "pending");
  EXPECT_EQ(stored["at"], FormatUtcMillis(kNow));
  EXPECT_TRUE(stored["answered_at"].is_null());
  EXPECT_EQ(stored["id"], s.id);
}

TEST_F(SuggestionsTest, ACommentReachesOnlyEntriesTheShareShows) {
  const std::string recent = LogDaysAgo(1, 5);
  const std::string old = LogDaysAgo(40, 5);
  const std::string gone = LogDaysAgo(2, 5);
  const std::string with_note = LogDaysAgo(3, 5, std::string("tight"));
  ASSERT_TRUE(journal_->Delete(gone).ok());
  SharePeriod last30;
  last30.last_days = 30;
  auto comment = [](const std::string& id) {
    return json{{"entry_id", id}, {"text", "ok"}};
  };
  Suggestion s;
  EXPECT_TRUE(Suggest("entries", comment(recent), &s, last30).ok());
  // Outside the period, deleted, never existed, or a scope without
  // entries: all the same "not-found".
  EXPECT_EQ(Suggest("entries", comment(old), &s, last30).code(), "not-found");
  EXPECT_EQ(Suggest("entries", comment(gone), &s).code(), "not-found");
  EXPECT_EQ(Suggest("entries", comment(std::string(32, 'a')), &s).code(),
            "not-found");
  EXPECT_EQ(Suggest("routines", comment(recent), &s).code(), "not-found");
  // Notes alone show only entries with a note.
  EXPECT_EQ(Suggest("notes", comment(recent), &s).code(), "not-found");
  EXPECT_TRUE(Suggest("notes", comment(with_note), &s).ok());
  std::vector<Suggestion> all;
  ASSERT_TRUE(journal_->ListSuggestions(&all).ok());
  EXPECT_EQ(all.size(), 2u);
}

TEST_F(SuggestionsTest, BadSuggestionsAreRefusedWithTheirCodes) {
  const std::string entry = LogDaysAgo(1, 5);
  Suggestion s;
  EXPECT_EQ(AddSharedSuggestion(journal_.get(), Scopes("entries"), {}, kShare,
                                kAuthor, kNow, 0, "{not json", &s)
                .code(),
            "invalid-json");
  EXPECT_EQ(Suggest("entries", json::object(), &s).code(),
            "invalid-suggestion");
  EXPECT_EQ(Suggest("entries",
                    {{"entry_id", entry}, {"routine_id", "deep_breathing"}}, &s)
                .code(),
            "invalid-suggestion");
  EXPECT_EQ(
      Suggest("entries", {{"entry_id", entry}, {"text", "   "}}, &s).code(),
      "invalid-comment");
  EXPECT_EQ(Suggest("entries",
                    {{"entry_id", entry}, {"text", std::string(2001, 'x')}}, &s)
                .code(),
            "invalid-comment");
  EXPECT_EQ(Suggest("entries", {{"entry_id", 7}, {"text", "x"}}, &s).code(),
            "invalid-suggestion");
  EXPECT_EQ(Suggest("entries", {{"routine_id", "no_such_routine"}}, &s).code(),
            "routine-not-found");
  EXPECT_EQ(
      Suggest("entries",
              {{"routine", {{"title", ""}, {"steps", json::array()}}}}, &s)
          .code(),
      "invalid-title");
  EXPECT_EQ(AddSharedSuggestion(
                journal_.get(), Scopes("entries"), {}, kShare, "", kNow, 0,
                json{{"routine_id", "deep_breathing"}}.dump(), &s)
                .code(),
            "invalid-suggestion");
  std::vector<Suggestion> all;
  ASSERT_TRUE(journal_->ListSuggestions(&all).ok());
  EXPECT_TRUE(all.empty());
}

TEST_F(SuggestionsTest, SuggestionsChangeNothingElseOfThePatients) {
  const std::string entry = LogDaysAgo(1, 6, std::string("note"));
  const auto before = AllChanges(journal_.get());
  Suggestion s;
  ASSERT_TRUE(
      Suggest("entries", {{"entry_id", entry}, {"text", "x"}}, &s).ok());
  ASSERT_TRUE(Suggest("entries", {{"routine_id", "deep_breathing"}}, &s).ok());
  const auto after = AllChanges(journal_.get());
  // The old changes are all still there, untouched; the new ones are all
  // suggestion cells.
  ASSERT_GT(after.size(), before.size());
  for (size_t i = 0; i < before.size(); ++i) {
    EXPECT_EQ(after[i].hlc, before[i].hlc);
    EXPECT_EQ(after[i].table, before[i].table);
  }
  for (size_t i = before.size(); i < after.size(); ++i)
    EXPECT_EQ(after[i].table, "suggestions") << after[i].column;
}

TEST_F(SuggestionsTest, AcceptingALibraryRoutineOrDismissingRecordsTheAnswer) {
  Suggestion s;
  ASSERT_TRUE(
      Suggest("routines",
              {{"routine_id", "deep_breathing"}, {"text", "Before bed"}}, &s)
          .ok());
  env_.Advance(60000);
  Suggestion answered;
  ASSERT_TRUE(journal_->AnswerSuggestion(s.id, true, &answered).ok());
  EXPECT_EQ(answered.status, SuggestionStatus::kAccepted);
  EXPECT_EQ(answered.answered_ms, kNow + 60000);
  EXPECT_TRUE(answered.accepted_routine_id.empty());  // the library's own
  std::vector<Routine> routines;
  ASSERT_TRUE(journal_->ListRoutines(&routines).ok());
  EXPECT_EQ(routines.size(), RoutineLibrary().size());
  // Changing one's mind is an answer too.
  ASSERT_TRUE(journal_->AnswerSuggestion(s.id, false, &answered).ok());
  std::vector<Suggestion> all;
  ASSERT_TRUE(journal_->ListSuggestions(&all).ok());
  EXPECT_EQ(all[0].status, SuggestionStatus::kDismissed);
  EXPECT_EQ(
      journal_->AnswerSuggestion(std::string(32, 'b'), true, &answered).code(),
      "suggestion-not-found");
}

TEST_F(SuggestionsTest, TwoDevicesAcceptingATherapistsRoutineMakeOneCopy) {
  json routine = {
      {"title", "Doorway stretch"},
      {"kind", "stretch"},
      {"targets", {"pectoralis_major"}},
      {"steps",
       {{{"text", "Lean into the doorway"}, {"seconds", 30}, {"reps", 3}}}}};
  Suggestion s;
  ASSERT_TRUE(Suggest("routines", {{"routine", routine}}, &s).ok());
  // A second device of the patient's gets the suggestion by sync.
  FakeEnv env2(kNow, 8, 0);
  auto phone = OpenMemory(&env2);
  Journal::RemoteApplyOptions device;
  Journal::RemoteApplyStats stats;
  ASSERT_TRUE(
      phone->ApplyRemote(AllChanges(journal_.get()), device, &stats).ok());
  // Both accept while offline.
  env_.Advance(1000);
  env2.Advance(2000);
  Suggestion a, b;
  ASSERT_TRUE(journal_->AnswerSuggestion(s.id, true, &a).ok());
  ASSERT_TRUE(phone->AnswerSuggestion(s.id, true, &b).ok());
  EXPECT_EQ(a.accepted_routine_id, "r" + s.id);
  EXPECT_EQ(b.accepted_routine_id, a.accepted_routine_id);
  // Then they meet: one routine, the patient's own, as the therapist wrote.
  ASSERT_TRUE(
      journal_->ApplyRemote(AllChanges(phone.get()), device, &stats).ok());
  std::vector<Routine> routines;
  ASSERT_TRUE(journal_->ListRoutines(&routines).ok());
  ASSERT_EQ(routines.size(), RoutineLibrary().size() + 1);
  const Routine& copy = routines.back();
  EXPECT_EQ(copy.id, a.accepted_routine_id);
  EXPECT_EQ(copy.title, "Doorway stretch");
  EXPECT_TRUE(copy.custom);
  ASSERT_EQ(copy.steps.size(), 1u);
  EXPECT_EQ(copy.steps[0].seconds, 30);
  std::vector<Suggestion> all;
  ASSERT_TRUE(journal_->ListSuggestions(&all).ok());
  EXPECT_EQ(all[0].status, SuggestionStatus::kAccepted);
}

TEST_F(SuggestionsTest, TheViewListsOnlyThisSharesSuggestions) {
  const std::string entry = LogDaysAgo(1, 6);
  Suggestion s;
  ASSERT_TRUE(
      Suggest("entries", {{"entry_id", entry}, {"text", "mine"}}, &s).ok());
  ASSERT_TRUE(AddSharedSuggestion(
                  journal_.get(), Scopes("entries"), {}, "other-share",
                  "other@example.com", kNow, 0,
                  json{{"entry_id", entry}, {"text", "theirs"}}.dump(), &s)
                  .ok());
  SharedViewOptions options;
  options.share_id = kShare;
  std::string text;
  ASSERT_TRUE(SharedViewJson(journal_.get(), Scopes("entries"), {}, options,
                             kNow, 0, &text)
                  .ok());
  json view = json::parse(text);
  ASSERT_EQ(view["suggestions"].size(), 1u);
  EXPECT_EQ(view["suggestions"][0]["text"], "mine");
  // A patient's preview carries none.
  ASSERT_TRUE(
      SharedViewJson(journal_.get(), Scopes("entries"), {}, kNow, 0, &text)
          .ok());
  EXPECT_FALSE(json::parse(text).contains("suggestions"));
}

TEST(SuggestionJsonTest, RequestsParseInBothShapes) {
  Suggestion s;
  ASSERT_TRUE(
      ParseSuggestionRequest(R"({"entry_id":"e","text":"t"})", &s).ok());
  EXPECT_EQ(s.kind, SuggestionKind::kComment);
  ASSERT_TRUE(ParseSuggestionRequest(
                  R"({"routine_id":"deep_breathing","share_id":"x"})", &s)
                  .ok());
  EXPECT_EQ(s.kind, SuggestionKind::kRoutine);
  EXPECT_EQ(s.routine_id, "deep_breathing");
  EXPECT_EQ(ParseSuggestionRequest("[]", &s).code(), "invalid-json");
  EXPECT_EQ(ParseSuggestionRequest(R"({"routine":[1]})", &s).code(),
            "invalid-suggestion");
}

}  // namespace
}  // namespace unknot
