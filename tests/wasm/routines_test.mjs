// Routines through the wasm module's JSON API, as the web app's player will
// use them: the library, a custom routine, a session, schedules, the today
// list, adherence and the red-flag gate. Run by ctest like journal_test.mjs.
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

test('the library with doses, safety notes and targets', () => {
  const journal = new core.Journal();
  try {
    const { version, routines } = call(journal, 'routines');  // not open
    assert.equal(version, '2026.1');
    const calf = routines.find((r) => r.id === 'stretch_calf');
    assert.equal(calf.kind, 'stretch');
    assert.deepEqual(calf.areas, ['legs']);
    const hold = calf.steps.find((s) => s.seconds > 0);
    assert.equal(hold.seconds, 30);
    assert.equal(hold.reps, 3);
    assert.equal(hold.max_reps, 5);
    assert.equal(hold.seconds_65_plus, 60);
    assert.ok(calf.safety.length >= 2);
    assert.equal(call(journal, 'routine', 'deep_breathing').kind, 'mind_body');
    assert.equal(call(journal, 'routine', 'nope').error.code, 'routine-not-found');
    assert.equal(call(journal, 'logSession', '{}').error.code, 'not-open');
  } finally {
    journal.delete();
  }
});

test('a custom routine, a session, and bad input as error values', () => {
  withJournal((journal) => {
    const { id } = call(journal, 'saveRoutine', JSON.stringify({
      title: 'Desk reset', kind: 'posture_check', targets: ['neck'],
      steps: [{ text: 'Shoulders back', seconds: 10, reps: 2 }, 'Breathe out'],
    }));
    assert.match(id, /^r[0-9a-f]{32}$/);
    const mine = call(journal, 'routine', id);
    assert.equal(mine.custom, true);
    assert.equal(mine.steps[1].text, 'Breathe out');
    assert.deepEqual(
      call(journal, 'saveRoutine', JSON.stringify({ id, title: 'Desk', kind: 'posture_check', steps: ['x'] })),
      { id });
    assert.equal(call(journal, 'routines').routines.at(-1).title, 'Desk');
    assert.equal(call(journal, 'saveRoutine', '{"title":""}').error.code, 'invalid-title');
    assert.equal(call(journal, 'saveRoutine', 'nope').error.code, 'invalid-json');

    const session = call(journal, 'logSession', JSON.stringify({
      routine_id: 'stretch_upper_trapezius', at: '2026-11-24T08:10:00+01:00',
      site: 'upper_trapezius', pain_before: 6, pain_after: 3, duration_seconds: 300,
    }));
    assert.match(session.id, /^[0-9a-f]{32}$/);
    const listed = call(journal, 'sessions', '{}');
    assert.equal(listed.length, 1);
    assert.equal(listed[0].steps_done, 2);
    assert.equal(listed[0].local_date, '2026-11-24');
    assert.equal(call(journal, 'logSession', JSON.stringify({
      routine_id: 'deep_breathing', pain_after: 11 })).error.code, 'pain-out-of-range');
    assert.equal(call(journal, 'logSession', '{"routine_id":3}').error.code, 'invalid-field');
    assert.equal(call(journal, 'sessions', '').length, 1);
    assert.deepEqual(call(journal, 'deleteSession', session.id), { ok: true });
    assert.equal(call(journal, 'sessions', '{}').length, 0);
  });
});

test('schedules, today, adherence and the gate', () => {
  withJournal((journal) => {
    const daily = call(journal, 'addSchedule', JSON.stringify({
      routine_id: 'deep_breathing', at: '08:00' }));
    assert.match(daily.id, /^s[0-9a-f]{16}$/);
    const since = call(journal, 'schedules')[0].since;
    assert.equal(call(journal, 'schedules')[0].description, 'daily at 08:00');
    assert.equal(call(journal, 'addSchedule', JSON.stringify({
      routine_id: 'deep_breathing', at: '08:00', every_minutes: 30 })).error.code,
    'invalid-schedule');

    call(journal, 'logSession', JSON.stringify({
      routine_id: 'deep_breathing', at: `${since}T07:50` }));
    const today = call(journal, 'today', JSON.stringify({ at: `${since}T09:00` }));
    assert.deepEqual(today.map((i) => [i.time, i.routine_id, i.due, i.done]),
      [['08:00', 'deep_breathing', true, true]]);
    assert.equal(today[0].title, 'Deep breathing');

    const adherence = call(journal, 'adherence', JSON.stringify({ at: `${since}T09:00` }));
    assert.equal(adherence.today, since);
    assert.equal(adherence.last_7_days.planned, 1);
    assert.equal(adherence.last_7_days.done, 1);
    assert.equal(adherence.last_7_days.percent, 100);
    assert.equal(adherence.current_streak, 1);

    // A host showing another time zone says which local date it counts from.
    const { id: dated } = call(journal, 'addSchedule', JSON.stringify({
      routine_id: 'posture_check', at: '09:00', days: 'weekdays', every_minutes: 45,
      until: '17:00', since: '2030-01-07' }));
    assert.equal(call(journal, 'schedules').find((s) => s.id === dated).since, '2030-01-07');
    assert.equal(call(journal, 'addSchedule', JSON.stringify({
      routine_id: 'posture_check', at: '09:00', since: '2030-13-01' })).error.code,
    'invalid-date');
    const gate = call(journal, 'gate', '{"routine_id":"stretch_calf"}');
    assert.equal(gate.reason, 'first_check');
    assert.equal(gate.check_required, true);
    assert.equal(call(journal, 'gate', '{}').error.code, 'invalid-field');
    assert.deepEqual(call(journal, 'removeSchedule', daily.id), { ok: true });
    assert.equal(call(journal, 'removeSchedule', daily.id).error.code, 'schedule-not-found');
  });
});
