#include "unknot/vocabulary.h"

#include <set>
#include <string>

#include "gtest/gtest.h"

namespace unknot {
namespace {

const Vocabulary& V() { return Vocabulary::Get(); }

// Ids are stored in journals: snake_case ASCII, starting with a letter.
bool IsSnakeCase(std::string_view id) {
  if (id.empty() || id[0] < 'a' || id[0] > 'z') return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
      return false;
    }
  }
  return id.back() != '_';
}

std::string Describe(const BodySite* site) {
  if (site == nullptr) return "null";
  return std::string(site->id) + " in " + std::string(site->area) + " (" +
         std::string(BodyViewName(site->view)) + ")";
}

template <typename T>
void ExpectWellFormed(const std::vector<T>& rows, const char* what) {
  std::set<std::string_view> ids;
  for (const T& row : rows) {
    EXPECT_TRUE(IsSnakeCase(row.id)) << what << ": " << row.id;
    EXPECT_FALSE(row.label.empty()) << what << ": " << row.id;
    EXPECT_TRUE(ids.insert(row.id).second) << what << " twice: " << row.id;
  }
}

TEST(VocabularyTest, Version) { EXPECT_EQ("2026.1", V().version()); }

TEST(VocabularyTest, SingletonIsStable) { EXPECT_EQ(&V(), &Vocabulary::Get()); }

TEST(VocabularyTest, IdsAreUniqueSnakeCaseWithLabels) {
  ExpectWellFormed(V().sites(), "site");
  ExpectWellFormed(V().qualities(), "quality");
  ExpectWellFormed(V().triggers(), "trigger");
  ExpectWellFormed(V().helped(), "helped");
}

TEST(VocabularyTest, Areas) {
  std::set<std::string_view> areas;
  for (const BodySite& s : V().sites()) {
    if (!s.is_area()) continue;
    areas.insert(s.id);
    EXPECT_EQ(s.id, s.area) << s.id;
  }
  EXPECT_EQ((std::set<std::string_view>{"arms", "chest", "head_jaw", "hips",
                                        "legs", "lower_back", "neck",
                                        "shoulders", "upper_back"}),
            areas);
  EXPECT_EQ("Head and jaw", V().FindSite("head_jaw")->label);
  EXPECT_EQ(BodyView::kFront, V().FindSite("chest")->view);
  EXPECT_EQ(BodyView::kBack, V().FindSite("upper_back")->view);
  EXPECT_EQ(BodyView::kBack, V().FindSite("lower_back")->view);
  EXPECT_EQ(BodyView::kBoth, V().FindSite("neck")->view);
}

TEST(VocabularyTest, EveryMuscleSitsInAnArea) {
  int muscles = 0;
  for (const BodySite& s : V().sites()) {
    if (s.is_area()) continue;
    ++muscles;
    const BodySite* parent = V().FindSite(s.parent);
    ASSERT_NE(nullptr, parent) << s.id;
    EXPECT_TRUE(parent->is_area()) << s.id;
    EXPECT_EQ(s.parent, s.area) << s.id;
    EXPECT_NE(BodyView::kBoth, s.view) << s.id << " must sit on one view";
  }
  EXPECT_GE(muscles, 40);
}

TEST(VocabularyTest, SomeMuscles) {
  EXPECT_EQ("upper_trapezius in shoulders (back)",
            Describe(V().FindSite("upper_trapezius")));
  EXPECT_EQ("levator_scapulae in neck (back)",
            Describe(V().FindSite("levator_scapulae")));
  EXPECT_EQ("sternocleidomastoid in neck (front)",
            Describe(V().FindSite("sternocleidomastoid")));
  EXPECT_EQ("quadratus_lumborum in lower_back (back)",
            Describe(V().FindSite("quadratus_lumborum")));
  EXPECT_EQ("pectoralis_minor in chest (front)",
            Describe(V().FindSite("pectoralis_minor")));
  EXPECT_EQ("piriformis in hips (back)", Describe(V().FindSite("piriformis")));
  EXPECT_EQ("masseter in head_jaw (front)", Describe(V().FindSite("masseter")));
  EXPECT_EQ("Upper trapezius", V().FindSite("upper_trapezius")->label);
}

TEST(VocabularyTest, FindReturnsTheTableRow) {
  for (const BodySite& s : V().sites()) EXPECT_EQ(&s, V().FindSite(s.id));
  for (const VocabularyTerm& t : V().qualities()) {
    EXPECT_EQ(&t, V().FindQuality(t.id));
  }
  for (const VocabularyTerm& t : V().triggers()) {
    EXPECT_EQ(&t, V().FindTrigger(t.id));
  }
  for (const VocabularyTerm& t : V().helped()) {
    EXPECT_EQ(&t, V().FindHelped(t.id));
  }
}

TEST(VocabularyTest, UnknownIdsAndWrongKindsAreNull) {
  EXPECT_EQ(nullptr, V().FindSite(""));
  EXPECT_EQ(nullptr, V().FindSite("Upper_Trapezius"));
  EXPECT_EQ(nullptr, V().FindSite("upper_trapezius "));
  EXPECT_EQ(nullptr, V().FindSite("aching"));
  EXPECT_EQ(nullptr, V().FindQuality("stress"));
  EXPECT_EQ(nullptr, V().FindTrigger("heat"));
  EXPECT_EQ(nullptr, V().FindHelped("long_sitting"));
  // Lookups take views: a substring of a longer buffer works.
  const std::string buffer = "neckless";
  EXPECT_NE(nullptr, V().FindSite(std::string_view(buffer).substr(0, 4)));
}

TEST(VocabularyTest, Qualities) {
  EXPECT_EQ(13u, V().qualities().size());
  for (const char* id :
       {"aching", "burning", "sharp", "stabbing", "throbbing", "tight", "stiff",
        "tender", "dull", "tingling", "radiating", "shooting", "cramping"}) {
    EXPECT_NE(nullptr, V().FindQuality(id)) << id;
  }
  // Numbness can be a red flag (triage), never a quality of a knot.
  for (const VocabularyTerm& q : V().qualities()) {
    EXPECT_EQ(std::string_view::npos, q.id.find("numb")) << q.id;
    EXPECT_EQ("", q.group) << q.id;
  }
}

TEST(VocabularyTest, TriggerGroups) {
  EXPECT_EQ(16u, V().triggers().size());
  for (const VocabularyTerm& t : V().triggers()) {
    EXPECT_TRUE(t.group == "physical" || t.group == "lifestyle" ||
                t.group == "emotional")
        << t.id << ": " << t.group;
  }
  EXPECT_EQ("lifestyle", V().FindTrigger("long_sitting")->group);
  EXPECT_EQ("emotional", V().FindTrigger("stress")->group);
  EXPECT_EQ("physical", V().FindTrigger("poor_posture")->group);
  EXPECT_EQ("Long sitting", V().FindTrigger("long_sitting")->label);
}

TEST(VocabularyTest, HelpedGroups) {
  EXPECT_EQ(22u, V().helped().size());
  for (const VocabularyTerm& t : V().helped()) {
    EXPECT_TRUE(t.group == "self_care" || t.group == "mind_body" ||
                t.group == "professional" || t.group == "other")
        << t.id << ": " << t.group;
  }
  EXPECT_EQ("self_care", V().FindHelped("foam_rolling")->group);
  EXPECT_EQ("mind_body",
            V().FindHelped("progressive_muscle_relaxation")->group);
  EXPECT_EQ("professional", V().FindHelped("dry_needling")->group);
  EXPECT_EQ("Medicine (recorded, not advice)",
            V().FindHelped("medication")->label);
}

TEST(VocabularyTest, BodyViewName) {
  EXPECT_EQ("front", BodyViewName(BodyView::kFront));
  EXPECT_EQ("back", BodyViewName(BodyView::kBack));
  EXPECT_EQ("both", BodyViewName(BodyView::kBoth));
}

}  // namespace
}  // namespace unknot
