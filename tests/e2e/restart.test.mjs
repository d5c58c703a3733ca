// Closing the browser and starting it again with the same profile keeps the
// journal: IndexedDB lives in the profile folder (a fresh context would
// start empty, see shared/TOOLCHAIN.md trap 9).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TestServer } from './lib/server.mjs';
import { launchWithProfile } from './lib/browser.mjs';
import { historyTexts, logAndWaitSaved, openApp } from './lib/app.mjs';

const server = new TestServer();
const profile = mkdtempSync(path.join(os.tmpdir(), 'unknot-e2e-profile-'));
let context;

before(async () => {
  await server.start();
});

after(async () => {
  await context?.close();
  await server.stop();
  rmSync(profile, { recursive: true, force: true });
});

async function openWithProfile() {
  context = await launchWithProfile(profile);
  const page = context.pages()[0] ?? (await context.newPage());
  await openApp(page, server.url);
  return page;
}

test('an entry survives closing and restarting the browser', async () => {
  let page = await openWithProfile();
  await logAndWaitSaved(page, { area: 'Neck', view: 'back', side: 'right', muscle: 'Levator scapulae', intensity: 6 });
  await context.close();
  context = null;

  page = await openWithProfile();
  const texts = await historyTexts(page);
  assert.equal(texts.length, 1);
  assert.match(texts[0], /Levator scapulae \(right\) 6\/10/);
});
