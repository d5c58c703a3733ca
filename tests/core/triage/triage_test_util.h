// Helpers for the triage tests: answers built fluently and results printed
// as one readable line ("urgent: dvt[urgent/site] | unanswered: -").
#ifndef UNKNOT_TESTS_CORE_TRIAGE_TRIAGE_TEST_UTIL_H_
#define UNKNOT_TESTS_CORE_TRIAGE_TRIAGE_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "unknot/triage.h"

namespace unknot::triage_test {

// Answers: starts all-unknown; AllNo() answers every yes/no question "no".
class Answers {
 public:
  Answers& AllNo() {
    for (const TriageQuestion& q : TriageQuestions()) {
      if (q.kind == QuestionKind::kYesNo) Set(q.id, false);
    }
    return *this;
  }
  Answers& Yes(std::string_view id) { return Set(id, true); }
  Answers& No(std::string_view id) { return Set(id, false); }
  Answers& Unknown(std::string_view id) {
    EXPECT_TRUE(a_.SetYesNo(id, std::nullopt).ok()) << id;
    return *this;
  }
  Answers& Num(std::string_view id, double v) {
    Status s = a_.SetNumber(id, v);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return *this;
  }
  Answers& Age(double v) { return Num("age", v); }
  TriageResult Run(const TriageFacts* facts = nullptr) const {
    return EvaluateTriage(a_, facts);
  }
  const TriageAnswers& get() const { return a_; }

 private:
  Answers& Set(std::string_view id, bool v) {
    Status s = a_.SetYesNo(id, v);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return *this;
  }
  TriageAnswers a_;
};

// "emergency: chest_pain[emergency/all] dvt[urgent/site] | unanswered: a b"
inline std::string Show(const TriageResult& r) {
  std::string out(TriageLevelName(r.level));
  out += ":";
  for (const FiredRule& f : r.rules) {
    out += " " + f.id + "[" + std::string(TriageLevelName(f.level)) + "/" +
           std::string(TriagePauseName(f.pauses)) + "]";
  }
  out += " | unanswered:";
  if (r.unanswered.empty()) out += " -";
  for (const std::string& id : r.unanswered) out += " " + id;
  return out;
}

inline const FiredRule* Find(const TriageResult& r, std::string_view id) {
  for (const FiredRule& f : r.rules) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

// Checks that rule `id` fired with this level and pause, with a message and a
// source.
inline void ExpectFired(const TriageResult& r, std::string_view id,
                        TriageLevel level, TriagePause pauses) {
  const FiredRule* f = Find(r, id);
  ASSERT_NE(f, nullptr) << id << " did not fire: " << Show(r);
  EXPECT_EQ(f->level, level) << Show(r);
  EXPECT_EQ(f->pauses, pauses) << Show(r);
  EXPECT_FALSE(f->message.empty());
  EXPECT_FALSE(f->source.empty());
  EXPECT_GE(r.level, level) << "the result is lower than a fired rule";
}

inline void ExpectNotFired(const TriageResult& r, std::string_view id) {
  EXPECT_EQ(Find(r, id), nullptr) << id << " fired: " << Show(r);
}

// Facts with `today` = day 20000; Pain(from, values...) fills consecutive
// days counted back from today (0 = today).
class Facts {
 public:
  static constexpr int64_t kToday = 20000;
  Facts() { f_.today = kToday; }
  // Daily pain on the days `days_ago`, `days_ago - 1`, ... one per value.
  Facts& Pain(int64_t days_ago, std::vector<int> values) {
    for (int v : values) {
      int64_t day = kToday - days_ago--;
      f_.daily_pain[day] = v;
      if (!f_.first_entry_day || day < *f_.first_entry_day) {
        f_.first_entry_day = day;
      }
    }
    return *this;
  }
  // Sessions on `count` consecutive days starting `days_ago` days ago.
  Facts& Sessions(int64_t days_ago, int count) {
    for (int i = 0; i < count; ++i)
      f_.session_days.insert(kToday - days_ago + i);
    return *this;
  }
  Facts& FirstEntry(int64_t days_ago) {
    f_.first_entry_day = kToday - days_ago;
    return *this;
  }
  const TriageFacts& get() const { return f_; }
  const TriageFacts* ptr() const { return &f_; }

 private:
  TriageFacts f_;
};

}  // namespace unknot::triage_test

#endif  // UNKNOT_TESTS_CORE_TRIAGE_TRIAGE_TEST_UTIL_H_
