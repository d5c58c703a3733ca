// The page: a Log form, the history, the save status. It talks to the
// journal only through the worker (client.ts) and shows the core's error
// messages as they come: no validation happens here.
import './app.css';
import { CoreClient, type Answer } from './client';
import type { BodySite, Entry, Method, NewEntry, Side, Vocabulary } from './rpc';

// Set by build.mjs (esbuild `define`): the hashed worker bundle.
declare const UNKNOT_WORKER_URL: string;

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`index.html has no #${id}`);
  return element as T;
}

const ui = {
  form: byId<HTMLFormElement>('log-form'),
  site: byId<HTMLSelectElement>('site'),
  side: byId<HTMLSelectElement>('side'),
  intensity: byId<HTMLInputElement>('intensity'),
  intensityValue: byId<HTMLOutputElement>('intensity-value'),
  note: byId<HTMLTextAreaElement>('note'),
  logButton: byId<HTMLButtonElement>('log-button'),
  status: byId<HTMLParagraphElement>('status'),
  error: byId<HTMLParagraphElement>('error'),
  undoBar: byId<HTMLDivElement>('undo-bar'),
  undoText: byId<HTMLSpanElement>('undo-text'),
  undoButton: byId<HTMLButtonElement>('undo'),
  history: byId<HTMLOListElement>('history'),
  empty: byId<HTMLParagraphElement>('history-empty'),
  storage: byId<HTMLParagraphElement>('storage-note'),
};

const client = new CoreClient(new URL(UNKNOT_WORKER_URL, document.baseURI).href, (notice) => {
  if (notice.notice === 'waiting-for-other-tab') {
    setStatus('Unknot is open in another tab. Close it to use your journal here.');
  }
});
const siteLabels = new Map<string, string>();
let busy = false;
let ready = false;
let lastDeleted: string | null = null;

function setStatus(text: string): void {
  ui.status.textContent = text;
}

function showError(action: string, error: { code: string; message: string } | null): void {
  ui.error.hidden = error === null;
  ui.error.textContent = error ? `${action}: ${error.message} (${error.code})` : '';
}

// Runs one call with the form locked; shows "Saved" only when the worker
// reports the change durable.
async function run<M extends Method>(action: string, answer: Promise<Answer<M>>): Promise<Answer<M>> {
  busy = true;
  syncControls();
  setStatus('Saving…');
  const result = await answer;
  busy = false;
  syncControls();
  if (result.ok) {
    showError(action, null);
    setStatus(result.saved ? 'Saved' : '');
  } else {
    showError(action, result.error);
    setStatus(result.error.code === 'save-failed' ? 'Not saved' : '');
  }
  return result;
}

function syncControls(): void {
  ui.logButton.disabled = !ready || busy;
  ui.undoButton.disabled = !ready || busy;
}

function showIntensity(): void {
  ui.intensityValue.value = ui.intensity.value;
  ui.intensity.setAttribute('aria-valuetext', `${ui.intensity.value} out of 10`);
}

function fillSites(vocabulary: Vocabulary): void {
  const areas = vocabulary.sites.filter((site) => site.parent === '');
  for (const site of vocabulary.sites) siteLabels.set(site.id, site.label);
  for (const area of areas) {
    const group = document.createElement('optgroup');
    group.label = area.label;
    const members: BodySite[] = [area, ...vocabulary.sites.filter((s) => s.parent === area.id)];
    for (const site of members) group.append(new Option(site.label, site.id));
    ui.site.append(group);
  }
}

// The local time with its UTC offset, e.g. 2026-11-24T09:30:00+01:00.
function localIsoTime(date: Date): string {
  const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
  );
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function describeSites(entry: Entry): string {
  return entry.sites
    .map((s) => `${siteLabels.get(s.site) ?? s.site} (${s.side}) ${s.intensity}/10`)
    .join(', ');
}

function renderEntry(entry: Entry): HTMLLIElement {
  const item = document.createElement('li');
  const what = document.createElement('p');
  what.className = 'entry-what';
  what.textContent = `${describeSites(entry)} · ${entry.flare ? 'flare' : 'baseline'}`;
  const when = document.createElement('time');
  when.dateTime = entry.at;
  when.textContent = timeFormat.format(new Date(entry.at));
  item.append(what, when);
  if (entry.note) {
    const note = document.createElement('p');
    note.className = 'entry-note';
    note.textContent = entry.note;
    item.append(note);
  }
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.textContent = 'Delete';
  remove.setAttribute('aria-label', `Delete entry: ${describeSites(entry)}, ${when.textContent}`);
  remove.addEventListener('click', () => void deleteEntry(entry.id, describeSites(entry)));
  item.append(remove);
  return item;
}

async function refresh(): Promise<void> {
  const answer = await client.call('list');
  if (!answer.ok) {
    showError('Could not show your history', answer.error);
    return;
  }
  // The core lists oldest first; the page shows newest first.
  const entries = [...answer.result].reverse();
  ui.history.replaceChildren(...entries.map(renderEntry));
  ui.empty.hidden = entries.length > 0;
}

async function deleteEntry(id: string, what: string): Promise<void> {
  const answer = await run('Could not delete', client.call('remove', id));
  if (!answer.ok) return;
  lastDeleted = id;
  ui.undoText.textContent = `Deleted ${what}.`;
  ui.undoBar.hidden = false;
  await refresh();
  ui.undoButton.focus();
}

async function undoDelete(): Promise<void> {
  if (lastDeleted === null) return;
  const answer = await run('Could not undo', client.call('restore', lastDeleted));
  if (!answer.ok) return;
  lastDeleted = null;
  ui.undoBar.hidden = true;
  await refresh();
  ui.history.focus();
}

async function logEntry(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  // No site chosen means no site: the core answers "no-sites".
  const sites =
    ui.site.value === ''
      ? []
      : [{ site: ui.site.value, side: ui.side.value as Side, intensity: ui.intensity.valueAsNumber }];
  const entry: NewEntry = { at: localIsoTime(new Date()), flare: new FormData(ui.form).get('kind') === 'flare', sites };
  if (ui.note.value !== '') entry.note = ui.note.value;
  const answer = await run('Could not log', client.call('log', entry));
  if (!answer.ok) return;
  ui.note.value = '';
  ui.undoBar.hidden = true;
  await refresh();
}

async function askPersistentStorage(): Promise<void> {
  if (!navigator.storage?.persist) return;
  const persisted = (await navigator.storage.persisted()) || (await navigator.storage.persist());
  ui.storage.hidden = persisted;
}

async function start(): Promise<void> {
  ui.intensity.addEventListener('input', showIntensity);
  showIntensity();
  ui.form.addEventListener('submit', (event) => void logEntry(event));
  ui.undoButton.addEventListener('click', () => void undoDelete());
  void askPersistentStorage();
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('sw.js').catch((err: unknown) => {
      console.warn('service worker not registered', err);
    });
  }
  const opened = await client.call('open');
  if (!opened.ok) {
    setStatus('');
    showError('Could not open your journal', opened.error);
    return;
  }
  fillSites(opened.result.vocabulary);
  await refresh();
  ready = true;
  syncControls();
  setStatus('Ready');
  // For the end-to-end suite and later performance budgets.
  performance.mark('unknot:ready');
}

void start();
