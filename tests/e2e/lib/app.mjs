// The app as a person meets it: controls found by role and accessible name.
import assert from 'node:assert/strict';

const kWaitMs = 15_000;

export const logButton = (page) => page.getByRole('button', { name: 'Log', exact: true });
export const historyItems = (page) => page.getByRole('list', { name: 'History' }).getByRole('listitem');
export const saveStatus = (page) => page.getByRole('status');

// Retries `check` (which throws while it fails) until it passes or time runs out.
export async function eventually(check, timeoutMs = kWaitMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

// Waits until the Log button can be pressed (the worker opened the journal);
// returns ms from navigation start, from the page's own clock.
export async function waitUntilReady(page) {
  await logButton(page).click({ trial: true, timeout: kWaitMs });
  return page.evaluate(() => performance.now());
}

export async function openApp(page, url) {
  await page.goto(url);
  return waitUntilReady(page);
}

export async function historyTexts(page) {
  return historyItems(page).allInnerTexts();
}

// Fills the Log form the way a keyboard user would and presses Log.
export async function logEntry(page, { site, side, intensity, flare = true, note }) {
  await page.getByRole('combobox', { name: 'Body site' }).selectOption({ label: site });
  if (side) await page.getByRole('combobox', { name: 'Side' }).selectOption({ label: side });
  const slider = page.getByRole('slider', { name: 'Intensity' });
  await slider.focus();
  await slider.press('Home');
  for (let i = 0; i < intensity; i++) await slider.press('ArrowRight');
  assert.equal(await slider.getAttribute('aria-valuetext'), `${intensity} out of 10`);
  await page.getByRole('radio', { name: flare ? 'Flare' : 'Baseline' }).check();
  if (note !== undefined) await page.getByRole('textbox', { name: 'Note (optional)' }).fill(note);
  await logButton(page).click();
}

// Logs an entry and waits until the page says it is saved.
export async function logAndWaitSaved(page, entry) {
  const before = await historyItems(page).count();
  await logEntry(page, entry);
  await eventually(async () => assert.equal(await saveStatus(page).innerText(), 'Saved'));
  await eventually(async () => assert.equal(await historyItems(page).count(), before + 1));
}
