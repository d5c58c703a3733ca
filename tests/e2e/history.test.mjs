// History over a chosen period: an entry logged for 40 days ago (the Log
// screen's "When") is in the 90-day and "All" views but not in the 7- and
// 30-day ones — the core filters by each entry's own local date — and the
// chart and heat map follow the period.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TestServer } from './lib/server.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { bodyMap, eventually, historyItems, historyTexts, logAndWaitSaved, logButton, openApp, openScreen, saveStatus } from './lib/app.mjs';

const server = new TestServer();
let browser;
let page;

before(async () => {
  await server.start();
  browser = await launchBrowser();
  page = await (await browser.newContext({ timezoneId: 'UTC' })).newPage();
  await openApp(page, server.url);
});

after(async () => {
  await browser?.close();
  await server.stop();
});

test('an entry in the past, logged with "When"', async () => {
  await bodyMap(page).getByRole('button', { name: 'Hips, left', exact: true }).click();
  await page.getByText('More details (optional)').click();
  const past = new Date(Date.now() - 40 * 86400000).toISOString().slice(0, 16);
  await page.getByLabel('When (leave empty for now)').fill(past);
  await logButton(page).click();
  await eventually(async () => assert.equal(await saveStatus(page).innerText(), 'Saved'));
  await logAndWaitSaved(page, { area: 'Legs', side: 'right', intensity: 8 });
});

test('the period chooses what the timeline, chart and heat map show', async () => {
  await openScreen(page, 'History');
  const chart = page.getByRole('img', { name: /^Pain over time/ });
  const front = page.getByRole('img', { name: /^Heat map, front/ });
  const expectations = [
    ['7 days', 1, /1 day with entries/],
    ['30 days', 1, /1 day with entries/],
    ['90 days', 2, /2 days with entries, highest 8\/10, latest 8\/10/],
    ['All', 2, /2 days with entries/],
  ];
  for (const [period, count, label] of expectations) {
    await page.getByRole('group', { name: 'Period' }).getByRole('radio', { name: period }).check();
    await eventually(async () => assert.equal(await historyItems(page).count(), count, period));
    assert.match(await chart.getAttribute('aria-label'), label, period);
    assert.equal(/Hips left 5/.test(await front.getAttribute('aria-label')), count === 2, period);
  }
  const texts = await historyTexts(page);
  assert.match(texts[0], /Legs \(right\) 8\/10/);
  assert.match(texts[1], /Hips \(left\) 5\/10/);
});
