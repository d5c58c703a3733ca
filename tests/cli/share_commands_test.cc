// share, shared and account against the real unknot-server on loopback:
// a patient shares (scopes, period, expiry), a therapist redeems, lists and
// shows; the patient sees the view and revokes, and the therapist is
// refused at once; export and delete. Built only with the server.
#ifdef UNKNOT_SERVER_PATH

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <set>

#include "cli_runner.h"
#include "server_process.h"
#include "unknot/time_util.h"

namespace unknot::cli_test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using server::testing::ServerProcess;

constexpr const char* kPassword = "correct horse battery\n";

// Today + `days` as a date (the tests run with TZ=UTC).
std::string DaysFromNow(int days) {
  const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  return FormatDate(LocalDay(now, 0) + days);
}

class ShareCommandsTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    pat_ = (dir_ / "pat.db").string();
    tom_ = (dir_ / "tom.db").string();
    server_.emplace(UNKNOT_SERVER_PATH,
                    std::vector<std::string>{"--port", "0", "--data-dir",
                                             (dir_ / "server-data").string()},
                    dir_ / "server.log");
    const std::string line = server_->ReadFirstLine(20s);
    const std::string prefix = "listening on ";
    ASSERT_EQ(line.rfind(prefix, 0), 0u) << line;
    url_ = line.substr(prefix.size());
    while (!url_.empty() && url_.back() == '/') url_.pop_back();
    ASSERT_EQ(
        On(pat_, {"signup", "--server", url_, "--email", "pat@example.com"},
           kPassword)
            .exit_code,
        0);
    ASSERT_EQ(On(tom_,
                 {"signup", "--server", url_, "--email", "tom@example.com",
                  "--role", "therapist"},
                 kPassword)
                  .exit_code,
              0);
    ASSERT_EQ(On(pat_, {"log", "--site", "neck:6", "--note", "private words"})
                  .exit_code,
              0);
    ASSERT_EQ(On(pat_, {"sync"}).exit_code, 0);
  }
  void TearDown() override {
    server_.reset();
    CliTest::TearDown();
  }

  CliResult On(const std::string& db, std::vector<std::string> args,
               const std::string& input = "") {
    args.insert(args.begin(), {"--db", db});
    return Run(args, input);
  }

  json JsonOf(const CliResult& r) {
    EXPECT_EQ(r.exit_code, 0) << r;
    return json::parse(r.out, nullptr, false);
  }

  // Pat shares; returns create's --json.
  json Share(const std::string& scopes) {
    return JsonOf(On(pat_, {"share", "create", "--scope", scopes, "--last",
                            "90d", "--expires", DaysFromNow(30), "--json"}));
  }

  std::string pat_, tom_, url_;
  std::optional<ServerProcess> server_;
};

TEST_F(ShareCommandsTest, PatientSharesTherapistRedeemsAndShows) {
  json share = Share("routines,entries");
  const std::string code = share["code"], id = share["id"];
  EXPECT_EQ(share["link"], url_ + "/#redeem=" + code);
  EXPECT_EQ(share.size(), 4u);  // id, code, link, expires_at
  // The local date is inclusive: the share ends at the next midnight.
  EXPECT_EQ(share["expires_at"], DaysFromNow(31) + "T00:00:00.000Z");

  CliResult plain = On(pat_, {"share", "create", "--scope", "entries",
                              "--expires", DaysFromNow(1)});
  ASSERT_EQ(plain.exit_code, 0) << plain;
  static const std::regex kTwoLines(
      "(([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4})\n(.*)\n");
  std::smatch m;
  ASSERT_TRUE(std::regex_match(plain.out, m, kTwoLines)) << plain.out;
  EXPECT_EQ(m[3].str(), url_ + "/#redeem=" + m[1].str());

  CliResult redeemed = On(tom_, {"shared", "redeem", code});
  ASSERT_EQ(redeemed.exit_code, 0) << redeemed;
  EXPECT_NE(redeemed.out.find("pat@example.com"), std::string::npos);

  json list = JsonOf(On(tom_, {"shared", "list", "--json"}));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0], json({{"patient", "pat@example.com"},
                           {"share_id", id},
                           {"scopes", {"entries", "routines"}},
                           {"period", {{"last_days", 90}}},
                           {"expires_at", share["expires_at"]}}));

  json view = JsonOf(On(tom_, {"shared", "show", "pat@example.com", "--json"}));
  std::set<std::string> keys;
  for (const auto& [k, v] : view.items()) keys.insert(k);
  EXPECT_EQ(keys, std::set<std::string>({"patient", "entries", "sessions",
                                         "routines", "schedules", "suggestions",
                                         "since_last_visit"}));
  EXPECT_EQ(view["patient"], "pat@example.com");
  ASSERT_EQ(view["entries"].size(), 1u);
  EXPECT_EQ(view["entries"][0]["sites"][0]["intensity"], 6);
  EXPECT_FALSE(view["entries"][0].contains("note"));
  CliResult text = On(tom_, {"shared", "show", "pat@example.com"});
  EXPECT_NE(text.out.find("neck 6"), std::string::npos) << text;

  json mine = JsonOf(On(pat_, {"share", "list", "--json"}));
  ASSERT_EQ(mine.size(), 2u);
  const json& held = mine[1]["id"] == id ? mine[1] : mine[0];
  EXPECT_EQ(held.size(), 7u);
  EXPECT_EQ(held["redeemed_by"], "tom@example.com");
  EXPECT_TRUE(held["last_viewed_at"].is_string());
  EXPECT_TRUE(held["revoked_at"].is_null());

  ASSERT_EQ(On(pat_, {"share", "revoke", id}).exit_code, 0);
  CliResult refused = On(tom_, {"shared", "show", "pat@example.com"});
  EXPECT_EQ(refused.exit_code, 1) << refused;
  EXPECT_EQ(refused.ErrFirstLine().rfind("error: share-revoked", 0), 0u)
      << refused;
  EXPECT_EQ(JsonOf(On(tom_, {"shared", "list", "--json"})), json::array());
  // A second redeem of the same code is refused.
  CliResult again = On(tom_, {"shared", "redeem", code});
  EXPECT_EQ(again.ErrFirstLine().rfind("error: invalid-code", 0), 0u) << again;
}

TEST_F(ShareCommandsTest, TherapistCommentsAndRecommendsThePatientAnswers) {
  json share = Share("entries,routines");
  ASSERT_EQ(On(tom_, {"shared", "redeem", share["code"]}).exit_code, 0);
  json view = JsonOf(On(tom_, {"shared", "show", "pat@example.com", "--json"}));
  EXPECT_EQ(view["since_last_visit"]["source"], "first_view");
  const std::string entry = view["entries"][0]["id"];
  CliResult comment = On(tom_, {"shared", "comment", "pat@example.com", entry,
                                "--text", "Try heat before bed"});
  ASSERT_EQ(comment.exit_code, 0) << comment;
  ASSERT_EQ(On(tom_, {"shared", "recommend", "pat@example.com", "--routine",
                      "deep_breathing", "--text", "twice a day"})
                .exit_code,
            0);
  // One of the therapist's own routines goes whole.
  CliResult own = On(tom_, {"routine", "add", "--title", "Doorway stretch",
                            "--kind", "stretch", "--target", "pectoralis_major",
                            "--step", "30x3:Lean into the doorway"});
  ASSERT_EQ(own.exit_code, 0) << own;
  std::string own_id = own.out.substr(0, own.out.find('\n'));
  ASSERT_EQ(
      On(tom_, {"shared", "recommend", "pat@example.com", "--routine", own_id})
          .exit_code,
      0);
  // An entry the share does not show, and a bad routine id.
  CliResult hidden = On(tom_, {"shared", "comment", "pat@example.com",
                               std::string(32, 'e'), "--text", "x"});
  EXPECT_EQ(hidden.ErrFirstLine().rfind("error: not-found", 0), 0u) << hidden;
  CliResult nope = On(
      tom_, {"shared", "recommend", "pat@example.com", "--routine", "no_such"});
  EXPECT_EQ(nope.ErrFirstLine().rfind("error: routine-not-found", 0), 0u)
      << nope;
  EXPECT_EQ(On(tom_, {"shared", "comment", "pat@example.com", entry}).exit_code,
            2);

  // The patient syncs and answers.
  ASSERT_EQ(On(pat_, {"sync"}).exit_code, 0);
  json waiting = JsonOf(On(pat_, {"suggestions", "--json"}));
  ASSERT_EQ(waiting.size(), 3u);
  EXPECT_EQ(waiting[2]["kind"], "comment");
  EXPECT_EQ(waiting[2]["text"], "Try heat before bed");
  EXPECT_EQ(waiting[2]["author"], "tom@example.com");
  CliResult listed = On(pat_, {"suggestions"});
  EXPECT_NE(listed.out.find("routine: Doorway stretch"), std::string::npos)
      << listed;
  CliResult taken = On(pat_, {"suggestions", "accept", waiting[0]["id"]});
  ASSERT_EQ(taken.exit_code, 0) << taken;
  const std::string copy = taken.out.substr(0, taken.out.find('\n'));
  EXPECT_EQ(copy, "r" + waiting[0]["id"].get<std::string>());
  EXPECT_EQ(On(pat_, {"routine", "show", copy}).exit_code, 0);
  ASSERT_EQ(On(pat_, {"suggestions", "dismiss", waiting[2]["id"]}).exit_code,
            0);
  EXPECT_EQ(JsonOf(On(pat_, {"suggestions", "--json"})).size(), 1u);
  EXPECT_EQ(JsonOf(On(pat_, {"suggestions", "--all", "--json"})).size(), 3u);
  CliResult unknown = On(pat_, {"suggestions", "accept", std::string(32, 'f')});
  EXPECT_EQ(unknown.ErrFirstLine().rfind("error: suggestion-not-found", 0), 0u)
      << unknown;
  ASSERT_EQ(On(pat_, {"sync"}).exit_code, 0);
  json after =
      JsonOf(On(tom_, {"shared", "show", "pat@example.com", "--json"}));
  ASSERT_EQ(after["suggestions"].size(), 3u);
  EXPECT_EQ(after["suggestions"][0]["status"], "dismissed");
  EXPECT_EQ(after["suggestions"][2]["status"], "accepted");

  // The visit date, and the patient's log of it all.
  ASSERT_EQ(On(tom_, {"shared", "visit", "pat@example.com", DaysFromNow(-7)})
                .exit_code,
            0);
  json visited =
      JsonOf(On(tom_, {"shared", "show", "pat@example.com", "--json"}));
  EXPECT_EQ(visited["since_last_visit"]["source"], "set");
  EXPECT_EQ(visited["since_last_visit"]["since"],
            DaysFromNow(-7) + "T00:00:00.000Z");
  ASSERT_EQ(
      On(tom_, {"shared", "visit", "pat@example.com", "--clear"}).exit_code, 0);
  json log = JsonOf(On(pat_, {"share", "log", share["id"], "--json"}));
  std::multiset<std::string> actions;
  for (const json& line : log) actions.insert(line["action"]);
  EXPECT_EQ(actions.count("share-suggest"), 3u);
  EXPECT_EQ(actions.count("share-visit"), 2u);
  EXPECT_EQ(log.dump().find("Try heat"), std::string::npos);
}

TEST_F(ShareCommandsTest, PreviewShowsExactlyTheScopes) {
  json without = JsonOf(On(pat_, {"share", "preview", "--scope", "entries"}));
  ASSERT_EQ(without["entries"].size(), 1u);
  EXPECT_FALSE(without["entries"][0].contains("note"));
  EXPECT_FALSE(without.contains("sessions"));
  json with =
      JsonOf(On(pat_, {"share", "preview", "--scope", "entries,notes"}));
  EXPECT_EQ(with["entries"][0]["note"], "private words");
}

TEST_F(ShareCommandsTest, ExportAndDeleteTheAccount) {
  json share = Share("entries");
  ASSERT_EQ(On(tom_, {"shared", "redeem", share["code"]}).exit_code, 0);
  ASSERT_EQ(On(tom_, {"shared", "show", "pat@example.com"}).exit_code, 0);

  const std::string file = (dir_ / "account.json").string();
  ASSERT_EQ(On(pat_, {"account", "export", "-o", file}).exit_code, 0);
  json doc = json::parse(ReadFileOrEmpty(file), nullptr, false);
  ASSERT_TRUE(doc.is_object());
  std::vector<std::string> actions;
  for (const json& e : doc["access_log"]) actions.push_back(e["action"]);
  EXPECT_EQ(actions, std::vector<std::string>(
                         {"share-create", "share-redeem", "share-view"}));
  EXPECT_EQ(doc["journal"]["entries"].size(), 1u);

  CliResult wrong = On(pat_, {"account", "delete"}, "not my password\n");
  EXPECT_EQ(wrong.ErrFirstLine().rfind("error: login-failed", 0), 0u) << wrong;
  CliResult deleted = On(pat_, {"account", "delete"}, kPassword);
  ASSERT_EQ(deleted.exit_code, 0) << deleted;
  EXPECT_EQ(JsonOf(On(pat_, {"status", "--json"}))["signed_in"], false);
  CliResult gone = On(tom_, {"shared", "show", "pat@example.com"});
  EXPECT_EQ(gone.ErrFirstLine().rfind("error: not-found", 0), 0u) << gone;
}

TEST_F(ShareCommandsTest, BadOptionsAreRefused) {
  EXPECT_EQ(
      On(pat_, {"share", "create", "--expires", DaysFromNow(3)}).exit_code, 2);
  EXPECT_EQ(
      On(pat_, {"share", "create", "--scope", "entries", "--since",
                "2026-01-01", "--last", "9d", "--expires", DaysFromNow(3)})
          .exit_code,
      2);
  CliResult scope = On(pat_, {"share", "create", "--scope", "diary",
                              "--expires", DaysFromNow(3)});
  EXPECT_EQ(scope.ErrFirstLine().rfind("error: invalid-scope", 0), 0u) << scope;
  CliResult past = On(pat_, {"share", "create", "--scope", "entries",
                             "--expires", DaysFromNow(-2)});
  EXPECT_EQ(past.ErrFirstLine().rfind("error: invalid-expiry", 0), 0u) << past;
  EXPECT_EQ(On(pat_, {"share", "frob"}).exit_code, 2);
  const std::string fresh = (dir_ / "fresh.db").string();
  CliResult not_in = On(fresh, {"shared", "list"});
  EXPECT_EQ(not_in.ErrFirstLine().rfind("error: not-signed-in", 0), 0u)
      << not_in;
  EXPECT_EQ(JsonOf(On(pat_, {"share", "list", "--json"})), json::array());
}

}  // namespace
}  // namespace unknot::cli_test

#endif  // UNKNOT_SERVER_PATH
