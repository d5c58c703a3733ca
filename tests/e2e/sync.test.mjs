// Sync between the browser and CLI devices through the real unknot-server:
// sign up in the app (recovery codes shown once), log; the CLI logs in to
// the same account and sees it; the CLI's entry reaches the open page
// without a reload (the WebSocket poke); an edit on each side of the same
// entry converges; with the server stopped the app says offline and how
// many changes wait, and catches up once it is back; a second CLI device,
// all three logging before they sync, converges; sign out keeping or
// wiping this device's journal. At 360 px.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { TestServer } from './lib/server.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { eventually, historyItems, historyTexts, logAndWaitSaved, openApp, openScreen, setSlider } from './lib/app.mjs';

const server = new TestServer();
const cli = process.env.UNKNOT_E2E_CLI || path.resolve(path.dirname(server.exe), '../cli/unknot');
const cliDb = path.join(server.tmp, 'cli.db');
const email = 'sync-e2e@example.org';
const password = 'correct horse battery';
let browser;
let page;
let recoveryCodes = [];

function unknot(args, input) {
  return execFileSync(cli, ['--db', cliDb, ...args], { input: input ?? '', encoding: 'utf8', timeout: 30_000 });
}
const cliEntries = () => JSON.parse(unknot(['list', '--json']));
const cliSync = () => JSON.parse(unknot(['sync', '--json']));
// A second CLI device: its own journal file, the same account.
const cli2Db = path.join(server.tmp, 'cli2.db');
function unknot2(args, input) {
  return execFileSync(cli, ['--db', cli2Db, ...args], { input: input ?? '', encoding: 'utf8', timeout: 30_000 });
}

const syncBar = () => page.getByRole('group', { name: 'Sync' });
const syncText = () => syncBar().locator('#sync-state').innerText();
async function waitForSyncState(state, pattern) {
  await eventually(async () => {
    assert.equal(await syncBar().getAttribute('data-state'), state, await syncText());
    if (pattern) assert.match(await syncText(), pattern);
  }, 30_000);
}

async function noSidewaysScroll() {
  const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(scroll <= width, `page is ${scroll}px wide in a ${width}px window`);
}

before(async () => {
  assert.ok(existsSync(cli), `no CLI at ${cli} (scripts/build makes it; or set UNKNOT_E2E_CLI)`);
  await server.start();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  await openApp(page, server.url);
});

after(async () => {
  await browser?.close();
  await server.stop();
});

test('sign up in the app: recovery codes shown once, then synced', async () => {
  assert.match(await syncText(), /Only on this device/);
  await openScreen(page, 'Settings');
  const account = page.getByRole('region', { name: 'Account and sync' });
  await account.getByRole('textbox', { name: 'Email' }).first().fill(email);
  // The server's rule, in its words: a short password is refused.
  await account.getByLabel('Password', { exact: true }).fill('short');
  await account.getByRole('button', { name: 'Create account' }).click();
  await eventually(async () => assert.match(await account.getByRole('alert').innerText(), /weak-password/));

  await account.getByLabel('Password', { exact: true }).fill(password);
  await account.getByRole('button', { name: 'Create account' }).click();
  const codes = account.getByRole('list', { name: 'Save your recovery codes now' });
  await eventually(async () => assert.equal(await codes.getByRole('listitem').count(), 10));
  recoveryCodes = await codes.getByRole('listitem').allInnerTexts();
  assert.match(recoveryCodes[0], /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
  await noSidewaysScroll();
  const done = account.getByRole('button', { name: 'Done' });
  assert.equal(await done.isDisabled(), true, 'Done waits for "I have saved these codes"');
  await account.getByRole('checkbox', { name: 'I have saved these codes' }).check();
  await done.click();
  assert.equal(await codes.count(), 0, 'the codes are gone from the page');
  await eventually(async () => assert.match(await account.innerText(), new RegExp(`Signed in as ${email}`)));
  await waitForSyncState('synced', /^Synced at \d\d:\d\d/);
  await noSidewaysScroll();
});

test('an entry logged in the browser reaches a CLI device', async () => {
  await logAndWaitSaved(page, { area: 'Neck', side: 'left', intensity: 5, note: 'from the browser' });
  await waitForSyncState('synced');
  unknot(['login', '--server', server.url, '--email', email], `${password}\n`);
  const first = cliSync();
  assert.ok(first.pulled > 0);
  assert.deepEqual(cliEntries().map((e) => e.note), ['from the browser']);
});

test('an entry logged on the CLI shows in the open app without a reload (poke)', async () => {
  await openScreen(page, 'History');
  unknot(['log', '--site', 'upper_trapezius@right:6', '--note', 'from the cli']);
  assert.equal(cliSync().pushed > 0, true);
  const synced = Date.now();
  await eventually(async () => {
    const texts = await historyItems(page).allInnerTexts();
    assert.ok(texts.some((t) => /Upper trapezius \(right\) 6\/10/.test(t) && /from the cli/.test(t)), texts.join('\n'));
  }, 20_000);
  console.log(`e2e figure: a CLI change shown in the open app ${Date.now() - synced} ms after its sync (poke)`);
});

test('an edit on each side of the same entry converges', async () => {
  const id = cliEntries().find((e) => e.note === 'from the browser').id;
  // The browser: intensity 8 and a note (pushed within seconds).
  await openScreen(page, 'History');
  const entry = historyItems(page).filter({ hasText: 'from the browser' });
  await entry.getByRole('button', { name: /^Edit entry/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit entry' });
  await setSlider(dialog.getByRole('listitem', { name: 'Neck, left' }).getByRole('slider', { name: 'Intensity' }), 8);
  await dialog.getByRole('textbox', { name: 'Note (optional)' }).fill('edited in the browser');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await eventually(async () => assert.equal(await dialog.isVisible(), false));
  await waitForSyncState('synced');
  // The CLI, not having seen it: the note of the same entry, later.
  unknot(['edit', id, '--note', 'edited on the cli']);
  cliSync();
  const onCli = cliEntries().find((e) => e.id === id);
  assert.equal(onCli.note, 'edited on the cli', 'the later edit of the same cell wins');
  assert.equal(onCli.sites[0].intensity, 8, "the browser's edit of another cell stays");
  await eventually(async () => {
    const text = (await historyItems(page).filter({ hasText: 'Neck (left)' }).allInnerTexts()).join('\n');
    assert.match(text, /Neck \(left\) 8\/10/);
    assert.match(text, /edited on the cli/);
  }, 20_000);
});

test('with the server stopped: offline and pending N, then it catches up', async () => {
  const port = server.port;
  await server.stop();
  await logAndWaitSaved(page, { area: 'Lower back', side: 'right', view: 'back', intensity: 3, note: 'logged offline' });
  // One entry is one change waiting, however many cells it wrote.
  await waitForSyncState('offline', /^Offline: 1 change waiting to sync$/);
  await noSidewaysScroll();
  await server.start(port);
  const restarted = Date.now();
  // Backoff retries (and the WebSocket's reconnect) bring it back by itself.
  await waitForSyncState('synced');
  console.log(`e2e figure: synced ${Date.now() - restarted} ms after the server came back`);
  cliSync();
  assert.ok(cliEntries().some((e) => e.note === 'logged offline'));
});

test('two CLI devices and the browser, each logging before it syncs, end with the same journal', async () => {
  unknot2(['login', '--server', server.url, '--email', email], `${password}\n`);
  JSON.parse(unknot2(['sync', '--json']));
  // All three log before any of them hears of the others.
  unknot2(['log', '--site', 'levator_scapulae@left:4', '--note', 'from the second cli']);
  unknot(['log', '--site', 'rhomboids@both:3', '--note', 'from the first cli']);
  await logAndWaitSaved(page, { area: 'Neck', side: 'right', intensity: 2, note: 'third device round' });
  await waitForSyncState('synced');
  // The second CLI syncs first (it gets the browser's entry, not the first
  // CLI's), then the first, then the second again.
  JSON.parse(unknot2(['sync', '--json']));
  cliSync();
  JSON.parse(unknot2(['sync', '--json']));
  const one = cliEntries();
  const two = JSON.parse(unknot2(['list', '--json']));
  assert.deepEqual(two, one, 'both CLI devices hold the same entries, stamps included');
  const notes = one.map((e) => e.note).sort();
  for (const note of ['from the first cli', 'from the second cli', 'third device round']) {
    assert.ok(notes.includes(note), `${note} in ${notes.join(', ')}`);
  }
  await openScreen(page, 'History');
  await eventually(async () => {
    const texts = await historyTexts(page);
    assert.equal(texts.length, one.length, texts.join('\n'));
    for (const note of notes) assert.ok(texts.some((t) => t.includes(note)), `${note} in the browser`);
  }, 20_000);
});

async function signOut(choice) {
  await openScreen(page, 'Settings');
  const account = page.getByRole('region', { name: 'Account and sync' });
  await account.getByRole('button', { name: 'Sign out' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign out of sync' });
  await dialog.getByRole('button', { name: choice }).click();
  return account;
}

test('sign out keeping the journal, log in again, sign out wiping it', async () => {
  const total = cliEntries().length;
  const account = await signOut('Sign out, keep the journal here');
  await waitForSyncState('local');
  assert.equal((await historyTexts(page)).length, total, 'the journal stays');

  await openScreen(page, 'Settings');
  await account.getByRole('textbox', { name: 'Email' }).first().fill(email);
  await account.getByLabel('Password', { exact: true }).fill(password);
  await account.getByRole('button', { name: 'Log in' }).click();
  await eventually(async () => assert.match(await account.innerText(), new RegExp(`Signed in as ${email}`)));
  await waitForSyncState('synced');

  await signOut('Sign out, delete it from this device');
  // The wipe reloads the page with an empty journal, signed out.
  await eventually(async () => assert.match(await syncText(), /Only on this device/), 30_000);
  assert.equal((await historyTexts(page)).length, 0);
  // The account keeps its copy: the CLI still has everything.
  cliSync();
  assert.equal(cliEntries().length, total);
});

test('recover with a code: signed in again, the journal comes back from the server', async () => {
  await openScreen(page, 'Settings');
  const account = page.getByRole('region', { name: 'Account and sync' });
  await account.getByText('Forgot your password? Use a recovery code').click();
  const form = account.getByRole('form', { name: 'Recover the account' });
  await form.getByRole('textbox', { name: 'Email' }).fill(email);
  await form.getByRole('textbox', { name: 'Recovery code' }).fill(recoveryCodes[0].toLowerCase());
  await form.getByLabel('New password').fill('a new long password');
  await form.getByRole('button', { name: 'Set the new password and log in' }).click();
  await eventually(async () => assert.match(await account.innerText(), new RegExp(`Signed in as ${email}`)));
  await waitForSyncState('synced');
  await eventually(async () => assert.equal((await historyTexts(page)).length, cliEntries().length), 20_000);
});

test('a session ended elsewhere: signed out with a reason, the journal kept', async () => {
  // Another recovery ends every other session, this browser's included.
  const answer = await fetch(new URL('api/account/recover', server.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, recovery_code: recoveryCodes[1], new_password: 'yet another password' }),
  });
  assert.equal(answer.status, 200);
  await syncBar().getByRole('button', { name: 'Sync now' }).click();
  await waitForSyncState('signed-out', /session ended/);
  assert.equal((await historyTexts(page)).length, cliEntries().length);
});
