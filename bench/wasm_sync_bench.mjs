// The wasm merge figure (target ≥ 75,000 changes/s): 100,000 shuffled
// remote changes, as pull answers of 10,000 changes (~0.9 MB each, like the
// protocol's 1 MiB pages), through Journal.applyRemote (decode +
// ApplyRemote, one transaction per page) into an in-memory journal of the
// module the web app ships. Pages are passed as UTF-8 bytes, as the web
// app's worker passes a pull answer (worker_sync.ts).
//
// Run 1 is the first merge in a fresh process: V8 compiles the module's
// hot functions while it runs (the web app's worker pays that once). The
// figure is the median of the warm runs after it. Run after a wasm build
// (scripts/test's, or docs/benchmarks.md):
//   node --no-experimental-fetch bench/wasm_sync_bench.mjs build/wasm/wasm/unknot_core.js [warm runs]
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const modulePath = path.resolve(process.argv[2] ?? 'build/wasm/wasm/unknot_core.js');
globalThis.require = createRequire(import.meta.url);
globalThis.__dirname = path.dirname(modulePath);
const { default: createUnknotCore } = await import(pathToFileURL(modulePath));
const core = await createUnknotCore({
  wasmBinary: readFileSync(modulePath.replace(/\.js$/, '.wasm')),
});

// The native bench's change set: entries × 8 cells from three devices.
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
const pages = [];
for (let i = 0; i < changes.length; i += 10000) {
  pages.push(JSON.stringify({
    protocol: 1, changes: changes.slice(i, i + 10000), cursor: i + 1, more: true,
  }));
}

const encoder = new TextEncoder();
const pageBytes = pages.map((page) => encoder.encode(page));

const warmRuns = Number(process.argv[3] ?? 5);
const rates = [];
for (let run = 0; run <= warmRuns; run++) {
  const journal = new core.Journal();
  journal.open(':memory:');
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let applied = 0;
  for (const page of pageBytes) {
    const result = JSON.parse(journal.applyRemote(page));
    if (result.error) throw new Error(JSON.stringify(result));
    applied += result.applied;
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  if (applied !== changes.length) throw new Error(`applied ${applied}`);
  const rate = Math.round(changes.length / (ms / 1000));
  if (run > 0) rates.push(rate);
  // On a shared machine wall time includes waiting for a core: CPU too.
  console.log(`applyRemote ${run === 0 ? 'first' : `warm ${run}`}: ` +
    `${changes.length} changes in ${pages.length} pages, ` +
    `wall ${ms.toFixed(0)} ms = ${rate}/s, ` +
    `CPU ${cpuMs.toFixed(0)} ms = ${Math.round(changes.length / (cpuMs / 1000))}/s`);
  journal.delete();
}
rates.sort((a, b) => a - b);
if (rates.length > 0) {
  console.log(`median of ${rates.length} warm runs: ${rates[rates.length >> 1]} changes/s ` +
    `(range ${rates[0]}-${rates[rates.length - 1]})`);
}
