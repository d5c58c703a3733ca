// The Log screen: tap where it hurts on the body map (front or back, left or
// right), optionally zoom into the area's muscles, set the intensity (5 until
// moved), flare or baseline, optional details, Log. A flare takes two taps:
// the area, then Log. Everything is checked by the core.
import type { BodySite, NewEntry, Side } from '../rpc';
import type { App } from './app';
import { areaViewBox, drawView, hasDrawing, kViewBox, onView, pinPositions, type Region, type View } from './bodymap';
import { DetailsForm } from './details';
import { h, s, slider, uid } from './dom';
import { fromLocalInput, isoInZone } from './time';

interface Chosen {
  key: number;
  area: BodySite;
  site: string;
  side: Side;
  intensity: number;
}

const kDefaultIntensity = 5;
const kSideLabels: Record<Side, string> = { left: 'Left', right: 'Right', both: 'Both or middle' };

export class LogScreen {
  private view: View = 'front';
  private chosen: Chosen[] = [];
  private focused: Chosen | null = null;
  private nextKey = 1;
  private regions: Region[] = [];
  private readonly pins = s('g', { class: 'pins' });
  private readonly svg: SVGSVGElement;
  private readonly viewButtons: Record<View, HTMLButtonElement>;
  private readonly wholeBody: HTMLButtonElement;
  private readonly zoomNote: HTMLParagraphElement;
  private readonly others: HTMLDivElement;
  private readonly muscles: HTMLDivElement;
  private readonly list: HTMLUListElement;
  private readonly empty: HTMLParagraphElement;
  private readonly details: DetailsForm;
  private readonly detailsBox: HTMLDetailsElement;
  private readonly when: HTMLInputElement;
  readonly logButton: HTMLButtonElement;
  private readonly form: HTMLFormElement;

  constructor(
    private readonly app: App,
    root: HTMLElement,
  ) {
    this.svg = root.querySelector('svg.body-map') as SVGSVGElement;
    this.svg.setAttribute('viewBox', kViewBox);
    const button = (text: string) => h('button', { type: 'button' }, text);
    this.viewButtons = { front: button('Front'), back: button('Back') };
    this.wholeBody = button('Whole body');
    this.wholeBody.hidden = true;
    this.zoomNote = h('p', { class: 'hint', 'aria-live': 'polite' });
    for (const view of ['front', 'back'] as const) {
      this.viewButtons[view].addEventListener('click', () => this.setView(view));
    }
    this.wholeBody.addEventListener('click', () => this.zoom(null));
    root
      .querySelector('.map-tools')!
      .append(
        h('div', { role: 'group', 'aria-label': 'Body view', class: 'segmented' }, this.viewButtons.front, this.viewButtons.back),
        this.wholeBody,
      );
    this.others = root.querySelector('.map-others') as HTMLDivElement;
    this.muscles = root.querySelector('.muscles') as HTMLDivElement;
    root.querySelector('.map-note')!.append(this.zoomNote);
    this.list = root.querySelector('.chosen') as HTMLUListElement;
    this.empty = root.querySelector('.chosen-empty') as HTMLParagraphElement;
    this.form = root.querySelector('form') as HTMLFormElement;
    this.logButton = root.querySelector('button[type="submit"]') as HTMLButtonElement;
    this.details = new DetailsForm(app.vocabulary, app.addCustomTrigger);
    const whenId = uid('when');
    this.when = h('input', { type: 'datetime-local', id: whenId });
    this.detailsBox = root.querySelector('details.more') as HTMLDetailsElement;
    this.detailsBox.append(
      h('div', { class: 'field' }, h('label', { for: whenId }, 'When (leave empty for now)'), this.when),
      this.details.element,
    );
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.log();
    });
    this.setView('front');
    this.renderChosen();
  }

  private setView(view: View): void {
    this.view = view;
    for (const v of ['front', 'back'] as const) this.viewButtons[v].setAttribute('aria-pressed', String(v === view));
    this.svg.setAttribute('aria-label', `Body map, ${view}`);
    const areas = this.app.areas();
    this.regions = drawView(this.svg, view, areas, (region) => this.decorate(region));
    this.svg.append(this.pins);
    // Areas without a drawing (or not on this view's picture) stay reachable.
    this.others.replaceChildren(
      ...areas
        .filter((area) => !hasDrawing(area.id))
        .flatMap((area) => (['left', 'right'] as const).map((side) => this.areaButton(area, side))),
    );
    const focused = this.focused;
    this.zoom(focused && onView(focused.area, view) && hasDrawing(focused.area.id) ? focused.area.id : null);
  }

  private areaButton(area: BodySite, side: Side): HTMLButtonElement {
    const button = h('button', { type: 'button', class: 'chip-button' }, `${area.label}, ${side}`);
    button.dataset.area = area.id;
    button.dataset.side = side;
    button.setAttribute('aria-pressed', String(this.isChosen(area.id, side)));
    button.addEventListener('click', () => this.toggle(area, side));
    return button;
  }

  private decorate(region: Region): void {
    const { path, area, side } = region;
    path.setAttribute('role', 'button');
    path.setAttribute('tabindex', '0');
    path.setAttribute('aria-label', `${area.label}, ${side}`);
    path.setAttribute('aria-pressed', String(this.isChosen(area.id, side)));
    path.append(document.createElementNS('http://www.w3.org/2000/svg', 'title'));
    path.firstElementChild!.textContent = `${area.label}, ${side}`;
    path.addEventListener('click', () => this.toggle(area, side));
    path.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        this.toggle(area, side);
      }
    });
  }

  private isChosen(areaId: string, side: Side): boolean {
    return this.chosen.some((c) => c.area.id === areaId && c.side === side);
  }

  // Tapping a region chooses it (intensity 5, zoomed to its muscles); tapping
  // a chosen region again lets it go.
  private toggle(area: BodySite, side: Side): void {
    const existing = this.chosen.find((c) => c.area.id === area.id && c.side === side);
    if (existing) {
      this.chosen = this.chosen.filter((c) => c !== existing);
      if (this.focused === existing) this.focused = null;
    } else {
      const item: Chosen = { key: this.nextKey++, area, site: area.id, side, intensity: kDefaultIntensity };
      this.chosen.push(item);
      this.focused = item;
      if (hasDrawing(area.id) && onView(area, this.view)) this.zoom(area.id);
    }
    this.syncPressed();
    this.renderMuscles();
    this.renderChosen();
  }

  private syncPressed(): void {
    for (const { path, area, side } of this.regions) {
      path.setAttribute('aria-pressed', String(this.isChosen(area.id, side)));
    }
    for (const button of this.others.querySelectorAll<HTMLButtonElement>('button')) {
      button.setAttribute('aria-pressed', String(this.isChosen(button.dataset.area!, button.dataset.side as Side)));
    }
  }

  private zoom(areaId: string | null): void {
    const box = areaId ? areaViewBox(areaId, this.regions) : null;
    this.svg.setAttribute('viewBox', box ?? kViewBox);
    this.svg.classList.toggle('zoomed', box !== null);
    this.wholeBody.hidden = box === null;
    this.zoomNote.textContent = box && areaId ? `Zoomed in on ${this.app.siteLabel(areaId)}.` : '';
    this.renderMuscles();
  }

  // The muscles of the focused site's area: optional precision, as pins on
  // the zoomed map and as a list.
  private renderMuscles(): void {
    const item = this.focused;
    this.pins.replaceChildren();
    if (!item) {
      this.muscles.replaceChildren();
      return;
    }
    const muscles = this.app.vocabulary.sites.filter((site) => site.parent === item.area.id);
    if (this.svg.classList.contains('zoomed')) {
      for (const muscle of muscles) {
        for (const { x, y } of pinPositions(muscle.id, this.view, item.side)) this.pins.append(this.pin(item, muscle, x, y));
      }
    }
    const group = h('div', { role: 'group', class: 'chip-row', 'aria-label': `Muscles of ${item.area.label}, ${item.side}` });
    for (const muscle of muscles) {
      const chip = h('button', { type: 'button', class: 'chip-button', 'aria-pressed': String(item.site === muscle.id) }, muscle.label);
      chip.addEventListener('click', () => {
        item.site = item.site === muscle.id ? item.area.id : muscle.id;
        this.renderMuscles();
        this.renderChosen();
      });
      group.append(chip);
    }
    this.muscles.replaceChildren(
      h('p', { class: 'hint' }, `Which muscle of the ${item.area.label.toLowerCase()} (${item.side})? Optional.`),
      group,
    );
  }

  private pin(item: Chosen, muscle: BodySite, x: number, y: number): SVGCircleElement {
    const name = `${muscle.label}, ${item.side}`;
    const pin = s(
      'circle',
      { cx: x, cy: y, r: 4.5, class: 'pin', role: 'button', tabindex: 0, 'aria-label': name, 'aria-pressed': String(item.site === muscle.id) },
      s('title', {}, name),
    );
    const choose = () => {
      item.site = item.site === muscle.id ? item.area.id : muscle.id;
      this.renderMuscles();
      this.renderChosen();
    };
    pin.addEventListener('click', choose);
    pin.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        choose();
      }
    });
    return pin;
  }

  private renderChosen(): void {
    this.empty.hidden = this.chosen.length > 0;
    this.list.replaceChildren(
      ...this.chosen.map((item) => {
        const name = `${this.app.siteLabel(item.site)}, ${item.side}`;
        const sideId = uid('side');
        const side = h('select', { id: sideId });
        for (const value of ['left', 'right', 'both'] as const) {
          side.append(h('option', { value, selected: value === item.side }, kSideLabels[value]));
        }
        side.addEventListener('change', () => {
          item.side = side.value as Side;
          this.syncPressed();
          this.renderMuscles();
          this.renderChosen();
        });
        const remove = h('button', { type: 'button', 'aria-label': `Remove ${name}` }, 'Remove');
        remove.addEventListener('click', () => this.toggle(item.area, item.side));
        const focus = h('button', { type: 'button', 'aria-label': `Choose a muscle for ${name}` }, 'Muscle…');
        focus.addEventListener('click', () => {
          this.focused = item;
          if (!onView(item.area, this.view) && item.area.view !== 'both') this.setView(item.area.view as View);
          else this.zoom(hasDrawing(item.area.id) ? item.area.id : null);
        });
        return h(
          'li',
          { 'aria-label': name },
          h('p', { class: 'chosen-name' }, name),
          slider('Intensity', item.intensity, (value) => (item.intensity = value)),
          h('div', { class: 'chosen-tools' }, h('label', { for: sideId }, 'Side'), side, focus, remove),
        );
      }),
    );
  }

  private async log(): Promise<void> {
    const details = this.details.value();
    const entry: NewEntry = {
      at: this.when.value ? fromLocalInput(this.when.value, this.app.prefs.timeZone) : isoInZone(new Date(), this.app.prefs.timeZone),
      flare: new FormData(this.form).get('kind') !== 'baseline',
      sites: this.chosen.map(({ site, side, intensity }) => ({ site, side, intensity })),
      qualities: details.qualities,
      triggers: details.triggers,
      helped: details.helped,
    };
    if (details.stress !== null) entry.stress = details.stress;
    if (details.note !== null) entry.note = details.note;
    const answer = await this.app.run('Could not log', this.app.client.call('log', entry));
    if (!answer.ok) return;
    this.chosen = [];
    this.focused = null;
    this.details.reset();
    this.when.value = '';
    this.detailsBox.open = false;
    this.syncPressed();
    this.zoom(null);
    this.renderChosen();
    this.app.changed();
    // RED_FLAGS.md: re-ask the red flags at each flare.
    if (entry.flare) this.app.flareLogged();
  }

  setVocabulary(): void {
    this.details.setVocabulary(this.app.vocabulary);
  }
}
