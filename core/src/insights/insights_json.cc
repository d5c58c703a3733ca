// InsightsToJson: the shape of docs/insights.md. Means are rounded to two
// decimals: more would suggest a precision the data does not have.
#include <cmath>
#include <nlohmann/json.hpp>

#include "unknot/insights.h"
#include "unknot/time_util.h"

namespace unknot {
namespace {

using J = nlohmann::ordered_json;

double Round2(double x) { return std::round(x * 100) / 100; }

J Optional(const std::optional<double>& x) {
  return x ? J(Round2(*x)) : J(nullptr);
}

J Interval(const MeanEstimate& e) {
  if (!e.low || !e.high) return J(nullptr);
  return J::array({Round2(*e.low), Round2(*e.high)});
}

J Help(const std::vector<HelpInsight>& items) {
  J out = J::array();
  for (const HelpInsight& h : items) {
    out.push_back({{"id", h.id},
                   {"n", h.change.n},
                   {"mean_change", Round2(h.change.mean)},
                   {"ci95", Interval(h.change)},
                   {"verdict", h.verdict}});
  }
  return out;
}

J Buckets(const std::vector<PatternBucket>& buckets) {
  J out = J::array();
  for (const PatternBucket& b : buckets) {
    out.push_back({{"name", b.name},
                   {"entries", b.entries},
                   {"mean_intensity", Round2(b.mean_intensity)},
                   {"max_intensity", b.max_intensity}});
  }
  return out;
}

}  // namespace

std::string InsightsToJson(const Insights& in) {
  J trends = J::array();
  for (const PainTrend& t : in.trends) {
    trends.push_back({{"scope", t.scope},
                      {"baseline_days", t.baseline_days},
                      {"recent_days", t.recent_days},
                      {"baseline_mean", Optional(t.baseline_mean)},
                      {"recent_mean", Optional(t.recent_mean)},
                      {"verdict", t.verdict}});
  }
  J triggers = J::array();
  for (const TriggerInsight& t : in.triggers) {
    triggers.push_back({{"id", t.id},
                        {"days_with", t.days_with},
                        {"days_without", t.days_without},
                        {"mean_with", Round2(t.mean_with)},
                        {"mean_without", Round2(t.mean_without)},
                        {"difference", Round2(t.difference.mean)},
                        {"ci95", Interval(t.difference)},
                        {"verdict", t.verdict}});
  }
  J out = {{"from", FormatDate(in.from_day)},
           {"to", FormatDate(in.to_day)},
           {"entries", in.entries},
           {"days_with_entries", in.days_with_entries},
           {"sessions", in.sessions},
           {"trends", std::move(trends)},
           {"triggers", std::move(triggers)},
           {"routines", Help(in.routines)},
           {"helped", Help(in.helped)},
           {"time_of_day", Buckets(in.time_of_day)},
           {"weekdays", Buckets(in.weekdays)},
           {"sites", Buckets(in.sites)},
           // What "not_enough_data" means, so no host restates the rule.
           {"minimums",
            {{"trend_days", kInsightTrendMinDays},
             {"trigger_days", kInsightMinDays},
             {"samples", kInsightMinSamples}}}};
  return out.dump(-1, ' ', false, J::error_handler_t::replace);
}

}  // namespace unknot
