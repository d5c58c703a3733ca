// The wasm merge figure in Chromium, where the web app runs it: the
// workload of wasm_sync_workload.mjs in a page of Debian's Chromium
// (playwright-core from tests/e2e; run `npm ci` there first), the module
// fetched and compiled as the app does (instantiateStreaming). Each run is
// a fresh browser, so its first merge includes V8's compile, as at the
// app's start. Run after a wasm build:
//   node bench/wasm_sync_bench_chromium.mjs build/wasm/wasm/unknot_core.js [browsers] [warm runs]
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../tests/e2e/lib/browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const modulePath = path.resolve(process.argv[2] ?? 'build/wasm/wasm/unknot_core.js');
const browsers = Number(process.argv[3] ?? 3);
const warmRuns = Number(process.argv[4] ?? 5);

// The page, the workload and the module, from one origin.
const files = {
  '/': { file: null, type: 'text/html' },
  '/wasm_sync_workload.mjs': { file: path.join(here, 'wasm_sync_workload.mjs'), type: 'text/javascript' },
  '/unknot_core.js': { file: modulePath, type: 'text/javascript' },
  '/unknot_core.wasm': { file: modulePath.replace(/\.js$/, '.wasm'), type: 'application/wasm' },
};
const server = createServer(async (req, res) => {
  const entry = files[new URL(req.url, 'http://x').pathname];
  if (!entry) {
    res.writeHead(404).end();
    return;
  }
  const body = entry.file ? await readFile(entry.file) : '<!doctype html><link rel="icon" href="data:,"><title>wasm merge</title>';
  res.writeHead(200, { 'Content-Type': entry.type, 'Cache-Control': 'no-store' }).end(body);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

try {
  for (let b = 0; b < browsers; b++) {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      page.on('console', (m) => console.log(`[browser ${b + 1}] ${m.text()}`));
      await page.goto(`${origin}/`);
      const version = browser.version();
      const figures = await page.evaluate(async (warm) => {
        const { makePages, runMerges } = await import('/wasm_sync_workload.mjs');
        const { default: createUnknotCore } = await import('/unknot_core.js');
        const core = await createUnknotCore();
        return runMerges(core, makePages(), { warmRuns: warm, log: (line) => console.log(line) });
      }, warmRuns);
      console.log(`Chromium ${version}: first ${figures.first}/s, warm median ${figures.median}/s`);
    } finally {
      await browser.close();
    }
  }
} finally {
  server.close();
}
