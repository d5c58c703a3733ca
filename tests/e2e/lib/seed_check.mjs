// Puts a red-flag check result into the app's journal (OPFS), as a synced
// device's cells would arrive, for tests of the routine gate that must not
// depend on the Check screen's questions. The app must be closed (its worker
// holds the journal's files): a dedicated worker of the origin loads the
// built wasm core, opens unknot/journal.db through the OPFS VFS and applies
// the cells with the core's applyCells (docs/sync-protocol.md cell shape).
import { readdirSync } from 'node:fs';
import path from 'node:path';

const kDevice = 'feedfacefeedface';

function hex(n, width) {
  return n.toString(16).padStart(width, '0');
}

// A triage_results row: `rules` as the core's result lists them ({id,
// level, message, pauses, source}).
export function checkCells({ level = 'self_care', rules = [], atMs = Date.now() } = {}) {
  const hlc = `${new Date(atMs).toISOString()}-0000-${kDevice}`;
  const row = hex(atMs, 12) + hex(Math.floor(Math.random() * 2 ** 40), 10) + hex(Math.floor(Math.random() * 2 ** 40), 10);
  const result = JSON.stringify({ level, rules, unanswered: [], ruleset_version: 'e2e' });
  return [
    [hlc, 'triage_results', row, 'at', atMs],
    [hlc, 'triage_results', row, 'level', level],
    [hlc, 'triage_results', row, 'ruleset_version', 'e2e'],
    [hlc, 'triage_results', row, 'result', result],
    [hlc, 'triage_results', row, 'deleted', 0],
  ];
}

// Leaves the app for a plain page of its origin (/healthz). The app's
// service worker answers every navigation with the app, whose worker would
// hold the journal: it is unregistered first (the app registers it again
// when it next loads).
export async function leaveApp(page, server) {
  const plain = new URL('healthz', server.url).href;
  await page.goto(plain);
  const removed = await page.evaluate(async () => {
    const registrations = await navigator.serviceWorker.getRegistrations();
    await Promise.all(registrations.map((r) => r.unregister()));
    return registrations.length;
  });
  if (removed > 0) await page.goto(plain);
}

// Applies `changes` to the origin's OPFS journal from a plain page of the
// origin (leaveApp).
export async function applyCellsToOpfs(page, server, changes) {
  await leaveApp(page, server);
  const files = readdirSync(path.join(server.webDir, 'wasm'));
  const glue = files.find((f) => /^unknot_core-[A-Za-z0-9]+\.js$/.test(f));
  const wasm = files.find((f) => /^unknot_core-[A-Za-z0-9]+\.wasm$/.test(f));
  const origin = new URL(server.url).origin;
  const answer = await page.evaluate(
    ([glueUrl, wasmUrl, cells]) => {
      const code = `
        self.onmessage = async (event) => {
          const { glueUrl, wasmUrl, cells } = event.data;
          try {
            const { default: create } = await import(glueUrl);
            const core = await create({ locateFile: (p) => (p.endsWith('.wasm') ? wasmUrl : p) });
            const root = await navigator.storage.getDirectory();
            const folder = await root.getDirectoryHandle('unknot', { create: true });
            let file;
            // A closed app's worker may still hold the handles for a moment.
            for (let attempt = 0; ; attempt++) {
              try {
                file = await core.opfs.attach(folder, 'journal.db');
                break;
              } catch (err) {
                if (attempt > 30) throw err;
                await new Promise((r) => setTimeout(r, 100));
              }
            }
            if (core.useOpfsVfs() !== 0) throw new Error('no OPFS VFS');
            const journal = new core.Journal();
            const opened = JSON.parse(journal.open(file));
            if (!opened.ok) throw new Error(JSON.stringify(opened));
            const applied = JSON.parse(journal.applyCells(JSON.stringify({ changes: cells })));
            journal.close();
            journal.delete();
            core.opfs.detach();
            self.postMessage(applied);
          } catch (err) {
            self.postMessage({ error: String(err) });
          }
        };`;
      const worker = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })), { type: 'module' });
      return new Promise((resolve) => {
        worker.onmessage = (event) => {
          worker.terminate();
          resolve(event.data);
        };
        worker.postMessage({ glueUrl, wasmUrl, cells });
      });
    },
    [`${origin}/wasm/${glue}`, `${origin}/wasm/${wasm}`, changes],
  );
  if (answer.error) throw new Error(`could not apply cells: ${answer.error}`);
  return answer;
}
