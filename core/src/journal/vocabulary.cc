// The built-in vocabulary as data. Ids are stored in journals and exports:
// never rename or reuse one. To retire an id, keep its row readable and bump
// kVersion; to add one, append a row and bump kVersion.
#include "unknot/vocabulary.h"

#include <iterator>
#include <unordered_map>

namespace unknot {

namespace {

constexpr std::string_view kVersion = "2026.1";

constexpr BodyView kFront = BodyView::kFront;
constexpr BodyView kBack = BodyView::kBack;
constexpr BodyView kBoth = BodyView::kBoth;

// Areas first, then the muscles of each area, in body-map order (head down).
// Columns: id, label, area, parent ("" for an area), view.
constexpr BodySite kSites[] = {
    {"head_jaw", "Head and jaw", "head_jaw", "", kBoth},
    {"neck", "Neck", "neck", "", kBoth},
    {"shoulders", "Shoulders", "shoulders", "", kBoth},
    {"upper_back", "Upper back", "upper_back", "", kBack},
    {"chest", "Chest", "chest", "", kFront},
    {"lower_back", "Lower back", "lower_back", "", kBack},
    {"arms", "Arms", "arms", "", kBoth},
    {"hips", "Hips", "hips", "", kBoth},
    {"legs", "Legs", "legs", "", kBoth},

    {"temporalis", "Temporalis", "head_jaw", "head_jaw", kFront},
    {"masseter", "Masseter", "head_jaw", "head_jaw", kFront},

    {"suboccipitals", "Suboccipitals", "neck", "neck", kBack},
    {"splenius_capitis", "Splenius capitis", "neck", "neck", kBack},
    {"levator_scapulae", "Levator scapulae", "neck", "neck", kBack},
    {"sternocleidomastoid", "Sternocleidomastoid", "neck", "neck", kFront},
    {"scalenes", "Scalenes", "neck", "neck", kFront},

    {"upper_trapezius", "Upper trapezius", "shoulders", "shoulders", kBack},
    {"supraspinatus", "Supraspinatus", "shoulders", "shoulders", kBack},
    {"infraspinatus", "Infraspinatus", "shoulders", "shoulders", kBack},
    {"teres_minor", "Teres minor", "shoulders", "shoulders", kBack},
    {"subscapularis", "Subscapularis", "shoulders", "shoulders", kBack},
    {"deltoid", "Deltoid", "shoulders", "shoulders", kFront},

    {"rhomboids", "Rhomboids", "upper_back", "upper_back", kBack},
    {"middle_trapezius", "Middle trapezius", "upper_back", "upper_back", kBack},
    {"lower_trapezius", "Lower trapezius", "upper_back", "upper_back", kBack},
    {"thoracic_paraspinals", "Thoracic paraspinals", "upper_back", "upper_back",
     kBack},
    {"serratus_posterior_superior", "Serratus posterior superior", "upper_back",
     "upper_back", kBack},

    {"pectoralis_major", "Pectoralis major", "chest", "chest", kFront},
    {"pectoralis_minor", "Pectoralis minor", "chest", "chest", kFront},
    {"serratus_anterior", "Serratus anterior", "chest", "chest", kFront},

    {"erector_spinae", "Erector spinae", "lower_back", "lower_back", kBack},
    {"quadratus_lumborum", "Quadratus lumborum", "lower_back", "lower_back",
     kBack},
    {"multifidus", "Multifidus", "lower_back", "lower_back", kBack},

    {"biceps", "Biceps", "arms", "arms", kFront},
    {"triceps", "Triceps", "arms", "arms", kBack},
    {"forearm_extensors", "Forearm extensors", "arms", "arms", kBack},
    {"forearm_flexors", "Forearm flexors", "arms", "arms", kFront},

    {"gluteus_maximus", "Gluteus maximus", "hips", "hips", kBack},
    {"gluteus_medius", "Gluteus medius", "hips", "hips", kBack},
    {"gluteus_minimus", "Gluteus minimus", "hips", "hips", kBack},
    {"piriformis", "Piriformis", "hips", "hips", kBack},
    {"tensor_fasciae_latae", "Tensor fasciae latae", "hips", "hips", kFront},
    {"iliopsoas", "Iliopsoas", "hips", "hips", kFront},

    {"quadriceps", "Quadriceps", "legs", "legs", kFront},
    {"hamstrings", "Hamstrings", "legs", "legs", kBack},
    {"adductors", "Adductors (inner thigh)", "legs", "legs", kFront},
    {"gastrocnemius", "Gastrocnemius (calf)", "legs", "legs", kBack},
    {"soleus", "Soleus (deep calf)", "legs", "legs", kBack},
    {"tibialis_anterior", "Tibialis anterior (shin)", "legs", "legs", kFront},
};

// Numbness is deliberately absent: it can be a sign of nerve involvement and
// belongs to triage (red flags), not to the description of a knot.
constexpr VocabularyTerm kQualities[] = {
    {"aching", "Aching", ""},       {"burning", "Burning", ""},
    {"sharp", "Sharp", ""},         {"stabbing", "Stabbing", ""},
    {"throbbing", "Throbbing", ""}, {"tight", "Tight", ""},
    {"stiff", "Stiff", ""},         {"tender", "Tender to touch", ""},
    {"dull", "Dull", ""},           {"tingling", "Tingling", ""},
    {"radiating", "Radiating", ""}, {"shooting", "Shooting", ""},
    {"cramping", "Cramping", ""},
};

constexpr VocabularyTerm kTriggers[] = {
    {"poor_posture", "Poor posture", "physical"},
    {"repetitive_motion", "Repetitive motion", "physical"},
    {"injury", "Injury or strain", "physical"},
    {"heavy_lifting", "Heavy lifting", "physical"},
    {"new_exercise", "New or changed exercise", "physical"},
    {"overexertion", "Overexertion", "physical"},
    {"cold_or_draft", "Cold or draft", "physical"},
    {"weather_change", "Weather change", "physical"},
    {"long_sitting", "Long sitting", "lifestyle"},
    {"inactivity", "Inactivity", "lifestyle"},
    {"screen_time", "Screen time", "lifestyle"},
    {"driving", "Driving", "lifestyle"},
    {"poor_sleep", "Poor sleep", "lifestyle"},
    {"dehydration", "Dehydration", "lifestyle"},
    {"stress", "Stress", "emotional"},
    {"anxiety", "Anxiety", "emotional"},
};

constexpr VocabularyTerm kHelped[] = {
    {"stretching", "Stretching", "self_care"},
    {"foam_rolling", "Foam rolling", "self_care"},
    {"heat", "Heat", "self_care"},
    {"self_massage", "Self-massage", "self_care"},
    {"massage_ball", "Massage ball", "self_care"},
    {"massage_tool", "Massage tool", "self_care"},
    {"posture_check", "Posture check", "self_care"},
    {"movement_break", "Movement break", "self_care"},
    {"walking", "Walking", "self_care"},
    {"exercise", "Exercise", "self_care"},
    {"rest", "Rest", "self_care"},
    {"ice", "Ice", "self_care"},
    {"deep_breathing", "Deep breathing", "mind_body"},
    {"progressive_muscle_relaxation", "Progressive muscle relaxation",
     "mind_body"},
    {"mindfulness", "Mindfulness", "mind_body"},
    {"gentle_yoga", "Gentle yoga", "mind_body"},
    {"physical_therapy", "Physical therapy", "professional"},
    {"massage_therapy", "Massage therapy", "professional"},
    {"trigger_point_injection", "Trigger point injection", "professional"},
    {"dry_needling", "Dry needling", "professional"},
    {"cognitive_behavioral_therapy", "Cognitive behavioral therapy",
     "professional"},
    {"medication", "Medicine (recorded, not advice)", "other"},
};

template <typename T>
using IdIndex = std::unordered_map<std::string_view, const T*>;

template <typename T>
IdIndex<T> MakeIndex(const std::vector<T>& rows) {
  IdIndex<T> index;
  index.reserve(rows.size());
  for (const T& row : rows) index.emplace(row.id, &row);
  return index;
}

template <typename T>
const T* Lookup(const IdIndex<T>& index, std::string_view id) {
  const auto it = index.find(id);
  return it == index.end() ? nullptr : it->second;
}

// Hash indexes over the singleton's rows: Find* runs once per id of every
// entry validated (imports validate ~100k entries per second). The header's
// private members are the row vectors only, so the indexes live here; they
// point into the one Vocabulary, which is never destroyed.
struct Indexes {
  explicit Indexes(const Vocabulary& vocab)
      : sites(MakeIndex(vocab.sites())),
        qualities(MakeIndex(vocab.qualities())),
        triggers(MakeIndex(vocab.triggers())),
        helped(MakeIndex(vocab.helped())) {}

  IdIndex<BodySite> sites;
  IdIndex<VocabularyTerm> qualities;
  IdIndex<VocabularyTerm> triggers;
  IdIndex<VocabularyTerm> helped;
};

const Indexes& GetIndexes() {
  static const Indexes* const indexes = new Indexes(Vocabulary::Get());
  return *indexes;
}

}  // namespace

std::string_view BodyViewName(BodyView view) {
  switch (view) {
    case BodyView::kFront:
      return "front";
    case BodyView::kBack:
      return "back";
    case BodyView::kBoth:
      return "both";
  }
  return "both";
}

Vocabulary::Vocabulary()
    : sites_(std::begin(kSites), std::end(kSites)),
      qualities_(std::begin(kQualities), std::end(kQualities)),
      triggers_(std::begin(kTriggers), std::end(kTriggers)),
      helped_(std::begin(kHelped), std::end(kHelped)) {}

const Vocabulary& Vocabulary::Get() {
  static const Vocabulary* const vocab = new Vocabulary();  // never deleted
  return *vocab;
}

std::string_view Vocabulary::version() const { return kVersion; }

const BodySite* Vocabulary::FindSite(std::string_view id) const {
  return Lookup(GetIndexes().sites, id);
}

const VocabularyTerm* Vocabulary::FindQuality(std::string_view id) const {
  return Lookup(GetIndexes().qualities, id);
}

const VocabularyTerm* Vocabulary::FindTrigger(std::string_view id) const {
  return Lookup(GetIndexes().triggers, id);
}

const VocabularyTerm* Vocabulary::FindHelped(std::string_view id) const {
  return Lookup(GetIndexes().helped, id);
}

}  // namespace unknot
