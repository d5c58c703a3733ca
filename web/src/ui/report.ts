// The printable report (#report): a chosen period's pain over time, body
// heat map, entries, triggers and what helped (the core's insights of the
// period, insights.ts), red-flag checks and routine adherence, laid out for
// paper (print CSS in app.css; the browser saves it as PDF). Made of the
// same pieces as History so the therapist's view can reuse it: renderReport
// takes the data, the screen only fetches it.
import type { Adherence, Entry, Insights, StoredTriage } from '../rpc';
import type { App } from './app';
import { dailyPain, renderChart } from './chart';
import { h } from './dom';
import { renderHeatMap } from './heatmap';
import { renderHelps, renderTriggers, routineTitles } from './insights';
import { daysAgo, dateInZone, formatTime, isoInZone } from './time';
import { kDisclaimers, kLevelWords } from './triage_words';

export interface ReportData {
  /** Whose report (a therapist printing a patient's); absent: the user's own. */
  subject?: string;
  from: string;
  to: string;
  /** null: not shared (a therapist's report of a share without them). */
  entries: Entry[] | null;
  checks: StoredTriage[] | null;
  adherence: Adherence | null;
  /** The core's insights of [from, to]; null when they could not be computed. */
  insights: Insights | null;
  /** Routine ids -> titles, for "what helped". */
  routineTitles: Map<string, string>;
}

function table(caption: string, head: string[], rows: (string | Node)[][]): HTMLTableElement {
  return h(
    'table',
    { class: 'report-table' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...head.map((text) => h('th', { scope: 'col' }, text)))),
    h('tbody', {}, ...rows.map((row) => h('tr', {}, ...row.map((cell) => h('td', {}, cell))))),
  );
}

function adherenceBlock(a: Adherence | null): HTMLElement {
  if (!a) return h('p', {}, 'No routine data.');
  const window = (name: string, w: Adherence['last_7_days']) =>
    `${name}: ${w.percent === null ? 'nothing scheduled' : `${w.percent} % of scheduled routines done (${w.done} of ${w.planned})`}, ` +
    `${w.sessions} session${w.sessions === 1 ? '' : 's'} on ${w.session_days} day${w.session_days === 1 ? '' : 's'}`;
  return h(
    'ul',
    { class: 'report-adherence' },
    h('li', {}, window('Last 7 days', a.last_7_days)),
    h('li', {}, window('Last 28 days', a.last_28_days)),
    h('li', {}, `Streak: ${a.current_streak} day${a.current_streak === 1 ? '' : 's'} (longest ${a.longest_streak}); ${a.total_sessions} sessions in all.`),
  );
}

const kNotShared = 'Not shared.';

export function renderReport(root: HTMLElement, app: App, data: ReportData): void {
  const zone = app.prefs.timeZone;
  const inPeriod = (data.checks ?? []).filter((c) => {
    const day = dateInZone(new Date(c.at), zone);
    return day >= data.from && day <= data.to;
  });
  const all = data.entries ?? [];
  const chart = h('figure', { class: 'chart-figure', 'aria-label': 'Pain over time' });
  renderChart(chart, dailyPain(all, ''), data.from, data.to, 'overall');
  const heat = h('figure', { class: 'heat-figure', 'aria-label': 'Where it hurt' });
  renderHeatMap(heat, app, all);
  const flares = all.filter((e) => e.flare).length;
  const entries = [...all].sort((a, b) => (a.at < b.at ? -1 : 1));
  const notShared = () => h('p', {}, kNotShared);
  root.replaceChildren(
    h('h3', {}, `Pain report${data.subject ? ` of ${data.subject}` : ''}, ${data.from} to ${data.to}`),
    h(
      'p',
      {},
      `${data.entries === null ? 'Entries not shared' : `${all.length} entr${all.length === 1 ? 'y' : 'ies'}, ${flares} flare${flares === 1 ? '' : 's'}`}. ` +
        `Made with Unknot on ${dateInZone(new Date(), zone)}; times in ${zone}.`,
    ),
    h('p', { class: 'hint' }, kDisclaimers[0]),
    h('h4', {}, 'Pain over time (highest per day)'),
    data.entries === null ? notShared() : chart,
    h('h4', {}, 'Where it hurt (highest per area)'),
    data.entries === null ? notShared() : heat,
    h('h4', {}, 'Entries'),
    data.entries === null
      ? notShared()
      : entries.length === 0
      ? h('p', {}, 'No entries in this period.')
      : table(
          'Entries in the period',
          ['When', 'Where (0–10)', 'Kind', 'Details', 'Medicines', 'Note'],
          entries.map((e) => [
            formatTime(e.at, zone),
            e.sites.map((p) => app.describeSite(p)).join('; '),
            e.flare ? 'flare' : 'baseline',
            [...e.qualities, ...e.triggers, ...e.helped].map((id) => app.termLabel(id)).join(', ') +
              (e.stress !== null ? `${e.qualities.length + e.triggers.length + e.helped.length > 0 ? '; ' : ''}stress ${e.stress}/10` : ''),
            (e.medications ?? []).join('; '),
            e.note ?? '',
          ]),
        ),
    h('h4', {}, 'Triggers (pain on days with and without)'),
    data.insights ? renderTriggers(app, data.insights) : h('p', {}, 'Not available.'),
    h('h4', {}, 'What helped (pain before and after)'),
    data.insights ? renderHelps(app, data.insights, data.routineTitles) : h('p', {}, 'Not available.'),
    h('h4', {}, 'Warning-sign checks'),
    data.checks === null
      ? notShared()
      : inPeriod.length === 0
      ? h('p', {}, 'No checks in this period.')
      : table(
          'Red-flag checks in the period',
          ['When', 'Result', 'What was found'],
          inPeriod.map((c) => [
            formatTime(c.at, zone),
            kLevelWords[c.level]?.title ?? c.level,
            c.result && c.result.rules.length > 0 ? c.result.rules.map((r) => r.message).join(' ') : 'No warning sign.',
          ]),
        ),
    h('h4', {}, 'Routines (as of today)'),
    adherenceBlock(data.adherence),
  );
}

export class ReportScreen {
  private readonly from: HTMLInputElement;
  private readonly to: HTMLInputElement;

  constructor(
    private readonly app: App,
    private readonly root: HTMLElement,
  ) {
    const zone = app.prefs.timeZone;
    this.from = h('input', { type: 'date', id: 'report-from', value: daysAgo(30, zone) });
    this.to = h('input', { type: 'date', id: 'report-to', value: dateInZone(new Date(), zone) });
    const print = h('button', { type: 'button' }, 'Print or save as PDF');
    print.addEventListener('click', () => window.print());
    for (const input of [this.from, this.to]) input.addEventListener('change', () => void this.refresh());
    root.querySelector('.report-tools')!.replaceChildren(
      h('div', { class: 'field' }, h('label', { for: 'report-from' }, 'From'), this.from),
      h('div', { class: 'field' }, h('label', { for: 'report-to' }, 'To'), this.to),
      print,
    );
  }

  async refresh(): Promise<void> {
    const from = this.from.value || daysAgo(30, this.app.prefs.timeZone);
    const to = this.to.value || dateInZone(new Date(), this.app.prefs.timeZone);
    const [entries, checks, adherence, insights, titles] = await Promise.all([
      this.app.client.call('list', { since: from, until: to }),
      this.app.client.call('triageHistory'),
      this.app.client.call('adherence', { at: isoInZone(new Date(), this.app.prefs.timeZone) }),
      // The period ends on "to": the core's "today" is that date.
      this.app.client.call('insights', { since: from, at: `${to}T12:00:00Z` }),
      routineTitles(this.app),
    ]);
    if (!entries.ok) return this.app.showError('Could not make the report', entries.error);
    renderReport(this.root.querySelector('.report-body')!, this.app, {
      from,
      to,
      entries: entries.result,
      checks: checks.ok ? checks.result : [],
      adherence: adherence.ok ? adherence.result : null,
      insights: insights.ok ? insights.result : null,
      routineTitles: titles,
    });
  }
}
