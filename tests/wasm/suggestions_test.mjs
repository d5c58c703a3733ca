// A therapist's suggestions through the wasm module's JSON API, as the web
// app's Today and History use them: one that arrived by sync is listed and
// answered (a routine they wrote becomes the user's), and the answers are
// the user's changes to push.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { call, loadCore, withJournal } from './lib/core.mjs';

let core;

before(async () => {
  core = await loadCore();
});

function logOne(journal, note) {
  const at = new Date(Date.now() - 3600_000).toISOString();
  return call(journal, 'log', JSON.stringify({ at, flare: true, sites: [{ site: 'neck', side: 'both', intensity: 6 }], note })).id;
}

test('a suggestion that came by sync is listed and answered', () => {
  withJournal(core, (journal) => {
    const entry = logOne(journal, null);
    assert.deepEqual(call(journal, 'suggestions'), []);
    // What the server writes into the patient's journal for a therapist.
    const hlc = `${new Date(Date.now() - 1000).toISOString()}-0000-00000000000000aa`;
    const cells = (row, values) => Object.entries(values).map(([column, value]) => [hlc, 'suggestions', row, column, value]);
    const comment = '019b8000000000000000000000000001';
    const routine = '019b8000000000000000000000000002';
    const mine = {
      title: 'Doorway stretch', kind: 'stretch', targets: ['pectoralis_major'],
      steps: [{ text: 'Lean into the doorway', seconds: 30, reps: 3 }],
    };
    const page = {
      protocol: 1, cursor: 7, more: false,
      changes: [
        ...cells(comment, { kind: 'comment', entry_id: entry, text: 'Heat before bed', author: 'pt@example.com', share_id: 's1', at: 1000, status: 'pending', deleted: 0 }),
        ...cells(routine, { kind: 'routine', routine: JSON.stringify(mine), author: 'pt@example.com', share_id: 's1', at: 2000, status: 'pending', deleted: 0 }),
      ],
    };
    assert.equal(call(journal, 'applyRemote', JSON.stringify(page)).applied, page.changes.length);
    const listed = call(journal, 'suggestions');
    assert.deepEqual(listed.map((s) => [s.kind, s.status]), [['routine', 'pending'], ['comment', 'pending']]);
    assert.equal(listed[1].text, 'Heat before bed');
    assert.equal(listed[0].routine.title, 'Doorway stretch');

    const accepted = call(journal, 'answerSuggestion', routine, true);
    assert.equal(accepted.status, 'accepted');
    assert.equal(accepted.accepted_routine_id, `r${routine}`);
    const own = call(journal, 'routines').routines.find((r) => r.id === accepted.accepted_routine_id);
    assert.equal(own.title, 'Doorway stretch');
    assert.equal(own.custom, true);
    assert.equal(call(journal, 'answerSuggestion', comment, false).status, 'dismissed');
    assert.equal(call(journal, 'answerSuggestion', 'nope', true).error.code, 'suggestion-not-found');
    // The answers are the user's changes: they are pushed.
    const push = call(journal, 'changesAfter', 0, 0).changes;
    assert.ok(push.some((c) => c[1] === 'suggestions' && c[3] === 'status' && c[4] === 'accepted'));
  });
});
