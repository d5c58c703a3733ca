// Create or edit one of the user's own routines, in a dialog: title, kind,
// the body areas it works on, and its steps (what to do, seconds, reps,
// rest, each side; optionally the upper end of a range of seconds or reps
// and a longer hold for people 65+, as the library's own routines have). The core validates on save (title length, steps, known
// sites, step numbers) and its message is shown in the dialog; nothing is
// checked here.
import type { Routine, RoutineInput, RoutineStep } from '../rpc';
import type { App } from './app';
import { h, uid } from './dom';
import { kKinds } from './routine_text';

type StepDraft = RoutineStep;

const kNewStep: StepDraft = { text: '', seconds: 30, max_seconds: 0, seconds_65_plus: 0, reps: 1, max_reps: 0, rest_seconds: 0, per_side: false };

export class RoutineEditor {
  private editing: Routine | null = null;
  private readonly form: HTMLFormElement;
  private readonly error: HTMLParagraphElement;

  constructor(
    private readonly app: App,
    private readonly dialog: HTMLDialogElement,
    private readonly onSaved: (id: string) => Promise<void>,
  ) {
    this.form = h('form', { method: 'dialog', novalidate: true });
    this.error = h('p', { class: 'error', role: 'alert', hidden: true });
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.save();
    });
    dialog.append(h('h2', { id: 'routine-editor-heading' }), this.form);
  }

  open(routine: Routine | null): void {
    this.editing = routine;
    this.dialog.querySelector('h2')!.textContent = routine ? `Edit “${routine.title}”` : 'Create a routine';
    this.error.hidden = true;
    this.render(routine);
    this.dialog.showModal();
  }

  private render(routine: Routine | null): void {
    const titleId = uid('routine-title');
    const kindId = uid('routine-kind');
    const title = h('input', { type: 'text', id: titleId, name: 'title', value: routine?.title ?? '', autocomplete: 'off' });
    const kind = h(
      'select',
      { id: kindId, name: 'kind' },
      ...kKinds.map((k) => h('option', { value: k.id, selected: k.id === (routine?.kind ?? 'stretch') }, k.label)),
    );
    const chosen = new Set(routine?.targets ?? []);
    const areas = h(
      'fieldset',
      { class: 'field chips targets' },
      h('legend', {}, 'Works on (optional)'),
      ...this.app.areas().map((area) =>
        h('label', { class: 'chip' }, h('input', { type: 'checkbox', value: area.id, checked: chosen.has(area.id) }), area.label),
      ),
    );
    // A routine's own muscles (chosen elsewhere, e.g. by the CLI) are kept.
    const kept = [...chosen].filter((id) => !this.app.areas().some((a) => a.id === id));
    areas.dataset.kept = kept.join(',');
    const steps = h('ol', { class: 'step-editors' });
    for (const step of routine?.steps ?? [kNewStep]) steps.append(this.stepEditor(step));
    const addStep = h('button', { type: 'button' }, 'Add a step');
    addStep.addEventListener('click', () => {
      const editor = this.stepEditor(kNewStep);
      steps.append(editor);
      (editor.querySelector('textarea') as HTMLTextAreaElement).focus();
    });
    const cancel = h('button', { type: 'button' }, 'Cancel');
    cancel.addEventListener('click', () => this.dialog.close());
    this.form.replaceChildren(
      h('div', { class: 'field' }, h('label', { for: titleId }, 'Title'), title),
      h('div', { class: 'field' }, h('label', { for: kindId }, 'Kind'), kind),
      areas,
      h('h3', {}, 'Steps'),
      steps,
      addStep,
      this.error,
      h('div', { class: 'dialog-tools' }, h('button', { type: 'submit' }, 'Save routine'), cancel),
    );
  }

  private stepEditor(step: StepDraft): HTMLLIElement {
    const number = (label: string, name: string, value: number) => {
      const id = uid(name);
      return h(
        'div',
        { class: 'field number' },
        h('label', { for: id }, label),
        h('input', { type: 'number', id, name, value, min: 0, step: 1, inputmode: 'numeric' }),
      );
    };
    const textId = uid('step-text');
    const sides = h('input', { type: 'checkbox', name: 'per_side', checked: step.per_side });
    const remove = h('button', { type: 'button', class: 'danger' }, 'Remove step');
    const item = h(
      'li',
      { class: 'step-editor' },
      h('div', { class: 'field' }, h('label', { for: textId }, 'What to do'), h('textarea', { id: textId, name: 'text', rows: 2 }, step.text)),
      h(
        'div',
        { class: 'numbers-row' },
        number('Seconds (0: own pace)', 'seconds', step.seconds),
        number('Reps', 'reps', step.reps),
        number('Rest between reps (s)', 'rest_seconds', step.rest_seconds),
      ),
      h('label', { class: 'choice' }, sides, 'Each side'),
      h(
        'details',
        { class: 'step-ranges', open: step.max_seconds > 0 || step.max_reps > 0 || step.seconds_65_plus > 0 },
        h('summary', {}, 'Ranges and longer holds (optional)'),
        h(
          'div',
          { class: 'numbers-row' },
          number('Up to seconds (0: no range)', 'max_seconds', step.max_seconds),
          number('Up to reps (0: no range)', 'max_reps', step.max_reps),
          number('Hold for people 65+ (s, 0: none)', 'seconds_65_plus', step.seconds_65_plus),
        ),
      ),
      remove,
    );
    remove.addEventListener('click', () => item.remove());
    return item;
  }

  private collect(): RoutineInput {
    const f = this.form;
    const value = (el: Element | null) => (el as HTMLInputElement | null)?.value ?? '';
    // A number field left empty or not a number goes to the core as is
    // (NaN becomes null in JSON), which names the field in its error.
    const num = (el: Element | null) => {
      const text = value(el).trim();
      return text === '' ? 0 : Number(text);
    };
    const areas = f.querySelector('fieldset.targets') as HTMLFieldSetElement;
    const targets = [
      ...[...areas.querySelectorAll<HTMLInputElement>('input:checked')].map((input) => input.value),
      ...(areas.dataset.kept ? areas.dataset.kept.split(',') : []),
    ];
    const steps = [...f.querySelectorAll('.step-editor')].map((li) => ({
      text: value(li.querySelector('[name="text"]')),
      seconds: num(li.querySelector('[name="seconds"]')),
      reps: num(li.querySelector('[name="reps"]')),
      rest_seconds: num(li.querySelector('[name="rest_seconds"]')),
      max_seconds: num(li.querySelector('[name="max_seconds"]')),
      max_reps: num(li.querySelector('[name="max_reps"]')),
      seconds_65_plus: num(li.querySelector('[name="seconds_65_plus"]')),
      per_side: (li.querySelector('[name="per_side"]') as HTMLInputElement).checked,
    }));
    const routine: RoutineInput = {
      title: value(f.querySelector('[name="title"]')),
      kind: value(f.querySelector('[name="kind"]')),
      targets,
      steps,
    };
    if (this.editing) routine.id = this.editing.id;
    return routine;
  }

  private async save(): Promise<void> {
    const answer = await this.app.run('Could not save the routine', this.app.client.call('saveRoutine', this.collect()));
    if (!answer.ok) {
      // Shown inside the dialog too: the page's alert is behind the modal.
      this.error.hidden = false;
      this.error.textContent = `Not saved: ${answer.error.message} (${answer.error.code})`;
      return;
    }
    this.dialog.close();
    await this.onSaved(answer.result.id);
    this.app.changed();
  }
}
