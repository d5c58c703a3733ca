// The durable-save benchmark (docs/benchmarks.md "Durable saves"): a 10-year
// journal (18,000 entries, lib/ten_years.mjs) imported through the app's
// worker, then one more entry logged `kSaves` times; each save is timed from
// the page, post to the worker's `saved: true` answer (durable: flushed to
// OPFS, or IDBFS synced). A browser profile on disk (a persistent context):
// an off-the-record context would keep OPFS in memory.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchWithProfile } from './browser.mjs';
import { callWorker, startWorker, stopWorker, timeWorkerCall } from './worker.mjs';
import { tenYearExport } from './ten_years.mjs';

export const kEntries = 18_000;
const kWarmup = 2;
export const kSaves = 20;

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

// Runs the benchmark on `storage` ('opfs' or 'idbfs'); prints one
// "e2e figure:" line and returns { median, p95, importMs, usageMb }.
export async function benchmarkSaves(server, storage) {
  const profile = mkdtempSync(path.join(os.tmpdir(), `unknot-e2e-bench-${storage}-`));
  const context = await launchWithProfile(profile);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const opened = await startWorker(page, server, storage);
    assert.equal(opened.ok, true, JSON.stringify(opened));
    assert.equal(opened.result.storage, storage);

    const started = Date.now();
    const imported = await callWorker(page, 'importJson', tenYearExport(kEntries));
    const importMs = Date.now() - started;
    assert.equal(imported.ok && imported.saved, true, JSON.stringify(imported).slice(0, 300));
    assert.equal(imported.result.entries, kEntries);
    const usageMb = (await page.evaluate(() => navigator.storage.estimate())).usage / 1e6;

    const times = [];
    for (let i = 0; i < kWarmup + kSaves; i++) {
      const entry = {
        at: new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, 'Z'),
        flare: i % 2 === 0,
        sites: [{ site: 'upper_trapezius', side: 'left', intensity: i % 11 }],
        note: `save ${i}`,
      };
      const { answer, ms } = await timeWorkerCall(page, 'log', entry);
      assert.equal(answer.ok && answer.saved, true, JSON.stringify(answer));
      if (i >= kWarmup) times.push(ms);
    }
    const listed = await callWorker(page, 'list');
    assert.equal(listed.result.length, kEntries + kWarmup + kSaves);
    await stopWorker(page);

    const sorted = times.slice().sort((a, b) => a - b);
    const median = percentile(sorted, 50);
    const p95 = percentile(sorted, 95);
    console.log(
      `e2e figure: durable save, 10-year journal (${kEntries} entries, ${usageMb.toFixed(0)} MB stored), ` +
        `${storage}: median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, ` +
        `min ${sorted[0].toFixed(1)}, max ${sorted[sorted.length - 1].toFixed(1)} (${kSaves} saves; ` +
        `import ${(importMs / 1000).toFixed(1)} s)`,
    );
    return { median, p95, importMs, usageMb };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
