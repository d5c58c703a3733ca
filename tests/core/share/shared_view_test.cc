// The therapist's view: each scope left out is really absent (free-text
// notes above all), the period's edges are inclusive and read on each
// entry's own local date, and the options parse strictly.
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "unknot/journal.h"
#include "unknot/share.h"
#include "unknot/time_util.h"
#include "unknot/triage.h"

namespace unknot {
namespace {

using nlohmann::json;

constexpr int64_t kDayMs = 86400000;
constexpr int64_t kHourMs = 3600000;
const int64_t kToday = DaysFromCivil(2026, 11, 25);
const int64_t kNow = kToday * kDayMs + 12 * kHourMs;  // noon UTC
constexpr char kSecret[] = "argued with my boss again";

ShareScopes Scopes(const std::string& text) {
  ShareScopes s;
  EXPECT_TRUE(ParseShareScopes(text, &s).ok()) << text;
  return s;
}

class SharedViewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    JournalOptions options;
    options.path = ":memory:";
    options.env = &env_;
    ASSERT_TRUE(Journal::Open(options, &journal_).ok());
  }

  // An entry at local `hour` of local `day`, with `offset` minutes.
  std::string LogAt(int64_t day, int hour, int offset, int intensity,
                    std::optional<std::string> note = std::nullopt) {
    JournalEntry e;
    e.at_ms = day * kDayMs + hour * kHourMs - offset * 60000LL;
    e.tz_offset_minutes = offset;
    e.sites = {{"neck", Side::kBoth, intensity}};
    e.note = note;
    std::string id;
    Status s = journal_->Log(e, &id);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return id;
  }

  void SessionAt(int64_t day, int hour, int offset) {
    Session s;
    s.routine_id = "stretch_upper_trapezius";
    s.at_ms = day * kDayMs + hour * kHourMs - offset * 60000LL;
    s.tz_offset_minutes = offset;
    s.duration_seconds = 120;
    s.steps_done = 1;
    std::string id;
    Status st = journal_->LogSession(s, &id);
    EXPECT_TRUE(st.ok()) << st.ToString();
  }

  // A journal with something in every section.
  void Fill() {
    LogAt(kToday - 1, 9, 60, 6, std::string(kSecret));
    SessionAt(kToday - 1, 18, 60);
    Routine r;
    r.title = "Desk reset";
    r.kind = RoutineKind::kPostureCheck;
    r.steps = {RoutineStep{"Shoulders back"}};
    std::string id;
    ASSERT_TRUE(journal_->SaveRoutine(r, &id).ok());
    Schedule sc;
    sc.routine_id = id;
    sc.start_minute = 8 * 60;
    ASSERT_TRUE(journal_->AddSchedule(sc, &id).ok());
    ASSERT_TRUE(
        journal_->RecordTriage(EvaluateTriage(TriageAnswers(), nullptr), &id)
            .ok());
  }

  json View(const std::string& scopes, SharePeriod period = {}) {
    std::string text;
    Status s =
        SharedViewJson(journal_.get(), Scopes(scopes), period, kNow, 60, &text);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return json::parse(text);
  }

  // The view's sections (keys other than the header's).
  static std::set<std::string> Sections(const json& view) {
    std::set<std::string> keys;
    for (const auto& [k, v] : view.items()) {
      if (k != "scopes" && k != "period" && k != "from" && k != "today" &&
          k != "generated_at")
        keys.insert(k);
    }
    return keys;
  }

  FakeEnv env_{kNow, 7, 60};
  std::unique_ptr<Journal> journal_;
};

TEST_F(SharedViewTest, EachScopeAloneGivesOnlyItsSections) {
  Fill();
  using Keys = std::set<std::string>;
  EXPECT_EQ(Sections(View("entries")), Keys({"entries"}));
  EXPECT_EQ(Sections(View("notes")), Keys({"notes"}));
  EXPECT_EQ(Sections(View("routines")),
            Keys({"sessions", "routines", "schedules"}));
  EXPECT_EQ(Sections(View("adherence")), Keys({"adherence"}));
  EXPECT_EQ(Sections(View("triage")), Keys({"triage"}));
  EXPECT_EQ(Sections(View("insights")), Keys({"insights"}));
  EXPECT_EQ(Sections(View("insights,entries,notes,triage,adherence,routines")),
            Keys({"entries", "sessions", "routines", "schedules", "adherence",
                  "triage", "insights"}));
  EXPECT_EQ(View("triage,entries")["scopes"], json({"entries", "triage"}));
}

TEST_F(SharedViewTest, NotesAppearOnlyWithTheNotesScope) {
  Fill();
  for (const char* scopes :
       {"entries", "routines", "adherence", "triage", "insights",
        "entries,routines,adherence,triage,insights"}) {
    const std::string text = View(scopes).dump();
    EXPECT_EQ(text.find(kSecret), std::string::npos) << scopes;
    EXPECT_EQ(text.find("\"note\""), std::string::npos) << scopes;
  }
  json with = View("entries,notes");
  ASSERT_EQ(with["entries"].size(), 1u);
  EXPECT_EQ(with["entries"][0]["note"], kSecret);
  EXPECT_FALSE(with["entries"][0].contains("stamps"));
  EXPECT_EQ(with["entries"][0]["sites"][0]["intensity"], 6);

  json alone = View("notes");
  ASSERT_EQ(alone["notes"].size(), 1u);
  EXPECT_EQ(alone["notes"][0]["note"], kSecret);
  EXPECT_EQ(alone["notes"][0]["local_date"], FormatDate(kToday - 1));
  EXPECT_FALSE(alone["notes"][0].contains("sites"));
}

TEST_F(SharedViewTest, EntriesWithoutNotesStillCarryTheirData) {
  Fill();
  json view = View("entries");
  ASSERT_EQ(view["entries"].size(), 1u);
  EXPECT_EQ(view["entries"][0]["sites"][0]["site"], "neck");
  EXPECT_FALSE(view["entries"][0].contains("note"));
  EXPECT_FALSE(view["entries"][0].contains("deleted"));
}

TEST_F(SharedViewTest, DeletedEntriesAreNeverShown) {
  const std::string id = LogAt(kToday, 8, 60, 3);
  LogAt(kToday, 9, 60, 4);
  ASSERT_TRUE(journal_->Delete(id).ok());
  json view = View("entries");
  ASSERT_EQ(view["entries"].size(), 1u);
  EXPECT_EQ(view["entries"][0]["sites"][0]["intensity"], 4);
}

TEST_F(SharedViewTest, SinceIsInclusiveOnEachEntrysOwnLocalDate) {
  const int64_t since = kToday - 10;
  LogAt(since - 1, 23, 60, 1);  // 23:00 the day before: out
  LogAt(since, 0, 60, 2);       // local midnight of the day: in
  // 00:30 on `since` at +05:00 is the day before in UTC: its own date counts.
  LogAt(since, 0, 300, 3);
  // 23:30 the day before at -08:00 is `since` in UTC: still out.
  LogAt(since - 1, 23, -480, 4);
  SharePeriod period;
  period.since_day = since;
  json view = View("entries", period);
  std::vector<int> got;
  for (const json& e : view["entries"])
    got.push_back(e["sites"][0]["intensity"]);
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, std::vector<int>({2, 3}));
  EXPECT_EQ(view["from"], FormatDate(since));
  EXPECT_EQ(view["period"], json({{"since", FormatDate(since)}}));
}

TEST_F(SharedViewTest, LastNDaysIsTodayAndTheNMinusOneBefore) {
  LogAt(kToday - 7, 12, 60, 1);  // out of the last 7 days
  LogAt(kToday - 6, 0, 60, 2);   // the first day: in
  LogAt(kToday, 12, 60, 3);      // today: in
  SessionAt(kToday - 7, 23, 60);
  SessionAt(kToday - 6, 0, 60);
  SharePeriod period;
  period.last_days = 7;
  json view = View("entries,routines", period);
  ASSERT_EQ(view["entries"].size(), 2u);
  EXPECT_EQ(view["entries"][0]["sites"][0]["intensity"], 2);
  EXPECT_EQ(view["entries"][1]["sites"][0]["intensity"], 3);
  ASSERT_EQ(view["sessions"].size(), 1u);
  EXPECT_EQ(view["sessions"][0]["local_date"], FormatDate(kToday - 6));
  EXPECT_EQ(view["from"], FormatDate(kToday - 6));
  EXPECT_EQ(view["today"], FormatDate(kToday));
}

TEST_F(SharedViewTest, NoPeriodSharesEverything) {
  LogAt(kToday - 4000, 12, 0, 1);
  json view = View("entries");
  EXPECT_EQ(view["entries"].size(), 1u);
  EXPECT_TRUE(view["from"].is_null());
}

TEST_F(SharedViewTest, TriageResultsFollowThePeriod) {
  std::string id;
  env_.SetNow(kNow - 3 * kDayMs);
  ASSERT_TRUE(
      journal_->RecordTriage(EvaluateTriage(TriageAnswers(), nullptr), &id)
          .ok());
  env_.SetNow(kNow);
  ASSERT_TRUE(
      journal_->RecordTriage(EvaluateTriage(TriageAnswers(), nullptr), &id)
          .ok());
  SharePeriod period;
  period.last_days = 3;  // from kToday - 2
  json view = View("triage", period);
  ASSERT_EQ(view["triage"].size(), 1u);
  EXPECT_EQ(view["triage"][0]["id"], id);
  EXPECT_EQ(view["triage"][0]["level"], "self_care");
  EXPECT_EQ(view["triage"][0]["result"]["level"], "self_care");
  EXPECT_EQ(view["triage"][0]["ruleset_version"],
            std::string(kTriageRulesetVersion));
  period.last_days = 4;
  EXPECT_EQ(View("triage", period)["triage"].size(), 2u);
}

TEST_F(SharedViewTest, InsightsCoverThePeriod) {
  LogAt(kToday - 30, 12, 60, 5);
  LogAt(kToday - 1, 12, 60, 5);
  SharePeriod period;
  period.last_days = 14;
  json view = View("insights", period);
  EXPECT_EQ(view["insights"]["entries"], 1);
}

TEST_F(SharedViewTest, NoScopeIsRefused) {
  std::string text = "unchanged";
  Status s = SharedViewJson(journal_.get(), ShareScopes(), SharePeriod(), kNow,
                            0, &text);
  EXPECT_EQ(s.code(), "invalid-scope");
  EXPECT_EQ(text, "unchanged");
}

TEST(ShareOptionsTest, ScopesParseStrictly) {
  ShareScopes s;
  ASSERT_TRUE(ParseShareScopes(" routines , entries", &s).ok());
  EXPECT_EQ(ShareScopeNames(s),
            std::vector<std::string>({"entries", "routines"}));
  for (const char* bad : {"", "entries,", "entries,entries", "diary", "Entries",
                          "entries;notes"}) {
    EXPECT_EQ(ParseShareScopes(bad, &s).code(), "invalid-scope") << bad;
  }
  EXPECT_EQ(ShareScopeNames(s),
            std::vector<std::string>({"entries", "routines"}));
}

TEST(ShareOptionsTest, LastDaysAndPeriodJson) {
  int days = 0;
  ASSERT_TRUE(ParseLastDays("90d", &days).ok());
  EXPECT_EQ(days, 90);
  ASSERT_TRUE(ParseLastDays("1", &days).ok());
  EXPECT_EQ(days, 1);
  for (const char* bad : {"0d", "3661d", "d", "", "-5d", "9w", "1e3"}) {
    EXPECT_EQ(ParseLastDays(bad, &days).code(), "invalid-period") << bad;
  }
  SharePeriod p;
  ASSERT_TRUE(SharePeriodFromJson(R"({"since":"2026-10-01"})", &p).ok());
  EXPECT_EQ(*p.since_day, DaysFromCivil(2026, 10, 1));
  EXPECT_EQ(SharePeriodToJson(p), R"({"since":"2026-10-01"})");
  ASSERT_TRUE(SharePeriodFromJson(R"({"last_days":90})", &p).ok());
  EXPECT_FALSE(p.since_day);
  EXPECT_EQ(SharePeriodToJson(p), R"({"last_days":90})");
  ASSERT_TRUE(SharePeriodFromJson("{}", &p).ok());
  EXPECT_EQ(SharePeriodToJson(p), "{}");
  for (const char* bad :
       {"[]", R"({"since":"2026-13-01"})", R"({"last_days":0})",
        R"({"since":"2026-10-01","last_days":3})", R"({"until":"x"})", "x"}) {
    EXPECT_EQ(SharePeriodFromJson(bad, &p).code(), "invalid-period") << bad;
  }
}

}  // namespace
}  // namespace unknot
