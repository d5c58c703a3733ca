// "From your therapist" on Today: what a therapist sent through a share — a
// comment on an entry, a recommended routine — once this device synced it,
// with Accept (keep the comment, take the routine) or Dismiss. The core
// stores the answer (it syncs to the person's other devices and back to the
// therapist); a routine the therapist wrote becomes one of the person's
// own (Routines lists it). Nothing here changes the person's entries.
import type { Entry, Suggestion } from '../rpc';
import type { App } from './app';
import { h } from './dom';
import { entrySites } from './entry_text';
import { formatTime } from './time';

export class SuggestionsPanel {
  private readonly list: HTMLOListElement;
  private titles = new Map<string, string>();

  constructor(
    private readonly app: App,
    private readonly root: HTMLElement,
    /** Opens the player on a routine (Today's Start). */
    private readonly start: (routineId: string) => void,
  ) {
    this.list = h('ol', { class: 'suggestion-list', 'aria-labelledby': 'suggestions-heading' });
    root.replaceChildren(
      h('h3', { id: 'suggestions-heading' }, 'From your therapist'),
      h('p', { class: 'hint' }, 'Suggestions your therapist sent through a share. They change nothing of yours unless you accept them.'),
      this.list,
    );
    root.hidden = true;
  }

  async refresh(): Promise<void> {
    const [answer, routines] = await Promise.all([
      this.app.client.call('suggestions'),
      this.app.client.call('routines'),
    ]);
    if (!answer.ok) return;
    if (routines.ok) this.titles = new Map(routines.result.routines.map((r) => [r.id, r.title]));
    // Pending ones, and the ones answered today (so an answer stays visible).
    const today = new Date().toISOString().slice(0, 10);
    const shown = answer.result.filter((s) => s.status === 'pending' || (s.answered_at ?? '').slice(0, 10) === today);
    const entries = await this.entriesOf(shown);
    this.root.hidden = shown.length === 0;
    this.list.replaceChildren(...shown.map((s) => this.item(s, entries)));
  }

  private async entriesOf(shown: Suggestion[]): Promise<Map<string, Entry>> {
    const ids = new Set(shown.map((s) => s.entry_id).filter((id): id is string => !!id));
    if (ids.size === 0) return new Map();
    const all = await this.app.client.call('list');
    return new Map((all.ok ? all.result : []).filter((e) => ids.has(e.id)).map((e) => [e.id, e]));
  }

  private item(s: Suggestion, entries: Map<string, Entry>): HTMLLIElement {
    const zone = this.app.prefs.timeZone;
    const parts: (HTMLElement | string | null)[] = [];
    let name: string;
    if (s.kind === 'comment') {
      const entry = s.entry_id ? entries.get(s.entry_id) : undefined;
      name = `Comment from ${s.author}`;
      parts.push(
        h('p', { class: 'suggestion-what' }, h('strong', {}, `${s.author} commented`),
          entry ? ` on your entry of ${formatTime(entry.at, zone)} (${entrySites(this.app, entry)})` : ''),
        h('p', { class: 'suggestion-text' }, s.text ?? ''),
      );
    } else {
      const title = s.routine?.title ?? this.titles.get(s.routine_id ?? '') ?? s.routine_id ?? 'a routine';
      name = `Routine recommended by ${s.author}: ${title}`;
      parts.push(
        h('p', { class: 'suggestion-what' }, h('strong', {}, `${s.author} recommends`), ` ${title}`),
        s.text ? h('p', { class: 'suggestion-text' }, s.text) : null,
      );
    }
    if (s.at) parts.push(h('p', { class: 'hint' }, `Sent ${formatTime(s.at, zone)}`));
    const tools = h('div', { class: 'entry-tools' });
    if (s.status === 'pending') {
      const accept = h('button', { type: 'button', 'aria-label': `Accept: ${name}` },
        s.kind === 'comment' ? 'Keep' : s.routine ? 'Add to my routines' : 'Accept');
      const dismiss = h('button', { type: 'button', 'aria-label': `Dismiss: ${name}` }, 'Dismiss');
      accept.addEventListener('click', () => void this.answer(s, true));
      dismiss.addEventListener('click', () => void this.answer(s, false));
      tools.append(accept, dismiss);
    } else {
      tools.append(h('span', { class: 'suggestion-status' }, s.status === 'accepted' ? 'Accepted' : 'Dismissed'));
      const routine = s.accepted_routine_id ?? (s.kind === 'routine' ? s.routine_id : null);
      if (s.status === 'accepted' && routine) {
        const start = h('button', { type: 'button', 'aria-label': `Start ${name}` }, 'Start');
        start.addEventListener('click', () => this.start(routine));
        tools.append(start);
      }
    }
    return h('li', { 'aria-label': name }, ...parts, tools);
  }

  private async answer(s: Suggestion, accept: boolean): Promise<void> {
    const answer = await this.app.run('Could not answer the suggestion', this.app.client.call('answerSuggestion', s.id, accept));
    if (answer.ok) this.app.changed();
  }
}
