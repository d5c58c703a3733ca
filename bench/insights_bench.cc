// Insights over a 10-year journal (~18,000 entries, ~3,000 sessions; issue
// 5: < 50 ms natively). BM_ComputeInsights10Years is the computation alone
// on loaded entries; BM_JournalInsights10Years includes reading them from
// the journal file (Journal::List dominates, see docs/benchmarks.md).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "unknot/insights.h"
#include "unknot/journal.h"
#include "unknot/time_util.h"

namespace unknot {
namespace {

constexpr int64_t kDayMs = 86400000;
const int64_t kFirstDay = DaysFromCivil(2016, 1, 1);
constexpr int kDays = 3650;

const char* const kSites[] = {
    "upper_trapezius", "levator_scapulae",   "neck",
    "rhomboids",       "quadratus_lumborum", "piriformis"};
const char* const kTriggers[] = {"long_sitting", "stress", "poor_sleep",
                                 "screen_time"};
const char* const kHelped[] = {"heat", "stretching", "self_massage"};
const char* const kRoutines[] = {"stretch_upper_trapezius", "heat_lower_back",
                                 "deep_breathing", "posture_check"};

struct Data {
  std::vector<JournalEntry> entries;
  std::vector<Session> sessions;
  Data() {
    std::mt19937 rng(7);
    for (int i = 0; i < 18000; ++i) {
      JournalEntry e;
      e.at_ms = kFirstDay * kDayMs + i * (kDays * kDayMs / 18000);
      e.tz_offset_minutes = 60;
      e.sites.push_back({kSites[rng() % 6], Side::kLeft, int(rng() % 11)});
      e.sites.push_back({kSites[rng() % 6], Side::kRight, int(rng() % 11)});
      if (e.sites[0].site == e.sites[1].site) e.sites.pop_back();
      e.triggers.push_back(kTriggers[rng() % 4]);
      if (rng() % 3 == 0) e.helped.push_back(kHelped[rng() % 3]);
      entries.push_back(std::move(e));
    }
    for (int i = 0; i < 3000; ++i) {
      Session s;
      s.routine_id = kRoutines[rng() % 4];
      s.at_ms = kFirstDay * kDayMs + i * (kDays * kDayMs / 3000);
      s.tz_offset_minutes = 60;
      s.steps_total = s.steps_done = 2;
      s.pain_before = int(rng() % 11);
      s.pain_after = int(rng() % 11);
      sessions.push_back(std::move(s));
    }
  }
};

const Data& TheData() {
  static const Data* data = new Data();
  return *data;
}

void BM_ComputeInsights10Years(benchmark::State& state) {
  const Data& d = TheData();
  int64_t today = kFirstDay + kDays;
  for (auto _ : state) {
    Insights in = ComputeInsights(d.entries, d.sessions, std::nullopt, today);
    benchmark::DoNotOptimize(in);
  }
  state.counters["entries"] = double(d.entries.size());
  state.counters["sessions"] = double(d.sessions.size());
}
BENCHMARK(BM_ComputeInsights10Years)->Unit(benchmark::kMillisecond);

void BM_InsightsToJson10Years(benchmark::State& state) {
  const Data& d = TheData();
  Insights in =
      ComputeInsights(d.entries, d.sessions, std::nullopt, kFirstDay + kDays);
  for (auto _ : state) benchmark::DoNotOptimize(InsightsToJson(in));
}
BENCHMARK(BM_InsightsToJson10Years)->Unit(benchmark::kMillisecond);

// The same through a journal file (entries and sessions stored as cells).
struct Stored {
  std::string path;
  FakeEnv env{(kFirstDay + kDays) * kDayMs, 3, 60};
  std::unique_ptr<Journal> journal;
  Stored() {
    path = std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") +
           "/unknot_insights_bench.db";
    Remove();
    JournalOptions o;
    o.path = path;
    o.env = &env;
    if (!Journal::Open(o, &journal).ok()) std::abort();
    std::vector<std::string> ids;
    if (!journal->LogBatch(TheData().entries, &ids).ok()) std::abort();
    for (const Session& s : TheData().sessions) {
      std::string id;
      if (!journal->LogSession(s, &id).ok()) std::abort();
    }
  }
  ~Stored() {
    journal.reset();
    Remove();
  }
  void Remove() {
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::remove((path + suffix).c_str());
    }
  }
};

void BM_JournalInsights10Years(benchmark::State& state) {
  static Stored stored;
  for (auto _ : state) {
    Insights in;
    if (!JournalInsights(stored.journal.get(), std::nullopt, kFirstDay + kDays,
                         &in)
             .ok()) {
      std::abort();
    }
    benchmark::DoNotOptimize(in);
  }
}
BENCHMARK(BM_JournalInsights10Years)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace unknot

BENCHMARK_MAIN();
