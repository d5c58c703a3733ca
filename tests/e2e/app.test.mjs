// The walking skeleton end to end: the built app, served by the real
// unknot-server, in Debian's Chromium. One browser and one server for the
// file; the tests run in order and share one page (one origin, one journal).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TestServer } from './lib/server.mjs';
import { launchBrowser } from './lib/browser.mjs';
import {
  eventually,
  historyItems,
  historyTexts,
  logAndWaitSaved,
  logButton,
  logEntry,
  openApp,
  waitUntilReady,
} from './lib/app.mjs';

const server = new TestServer();
let browser;
let page;

before(async () => {
  await server.start();
  browser = await launchBrowser();
  page = await (await browser.newContext()).newPage();
});

after(async () => {
  await browser?.close();
  await server.stop();
});

test('first visit: the Log button becomes enabled once the core is ready', async () => {
  const started = Date.now();
  const pageMs = await openApp(page, server.url);
  const wallMs = Date.now() - started;
  const readyMark = await page.evaluate(() => performance.getEntriesByName('unknot:ready')[0]?.startTime);
  // The page marks the moment it enables Log; Playwright's polling sees it
  // a little later.
  console.log(
    `e2e figure: navigation to enabled Log button ${Math.round(readyMark)} ms ` +
      `(page's unknot:ready mark; the test saw it at ${Math.round(pageMs)} ms page time, ${wallMs} ms wall)`,
  );
  assert.equal(await logButton(page).isEnabled(), true);
  assert.deepEqual(await historyTexts(page), []);
  assert.equal(await page.getByText('No entries yet.').isVisible(), true);
});

test('the disclaimer is one tap away', async () => {
  const text = page.getByText('It does not diagnose or replace a health professional');
  assert.equal(await text.isVisible(), false);
  await page.getByText('Not medical advice').click();
  assert.equal(await text.isVisible(), true);
  await page.getByText('Not medical advice').click();
});

test('log an entry: it appears in the history, saved', async () => {
  await logAndWaitSaved(page, { site: 'Upper trapezius', side: 'Left', intensity: 7, note: 'after a long drive' });
  const [text] = await historyTexts(page);
  assert.match(text, /Upper trapezius \(left\) 7\/10 · flare/);
  assert.match(text, /after a long drive/);
});

test('invalid input: the core refuses a too-long note and its message is shown', async () => {
  // Intensity 11 cannot be entered (the slider stops at 10); a note over
  // the core's 4000-byte limit can, and nothing may be stored.
  await logEntry(page, { site: 'Neck', intensity: 3, note: 'x'.repeat(4001) });
  const alert = page.getByRole('alert');
  await eventually(async () => assert.match(await alert.innerText(), /note-too-long/));
  assert.match(await alert.innerText(), /^Could not log: the note is 4001 bytes; at most 4000 are allowed/);
  assert.equal(await historyItems(page).count(), 1);
});

test('no body site chosen: the core asks for one', async () => {
  await page.getByRole('combobox', { name: 'Body site' }).selectOption({ label: 'Choose a body site' });
  await logButton(page).click();
  const alert = page.getByRole('alert');
  await eventually(async () => assert.match(await alert.innerText(), /\(no-sites\)$/));
  assert.equal(await historyItems(page).count(), 1);
});

test('delete, then Undo brings the entry back', async () => {
  const entry = historyItems(page).filter({ hasText: 'Upper trapezius' });
  await entry.getByRole('button', { name: /^Delete entry/ }).click();
  await eventually(async () => assert.equal(await historyItems(page).count(), 0));
  await page.getByRole('button', { name: 'Undo' }).click();
  await eventually(async () => assert.equal(await historyItems(page).count(), 1));
  assert.match((await historyTexts(page))[0], /Upper trapezius/);
  assert.equal(await page.getByRole('alert').isVisible(), false);
});

test('a reload keeps the entries (IDBFS)', async () => {
  await page.reload();
  await waitUntilReady(page);
  const texts = await historyTexts(page);
  assert.equal(texts.length, 1);
  assert.match(texts[0], /Upper trapezius \(left\) 7\/10/);
});

test('at 360 px wide nothing scrolls sideways, in light and dark', async () => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${colorScheme}: ${overflow}px wider than the screen`);
  }
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(background, 'rgb(18, 22, 21)', 'dark mode follows prefers-color-scheme');
  if (process.env.UNKNOT_E2E_SCREENSHOTS) {
    await page.screenshot({ path: `${process.env.UNKNOT_E2E_SCREENSHOTS}/app-360-dark.png`, fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.screenshot({ path: `${process.env.UNKNOT_E2E_SCREENSHOTS}/app-360-light.png`, fullPage: true });
  }
});

test('a second tab waits while the first holds the journal, then takes over', async () => {
  const second = await page.context().newPage();
  await second.goto(server.url);
  await eventually(async () => assert.match(await second.getByRole('status').innerText(), /open in another tab/));
  assert.equal(await logButton(second).isEnabled(), false);
  await page.close();
  await waitUntilReady(second);
  assert.equal(await historyItems(second).count(), 1);
});
