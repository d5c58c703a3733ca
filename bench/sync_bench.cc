// Sync throughput on a real SQLite file (WAL, synchronous=FULL):
//   BM_ApplyRemote/<batch>/<server>/<shuffled> — 100,000 remote changes
//     merged with Journal::ApplyRemote in batches (target: ≥ 150,000
//     changes/s natively in one batch; a server, batches of 100 with a
//     durable commit each, ≥ 66,000 changes/s)
//   BM_ChangesAfter — paging through 100,000 changes, 1 MiB pages
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <string>

#include "unknot/hlc.h"
#include "unknot/journal.h"

namespace {

using namespace unknot;

const int64_t kStart = 1767225600000;  // 2026-01-01T00:00Z
constexpr int kChanges = 100000;

std::string TempPath(const char* name) {
  std::string path =
      "/tmp/unknot_sync_bench_" + std::to_string(getpid()) + "_" + name;
  for (const char* s : {"", "-wal", "-shm"}) std::remove((path + s).c_str());
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

// What devices send: entries with their cells (at, tz_offset, flare,
// stress, note, deleted) and a site each, from three devices, shuffled.
std::vector<CellChange> RemoteChanges(bool shuffled = true) {
  std::mt19937_64 rng(7);
  const char* devices[] = {"00000000000000aa", "00000000000000bb",
                           "00000000000000cc"};
  std::vector<CellChange> out;
  out.reserve(kChanges);
  char id[33];
  for (int e = 0; static_cast<int>(out.size()) < kChanges; ++e) {
    std::snprintf(id, sizeof id, "%016llx%016llx",
                  static_cast<unsigned long long>(kStart + e),
                  static_cast<unsigned long long>(rng()));
    Hlc h{kStart + e, 0, devices[e % 3]};
    std::string hlc = h.ToString();
    auto add = [&](const char* table, std::string row, const char* col,
                   CellValue v) {
      out.push_back({hlc, table, std::move(row), col, std::move(v)});
    };
    add("entries", id, "at", CellValue::Int(kStart + e * 60000));
    add("entries", id, "tz_offset", CellValue::Int(60));
    add("entries", id, "flare", CellValue::Int(e % 3 == 0));
    add("entries", id, "stress", CellValue::Int(e % 11));
    add("entries", id, "note", CellValue::Text("worse after the desk"));
    add("entries", id, "deleted", CellValue::Int(0));
    std::string site = std::string(id) + ":neck:left";
    add("entry_sites", site, "intensity", CellValue::Int(e % 11));
    add("entry_sites", site, "deleted", CellValue::Int(0));
  }
  out.resize(kChanges);
  if (shuffled) std::shuffle(out.begin(), out.end(), rng);
  return out;
}

void BM_ApplyRemote(benchmark::State& state) {
  const size_t batch = static_cast<size_t>(state.range(0));
  Journal::RemoteApplyOptions options;
  options.assign_seq = state.range(1) != 0;
  static const std::vector<CellChange> shuffled = RemoteChanges(true);
  static const std::vector<CellChange> ordered = RemoteChanges(false);
  // Arg 2: 1 = shuffled (the worst case: every batch touches pages all
  // over the file), 0 = in the order devices made them (what a push is).
  const std::vector<CellChange>& changes =
      state.range(2) != 0 ? shuffled : ordered;
  for (auto _ : state) {
    state.PauseTiming();
    std::string path = TempPath("apply");
    FakeEnv env(kStart + 86400000LL * 365);
    auto journal = OpenJournal(path, &env);
    state.ResumeTiming();
    int64_t cursor = 0;
    for (size_t at = 0; at < changes.size(); at += batch) {
      std::vector<CellChange> part(
          changes.begin() + static_cast<long>(at),
          changes.begin() +
              static_cast<long>(std::min(at + batch, changes.size())));
      if (!options.assign_seq) options.pull_cursor = ++cursor;
      Journal::RemoteApplyStats stats;
      Status s = journal->ApplyRemote(part, options, &stats);
      if (!s.ok()) state.SkipWithError(s.ToString().c_str());
    }
    state.PauseTiming();
    journal.reset();
    for (const char* x : {"", "-wal", "-shm"}) std::remove((path + x).c_str());
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * kChanges);
}
BENCHMARK(BM_ApplyRemote)
    ->Args({kChanges, 0, 1})
    ->Args({kChanges, 1, 1})
    ->Args({1000, 1, 1})
    ->Args({100, 1, 1})
    ->Args({100, 1, 0})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1);

void BM_ChangesAfter(benchmark::State& state) {
  std::string path = TempPath("pages");
  FakeEnv env(kStart + 86400000LL * 365);
  auto journal = OpenJournal(path, &env);
  Journal::RemoteApplyOptions options;
  options.assign_seq = true;
  Journal::RemoteApplyStats stats;
  if (!journal->ApplyRemote(RemoteChanges(), options, &stats).ok()) {
    std::abort();
  }
  int64_t pages = 0;
  for (auto _ : state) {
    int64_t after = 0;
    for (;;) {
      ChangeBatch b;
      if (!journal->ChangesAfter(after, kMaxSyncBatchBytes, &b).ok()) {
        std::abort();
      }
      ++pages;
      std::string page = EncodePullPage({b.changes, b.last_seq, b.more});
      benchmark::DoNotOptimize(page);
      after = b.last_seq;
      if (!b.more) break;
    }
  }
  state.counters["pages"] = static_cast<double>(pages) / state.iterations();
  state.SetItemsProcessed(state.iterations() * kChanges);
  journal.reset();
  for (const char* x : {"", "-wal", "-shm"}) std::remove((path + x).c_str());
}
BENCHMARK(BM_ChangesAfter)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
