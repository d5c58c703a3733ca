// Settings end to end: the country's emergency and crisis numbers (from the
// core), export JSON and CSV as downloaded files, import the JSON into a
// fresh profile (the core's result shown; a broken file gives the core's
// error), and deleting all data on the device.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { TestServer } from './lib/server.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { eventually, historyTexts, logAndWaitSaved, openApp, openScreen, waitUntilReady } from './lib/app.mjs';

const server = new TestServer();
let browser;
let page;
let exported;

before(async () => {
  await server.start();
  browser = await launchBrowser();
  page = await (await browser.newContext({ acceptDownloads: true, locale: 'en-GB' })).newPage();
  await openApp(page, server.url);
});

after(async () => {
  await browser?.close();
  await server.stop();
});

test('country: the numbers come from the core, default from the locale, shown in the disclaimer too', async () => {
  await openScreen(page, 'Settings');
  const country = page.getByRole('combobox', { name: 'Country' });
  // Settings fills in once the journal is open (Log comes first).
  await eventually(async () => assert.equal(await country.inputValue(), 'GB'));
  await eventually(async () => assert.match(await page.getByRole('definition').first().innerText(), /^999 \(or 112\)$/));
  await country.selectOption({ label: 'Australia' });
  await eventually(async () => assert.equal(await page.getByRole('definition').first().innerText(), '000'));
  assert.equal(await page.getByRole('definition').nth(1).innerText(), 'Lifeline 13 11 14');
  await page.getByText('Not medical advice').click();
  assert.match(await page.getByRole('banner').getByText(/call your emergency number/).innerText(), /call your emergency number \(000\) now/);
  await page.getByText('Not medical advice').click();
  // The choice is kept on this device.
  await page.reload();
  await waitUntilReady(page);
  await openScreen(page, 'Settings');
  await eventually(async () => assert.equal(await page.getByRole('combobox', { name: 'Country' }).inputValue(), 'AU'));
});

test('export JSON and CSV: downloaded files with the entry, written by the core', async () => {
  await logAndWaitSaved(page, { area: 'Legs', view: 'back', side: 'right', muscle: 'Gastrocnemius (calf)', intensity: 6, note: 'after running' });
  await openScreen(page, 'Settings');
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  assert.match(json.suggestedFilename(), /^unknot-journal-\d{4}-\d{2}-\d{2}\.json$/);
  exported = readFileSync(await json.path(), 'utf8');
  const doc = JSON.parse(exported);
  assert.equal(doc.format, 'unknot-journal');
  assert.equal(doc.entries.length, 1);
  assert.deepEqual(doc.entries[0].sites, [{ site: 'gastrocnemius', side: 'right', intensity: 6 }]);
  assert.equal(doc.entries[0].note, 'after running');

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  assert.match(csv.suggestedFilename(), /\.csv$/);
  assert.match(readFileSync(await csv.path(), 'utf8'), /gastrocnemius/);
});

test('time zone: new entries are stamped in the chosen zone, times shown in it', async () => {
  await openScreen(page, 'Settings');
  await page.getByRole('combobox', { name: 'Time zone' }).selectOption('Asia/Tokyo');
  await logAndWaitSaved(page, { area: 'Arms', side: 'right', intensity: 3 });
  await openScreen(page, 'Settings');
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  const doc = JSON.parse(readFileSync(await json.path(), 'utf8'));
  const arms = doc.entries.find((e) => e.sites[0].site === 'arms');
  assert.match(arms.at, /\+09:00$/);
  assert.equal(arms.tz_offset_minutes, 540);
  // The timeline shows the entry's moment as Tokyo's wall clock.
  const texts = await historyTexts(page);
  const tokyo = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  assert.ok(texts[0].includes(tokyo.format(new Date(arms.at))), texts[0]);
});

test('import: a broken file is refused with the core error; the export goes into a fresh profile', async () => {
  const fresh = await (await browser.newContext()).newPage();
  await openApp(fresh, server.url);
  assert.deepEqual(await historyTexts(fresh), []);
  await openScreen(fresh, 'Settings');
  const input = fresh.getByLabel('Import a JSON export');
  await input.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format":') });
  await eventually(async () => assert.match(await fresh.getByText(/^Nothing imported:/).innerText(), /\(invalid-json\)$/));
  await input.setInputFiles({ name: 'journal.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  await eventually(async () => assert.match(await fresh.getByText(/^Imported /).innerText(), /^Imported 1 entry \(\d+ changes applied\)\.$/));
  const texts = await historyTexts(fresh);
  assert.equal(texts.length, 1);
  assert.match(texts[0], /Gastrocnemius \(calf\) \(right\) 6\/10 · flare/);
  await fresh.context().close();
});

test('delete all data: asks first, then the journal is empty and the app still works', async () => {
  await openScreen(page, 'Settings');
  await page.getByRole('button', { name: 'Delete all data on this device' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete everything on this device?' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.equal((await historyTexts(page)).length, 2, 'cancel keeps everything');
  await openScreen(page, 'Settings');
  await page.getByRole('button', { name: 'Delete all data on this device' }).click();
  await Promise.all([page.waitForEvent('load'), dialog.getByRole('button', { name: 'Delete everything' }).click()]);
  await openApp(page, server.url);
  assert.deepEqual(await historyTexts(page), []);
  await openScreen(page, 'Settings');
  await eventually(async () =>
    assert.equal(await page.getByRole('combobox', { name: 'Country' }).inputValue(), 'GB', 'preferences are gone too'),
  );
  await logAndWaitSaved(page, { area: 'Arms', side: 'left', intensity: 2 });
});
