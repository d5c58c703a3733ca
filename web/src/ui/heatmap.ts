// The body heat map over a period: each area and side of the drawing filled
// by the highest intensity logged there (a muscle counts for its area; "both"
// for both sides), with the same figures as a list.
import type { Entry, Side } from '../rpc';
import type { App } from './app';
import { drawView, heatColor, kViewBox, type View } from './bodymap';
import { h, s } from './dom';

interface Cell {
  max: number;
  count: number;
}

export function renderHeatMap(figure: HTMLElement, app: App, entries: Entry[]): void {
  const cells = new Map<string, Cell>();
  for (const entry of entries) {
    for (const pain of entry.sites) {
      const area = app.site(pain.site)?.area ?? pain.site;
      const sides: Side[] = pain.side === 'both' ? ['left', 'right'] : [pain.side];
      for (const side of sides) {
        const key = `${area}@${side}`;
        const cell = cells.get(key) ?? { max: 0, count: 0 };
        cell.max = Math.max(cell.max, pain.intensity);
        cell.count += 1;
        cells.set(key, cell);
      }
    }
  }
  const views = (['front', 'back'] as View[]).map((view) => {
    const svg = s('svg', { viewBox: kViewBox, class: 'heat-map', role: 'img' });
    const labels: string[] = [];
    drawView(svg, view, app.areas(), ({ path, area, side }) => {
      const cell = cells.get(`${area.id}@${side}`);
      if (!cell) return;
      path.style.fill = heatColor(cell.max);
      path.classList.add('hot');
      path.append(s('title', {}, `${area.label}, ${side}: highest ${cell.max}/10`));
      labels.push(`${area.label} ${side} ${cell.max}`);
    });
    svg.setAttribute(
      'aria-label',
      `Heat map, ${view}: ${labels.length === 0 ? 'no pain logged' : [...new Set(labels)].join(', ')}`,
    );
    return h('div', { class: 'heat-view' }, svg, h('p', { class: 'hint', 'aria-hidden': 'true' }, view === 'front' ? 'Front' : 'Back'));
  });
  const rows = [...cells.entries()]
    .sort(([, a], [, b]) => b.max - a.max || b.count - a.count)
    .map(([key, cell]) => {
      const [area, side] = key.split('@') as [string, string];
      return h('li', {}, `${app.siteLabel(area)}, ${side}: highest ${cell.max}/10, ${cell.count} time${cell.count === 1 ? '' : 's'}`);
    });
  const legend = h(
    'div',
    { class: 'heat-legend', 'aria-hidden': 'true' },
    h('span', {}, '0'),
    ...[0, 2, 4, 6, 8, 10].map((i) => h('span', { class: 'swatch', style: `background:${heatColor(i)}` })),
    h('span', {}, '10'),
  );
  figure.replaceChildren(
    h('div', { class: 'heat-views' }, ...views),
    legend,
    rows.length > 0 ? h('ul', { class: 'heat-list', 'aria-label': 'Pain by area' }, ...rows) : h('p', {}, 'No pain logged in this period.'),
  );
}
