// The red-flag check through the wasm module's JSON API, as the web app's
// Check screen uses it: the question set and mood forms, a check evaluated
// and stored, PHQ-9 item 9 escalating, the pause of the newest check and
// "I've been seen" (a new check) lifting it, the history, bad input.
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

function allNo() {
  const questions = JSON.parse(core.triageQuestions()).questions;
  return Object.fromEntries(questions.filter((q) => q.kind === 'yes_no').map((q) => [q.id, false]));
}

test('the question set: stable ids, wording, follow-ups, mood forms', () => {
  const set = JSON.parse(core.triageQuestions());
  assert.equal(set.ruleset_version, '2026.1');
  const byId = Object.fromEntries(set.questions.map((q) => [q.id, q]));
  assert.equal(byId.chest_pain.kind, 'yes_no');
  assert.match(byId.chest_pain.text, /even if it feels/);
  assert.equal(byId.chest_pain_hours_ago.follows, 'chest_pain');
  assert.equal(byId.chest_pain_hours_ago.kind, 'number');
  assert.equal(byId.phq9_total.form, 'phq9');
  for (const q of set.questions) assert.ok(q.text.length > 5, q.id);
  assert.deepEqual(
    set.mood_forms.map((f) => [f.id, f.short_id, f.items.length]),
    [
      ['phq9', 'phq2', 9],
      ['gad7', 'gad2', 7],
    ],
  );
  assert.equal(set.mood_scale.length, 4);
});

test('an emergency is evaluated, stored and pauses everything until a new check', () =>
  withJournal((journal) => {
    assert.deepEqual(call(journal, 'triagePause'), {
      pauses: 'none',
      paused_by: [],
      last_level: '',
      recheck_due: true,
      last_check_at: null,
    });
    const out = call(journal, 'triage', JSON.stringify({ age: 58, answers: { ...allNo(), chest_pain: true } }));
    assert.equal(out.result.level, 'emergency');
    assert.deepEqual(
      out.result.rules.map((r) => [r.id, r.level, r.pauses]),
      [['chest_pain', 'emergency', 'all']],
    );
    assert.match(out.result.rules[0].message, /Call your emergency number now/);
    assert.match(out.id, /^[0-9a-f]{32}$/);
    const pause = call(journal, 'triagePause');
    assert.equal(pause.pauses, 'all');
    assert.deepEqual(pause.paused_by, ['chest_pain']);
    assert.equal(pause.recheck_due, false);
    // A routine is gated by the same stored check.
    const gate = call(journal, 'gate', JSON.stringify({ routine_id: 'deep_breathing' }));
    assert.equal(gate.allowed, false);
    assert.equal(gate.reason, 'paused');
    // "I've been seen": the check again, now clear.
    const again = call(journal, 'triage', JSON.stringify({ age: 58, answers: allNo(), mood: { phq9: [0, 0, 0, 0, 0, 0, 0, 0, 0], gad7: [0, 0, 0, 0, 0, 0, 0] } }));
    assert.equal(again.result.level, 'self_care');
    assert.deepEqual(again.result.unanswered, []);
    assert.equal(call(journal, 'triagePause').pauses, 'none');
    const history = call(journal, 'triageHistory');
    assert.deepEqual(
      history.map((h) => h.level),
      ['self_care', 'emergency'],
    );
    assert.equal(history[1].result.rules[0].id, 'chest_pain');
  }));

test('follow-ups of a "no" are filled in; PHQ-9 item 9 > 0 escalates to self_harm', () =>
  withJournal((journal) => {
    const answers = allNo();
    delete answers.weakness_worsening;
    delete answers.weakness_rapid_or_both_sides;
    const out = call(
      journal,
      'triage',
      JSON.stringify({ age: 40, answers, mood: { phq9: [0, 0, 0, 0, 0, 0, 0, 0, 1], gad7: [1, 1] }, dry_run: true }),
    );
    assert.equal(out.id, undefined, 'dry_run stores nothing');
    assert.equal(out.result.level, 'urgent');
    assert.deepEqual(
      out.result.rules.map((r) => r.id),
      ['self_harm'],
    );
    // gad7 was the short form: no total, so it stays unanswered.
    assert.deepEqual(out.result.unanswered, ['gad7_total']);
    assert.equal(out.mood.phq9.self_harm_item, true);
    assert.equal(out.mood.gad7.full, false);
    assert.deepEqual(call(journal, 'triageHistory'), []);
  }));

test('bad input is refused and nothing is stored', () =>
  withJournal((journal) => {
    for (const [request, code] of [
      ['nope', 'invalid-json'],
      [JSON.stringify({ answers: { no_such: true } }), 'unknown-question'],
      [JSON.stringify({ answers: { chest_pain: 'yes' } }), 'invalid-answer'],
      [JSON.stringify({ answers: {}, mood: { phq9: [1, 2, 3] } }), 'invalid-answer'],
      [JSON.stringify({ answers: {}, dry_run: 'no' }), 'invalid-field'],
    ]) {
      assert.equal(call(journal, 'triage', request).error.code, code, request);
    }
    assert.deepEqual(call(journal, 'triageHistory'), []);
  }));
