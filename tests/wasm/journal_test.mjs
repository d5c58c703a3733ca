// The wasm journal through its JS API, as the web app's worker uses it:
// JSON strings in, JSON strings out, errors as {"error":{code,message}}.
// Run by ctest (tests/wasm/CMakeLists.txt) with UNKNOT_WASM_JS pointing at
// the built unknot_core.js.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { call, loadCore } from './lib/core.mjs';
import path from 'node:path';

let core;

before(async () => {
  core = await loadCore();
});

function withJournal(path, fn) {
  const journal = new core.Journal();
  try {
    assert.deepEqual(call(journal, 'open', path), { ok: true });
    return fn(journal);
  } finally {
    journal.delete();
  }
}

function anySite() {
  const vocabulary = JSON.parse(core.vocabulary());
  return vocabulary.sites[0].id;
}

function entry(intensity, extra = {}) {
  return JSON.stringify({
    at: '2026-11-24T09:30:00+01:00',
    flare: true,
    sites: [{ site: anySite(), side: 'left', intensity }],
    ...extra,
  });
}

test('vocabulary lists sites, qualities, triggers and what helped', () => {
  const vocabulary = JSON.parse(core.vocabulary());
  assert.ok(vocabulary.version);
  for (const key of ['sites', 'qualities', 'triggers', 'helped']) {
    assert.ok(vocabulary[key].length > 0, `${key} is not empty`);
  }
  const site = vocabulary.sites[0];
  for (const key of ['id', 'label', 'area', 'parent', 'view']) {
    assert.equal(typeof site[key], 'string', `site.${key}`);
  }
  assert.ok(['front', 'back', 'both'].includes(site.view));
  assert.ok(vocabulary.triggers.every((t) => typeof t.group === 'string'));
});

test('in memory: log, list, and refuse intensity 11 storing nothing', () => {
  withJournal(':memory:', (journal) => {
    assert.match(call(journal, 'deviceId').device_id, /^[0-9a-f]{16}$/);

    const { id } = call(journal, 'log', entry(6));
    assert.match(id, /^[0-9a-f]{32}$/);
    const listed = call(journal, 'list', '{}');
    assert.equal(listed.length, 1);
    assert.equal(listed[0].id, id);
    assert.equal(listed[0].sites[0].intensity, 6);

    const refused = call(journal, 'log', entry(11));
    assert.equal(refused.error.code, 'intensity-out-of-range');
    assert.ok(refused.error.message);
    assert.equal(call(journal, 'list', '').length, 1);
  });
});

test('a MEMFS file keeps entries across close and reopen', () => {
  const file = '/tmp/journal.db';
  let id;
  let device;
  withJournal(file, (journal) => {
    id = call(journal, 'log', entry(4)).id;
    device = call(journal, 'deviceId').device_id;
  });
  assert.ok(core.FS.stat(file).size > 0);
  withJournal(file, (journal) => {
    assert.deepEqual(call(journal, 'list', '{}').map((e) => e.id), [id]);
    assert.equal(call(journal, 'deviceId').device_id, device);
  });
});

test('edit, remove and restore', () => {
  withJournal(':memory:', (journal) => {
    const { id } = call(journal, 'log', entry(5));
    assert.deepEqual(call(journal, 'edit', id, '{"note":"heat helped"}'), { ok: true });
    assert.equal(call(journal, 'list', '{}')[0].note, 'heat helped');
    assert.deepEqual(call(journal, 'edit', id, '{"note":null}'), { ok: true });
    assert.equal(call(journal, 'list', '{}')[0].note, null);
    // A new time with its own offset brings that offset along.
    call(journal, 'edit', id, '{"at":"2026-11-25T08:00:00+02:00"}');
    const moved = call(journal, 'list', '{}')[0];
    assert.equal(moved.at, '2026-11-25T08:00:00+02:00');
    assert.equal(moved.tz_offset_minutes, 120);

    const bad = call(journal, 'edit', id, JSON.stringify({
      sites: [{ site: anySite(), side: 'left', intensity: 11 }],
    }));
    assert.equal(bad.error.code, 'intensity-out-of-range');
    assert.equal(call(journal, 'list', '{}')[0].sites[0].intensity, 5);

    assert.deepEqual(call(journal, 'remove', id), { ok: true });
    assert.equal(call(journal, 'list', '{}').length, 0);
    assert.equal(call(journal, 'list', '{"include_deleted":true}').length, 1);
    assert.deepEqual(call(journal, 'restore', id), { ok: true });
    assert.equal(call(journal, 'list', '{}').length, 1);

    const missing = call(journal, 'remove', '0'.repeat(32));
    assert.equal(missing.error.code, 'entry-not-found');
  });
});

test('export and import round-trip', () => {
  let exported;
  withJournal(':memory:', (journal) => {
    call(journal, 'log', entry(3));
    exported = journal.exportJson();
    assert.ok(JSON.parse(exported));
    assert.equal(typeof call(journal, 'exportCsv').csv, 'string');
  });
  withJournal(':memory:', (journal) => {
    const stats = call(journal, 'importJson', exported);
    assert.equal(stats.entries, 1);
    assert.ok(stats.cells_applied > 0);
    assert.equal(call(journal, 'importJson', exported).cells_applied, 0);
    assert.equal(call(journal, 'list', '{}').length, 1);
  });
});

test('bad input is an error value, never an abort', () => {
  withJournal(':memory:', (journal) => {
    assert.equal(call(journal, 'log', '{not json').error.code, 'invalid-json');
    assert.equal(call(journal, 'list', '[1]').error.code, 'invalid-json');
    assert.equal(call(journal, 'list', '{"since":3}').error.code, 'invalid-field');
    assert.equal(call(journal, 'edit', 'nope', '{}').error.code, 'entry-not-found');
    assert.ok(call(journal, 'importJson', '\xff\xfe').error.code);
  });
  const closed = new core.Journal();
  try {
    assert.equal(call(closed, 'list', '{}').error.code, 'not-open');
  } finally {
    closed.delete();
  }
});

test('custom triggers: added once, listed in the vocabulary, usable in an entry', () => {
  withJournal(':memory:', (journal) => {
    const { id } = call(journal, 'addCustomTrigger', 'Gardening');
    assert.match(id, /^custom_/);
    assert.equal(call(journal, 'addCustomTrigger', 'gardening').id, id);
    assert.ok(call(journal, 'addCustomTrigger', '').error.code);
    const listed = call(journal, 'vocabulary').custom_triggers;
    assert.deepEqual(listed.map((t) => t.id), [id]);
    assert.ok(call(journal, 'log', entry(4, { triggers: [id] })).id);
  });
});

test('emergency and crisis numbers by country', () => {
  assert.deepEqual(JSON.parse(core.emergencyNumbers('us')), {
    emergency: '911',
    crisis_line: '988 (call or text)',
  });
  assert.equal(JSON.parse(core.emergencyNumbers('AU')).emergency, '000');
  assert.equal(JSON.parse(core.emergencyNumbers('FR')).crisis_line, '116 123 where it exists');
  assert.deepEqual(JSON.parse(core.emergencyNumbers('')), {
    emergency: '112',
    crisis_line: 'your local crisis line',
  });
});
