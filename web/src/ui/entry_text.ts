// An entry in words, as History and the shared view show it: where and how
// much, flare or baseline, and the details (qualities, triggers, what
// helped, stress). Labels are the core's vocabulary's.
import type { Entry } from '../rpc';
import type { App } from './app';
import { formatTime } from './time';
import { h } from './dom';

export function entrySites(app: App, entry: Entry): string {
  return entry.sites.map((s) => app.describeSite(s)).join(', ');
}

export function entryExtras(app: App, entry: Entry): string[] {
  return [
    ...entry.qualities.map((id) => app.termLabel(id)),
    ...entry.triggers.map((id) => `trigger: ${app.termLabel(id)}`),
    ...entry.helped.map((id) => `helped: ${app.termLabel(id)}`),
    ...(entry.medications ?? []).map((m) => `medicine: ${m}`),
    entry.stress === null || entry.stress === undefined ? '' : `stress ${entry.stress}/10`,
  ].filter((text) => text !== '');
}

/** The list item's text parts: what, when, details, note. */
export function entryParts(app: App, entry: Entry): (HTMLElement | null)[] {
  const extras = entryExtras(app, entry);
  return [
    h('p', { class: 'entry-what' }, `${entrySites(app, entry)} · ${entry.flare ? 'flare' : 'baseline'}`),
    h('time', { datetime: entry.at }, formatTime(entry.at, app.prefs.timeZone)),
    extras.length > 0 ? h('p', { class: 'entry-extra' }, extras.join(' · ')) : null,
    entry.note ? h('p', { class: 'entry-note' }, entry.note) : null,
  ];
}
