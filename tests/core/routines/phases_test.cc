// A routine's dose unrolled into the phases a guided player counts down:
// holds per rep and side, rests between reps (none after the last), untimed
// steps, and which end of a range the dose plays.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "unknot/routines.h"

namespace unknot {
namespace {

// "hold 30 L 1/3", "rest 10 L 1/3", ...; a "|" after a step's last phase.
std::string Story(const std::vector<RoutinePhase>& phases) {
  static const char* kKinds[] = {"hold", "rest", "untimed"};
  std::string out;
  for (const RoutinePhase& p : phases) {
    if (!out.empty()) out += ", ";
    out += std::to_string(p.step) + ":" + kKinds[static_cast<int>(p.kind)] +
           " " + std::to_string(p.seconds) +
           (p.side == PhaseSide::kLeft    ? " L"
            : p.side == PhaseSide::kRight ? " R"
                                          : "") +
           " " + std::to_string(p.rep) + "/" + std::to_string(p.reps) +
           (p.last_of_step ? " |" : "");
  }
  return out;
}

RoutineStep Step(int seconds, int reps, int rest, bool per_side = false) {
  RoutineStep s;
  s.text = "x";
  s.seconds = seconds;
  s.reps = reps;
  s.rest_seconds = rest;
  s.per_side = per_side;
  return s;
}

TEST(RoutinePhasesTest, HoldsPerRepAndSideWithRestsBetween) {
  EXPECT_EQ(Story(RoutinePhases({Step(0, 1, 0), Step(30, 2, 10, true)}, {})),
            "0:untimed 0 1/1 |, "
            "1:hold 30 L 1/2, 1:rest 10 L 1/2, 1:hold 30 L 2/2, "
            "1:rest 10 L 2/2, 1:hold 30 R 1/2, 1:rest 10 R 1/2, "
            "1:hold 30 R 2/2 |");
  EXPECT_EQ(Story(RoutinePhases({Step(20, 2, 0), Step(5, 1, 5)}, {})),
            "0:hold 20 1/2, 0:hold 20 2/2 |, 1:hold 5 1/1 |");
}

TEST(RoutinePhasesTest, TheDoseChoosesTheEndOfEachRange) {
  RoutineStep s = Step(30, 3, 10);
  s.max_reps = 5;
  s.max_seconds = 45;
  s.seconds_65_plus = 60;
  auto holds = [&](RoutineDose dose) {
    int n = 0, seconds = 0;
    for (const RoutinePhase& p : RoutinePhases({s}, dose)) {
      if (p.kind != PhaseKind::kHold) continue;
      ++n;
      seconds = p.seconds;
    }
    return std::to_string(n) + "x" + std::to_string(seconds);
  };
  EXPECT_EQ(holds({}), "3x30");
  EXPECT_EQ(holds({false, true}), "5x45");
  EXPECT_EQ(holds({true, false}), "3x60");
  EXPECT_EQ(holds({true, true}), "5x60");  // the longer hold wins
}

TEST(RoutinePhasesTest, TheLibrarysCalfStretchAndItsJson) {
  const Routine* calf = FindLibraryRoutine("stretch_calf");
  ASSERT_NE(calf, nullptr);
  const auto phases = RoutinePhases(calf->steps, {});
  ASSERT_FALSE(phases.empty());
  EXPECT_TRUE(phases.back().last_of_step);
  const std::string json = RoutinePhasesToJson({phases.back()});
  EXPECT_NE(json.find("\"kind\":\"hold\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"side\":\"right\""), std::string::npos) << json;
  EXPECT_EQ(RoutinePhasesToJson({}), "[]");
}

}  // namespace
}  // namespace unknot
