// The sync round binding (syncBegin / syncHandle / syncAbort,
// wasm/sync_api.cc) as the web app's worker drives it: the core's SyncRound
// asks for each request and reads each answer. The server's answers here
// are canned in the protocol's shapes (docs/sync-protocol.md); another
// in-memory journal plays "another device" whose changes the server serves.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { call, loadCore } from './lib/core.mjs';
import path from 'node:path';

let core;

before(async () => {
  core = await loadCore();
});

function open(signedIn = true) {
  const journal = new core.Journal();
  assert.deepEqual(call(journal, 'open', ':memory:'), { ok: true });
  if (signedIn) {
    assert.deepEqual(call(journal, 'setSyncAccount', 'http://s', 'me@x', 'patient', 'tok'), { ok: true });
  }
  return journal;
}

function entry(intensity, note) {
  const site = JSON.parse(core.vocabulary()).sites[0].id;
  return JSON.stringify({
    at: '2026-11-24T09:30:00+01:00',
    flare: true,
    sites: [{ site, side: 'left', intensity }],
    note,
  });
}

const json = (value) => JSON.stringify(value);
const page = (changes, cursor, more = false) => json({ protocol: 1, changes, cursor, more });

// Pretends to be the server's journal: the pushes it got and what it serves.
function steps(journal) {
  const seen = [];
  return {
    seen,
    begin(options = '') {
      const next = call(journal, 'syncBegin', options);
      if (next.request) seen.push(`${next.request.method} ${next.request.path}`);
      return next;
    },
    answer(status, body) {
      const next = call(journal, 'syncHandle', status, body);
      if (next.request) seen.push(`${next.request.method} ${next.request.path}`);
      return next;
    },
  };
}

test('a round: push, pull pages, fingerprint, done; cursors and pending follow', () => {
  const a = open();
  const b = open(false);
  try {
    call(a, 'log', entry(6, 'from a'));
    const { id: fromB } = call(b, 'log', entry(2, 'from b'));
    const bChanges = call(b, 'changesAfter', 0, 0).changes;
    assert.ok(call(a, 'syncState').pending > 0);

    const round = steps(a);
    let next = round.begin();
    assert.equal(next.request.method, 'POST');
    assert.equal(next.request.token, 'tok');
    const push = JSON.parse(next.request.body);
    assert.equal(push.protocol, 1);
    assert.equal(push.device, call(a, 'deviceId').device_id);
    assert.equal(push.changes.length, call(a, 'syncState').pending);

    next = round.answer(200, json({ accepted: push.changes.length, applied: push.changes.length, seq: 7 }));
    assert.equal(call(a, 'syncState').pending, 0, 'acknowledged after the 200');
    assert.equal(next.request.body, '');
    // Two pages: the second continues from the first's cursor.
    next = round.answer(200, page(bChanges.slice(0, 1), 3, true));
    next = round.answer(200, page(bChanges.slice(1), 9, false));
    assert.equal(call(a, 'syncState').pull_cursor, 9);
    // The server holds what both hold now: the same fingerprint.
    assert.deepEqual(round.seen, [
      'POST /api/sync/push', 'GET /api/sync/pull?after=0', 'GET /api/sync/pull?after=3',
      'GET /api/sync/fingerprint',
    ]);
    next = round.answer(200, a.fingerprint());
    assert.deepEqual(next, {
      done: true,
      report: { pushed: push.changes.length, pulled: bChanges.length, applied: bChanges.length, cursor: 9,
        repaired: false, device_renewed: false },
    });
    assert.ok(call(a, 'syncState').last_sync_ms > 0);
    assert.equal(JSON.parse(a.list('')).find((e) => e.id === fromB).note, 'from b');
    assert.equal(call(a, 'syncState').pending, 0, 'pulled changes are not pushed back');
    // The round is over: nothing is in flight.
    assert.equal(call(a, 'syncHandle', 200, '{}').error.code, 'no-sync-round');
    // Next time, nothing to push: the round starts with the pull.
    assert.equal(call(a, 'syncBegin', '{"verify":false}').request.path, '/api/sync/pull?after=9');
    assert.deepEqual(call(a, 'syncHandle', 200, page([], 9)).done, true);
  } finally {
    a.delete();
    b.delete();
  }
});

test('answers as bytes, as the web app passes them, read like their text', () => {
  const a = open();
  const b = open(false);
  try {
    const note = 'Nacken – schlimmer nach dem Schreibtisch 😣';
    const { id } = call(b, 'log', entry(5, note));
    const bytes = new TextEncoder().encode(page(call(b, 'changesAfter', 0, 0).changes, 4));
    assert.ok(bytes.length > note.length + 2, 'multi-byte UTF-8 in the page');
    const round = steps(a);
    assert.ok(round.begin().request);
    const next = round.answer(401, new TextEncoder().encode(json({ error: { code: 'unauthorized', message: 'x' } })));
    assert.equal(next.error.code, 'unauthorized', 'a refusal as bytes keeps its code');
    call(a, 'syncBegin', '{"verify":false}');
    assert.deepEqual(call(a, 'syncHandle', 200, bytes).done, true);
    assert.equal(JSON.parse(a.list('')).find((e) => e.id === id).note, note);
    assert.equal(call(a, 'syncState').pull_cursor, 4);
    // Bytes that are not UTF-8 are refused like any bad page; nothing moves.
    call(a, 'syncBegin', '{"verify":false}');
    const bad = new TextEncoder().encode(page([], 8));
    const broken = new Uint8Array([...bad.slice(0, 5), 0xff, ...bad.slice(5)]);
    assert.ok(call(a, 'syncHandle', 200, broken).error);
    assert.equal(call(a, 'syncState').pull_cursor, 4);
    // Neither text nor bytes: refused, and the round is over.
    call(a, 'syncBegin', '{"verify":false}');
    assert.equal(call(a, 'syncHandle', 200, [1, 2]).error.code, 'invalid-request');
    assert.equal(call(a, 'syncHandle', 200, page([], 8)).error.code, 'no-sync-round');
    assert.equal(call(a, 'applyRemote', 42).error.code, 'invalid-request');
  } finally {
    a.delete();
    b.delete();
  }
});

test('refusals end the round with the server code; what was committed stays', () => {
  const a = open();
  try {
    call(a, 'log', entry(4, 'kept'));
    const pending = call(a, 'syncState').pending;
    const round = steps(a);
    round.begin();
    // 401: token expired. The round is over; nothing was acknowledged.
    let next = round.answer(401, json({ error: { code: 'unauthorized', message: 'expired' } }));
    assert.deepEqual(next, { error: { code: 'unauthorized', message: 'expired' } });
    assert.equal(call(a, 'syncState').pending, pending);
    assert.equal(call(a, 'syncHandle', 200, '{}').error.code, 'no-sync-round');
    // 5xx without a JSON body: an http-<status> code to back off on.
    round.begin();
    assert.equal(round.answer(503, 'busy').error.code, 'http-503');
    round.begin();
    next = round.answer(429, json({ error: { code: 'too-many-attempts', message: 'slow down' } }));
    assert.equal(next.error.code, 'too-many-attempts');
    // A network failure: the host aborts, and the next round starts over.
    round.begin();
    assert.deepEqual(call(a, 'syncAbort'), { ok: true });
    assert.equal(call(a, 'syncHandle', 200, '{}').error.code, 'no-sync-round');
    // A push answered, then the pull fails: the push stays acknowledged.
    const body = JSON.parse(round.begin().request.body);
    round.answer(200, json({ accepted: body.changes.length, applied: 0, seq: 1 }));
    assert.equal(round.answer(500, '').error.code, 'http-500');
    assert.equal(call(a, 'syncState').pending, 0);
    // Garbage from a proxy where a page was expected: refused, cursor unmoved.
    round.begin();
    assert.equal(round.answer(200, '<html>').error.code, 'invalid-json');
    assert.equal(call(a, 'syncState').pull_cursor, 0);
  } finally {
    a.delete();
  }
});

test('409 device-restored: a new device id and the push again', () => {
  const a = open();
  try {
    call(a, 'log', entry(5, 'restored'));
    const old = call(a, 'deviceId').device_id;
    const round = steps(a);
    round.begin();
    const next = round.answer(409, json({ error: { code: 'device-restored', message: 'restored copy' } }));
    assert.equal(next.request.path, '/api/sync/push');
    const push = JSON.parse(next.request.body);
    assert.notEqual(push.device, old);
    assert.ok(push.changes.every((c) => c[0].endsWith(push.device)), 'pending changes re-stamped');
    round.answer(200, json({ accepted: push.changes.length, applied: push.changes.length, seq: 2 }));
    round.answer(200, page([], 2));
    const done = round.answer(200, a.fingerprint());
    assert.equal(done.report.device_renewed, true);
    assert.equal(done.report.pushed, push.changes.length);
  } finally {
    a.delete();
  }
});

test('differing fingerprints: fetch the buckets, apply them, push ours', () => {
  const a = open();
  const server = open(false); // what the server holds that a lacks
  try {
    call(server, 'log', entry(7, 'only on the server'));
    call(a, 'log', entry(1, 'only here'));
    const round = steps(a);
    const push = JSON.parse(round.begin().request.body);
    round.answer(200, json({ accepted: push.changes.length, applied: push.changes.length, seq: 1 }));
    round.answer(200, page([], 1));
    let next = round.answer(200, server.fingerprint());
    assert.equal(next.request.path, '/api/sync/cells');
    const { buckets } = JSON.parse(next.request.body);
    assert.ok(buckets.length > 0 && buckets.every((b) => b >= 0 && b < 256));
    const theirs = call(server, 'cellsInBuckets', json(buckets)).changes;
    next = round.answer(200, json({ protocol: 1, changes: theirs, cursor: 0, more: false }));
    assert.equal(next.request.path, '/api/sync/push');
    const repair = JSON.parse(next.request.body);
    assert.ok(repair.changes.length > 0, 'our cells of those buckets go up');
    next = round.answer(200, json({ accepted: repair.changes.length, applied: 1, seq: 5 }));
    assert.equal(next.done, true);
    assert.equal(next.report.repaired, true);
    assert.ok(JSON.parse(a.list('')).some((e) => e.note === 'only on the server'));
  } finally {
    a.delete();
    server.delete();
  }
});

test('bad calls: not signed in, not open, bad options', () => {
  const signedOut = open(false);
  const closed = new core.Journal();
  try {
    assert.equal(call(signedOut, 'syncBegin', '').error.code, 'not-signed-in');
    assert.equal(call(closed, 'syncBegin', '').error.code, 'not-open');
    const a = open();
    try {
      assert.equal(call(a, 'syncBegin', '{"verify":"yes"}').error.code, 'invalid-field');
      assert.equal(call(a, 'syncBegin', '{').error.code, 'invalid-json');
      // Closing the journal drops a round in flight.
      assert.ok(call(a, 'syncBegin', '').request);
      call(a, 'close');
      assert.equal(call(a, 'syncHandle', 200, '{}').error.code, 'no-sync-round');
    } finally {
      a.delete();
    }
  } finally {
    signedOut.delete();
    closed.delete();
  }
});
