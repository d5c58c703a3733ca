// A shared journal as the core's shared view gives it (SharedViewJson,
// docs/sharing.md): what a therapist sees, and what the patient's preview
// shows before sharing — the same drawing for both. Only the sections the
// share holds are drawn: a scope left out is absent from the view, not
// hidden here. Read-only; the therapist's comment box is the one control,
// and only when `onComment` is given.
import type { CoreError, Entry, SharePeriod, SharedView, SinceLastVisit, Suggestion } from '../rpc';
import type { App } from './app';
import { dailyPain, renderChart } from './chart';
import { h, uid } from './dom';
import { entryParts } from './entry_text';
import { renderHeatMap } from './heatmap';
import { renderInsights } from './insights';
import { formatSeconds } from './player';
import { formatTime } from './time';
import { kLevelWords } from './triage_words';

export const kScopeWords: Record<string, string> = {
  entries: 'entries (where, how much, details; medicines as written)',
  notes: 'your free-text notes',
  routines: 'routine sessions, your own routines and schedules',
  adherence: 'adherence and streaks',
  triage: 'warning-sign check results',
  insights: 'insights (trends, triggers, what helps)',
};

export function describePeriod(period: SharePeriod): string {
  if (period.since) return `since ${period.since}`;
  if (period.last_days) return `the last ${period.last_days} days`;
  return 'all of it';
}

export interface SharedViewOptions {
  /** Routine ids -> titles (library and custom). */
  titles: Map<string, string>;
  /** The therapist's comment on an entry; resolves to the error, or null. */
  onComment?: (entryId: string, text: string) => Promise<CoreError | null>;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "Since last visit" in sentences, one per shared part. */
export function renderSinceLastVisit(app: App, since: SinceLastVisit): HTMLElement {
  const zone = app.prefs.timeZone;
  const from =
    since.source === 'first_view' || !since.since
      ? 'First visit: the whole shared period.'
      : `Since ${formatTime(since.since, zone)}${since.source === 'set' ? ' (the visit you set)' : ' (your previous visit)'}.`;
  const lines: string[] = [];
  const e = since.entries;
  if (e) {
    lines.push(
      e.count === 0
        ? 'No entries.'
        : `${plural(e.count, 'entry', 'entries')} on ${plural(e.days, 'day')}, ${plural(e.flares, 'flare')}; highest pain ${e.highest}/10, ` +
            `average peak ${e.average_peak}/10` +
            (e.average_peak_before === null ? '.' : ` (the two weeks before: ${e.average_peak_before}/10).`),
    );
    if (e.sites.length > 0) {
      lines.push(`Most logged: ${e.sites.map((s) => `${app.siteLabel(s.site)} (${s.side}) ${plural(s.entries, 'time')}, up to ${s.highest}`).join('; ')}.`);
    }
    if (e.new_sites.length > 0) lines.push(`New areas: ${e.new_sites.map((s) => `${app.siteLabel(s.site)} (${s.side})`).join(', ')}.`);
  }
  if (since.notes !== undefined) lines.push(`${plural(since.notes, 'note')}.`);
  const s = since.sessions;
  if (s) {
    lines.push(
      `${plural(s.count, 'routine session')}, ${s.minutes} min` +
        (s.rated > 0 && s.average_change !== null ? `; pain after minus before: ${s.average_change > 0 ? '+' : ''}${s.average_change} on average (${s.rated} rated).` : '.'),
    );
  }
  if (since.checks) {
    lines.push(
      since.checks.length === 0
        ? 'No warning-sign checks.'
        : `Warning-sign checks: ${since.checks.map((c) => `${formatTime(c.at, zone)} ${kLevelWords[c.level]?.title ?? c.level}`).join('; ')}.`,
    );
  }
  return h('div', { class: 'since-visit' }, h('p', {}, from), h('ul', {}, ...lines.map((line) => h('li', {}, line))));
}

function commentBox(entry: Entry, onComment: NonNullable<SharedViewOptions['onComment']>): HTMLElement {
  const id = uid('comment');
  const text = h('textarea', { id, rows: 2, maxlength: 2000 });
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const send = h('button', { type: 'submit' }, 'Send comment');
  const form = h('form', { class: 'comment-form', novalidate: true }, h('label', { for: id }, 'Your comment'), text, error, send);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    send.disabled = true;
    void onComment(entry.id, text.value).then((failure) => {
      send.disabled = false;
      error.hidden = failure === null;
      error.textContent = failure ? `${failure.message} (${failure.code})` : '';
      if (!failure) text.value = '';
    });
  });
  const details = h('details', { class: 'comment' }, h('summary', {}, 'Comment'), form);
  return details;
}

function entryItem(app: App, entry: Entry, comments: Suggestion[], options: SharedViewOptions): HTMLLIElement {
  return h(
    'li',
    {},
    ...entryParts(app, entry),
    ...comments.map((c) =>
      h('p', { class: 'entry-comment' }, h('strong', {}, `${c.author}: `), c.text ?? '', h('span', { class: 'suggestion-status' }, ` (${c.status})`)),
    ),
    options.onComment ? commentBox(entry, options.onComment) : null,
  );
}

export function renderSharedView(root: HTMLElement, app: App, view: SharedView, options: SharedViewOptions): void {
  const zone = app.prefs.timeZone;
  const out: (HTMLElement | null)[] = [
    h('p', { class: 'shared-what' }, `Shared: ${view.scopes.join(', ')}; ${describePeriod(view.period)}${view.from ? ` (from ${view.from})` : ''}.`),
  ];
  const suggestions = view.suggestions ?? [];
  if (view.since_last_visit) out.push(h('h4', {}, 'Since last visit'), renderSinceLastVisit(app, view.since_last_visit));
  if (view.entries) {
    const chart = h('figure', { class: 'chart-figure', 'aria-label': 'Pain over time' });
    const from = view.from ?? view.entries[0]?.at.slice(0, 10) ?? view.today;
    renderChart(chart, dailyPain(view.entries, ''), from, view.today, 'all sites');
    const heat = h('figure', { class: 'heat-figure', 'aria-label': 'Where it hurt' });
    renderHeatMap(heat, app, view.entries);
    const byEntry = new Map<string, Suggestion[]>();
    for (const s of suggestions) if (s.kind === 'comment' && s.entry_id) byEntry.set(s.entry_id, [...(byEntry.get(s.entry_id) ?? []), s]);
    const newest = [...view.entries].reverse();
    out.push(
      h('h4', {}, 'Pain over time (highest per day)'),
      chart,
      h('h4', {}, 'Where it hurt'),
      heat,
      h('h4', {}, `Entries (${view.entries.length})`),
      newest.length === 0
        ? h('p', {}, 'No entries in the period.')
        : h('ol', { class: 'history shared-entries' }, ...newest.map((e) => entryItem(app, e, byEntry.get(e.id) ?? [], options))),
    );
  }
  if (view.notes) {
    out.push(
      h('h4', {}, `Notes (${view.notes.length})`),
      h('ul', { class: 'shared-notes' }, ...[...view.notes].reverse().map((n) => h('li', {}, h('time', { datetime: n.at }, formatTime(n.at, zone)), ` ${n.note}`))),
    );
  }
  if (view.sessions) {
    const rows = [...view.sessions].reverse().map((s) =>
      h(
        'li',
        {},
        `${formatTime(s.at, zone)}: ${options.titles.get(s.routine_id) ?? s.routine_id}, ${formatSeconds(s.duration_seconds)}, ${s.steps_done} of ${s.steps_total} steps` +
          (s.pain_before !== null && s.pain_after !== null ? `, pain ${s.pain_before} → ${s.pain_after}` : ''),
      ),
    );
    out.push(h('h4', {}, `Routine sessions (${view.sessions.length})`), rows.length === 0 ? h('p', {}, 'None in the period.') : h('ol', { class: 'shared-sessions' }, ...rows));
    if (view.routines && view.routines.length > 0) out.push(h('p', {}, `Their own routines: ${view.routines.map((r) => r.title).join(', ')}.`));
    if (view.schedules && view.schedules.length > 0) {
      out.push(h('p', {}, `Schedules: ${view.schedules.map((s) => `${options.titles.get(s.routine_id) ?? s.routine_id} ${s.schedule}`).join('; ')}.`));
    }
  }
  if (view.adherence) {
    const a = view.adherence;
    const pct = (w: typeof a.last_7_days) => (w.percent === null ? 'nothing scheduled' : `${w.percent} % (${w.done} of ${w.planned})`);
    out.push(
      h('h4', {}, 'Adherence'),
      h('p', {}, `Last 7 days: ${pct(a.last_7_days)}; last 28 days: ${pct(a.last_28_days)}; streak ${plural(a.current_streak, 'day')} (longest ${a.longest_streak}); ${plural(a.total_sessions, 'session')} in all.`),
    );
  }
  if (view.triage) {
    out.push(
      h('h4', {}, 'Warning-sign checks'),
      view.triage.length === 0
        ? h('p', {}, 'None in the period.')
        : h(
            'ol',
            { class: 'shared-checks' },
            ...[...view.triage].reverse().map((c) =>
              h('li', {}, `${formatTime(c.at, zone)}: ${kLevelWords[c.level]?.title ?? c.level}`, c.result && c.result.rules.length > 0 ? ` — ${c.result.rules.map((r) => r.message).join(' ')}` : ''),
            ),
          ),
    );
  }
  if (view.insights) {
    const box = h('div', { class: 'insights-body' });
    renderInsights(box, app, view.insights, options.titles);
    out.push(h('h4', {}, 'Insights'), box);
  }
  const routines = suggestions.filter((s) => s.kind === 'routine');
  if (routines.length > 0) {
    out.push(
      h('h4', {}, 'Routines you recommended'),
      h('ul', {}, ...routines.map((s) => h('li', {}, `${s.routine?.title ?? options.titles.get(s.routine_id ?? '') ?? s.routine_id}${s.text ? ` (${s.text})` : ''}: ${s.status}`))),
    );
  }
  root.replaceChildren(...out.filter((x): x is HTMLElement => x !== null));
}
