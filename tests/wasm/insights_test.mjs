// Insights through the wasm module's JSON API (journal.insights), as the web
// app's History and report use them: a clear trigger pattern gives a claim
// with its day counts, too little data gives none, a trend and a routine's
// before/after come out as the core computes them (docs/insights.md). Run by
// ctest like journal_test.mjs.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { call, loadCore, withJournal as withCoreJournal } from './lib/core.mjs';

let core;

before(async () => {
  core = await loadCore();
});

function withJournal(fn) {
  return withCoreJournal(core, fn);
}

// The local date `n` days before 2026-11-24.
function day(n) {
  const d = new Date(Date.UTC(2026, 10, 24 - n));
  return d.toISOString().slice(0, 10);
}

function log(journal, n, intensity, triggers = [], extra = {}) {
  const answer = call(journal, 'log', JSON.stringify({
    at: `${day(n)}T09:00:00+00:00`, flare: false,
    sites: [{ site: 'neck', side: 'both', intensity }], triggers, ...extra,
  }));
  assert.ok(answer.id, JSON.stringify(answer));
}

const at = JSON.stringify({ at: '2026-11-24T20:00:00+00:00' });

test('a trigger on days with higher pain: a claim with its day counts', () => {
  withJournal((journal) => {
    // 20 days: long sitting on 10 of them with pain 7-8, 3-4 on the others.
    for (let n = 0; n < 20; n++) {
      if (n % 2 === 0) log(journal, n, 7 + (n % 4 === 0 ? 1 : 0), ['long_sitting']);
      else log(journal, n, 3 + (n % 4 === 1 ? 1 : 0), ['poor_sleep']);
    }
    const insights = call(journal, 'insights', at);
    assert.equal(insights.to, '2026-11-24');
    assert.equal(insights.from, day(19));
    assert.equal(insights.entries, 20);
    assert.equal(insights.days_with_entries, 20);
    const sitting = insights.triggers.find((t) => t.id === 'long_sitting');
    assert.equal(sitting.verdict, 'higher');
    assert.equal(sitting.days_with, 10);
    assert.equal(sitting.days_without, 10);
    assert.equal(sitting.mean_with, 7.5);
    assert.equal(sitting.mean_without, 3.5);
    assert.equal(sitting.difference, 4);
    assert.ok(sitting.ci95[0] > 0 && sitting.ci95[1] > sitting.ci95[0]);
    assert.equal(insights.triggers.find((t) => t.id === 'poor_sleep').verdict, 'lower');

    // `since` narrows the period: 6 days, too few on either side.
    const recent = call(journal, 'insights', JSON.stringify({ since: day(5), at: '2026-11-24T20:00:00+00:00' }));
    assert.equal(recent.entries, 6);
    const few = recent.triggers.find((t) => t.id === 'long_sitting');
    assert.equal(few.verdict, 'not_enough_data');
    assert.equal(few.days_with, 3);
    assert.equal(few.ci95, null);
  });
});

test('too little data: no trigger claim, no trend, whatever the means', () => {
  withJournal((journal) => {
    for (let n = 0; n < 6; n++) log(journal, n, n % 2 === 0 ? 9 : 1, n % 2 === 0 ? ['long_sitting'] : []);
    const insights = call(journal, 'insights', at);
    const sitting = insights.triggers.find((t) => t.id === 'long_sitting');
    assert.equal(sitting.verdict, 'not_enough_data');
    assert.equal(sitting.days_with, 3);
    assert.equal(sitting.days_without, 3);
    assert.equal(insights.trends[0].scope, 'overall');
    assert.equal(insights.trends[0].verdict, 'not_enough_data');
  });
});

test('a meaningful drop over two weeks; a routine rated before and after', () => {
  withJournal((journal) => {
    for (let n = 0; n < 28; n++) log(journal, n, n < 14 ? 3 : 6);
    for (let i = 0; i < 5; i++) {
      const s = call(journal, 'logSession', JSON.stringify({
        routine_id: 'stretch_upper_trapezius', at: `${day(i)}T10:00:00+00:00`,
        pain_before: 6, pain_after: i % 2 === 0 ? 3 : 4,
      }));
      assert.ok(s.id, JSON.stringify(s));
    }
    const insights = call(journal, 'insights', at);
    const overall = insights.trends[0];
    assert.deepEqual(
      [overall.scope, overall.baseline_mean, overall.recent_mean, overall.verdict],
      ['overall', 6, 3, 'better']);
    assert.equal(insights.trends.find((t) => t.scope === 'neck').verdict, 'better');
    assert.equal(insights.sessions, 5);
    const stretch = insights.routines.find((r) => r.id === 'stretch_upper_trapezius');
    assert.equal(stretch.n, 5);
    assert.equal(stretch.mean_change, -2.6);
    assert.equal(stretch.verdict, 'pain_lower_after');
  });
});

test('bad options and no journal: the core\'s errors', () => {
  withJournal((journal) => {
    assert.equal(call(journal, 'insights', '{').error.code, 'invalid-json');
    assert.equal(call(journal, 'insights', '{"since": 3}').error.code, 'invalid-field');
    assert.ok(call(journal, 'insights', '{"since": "2026-13-40"}').error);
    const empty = call(journal, 'insights', '');
    assert.equal(empty.entries, 0);
    assert.deepEqual(empty.triggers, []);
  });
  const closed = new core.Journal();
  try {
    assert.equal(call(closed, 'insights', '').error.code, 'not-open');
  } finally {
    closed.delete();
  }
});
