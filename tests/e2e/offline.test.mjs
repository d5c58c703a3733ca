// Offline: once the service worker controls the page, the app loads, shows
// the journal and logs new entries with the server stopped.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TestServer } from './lib/server.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { historyTexts, logAndWaitSaved, openApp, waitUntilReady } from './lib/app.mjs';

const server = new TestServer();
let browser;

before(async () => {
  await server.start();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server.stop();
});

test('with the server stopped the app still loads, logs and keeps entries', async () => {
  const page = await browser.newPage();
  await openApp(page, server.url);
  await logAndWaitSaved(page, { area: 'Head and jaw', side: 'right', muscle: 'Masseter', both: true, intensity: 4 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });

  const port = server.port;
  await server.stop();
  const refused = await page.evaluate(
    (url) => fetch(url, { cache: 'no-store' }).then(() => 'answered', () => 'refused'),
    `${server.url}healthz`,
  );
  assert.equal(refused, 'refused', 'the server is really down');

  await page.reload();
  await waitUntilReady(page);
  assert.equal((await historyTexts(page)).length, 1);
  await logAndWaitSaved(page, { area: 'Neck', side: 'left', muscle: 'Scalenes', intensity: 2, flare: false });
  await page.reload();
  await waitUntilReady(page);
  const texts = await historyTexts(page);
  assert.equal(texts.length, 2);
  assert.match(texts[0], /Scalenes \(left\) 2\/10 · baseline/);
  assert.match(texts[1], /Masseter \(both\) 4\/10 · flare/);

  // Back online on the same port (same origin): the page still works.
  await server.start(port);
  await page.reload();
  await waitUntilReady(page);
  assert.equal((await historyTexts(page)).length, 2);
});
