// The red-flag check in the app (#check): offered after a flare; an
// emergency answer shows the full-screen alert with the chosen country's
// emergency number (the crisis line for self-harm) as a tel: link; the
// pause holds across a reload until "I've been seen"; PHQ-9 item 9 > 0
// escalates; the "Getting help" page renders. All rules are the core's.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TestServer } from './lib/server.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { eventually, logAndWaitSaved, openApp, openScreen, waitUntilReady } from './lib/app.mjs';
import { applyCellsToOpfs, checkCells } from './lib/seed_check.mjs';

const server = new TestServer();
let browser;
let page;

before(async () => {
  await server.start();
  browser = await launchBrowser();
  page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
  await openApp(page, server.url);
});

after(async () => {
  await browser?.close();
  await server.stop();
});

const banner = () => page.locator('#check-banner');
const alert = () => page.getByRole('alertdialog');
const question = (text) => page.getByRole('group', { name: text });

async function answer(text, value) {
  await question(text).getByRole('radio', { name: value, exact: true }).check();
}

async function runCheck() {
  await page.getByRole('button', { name: 'Check', exact: true }).click();
}

// "I've been seen", then the check again with nothing flagged.
async function beenSeen() {
  await openScreen(page, 'Check');
  await page.getByRole('button', { name: "I've been seen" }).click();
  // With age unknown, new pain counts as "at an age to check" (age_onset).
  await page.getByRole('spinbutton', { name: /How old are you/ }).fill('40');
  await runCheck();
  await eventually(async () => assert.equal(await page.getByRole('heading', { name: 'No warning sign found' }).count(), 1));
  assert.match(await page.locator('.check-result').innerText(), /Not fully checked/);
}

test('a logged flare offers the check', async () => {
  await eventually(async () => assert.match(await banner().innerText(), /not checked for warning signs yet/));
  await logAndWaitSaved(page, { area: 'Neck', side: 'left', intensity: 6 });
  await eventually(async () => assert.match(await banner().innerText(), /You logged a flare. Check for warning signs now\?/));
  await banner().getByRole('link', { name: 'Open the check' }).click();
  await page.getByRole('heading', { level: 2, name: 'Check for warning signs' }).waitFor();
  assert.ok(await page.locator('#screen-check .check-disclaimer').getByText(/It does not diagnose or replace a health professional/).isVisible());
});

test('an emergency answer: full screen with the country\'s number; the pause holds across a reload until "I\'ve been seen"', async () => {
  await openScreen(page, 'Check');
  await answer(/^Chest pain or pressure/, 'Yes');
  // The follow-up appears under the yes.
  await page.getByRole('spinbutton', { name: /How many hours ago/ }).fill('1');
  await runCheck();
  await alert().waitFor();
  assert.equal(await alert().getByRole('heading', { level: 2 }).innerText(), 'Call 999 now');
  const call = alert().getByRole('link', { name: 'Call 999' });
  assert.equal(await call.getAttribute('href'), 'tel:999');
  assert.match(await alert().innerText(), /Chest pain can come from the heart even when it feels like a muscle/);
  assert.match(await alert().innerText(), /All self-care routines are paused/);
  // It covers the screen.
  const box = await alert().boundingBox();
  const viewport = page.viewportSize();
  assert.ok(box.width >= viewport.width - 1 && box.height >= viewport.height - 1, JSON.stringify({ box, viewport }));
  await alert().getByRole('button', { name: 'I understand' }).click();

  await page.reload();
  await waitUntilReady(page);
  await eventually(async () => assert.match(await banner().innerText(), /Self-care is paused/));
  await openScreen(page, 'Check');
  assert.match(await page.getByRole('region', { name: 'Self-care paused' }).innerText(), /Chest pain can come from the heart/);
  assert.equal(await page.getByRole('button', { name: 'Check', exact: true }).isVisible(), false);
  await beenSeen();
  await openScreen(page, 'Log');
  await eventually(async () => assert.equal(await banner().isVisible(), false));
});

test('self-harm thoughts: the crisis line of the chosen country', async () => {
  await openScreen(page, 'Settings');
  await page.getByRole('combobox', { name: 'Country' }).selectOption({ label: 'Australia' });
  await openScreen(page, 'Check');
  await answer(/better off dead/, 'Yes');
  await answer(/act on those thoughts now/, 'No');
  await runCheck();
  await alert().waitFor();
  assert.equal(await alert().getByRole('heading', { level: 2 }).innerText(), 'Talk to someone today');
  const line = alert().getByRole('link', { name: 'Crisis line 13 11 14' });
  assert.equal(await line.getAttribute('href'), 'tel:131114');
  assert.match(await alert().innerText(), /You don't have to face this alone/);
  await alert().getByRole('button', { name: 'I understand' }).click();
  // self_harm pauses no self-care; the form stays open.
  await answer(/better off dead/, 'No');
});

test('PHQ-9 item 9 above 0 escalates to the crisis line', async () => {
  await openScreen(page, 'Check');
  await page.getByText('Mood check-in (optional)').click();
  const phq = page.getByRole('group', { name: 'Mood (PHQ-9)' });
  await phq.getByRole('button', { name: 'Answer all 9 questions' }).click();
  for (let i = 1; i <= 8; i++) {
    await phq.getByRole('group', { name: new RegExp(`^${i}\\. `) }).getByRole('radio', { name: 'Not at all' }).check();
  }
  await phq.getByRole('group', { name: /^9\. Thoughts that you would be better off dead/ }).getByRole('radio', { name: 'Several days' }).check();
  // Item 9 counts as a yes to self-harm thoughts: "act on them now" is asked too.
  await answer(/act on those thoughts now/, 'No');
  await runCheck();
  await alert().waitFor();
  assert.equal(await alert().getByRole('heading', { level: 2 }).innerText(), 'Talk to someone today');
  assert.ok(await alert().getByRole('link', { name: 'Crisis line 13 11 14' }).isVisible());
  await alert().getByRole('button', { name: 'I understand' }).click();
  const result = await page.locator('.check-result').innerText();
  assert.match(result, /Mood \(PHQ-9\): 1 \(minimal\)/);
  assert.match(result, /You don't have to face this alone/);
});

test('the getting-help page explains the professional options', async () => {
  await openScreen(page, 'Getting help');
  const help = page.locator('#screen-help');
  for (const name of ['Physical therapy', 'Massage therapy', 'Trigger point injections', 'Dry needling']) {
    assert.equal(await help.getByRole('heading', { name, exact: true }).count(), 1, name);
  }
  assert.equal(await help.getByRole('link', { name: '000' }).getAttribute('href'), 'tel:000');
  assert.match(await help.innerText(), /does not diagnose or replace a health professional/);
});

test('the printable report: the logged entries, chart, heat map, checks and adherence', async () => {
  await openScreen(page, 'Report');
  const body = page.locator('#screen-report .report-body');
  await eventually(async () => assert.match(await body.innerText(), /Pain report, \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d/));
  const entries = body.getByRole('table', { name: 'Entries in the period' });
  assert.match(await entries.innerText(), /Neck \(left\) 6\/10/);
  assert.match(await entries.innerText(), /flare/);
  assert.match(await body.getByRole('img', { name: /^Pain over time, overall: 1 day with entries, highest 6\/10/ }).getAttribute('aria-label'), /latest 6\/10/);
  assert.match(await body.getByRole('img', { name: /^Heat map, front/ }).getAttribute('aria-label'), /Neck left 6/);
  const checks = await body.getByRole('table', { name: 'Red-flag checks in the period' }).innerText();
  assert.match(checks, /Emergency: call now/);
  assert.match(checks, /Chest pain can come from the heart/);
  assert.match(await body.innerText(), /Last 28 days: nothing scheduled/);
  // On paper: the report alone.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByRole('navigation', { name: 'Screens' }).isVisible(), false);
  assert.equal(await entries.isVisible(), true);
  assert.equal(await page.getByRole('button', { name: 'Print or save as PDF' }).isVisible(), false);
  await page.emulateMedia({ media: 'screen' });
});

test('weekly: a last check more than 7 days old offers the check again', async () => {
  // A fresh profile whose only check is 8 days old (as synced from another device).
  const context = await browser.newContext({ locale: 'en-GB' });
  const first = await context.newPage();
  await openApp(first, server.url);
  await applyCellsToOpfs(first, server, checkCells({ level: 'self_care', atMs: Date.now() - 8 * 86400000 }));
  await first.close();
  const again = await context.newPage();
  await openApp(again, server.url);
  await eventually(async () => assert.match(await again.locator('#check-banner').innerText(), /more than a week ago/));
  await context.close();
});
