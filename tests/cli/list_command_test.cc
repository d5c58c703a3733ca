// list: local-date bounds, order, deleted entries, JSON.
#include <nlohmann/json.hpp>

#include "cli_runner.h"

namespace unknot::cli_test {
namespace {

using Json = nlohmann::json;

class ListCommandTest : public CliTest {
 protected:
  // The short ids `list` prints, in order.
  std::string ListedIds(std::vector<std::string> options) {
    options.insert(options.begin(), "list");
    CliResult r = RunDb(options);
    EXPECT_EQ(r.exit_code, 0) << r;
    std::string ids;
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) {
      ids += (ids.empty() ? "" : " ") + line.substr(0, 8);
    }
    return ids;
  }
};

TEST_F(ListCommandTest, SinceAndUntilAreInclusiveLocalDates) {
  env_["TZ"] = "EST5";  // UTC-5 all year: local dates differ from UTC ones
  std::string a = Log({"--site", "neck:1", "--at", "2026-03-09T23:59"});
  std::string b = Log({"--site", "neck:2", "--at", "2026-03-10T00:00"});
  // 04:30 UTC on the 11th, but the 10th where it was logged.
  std::string c = Log({"--site", "neck:3", "--at", "2026-03-10T23:30"});
  std::string d = Log({"--site", "neck:4", "--at", "2026-03-11T00:00"});
  auto s = [](const std::string& id) { return id.substr(0, 8); };

  EXPECT_EQ(ListedIds({"--since", "2026-03-10", "--until", "2026-03-10"}),
            s(b) + " " + s(c));
  EXPECT_EQ(ListedIds({"--since=2026-03-11"}), s(d));
  EXPECT_EQ(ListedIds({"--until", "2026-03-09"}), s(a));
  EXPECT_EQ(ListedIds({}), s(a) + " " + s(b) + " " + s(c) + " " + s(d));
  EXPECT_NE(RunDb({"list"}).out.find("2026-03-10 23:30 -05:00"),
            std::string::npos);
}

TEST_F(ListCommandTest, SortedByTimeNotByLogging) {
  std::string late = Log({"--site", "neck:1", "--at", "2026-05-02T08:00"});
  std::string early = Log({"--site", "neck:2", "--at", "2026-05-01T08:00"});
  EXPECT_EQ(ListedIds({}), early.substr(0, 8) + " " + late.substr(0, 8));
}

TEST_F(ListCommandTest, JsonIsSortedAndHidesDeletedUnlessAsked) {
  std::string late = Log({"--site", "neck:1", "--at", "2026-05-02T08:00"});
  std::string gone = Log({"--site", "neck:5", "--at", "2026-05-01T12:00"});
  std::string early = Log({"--site", "neck:2", "--at", "2026-05-01T08:00"});
  ASSERT_EQ(RunDb({"delete", gone}).exit_code, 0);

  Json listed = Json::parse(RunDb({"list", "--json"}).out, nullptr, false);
  ASSERT_TRUE(listed.is_array()) << listed;
  ASSERT_EQ(listed.size(), 2u) << listed;
  EXPECT_EQ(listed[0]["id"], early);
  EXPECT_EQ(listed[1]["id"], late);

  Json all =
      Json::parse(RunDb({"list", "--json", "--deleted"}).out, nullptr, false);
  ASSERT_EQ(all.size(), 3u) << all;
  EXPECT_EQ(all[1]["id"], gone);
  EXPECT_EQ(all[1]["deleted"], true) << all[1];
}

TEST_F(ListCommandTest, EmptyJournalListsNothing) {
  EXPECT_EQ(RunDb({"list"}).out, "");
  EXPECT_EQ(Json::parse(RunDb({"list", "--json"}).out, nullptr, false),
            Json::array());
}

TEST_F(ListCommandTest, InvalidDateIsRefused) {
  CliResult r = RunDb({"list", "--since", "10/03/2026"});
  EXPECT_EQ(r.exit_code, 1) << r;
  EXPECT_EQ(r.ErrFirstLine().rfind("error: invalid-date: ", 0), 0u) << r;
}

}  // namespace
}  // namespace unknot::cli_test
