// The journal's vocabulary: body sites (areas refined into the muscles where
// trigger points usually sit), pain qualities, triggers and what helped.
// One versioned table with stable ids (stored in journals, exports and
// scripts — never rename or reuse an id; retire it instead) and human labels.
#ifndef UNKNOT_VOCABULARY_H_
#define UNKNOT_VOCABULARY_H_

#include <string_view>
#include <vector>

namespace unknot {

// Which side of the body map a site is drawn on. Areas like the neck appear
// on both views; a muscle sits on one.
enum class BodyView { kFront, kBack, kBoth };

std::string_view BodyViewName(BodyView view);  // "front", "back", "both"

struct BodySite {
  std::string_view id;      // "upper_trapezius", "neck"
  std::string_view label;   // "Upper trapezius"
  std::string_view area;    // the area id; an area's own id for an area
  std::string_view parent;  // "" for an area, else the area id
  BodyView view;
  bool is_area() const { return parent.empty(); }
};

// A quality, trigger or "what helped" item.
struct VocabularyTerm {
  std::string_view id;     // "long_sitting"
  std::string_view label;  // "Long sitting"
  // For "helped": "self_care", "mind_body", "professional" or "other".
  // For triggers: "physical", "lifestyle" or "emotional". Else "".
  std::string_view group;
};

class Vocabulary {
 public:
  // The built-in vocabulary. Immutable, thread-safe.
  static const Vocabulary& Get();

  // e.g. "2026.1"; bumped whenever an id is added or retired.
  std::string_view version() const;

  const std::vector<BodySite>& sites() const { return sites_; }
  const std::vector<VocabularyTerm>& qualities() const { return qualities_; }
  const std::vector<VocabularyTerm>& triggers() const { return triggers_; }
  const std::vector<VocabularyTerm>& helped() const { return helped_; }

  // nullptr when unknown.
  const BodySite* FindSite(std::string_view id) const;
  const VocabularyTerm* FindQuality(std::string_view id) const;
  const VocabularyTerm* FindTrigger(std::string_view id) const;
  const VocabularyTerm* FindHelped(std::string_view id) const;

 private:
  Vocabulary();
  std::vector<BodySite> sites_;
  std::vector<VocabularyTerm> qualities_;
  std::vector<VocabularyTerm> triggers_;
  std::vector<VocabularyTerm> helped_;
};

}  // namespace unknot

#endif  // UNKNOT_VOCABULARY_H_
