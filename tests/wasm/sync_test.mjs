// The sync half of the wasm journal API, as the web app's worker drives it
// with fetch(): push bodies out, pull pages in, cursors, fingerprints,
// repair and a new device id. Two in-memory journals stand in for two
// devices; the server's part (applying a push, paging) is core-tested.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { call, loadCore } from './lib/core.mjs';

let core;

before(async () => {
  core = await loadCore();
});

function open() {
  const journal = new core.Journal();
  assert.deepEqual(call(journal, 'open', ':memory:'), { ok: true });
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

test('a push body goes out, a pull page comes in, cursors follow', () => {
  const a = open();
  const b = open();
  try {
    // Pending changes are counted once signed in.
    for (const j of [a, b]) call(j, 'setSyncAccount', 'https://x', 'me@x', 'patient', 'tok');
    const { id } = call(a, 'log', entry(6, 'from a'));
    let state = call(a, 'syncState');
    assert.ok(state.pending > 0);
    assert.equal(state.device_id.length, 16);
    const push = call(a, 'changesAfter', state.push_cursor, 0);
    assert.equal(push.protocol, 1);
    assert.equal(push.device, state.device_id);
    assert.match(push.clock, /-[0-9a-f]{16}$/);
    assert.equal(push.changes.length, state.pending);
    assert.equal(push.more, false);
    assert.ok(push.last_seq > 0);
    // Small pages: one row (all its cells), more is true and last_seq moves.
    const small = call(a, 'changesAfter', 0, 1);
    assert.ok(small.changes.length >= 1);
    assert.ok(small.changes.every((c) => c[1] === small.changes[0][1] && c[2] === small.changes[0][2]));
    assert.ok(small.changes.length < push.changes.length);
    assert.equal(small.more, true);

    // What the server would serve to b: the same changes as a page.
    const page = { protocol: 1, changes: push.changes, cursor: 42, more: false };
    const applied = call(b, 'applyRemote', JSON.stringify(page));
    assert.equal(applied.applied, push.changes.length);
    assert.equal(applied.cursor, 42);
    assert.equal(call(b, 'applyRemote', JSON.stringify(page)).applied, 0);
    state = call(b, 'syncState');
    assert.equal(state.pull_cursor, 42);
    assert.equal(state.pending, 0, 'pulled changes are not pushed back');
    assert.equal(JSON.parse(b.list('')).find((e) => e.id === id).note, 'from a');
    assert.deepEqual(call(a, 'fingerprint'), call(b, 'fingerprint'));

    assert.deepEqual(call(a, 'acknowledgePush', push.last_seq), { ok: true });
    assert.equal(call(a, 'syncState').pending, 0);
    assert.equal(call(a, 'acknowledgePush', push.last_seq + 100).error.code,
      'invalid-cursor');
    assert.equal(call(a, 'acknowledgePush', -1).error.code, 'invalid-cursor');
  } finally {
    a.delete();
    b.delete();
  }
});

test('bad pages are refused with the protocol codes and change nothing', () => {
  const b = open();
  try {
    const before = call(b, 'fingerprint');
    assert.equal(call(b, 'applyRemote', '{"protocol":1,').error.code, 'invalid-json');
    assert.equal(call(b, 'applyRemote', '['.repeat(100000)).error.code, 'invalid-json');
    assert.equal(call(b, 'applyRemote', '{"protocol":9,"changes":[],"cursor":1,"more":false}').error.code,
      'invalid-request');
    const bad = {
      protocol: 1, cursor: 3, more: false,
      changes: [['2026-01-01T00:00:00.000Z-0000-00000000000000aa', 'entries',
        '0123456789abcdef0123456789abcdef', 'stress', 'high']],
    };
    assert.equal(call(b, 'applyRemote', JSON.stringify(bad)).error.code, 'invalid-change');
    bad.changes[0][0] = 'yesterday';
    assert.equal(call(b, 'applyRemote', JSON.stringify(bad)).error.code, 'invalid-clock');
    assert.deepEqual(call(b, 'fingerprint'), before);
    assert.equal(call(b, 'syncState').pull_cursor, 0);
  } finally {
    b.delete();
  }
});

test('account, repair through buckets, and a new device id', () => {
  const a = open();
  const b = open();
  try {
    assert.deepEqual(call(a, 'setSyncAccount', 'https://x', 'me@x', 'patient', 'tok'),
      { ok: true });
    let state = call(a, 'syncState');
    assert.equal(state.email, 'me@x');
    assert.equal(state.token, 'tok');
    assert.equal(call(a, 'setSyncAccount', 'https://x', 'me@x', 'boss', 't').error.code,
      'invalid-account');
    assert.deepEqual(call(a, 'clearSyncToken'), { ok: true });
    assert.equal(call(a, 'syncState').token, '');
    // Signed out, nothing is counted (the page asks after every save).
    assert.equal(call(a, 'syncState').pending, null);
    assert.equal(call(a, 'syncState').pending_records, 0);
    assert.deepEqual(call(a, 'recordSyncTime'), { ok: true });
    assert.ok(call(a, 'syncState').last_sync_ms > 0);

    call(a, 'log', entry(3, 'repair me'));
    const fa = call(a, 'fingerprint');
    const fb = call(b, 'fingerprint');
    assert.equal(fa.buckets.length, 256);
    const differ = [];
    fa.buckets.forEach((h, i) => { if (h !== fb.buckets[i]) differ.push(i); });
    assert.ok(differ.length > 0);
    const cells = call(a, 'cellsInBuckets', JSON.stringify(differ));
    assert.equal(cells.changes.length, fa.cells);
    assert.equal(call(b, 'applyCells', JSON.stringify({ changes: cells.changes })).applied,
      fa.cells);
    assert.deepEqual(call(b, 'fingerprint'), fa);
    assert.equal(call(a, 'cellsInBuckets', '[256]').error.code, 'invalid-request');

    const old = call(a, 'syncState').device_id;
    const renewed = call(a, 'renewDeviceId');
    assert.notEqual(renewed.device_id, old);
    const push = call(a, 'changesAfter', 0, 0);
    assert.equal(push.device, renewed.device_id);
    assert.ok(push.changes.every((c) => c[0].endsWith(renewed.device_id)),
      'pending changes carry the new id');
  } finally {
    a.delete();
    b.delete();
  }
});
