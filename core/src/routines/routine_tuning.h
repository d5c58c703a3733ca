// The doses of the built-in routines and the thresholds of adherence, in one
// place (RED_FLAGS.md "Routine doses"; docs/routines.md). Changing a dose
// means bumping kRoutineLibraryVersion.
#ifndef UNKNOT_ROUTINES_ROUTINE_TUNING_H_
#define UNKNOT_ROUTINES_ROUTINE_TUNING_H_

namespace unknot {

// Stretch: hold 30 s, 3-5 reps (seed; Bandy 1997); 30-60 s holds for 65+
// (ACSM) — the library offers the long end.
constexpr int kStretchHoldSeconds = 30;
constexpr int kStretchHoldSeconds65Plus = 60;
constexpr int kStretchMinReps = 3;
constexpr int kStretchMaxReps = 5;
constexpr int kStretchRestSeconds = 10;

// Heat: 15-20 min.
constexpr int kHeatMinSeconds = 15 * 60;
constexpr int kHeatMaxSeconds = 20 * 60;

// Pressure work is comfort care: short, slow passes.
constexpr int kRollingSeconds = 60;
constexpr int kMassageSeconds = 60;
constexpr int kPressSeconds = 30;

constexpr int kPostureStepSeconds = 10;
constexpr int kMovementBreakSeconds = 120;
constexpr int kBreathingSeconds = 4 * 60;
constexpr int kRelaxGroupSeconds = 60;
constexpr int kBodyScanSeconds = 8 * 60;
constexpr int kYogaPoseSeconds = 60;

}  // namespace unknot

#endif  // UNKNOT_ROUTINES_ROUTINE_TUNING_H_
