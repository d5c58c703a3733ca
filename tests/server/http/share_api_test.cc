// A therapist's comments and recommended routines, "since last visit" and a
// share's access log, through Route() on a fixed clock (no sockets): the
// suggestion lands in the patient's journal (and nowhere else), only with a
// live grant and only on entries the share shows; the previous visit is the
// last view before a pause, unless the therapist set one.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "accounts/accounts.h"
#include "accounts/secrets.h"
#include "accounts/sqlite_account_store.h"
#include "api_fixture.h"
#include "http/router.h"
#include "sharing/shares.h"
#include "sync/sync_service.h"
#include "tuning.h"
#include "unknot/journal.h"
#include "unknot/sync.h"
#include "unknot/time_util.h"

namespace unknot::server {
namespace {

using nlohmann::json;

constexpr int64_t kHourMs = 3600000;
constexpr int64_t kDayMs = 24 * kHourMs;
constexpr int64_t kStart = 1767225600000;  // 2026-01-01T00:00Z

class ShareApiTest : public testing::ApiFixture {
 protected:
  ShareApiTest() {
    ann_ = Signup("ann@example.org");
    tom_ = Signup("tom@example.org");
    eve_ = Signup("eve@example.org");
    JournalOptions options;
    options.path = ":memory:";
    options.env = &device_env_;
    EXPECT_TRUE(Journal::Open(options, &device_).ok());
  }

  // Logs on Ann's device `days_ago` before the server's now and pushes.
  std::string LogAndPush(int days_ago, int intensity) {
    device_env_.SetNow(env_.NowMillis());
    JournalEntry e;
    e.at_ms = env_.NowMillis() - days_ago * kDayMs;
    e.sites = {{"neck", Side::kBoth, intensity}};
    std::string id;
    EXPECT_TRUE(device_->Log(e, &id).ok());
    Sync();
    return id;
  }
  // Pushes everything new on Ann's device, then pulls.
  void Sync() {
    Journal::SyncState state;
    ASSERT_TRUE(device_->GetSyncState(&state).ok());
    ChangeBatch batch;
    ASSERT_TRUE(device_->ChangesAfter(state.push_cursor, 1 << 20, &batch).ok());
    if (!batch.changes.empty()) {
      PushRequest push{device_->device_id(), device_->ClockText(),
                       batch.changes};
      Response res =
          Call("POST", "/api/sync/push", EncodePushRequest(push), ann_);
      ASSERT_EQ(res.status, 200) << res.body;
      ASSERT_TRUE(device_->AcknowledgePush(batch.last_seq).ok());
    }
    Response res =
        Call("GET", "/api/sync/pull?after=" + std::to_string(state.pull_cursor),
             "", ann_);
    ASSERT_EQ(res.status, 200) << res.body;
    PullPage page;
    ASSERT_TRUE(DecodePullPage(res.body, &page).ok());
    Journal::RemoteApplyOptions options;
    options.pull_cursor = page.cursor;
    Journal::RemoteApplyStats stats;
    ASSERT_TRUE(device_->ApplyRemote(page.changes, options, &stats).ok());
  }

  // Ann shares `scopes` with Tom; returns the share id.
  std::string ShareWithTom(const std::string& scopes,
                           json period = json::object()) {
    Response res = Call(
        "POST", "/api/shares",
        json{{"scopes", scopes},
             {"period", period},
             {"expires_at", FormatUtcMillis(env_.NowMillis() + 30 * kDayMs)}}
            .dump(),
        ann_);
    EXPECT_EQ(res.status, 201) << res.body;
    json share = Body(res);
    EXPECT_EQ(Call("POST", "/api/shared/redeem",
                   json{{"code", share["code"]}}.dump(), tom_)
                  .status,
              200);
    return share["id"];
  }
  Response Suggest(const std::string& share, json body,
                   const std::string& token) {
    body["share_id"] = share;
    return Call("POST", "/api/shared/suggest", body.dump(), token);
  }
  json View(const std::string& share) {
    Response res = Call("GET", "/api/shared/view?share_id=" + share, "", tom_);
    EXPECT_EQ(res.status, 200) << res.body;
    return Body(res);
  }

  FakeEnv device_env_{kStart, 6, 0};
  std::string ann_, tom_, eve_;
  std::unique_ptr<Journal> device_;
};

TEST_F(ShareApiTest, ACommentAndARoutineReachThePatientsDevices) {
  const std::string entry = LogAndPush(1, 6);
  const std::string share = ShareWithTom("entries,routines");
  Response res = Suggest(
      share, {{"entry_id", entry}, {"text", "Less overhead work"}}, tom_);
  ASSERT_EQ(res.status, 201) << res.body;
  json comment = Body(res);
  EXPECT_EQ(comment["kind"], "comment");
  EXPECT_EQ(comment["author"], "tom@example.org");
  EXPECT_EQ(comment["status"], "pending");
  ASSERT_EQ(Summary(Suggest(share, {{"routine_id", "deep_breathing"}}, tom_)),
            "201 ok");
  // The patient's device pulls both, like any change.
  Sync();
  std::vector<Suggestion> got;
  ASSERT_TRUE(device_->ListSuggestions(&got).ok());
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[1].text, "Less overhead work");
  EXPECT_EQ(got[0].routine_id, "deep_breathing");
  // Her answer syncs back and the therapist's view shows it.
  Suggestion answered;
  ASSERT_TRUE(device_->AnswerSuggestion(got[0].id, true, &answered).ok());
  Sync();
  json view = View(share);
  ASSERT_EQ(view["suggestions"].size(), 2u);
  EXPECT_EQ(view["suggestions"][0]["status"], "pending");
  EXPECT_EQ(view["suggestions"][1]["status"], "accepted");
  // The access log says who suggested what kind, never the text.
  json log = Body(Call("GET", "/api/shares/log?id=" + share, "", ann_))["log"];
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log.dump().find("overhead"), std::string::npos);
  int suggests = 0;
  for (const json& line : log) {
    if (line["action"] == "share-suggest") {
      ++suggests;
      EXPECT_EQ(line["actor"], "tom@example.org");
    }
  }
  EXPECT_EQ(suggests, 2);
}

// "Last N days" ends on the patient's today, not the server's (UTC): Ann
// lives at UTC-08:00, where 03:00 UTC on 2 January is still 1 January.
TEST_F(ShareApiTest, LastNDaysEndsOnThePatientsToday) {
  env_.SetNow(kStart + kDayMs + 4 * kHourMs);  // 2026-01-02T04:00Z
  device_env_.SetNow(env_.NowMillis());
  JournalEntry e;
  e.at_ms = env_.NowMillis() - kHourMs;  // 19:00 on 1 January, her time
  e.tz_offset_minutes = -480;
  e.sites = {{"neck", Side::kBoth, 5}};
  std::string id;
  ASSERT_TRUE(device_->Log(e, &id).ok());
  Sync();
  json view = View(ShareWithTom("entries", {{"last_days", 1}}));
  EXPECT_EQ(view["today"], "2026-01-01");
  ASSERT_EQ(view["entries"].size(), 1u);
  EXPECT_EQ(view["entries"][0]["id"], id);
}

TEST_F(ShareApiTest, SuggestionsNeedALiveGrantAndAVisibleEntry) {
  const std::string entry = LogAndPush(1, 6);
  const std::string old_entry = LogAndPush(40, 6);
  const std::string share = ShareWithTom("entries", {{"last_days", 30}});
  const json comment = {{"entry_id", entry}, {"text", "x"}};
  // Eve holds nothing; Ann is not her own therapist through Tom's share.
  const Response eve = Suggest(share, comment, eve_);
  EXPECT_EQ(Summary(eve), "404 not-found");
  EXPECT_EQ(Summary(Suggest(share, comment, ann_)), "404 not-found");
  // Outside the period: the same answer as for no such entry.
  const Response outside =
      Suggest(share, {{"entry_id", old_entry}, {"text", "x"}}, tom_);
  EXPECT_EQ(outside.body, eve.body);
  EXPECT_EQ(
      Summary(Suggest(
          share, {{"entry_id", std::string(32, 'c')}, {"text", "x"}}, tom_)),
      "404 not-found");
  // Bad requests, each with its code.
  EXPECT_EQ(Summary(Suggest(share, json::object(), tom_)),
            "400 invalid-suggestion");
  EXPECT_EQ(Summary(Suggest(share, {{"entry_id", entry}, {"text", ""}}, tom_)),
            "400 invalid-comment");
  EXPECT_EQ(Summary(Suggest(share, {{"routine_id", "nope"}}, tom_)),
            "404 routine-not-found");
  EXPECT_EQ(Summary(Call("POST", "/api/shared/suggest", "{", tom_)),
            "400 invalid-json");
  EXPECT_EQ(Summary(Call("POST", "/api/shared/suggest",
                         std::string(kSuggestionBodyLimit + 1, ' '), tom_)),
            "413 payload-too-large");
  // Revoked: refused, and nothing was ever stored by the refusals.
  ASSERT_EQ(Call("POST", "/api/shares/revoke", json{{"id", share}}.dump(), ann_)
                .status,
            200);
  EXPECT_EQ(Summary(Suggest(share, comment, tom_)), "403 share-revoked");
  Sync();
  std::vector<Suggestion> got;
  ASSERT_TRUE(device_->ListSuggestions(&got).ok());
  EXPECT_TRUE(got.empty());
}

TEST_F(ShareApiTest, SinceLastVisitIsThePreviousVisitUnlessOneIsSet) {
  LogAndPush(1, 6);
  const std::string share = ShareWithTom("entries");
  json first = View(share)["since_last_visit"];
  EXPECT_EQ(first["source"], "first_view");
  EXPECT_EQ(first["entries"]["count"], 1);
  // Views within one visit (live re-reads) keep it the first.
  const int64_t visit_one_end = env_.NowMillis() + 30 * 60000;
  env_.SetNow(visit_one_end);
  EXPECT_EQ(View(share)["since_last_visit"]["source"], "first_view");
  // A week later: since the last view of that visit.
  env_.Advance(7 * kDayMs);
  LogAndPush(0, 3);
  json second = View(share)["since_last_visit"];
  EXPECT_EQ(second["source"], "previous_view");
  EXPECT_EQ(second["since"], FormatUtcMillis(visit_one_end));
  EXPECT_EQ(second["entries"]["count"], 1);
  env_.Advance(kHourMs);
  EXPECT_EQ(View(share)["since_last_visit"]["since"],
            FormatUtcMillis(visit_one_end));
  // The therapist sets the visit; null goes back to the previous view.
  const int64_t chosen = kStart - 3 * kDayMs;
  ASSERT_EQ(Summary(Call("POST", "/api/shared/visit",
                         json{{"share_id", share},
                              {"visit_at", FormatIsoTime(chosen, 60)}}
                             .dump(),
                         tom_)),
            "200 ok");
  json set = View(share)["since_last_visit"];
  EXPECT_EQ(set["source"], "set");
  EXPECT_EQ(set["since"], FormatUtcMillis(chosen));
  EXPECT_EQ(set["entries"]["count"], 2);
  ASSERT_EQ(Summary(Call(
                "POST", "/api/shared/visit",
                json{{"share_id", share}, {"visit_at", nullptr}}.dump(), tom_)),
            "200 ok");
  EXPECT_EQ(View(share)["since_last_visit"]["source"], "previous_view");
  // Refusals: a visit in the future, a date without a time, someone else.
  EXPECT_EQ(Summary(Call(
                "POST", "/api/shared/visit",
                json{{"share_id", share},
                     {"visit_at", FormatUtcMillis(env_.NowMillis() + kDayMs)}}
                    .dump(),
                tom_)),
            "400 invalid-visit");
  EXPECT_EQ(
      Summary(Call("POST", "/api/shared/visit",
                   json{{"share_id", share}, {"visit_at", "2026-01-01"}}.dump(),
                   tom_)),
      "400 invalid-visit");
  EXPECT_EQ(Summary(Call(
                "POST", "/api/shared/visit",
                json{{"share_id", share}, {"visit_at", nullptr}}.dump(), eve_)),
            "404 not-found");
}

TEST_F(ShareApiTest, ThePreviewIsWhatTheTherapistWillSee) {
  LogAndPush(1, 6);
  LogAndPush(40, 4);
  const json request = {{"scopes", {"entries", "adherence"}},
                        {"period", {{"last_days", 30}}}};
  Response res = Call("POST", "/api/shares/preview", request.dump(), ann_);
  ASSERT_EQ(res.status, 200) << res.body;
  json preview = Body(res);
  const std::string share =
      ShareWithTom("entries,adherence", {{"last_days", 30}});
  json view = View(share);
  // The same sections and entries; the therapist's view adds who, which
  // share, the suggestions and "since last visit".
  ASSERT_EQ(preview["entries"].size(), 1u);
  EXPECT_EQ(preview["entries"], view["entries"]);
  EXPECT_EQ(preview["adherence"], view["adherence"]);
  for (const char* absent : {"notes", "sessions", "triage", "insights",
                             "patient", "suggestions", "since_last_visit"})
    EXPECT_FALSE(preview.contains(absent)) << absent;
  EXPECT_EQ(Summary(Call("POST", "/api/shares/preview",
                         json{{"scopes", "diary"}}.dump(), ann_)),
            "400 invalid-scope");
  EXPECT_EQ(
      Summary(Call(
          "POST", "/api/shares/preview",
          json{{"scopes", "entries"}, {"period", {{"last_days", 0}}}}.dump(),
          ann_)),
      "400 invalid-period");
  // Only one's own journal: Eve previews hers (empty), never Ann's.
  json eve = Body(Call("POST", "/api/shares/preview",
                       json{{"scopes", "entries"}}.dump(), eve_));
  EXPECT_TRUE(eve["entries"].empty());
}

TEST_F(ShareApiTest, AShareLogIsItsOwnersOnly) {
  const std::string share = ShareWithTom("entries");
  View(share);
  json log = Body(Call("GET", "/api/shares/log?id=" + share, "", ann_))["log"];
  ASSERT_GE(log.size(), 3u);  // newest first: view, redeem, create
  EXPECT_EQ(log[0]["action"], "share-view");
  EXPECT_EQ(log[0]["actor"], "tom@example.org");
  EXPECT_EQ(log.back()["action"], "share-create");
  EXPECT_EQ(Summary(Call("GET", "/api/shares/log?id=" + share, "", tom_)),
            "404 share-not-found");
  EXPECT_EQ(Summary(Call("GET", "/api/shares/log?id=nope", "", ann_)),
            "404 share-not-found");
}

TEST(MayAccessJournalTest, AGranteeSuggestsButNeverWrites) {
  ShareRecord grant;
  grant.owner_id = "ann";
  grant.grantee_id = "tom";
  grant.expires_ms = 2000;
  const Principal tom{"tom", "h"};
  EXPECT_TRUE(MayAccessJournal(tom, "ann", Access::kSuggest, &grant, 1000));
  EXPECT_FALSE(MayAccessJournal(tom, "ann", Access::kWrite, &grant, 1000));
  EXPECT_FALSE(MayAccessJournal(tom, "ann", Access::kSuggest, &grant, 2000));
  EXPECT_FALSE(MayAccessJournal(tom, "ann", Access::kSuggest, nullptr, 1000));
  grant.revoked_ms = 1500;
  EXPECT_FALSE(MayAccessJournal(tom, "ann", Access::kSuggest, &grant, 1000));
}

}  // namespace
}  // namespace unknot::server
