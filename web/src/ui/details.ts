// The optional part of an entry (qualities, triggers incl. the user's own,
// what helped, stress, note): one form piece used by Log and Edit. Ids and
// labels come from the core's vocabulary; a custom trigger is added through
// the core, which folds the label into its id.
import type { CoreError, Term, Vocabulary } from '../rpc';
import { h, uid } from './dom';

export interface DetailsValue {
  qualities: string[];
  triggers: string[];
  helped: string[];
  stress: number | null;
  note: string | null;
}

export const kNoDetails: DetailsValue = { qualities: [], triggers: [], helped: [], stress: null, note: null };

/** Adds a trigger through the core; answers its id and the vocabulary that lists it. */
export type AddCustomTrigger = (
  label: string,
) => Promise<{ id: string; vocabulary: Vocabulary } | { error: CoreError }>;

function chips(legend: string, terms: Term[], chosen: Set<string>): HTMLFieldSetElement {
  const set = h('fieldset', { class: 'field chips' }, h('legend', {}, legend));
  for (const term of terms) {
    const input = h('input', { type: 'checkbox', value: term.id, checked: chosen.has(term.id) });
    set.append(h('label', { class: 'chip' }, input, h('span', {}, term.label)));
  }
  return set;
}

function checked(set: HTMLFieldSetElement): string[] {
  return [...set.querySelectorAll<HTMLInputElement>('input:checked')].map((input) => input.value);
}

export class DetailsForm {
  readonly element: HTMLDivElement;
  private qualities!: HTMLFieldSetElement;
  private triggers!: HTMLFieldSetElement;
  private helped!: HTMLFieldSetElement;
  private readonly stress: HTMLSelectElement;
  private readonly note: HTMLTextAreaElement;
  private readonly customInput: HTMLInputElement;
  private readonly customError: HTMLParagraphElement;
  private readonly lists: HTMLDivElement;

  constructor(
    private vocabulary: Vocabulary,
    private readonly addCustom: AddCustomTrigger,
    initial: DetailsValue = kNoDetails,
  ) {
    const stressId = uid('stress');
    const noteId = uid('note');
    const customId = uid('custom');
    this.stress = h('select', { id: stressId }, h('option', { value: '' }, 'Not recorded'));
    for (let i = 0; i <= 10; i++) this.stress.append(h('option', { value: i }, String(i)));
    this.note = h('textarea', { id: noteId, rows: 2 });
    this.customInput = h('input', { type: 'text', id: customId, autocomplete: 'off' });
    this.customError = h('p', { class: 'error', role: 'alert', hidden: true });
    const addButton = h('button', { type: 'button' }, 'Add trigger');
    addButton.addEventListener('click', () => void this.addTrigger());
    this.customInput.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        void this.addTrigger();
      }
    });
    this.lists = h('div');
    this.element = h(
      'div',
      { class: 'details-form' },
      this.lists,
      h(
        'div',
        { class: 'field' },
        h('label', { for: customId }, 'Your own trigger'),
        h('div', { class: 'inline' }, this.customInput, addButton),
        this.customError,
      ),
      h('div', { class: 'field' }, h('label', { for: stressId }, 'Stress (0–10)'), this.stress),
      h('div', { class: 'field' }, h('label', { for: noteId }, 'Note (optional)'), this.note),
    );
    this.renderLists(initial);
    this.stress.value = initial.stress === null ? '' : String(initial.stress);
    this.note.value = initial.note ?? '';
  }

  private renderLists(value: Pick<DetailsValue, 'qualities' | 'triggers' | 'helped'>): void {
    const v = this.vocabulary;
    this.qualities = chips('How it feels', v.qualities, new Set(value.qualities));
    this.triggers = chips('Triggers', [...v.triggers, ...(v.custom_triggers ?? [])], new Set(value.triggers));
    this.helped = chips('What helped', v.helped, new Set(value.helped));
    this.lists.replaceChildren(this.qualities, this.triggers, this.helped);
  }

  /** Shows a newer vocabulary (e.g. another custom trigger), keeping the choices. */
  setVocabulary(vocabulary: Vocabulary): void {
    const current = this.value();
    this.vocabulary = vocabulary;
    this.renderLists(current);
  }

  private async addTrigger(): Promise<void> {
    const answer = await this.addCustom(this.customInput.value);
    if ('error' in answer) {
      this.customError.hidden = false;
      this.customError.textContent = `Could not add the trigger: ${answer.error.message} (${answer.error.code})`;
      return;
    }
    this.customError.hidden = true;
    this.customInput.value = '';
    const current = this.value();
    current.triggers = [...new Set([...current.triggers, answer.id])];
    this.vocabulary = answer.vocabulary;
    this.renderLists(current);
    this.triggers.querySelector<HTMLInputElement>(`input[value="${CSS.escape(answer.id)}"]`)?.focus();
  }

  value(): DetailsValue {
    return {
      qualities: checked(this.qualities),
      triggers: checked(this.triggers),
      helped: checked(this.helped),
      stress: this.stress.value === '' ? null : Number(this.stress.value),
      note: this.note.value === '' ? null : this.note.value,
    };
  }

  reset(): void {
    this.renderLists(kNoDetails);
    this.stress.value = '';
    this.note.value = '';
    this.customInput.value = '';
    this.customError.hidden = true;
  }
}
