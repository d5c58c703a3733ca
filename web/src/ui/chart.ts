// Pain over time as a hand-drawn SVG line chart (see web/README.md for why
// not a canvas library): one point per day with entries — the day's highest
// intensity, overall or for one site — each point a labelled SVG element,
// and the same numbers as a table for screen readers and keyboard users.
import type { Entry } from '../rpc';
import { h, s } from './dom';

export interface DayPoint {
  day: string; // YYYY-MM-DD, the entry's own local date
  pain: number;
}

/** The highest intensity per day, for one site (any side) or all (''). */
export function dailyPain(entries: Entry[], site: string): DayPoint[] {
  const byDay = new Map<string, number>();
  for (const entry of entries) {
    const day = entry.at.slice(0, 10);
    for (const pain of entry.sites) {
      if (site !== '' && pain.site !== site) continue;
      byDay.set(day, Math.max(byDay.get(day) ?? -1, pain.intensity));
    }
  }
  return [...byDay.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, pain]) => ({ day, pain }));
}

const kW = 320;
const kH = 160;
const kLeft = 24;
const kRight = 8;
const kTop = 8;
const kBottom = 22;
const kMaxDots = 120;

function dayNumber(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86400000;
}

/**
 * Draws the chart into `figure` (an SVG role=img with a summary label, and
 * a table). `from`/`to` bound the x axis (YYYY-MM-DD).
 */
export function renderChart(figure: HTMLElement, points: DayPoint[], from: string, to: string, what: string): void {
  const first = Math.min(dayNumber(from), ...points.map((p) => dayNumber(p.day)));
  const last = Math.max(dayNumber(to), first + 1);
  const x = (day: string) => kLeft + ((dayNumber(day) - first) / (last - first)) * (kW - kLeft - kRight);
  const y = (pain: number) => kTop + (1 - pain / 10) * (kH - kTop - kBottom);
  const summary =
    points.length === 0
      ? `Pain over time, ${what}: no entries in this period.`
      : `Pain over time, ${what}: ${points.length} day${points.length === 1 ? '' : 's'} with entries, ` +
        `highest ${Math.max(...points.map((p) => p.pain))}/10, latest ${points[points.length - 1]!.pain}/10 on ${points[points.length - 1]!.day}.`;
  const svg = s('svg', { viewBox: `0 0 ${kW} ${kH}`, role: 'img', 'aria-label': summary, class: 'chart' });
  for (const level of [0, 5, 10]) {
    svg.append(
      s('line', { x1: kLeft, x2: kW - kRight, y1: y(level), y2: y(level), class: 'grid' }),
      s('text', { x: kLeft - 4, y: y(level) + 4, 'text-anchor': 'end', class: 'axis' }, String(level)),
    );
  }
  const firstDay = new Date(first * 86400000).toISOString().slice(0, 10);
  svg.append(
    s('text', { x: kLeft, y: kH - 6, class: 'axis' }, firstDay),
    s('text', { x: kW - kRight, y: kH - 6, 'text-anchor': 'end', class: 'axis' }, to),
  );
  if (points.length > 0) {
    const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.day).toFixed(1)} ${y(p.pain).toFixed(1)}`).join(' ');
    svg.append(s('path', { d, class: 'line' }));
    // Dots (with their own labels) while they can be told apart.
    if (points.length <= kMaxDots) {
      for (const p of points) {
        svg.append(s('circle', { cx: x(p.day), cy: y(p.pain), r: 3.5, class: 'point' }, s('title', {}, `${p.day}: ${p.pain}/10`)));
      }
    }
  }
  // The table is built when opened: years of days are many rows.
  const details = h('details', { class: 'as-table' }, h('summary', {}, 'Show as a table'));
  details.addEventListener(
    'toggle',
    () => {
      details.append(
        h(
          'table',
          {},
          h('caption', {}, `Highest pain per day, ${what}`),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Day'), h('th', { scope: 'col' }, 'Pain (0–10)'))),
          h('tbody', {}, ...points.map((p) => h('tr', {}, h('td', {}, p.day), h('td', {}, String(p.pain))))),
        ),
      );
    },
    { once: true },
  );
  figure.replaceChildren(svg, details);
}
