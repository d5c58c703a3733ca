// Sharing against the real server on loopback (docs/sharing.md), one test
// per rule of issue 6: a grant reads only its scopes, with the same
// "not found" as missing data; invitations are single-use, expire and carry
// >= 128 random bits; revocation is immediate (requests and open
// WebSockets); a therapist never writes the patient's journal; the access
// log records who did what, without health content; deletion removes it
// all and export gives it all.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cctype>
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "accounts/accounts.h"
#include "live_server.h"
#include "unknot/journal.h"
#include "unknot/sync.h"
#include "unknot/time_util.h"

namespace unknot::server {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using testing::LiveServer;
using testing::Summary;
using testing::TempDir;
using testing::WsClient;

constexpr char kSecretNote[] = "my secret note about work";

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string InMs(int64_t ms) { return FormatUtcMillis(NowMs() + ms); }

json Body(const testing::HttpResponse& res) {
  return json::parse(res.body, nullptr, false);
}

class ShareServerTest : public ::testing::Test {
 protected:
  ShareServerTest() {
    ann_ = server_.Signup("ann@example.org");  // the patient
    tom_ = server_.Signup("tom@example.org");  // the therapist
    eve_ = server_.Signup("eve@example.org");  // anyone else
    JournalOptions options;
    options.path = (dir_.path() / "ann.journal").string();
    EXPECT_TRUE(Journal::Open(options, &device_).ok());
  }

  // Logs an entry (with a note) on Ann's device and pushes everything.
  void LogAndPush(int intensity) {
    JournalEntry e;
    e.at_ms = NowMs() - 60000;
    e.sites = {{"neck", Side::kBoth, intensity}};
    e.note = kSecretNote;
    std::string id;
    ASSERT_TRUE(device_->Log(e, &id).ok());
    ChangeBatch batch;
    ASSERT_TRUE(device_->ChangesAfter(0, 1 << 20, &batch).ok());
    PushRequest push{device_->device_id(), device_->ClockText(), batch.changes};
    auto res =
        server_.Call("POST", "/api/sync/push", EncodePushRequest(push), ann_);
    ASSERT_EQ(res.status, 200) << res.body;
  }

  // Ann shares `scopes`; returns the answer's JSON (id, code, ...).
  json Share(const std::string& scopes, const std::string& expires = "",
             json period = json::object()) {
    auto res = server_.Call(
        "POST", "/api/shares",
        json{{"scopes", scopes},
             {"period", period},
             {"expires_at", expires.empty() ? InMs(86400000) : expires}}
            .dump(),
        ann_);
    EXPECT_EQ(res.status, 201) << res.body;
    return Body(res);
  }

  testing::HttpResponse Redeem(const std::string& code,
                               const std::string& token) {
    return server_.Call("POST", "/api/shared/redeem",
                        json{{"code", code}}.dump(), token);
  }
  testing::HttpResponse View(const std::string& query,
                             const std::string& token) {
    return server_.Call("GET", "/api/shared/view?" + query, "", token);
  }
  // An access log as "actor action detail" lines.
  static std::string Story(const json& log) {
    std::string story;
    for (const json& e : log) {
      story += e["actor"].get<std::string>() + " " +
               e["action"].get<std::string>() + " " +
               e["detail"].get<std::string>() + "\n";
    }
    return story;
  }
  json Shares() {
    return Body(server_.Call("GET", "/api/shares", "", ann_))["shares"];
  }

  TempDir dir_;
  LiveServer server_;
  std::string ann_, tom_, eve_;
  std::unique_ptr<Journal> device_;
};

TEST_F(ShareServerTest, AGrantReadsOnlyItsScopes) {
  LogAndPush(6);
  json share = Share("entries,adherence");
  ASSERT_EQ(Redeem(share["code"], tom_).status, 200);

  auto listed = Body(server_.Call("GET", "/api/shared", "", tom_));
  ASSERT_EQ(listed["shared"].size(), 1u);
  EXPECT_EQ(listed["shared"][0]["patient"], "ann@example.org");
  EXPECT_EQ(listed["shared"][0]["scopes"], json({"entries", "adherence"}));

  auto res = View("patient=ann%40example.org", tom_);
  ASSERT_EQ(res.status, 200) << res.body;
  json view = Body(res);
  EXPECT_EQ(view["patient"], "ann@example.org");
  ASSERT_EQ(view["entries"].size(), 1u);
  EXPECT_EQ(view["entries"][0]["sites"][0]["intensity"], 6);
  EXPECT_TRUE(view.contains("adherence"));
  for (const char* absent : {"notes", "sessions", "triage", "insights"})
    EXPECT_FALSE(view.contains(absent)) << absent;
  EXPECT_EQ(res.body.find(kSecretNote), std::string::npos);

  // With notes the note is there: the filter, not the data, left it out.
  json with_notes = Share("entries,notes");
  ASSERT_EQ(Redeem(with_notes["code"], eve_).status, 200);
  auto noted = View("share_id=" + with_notes["id"].get<std::string>(), eve_);
  EXPECT_NE(noted.body.find(kSecretNote), std::string::npos);
}

TEST_F(ShareServerTest, TheViewIsLive) {
  LogAndPush(3);
  json share = Share("entries");
  ASSERT_EQ(Redeem(share["code"], tom_).status, 200);
  const std::string q = "share_id=" + share["id"].get<std::string>();
  EXPECT_EQ(Body(View(q, tom_))["entries"].size(), 1u);
  LogAndPush(4);
  EXPECT_EQ(Body(View(q, tom_))["entries"].size(), 2u);
}

TEST_F(ShareServerTest, NoExistenceLeaks) {
  LogAndPush(5);
  json share = Share("entries");
  ASSERT_EQ(Redeem(share["code"], tom_).status, 200);
  const std::string id = share["id"];
  // Eve holds nothing: Ann's journal, an unknown email and Tom's share
  // all answer the same.
  auto ann = View("patient=ann@example.org", eve_);
  auto nobody = View("patient=nobody@example.org", eve_);
  auto by_id = View("share_id=" + id, eve_);
  auto no_id = View("share_id=0123456789abcdef0123456789abcdef", eve_);
  EXPECT_EQ(Summary(ann), "404 not-found");
  for (const auto* res : {&nobody, &by_id, &no_id}) {
    EXPECT_EQ(res->status, ann.status);
    EXPECT_EQ(res->body, ann.body);
  }
  // The patient's other endpoints are no way in either: sync reads only the
  // caller's own journal.
  auto pull = Body(server_.Call("GET", "/api/sync/pull?after=0", "", tom_));
  EXPECT_TRUE(pull["changes"].empty());
}

TEST_F(ShareServerTest, InvitationsAreLongSingleUseCodes) {
  json share = Share("entries");
  const std::string code = share["code"];
  // 7 groups of 4 Crockford base32 symbols: 140 random bits.
  static const std::regex kCode(
      "([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}");
  EXPECT_TRUE(std::regex_match(code, kCode)) << code;
  EXPECT_NE(Share("entries")["code"], code);
  // Ann cannot redeem her own; typed in lowercase it still works, once.
  EXPECT_EQ(Summary(Redeem(code, ann_)), "404 invalid-code");
  std::string lower = code;
  for (char& c : lower) c = static_cast<char>(std::tolower(c));
  EXPECT_EQ(Summary(Redeem(lower, tom_)), "200 ok");
  EXPECT_EQ(Summary(Redeem(code, eve_)), "404 invalid-code");
  EXPECT_EQ(Summary(Redeem(code, tom_)), "404 invalid-code");
  EXPECT_EQ(Summary(Redeem("ABCD-EFGH", eve_)), "404 invalid-code");
  // The store keeps only a hash.
  EXPECT_EQ(Body(server_.Call("GET", "/api/shares", "", ann_))
                .dump()
                .find(code.substr(0, 9)),
            std::string::npos);
}

TEST_F(ShareServerTest, RevocationIsImmediateIncludingWebSockets) {
  LogAndPush(5);
  json share = Share("entries");
  const std::string id = share["id"];
  ASSERT_EQ(Redeem(share["code"], tom_).status, 200);
  WsClient ws(server_.port());
  ASSERT_TRUE(ws.ok());
  ws.SendText(json{{"token", tom_}, {"share", id}}.dump());
  ASSERT_EQ(ws.Read(5s), std::optional<std::string>(R"({"type":"ready"})"));
  LogAndPush(6);  // the patient syncs: the therapist's view is poked
  auto poke = ws.Read(5s);
  ASSERT_TRUE(poke.has_value());
  EXPECT_EQ(json::parse(*poke)["type"], "changes");

  ASSERT_EQ(Summary(server_.Call("POST", "/api/shares/revoke",
                                 json{{"id", id}}.dump(), ann_)),
            "200 ok");
  auto ended = ws.Read(5s);
  ASSERT_TRUE(ended.has_value());
  EXPECT_EQ(json::parse(*ended)["error"]["code"], "share-revoked");
  int close_code = 0;
  EXPECT_FALSE(ws.Read(5s, &close_code).has_value());
  EXPECT_EQ(close_code, 1008);

  EXPECT_EQ(Summary(View("share_id=" + id, tom_)), "403 share-revoked");
  EXPECT_EQ(Summary(View("patient=ann@example.org", tom_)),
            "403 share-revoked");
  EXPECT_TRUE(
      Body(server_.Call("GET", "/api/shared", "", tom_))["shared"].empty());
  EXPECT_FALSE(Shares()[0]["revoked_at"].is_null());
  // A new socket on the revoked share is refused.
  WsClient again(server_.port());
  again.SendText(json{{"token", tom_}, {"share", id}}.dump());
  auto refused = again.Read(5s);
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(json::parse(*refused)["error"]["code"], "share-revoked");
  // Someone else's share cannot be revoked (nor told apart from none).
  EXPECT_EQ(Summary(server_.Call("POST", "/api/shares/revoke",
                                 json{{"id", id}}.dump(), tom_)),
            "404 share-not-found");
}

TEST_F(ShareServerTest, ASuggestionPokesThePatientsDevicesAndTheTherapist) {
  LogAndPush(5);
  json share = Share("entries");
  const std::string id = share["id"];
  ASSERT_EQ(Redeem(share["code"], tom_).status, 200);
  WsClient patient(server_.port());
  ASSERT_TRUE(patient.ok());
  patient.SendText(json{{"token", ann_}, {"device", "phone"}}.dump());
  ASSERT_EQ(patient.Read(5s),
            std::optional<std::string>(R"({"type":"ready"})"));
  WsClient therapist(server_.port());
  therapist.SendText(json{{"token", tom_}, {"share", id}}.dump());
  ASSERT_EQ(therapist.Read(5s),
            std::optional<std::string>(R"({"type":"ready"})"));
  auto res = server_.Call(
      "POST", "/api/shared/suggest",
      json{{"share_id", id}, {"routine_id", "deep_breathing"}}.dump(), tom_);
  ASSERT_EQ(res.status, 201) << res.body;
  for (WsClient* ws : {&patient, &therapist}) {
    auto poke = ws->Read(5s);
    ASSERT_TRUE(poke.has_value());
    EXPECT_EQ(json::parse(*poke)["type"], "changes");
  }
  // The patient's devices pull it like any change.
  auto pull = Body(server_.Call("GET", "/api/sync/pull?after=0", "", ann_));
  EXPECT_NE(pull.dump().find("deep_breathing"), std::string::npos);
}

TEST_F(ShareServerTest, ExpiryIsEnforced) {
  json share = Share("entries", InMs(1500));
  json unused = Share("entries", InMs(1500));
  ASSERT_EQ(Redeem(share["code"], tom_).status, 200);
  const std::string q = "share_id=" + share["id"].get<std::string>();
  EXPECT_EQ(View(q, tom_).status, 200);
  std::this_thread::sleep_for(2s);
  EXPECT_EQ(Summary(View(q, tom_)), "403 share-expired");
  EXPECT_EQ(Summary(Redeem(unused["code"], eve_)), "404 invalid-code");
  EXPECT_TRUE(
      Body(server_.Call("GET", "/api/shared", "", tom_))["shared"].empty());
  // A share must expire in the future, within a year and a day.
  for (const std::string& when :
       {InMs(-1000), InMs(400LL * 86400000), std::string("2030-01-01"),
        std::string("soon")}) {
    auto res = server_.Call(
        "POST", "/api/shares",
        json{{"scopes", "entries"}, {"expires_at", when}}.dump(), ann_);
    EXPECT_EQ(Summary(res), "400 invalid-expiry") << when;
  }
}

TEST_F(ShareServerTest, AnExpiredSharesSocketEndsAtExpiry) {
  json share = Share("entries", InMs(1500));
  ASSERT_EQ(Redeem(share["code"], tom_).status, 200);
  WsClient ws(server_.port());
  ASSERT_TRUE(ws.ok());
  ws.SendText(json{{"token", tom_}, {"share", share["id"]}}.dump());
  ASSERT_EQ(ws.Read(5s), std::optional<std::string>(R"({"type":"ready"})"));
  // Nothing changes in Ann's journal: the share's own expiry ends it.
  auto ended = ws.Read(5s);
  ASSERT_TRUE(ended.has_value());
  EXPECT_EQ(json::parse(*ended)["error"]["code"], "share-expired");
  int close_code = 0;
  EXPECT_FALSE(ws.Read(5s, &close_code).has_value());
  EXPECT_EQ(close_code, 1008);
}

TEST_F(ShareServerTest, BadSharesAreRefusedAndNothingIsStored) {
  struct Case {
    json body;
    const char* want;
  } cases[] = {
      {{{"scopes", "entries,diary"}, {"expires_at", InMs(60000)}},
       "400 invalid-scope"},
      {{{"scopes", json::array()}, {"expires_at", InMs(60000)}},
       "400 invalid-scope"},
      {{{"scopes", "entries"},
        {"period", {{"last_days", 0}}},
        {"expires_at", InMs(60000)}},
       "400 invalid-period"},
      {{{"scopes", "entries"},
        {"period", {{"since", "yesterday"}}},
        {"expires_at", InMs(60000)}},
       "400 invalid-period"},
      {{{"scopes", 3}, {"expires_at", InMs(60000)}}, "400 invalid-request"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Summary(server_.Call("POST", "/api/shares", c.body.dump(), ann_)),
              c.want)
        << c.body;
  }
  EXPECT_TRUE(Shares().empty());
  EXPECT_EQ(Summary(server_.Call("POST", "/api/shares", "{}", "")),
            "401 unauthorized");
}

TEST_F(ShareServerTest, ATherapistNeverWritesThePatientsJournal) {
  LogAndPush(5);
  json share = Share("entries");
  ASSERT_EQ(Redeem(share["code"], tom_).status, 200);
  auto before = server_.Call("GET", "/api/sync/pull?after=0", "", ann_);
  // Tom's push lands in Tom's own journal, whatever it says.
  ChangeBatch batch;
  ASSERT_TRUE(device_->ChangesAfter(0, 1 << 20, &batch).ok());
  for (auto& c : batch.changes) {
    if (c.column == "note") c.value = CellValue::Text("changed by tom");
  }
  PushRequest push{device_->device_id(), device_->ClockText(), batch.changes};
  EXPECT_EQ(
      server_.Call("POST", "/api/sync/push", EncodePushRequest(push), tom_)
          .status,
      200);
  auto after = server_.Call("GET", "/api/sync/pull?after=0", "", ann_);
  EXPECT_EQ(after.body, before.body);
  auto toms = Body(server_.Call("GET", "/api/sync/pull?after=0", "", tom_));
  EXPECT_EQ(toms["changes"].size(), batch.changes.size());
  // The one authorisation decision refuses a write through any grant.
  ShareRecord grant;
  grant.owner_id = "ann";
  grant.grantee_id = "tom";
  grant.expires_ms = 2000;
  Principal tom{"tom", "h"};
  EXPECT_TRUE(MayAccessJournal(tom, "ann", Access::kRead, &grant, 1000));
  EXPECT_FALSE(MayAccessJournal(tom, "ann", Access::kWrite, &grant, 1000));
  EXPECT_FALSE(MayAccessJournal(tom, "ann", Access::kRead, &grant, 2000));
  EXPECT_FALSE(MayAccessJournal(tom, "bob", Access::kRead, &grant, 1000));
  EXPECT_FALSE(MayAccessJournal(tom, "ann", Access::kRead, nullptr, 1000));
  grant.revoked_ms = 500;
  EXPECT_FALSE(MayAccessJournal(tom, "ann", Access::kRead, &grant, 1000));
}

TEST_F(ShareServerTest, TheAccessLogRecordsWhoDidWhatWithoutHealthContent) {
  auto wrong = server_.Call(
      "POST", "/api/account/login",
      json{{"email", "ann@example.org"}, {"password", "wrong horse"}}.dump());
  ASSERT_EQ(wrong.status, 401);
  auto login = server_.Call(
      "POST", "/api/account/login",
      json{{"email", "ann@example.org"}, {"password", "correct horse"}}.dump());
  ASSERT_EQ(login.status, 200);
  LogAndPush(7);
  json share = Share("entries,notes");
  const std::string id = share["id"];
  ASSERT_EQ(Redeem(share["code"], tom_).status, 200);
  ASSERT_EQ(View("share_id=" + id, tom_).status, 200);
  ASSERT_EQ(
      server_.Call("POST", "/api/shares/revoke", json{{"id", id}}.dump(), ann_)
          .status,
      200);
  ASSERT_EQ(View("share_id=" + id, tom_).status, 403);
  EXPECT_FALSE(Shares()[0]["last_viewed_at"].is_null());
  EXPECT_EQ(Shares()[0]["redeemed_by"], "tom@example.org");

  auto res = server_.Call("GET", "/api/account/export", "", ann_);
  ASSERT_EQ(res.status, 200) << res.body;
  json doc = Body(res);
  for (const json& e : doc["access_log"])
    EXPECT_EQ(e["at"].get<std::string>().back(), 'Z');
  EXPECT_EQ(Story(doc["access_log"]),
            "ann@example.org login-refused wrong-password\n"
            "ann@example.org login \n"
            "ann@example.org share-create entries,notes\n"
            "tom@example.org share-redeem entries,notes\n"
            "tom@example.org share-view entries,notes\n"
            "ann@example.org share-revoke \n"
            "tom@example.org share-refused share-revoked\n");
  EXPECT_EQ(doc["access_log"].dump().find(kSecretNote), std::string::npos);
  // A look for a patient or share Tom holds nothing of is refused alike,
  // and logged as his (it names no one else).
  EXPECT_EQ(Summary(View("patient=eve@example.org", tom_)), "404 not-found");
  EXPECT_EQ(Summary(View("share_id=" + std::string(32, 'a'), tom_)),
            "404 not-found");
  json toms = Body(server_.Call("GET", "/api/account/export", "", tom_));
  int refused = 0;
  for (const json& e : toms["access_log"]) {
    if (e["action"] == "share-refused" && e["detail"] == "not-found") {
      ++refused;
      EXPECT_TRUE(e["subject"].is_null()) << e;
    }
  }
  EXPECT_EQ(refused, 2);
  // The export gives everything else too: account, shares, the journal.
  EXPECT_EQ(doc["account"]["email"], "ann@example.org");
  EXPECT_EQ(doc["shares"].size(), 1u);
  EXPECT_EQ(doc["journal"]["entries"].size(), 1u);
}

TEST_F(ShareServerTest, DeletingAnAccountRemovesItsDataSharesAndGrants) {
  LogAndPush(5);
  const std::string ann_id =
      Body(server_.Call("GET", "/api/account", "", ann_))["user_id"];
  const auto journal_file =
      server_.data_dir() / "users" / (ann_id + ".journal");
  ASSERT_TRUE(std::filesystem::exists(journal_file));
  json share = Share("entries");
  ASSERT_EQ(Redeem(share["code"], tom_).status, 200);
  EXPECT_EQ(
      Summary(server_.Call("POST", "/api/account/delete",
                           json{{"password", "wrong password"}}.dump(), ann_)),
      "401 login-failed");
  EXPECT_EQ(View("patient=ann@example.org", tom_).status, 200);
  EXPECT_EQ(
      Summary(server_.Call("POST", "/api/account/delete",
                           json{{"password", "correct horse"}}.dump(), ann_)),
      "200 ok");
  EXPECT_EQ(Summary(server_.Call("GET", "/api/account", "", ann_)),
            "401 unauthorized");
  EXPECT_EQ(Summary(View("patient=ann@example.org", tom_)), "404 not-found");
  EXPECT_TRUE(
      Body(server_.Call("GET", "/api/shared", "", tom_))["shared"].empty());
  EXPECT_EQ(Summary(server_.Call("POST", "/api/account/login",
                                 json{{"email", "ann@example.org"},
                                      {"password", "correct horse"}}
                                     .dump())),
            "401 login-failed");
  EXPECT_FALSE(std::filesystem::exists(journal_file));
  // The same email starts from nothing.
  std::string again = server_.Signup("ann@example.org");
  auto pull = Body(server_.Call("GET", "/api/sync/pull?after=0", "", again));
  EXPECT_TRUE(pull["changes"].empty());
}

TEST_F(ShareServerTest, ATherapistWhoLeavesStaysInThePatientsRecord) {
  LogAndPush(5);
  json share = Share("entries");
  const std::string id = share["id"];
  ASSERT_EQ(Redeem(share["code"], tom_).status, 200);
  ASSERT_EQ(View("share_id=" + id, tom_).status, 200);
  WsClient ws(server_.port());
  ASSERT_TRUE(ws.ok());
  ws.SendText(json{{"token", tom_}, {"share", id}}.dump());
  ASSERT_EQ(ws.Read(5s), std::optional<std::string>(R"({"type":"ready"})"));

  EXPECT_EQ(
      Summary(server_.Call("POST", "/api/account/delete",
                           json{{"password", "correct horse"}}.dump(), tom_)),
      "200 ok");
  // His watch ends with his account.
  auto ended = ws.Read(5s);
  ASSERT_TRUE(ended.has_value());
  EXPECT_EQ(json::parse(*ended)["type"], "error");
  // Ann's record keeps who held her share and what he did, and says why it
  // ended.
  json shares = Shares();
  ASSERT_EQ(shares.size(), 1u);
  EXPECT_EQ(shares[0]["redeemed_by"], "tom@example.org");
  EXPECT_FALSE(shares[0]["revoked_at"].is_null());
  json doc = Body(server_.Call("GET", "/api/account/export", "", ann_));
  EXPECT_EQ(Story(doc["access_log"]),
            "ann@example.org share-create entries\n"
            "tom@example.org share-redeem entries\n"
            "tom@example.org share-view entries\n"
            "tom@example.org share-revoke account-deleted\n");
  // Nothing of his own is left: he cannot sign in; the email is free.
  EXPECT_EQ(Summary(server_.Call("POST", "/api/account/login",
                                 json{{"email", "tom@example.org"},
                                      {"password", "correct horse"}}
                                     .dump())),
            "401 login-failed");
  const std::string again = server_.Signup("tom@example.org");
  EXPECT_TRUE(
      Body(server_.Call("GET", "/api/shared", "", again))["shared"].empty());
  EXPECT_EQ(Summary(View("share_id=" + id, again)), "404 not-found");
  // When Ann leaves too, nothing names the former Tom any more.
  EXPECT_EQ(
      Summary(server_.Call("POST", "/api/account/delete",
                           json{{"password", "correct horse"}}.dump(), ann_)),
      "200 ok");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((server_.data_dir() / "accounts.db").c_str(), &db),
            SQLITE_OK);
  sqlite3_stmt* q = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT count(*) FROM former_users", -1, &q,
                               nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(q), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(q, 0), 0);
  sqlite3_finalize(q);
  sqlite3_close(db);
}

}  // namespace
}  // namespace unknot::server
