// The wasm merge benchmark's workload, the same in node
// (wasm_sync_bench.mjs) and in Chromium (wasm_sync_bench_chromium.mjs):
// 100,000 shuffled remote changes as 10 pull answers of 10,000 (~0.9 MB
// each, like the protocol's 1 MiB pages), merged through Journal.applyRemote
// (decode + ApplyRemote, one transaction per page) into an in-memory
// journal. Pages are UTF-8 bytes, as the web app's worker passes a pull
// answer (web/src/worker_sync.ts).

// The native bench's change set: entries × 8 cells from three devices.
export function makePages() {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const devices = ['00000000000000aa', '00000000000000bb', '00000000000000cc'];
  const start = Date.UTC(2026, 0, 1);
  const changes = [];
  for (let e = 0; changes.length < 100000; e++) {
    const hlc = `${new Date(start + e).toISOString()}-0000-${devices[e % 3]}`;
    const id = (start + e).toString(16).padStart(16, '0') +
      Math.floor(random() * 2 ** 32).toString(16).padStart(8, '0') +
      Math.floor(random() * 2 ** 32).toString(16).padStart(8, '0');
    const site = `${id}:neck:left`;
    changes.push([hlc, 'entries', id, 'at', start + e * 60000],
      [hlc, 'entries', id, 'tz_offset', 60], [hlc, 'entries', id, 'flare', e % 3 === 0 ? 1 : 0],
      [hlc, 'entries', id, 'stress', e % 11], [hlc, 'entries', id, 'note', 'worse after the desk'],
      [hlc, 'entries', id, 'deleted', 0], [hlc, 'entry_sites', site, 'intensity', e % 11],
      [hlc, 'entry_sites', site, 'deleted', 0]);
  }
  for (let i = changes.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [changes[i], changes[j]] = [changes[j], changes[i]];
  }
  const encoder = new TextEncoder();
  const pages = [];
  for (let i = 0; i < changes.length; i += 10000) {
    pages.push(encoder.encode(JSON.stringify({
      protocol: 1, changes: changes.slice(i, i + 10000), cursor: i + 1, more: true,
    })));
  }
  return { changeCount: changes.length, pages };
}

// Merges the pages into a new journal 1 + warmRuns times; run 1 is the
// first of the process (V8 compiles the module's hot code meanwhile), the
// figure is the median of the warm runs. `cpuMs` (optional) reads the
// process's CPU time. Logs a line per run; returns the figures.
export function runMerges(core, { changeCount, pages }, { warmRuns = 5, log, cpuMs } = {}) {
  const rates = [];
  let first = 0;
  for (let run = 0; run <= warmRuns; run++) {
    const journal = new core.Journal();
    journal.open(':memory:');
    const t0 = performance.now();
    const cpu0 = cpuMs?.();
    let applied = 0;
    for (const page of pages) {
      const result = JSON.parse(journal.applyRemote(page));
      if (result.error) throw new Error(JSON.stringify(result));
      applied += result.applied;
    }
    const ms = performance.now() - t0;
    journal.delete();
    if (applied !== changeCount) throw new Error(`applied ${applied}`);
    const rate = Math.round(changeCount / (ms / 1000));
    if (run === 0) first = rate;
    else rates.push(rate);
    // On a shared machine wall time includes waiting for a core: CPU too.
    const cpu = cpuMs ? cpuMs() - cpu0 : null;
    log(`applyRemote ${run === 0 ? 'first' : `warm ${run}`}: ` +
      `${changeCount} changes in ${pages.length} pages, ` +
      `wall ${ms.toFixed(0)} ms = ${rate}/s` +
      (cpu === null ? '' : `, CPU ${cpu.toFixed(0)} ms = ${Math.round(changeCount / (cpu / 1000))}/s`));
  }
  rates.sort((a, b) => a - b);
  const median = rates.length ? rates[rates.length >> 1] : 0;
  if (rates.length) {
    log(`median of ${rates.length} warm runs: ${median} changes/s ` +
      `(range ${rates[0]}-${rates[rates.length - 1]})`);
  }
  return { first, median, min: rates[0], max: rates[rates.length - 1] };
}
