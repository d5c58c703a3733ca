// The built-in routine library as data (RED_FLAGS.md "Routine doses", the
// seed's self-care advice). Ids are stored in journals: never rename or
// reuse one; to retire a routine keep its row and bump
// kRoutineLibraryVersion. Doses come from the named constants below, so the
// library test can check every step against the clinical doc.
#include <algorithm>
#include <utility>

#include "routines/routine_tuning.h"
#include "unknot/routines.h"
#include "unknot/vocabulary.h"

namespace unknot {
namespace {

using K = RoutineKind;

constexpr const char* kStretchSource =
    "seed (hold 30 s, repeat 3-5 times); Bandy 1997 (30 s as good as 60 s); "
    "ACSM (30-60 s holds for people 65+)";
constexpr const char* kRollingSource =
    "seed (go slowly, avoid bones and joints); Lu 2022 meta-analysis "
    "(pressure raises tolerance, comfort care)";
constexpr const char* kHeatSource =
    "seed (heating pad or warm bath); RED_FLAGS.md (15-20 min; never while "
    "asleep, never on numb skin)";
constexpr const char* kMassageSource =
    "seed (kneading, rubbing, pressing; fingers, a ball or a tool); Lu 2022";
constexpr const char* kPostureSource =
    "seed (posture checks through the day, breaks from sitting)";
constexpr const char* kMindBodySource =
    "seed (deep breathing, progressive muscle relaxation, mindfulness, "
    "gentle yoga)";

// An untimed instruction.
RoutineStep Say(std::string text) {
  RoutineStep s;
  s.text = std::move(text);
  return s;
}

// A stretch hold: 30 s, 3-5 reps, 60 s offered to people 65+.
RoutineStep Hold(std::string text, bool per_side = true) {
  RoutineStep s;
  s.text = std::move(text);
  s.seconds = kStretchHoldSeconds;
  s.seconds_65_plus = kStretchHoldSeconds65Plus;
  s.reps = kStretchMinReps;
  s.max_reps = kStretchMaxReps;
  s.rest_seconds = kStretchRestSeconds;
  s.per_side = per_side;
  return s;
}

// A timed step done once (or `reps` times).
RoutineStep Timed(std::string text, int seconds, int reps = 1,
                  bool per_side = false) {
  RoutineStep s;
  s.text = std::move(text);
  s.seconds = seconds;
  s.reps = reps;
  s.per_side = per_side;
  return s;
}

// Heat: 15-20 min.
RoutineStep Heat(std::string text) {
  RoutineStep s;
  s.text = std::move(text);
  s.seconds = kHeatMinSeconds;
  s.max_seconds = kHeatMaxSeconds;
  return s;
}

Routine Make(const char* id, const char* title, RoutineKind kind,
             std::vector<std::string> targets, std::vector<RoutineStep> steps,
             std::vector<std::string> extra_safety, const char* source) {
  Routine r;
  r.id = id;
  r.title = title;
  r.kind = kind;
  r.targets = std::move(targets);
  r.steps = std::move(steps);
  r.safety = KindSafetyNotes(kind);
  for (std::string& note : extra_safety) r.safety.push_back(std::move(note));
  r.source = source;
  return r;
}

std::vector<Routine> Stretches() {
  return {
      Make("stretch_upper_trapezius", "Upper trapezius stretch", K::kStretch,
           {"upper_trapezius"},
           {Say("Sit tall with your shoulders relaxed; hold the side of the "
                "seat with one hand."),
            Hold("Tilt your ear toward the other shoulder until you feel a "
                 "gentle stretch along the side of the neck. Breathe and "
                 "hold.")},
           {}, kStretchSource),
      Make("stretch_levator_scapulae", "Levator scapulae stretch", K::kStretch,
           {"levator_scapulae"},
           {Say("Sit tall; hold the seat with one hand."),
            Hold("Turn your nose toward the other armpit and let your head "
                 "drop gently forward until you feel a stretch at the back "
                 "of the neck.")},
           {}, kStretchSource),
      Make("stretch_neck_chin_tuck", "Chin tuck (back of the neck)",
           K::kStretch, {"suboccipitals", "splenius_capitis"},
           {Say("Sit or stand tall, looking straight ahead."),
            Hold("Draw your chin straight back, as if making a double chin, "
                 "until you feel a stretch at the base of the skull.",
                 false)},
           {}, kStretchSource),
      Make("stretch_pecs_doorway", "Doorway chest stretch", K::kStretch,
           {"pectoralis_major", "pectoralis_minor"},
           {Say("Stand in a doorway, forearm on the frame, elbow at shoulder "
                "height."),
            Hold("Step forward gently until you feel a stretch across the "
                 "front of the chest and shoulder.")},
           {"Stop if you feel tingling in the arm or hand."}, kStretchSource),
      Make("stretch_upper_back", "Upper back stretch (rhomboids)", K::kStretch,
           {"rhomboids", "middle_trapezius"},
           {Say("Sit or stand; clasp your hands in front of you at chest "
                "height."),
            Hold("Push your hands forward and round your upper back, letting "
                 "your shoulder blades spread apart.",
                 false)},
           {}, kStretchSource),
      Make("stretch_lower_back_knees_to_chest", "Knees to chest (lower back)",
           K::kStretch, {"erector_spinae", "multifidus"},
           {Say("Lie on your back with your knees bent."),
            Hold("Bring both knees toward your chest, holding behind the "
                 "thighs, until you feel a gentle stretch in the lower back.",
                 false)},
           {}, kStretchSource),
      Make("stretch_quadratus_lumborum", "Side bend (quadratus lumborum)",
           K::kStretch, {"quadratus_lumborum"},
           {Say("Stand with your feet hip-width apart, one hand on your hip."),
            Hold("Reach the other arm over your head and lean gently to the "
                 "side until you feel a stretch along your flank.")},
           {}, kStretchSource),
      Make("stretch_piriformis", "Figure-four stretch (glutes, piriformis)",
           K::kStretch, {"piriformis", "gluteus_maximus", "gluteus_medius"},
           {Say("Lie on your back, knees bent; cross one ankle over the "
                "other knee."),
            Hold("Pull the lower thigh gently toward you until you feel a "
                 "stretch deep in the buttock.")},
           {"Stop if pain shoots down the leg."}, kStretchSource),
      Make("stretch_hip_flexor", "Kneeling hip flexor stretch", K::kStretch,
           {"iliopsoas", "tensor_fasciae_latae"},
           {Say("Kneel on one knee (on a cushion), the other foot in front."),
            Hold("Tuck your pelvis under and shift forward until you feel a "
                 "stretch at the front of the hip.")},
           {}, kStretchSource),
      Make("stretch_hamstrings", "Seated hamstring stretch", K::kStretch,
           {"hamstrings"},
           {Say("Sit on the edge of a chair, one leg straight, heel on the "
                "floor."),
            Hold("Lean forward from the hips with a straight back until you "
                 "feel a stretch behind the thigh.")},
           {}, kStretchSource),
      Make("stretch_calf", "Wall calf stretch", K::kStretch,
           {"gastrocnemius", "soleus"},
           {Say("Face a wall, hands on it, one foot back with the heel down."),
            Hold("Lean into the wall, back knee straight, until you feel a "
                 "stretch in the calf.")},
           {"A swollen, warm or red calf is not a knot: do not stretch or "
            "press it; get seen today."},
           kStretchSource),
      Make("stretch_forearm", "Forearm stretch", K::kStretch,
           {"forearm_extensors", "forearm_flexors"},
           {Hold("Arm straight in front, palm down: gently bend the wrist "
                 "down with the other hand."),
            Hold("Palm up: gently bend the wrist back with the other hand.")},
           {}, kStretchSource),
  };
}

std::vector<Routine> Rolling() {
  return {
      Make("foam_roll_upper_back", "Foam roll the upper back", K::kFoamRolling,
           {"thoracic_paraspinals", "rhomboids"},
           {Say("Lie on the roller across your upper back, hands supporting "
                "your head, hips on the floor."),
            Timed("Roll slowly between the shoulder blades; pause on a tender "
                  "spot and breathe.",
                  kRollingSeconds, 2)},
           {"Keep it off the neck and the lower back."}, kRollingSource),
      Make("foam_roll_glutes", "Foam roll the glutes", K::kFoamRolling,
           {"gluteus_maximus", "gluteus_medius", "piriformis"},
           {Say("Sit on the roller, cross one ankle over the other knee and "
                "lean toward that side."),
            Timed("Roll slowly over the buttock muscle, not the hip bone.",
                  kRollingSeconds, 1, true)},
           {}, kRollingSource),
      Make("foam_roll_thighs", "Foam roll the thighs", K::kFoamRolling,
           {"quadriceps", "tensor_fasciae_latae", "hamstrings"},
           {Say("Lie face down with the roller under the front of your "
                "thighs."),
            Timed("Roll slowly from above the knee to below the hip, never "
                  "over the kneecap.",
                  kRollingSeconds, 1, true)},
           {"Never on a swollen, warm or red leg."}, kRollingSource),
  };
}

std::vector<Routine> HeatRoutines() {
  return {
      Make("heat_neck_shoulders", "Heat for the neck and shoulders", K::kHeat,
           {"neck", "shoulders"},
           {Say("Warm a heating pad or wheat bag to comfortably warm (never "
                "hot)."),
            Heat("Rest it over the neck and shoulders, sitting or lying "
                 "comfortably.")},
           {}, kHeatSource),
      Make("heat_lower_back", "Heat for the lower back", K::kHeat,
           {"lower_back"},
           {Say("Warm a heating pad to comfortably warm (never hot)."),
            Heat("Lie or sit with it against the lower back.")},
           {}, kHeatSource),
      Make("heat_warm_bath", "Warm bath", K::kHeat, {},
           {Say("Run a warm (not hot) bath."),
            Heat("Soak and let the muscles loosen; breathe slowly.")},
           {"Get out if you feel faint or dizzy."}, kHeatSource),
  };
}

std::vector<Routine> Massage() {
  return {
      Make("self_massage_neck_shoulders", "Self-massage: neck and shoulders",
           K::kSelfMassage, {"upper_trapezius", "levator_scapulae"},
           {Timed("Knead the muscle between the neck and the shoulder with "
                  "the fingers of the other hand.",
                  kMassageSeconds, 1, true),
            Timed("Press a tender spot with two fingers, firmly but "
                  "comfortably, and hold while breathing out.",
                  kPressSeconds, 3, true)},
           {"Stay off the front of the neck."}, kMassageSource),
      Make("massage_ball_upper_back", "Massage ball: upper back",
           K::kSelfMassage, {"rhomboids", "middle_trapezius", "infraspinatus"},
           {Say("Stand with your back to a wall, a massage ball between the "
                "wall and the muscle beside your shoulder blade."),
            Timed("Lean into the ball and roll it slowly over the muscle.",
                  kMassageSeconds, 1, true),
            Timed("Rest on a tender spot with steady pressure and breathe.",
                  kPressSeconds, 3, true)},
           {"Keep the ball beside the spine and the shoulder blade, not on "
            "them."},
           kMassageSource),
      Make("massage_ball_glutes", "Massage ball: glutes", K::kSelfMassage,
           {"gluteus_medius", "piriformis"},
           {Say("Sit on the floor or lie with a ball under one buttock."),
            Timed("Roll slowly over the muscle; rest on a tender spot.",
                  kMassageSeconds, 1, true)},
           {"Stop if pain or tingling runs down the leg."}, kMassageSource),
      Make("self_massage_jaw", "Self-massage: jaw and temples", K::kSelfMassage,
           {"masseter", "temporalis"},
           {Timed("With your teeth apart, rub small circles on the jaw muscle "
                  "in front of the ear.",
                  kMassageSeconds, 1, true),
            Timed("Rub small circles on the temples.", kMassageSeconds)},
           {"New jaw pain when chewing or a tender scalp after 50 needs a "
            "doctor today (red-flag check)."},
           kMassageSource),
  };
}

std::vector<Routine> Posture() {
  return {
      Make("posture_check", "Posture check", K::kPostureCheck,
           {"neck", "shoulders", "upper_back", "lower_back"},
           {Say("Feet flat, hips back in the chair, screen at eye level."),
            Timed("Roll your shoulders back and down, then let them rest.",
                  kPostureStepSeconds),
            Timed("Lengthen the back of your neck: chin slightly in, "
                  "crown up.",
                  kPostureStepSeconds),
            Say("Unclench your jaw and breathe out slowly.")},
           {}, kPostureSource),
      Make("movement_break", "Movement break", K::kPostureCheck, {},
           {Say("Stand up from your desk or sofa."),
            Timed("Walk around, swing your arms gently, look into the "
                  "distance.",
                  kMovementBreakSeconds)},
           {}, kPostureSource),
  };
}

std::vector<Routine> MindBody() {
  return {
      Make("deep_breathing", "Deep breathing", K::kMindBody, {},
           {Say("Sit or lie comfortably; one hand on your belly."),
            Timed("Breathe in through the nose for 4, let the belly rise; "
                  "breathe out slowly for 6.",
                  kBreathingSeconds)},
           {}, kMindBodySource),
      Make("progressive_muscle_relaxation", "Progressive muscle relaxation",
           K::kMindBody, {},
           {Say("Lie or sit comfortably and close your eyes."),
            Timed("Feet and legs: tense gently for 5 s, then let go and feel "
                  "the difference.",
                  kRelaxGroupSeconds),
            Timed("Belly, back and hands: tense gently, then let go.",
                  kRelaxGroupSeconds),
            Timed("Shoulders, neck and face: tense gently, then let go.",
                  kRelaxGroupSeconds),
            Timed("Rest and breathe; notice how your body feels.",
                  kRelaxGroupSeconds)},
           {"Tense gently: never to the point of pain or cramp."},
           kMindBodySource),
      Make("mindfulness_body_scan", "Mindfulness: body scan", K::kMindBody, {},
           {Say("Sit or lie comfortably; let your breathing settle."),
            Timed("Move your attention slowly from the toes to the head; "
                  "notice each area without judging it.",
                  kBodyScanSeconds)},
           {}, kMindBodySource),
      Make("gentle_yoga", "Gentle yoga", K::kMindBody,
           {"upper_back", "lower_back", "hips"},
           {Timed("Cat-cow on hands and knees: round, then gently arch the "
                  "back with the breath.",
                  kYogaPoseSeconds),
            Timed("Child's pose: sit back on your heels, arms forward, and "
                  "breathe.",
                  kYogaPoseSeconds),
            Timed("Lying twist: knees bent, let them fall to one side, then "
                  "the other.",
                  kYogaPoseSeconds, 1, true)},
           {"Move slowly and only as far as is comfortable."}, kMindBodySource),
  };
}

std::vector<Routine>* BuildLibrary() {
  auto* all = new std::vector<Routine>();
  for (auto group : {Stretches(), Rolling(), HeatRoutines(), Massage(),
                     Posture(), MindBody()}) {
    for (Routine& r : group) all->push_back(std::move(r));
  }
  return all;
}

}  // namespace

std::vector<std::string> KindSafetyNotes(RoutineKind kind) {
  // RED_FLAGS.md disclaimer 3, on every routine.
  std::vector<std::string> notes = {
      "Stop any exercise or self-massage that causes sharp, spreading or "
      "worsening pain, numbness or dizziness."};
  switch (kind) {
    case K::kStretch:
      notes.push_back(
          "Stretch to a gentle pull, never into pain, and don't bounce.");
      break;
    case K::kFoamRolling:
      notes.push_back(
          "Roll slowly, on muscle only: never on bones, joints, or a "
          "swollen leg.");
      notes.push_back(
          "Pressure is comfort care: it eases tightness but may not lower "
          "pain.");
      break;
    case K::kHeat:
      notes.push_back(
          "15-20 minutes at a time, comfortably warm. Never while asleep, "
          "never on numb skin.");
      break;
    case K::kSelfMassage:
      notes.push_back(
          "Firm but comfortable pressure, on muscle only: never on bones, "
          "joints, or a swollen leg.");
      break;
    case K::kPostureCheck:
      notes.push_back("Move gently; small changes through the day add up.");
      break;
    case K::kMindBody:
      notes.push_back(
          "If you feel dizzy or light-headed, breathe normally and rest.");
      break;
  }
  return notes;
}

const std::vector<Routine>& RoutineLibrary() {
  static const std::vector<Routine>* library = BuildLibrary();
  return *library;
}

const Routine* FindLibraryRoutine(std::string_view id) {
  for (const Routine& r : RoutineLibrary()) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

std::vector<std::string> RoutineAreas(const Routine& routine) {
  std::vector<std::string> areas;
  for (const std::string& target : routine.targets) {
    const BodySite* site = Vocabulary::Get().FindSite(target);
    if (site != nullptr) areas.emplace_back(site->area);
  }
  std::sort(areas.begin(), areas.end());
  areas.erase(std::unique(areas.begin(), areas.end()), areas.end());
  return areas;
}

}  // namespace unknot
