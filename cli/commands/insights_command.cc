// insights: trends, triggers, what helps and patterns of the journal, in
// words (or JSON), with the data behind each claim (docs/insights.md).
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "commands/commands.h"
#include "journal_access.h"
#include "routine_options.h"
#include "unknot/insights.h"
#include "unknot/journal.h"
#include "unknot/time_util.h"

namespace unknot::cli {
namespace {

constexpr std::string_view kInsightsUsage =
    R"(usage: unknot [--db PATH] insights [--since DATE] [--at TIME] [--json]

What your journal shows from DATE (default: the first entry) to today (or
the date of --at): pain in the last 14 days against the 14 before (a change
counts at >= 2 points and >= 30 %), triggers that go with higher pain (days
behind each), the pain change around each routine and "helped" item (with a
95 % interval), time of day, weekdays, and sites. Below 7 days (triggers) or
5 sessions (what helps), it says "not enough data" instead of a claim.
--json prints the object of docs/insights.md.
)";

std::string Num(double x) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.1f", x);
  return buf;
}

std::string Signed(double x) { return (x > 0 ? "+" : "") + Num(x); }

std::string Interval(const MeanEstimate& e) {
  if (!e.low || !e.high) return "";
  return " (95% " + Signed(*e.low) + " to " + Signed(*e.high) + ")";
}

std::string Words(const std::string& verdict) {
  std::string w = verdict;
  for (char& c : w) c = c == '_' ? ' ' : c;
  return w;
}

void PrintTrends(const Insights& in, std::ostream& out) {
  out << "pain, last 14 days vs the 14 before:\n";
  for (const PainTrend& t : in.trends) {
    out << "  " << t.scope << ": ";
    if (t.baseline_mean && t.recent_mean) {
      out << Num(*t.baseline_mean) << " -> " << Num(*t.recent_mean) << ", ";
    }
    out << Words(t.verdict) << " (" << t.baseline_days << " / " << t.recent_days
        << " days)\n";
  }
}

void PrintHelp(const char* title, const std::vector<HelpInsight>& items,
               std::ostream& out) {
  if (items.empty()) return;
  out << title << "\n";
  for (const HelpInsight& h : items) {
    out << "  " << h.id << ": " << Signed(h.change.mean) << " over "
        << h.change.n << Interval(h.change) << ", " << Words(h.verdict) << "\n";
  }
}

void PrintBuckets(const char* title, const std::vector<PatternBucket>& items,
                  std::ostream& out) {
  out << title << "\n";
  for (const PatternBucket& b : items) {
    out << "  " << b.name << ": " << b.entries << " entries";
    if (b.entries) {
      out << ", mean " << Num(b.mean_intensity) << ", max " << b.max_intensity;
    }
    out << "\n";
  }
}

void PrintInsights(const Insights& in, std::ostream& out) {
  out << "period: " << FormatDate(in.from_day) << " to "
      << FormatDate(in.to_day) << " (" << in.entries << " entries on "
      << in.days_with_entries << " days, " << in.sessions << " sessions)\n";
  PrintTrends(in, out);
  if (!in.triggers.empty()) {
    out << "triggers (mean daily pain with vs without):\n";
    for (const TriggerInsight& t : in.triggers) {
      out << "  " << t.id << ": " << Num(t.mean_with) << " vs "
          << Num(t.mean_without) << " on " << t.days_with << " / "
          << t.days_without << " days, " << Words(t.verdict);
      if (t.verdict != "not_enough_data") {
        out << " (" << Signed(t.difference.mean) << Interval(t.difference)
            << ")";
      }
      out << "\n";
    }
  }
  PrintHelp("routines (pain after - before):", in.routines, out);
  PrintHelp("helped (next entry within 24 h - this one):", in.helped, out);
  PrintBuckets("time of day:", in.time_of_day, out);
  PrintBuckets("weekdays:", in.weekdays, out);
  PrintBuckets("sites:", in.sites, out);
}

Status RunInsights(const Invocation& inv) {
  if (inv.args.positionals.size() != 1) {
    return UsageError("insights takes options only");
  }
  std::optional<int64_t> since;
  if (std::optional<std::string> text = inv.args.Value("since")) {
    int64_t day;
    UNKNOT_RETURN_IF_ERROR(ParseLocalDate(*text, &day));
    since = day;
  }
  int64_t now_ms;
  int offset;
  UNKNOT_RETURN_IF_ERROR(ReadNow(inv.args, inv.env, &now_ms, &offset));
  int64_t today = LocalDay(now_ms, offset);
  std::unique_ptr<Journal> journal;
  UNKNOT_RETURN_IF_ERROR(OpenExistingJournal(inv.args, inv.env, &journal));
  Insights insights;
  if (journal) {
    UNKNOT_RETURN_IF_ERROR(
        JournalInsights(journal.get(), since, today, &insights));
  } else {
    insights = ComputeInsights({}, {}, since, today);
  }
  if (inv.args.Has("json")) {
    inv.out << nlohmann::ordered_json::parse(InsightsToJson(insights)).dump(2)
            << "\n";
  } else {
    PrintInsights(insights, inv.out);
  }
  return Status::OK();
}

}  // namespace

void AddInsightsCommand(std::vector<Command>* commands) {
  commands->push_back({"insights",
                       "trends, triggers, what helps, patterns",
                       kInsightsUsage,
                       {{"since", '\0', true, false},
                        {"at", '\0', true, false},
                        {"json", '\0', false, false}},
                       RunInsights});
}

}  // namespace unknot::cli
