// The History screen: a period (7/30/90 days or all), pain over time (overall
// or one site), the body heat map, and the timeline with Edit (through the
// core's edit), Delete and Undo. The core filters by period (list's "since")
// and computes the period's insights (insights.ts), shown in words.
import type { Entry, EntryPatch, Side, SitePain, Suggestion } from '../rpc';
import type { App } from './app';
import { dailyPain, renderChart } from './chart';
import { DetailsForm } from './details';
import { h, slider, uid } from './dom';
import { entryParts, entrySites } from './entry_text';
import { renderHeatMap } from './heatmap';
import { renderInsights, routineTitles } from './insights';
import { daysAgo, dateInZone, formatTime, fromLocalInput, isoInZone, toLocalInput } from './time';

const kPageSize = 100;

const kPeriods: [string, number | null][] = [
  ['7 days', 7],
  ['30 days', 30],
  ['90 days', 90],
  ['All', null],
];

export class HistoryScreen {
  private days: number | null = 30;
  private series = '';
  private entries: Entry[] = [];
  /** A therapist's comments on entries (not dismissed), by entry id. */
  private comments = new Map<string, Suggestion[]>();
  private shown = 0;
  private generation = 0;
  private readonly moreButton: HTMLButtonElement;
  private lastDeleted: string | null = null;
  private readonly seriesSelect: HTMLSelectElement;
  private readonly chart: HTMLElement;
  private readonly heat: HTMLElement;
  private readonly insights: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly empty: HTMLParagraphElement;
  private readonly undoBar: HTMLDivElement;
  private readonly undoText: HTMLSpanElement;
  readonly undoButton: HTMLButtonElement;
  private readonly dialog: HTMLDialogElement;

  constructor(
    private readonly app: App,
    root: HTMLElement,
  ) {
    const periods = root.querySelector('.periods') as HTMLElement;
    const name = uid('period');
    for (const [label, days] of kPeriods) {
      const input = h('input', { type: 'radio', name, value: days ?? 'all', checked: days === this.days });
      input.addEventListener('change', () => {
        this.days = days;
        void this.refresh();
      });
      periods.append(h('label', { class: 'choice' }, input, ` ${label}`));
    }
    this.seriesSelect = root.querySelector('select.series') as HTMLSelectElement;
    this.seriesSelect.addEventListener('change', () => {
      this.series = this.seriesSelect.value;
      this.renderCharts();
    });
    this.chart = root.querySelector('.chart-figure') as HTMLElement;
    this.heat = root.querySelector('.heat-figure') as HTMLElement;
    this.insights = root.querySelector('.insights-body') as HTMLElement;
    this.list = root.querySelector('ol.history') as HTMLOListElement;
    this.empty = root.querySelector('.history-empty') as HTMLParagraphElement;
    this.moreButton = h('button', { type: 'button', hidden: true });
    this.moreButton.addEventListener('click', () => this.showMore());
    this.list.after(this.moreButton);
    this.undoBar = document.getElementById('undo-bar') as HTMLDivElement;
    this.undoText = document.getElementById('undo-text') as HTMLSpanElement;
    this.undoButton = document.getElementById('undo') as HTMLButtonElement;
    this.undoButton.addEventListener('click', () => void this.undo());
    this.dialog = document.getElementById('edit-dialog') as HTMLDialogElement;
    app.onChange(() => {
      this.undoBar.hidden = true;
      void this.refresh();
    });
  }

  private since(): string | undefined {
    return this.days === null ? undefined : daysAgo(this.days - 1, this.app.prefs.timeZone);
  }

  async refresh(): Promise<void> {
    // Busy from the change that asked for it until the new list is shown.
    this.list.setAttribute('aria-busy', 'true');
    const generation = ++this.generation;
    const since = this.since();
    const [answer, suggestions] = await Promise.all([
      this.app.client.call('list', since ? { since } : {}),
      this.app.client.call('suggestions'),
    ]);
    // A newer refresh (another change, another period) was asked for: it shows.
    if (generation !== this.generation) return;
    this.comments.clear();
    for (const s of suggestions.ok ? suggestions.result : []) {
      if (s.kind !== 'comment' || s.status === 'dismissed' || !s.entry_id) continue;
      this.comments.set(s.entry_id, [...(this.comments.get(s.entry_id) ?? []), s]);
    }
    this.list.setAttribute('aria-busy', 'false');
    if (!answer.ok) {
      this.app.showError('Could not show your history', answer.error);
      return;
    }
    this.entries = answer.result;
    this.shown = 0;
    this.list.replaceChildren();
    this.showMore();
    this.empty.hidden = this.entries.length > 0;
    this.renderCharts();
    await this.refreshInsights(generation, since);
  }

  private async refreshInsights(generation: number, since: string | undefined): Promise<void> {
    this.insights.setAttribute('aria-busy', 'true');
    const titles = await routineTitles(this.app);
    const answer = await this.app.client.call('insights', {
      ...(since ? { since } : {}),
      at: isoInZone(new Date(), this.app.prefs.timeZone),
    });
    if (generation !== this.generation) return;
    this.insights.setAttribute('aria-busy', 'false');
    if (!answer.ok) {
      this.insights.replaceChildren();
      this.app.showError('Could not compute insights', answer.error);
      return;
    }
    renderInsights(this.insights, this.app, answer.result, titles);
  }

  // The timeline grows a page at a time: a long journal has thousands of
  // entries. The core lists oldest first; the timeline shows newest first.
  private showMore(): void {
    const end = this.entries.length - this.shown;
    const page = this.entries.slice(Math.max(0, end - kPageSize), end).reverse();
    this.list.append(...page.map((entry) => this.renderEntry(entry)));
    this.shown += page.length;
    const left = this.entries.length - this.shown;
    this.moreButton.hidden = left === 0;
    this.moreButton.textContent = `Show ${Math.min(left, kPageSize)} more (${left} older)`;
  }

  private renderCharts(): void {
    const seen = new Set(this.entries.flatMap((e) => e.sites.map((p) => p.site)));
    if (this.series !== '' && !seen.has(this.series)) this.series = '';
    this.seriesSelect.replaceChildren(
      h('option', { value: '' }, 'All sites (highest)'),
      ...[...seen]
        .sort((a, b) => this.app.siteLabel(a).localeCompare(this.app.siteLabel(b)))
        .map((id) => h('option', { value: id, selected: id === this.series }, this.app.siteLabel(id))),
    );
    const today = dateInZone(new Date(), this.app.prefs.timeZone);
    const from = this.since() ?? this.entries[0]?.at.slice(0, 10) ?? today;
    const what = this.series === '' ? 'all sites' : this.app.siteLabel(this.series);
    renderChart(this.chart, dailyPain(this.entries, this.series), from, today, what);
    renderHeatMap(this.heat, this.app, this.entries);
  }

  private describe(entry: Entry): string {
    return entrySites(this.app, entry);
  }

  private renderEntry(entry: Entry): HTMLLIElement {
    const when = formatTime(entry.at, this.app.prefs.timeZone);
    const edit = h('button', { type: 'button', 'aria-label': `Edit entry: ${this.describe(entry)}, ${when}` }, 'Edit');
    edit.addEventListener('click', () => this.openEditor(entry));
    const remove = h('button', { type: 'button', 'aria-label': `Delete entry: ${this.describe(entry)}, ${when}` }, 'Delete');
    remove.addEventListener('click', () => void this.remove(entry));
    return h(
      'li',
      {},
      ...entryParts(this.app, entry),
      ...this.commentsOf(entry.id),
      h('div', { class: 'entry-tools' }, edit, remove),
    );
  }

  // Comments a therapist left on this entry (Today lists the new ones).
  private commentsOf(entryId: string): HTMLElement[] {
    return (this.comments.get(entryId) ?? []).map((c) =>
      h('p', { class: 'entry-comment' }, h('strong', {}, `${c.author} commented: `), c.text ?? ''),
    );
  }

  private async remove(entry: Entry): Promise<void> {
    const answer = await this.app.run('Could not delete', this.app.client.call('remove', entry.id));
    if (!answer.ok) return;
    this.lastDeleted = entry.id;
    await this.refresh();
    this.undoText.textContent = `Deleted ${this.describe(entry)}.`;
    this.undoBar.hidden = false;
    this.undoButton.focus();
  }

  private async undo(): Promise<void> {
    if (this.lastDeleted === null) return;
    const answer = await this.app.run('Could not undo', this.app.client.call('restore', this.lastDeleted));
    if (!answer.ok) return;
    this.lastDeleted = null;
    this.undoBar.hidden = true;
    await this.refresh();
    this.list.focus();
  }

  // The edit form: time, kind, each site's side and intensity (remove, add),
  // and the details. Saving sends a merge patch; the core checks it.
  private openEditor(entry: Entry): void {
    const sites: SitePain[] = entry.sites.map((p) => ({ ...p }));
    const whenId = uid('edit-when');
    const when = h('input', { type: 'datetime-local', id: whenId, value: toLocalInput(entry.at) });
    const kindName = uid('edit-kind');
    const flare = h('input', { type: 'radio', name: kindName, value: 'flare', checked: entry.flare });
    const baseline = h('input', { type: 'radio', name: kindName, value: 'baseline', checked: !entry.flare });
    const siteList = h('ul', { class: 'chosen' });
    const renderSites = () => {
      siteList.replaceChildren(
        ...sites.map((pain, index) => {
          const name = `${this.app.siteLabel(pain.site)}, ${pain.side}`;
          const sideId = uid('edit-side');
          const side = h('select', { id: sideId });
          for (const value of ['left', 'right', 'both'] as const) side.append(h('option', { value, selected: value === pain.side }, value));
          side.addEventListener('change', () => (pain.side = side.value as Side));
          const remove = h('button', { type: 'button', 'aria-label': `Remove ${name}` }, 'Remove');
          remove.addEventListener('click', () => {
            sites.splice(index, 1);
            renderSites();
          });
          return h(
            'li',
            { 'aria-label': name },
            h('p', { class: 'chosen-name' }, name),
            slider('Intensity', pain.intensity, (value) => (pain.intensity = value)),
            h('div', { class: 'chosen-tools' }, h('label', { for: sideId }, 'Side'), side, remove),
          );
        }),
      );
    };
    renderSites();
    const addId = uid('edit-add');
    const add = h('select', { id: addId }, h('option', { value: '' }, 'Choose…'));
    for (const area of this.app.areas()) {
      const group = h('optgroup', { label: area.label });
      for (const site of [area, ...this.app.vocabulary.sites.filter((x) => x.parent === area.id)]) {
        group.append(h('option', { value: site.id }, site.label));
      }
      add.append(group);
    }
    add.addEventListener('change', () => {
      if (add.value === '') return;
      sites.push({ site: add.value, side: 'both', intensity: 5 });
      add.value = '';
      renderSites();
    });
    const details = new DetailsForm(this.app.vocabulary, this.app.addCustomTrigger, entry);
    const error = h('p', { class: 'error', role: 'alert', hidden: true });
    const save = h('button', { type: 'submit' }, 'Save changes');
    const cancel = h('button', { type: 'button' }, 'Cancel');
    cancel.addEventListener('click', () => this.dialog.close());
    const form = h(
      'form',
      { method: 'dialog', 'aria-labelledby': 'edit-heading', novalidate: true },
      h('h2', { id: 'edit-heading' }, 'Edit entry'),
      h('div', { class: 'field' }, h('label', { for: whenId }, 'When'), when),
      h(
        'fieldset',
        { class: 'field' },
        h('legend', {}, 'Kind of pain'),
        h('label', { class: 'choice' }, flare, ' Flare'),
        h('label', { class: 'choice' }, baseline, ' Baseline'),
      ),
      h('h3', {}, 'Where it hurts'),
      siteList,
      h('div', { class: 'field' }, h('label', { for: addId }, 'Add a body site'), add),
      details.element,
      error,
      h('div', { class: 'dialog-tools' }, save, cancel),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const value = details.value();
      const patch: EntryPatch = { flare: flare.checked, sites, ...value };
      if (when.value !== toLocalInput(entry.at)) patch.at = fromLocalInput(when.value, this.app.prefs.timeZone);
      // The core's refusal shows in the dialog (the page's alert is behind it).
      this.app.status('Saving…');
      void this.app.client.call('edit', entry.id, patch).then((answer) => {
        this.app.status(answer.ok && answer.saved ? 'Saved' : answer.ok ? '' : 'Not saved');
        if (!answer.ok) {
          error.hidden = false;
          error.textContent = `${answer.error.message} (${answer.error.code})`;
          return;
        }
        this.dialog.close();
        this.app.changed();
      });
    });
    this.dialog.replaceChildren(form);
    this.dialog.showModal();
  }
}
