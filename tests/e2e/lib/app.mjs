// The app as a person meets it: controls found by role and accessible name.
import assert from 'node:assert/strict';

const kWaitMs = 15_000;

export const logButton = (page) => page.getByRole('button', { name: 'Log', exact: true });
export const historyList = (page) => page.getByRole('list', { name: 'History' });
export const historyItems = (page) => historyList(page).getByRole('listitem');
export const saveStatus = (page) => page.getByRole('status');
export const bodyMap = (page) => page.getByRole('group', { name: /^Body map/ });

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
// returns ms from navigation start, from the page's own clock. The Log
// screen is shown first if another screen is open.
export async function waitUntilReady(page) {
  await openScreen(page, 'Log');
  await logButton(page).click({ trial: true, timeout: kWaitMs });
  return page.evaluate(() => performance.now());
}

export async function openApp(page, url) {
  await page.goto(url);
  return waitUntilReady(page);
}

// Follows a link of the screen navigation ("Log", "History", "Settings").
export async function openScreen(page, name) {
  const link = page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name, exact: true });
  if ((await link.getAttribute('aria-current')) !== 'page') await link.click();
  await page.getByRole('heading', { level: 2, name: name === 'Log' ? 'Log pain' : name }).waitFor();
}

export async function historyTexts(page) {
  await openScreen(page, 'History');
  // The history loads just after Log is enabled.
  await eventually(async () => assert.equal(await historyList(page).getAttribute('aria-busy'), 'false'));
  return historyItems(page).allInnerTexts();
}

// Sets a 0–10 slider with the keyboard.
export async function setSlider(slider, value) {
  await slider.focus();
  await slider.press('Home');
  for (let i = 0; i < value; i++) await slider.press('ArrowRight');
  assert.equal(await slider.getAttribute('aria-valuetext'), `${value} out of 10`);
}

// Logs on the body map as a person would: the area's region ("Shoulders,
// left") on the front or back view, optionally a muscle (its pin on the
// zoomed map with `pin`, else its button in the list), the side if it is
// "both", the intensity, flare or baseline, a note, then Log.
export async function logEntry(page, { area, side = 'left', view = 'front', muscle, pin = false, both = false, intensity, flare = true, note }) {
  await openScreen(page, 'Log');
  await page.getByRole('group', { name: 'Body view' }).getByRole('button', { name: view === 'front' ? 'Front' : 'Back' }).click();
  if (area) await bodyMap(page).getByRole('button', { name: `${area}, ${side}`, exact: true }).click();
  let name = `${area}, ${side}`;
  if (muscle) {
    // The muscle's pin on the zoomed map, or its button in the list.
    if (pin) await bodyMap(page).getByRole('button', { name: `${muscle}, ${side}`, exact: true }).click();
    else await page.getByRole('group', { name: `Muscles of ${area}, ${side}` }).getByRole('button', { name: muscle, exact: true }).click();
    name = `${muscle}, ${side}`;
  }
  if (area) {
    let card = page.getByRole('listitem', { name, exact: true });
    if (both) {
      await card.getByRole('combobox', { name: 'Side' }).selectOption({ label: 'Both or middle' });
      card = page.getByRole('listitem', { name: name.replace(/, \w+$/, ', both'), exact: true });
    }
    if (intensity !== undefined) await setSlider(card.getByRole('slider', { name: 'Intensity' }), intensity);
  }
  await page.getByRole('radio', { name: flare ? 'Flare' : 'Baseline' }).check();
  if (note !== undefined) {
    const more = page.getByText('More details (optional)');
    const box = page.getByRole('textbox', { name: 'Note (optional)' });
    if (!(await box.isVisible())) await more.click();
    await box.fill(note);
  }
  await logButton(page).click();
}

// Logs an entry and waits until the page says it is saved and the history
// shows one more entry.
export async function logAndWaitSaved(page, entry) {
  const before = (await historyTexts(page)).length;
  await logEntry(page, entry);
  await eventually(async () => assert.equal(await saveStatus(page).innerText(), 'Saved'));
  await openScreen(page, 'History');
  await eventually(async () => assert.equal(await historyItems(page).count(), before + 1));
}
