// Patients (#patients): the therapist's side of sharing (docs/sharing.md).
// Redeem an invitation (typed, or from a #redeem=CODE link); the people who
// share with you; per person a read-only, live view of what they shared —
// "since last visit" (from the visit date you set, else your previous
// visit), the charts, heat map, entries with your comments, sessions,
// adherence, checks, insights — and two things you may add: a comment on
// an entry, a recommended routine. The printable report is the patient's
// report page filled with the shared data.
//
// Live: the worker keeps a WebSocket on the share and the view is re-read on
// each poke. A copy of the last view is kept in Cache Storage so the view
// opens offline; it is dropped the moment the server says the share ended
// (revoked, expired, gone) and when this device signs out.
import type { CoreError, HeldShare, Routine, RoutineInput, SharedView, SyncStatus } from '../rpc';
import type { App } from './app';
import { h } from './dom';
import { routineTitles } from './insights';
import { renderReport } from './report';
import { kindLabel } from './routine_text';
import { describePeriod, renderSharedView } from './shared_view';
import { dateInZone, formatTime, fromLocalInput } from './time';

const kCacheName = 'unknot-shared-views';
/** Pokes closer together than this are one re-read. */
const kRefreshDelayMs = 300;
const kEndedCodes = new Set(['share-revoked', 'share-expired', 'not-found']);

const kEndedWords: Record<string, string> = {
  'share-revoked': 'stopped sharing',
  'share-expired': 'shared until a date that has passed',
  'not-found': 'no longer shares with you',
};

async function cache(): Promise<Cache | null> {
  try {
    return (await globalThis.caches?.open(kCacheName)) ?? null;
  } catch {
    return null;
  }
}
const cacheKey = (shareId: string) => new URL(`shared-view/${shareId}`, location.href).href;

/** Drops every cached shared view (sign-out, delete all data). */
export async function dropSharedViews(): Promise<void> {
  try {
    await globalThis.caches?.delete(kCacheName);
  } catch {
    // No Cache Storage here: nothing was kept.
  }
}

export class PatientsScreen {
  private readonly list: HTMLUListElement;
  private readonly empty: HTMLElement;
  private readonly signIn: HTMLElement;
  private readonly error: HTMLElement;
  private readonly code: HTMLInputElement;
  private readonly view: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly state: HTMLElement;
  private readonly body: HTMLElement;
  private readonly report: HTMLElement;
  private readonly visitDate: HTMLInputElement;
  private readonly routineSelect: HTMLSelectElement;
  private readonly note: HTMLTextAreaElement;
  private held: HeldShare[] = [];
  private current: HeldShare | null = null;
  private shown: SharedView | null = null;
  private ownRoutines = new Map<string, Routine>();
  private titles = new Map<string, string>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private signedIn = false;

  constructor(
    private readonly app: App,
    root: HTMLElement,
  ) {
    this.list = root.querySelector('ul.patient-list') as HTMLUListElement;
    this.empty = root.querySelector('.patients-empty') as HTMLElement;
    this.signIn = root.querySelector('.patients-signin') as HTMLElement;
    this.error = root.querySelector('.patients-error') as HTMLElement;
    this.code = root.querySelector('#redeem-code') as HTMLInputElement;
    this.view = root.querySelector('.patient-view') as HTMLElement;
    this.heading = root.querySelector('#patient-heading') as HTMLElement;
    this.state = root.querySelector('.patient-state') as HTMLElement;
    this.body = root.querySelector('.patient-body') as HTMLElement;
    this.report = root.querySelector('.patient-report') as HTMLElement;
    this.visitDate = root.querySelector('#visit-date') as HTMLInputElement;
    this.routineSelect = root.querySelector('#recommend-routine') as HTMLSelectElement;
    this.note = root.querySelector('#recommend-note') as HTMLTextAreaElement;
    (root.querySelector('form.redeem-form') as HTMLFormElement).addEventListener('submit', (event) => {
      event.preventDefault();
      void this.redeem();
    });
    (root.querySelector('form.visit-form') as HTMLFormElement).addEventListener('submit', (event) => {
      event.preventDefault();
      void this.setVisit(this.visitDate.value ? fromLocalInput(`${this.visitDate.value}T00:00`, app.prefs.timeZone) : null);
    });
    (root.querySelector('button.visit-clear') as HTMLButtonElement).addEventListener('click', () => void this.setVisit(null));
    (root.querySelector('form.recommend-form') as HTMLFormElement).addEventListener('submit', (event) => {
      event.preventDefault();
      void this.recommend();
    });
    (root.querySelector('button.print-patient') as HTMLButtonElement).addEventListener('click', () => this.print());
    window.addEventListener('afterprint', () => document.body.classList.remove('printing-patient'));
  }

  /** A code from a #redeem=CODE link: filled in, ready to add. */
  offerCode(code: string): void {
    this.code.value = code;
    this.code.focus();
  }

  syncChanged(status: SyncStatus): void {
    const was = this.signedIn;
    this.signedIn = status.signedIn;
    this.signIn.hidden = status.signedIn;
    if (!status.signedIn) {
      if (was) void this.forgetAll();
      return;
    }
    if (!was) void this.refresh();
  }

  private async forgetAll(): Promise<void> {
    this.close();
    this.held = [];
    this.list.replaceChildren();
    await dropSharedViews();
  }

  private showError(action: string, error: CoreError | null): void {
    this.error.hidden = error === null;
    this.error.textContent = error ? `${action}: ${error.message} (${error.code})` : '';
  }

  async refresh(): Promise<void> {
    if (!this.signedIn) return;
    const answer = await this.app.client.call('sharedList');
    if (!answer.ok) return this.showError('Could not list your patients', answer.error);
    this.held = answer.result.shared;
    this.empty.hidden = this.held.length > 0;
    this.list.replaceChildren(
      ...this.held.map((share) => {
        const open = h('button', { type: 'button', 'aria-label': `Open ${share.patient}'s shared journal` }, share.patient);
        open.addEventListener('click', () => void this.open(share));
        return h('li', {}, open, h('span', { class: 'hint' }, ` ${share.scopes.join(', ')}; ${describePeriod(share.period)}; until ${formatTime(share.expires_at, this.app.prefs.timeZone)}`));
      }),
    );
    if (this.current && !this.held.some((s) => s.share_id === this.current!.share_id)) this.close();
  }

  private async redeem(): Promise<void> {
    const code = this.code.value.trim();
    const answer = await this.app.client.call('sharedRedeem', code);
    if (!answer.ok) return this.showError('Could not add the patient', answer.error);
    this.showError('', null);
    this.code.value = '';
    if (location.hash.startsWith('#redeem=')) history.replaceState(null, '', '#patients');
    this.app.status(`${answer.result.patient} now shares with you.`);
    await this.refresh();
    const share = this.held.find((s) => s.share_id === answer.result.share_id);
    if (share) await this.open(share);
  }

  private async open(share: HeldShare): Promise<void> {
    this.current = share;
    this.shown = null;
    this.view.hidden = false;
    this.view.classList.remove('ended');
    this.heading.textContent = share.patient;
    this.heading.focus();
    await this.loadRoutines();
    // The copy kept on this device first (offline), then the live one.
    const kept = await (await cache())?.match(cacheKey(share.share_id));
    if (kept && this.current === share) {
      this.draw((await kept.json()) as SharedView, 'Shown from this device’s copy; updating…');
    }
    void this.app.client.call('watchShare', share.share_id);
    await this.load();
  }

  private close(): void {
    this.current = null;
    this.shown = null;
    this.view.hidden = true;
    this.body.replaceChildren();
    void this.app.client.call('watchShare', null);
  }

  /** The worker's news of the watched share. */
  shareEvent(shareId: string, event: { kind: 'changed' } | { kind: 'ended'; code: string }): void {
    if (this.current?.share_id !== shareId) return;
    if (event.kind === 'ended') {
      if (kEndedCodes.has(event.code)) void this.ended(event.code);
      else void this.load();
      return;
    }
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.load();
    }, kRefreshDelayMs);
  }

  private async load(): Promise<void> {
    const share = this.current;
    if (!share) return;
    const answer = await this.app.client.call('sharedView', share.share_id);
    if (this.current !== share) return;
    if (!answer.ok) {
      if (kEndedCodes.has(answer.error.code)) return this.ended(answer.error.code);
      this.state.textContent =
        answer.error.code === 'offline'
          ? this.shown
            ? 'Offline: showing this device’s copy.'
            : 'Offline, and this device has no copy yet.'
          : `Could not update: ${answer.error.message} (${answer.error.code})`;
      return;
    }
    await (await cache())?.put(cacheKey(share.share_id), new Response(JSON.stringify(answer.result), { headers: { 'Content-Type': 'application/json' } }));
    this.draw(answer.result, `Live: updated ${formatTime(answer.result.generated_at, this.app.prefs.timeZone)}`);
  }

  /** The share ended: its copy goes, and the person is told why. */
  private async ended(code: string): Promise<void> {
    const share = this.current;
    if (!share) return;
    await (await cache())?.delete(cacheKey(share.share_id));
    this.shown = null;
    this.body.replaceChildren();
    this.state.textContent = `${share.patient} ${kEndedWords[code] ?? 'no longer shares with you'}: their journal is no longer shown here, and this device’s copy was deleted.`;
    // The message stays; the view's tools go with the share.
    this.current = null;
    this.view.classList.add('ended');
    void this.app.client.call('watchShare', null);
    await this.refresh();
  }

  private draw(view: SharedView, state: string): void {
    this.shown = view;
    this.state.textContent = state;
    const since = view.since_last_visit;
    this.visitDate.value = since?.source === 'set' && since.since ? dateInZone(new Date(since.since), this.app.prefs.timeZone) : '';
    const canComment = view.entries !== undefined || view.notes !== undefined;
    renderSharedView(this.body, this.app, view, {
      titles: this.titles,
      ...(canComment ? { onComment: (entryId: string, text: string) => this.comment(entryId, text) } : {}),
    });
  }

  private async comment(entryId: string, text: string): Promise<CoreError | null> {
    const share = this.current;
    if (!share) return { code: 'not-found', message: 'No patient is open.' };
    const answer = await this.app.client.call('sharedSuggest', share.share_id, { entry_id: entryId, text });
    if (!answer.ok) return answer.error;
    this.app.status(`Comment sent to ${share.patient}.`);
    await this.load();
    return null;
  }

  private async loadRoutines(): Promise<void> {
    const answer = await this.app.client.call('routines');
    this.titles = await routineTitles(this.app);
    if (!answer.ok) return;
    this.ownRoutines = new Map(answer.result.routines.filter((r) => r.custom).map((r) => [r.id, r]));
    const library = answer.result.routines.filter((r) => !r.custom);
    const byKind = new Map<string, Routine[]>();
    for (const r of library) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r]);
    this.routineSelect.replaceChildren(
      ...[...byKind].map(([kind, routines]) => h('optgroup', { label: kindLabel(kind) }, ...routines.map((r) => h('option', { value: r.id }, r.title)))),
      ...(this.ownRoutines.size > 0
        ? [h('optgroup', { label: 'Your own routines' }, ...[...this.ownRoutines.values()].map((r) => h('option', { value: r.id }, r.title)))]
        : []),
    );
  }

  private async recommend(): Promise<void> {
    const share = this.current;
    if (!share) return;
    const id = this.routineSelect.value;
    const own = this.ownRoutines.get(id);
    const text = this.note.value.trim();
    // One of the therapist's own routines travels whole: the patient's journal does not have it.
    const routine: RoutineInput | null = own ? { title: own.title, kind: own.kind, targets: own.targets, steps: own.steps } : null;
    const request = routine ? { routine, ...(text ? { text } : {}) } : { routine_id: id, ...(text ? { text } : {}) };
    const answer = await this.app.client.call('sharedSuggest', share.share_id, request);
    if (!answer.ok) return this.showError('Could not recommend the routine', answer.error);
    this.showError('', null);
    this.note.value = '';
    this.app.status(`Recommended to ${share.patient}.`);
    await this.load();
  }

  private async setVisit(visitAt: string | null): Promise<void> {
    const share = this.current;
    if (!share) return;
    const answer = await this.app.client.call('sharedVisit', share.share_id, visitAt);
    if (!answer.ok) return this.showError('Could not set the visit', answer.error);
    this.showError('', null);
    await this.load();
  }

  private print(): void {
    const view = this.shown;
    if (!view || !this.current) return;
    const to = view.today;
    const from = view.from ?? view.entries?.[0]?.at.slice(0, 10) ?? to;
    renderReport(this.report, this.app, {
      subject: this.current.patient,
      from,
      to,
      entries: view.entries ?? null,
      checks: view.triage ?? null,
      adherence: view.adherence ?? null,
      insights: view.insights ?? null,
      routineTitles: this.titles,
    });
    document.body.classList.add('printing-patient');
    window.print();
  }
}
