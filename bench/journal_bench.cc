// Journal throughput on a real SQLite file (WAL, synchronous=FULL):
//   BM_LogBatch   — 100,000 entries logged in batches (target ≥ 50,000/s)
//   BM_List/Export — a 10-year journal, ~18,000 entries (target < 100 ms)
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <random>
#include <string>

#include "unknot/journal.h"

namespace {

using namespace unknot;

const int64_t kStart = 1483228800000;  // 2017-01-01T00:00Z
const char* kSites[] = {"upper_trapezius",
                        "levator_scapulae",
                        "rhomboids",
                        "quadratus_lumborum",
                        "neck",
                        "piriformis"};
const char* kTriggers[] = {"long_sitting", "stress", "poor_posture",
                           "poor_sleep"};

// A realistic entry: two sites, a quality, a trigger, what helped, stress,
// and a note every few entries.
JournalEntry MakeEntry(std::mt19937* rng, int64_t at_ms) {
  JournalEntry e;
  e.at_ms = at_ms;
  e.tz_offset_minutes = 60;
  e.flare = (*rng)() % 3 == 0;
  int a = (*rng)() % 6, b = (a + 1 + (*rng)() % 5) % 6;
  e.sites = {{kSites[a], Side::kLeft, static_cast<int>((*rng)() % 11)},
             {kSites[b], Side::kBoth, static_cast<int>((*rng)() % 11)}};
  e.qualities = {"aching"};
  e.triggers = {kTriggers[(*rng)() % 4]};
  e.helped = {"stretching"};
  e.stress = static_cast<int>((*rng)() % 11);
  if ((*rng)() % 4 == 0) e.note = "worse after a long day at the desk";
  return e;
}

std::string TempPath(const char* name) {
  std::string path =
      "/tmp/unknot_bench_" + std::to_string(getpid()) + "_" + name;
  std::remove(path.c_str());
  std::remove((path + "-wal").c_str());
  std::remove((path + "-shm").c_str());
  return path;
}

std::unique_ptr<Journal> OpenJournal(const std::string& path, Env* env) {
  std::unique_ptr<Journal> j;
  JournalOptions o;
  o.path = path;
  o.env = env;
  if (!Journal::Open(o, &j).ok()) std::abort();
  return j;
}

void BM_LogBatch(benchmark::State& state) {
  const int batch = static_cast<int>(state.range(0));
  const int total = 100000;
  std::mt19937 rng(1);
  std::vector<std::vector<JournalEntry>> batches;
  for (int i = 0; i < total; i += batch) {
    std::vector<JournalEntry> b;
    for (int k = 0; k < batch; ++k)
      b.push_back(MakeEntry(&rng, kStart + (i + k) * 60000LL));
    batches.push_back(std::move(b));
  }
  for (auto _ : state) {
    state.PauseTiming();
    std::string path = TempPath("log.db");
    FakeEnv env(kStart, 7, 60);
    auto journal = OpenJournal(path, &env);
    state.ResumeTiming();
    std::vector<std::string> ids;
    for (const auto& b : batches) {
      if (!journal->LogBatch(b, &ids).ok()) std::abort();
      env.Advance(1);
    }
    state.PauseTiming();
    journal.reset();
    std::remove(path.c_str());
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * total);
}
BENCHMARK(BM_LogBatch)
    ->Arg(100)
    ->Arg(1000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

// A 10-year journal: ~18,000 entries (about 5 a day), some edited, some
// deleted, built once and shared by the read benchmarks.
struct TenYears {
  std::string path = TempPath("tenyears.db");
  FakeEnv env{kStart + 3650LL * 86400000, 9, 60};
  std::unique_ptr<Journal> journal;
  TenYears() {
    journal = OpenJournal(path, &env);
    std::mt19937 rng(2);
    std::vector<JournalEntry> all;
    for (int i = 0; i < 18000; ++i) {
      all.push_back(MakeEntry(&rng, kStart + i * (3650LL * 86400000 / 18000)));
    }
    std::vector<std::string> ids;
    if (!journal->LogBatch(all, &ids).ok()) std::abort();
    for (size_t i = 0; i < ids.size(); i += 50) {
      EntryPatch p;
      p.note = "edited later";
      journal->Edit(ids[i], p);
      if (i % 500 == 0) journal->Delete(ids[i]);
    }
  }
  ~TenYears() {
    journal.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::remove((path + suffix).c_str());
    }
  }
};

TenYears& Fixture() {
  // An object, not a leaked pointer: its destructor removes the ~115 MB file
  // when the benchmark exits.
  static TenYears f;
  return f;
}

void BM_List10Years(benchmark::State& state) {
  Journal* j = Fixture().journal.get();
  ListFilter f;
  f.with_stamps = state.range(0) != 0;
  size_t n = 0;
  for (auto _ : state) {
    std::vector<JournalEntry> entries;
    if (!j->List(f, &entries).ok()) std::abort();
    n = entries.size();
  }
  state.counters["entries"] = static_cast<double>(n);
}
BENCHMARK(BM_List10Years)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// `unknot list --json` over 10 years: the export's entry shape with stamps.
void BM_ListJson10Years(benchmark::State& state) {
  Journal* j = Fixture().journal.get();
  size_t bytes = 0;
  for (auto _ : state) {
    std::string json;
    if (!j->ListJson(ListFilter(), &json).ok()) std::abort();
    bytes = json.size();
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_ListJson10Years)->Unit(benchmark::kMillisecond);

void BM_ListOneMonth(benchmark::State& state) {
  Journal* j = Fixture().journal.get();
  ListFilter f;
  f.since_day = 17532 + 3000;  // a month, nine years in
  f.until_day = *f.since_day + 30;
  for (auto _ : state) {
    std::vector<JournalEntry> entries;
    if (!j->List(f, &entries).ok()) std::abort();
    benchmark::DoNotOptimize(entries);
  }
}
BENCHMARK(BM_ListOneMonth)->Unit(benchmark::kMillisecond);

void BM_ExportJson10Years(benchmark::State& state) {
  Journal* j = Fixture().journal.get();
  size_t bytes = 0;
  for (auto _ : state) {
    std::string json;
    if (!j->ExportJson(&json).ok()) std::abort();
    bytes = json.size();
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_ExportJson10Years)->Unit(benchmark::kMillisecond);

void BM_ExportCsv10Years(benchmark::State& state) {
  Journal* j = Fixture().journal.get();
  for (auto _ : state) {
    std::string csv;
    if (!j->ExportCsv(&csv).ok()) std::abort();
    benchmark::DoNotOptimize(csv);
  }
}
BENCHMARK(BM_ExportCsv10Years)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
