// "Since last visit": the counts since a visit, the two weeks before it for
// comparison, new sites, sessions and checks — each only with its scope and
// never from outside the share's period.
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "unknot/journal.h"
#include "unknot/share.h"
#include "unknot/time_util.h"
#include "unknot/triage.h"

namespace unknot {
namespace {

using nlohmann::json;

constexpr int64_t kDayMs = 86400000;
const int64_t kToday = DaysFromCivil(2026, 11, 25);
const int64_t kNow = kToday * kDayMs + 12 * 3600000LL;
const int64_t kVisit = kNow - 7 * kDayMs;

class SinceVisitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    JournalOptions o;
    o.path = ":memory:";
    o.env = &env_;
    ASSERT_TRUE(Journal::Open(o, &journal_).ok());
  }

  void Log(int64_t at, std::vector<SitePain> sites, bool flare = false,
           std::optional<std::string> note = std::nullopt) {
    JournalEntry e;
    e.at_ms = at;
    e.sites = std::move(sites);
    e.flare = flare;
    e.note = note;
    std::string id;
    ASSERT_TRUE(journal_->Log(e, &id).ok());
  }

  void Session_(int64_t at, int before, int after, int seconds) {
    Session s;
    s.routine_id = "deep_breathing";
    s.at_ms = at;
    s.steps_done = 1;
    s.duration_seconds = seconds;
    s.pain_before = before;
    s.pain_after = after;
    std::string id;
    ASSERT_TRUE(journal_->LogSession(s, &id).ok());
  }

  json Summary(const std::string& scopes, std::optional<int64_t> visit,
               SharePeriod period = {}) {
    ShareScopes sc;
    EXPECT_TRUE(ParseShareScopes(scopes, &sc).ok());
    SharedViewOptions options;
    options.since_last_visit = true;
    options.visit_ms = visit;
    options.visit_source = visit ? "set" : "first_view";
    std::string text;
    Status s =
        SharedViewJson(journal_.get(), sc, period, options, kNow, 0, &text);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return json::parse(text)["since_last_visit"];
  }

  FakeEnv env_{kNow, 3, 0};
  std::unique_ptr<Journal> journal_;
};

TEST_F(SinceVisitTest, CountsSinceTheVisitAgainstTheTwoWeeksBefore) {
  // Before the visit: 20 days ago (outside the 14-day baseline) and 3 and
  // 10 days before it.
  Log(kVisit - 20 * kDayMs, {{"neck", Side::kBoth, 9}});
  Log(kVisit - 3 * kDayMs, {{"neck", Side::kBoth, 6}});
  Log(kVisit - 10 * kDayMs, {{"neck", Side::kBoth, 4}});
  // Since: two entries on one day, one flare with a new site.
  Log(kVisit + kDayMs, {{"neck", Side::kBoth, 3}});
  Log(kVisit + kDayMs + 3600000,
      {{"neck", Side::kBoth, 2}, {"infraspinatus", Side::kLeft, 7}}, true,
      std::string("after gardening"));
  Log(kVisit + 3 * kDayMs, {{"neck", Side::kBoth, 2}});
  json s = Summary("entries", kVisit);
  EXPECT_EQ(s["since"], FormatUtcMillis(kVisit));
  EXPECT_EQ(s["source"], "set");
  const json& e = s["entries"];
  EXPECT_EQ(e["count"], 3);
  EXPECT_EQ(e["flares"], 1);
  EXPECT_EQ(e["days"], 2);
  EXPECT_EQ(e["highest"], 7);
  EXPECT_DOUBLE_EQ(e["average_peak"].get<double>(), 4.0);         // (3+7+2)/3
  EXPECT_DOUBLE_EQ(e["average_peak_before"].get<double>(), 5.0);  // (6+4)/2
  ASSERT_EQ(e["sites"].size(), 2u);
  EXPECT_EQ(e["sites"][0], json({{"site", "neck"},
                                 {"side", "both"},
                                 {"entries", 3},
                                 {"highest", 3}}));
  EXPECT_EQ(e["new_sites"],
            json::array({{{"site", "infraspinatus"}, {"side", "left"}}}));
  // Only the entries scope was shared: nothing else is summarised.
  EXPECT_FALSE(s.contains("notes"));
  EXPECT_FALSE(s.contains("sessions"));
  EXPECT_FALSE(s.contains("checks"));
}

TEST_F(SinceVisitTest, AFirstViewSummarisesThePeriodAndNothingBeforeIt) {
  Log(kNow - 40 * kDayMs, {{"neck", Side::kBoth, 9}});
  Log(kNow - 2 * kDayMs, {{"neck", Side::kBoth, 3}});
  SharePeriod last30;
  last30.last_days = 30;
  json s = Summary("entries", std::nullopt, last30);
  EXPECT_TRUE(s["since"].is_null());
  EXPECT_EQ(s["source"], "first_view");
  EXPECT_EQ(s["entries"]["count"], 1);
  EXPECT_EQ(s["entries"]["highest"], 3);
  EXPECT_TRUE(s["entries"]["average_peak_before"].is_null());
  EXPECT_TRUE(s["entries"]["new_sites"].empty());
  // A visit before the period does not reach past it either.
  s = Summary("entries", kNow - 60 * kDayMs, last30);
  EXPECT_EQ(s["entries"]["count"], 1);
}

TEST_F(SinceVisitTest, NotesSessionsAndChecksFollowTheirScopes) {
  Log(kVisit + kDayMs, {{"neck", Side::kBoth, 3}}, false, std::string("x"));
  Log(kVisit - kDayMs, {{"neck", Side::kBoth, 3}}, false, std::string("y"));
  Session_(kVisit + kDayMs, 6, 3, 300);
  Session_(kVisit + 2 * kDayMs, 5, 4, 150);
  Session_(kVisit - kDayMs, 9, 1, 600);
  env_.SetNow(kVisit - kDayMs);
  std::string id;
  ASSERT_TRUE(
      journal_->RecordTriage(EvaluateTriage(TriageAnswers(), nullptr), &id)
          .ok());
  env_.SetNow(kVisit + kDayMs);
  ASSERT_TRUE(
      journal_->RecordTriage(EvaluateTriage(TriageAnswers(), nullptr), &id)
          .ok());
  env_.SetNow(kNow);
  json s = Summary("notes,routines,triage", kVisit);
  EXPECT_FALSE(s.contains("entries"));
  EXPECT_EQ(s["notes"], 1);
  EXPECT_EQ(s["sessions"]["count"], 2);
  EXPECT_EQ(s["sessions"]["minutes"], 8);  // 450 s
  EXPECT_EQ(s["sessions"]["rated"], 2);
  EXPECT_DOUBLE_EQ(s["sessions"]["average_change"].get<double>(), -2.0);
  ASSERT_EQ(s["checks"].size(), 1u);
  EXPECT_EQ(s["checks"][0]["at"], FormatUtcMillis(kVisit + kDayMs));
}

}  // namespace
}  // namespace unknot
