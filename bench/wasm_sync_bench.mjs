// The wasm merge figure (target ≥ 75,000 changes/s) under node: the
// workload of wasm_sync_workload.mjs, with the module the web app ships.
// Run 1 is the first merge in a fresh process: V8 compiles the module's
// hot functions while it runs (the web app's worker pays that once). The
// figure is the median of the warm runs after it. Run after a wasm build
// (scripts/test's, or docs/benchmarks.md):
//   node --no-experimental-fetch bench/wasm_sync_bench.mjs build/wasm/wasm/unknot_core.js [warm runs]
// The same in Chromium: wasm_sync_bench_chromium.mjs.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { makePages, runMerges } from './wasm_sync_workload.mjs';

const modulePath = path.resolve(process.argv[2] ?? 'build/wasm/wasm/unknot_core.js');
globalThis.require = createRequire(import.meta.url);
globalThis.__dirname = path.dirname(modulePath);
const { default: createUnknotCore } = await import(pathToFileURL(modulePath));
const core = await createUnknotCore({
  wasmBinary: readFileSync(modulePath.replace(/\.js$/, '.wasm')),
});

runMerges(core, makePages(), {
  warmRuns: Number(process.argv[3] ?? 5),
  log: (line) => console.log(line),
  cpuMs: () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  },
});
