// Where the journal is kept (web/src/worker_storage.ts): OPFS through the
// core's OPFS VFS by default, IndexedDB (IDBFS) as the fallback, and the
// one-time move of an older build's IDBFS journal into OPFS. The app is
// served by the real unknot-server; each test has its own browser profile.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TestServer } from './lib/server.mjs';
import { launchWithProfile } from './lib/browser.mjs';
import { historyTexts, logAndWaitSaved, openApp } from './lib/app.mjs';
import { callWorker, startWorker, stopWorker, storedFiles } from './lib/worker.mjs';

const server = new TestServer();
const profiles = [];
let context;

before(async () => {
  await server.start();
});

after(async () => {
  await context?.close();
  await server.stop();
  for (const dir of profiles) rmSync(dir, { recursive: true, force: true });
});

async function newProfile() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'unknot-e2e-storage-'));
  profiles.push(dir);
  return dir;
}

async function openBrowser(profile) {
  await context?.close();
  context = await launchWithProfile(profile);
  return context.pages()[0] ?? (await context.newPage());
}

async function closeBrowser() {
  await context.close();
  context = null;
}

function entry(hour, intensity) {
  return {
    at: `2026-11-20T${String(hour).padStart(2, '0')}:15:00+01:00`,
    flare: true,
    sites: [{ site: 'upper_trapezius', side: 'left', intensity }],
  };
}

test('the app keeps its journal in OPFS: log, reload, restart the browser', async () => {
  const profile = await newProfile();
  let page = await openBrowser(profile);
  await openApp(page, server.url);
  await logAndWaitSaved(page, {
    area: 'Shoulders',
    view: 'back',
    side: 'left',
    muscle: 'Upper trapezius',
    intensity: 5,
    note: 'opfs',
  });
  const files = await storedFiles(page);
  assert.deepEqual(files.opfs, ['journal.db', 'journal.db-journal']);
  assert.ok(!files.idbfs.some((f) => f.startsWith('/journal/journal.db')), `nothing in IDBFS: ${files.idbfs}`);

  await page.reload();
  await openApp(page, server.url);
  assert.equal((await historyTexts(page)).length, 1);

  await closeBrowser();
  page = await openBrowser(profile);
  await openApp(page, server.url);
  const texts = await historyTexts(page);
  assert.equal(texts.length, 1);
  assert.match(texts[0], /Upper trapezius \(left\) 5\/10/);
  await closeBrowser();
});

test('the worker reports which storage it uses; ?storage=idbfs keeps the IndexedDB fallback', async () => {
  const page = await openBrowser(await newProfile());
  const opened = await startWorker(page, server, 'idbfs');
  assert.equal(opened.ok, true, JSON.stringify(opened));
  assert.equal(opened.result.storage, 'idbfs');
  const logged = await callWorker(page, 'log', entry(8, 3));
  assert.equal(logged.ok && logged.saved, true, JSON.stringify(logged));
  await stopWorker(page);
  const files = await storedFiles(page);
  assert.ok(files.idbfs.includes('/journal/journal.db'), `IDBFS holds the journal: ${files.idbfs}`);

  // A new worker on the same fallback reads it back.
  await startWorker(page, server, 'idbfs');
  const listed = await callWorker(page, 'list');
  assert.equal(listed.result.length, 1);
  await closeBrowser();
});

test('the app on the IDBFS fallback (?storage=idbfs) says so in its footer and still saves', async () => {
  const page = await openBrowser(await newProfile());
  const note = page.getByText('This browser keeps your journal in IndexedDB');
  await openApp(page, `${server.url}?storage=idbfs`);
  // Log is enabled before the journal opens; the footer says where it is
  // once it has.
  await note.waitFor({ state: 'visible' });
  await logAndWaitSaved(page, { area: 'Neck', view: 'back', side: 'right', muscle: 'Levator scapulae', intensity: 3 });
  const files = await storedFiles(page);
  assert.ok(files.idbfs.includes('/journal/journal.db'), `IDBFS holds the journal: ${files.idbfs}`);
  // Without the switch: OPFS, and the fallback's journal moved into it.
  await openApp(page, server.url);
  assert.equal((await historyTexts(page)).length, 1);
  assert.equal(await note.isVisible(), false, 'on OPFS the note is hidden');
  await closeBrowser();
});

test('a journal left in IDBFS by an older build moves into OPFS once', async () => {
  const profile = await newProfile();
  let page = await openBrowser(profile);
  // The older build: the IDBFS path, which this fallback still is.
  await startWorker(page, server, 'idbfs');
  for (let i = 0; i < 3; i++) {
    const logged = await callWorker(page, 'log', entry(9 + i, 4 + i));
    assert.equal(logged.saved, true, JSON.stringify(logged));
  }
  await stopWorker(page);
  // A browser restart: whatever the worker did not close stays as it was.
  await closeBrowser();

  page = await openBrowser(profile);
  await openApp(page, server.url);
  assert.equal((await historyTexts(page)).length, 3, 'the IDBFS entries are in the app');
  const files = await storedFiles(page);
  assert.deepEqual(files.opfs, ['journal.db', 'journal.db-journal']);
  assert.ok(!files.idbfs.some((f) => f.startsWith('/journal/journal.db')), `IDBFS copy removed: ${files.idbfs}`);

  await logAndWaitSaved(page, { area: 'Neck', view: 'back', side: 'right', muscle: 'Levator scapulae', intensity: 2 });
  await closeBrowser();
  page = await openBrowser(profile);
  await openApp(page, server.url);
  assert.equal((await historyTexts(page)).length, 4, 'the moved journal and the new entry, after a restart');
  await closeBrowser();
});
