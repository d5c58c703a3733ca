// Routines end to end: the library by kind, a routine of your own created,
// edited and deleted (the core's error shown), the red-flag gate sending the
// first routine to #check and back, the guided player with a controlled clock
// (playwright-core's page.clock: the countdown runs, pause holds the time,
// resume continues, rests and reps follow), the session logged with pain
// before/after (read back through the worker's `sessions`) and counted by
// adherence, a schedule in Today, and a reminder firing (Notification is
// mocked: headless Chromium shows none).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TestServer } from './lib/server.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { eventually, openApp, openScreen, setSlider } from './lib/app.mjs';
import { applyCellsToOpfs, checkCells, leaveApp } from './lib/seed_check.mjs';
import { callWorker, startWorker, stopWorker } from './lib/worker.mjs';

const server = new TestServer();
let browser;
let context;
let page;

// The page's clock: 10:00 UTC today, so a schedule two minutes ahead never
// crosses midnight. The browser runs in UTC.
const today = new Date().toISOString().slice(0, 10);
const kStart = new Date(`${today}T10:00:00Z`);

// Records notifications instead of showing them; permission starts "default".
function mockNotifications() {
  window.shownNotifications = [];
  class FakeNotification {
    static permission = 'default';
    static async requestPermission() {
      FakeNotification.permission = 'granted';
      return 'granted';
    }
    constructor(title, options) {
      window.shownNotifications.push({ title, body: options?.body ?? '' });
    }
  }
  window.Notification = FakeNotification;
}

async function newAppPage() {
  page = await context.newPage();
  await page.clock.install({ time: kStart });
  await openApp(page, server.url);
  return page;
}

before(async () => {
  await server.start();
  browser = await launchBrowser();
  context = await browser.newContext({ timezoneId: 'UTC', locale: 'en-GB' });
  await context.addInitScript(mockNotifications);
  await newAppPage();
});

after(async () => {
  await browser?.close();
  await server.stop();
});

const routineItem = (name) => page.getByRole('listitem', { name, exact: true });
const timer = () => page.getByRole('timer');

async function expectTimer(text) {
  await eventually(async () => assert.equal(await timer().innerText(), text));
}

test('the library, grouped by kind, with steps, doses and safety notes', async () => {
  await openScreen(page, 'Routines');
  for (const kind of ['Stretches', 'Foam rolling', 'Heat', 'Self-massage', 'Posture checks', 'Mind–body']) {
    await page.getByRole('heading', { level: 3, name: kind, exact: true }).waitFor();
  }
  const calf = routineItem('Wall calf stretch');
  await calf.getByText('Wall calf stretch').click();
  const text = await calf.innerText();
  assert.match(text, /30 s \(1 min at 65\+\), 3–5 reps, 10 s rest, each side/);
  assert.match(text, /sharp, spreading or worsening pain/);
  assert.match(text, /For: /);
});

test('a routine of your own: the core refuses a bad one, then create, edit, delete', async () => {
  await openScreen(page, 'Routines');
  await page.getByRole('button', { name: 'Create a routine' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a routine' });
  await dialog.getByRole('button', { name: 'Save routine' }).click();
  await eventually(async () => assert.match(await dialog.getByRole('alert').innerText(), /invalid-title/));

  await dialog.getByRole('textbox', { name: 'Title' }).fill('Temp routine');
  await dialog.getByRole('textbox', { name: 'What to do' }).fill('Breathe slowly');
  await dialog.getByRole('button', { name: 'Save routine' }).click();
  await routineItem('Temp routine').waitFor();

  await routineItem('Temp routine').getByRole('button', { name: 'Edit Temp routine' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit “Temp routine”' });
  await edit.getByRole('textbox', { name: 'Title' }).fill('Evening wind-down');
  await edit.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'Mind–body' });
  await edit.getByRole('button', { name: 'Save routine' }).click();
  await routineItem('Evening wind-down').waitFor();
  assert.equal(await routineItem('Temp routine').count(), 0);
  // Under its new kind.
  const mindBody = page.getByRole('list', { name: 'Mind–body' });
  await mindBody.getByRole('listitem', { name: 'Evening wind-down' }).waitFor();

  await routineItem('Evening wind-down').getByRole('button', { name: 'Delete Evening wind-down' }).click();
  await page.getByRole('dialog', { name: /Delete/ }).getByRole('button', { name: 'Delete routine' }).click();
  await eventually(async () => assert.equal(await routineItem('Evening wind-down').count(), 0));

  // The one the player runs below: 20 s × 2 with a 5 s rest, then an untimed step.
  await page.getByRole('button', { name: 'Create a routine' }).click();
  await dialog.getByRole('textbox', { name: 'Title' }).fill('Desk stretch');
  await dialog.getByRole('checkbox', { name: 'Neck', exact: true }).check();
  await dialog.getByRole('textbox', { name: 'What to do' }).fill('Ear to shoulder');
  await dialog.getByRole('spinbutton', { name: 'Seconds (0: own pace)' }).fill('20');
  await dialog.getByRole('spinbutton', { name: 'Reps', exact: true }).fill('2');
  await dialog.getByRole('spinbutton', { name: 'Rest between reps (s)' }).fill('5');
  await dialog.getByRole('button', { name: 'Add a step' }).click();
  await dialog.getByRole('textbox', { name: 'What to do' }).nth(1).fill('Roll the shoulders');
  await dialog.getByRole('spinbutton', { name: 'Seconds (0: own pace)' }).nth(1).fill('0');
  await dialog.getByRole('button', { name: 'Save routine' }).click();
  await routineItem('Desk stretch').waitFor();
});

test("a step's ranges, 65+ hold and sides survive saving and editing", async () => {
  await openScreen(page, 'Routines');
  await page.getByRole('button', { name: 'Create a routine' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a routine' });
  await dialog.getByRole('textbox', { name: 'Title' }).fill('Hip opener');
  await dialog.getByRole('textbox', { name: 'What to do' }).fill('Figure-four stretch');
  await dialog.getByRole('spinbutton', { name: 'Seconds (0: own pace)' }).fill('30');
  await dialog.getByRole('spinbutton', { name: 'Reps', exact: true }).fill('3');
  await dialog.getByRole('checkbox', { name: 'Each side' }).check();
  await dialog.getByText('Ranges and longer holds (optional)').click();
  await dialog.getByRole('spinbutton', { name: 'Up to seconds (0: no range)' }).fill('45');
  await dialog.getByRole('spinbutton', { name: 'Up to reps (0: no range)' }).fill('5');
  await dialog.getByRole('spinbutton', { name: 'Hold for people 65+ (s, 0: none)' }).fill('60');
  await dialog.getByRole('button', { name: 'Save routine' }).click();
  await routineItem('Hip opener').waitFor();

  // Read back from the core: the editor opens with every field as saved.
  const fields = async (d) => ({
    seconds: await d.getByRole('spinbutton', { name: 'Seconds (0: own pace)' }).inputValue(),
    reps: await d.getByRole('spinbutton', { name: 'Reps', exact: true }).inputValue(),
    maxSeconds: await d.getByRole('spinbutton', { name: 'Up to seconds (0: no range)' }).inputValue(),
    maxReps: await d.getByRole('spinbutton', { name: 'Up to reps (0: no range)' }).inputValue(),
    older: await d.getByRole('spinbutton', { name: 'Hold for people 65+ (s, 0: none)' }).inputValue(),
    sides: await d.getByRole('checkbox', { name: 'Each side' }).isChecked(),
  });
  const want = { seconds: '30', reps: '3', maxSeconds: '45', maxReps: '5', older: '60', sides: true };
  await routineItem('Hip opener').getByRole('button', { name: 'Edit Hip opener' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit “Hip opener”' });
  assert.deepEqual(await fields(edit), want);
  // An edit of the title alone keeps the dose.
  await edit.getByRole('textbox', { name: 'Title' }).fill('Hip opener, both sides');
  await edit.getByRole('button', { name: 'Save routine' }).click();
  await routineItem('Hip opener, both sides').waitFor();
  await routineItem('Hip opener, both sides').getByRole('button', { name: 'Edit Hip opener, both sides' }).click();
  const again = page.getByRole('dialog', { name: 'Edit “Hip opener, both sides”' });
  assert.deepEqual(await fields(again), want);
  await again.getByRole('button', { name: 'Cancel' }).click();
  await routineItem('Hip opener, both sides').getByRole('button', { name: 'Delete Hip opener, both sides' }).click();
  await page.getByRole('dialog', { name: /Delete/ }).getByRole('button', { name: 'Delete routine' }).click();
  await eventually(async () => assert.equal(await routineItem('Hip opener, both sides').count(), 0));
});

test('the first routine asks for the red-flag check first: to #check and back', async () => {
  await openScreen(page, 'Routines');
  await page.getByRole('button', { name: 'Start Desk stretch' }).click();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  const gate = page.getByRole('alert').filter({ hasText: 'safety questions' });
  await gate.waitFor();
  const link = gate.getByRole('link', { name: 'Go to the red-flag check' });
  assert.equal(await link.getAttribute('href'), '#check');
  await link.click();
  // The Check screen (web-triage): nothing flagged, at 40.
  await page.getByRole('heading', { level: 2, name: 'Check for warning signs' }).waitFor();
  await page.getByRole('spinbutton', { name: /How old are you/ }).fill('40');
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await page.getByRole('heading', { name: 'No warning sign found' }).waitFor();
  // Back on Routines the gate is asked again: the routine may start now.
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Routines', exact: true }).click();
  await page.getByText('Checked: nothing stops this routine now.').waitFor();
  await page.getByRole('button', { name: 'Back to routines' }).click();
});

test('the player: countdown, pause holds the time, resume, rest, reps; the session is logged', async () => {
  await openScreen(page, 'Routines');
  await page.getByRole('button', { name: 'Start Desk stretch' }).click();
  await setSlider(page.getByRole('slider', { name: 'Pain now: Neck' }), 6);
  // From here the page's time moves only when the test says so.
  await page.clock.pauseAt(new Date(kStart.getTime() + 60_000));
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expectTimer('0:20');
  assert.match(await page.locator('.reps').innerText(), /Rep 1 of 2/);
  assert.match(await page.locator('.step-text').innerText(), /Ear to shoulder/);

  await page.clock.runFor(5_000);
  await expectTimer('0:15');
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.clock.runFor(10_000);
  await expectTimer('0:15');
  assert.match(await page.locator('.phase').innerText(), /paused/);
  await page.getByRole('button', { name: 'Resume' }).click();
  await page.clock.runFor(5_000);
  await expectTimer('0:10');

  await page.clock.runFor(10_000);
  await eventually(async () => assert.equal(await page.locator('.phase').innerText(), 'Rest'));
  await expectTimer('0:05');
  await page.clock.runFor(5_000);
  await expectTimer('0:20');
  assert.match(await page.locator('.reps').innerText(), /Rep 2 of 2/);
  // A long gap (a locked screen): the time is caught up from timestamps.
  await page.clock.runFor(20_000);
  await eventually(async () => assert.match(await page.locator('.step-text').innerText(), /Roll the shoulders/));
  await page.getByRole('button', { name: 'Done, next step' }).click();

  await eventually(async () => assert.match(await page.locator('.summary').innerText(), /Steps done: 2 of 2\. Time: 0:45\./));
  await setSlider(page.getByRole('slider', { name: 'Pain now: Neck' }), 3);
  await page.getByRole('button', { name: 'Save session' }).click();
  await page.getByText(/Session saved\. Pain down 3 \(from 6 to 3\)/).waitFor();
  await page.clock.resume();

  // Adherence counts it; Today lists it.
  await openScreen(page, 'Today');
  await eventually(async () => assert.equal(await page.locator('dd.total').innerText(), '1'));
  assert.match(await page.locator('dd.streak').innerText(), /^1 day/);
  assert.match(await page.locator('dd.week').innerText(), /1 session on 1 day/);
  assert.match(await page.getByRole('list', { name: 'Recent sessions' }).innerText(), /Desk stretch: 2 of 2 steps, 0:45, pain 6 → 3 \(Neck\)/);
});

test('a schedule shows in Today, and its reminder fires when it is due', async () => {
  await openScreen(page, 'Today');
  await page.getByRole('button', { name: 'Allow notifications' }).click();
  await page.getByText('Reminders: notifications while Unknot is open').waitFor();

  const now = await page.evaluate(() => new Date().toISOString());
  const due = new Date(new Date(now).getTime() + 2 * 60_000).toISOString().slice(11, 16);
  await page.getByRole('combobox', { name: 'Routine' }).selectOption({ label: 'Deep breathing' });
  await page.getByRole('combobox', { name: 'Days' }).selectOption({ label: 'Every day' });
  await page.getByLabel('At', { exact: true }).fill(due);
  await page.getByRole('button', { name: 'Add schedule' }).click();
  await page.getByRole('list', { name: 'Schedules' }).getByText(`Deep breathing, daily at ${due}`).waitFor();
  const item = page.getByRole('list', { name: "Today's routines" }).getByRole('listitem');
  await eventually(async () => assert.match(await item.innerText(), new RegExp(`${due}\\s+Deep breathing\\s+Later`)));

  // A bad schedule: the core's error.
  await page.getByRole('checkbox', { name: 'Repeat through the day' }).check();
  await page.getByRole('spinbutton', { name: 'Every (minutes)' }).fill('2');
  await page.getByRole('button', { name: 'Add schedule' }).click();
  await eventually(async () => assert.match(await page.locator('#error').innerText(), /invalid-schedule/));
  await page.getByRole('checkbox', { name: 'Repeat through the day' }).uncheck();

  await page.clock.fastForward(3 * 60_000);
  const banner = page.getByRole('alert').filter({ hasText: 'Time for' });
  await eventually(async () => assert.equal(await banner.locator('.reminder-text').innerText(), `Time for Deep breathing (${due}).`));
  const shown = await page.evaluate(() => window.shownNotifications);
  assert.deepEqual(shown, [{ title: 'Unknot', body: `Time for Deep breathing (${due})` }]);
  await eventually(async () => assert.match(await item.innerText(), /Due/));
  // Start from the reminder opens the player on that routine.
  await banner.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('heading', { level: 3, name: 'Deep breathing' }).waitFor();
  // A whole-body routine: pain overall, or in an area the person picks.
  const where = page.getByRole('combobox', { name: 'Where' });
  assert.equal(await where.inputValue(), '');
  await where.selectOption({ label: 'Neck' });
  await page.getByRole('slider', { name: 'Pain now: Neck' }).waitFor();
  await page.getByRole('button', { name: 'Back to routines' }).click();

  // A reload within the half hour does not announce it again.
  await page.reload();
  await openScreen(page, 'Today');
  await eventually(async () => assert.match(await item.innerText(), /Due/));
  await page.clock.fastForward(61_000);
  await page.clock.runFor(1000);
  assert.deepEqual(await page.evaluate(() => window.shownNotifications), []);
  assert.equal(await banner.isVisible(), false);
});

test('the sessions the core returns: steps, duration, site, pain before and after', async () => {
  await leaveApp(page, server);
  await page.close();
  page = await context.newPage();
  await startWorker(page, server, 'opfs');
  const sessions = await callWorker(page, 'sessions', {});
  assert.equal(sessions.ok, true, JSON.stringify(sessions));
  assert.equal(sessions.result.length, 1);
  const [s] = sessions.result;
  assert.match(s.routine_id, /^r[0-9a-f]{32}$/);
  assert.deepEqual(
    [s.steps_done, s.steps_total, s.duration_seconds, s.site, s.pain_before, s.pain_after, s.local_date],
    [2, 2, 45, 'neck', 6, 3, today],
  );
  await stopWorker(page);
});

test('a red flag that paused the legs: the calf stretch waits for "I\'ve been seen", the neck routine starts', async () => {
  const dvt = { id: 'dvt', level: 'urgent', message: 'A swollen calf', pauses: 'site', source: 'RED_FLAGS.md' };
  await applyCellsToOpfs(page, server, checkCells({ level: 'urgent', rules: [dvt], atMs: Date.now() + 1000 }));
  await page.close();
  await newAppPage();
  await openScreen(page, 'Routines');
  await page.getByRole('button', { name: 'Start Wall calf stretch' }).click();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  const gate = page.getByRole('alert').filter({ hasText: 'paused self-care for: Legs' });
  await gate.waitFor();
  assert.equal(await gate.getByRole('link', { name: "I've been seen: check again" }).getAttribute('href'), '#check');
  await gate.getByRole('button', { name: 'Back to routines' }).click();
  await page.getByRole('button', { name: 'Start Desk stretch' }).click();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await page.getByRole('timer').waitFor();
});

test('at 360 px (light and dark) and at 200 % zoom nothing scrolls sideways: player, library, Today', async () => {
  const shots = process.env.UNKNOT_E2E_SCREENSHOTS;
  const check = async (name, width) => {
    await page.setViewportSize({ width, height: width * 2 + 20 });
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      const wide = await page.evaluate(() => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).map((e) => `${e.tagName}.${e.className}`).slice(0, 8).join(' '));
      assert.ok(overflow <= 0, `${name} at ${width} px, ${colorScheme}: ${overflow}px wider than the screen: ${wide}`);
      if (shots) await page.screenshot({ path: `${shots}/routines-${width}-${name}-${colorScheme}.png` });
    }
    await page.emulateMedia({ colorScheme: 'light' });
  };
  // The player of the test before, running; 180 px is 360 px at 200 % zoom.
  for (const width of [360, 180]) await check('player', width);
  await page.getByRole('button', { name: 'Finish now' }).click();
  await page.getByRole('button', { name: "Don't save" }).click();
  await routineItem('Desk stretch').getByText('Desk stretch').click();
  for (const width of [360, 180]) await check('library', width);
  await openScreen(page, 'Today');
  await page.getByRole('checkbox', { name: 'Repeat through the day' }).check();
  for (const width of [360, 180]) await check('today', width);
  await page.setViewportSize({ width: 1280, height: 800 });
});
