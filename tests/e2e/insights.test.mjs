// Insights in the app (History's Insights section) and on the printable
// report: 28 days of entries seeded through the app's worker (long sitting
// on every other day, with higher pain; pain lower over the last two
// weeks), then the page shows the core's trigger claim with its day count,
// the trend in words and the disclaimer; too little data says so; the
// report carries the triggers and what-helped sections.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TestServer } from './lib/server.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { eventually, openApp, openScreen } from './lib/app.mjs';
import { callWorker, startWorker, stopWorker } from './lib/worker.mjs';

const server = new TestServer();
let browser;
let page;

before(async () => {
  await server.start();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server.stop();
});

// n days ago, at this time of day (UTC, the page's zone).
const daysAgo = (n) => new Date(Date.now() - n * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');

// A fresh profile (its own OPFS) whose journal the worker fills with one
// entry a day for `days` days (`intensity(n)`, long sitting when
// `sitting(n)`), then the app opened on it.
async function seededApp(days, intensity, sitting) {
  const context = await browser.newContext({ timezoneId: 'UTC' });
  page = await context.newPage();
  await startWorker(page, server, 'opfs');
  for (let n = 0; n < days; n++) {
    const answer = await callWorker(page, 'log', {
      at: daysAgo(n), flare: false, sites: [{ site: 'neck', side: 'both', intensity: intensity(n) }],
      triggers: sitting(n) ? ['long_sitting'] : [],
    });
    assert.ok(answer.ok, JSON.stringify(answer));
  }
  await stopWorker(page);
  await openApp(page, server.url);
}

const insightsBody = () => page.locator('#screen-history .insights-body');

async function shownInsights() {
  await openScreen(page, 'History');
  await eventually(async () => assert.equal(await insightsBody().getAttribute('aria-busy'), 'false'));
  return insightsBody().innerText();
}

test('too little data: no claim, "not enough data yet"', async () => {
  await seededApp(4, (n) => (n % 2 ? 2 : 8), (n) => n % 2 === 0);
  const text = await shownInsights();
  assert.match(text, /does not diagnose or replace a health professional/);
  // The minimum comes from the core's JSON ("minimums"), not the page.
  assert.match(text, /Long sitting: not enough data yet — based on 4 days \(2 with it, 2 without\); 7 needed on each side\./);
  assert.match(text, /Overall: not enough data yet .*; 4 needed in each\)/);
  assert.doesNotMatch(text, /Long sitting goes with/);
});

test('a trigger claim with its day count and a trend in words', async () => {
  // 28 days: long sitting on even days. The last 2 weeks: 5 with it, 2
  // without; the 2 before: 9 and 6.
  const sitting = (n) => n % 2 === 0;
  await seededApp(28, (n) => (n < 14 ? (sitting(n) ? 5 : 2) : sitting(n) ? 9 : 6), sitting);
  const text = await shownInsights();
  assert.match(text, /Long sitting goes with higher pain: mean pain 7\.0 on days with it vs 4\.0 without; likely [\d.]+ to [\d.]+ points higher with it — based on 28 days \(14 with it, 14 without\)\./);
  assert.match(text, /Overall: down from 7\.5 to 3\.5 over the last 2 weeks — a meaningful change\./);
  assert.match(text, /Neck: down from 7\.5 to 3\.5 over the last 2 weeks — a meaningful change\./);
  assert.match(text, /By time of day/);
  assert.match(text, /Monday/);
  // At 360 px (a phone) and at 180 px (200 % zoom) nothing scrolls sideways.
  for (const width of [360, 180]) {
    await page.setViewportSize({ width, height: 740 });
    await page.locator('#screen-history .insights').scrollIntoViewIfNeeded();
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 0, `${width} px`);
    const shots = process.env.UNKNOT_E2E_SCREENSHOTS;
    if (shots) await page.locator('#screen-history .insights').screenshot({ path: `${shots}/insights-${width}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  // The 7-day period has too few days on either side: no claim.
  await page.getByRole('group', { name: 'Period' }).getByRole('radio', { name: '7 days' }).check();
  await eventually(async () => assert.match(await insightsBody().innerText(), /Long sitting: not enough data yet — based on 7 days/));
});

test('the report shows the triggers and what helped', async () => {
  await openScreen(page, 'Report');
  const body = page.locator('#screen-report .report-body');
  await eventually(async () => assert.match(await body.innerText(), /Triggers \(pain on days with and without\)/i));
  const text = await body.innerText();
  assert.match(text, /Long sitting goes with higher pain: .* based on 28 days \(14 with it, 14 without\)\./);
  assert.match(text, /What helped \(pain before and after\)/i);
  assert.match(text, /No routines rated before and after, and nothing marked as helped, in this period\./);
});
