// The web player's timing (web/src/ui/player_clock.ts) under node, on the
// phases the core unrolls from the library's doses (the wasm module's
// `phases`): how a routine unrolls into holds and rests, and a clock driven
// by a fake "now" — pauses hold the time, a long gap (a locked screen)
// completes phases at their exact ends, a skipped rest still counts the
// step, a skipped hold does not. The TypeScript is bundled with the web
// app's own esbuild (as sync_driver_test.mjs does, through lib/core.mjs).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { call, importWebModule, loadCore, withJournal } from './lib/core.mjs';

let core;
let fromCorePhases;
let PlayerClock;

before(async () => {
  core = await loadCore();
  ({ fromCorePhases, PlayerClock } = await importWebModule('src/ui/player_clock.ts'));
});

// The core's phases of a library routine (an id) or of `steps` (saved as a
// routine of the user's own first), for the player's dose choice.
function phasesOf(routine, { longerHolds, upperEnd }) {
  return withJournal(core, (journal) => {
    let id = routine;
    if (typeof routine !== 'string') {
      id = call(journal, 'saveRoutine', JSON.stringify({ title: 'Test', kind: 'stretch', targets: [], steps: routine })).id;
    }
    const phases = call(journal, 'phases', JSON.stringify({ routine_id: id, longer_holds: longerHolds, upper_end: upperEnd }));
    assert.ok(Array.isArray(phases), JSON.stringify(phases));
    return fromCorePhases(phases);
  });
}

// "hold 30s L r1", "rest 10s L r1", ... : the phases as a readable story.
function story(phases) {
  return phases.map((p) => `${p.kind} ${p.ms / 1000}s${p.side ? ` ${p.side[0].toUpperCase()}` : ''} r${p.rep}/${p.reps}${p.lastOfStep ? ' |' : ''}`);
}

const kShort = { longerHolds: false, upperEnd: false };

test('the calf stretch unrolls into holds per rep and side, rests between, untimed steps', () => {
  assert.deepEqual(story(phasesOf('stretch_calf', kShort)), [
    'untimed 0s r1/1 |',
    'hold 30s L r1/3', 'rest 10s L r1/3', 'hold 30s L r2/3', 'rest 10s L r2/3', 'hold 30s L r3/3', 'rest 10s L r3/3',
    'hold 30s R r1/3', 'rest 10s R r1/3', 'hold 30s R r2/3', 'rest 10s R r2/3', 'hold 30s R r3/3 |',
  ]);
  // 65+: the library's longer hold; the upper end: 5 reps.
  const longer = phasesOf('stretch_calf', { longerHolds: true, upperEnd: true });
  assert.equal(longer.filter((p) => p.kind === 'hold').length, 10);
  assert.ok(longer.filter((p) => p.kind === 'hold').every((p) => p.ms === 60_000));
});

test('heat: one long step; the upper end of its range is the longer time', () => {
  const timed = (dose) => phasesOf('heat_lower_back', dose).filter((p) => p.kind === 'hold').map((p) => p.ms / 60_000);
  assert.ok(timed(kShort).includes(15), JSON.stringify(timed(kShort)));
  assert.ok(timed({ longerHolds: false, upperEnd: true }).includes(20));
});

const steps = [
  { text: 'a', seconds: 20, max_seconds: 0, seconds_65_plus: 0, reps: 2, max_reps: 0, rest_seconds: 5, per_side: false },
  { text: 'b', seconds: 0, max_seconds: 0, seconds_65_plus: 0, reps: 1, max_reps: 0, rest_seconds: 0, per_side: false },
  { text: 'c', seconds: 10, max_seconds: 0, seconds_65_plus: 0, reps: 1, max_reps: 0, rest_seconds: 0, per_side: false },
];

function clockAt() {
  const time = { now: 1000 };
  const clock = new PlayerClock(phasesOf(steps, kShort), () => time.now);
  return { time, clock };
}

test('pause holds the time, resume continues; a long gap completes phases at their exact ends', () => {
  const { time, clock } = clockAt();
  time.now += 5_000;
  assert.equal(clock.update(), 0);
  assert.equal(clock.remainingMs(), 15_000);
  clock.pause();
  time.now += 60_000;
  assert.equal(clock.update(), 0);
  assert.equal(clock.remainingMs(), 15_000);
  clock.resume();
  time.now += 5_000;
  assert.equal(clock.remainingMs(), 10_000);
  // The screen was locked for a minute: hold, rest and hold all ran out,
  // and the untimed step waits for the person.
  time.now += 60_000;
  assert.equal(clock.update(), 3);
  assert.equal(clock.current.kind, 'untimed');
  assert.equal(clock.stepsDone(), 1);
  clock.next();
  assert.equal(clock.current.step, 2);
  // The last step starts when "Done" was pressed, not when the gap began.
  assert.equal(clock.remainingMs(), 10_000);
  time.now += 10_000;
  assert.equal(clock.update(), 1);
  assert.equal(clock.finished, true);
  assert.equal(clock.stepsDone(), 3);
  // 20 + 5 + 20 s of the first step, the minute at "own pace", 10 s; no pause.
  assert.equal(clock.activeSeconds(), 5 + 5 + 60 + 10);
});

test('skipping a rest still counts the step; skipping a hold skips the step; stop keeps what was done', () => {
  const { time, clock } = clockAt();
  time.now += 20_000;
  clock.update();
  assert.equal(clock.current.kind, 'rest');
  clock.skip();
  assert.equal(clock.current.kind, 'hold');
  assert.equal(clock.current.rep, 2);
  assert.equal(clock.remainingMs(), 20_000);
  time.now += 20_000;
  clock.update();
  assert.equal(clock.stepsDone(), 1);
  clock.next(); // the untimed step
  assert.equal(clock.stepsDone(), 2);
  clock.skip(); // the last hold, skipped
  assert.equal(clock.finished, true);
  assert.equal(clock.stepsDone(), 2);

  const second = clockAt();
  second.time.now += 3_000;
  second.clock.pause();
  second.time.now += 50_000;
  second.clock.stop();
  assert.equal(second.clock.finished, true);
  assert.equal(second.clock.stepsDone(), 0);
  assert.equal(second.clock.activeSeconds(), 3);
});
