// Evaluates the rule table against answers and journal facts.
#include <algorithm>
#include <set>

#include "unknot/triage.h"

namespace unknot {
namespace {

using Op = TriageExpr::Op;

struct EvalContext {
  const TriageAnswers& answers;
  const TriageFacts* facts;                // may be null
  std::set<std::string_view>* unanswered;  // unknown base questions
};

bool EvalJournal(std::string_view id, const TriageFacts* facts) {
  if (facts == nullptr) return false;
  if (id == "no_improvement") return NoImprovement(*facts);
  if (id == "worsening") return Worsening(*facts);
  if (id == "recent_onset") return RecentOnset(*facts);
  return false;
}

bool Compare(Op op, double answer, double value) {
  switch (op) {
    case Op::kAtLeast:
      return answer >= value;
    case Op::kAtMost:
      return answer <= value;
    case Op::kLess:
      return answer < value;
    default:
      return answer > value;
  }
}

// `qualifier`: inside a Qualifier, where an unknown answer counts as met.
// Every child is evaluated (no short-circuit) so `unanswered` is complete.
bool Eval(const TriageExpr& e, const EvalContext& ctx, bool qualifier) {
  switch (e.op) {
    case Op::kYes: {
      auto it = ctx.answers.yes_no.find(e.id);
      if (it != ctx.answers.yes_no.end()) return it->second;
      if (!qualifier) ctx.unanswered->insert(e.id);
      return qualifier;
    }
    case Op::kAtLeast:
    case Op::kAtMost:
    case Op::kLess:
    case Op::kGreater: {
      auto it = ctx.answers.numbers.find(e.id);
      if (it != ctx.answers.numbers.end()) {
        return Compare(e.op, it->second, e.value);
      }
      // An unknown age meets any age condition (RED_FLAGS.md).
      if (qualifier || e.id == "age") return true;
      ctx.unanswered->insert(e.id);
      return false;
    }
    case Op::kAnyYes: {
      // Inside a qualifier an unknown counts as met, as for any question
      // (RED_FLAGS.md: over-triage). The questions are bases of their own
      // rules, which list them as unanswered; this does not.
      bool any_yes = false, any_unknown = false;
      for (std::string_view id : e.ids) {
        auto it = ctx.answers.yes_no.find(id);
        if (it == ctx.answers.yes_no.end()) {
          any_unknown = true;
        } else {
          any_yes |= it->second;
        }
      }
      return any_yes || (qualifier && any_unknown);
    }
    case Op::kAnyOf: {
      bool any = false;
      for (const TriageExpr& c : e.children) any |= Eval(c, ctx, qualifier);
      return any;
    }
    case Op::kAllOf: {
      bool all = true;
      for (const TriageExpr& c : e.children) all &= Eval(c, ctx, qualifier);
      return all;
    }
    case Op::kQualifier:
      return Eval(e.children.front(), ctx, true);
    case Op::kJournal:
      return EvalJournal(e.id, ctx.facts);
  }
  return false;
}

std::string_view CompareSymbol(Op op) {
  switch (op) {
    case Op::kAtLeast:
      return ">=";
    case Op::kAtMost:
      return "<=";
    case Op::kLess:
      return "<";
    default:
      return ">";
  }
}

std::string NumberText(double v) {
  std::string text = std::to_string(v);
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  return text;
}

std::string JoinDescribed(std::string_view name,
                          const std::vector<TriageExpr>& children) {
  std::string out(name);
  out += "(";
  for (size_t i = 0; i < children.size(); ++i) {
    if (i > 0) out += ", ";
    out += DescribeTriageExpr(children[i]);
  }
  return out + ")";
}

}  // namespace

std::string_view TriageLevelName(TriageLevel level) {
  switch (level) {
    case TriageLevel::kEmergency:
      return "emergency";
    case TriageLevel::kUrgent:
      return "urgent";
    case TriageLevel::kSoon:
      return "soon";
    case TriageLevel::kSelfCare:
      break;
  }
  return "self_care";
}

std::string_view TriagePauseName(TriagePause pause) {
  switch (pause) {
    case TriagePause::kAll:
      return "all";
    case TriagePause::kSite:
      return "site";
    case TriagePause::kNone:
      break;
  }
  return "none";
}

std::string DescribeTriageExpr(const TriageExpr& e) {
  switch (e.op) {
    case Op::kYes:
      return std::string(e.id);
    case Op::kAtLeast:
    case Op::kAtMost:
    case Op::kLess:
    case Op::kGreater:
      return std::string(e.id) + " " + std::string(CompareSymbol(e.op)) + " " +
             NumberText(e.value);
    case Op::kAnyYes:
      return "neuro_any";
    case Op::kAnyOf:
      return JoinDescribed("any", e.children);
    case Op::kAllOf:
      return JoinDescribed("all", e.children);
    case Op::kQualifier:
      return JoinDescribed("qualifier", e.children);
    case Op::kJournal:
      return "journal:" + std::string(e.id);
  }
  return "?";
}

TriageResult EvaluateTriage(const TriageAnswers& answers,
                            const TriageFacts* facts) {
  std::set<std::string_view> unanswered;
  EvalContext ctx{answers, facts, &unanswered};
  TriageResult result;
  result.ruleset_version = std::string(kTriageRulesetVersion);
  for (const TriageRule& rule : TriageRules()) {
    if (!Eval(rule.fires, ctx, false)) continue;
    for (const TriageVariant& v : rule.variants) {
      if (v.when && !Eval(*v.when, ctx, false)) continue;
      result.rules.push_back({std::string(rule.id), v.level, v.pauses,
                              std::string(v.message),
                              std::string(rule.source)});
      result.level = std::max(result.level, v.level);
      break;
    }
  }
  std::sort(result.rules.begin(), result.rules.end(),
            [](const FiredRule& a, const FiredRule& b) {
              if (a.level != b.level) return a.level > b.level;
              return a.id < b.id;
            });
  for (const TriageQuestion& q : TriageQuestions()) {
    if (unanswered.count(q.id)) result.unanswered.emplace_back(q.id);
  }
  return result;
}

}  // namespace unknot
