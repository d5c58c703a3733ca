// Insights in words (docs/insights.md): pain trends, triggers that go with
// higher pain, what helps and time patterns. Only what the core says is
// shown: every verdict, day count and interval comes from its JSON; a
// "not_enough_data" verdict reads "not enough data yet", never a guess.
// The render functions take the data, so the History screen and the
// printable report (report.ts) share them.
import type { HelpInsight, Insights, PainTrend, PatternBucket, TriggerInsight } from '../rpc';
import type { App } from './app';
import { h } from './dom';
import { kDisclaimers } from './triage_words';

const n1 = (x: number) => x.toFixed(1);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const kBucketNames: Record<string, string> = {
  night: 'Night (0–6 h)',
  morning: 'Morning (6–12 h)',
  afternoon: 'Afternoon (12–18 h)',
  evening: 'Evening (18–24 h)',
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

function change(x: number): string {
  if (x === 0) return 'no change';
  return `${n1(Math.abs(x))} point${Math.abs(x) === 1 ? '' : 's'} ${x < 0 ? 'lower' : 'higher'}`;
}

export function trendSentence(app: App, t: PainTrend, min: Insights['minimums']): string {
  const who = t.scope === 'overall' ? 'Overall' : app.siteLabel(t.scope);
  if (t.verdict === 'not_enough_data' || t.baseline_mean === null || t.recent_mean === null) {
    return `${who}: not enough data yet (${t.recent_days} of the last 14 days and ${t.baseline_days} of the 14 before have entries; ${min.trend_days} needed in each).`;
  }
  const from = n1(t.baseline_mean);
  const to = n1(t.recent_mean);
  if (t.verdict === 'better') return `${who}: down from ${from} to ${to} over the last 2 weeks — a meaningful change.`;
  if (t.verdict === 'worse') return `${who}: up from ${from} to ${to} over the last 2 weeks — a meaningful change.`;
  return `${who}: ${from} in the 2 weeks before, ${to} in the last 2 weeks — no clear change.`;
}

export function triggerSentence(app: App, t: TriggerInsight, min: Insights['minimums']): string {
  const what = app.termLabel(t.id);
  const days = `based on ${plural(t.days_with + t.days_without, 'day')} (${t.days_with} with it, ${t.days_without} without)`;
  if (t.verdict === 'not_enough_data') return `${what}: not enough data yet — ${days}; ${min.trigger_days} needed on each side.`;
  const means = `mean pain ${n1(t.mean_with)} on days with it vs ${n1(t.mean_without)} without`;
  // The 95 % interval of the difference, in plain words.
  const [lo, hi] = t.ci95 ?? [null, null];
  if (t.verdict === 'higher') {
    const range = lo !== null && hi !== null ? `; likely ${n1(lo)} to ${n1(hi)} points higher with it` : '';
    return `${what} goes with higher pain: ${means}${range} — ${days}.`;
  }
  if (t.verdict === 'lower') {
    const range = lo !== null && hi !== null ? `; likely ${n1(-hi)} to ${n1(-lo)} points lower with it` : '';
    return `${what} goes with lower pain: ${means}${range} — ${days}.`;
  }
  const range = lo !== null && hi !== null ? `; somewhere between ${change(lo)} and ${change(hi)} with it` : '';
  return `${what}: no clear difference (${means}${range}) — ${days}.`;
}

export function helpSentence(label: string, x: HelpInsight, unit: string, min: Insights['minimums']): string {
  const count = plural(x.n, unit);
  if (x.verdict === 'not_enough_data') return `${label}: not enough data yet (${count}; ${min.samples} needed).`;
  const range = x.ci95 ? ` (${count}; likely between ${change(x.ci95[0])} and ${change(x.ci95[1])})` : ` (${count})`;
  if (x.verdict === 'pain_lower_after') return `${label}: pain was lower after, on average ${change(x.mean_change)}${range}.`;
  if (x.verdict === 'pain_higher_after') return `${label}: pain was higher after, on average ${change(x.mean_change)}${range}.`;
  return `${label}: unclear — on average ${change(x.mean_change)}, but it could be either way${range}.`;
}

function list(items: string[], empty: string, className: string): HTMLElement {
  if (items.length === 0) return h('p', { class: 'hint' }, empty);
  return h('ul', { class: className }, ...items.map((text) => h('li', {}, text)));
}

/** Every trigger of the period, in the core's order. */
export function renderTriggers(app: App, insights: Insights): HTMLElement {
  return list(
    insights.triggers.map((t) => triggerSentence(app, t, insights.minimums)),
    'No triggers logged in this period.',
    'insights-triggers',
  );
}

/** Routines (titles from `routineTitles`) and "helped" items. */
export function renderHelps(app: App, insights: Insights, routineTitles: Map<string, string>): HTMLElement {
  const items = [
    ...insights.routines.map((r) => helpSentence(routineTitles.get(r.id) ?? r.id, r, 'session', insights.minimums)),
    ...insights.helped.map((x) => helpSentence(app.termLabel(x.id), x, 'entry', insights.minimums)),
  ];
  const wrap = h(
    'div',
    { class: 'insights-helps' },
    list(items, 'No routines rated before and after, and nothing marked as helped, in this period.', 'insights-help-list'),
  );
  if (items.length > 0) {
    wrap.append(
      h(
        'p',
        { class: 'hint' },
        'Routines: pain after minus pain before, as you rated them. "Helped" items: the next entry within 24 hours vs that one. A lower number after comfort care is what you felt then, not a cure.',
      ),
    );
  }
  return wrap;
}

function patternTable(caption: string, buckets: PatternBucket[]): HTMLElement {
  return h(
    'table',
    { class: 'report-table insights-pattern' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...['', 'Entries', 'Mean pain', 'Highest'].map((t) => h('th', { scope: 'col' }, t)))),
    h(
      'tbody',
      {},
      ...buckets.map((b) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, kBucketNames[b.name] ?? b.name),
          h('td', {}, String(b.entries)),
          h('td', {}, b.entries > 0 ? n1(b.mean_intensity) : '—'),
          h('td', {}, b.entries > 0 ? String(b.max_intensity) : '—'),
        ),
      ),
    ),
  );
}

/** The whole Insights section (History). */
export function renderInsights(root: HTMLElement, app: App, insights: Insights, routineTitles: Map<string, string>): void {
  root.replaceChildren(
    h('p', { class: 'hint' }, kDisclaimers[0], ' A trigger that goes with higher pain is a pattern in your own journal, not a cause.'),
    h(
      'p',
      {},
      `${insights.from} to ${insights.to}: ${insights.entries} entr${insights.entries === 1 ? 'y' : 'ies'} on ${plural(insights.days_with_entries, 'day')}, ${plural(insights.sessions, 'routine session')}.`,
    ),
    h('h4', {}, 'Trend (highest pain per day, last 2 weeks vs the 2 before)'),
    list(
      insights.trends.map((t) => trendSentence(app, t, insights.minimums)),
      'Not enough data yet.',
      'insights-trends',
    ),
    h('h4', {}, 'Triggers'),
    renderTriggers(app, insights),
    h('h4', {}, 'What helps'),
    renderHelps(app, insights, routineTitles),
    h('h4', {}, 'Time patterns'),
    insights.entries === 0
      ? h('p', { class: 'hint' }, 'Not enough data yet.')
      : h(
          'div',
          { class: 'insights-patterns' },
          patternTable('By time of day', insights.time_of_day),
          patternTable('By weekday', insights.weekdays),
        ),
  );
}

/** Routine ids -> titles (the library and the user's own). */
export async function routineTitles(app: App): Promise<Map<string, string>> {
  const answer = await app.client.call('routines');
  const titles = new Map<string, string>();
  if (answer.ok) for (const r of answer.result.routines) titles.set(r.id, r.title);
  return titles;
}
