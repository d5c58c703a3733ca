// `unknot insights` through the real binary: words, JSON, no claim from too
// little data.
#include <nlohmann/json.hpp>

#include "cli_runner.h"

namespace unknot::cli_test {
namespace {

class InsightsCommandTest : public CliTest {};

TEST_F(InsightsCommandTest, SaysNotEnoughDataAndPrintsTheJsonShape) {
  Log({"--site", "neck:6", "--at", "2026-11-20T09:00", "--trigger",
       "long_sitting", "--helped", "heat"});
  Log({"--site", "neck:3", "--at", "2026-11-20T15:00"});
  ASSERT_EQ(
      RunDb({"session", "--routine", "heat_neck_shoulders", "--at",
             "2026-11-21T08:00", "--pain-before", "5", "--pain-after", "3"})
          .exit_code,
      0);
  CliResult r = RunDb({"insights", "--at", "2026-11-25T12:00"});
  ASSERT_EQ(r.exit_code, 0) << r;
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')),
            "period: 2026-11-20 to 2026-11-25 (2 entries on 1 days, 1 "
            "sessions)");
  EXPECT_NE(r.out.find("  overall: not enough data (0 / 1 days)\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  long_sitting: 6.0 vs 0.0 on 1 / 0 days, not "
                       "enough data\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  heat_neck_shoulders: -2.0 over 1, not enough data\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  heat: -3.0 over 1, not enough data\n"),
            std::string::npos)
      << r.out;

  CliResult j = RunDb({"insights", "--since", "2026-11-01", "--at",
                       "2026-11-25T12:00", "--json"});
  ASSERT_EQ(j.exit_code, 0) << j;
  nlohmann::json in = nlohmann::json::parse(j.out);
  EXPECT_EQ(in["from"], "2026-11-01");
  EXPECT_EQ(in["entries"], 2);
  EXPECT_EQ(in["sessions"], 1);
  EXPECT_EQ(in["routines"][0]["verdict"], "not_enough_data");
  EXPECT_TRUE(in["routines"][0]["ci95"].is_null());
  EXPECT_EQ(in["sites"][0]["name"], "neck");
  EXPECT_EQ(in["sites"][0]["max_intensity"], 6);
  EXPECT_EQ(RunDb({"insights", "--since", "yesterday"}).exit_code, 1);
}

}  // namespace
}  // namespace unknot::cli_test
