// The web app's sync driver (web/src/worker_sync.ts) under node, with the
// real wasm journal and a fake network: fetch() and WebSocket are stubs that
// record what the driver sends. Checks *when* it syncs — debounced saves,
// backoff after failures, a poke — and what a 401 does; *what* it sends is
// the core's round (sync_round_test.mjs). The TypeScript is bundled with
// the web app's own esbuild (web/node_modules, installed by scripts/setup).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { importWebModule, loadCore } from './lib/core.mjs';

const kOrigin = 'http://unknot.test';
let core;
let SyncDriver;

// --- The worker's globals, faked --------------------------------------------

const network = { answer: null, calls: [] };
globalThis.self = Object.assign(new EventTarget(), {
  location: new URL(`${kOrigin}/`),
  navigator: { onLine: true },
});
globalThis.fetch = async (url, init) => {
  const u = new URL(url);
  network.calls.push({ at: Date.now(), method: init.method, path: u.pathname + u.search, body: init.body ?? '', auth: init.headers.Authorization });
  const [status, body] = await network.answer(init.method, u.pathname, init.body);
  return {
    status,
    ok: status >= 200 && status < 300,
    headers: { get: () => null },
    text: async () => body,
    arrayBuffer: async () => new TextEncoder().encode(body).buffer,
    json: async () => JSON.parse(body),
  };
};
class FakeSocket {
  static all = [];
  constructor(url) {
    this.url = String(url);
    this.sent = [];
    FakeSocket.all.push(this);
  }
  send(text) {
    this.sent.push(JSON.parse(text));
  }
  close() {
    this.closed = true;
  }
}
globalThis.WebSocket = FakeSocket;

before(async () => {
  core = await loadCore();
  ({ SyncDriver } = await importWebModule('src/worker_sync.ts'));
});

// --- Helpers -----------------------------------------------------------------

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function signedInJournal() {
  const journal = new core.Journal();
  assert.deepEqual(JSON.parse(journal.open(':memory:')), { ok: true });
  assert.deepEqual(JSON.parse(journal.setSyncAccount(kOrigin, 'me@x', 'patient', 'tok-1')), { ok: true });
  const site = JSON.parse(core.vocabulary()).sites[0].id;
  const entry = { at: '2026-11-24T09:30:00+01:00', flare: true, sites: [{ site, side: 'left', intensity: 5 }] };
  journal.log(JSON.stringify(entry));
  return journal;
}

// A server that accepts everything and has nothing new.
function acceptingServer(journal) {
  return async (method, pathname, body) => {
    if (pathname === '/api/sync/push') {
      const n = JSON.parse(body).changes.length;
      return [200, JSON.stringify({ accepted: n, applied: n, seq: n })];
    }
    if (pathname === '/api/sync/pull') return [200, JSON.stringify({ protocol: 1, changes: [], cursor: 0, more: false })];
    if (pathname === '/api/sync/fingerprint') return [200, journal.fingerprint()];
    return [404, '{"error":{"code":"not-found","message":"no"}}'];
  };
}

function driverFor(journal, tuning) {
  const statuses = [];
  let queue = Promise.resolve();
  const driver = new SyncDriver(
    {
      journal: () => journal,
      enqueue: (task) => {
        const run = queue.then(task);
        queue = run.catch(() => undefined);
        return run;
      },
      persist: async () => null,
      notify: (status, changed) => statuses.push({ ...status, changed }),
    },
    { saveDelayMs: 100, periodMs: 60_000, backoffBaseMs: 80, backoffMaxMs: 320, requestTimeoutMs: 2000, ...tuning },
  );
  return { driver, statuses, last: () => statuses.at(-1) };
}

function reset(answer) {
  network.calls = [];
  network.answer = answer;
  FakeSocket.all = [];
}

async function until(check, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) assert.fail('timed out waiting');
    await sleep(10);
  }
}

// --- Tests --------------------------------------------------------------------

test('saves in a burst make one round after the debounce; then synced', async () => {
  const journal = signedInJournal();
  reset(acceptingServer(journal));
  const { driver, last } = driverFor(journal);
  await Promise.all([driver.saved(), driver.saved(), driver.saved()]);
  assert.equal(last().pending > 0, true);
  await sleep(50);
  assert.equal(network.calls.length, 0, 'nothing before the debounce');
  await until(() => last().phase === 'idle' && last().lastSync !== null);
  const pushes = network.calls.filter((c) => c.path === '/api/sync/push');
  assert.equal(pushes.length, 1, 'one round for the burst');
  assert.equal(pushes[0].auth, 'Bearer tok-1');
  assert.deepEqual(network.calls.map((c) => `${c.method} ${c.path}`), [
    'POST /api/sync/push', 'GET /api/sync/pull?after=0', 'GET /api/sync/fingerprint',
  ]);
  assert.equal(last().pending, 0);
  assert.equal(last().error, null);
  await driver.signOut(); // stops its timers
  journal.delete();
});

test('no answer: offline, pending kept, retries back off (doubling, capped)', async () => {
  const journal = signedInJournal();
  reset(async () => {
    throw new TypeError('Failed to fetch');
  });
  const random = Math.random;
  Math.random = () => 0.999; // the top of each jitter window
  try {
    const { driver, last } = driverFor(journal);
    await driver.start();
    await until(() => network.calls.length >= 6, 4000);
    const gaps = network.calls.slice(1).map((c, i) => c.at - network.calls[i].at);
    // 80, 160, 320, 320, 320 (ms): never sooner; the cap holds it at 320.
    [80, 160, 320, 320, 320].forEach((min, i) => assert.ok(gaps[i] >= min - 5, `retry ${i + 1} after ${gaps[i]} ms (>= ${min})`));
    assert.ok(gaps[4] < 320 * 2, `capped: ${gaps[4]} ms`);
    assert.equal(last().phase, 'offline');
    assert.equal(last().error.code, 'offline');
    assert.ok(last().pending > 0);
    // The person's "Sync now" goes at once, backoff or not.
    const before = network.calls.length;
    driver.request('manual');
    await sleep(30);
    assert.equal(network.calls.length, before + 1);
    await driver.signOut();
  } finally {
    Math.random = random;
    journal.delete();
  }
});

test('401: the session is cleared in the journal, the data kept, no more tries', async () => {
  const journal = signedInJournal();
  reset(async () => [401, '{"error":{"code":"unauthorized","message":"expired"}}']);
  const { driver, last } = driverFor(journal);
  const entries = JSON.parse(journal.list('')).length;
  driver.request('manual'); // not signed in yet as far as the driver knows
  assert.equal(network.calls.length, 0);
  await driver.start();
  await until(() => last().sessionEnded);
  assert.equal(last().signedIn, false);
  assert.equal(last().error.code, 'unauthorized');
  assert.equal(JSON.parse(journal.syncState()).token, '');
  assert.equal(JSON.parse(journal.list('')).length, entries);
  const calls = network.calls.length;
  driver.request('manual');
  await sleep(300);
  assert.equal(network.calls.length, calls, 'signed out: nothing is sent');
  journal.delete();
});

test('the poke socket: hello with token and device, a poke starts a round', async () => {
  const journal = signedInJournal();
  reset(acceptingServer(journal));
  const { driver, last } = driverFor(journal);
  await driver.start();
  await until(() => last().phase === 'idle' && last().lastSync !== null);
  assert.equal(FakeSocket.all.length, 1);
  const socket = FakeSocket.all[0];
  assert.equal(socket.url, 'ws://unknot.test/api/ws');
  socket.onopen();
  await until(() => socket.sent.length === 1);
  assert.deepEqual(socket.sent[0], { token: 'tok-1', device: JSON.parse(journal.deviceId()).device_id });
  const before = network.calls.length;
  socket.onmessage({ data: JSON.stringify({ type: 'changes', seq: 9 }) });
  await until(() => network.calls.length > before);
  assert.equal(network.calls[before].path, '/api/sync/pull?after=0', 'nothing pending: straight to the pull');
  await until(() => last().phase === 'idle');
  // A closed socket reconnects (after its backoff).
  socket.onclose();
  await until(() => FakeSocket.all.length === 2, 2000);
  await driver.signOut();
  assert.equal(FakeSocket.all[1].closed, true, 'signing out closes it');
  journal.delete();
});
