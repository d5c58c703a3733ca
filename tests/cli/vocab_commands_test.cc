// vocab and trigger.
#include <nlohmann/json.hpp>
#include <set>

#include "cli_runner.h"

namespace unknot::cli_test {
namespace {

using Json = nlohmann::json;

class VocabCommandsTest : public CliTest {
 protected:
  Json VocabJson(std::vector<std::string> args) {
    args.insert(args.begin(), "vocab");
    args.push_back("--json");
    CliResult r = RunDb(args);
    EXPECT_EQ(r.exit_code, 0) << r;
    return Json::parse(r.out, nullptr, false);
  }
};

TEST_F(VocabCommandsTest, SitesJsonShape) {
  Json sites = VocabJson({"sites"});
  ASSERT_TRUE(sites.is_array()) << sites;
  std::set<std::string> areas;
  for (const Json& site : sites) {
    if (site["parent"].is_null()) areas.insert(site["id"]);
  }
  bool saw_trapezius = false;
  for (const Json& site : sites) {
    for (const char* key : {"id", "label", "area", "parent"}) {
      EXPECT_TRUE(site.contains(key)) << key << " in " << site;
    }
    EXPECT_EQ(site["kind"], "site");
    EXPECT_TRUE(site["label"].is_string() && !site["label"].empty()) << site;
    if (site["parent"].is_null()) {
      EXPECT_EQ(site["area"], site["id"]) << site;  // an area
    } else {
      EXPECT_EQ(site["parent"], site["area"]) << site;  // a muscle
      EXPECT_TRUE(areas.count(site["parent"])) << site;
    }
    if (site["id"] == "upper_trapezius") {
      saw_trapezius = true;
      EXPECT_FALSE(site["parent"].is_null());
    }
  }
  EXPECT_TRUE(saw_trapezius);
  EXPECT_TRUE(areas.count("neck"));
}

TEST_F(VocabCommandsTest, AllKindsWithoutAnArgument) {
  std::set<std::string> kinds;
  for (const Json& item : VocabJson({})) kinds.insert(item["kind"]);
  EXPECT_EQ(kinds,
            (std::set<std::string>{"site", "quality", "trigger", "helped"}));
}

TEST_F(VocabCommandsTest, HumanFormIsAlignedColumns) {
  CliResult r = RunDb({"vocab", "qualities"});
  ASSERT_EQ(r.exit_code, 0) << r;
  std::istringstream lines(r.out);
  std::string header;
  std::getline(lines, header);
  ASSERT_EQ(header.rfind("ID", 0), 0u) << r.out;
  size_t label_column = header.find("LABEL");
  ASSERT_NE(label_column, std::string::npos);
  int rows = 0;
  for (std::string line; std::getline(lines, line); ++rows) {
    EXPECT_EQ(line[label_column - 1], ' ') << line;
    EXPECT_NE(line[label_column], ' ') << line;
  }
  EXPECT_GT(rows, 0);
}

TEST_F(VocabCommandsTest, VocabDoesNotCreateAJournal) {
  CliResult r = Run({"vocab", "triggers"});
  ASSERT_EQ(r.exit_code, 0) << r;
  EXPECT_FALSE(fs::exists(dir_ / "home/.local"));
  EXPECT_EQ(RunDb({"vocab", "triggers", "--json"}).exit_code, 0);
  EXPECT_FALSE(fs::exists(db_));
}

TEST_F(VocabCommandsTest, CustomTriggers) {
  CliResult added = RunDb({"trigger", "add", "Cold weather"});
  ASSERT_EQ(added.exit_code, 0) << added;
  std::string id = added.OutLine();
  EXPECT_EQ(id.rfind("custom_", 0), 0u) << id;
  EXPECT_EQ(RunDb({"trigger", "add", "Cold weather"}).OutLine(), id);

  Json listed = Json::parse(RunDb({"trigger", "list", "--json"}).out);
  EXPECT_EQ(listed, Json::parse(R"([{"id": ")" + id +
                                R"(", "label": "Cold weather"}])"));
  EXPECT_NE(RunDb({"trigger", "list"}).out.find("Cold weather"),
            std::string::npos);

  bool in_vocab = false;
  for (const Json& item : VocabJson({"triggers"})) {
    if (item["id"] == id) {
      in_vocab = true;
      EXPECT_EQ(item["group"], "custom") << item;
    }
  }
  EXPECT_TRUE(in_vocab);
  CliResult log = RunDb({"log", "--site", "neck:3", "--trigger", id});
  EXPECT_EQ(log.exit_code, 0) << log;
}

TEST_F(VocabCommandsTest, UnknownTriggerIsRefused) {
  CliResult r = RunDb({"log", "--site", "neck:3", "--trigger", "moon_phase"});
  EXPECT_EQ(r.exit_code, 1) << r;
  EXPECT_EQ(r.ErrFirstLine().rfind("error: unknown-trigger: ", 0), 0u) << r;
}

TEST_F(VocabCommandsTest, UsageErrors) {
  EXPECT_EQ(RunDb({"vocab", "muscles"}).exit_code, 2);
  EXPECT_EQ(RunDb({"trigger"}).exit_code, 2);
  EXPECT_EQ(RunDb({"trigger", "add"}).exit_code, 2);
  EXPECT_EQ(RunDb({"trigger", "remove", "x"}).exit_code, 2);
}

}  // namespace
}  // namespace unknot::cli_test
