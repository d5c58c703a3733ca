// The Routines screen: the core's library grouped by kind, each routine with
// its steps, doses and safety notes; the user's own routines with Edit and
// Delete; "Create a routine"; Start opens the guided player (player.ts).
// Everything shown comes from the core's `routines`; saves go through the
// core, which validates them (its errors are shown as they come).
import type { Routine } from '../rpc';
import type { App } from './app';
import { h } from './dom';
import { Player } from './player';
import { RoutineEditor } from './routine_editor';
import { describeDose, kKinds } from './routine_text';

export class RoutinesScreen {
  private routines: Routine[] = [];
  private readonly library: HTMLElement;
  private readonly player: Player;
  private readonly editor: RoutineEditor;
  private readonly confirmDelete: HTMLDialogElement;
  private pendingStart: string | null = null;

  constructor(
    private readonly app: App,
    root: HTMLElement,
  ) {
    this.library = root.querySelector('.library') as HTMLElement;
    this.player = new Player(app, () => {
      this.library.hidden = false;
      (root.querySelector('#routines-heading') as HTMLElement).focus();
    });
    root.querySelector('.player-slot')!.append(this.player.root);
    this.editor = new RoutineEditor(app, root.querySelector('dialog.routine-editor') as HTMLDialogElement, (id) =>
      this.refresh(id),
    );
    root.querySelector('button.create-routine')!.addEventListener('click', () => this.editor.open(null));
    this.confirmDelete = root.querySelector('dialog.confirm-delete-routine') as HTMLDialogElement;
    this.confirmDelete.querySelector('button.cancel')!.addEventListener('click', () => this.confirmDelete.close());
  }

  /** All routines (library, then the user's), once loaded. */
  get all(): readonly Routine[] {
    return this.routines;
  }

  async refresh(focusId?: string): Promise<void> {
    const answer = await this.app.client.call('routines');
    if (!answer.ok) {
      this.app.showError('Could not load the routines', answer.error);
      return;
    }
    this.routines = answer.result.routines;
    this.render();
    if (focusId) (this.library.querySelector(`[data-routine="${focusId}"] summary`) as HTMLElement | null)?.focus();
    if (this.pendingStart) {
      const id = this.pendingStart;
      this.pendingStart = null;
      this.start(id);
    }
  }

  /** Opens the player on a routine (from Today's Start as well). */
  start(id: string): void {
    // A routine under way is never dropped for another (a reminder's Start).
    if (this.player.running) return;
    const routine = this.routines.find((r) => r.id === id);
    if (!routine) {
      // Not loaded yet: start once the list is in.
      this.pendingStart = id;
      return;
    }
    this.library.hidden = true;
    this.player.open(routine);
  }

  /** The screen is shown (again): a player waiting for the check asks the gate again. */
  shown(): void {
    void this.player.shown();
  }

  private render(): void {
    const groups = kKinds.map(({ id, label }) => {
      const builtIn = this.routines.filter((r) => r.kind === id && !r.custom);
      const own = this.routines.filter((r) => r.kind === id && r.custom);
      if (builtIn.length + own.length === 0) return null;
      const headingId = `kind-${id}`;
      return h(
        'section',
        { class: 'kind', 'aria-labelledby': headingId },
        h('h3', { id: headingId }, label),
        h('ul', { class: 'routine-list', 'aria-labelledby': headingId }, ...[...own, ...builtIn].map((r) => this.renderRoutine(r))),
      );
    });
    this.library.querySelector('.kinds')!.replaceChildren(...groups.filter((g) => g !== null));
  }

  private renderRoutine(routine: Routine): HTMLLIElement {
    const start = h('button', { type: 'button', class: 'primary' }, 'Start');
    start.setAttribute('aria-label', `Start ${routine.title}`);
    start.addEventListener('click', () => this.start(routine.id));
    const tools = h('div', { class: 'button-row' }, start);
    if (routine.custom) {
      const edit = h('button', { type: 'button', 'aria-label': `Edit ${routine.title}` }, 'Edit');
      edit.addEventListener('click', () => this.editor.open(routine));
      const remove = h('button', { type: 'button', class: 'danger', 'aria-label': `Delete ${routine.title}` }, 'Delete');
      remove.addEventListener('click', () => this.askDelete(routine));
      tools.append(edit, remove);
    }
    const targets = routine.targets.map((id) => this.app.siteLabel(id)).join(', ');
    return h(
      'li',
      { class: 'routine', 'data-routine': routine.id, 'aria-label': routine.title },
      h(
        'details',
        {},
        h('summary', {}, h('span', { class: 'routine-title' }, routine.title), routine.custom ? h('span', { class: 'tag' }, 'yours') : null),
        h('p', { class: 'hint' }, targets ? `For: ${targets}` : 'Whole body'),
        h(
          'ol',
          { class: 'steps' },
          ...routine.steps.map((step) => h('li', {}, step.text, h('span', { class: 'dose' }, ` — ${describeDose(step)}`))),
        ),
        h('h4', {}, 'Safety'),
        h('ul', { class: 'safety' }, ...routine.safety.map((note) => h('li', {}, note))),
        routine.source ? h('p', { class: 'hint' }, `Source: ${routine.source}`) : null,
      ),
      tools,
    );
  }

  private askDelete(routine: Routine): void {
    const dialog = this.confirmDelete;
    dialog.querySelector('.routine-name')!.textContent = routine.title;
    const confirm = dialog.querySelector('button.confirm') as HTMLButtonElement;
    confirm.onclick = async () => {
      dialog.close();
      const answer = await this.app.run('Could not delete the routine', this.app.client.call('deleteRoutine', routine.id));
      if (answer.ok) {
        await this.refresh();
        this.app.changed();
      }
    };
    dialog.showModal();
  }
}
