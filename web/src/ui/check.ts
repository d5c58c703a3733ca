// The red-flag check (#check): the core's questions as one compact form
// (yes / no / not sure; follow-ups appear under a yes), optional mood
// check-ins (PHQ-2 → PHQ-9, GAD-2 → GAD-7), the core's result shown calmly
// (soon, self care) or, for urgent and emergency, as a full-screen alert
// with the user's emergency number or crisis line as a tel: link. A stored
// check that pauses self-care hides the form behind "I've been seen", which
// re-runs the check. The rules, wording, scoring and pauses are the core's.
import type {
  EmergencyNumbers,
  FiredRule,
  MoodForm,
  StoredTriage,
  TriageOutcome,
  TriagePause,
  TriageQuestions,
  TriageRequest,
  TriageResult,
} from '../rpc';
import type { App } from './app';
import { h, uid } from './dom';
import { dialNumber, kDisclaimers, kLevelWords, kPauseWords, telUri } from './triage_words';

function disclaimerBlock(): HTMLElement {
  return h('div', { class: 'advice-disclaimer' }, ...kDisclaimers.map((text) => h('p', {}, text)));
}

/** One rule as the core reported it. */
function ruleItem(rule: FiredRule): HTMLLIElement {
  return h(
    'li',
    { class: `rule level-${rule.level}`, 'data-rule': rule.id },
    h('p', { class: 'rule-message' }, rule.message),
    h('p', { class: 'hint' }, `Source: ${rule.source}`),
  );
}

export class CheckScreen {
  private readonly form: HTMLFormElement;
  private readonly state: HTMLElement;
  private readonly resultBox: HTMLElement;
  private readonly historyList: HTMLOListElement;
  private readonly alert: HTMLDialogElement;
  private readonly yesNo = new Map<string, HTMLFieldSetElement>();
  private readonly moodSets = new Map<string, { form: MoodForm; items: HTMLFieldSetElement[]; more: HTMLButtonElement }>();
  private pause: TriagePause | null = null;

  constructor(
    private readonly app: App,
    root: HTMLElement,
    private readonly questions: TriageQuestions,
    private readonly onPause: (pause: TriagePause) => void,
  ) {
    this.state = root.querySelector('.check-state') as HTMLElement;
    this.form = root.querySelector('form.check-form') as HTMLFormElement;
    this.resultBox = root.querySelector('.check-result') as HTMLElement;
    this.historyList = root.querySelector('.check-history') as HTMLOListElement;
    this.alert = document.getElementById('triage-alert') as HTMLDialogElement;
    root.querySelector('.check-disclaimer')!.replaceChildren(disclaimerBlock());
    this.buildForm();
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
  }

  private buildForm(): void {
    const parts: HTMLElement[] = [];
    for (const q of this.questions.questions) {
      if (q.form !== '') continue; // mood totals come from the forms below
      const id = uid('q');
      let part: HTMLElement;
      if (q.kind === 'number') {
        part = h(
          'div',
          { class: 'field question', 'data-question': q.id },
          h('label', { for: id }, q.text),
          h('input', { type: 'number', id, name: q.id, min: q.min, max: q.max, step: q.integer ? 1 : 'any', inputmode: 'decimal' }),
          q.id === 'age' ? h('p', { class: 'hint' }, 'Some warning signs depend on age. Leave empty if you prefer not to say.') : null,
        );
      } else {
        const set = h(
          'fieldset',
          { class: 'field question yes-no', 'data-question': q.id },
          h('legend', {}, q.text),
          ...(['yes', 'no', 'unknown'] as const).map((value) =>
            h(
              'label',
              { class: 'choice' },
              h('input', { type: 'radio', name: q.id, value }),
              ` ${value === 'yes' ? 'Yes' : value === 'no' ? 'No' : 'Not sure'}`,
            ),
          ),
        );
        this.yesNo.set(q.id, set);
        part = set;
      }
      if (q.follows !== '') {
        part.hidden = true;
        part.classList.add('follow-up');
        part.dataset.follows = q.follows;
      }
      parts.push(part);
    }
    const mood = h(
      'details',
      { class: 'mood' },
      h('summary', {}, 'Mood check-in (optional)'),
      h('p', { class: 'hint' }, 'Pain and mood affect each other. These short public-domain questionnaires help you and your clinician see how you are doing.'),
      ...this.questions.mood_forms.map((form) => this.buildMoodForm(form)),
    );
    this.form.replaceChildren(
      h('p', { class: 'hint' }, 'Answer what you can. “Not sure” is fine: a question left open is treated with caution.'),
      ...parts,
      mood,
      h('div', { class: 'button-row' }, h('button', { type: 'submit', class: 'check-submit' }, 'Check')),
    );
    this.form.addEventListener('change', () => this.syncFollowUps());
  }

  /**
   * Shows each follow-up under a "yes" to its question. PHQ-9 item 9 above 0
   * counts as a yes to `self_harm_thoughts` (RED_FLAGS.md; the core applies
   * it), so "might you act on it now" is asked then too rather than left
   * unknown (which the core must treat as yes).
   */
  private syncFollowUps(): void {
    const data = new FormData(this.form);
    const item9 = Number(data.get('phq9-8') ?? 0);
    for (const follow of this.form.querySelectorAll<HTMLElement>('[data-follows]')) {
      const base = follow.dataset.follows!;
      follow.hidden = !(data.get(base) === 'yes' || (base === 'self_harm_thoughts' && item9 > 0));
    }
  }

  private buildMoodForm(form: MoodForm): HTMLElement {
    const items = form.items.map((text, index) => {
      const set = h(
        'fieldset',
        { class: 'field mood-item', 'data-item': `${form.id}-${index + 1}` },
        h('legend', {}, `${index + 1}. ${text}`),
        ...this.questions.mood_scale.map((label, points) =>
          h('label', { class: 'choice' }, h('input', { type: 'radio', name: `${form.id}-${index}`, value: points }), ` ${label}`),
        ),
      );
      set.hidden = index >= 2;
      return set;
    });
    const more = h('button', { type: 'button', class: 'mood-more' }, `Answer all ${form.items.length} questions`);
    more.addEventListener('click', () => this.expandMood(form.id));
    this.moodSets.set(form.id, { form, items, more });
    return h('fieldset', { class: 'mood-form', 'data-form': form.id }, h('legend', {}, form.title), h('p', {}, form.stem), ...items, more);
  }

  private expandMood(id: string): void {
    const set = this.moodSets.get(id);
    if (!set) return;
    for (const item of set.items) item.hidden = false;
    set.more.hidden = true;
    (this.form.querySelector('details.mood') as HTMLDetailsElement).open = true;
  }

  private request(): TriageRequest {
    const data = new FormData(this.form);
    const answers: TriageRequest['answers'] = {};
    let age: number | null = null;
    for (const q of this.questions.questions) {
      if (q.form !== '') continue;
      const part = this.form.querySelector<HTMLElement>(`[data-question="${q.id}"]`);
      if (part?.hidden) continue; // a follow-up not asked
      const value = data.get(q.id);
      if (q.kind === 'number') {
        const text = typeof value === 'string' ? value.trim() : '';
        const number = text === '' ? null : Number(text);
        if (q.id === 'age') age = number;
        else answers[q.id] = number;
      } else {
        answers[q.id] = value === 'yes' ? true : value === 'no' ? false : null;
      }
    }
    const mood: Record<string, number[]> = {};
    for (const [id, set] of this.moodSets) {
      const shown = set.items.filter((item) => !item.hidden).length;
      const points = set.items.slice(0, shown).map((_, index) => data.get(`${id}-${index}`));
      if (points.every((p) => p === null)) continue;
      // Unanswered items are sent as they are: the core says what is missing.
      mood[id] = points.filter((p) => p !== null).map(Number);
    }
    return { age, answers, ...(Object.keys(mood).length > 0 ? { mood } : {}) };
  }

  private async submit(): Promise<void> {
    const answer = await this.app.run('Could not run the check', this.app.client.call('triage', this.request()));
    if (!answer.ok) return;
    const outcome = answer.result;
    if (outcome.save_error) this.app.showError('The check was not saved', outcome.save_error);
    const numbers = await this.numbers();
    this.showResult(outcome, numbers);
    if (outcome.result.level === 'emergency' || outcome.result.level === 'urgent') this.showAlert(outcome.result, numbers);
    await this.refresh();
  }

  private async numbers(): Promise<EmergencyNumbers> {
    const answer = await this.app.client.call('emergencyNumbers', this.app.prefs.country);
    return answer.ok ? answer.result : { emergency: '112', crisis_line: 'your local crisis line' };
  }

  private showResult(outcome: TriageOutcome, numbers: EmergencyNumbers): void {
    const { result } = outcome;
    const words = kLevelWords[result.level];
    const notFully = result.level === 'self_care' && result.unanswered.length > 0;
    const mood = Object.values(outcome.mood).map((score) => {
      const form = this.moodSets.get(score.form)?.form;
      const name = score.full ? form?.title ?? score.form : (form?.short_id ?? score.form).toUpperCase();
      const text = score.full
        ? `${name}: ${score.total} (${score.band}).`
        : `${name}: ${score.total}.${score.offer_full ? ' Your answers suggest taking the full questionnaire.' : ''}`;
      return h('li', {}, text);
    });
    for (const score of Object.values(outcome.mood)) if (score.offer_full) this.expandMood(score.form);
    this.resultBox.replaceChildren(
      h(
        'div',
        { class: `result-card level-${result.level}`, role: 'region', 'aria-label': 'Result of the check' },
        h('h3', { tabindex: -1, class: 'result-title' }, words.title),
        h('p', {}, words.text),
        notFully ? h('p', { class: 'not-fully' }, 'Not fully checked: some questions were left open.') : null,
        result.rules.length > 0 ? h('ul', { class: 'rules' }, ...result.rules.map(ruleItem)) : null,
        mood.length > 0 ? h('ul', { class: 'mood-scores', 'aria-label': 'Mood check-in' }, ...mood) : null,
        result.rules.some((r) => r.id === 'self_harm')
          ? h('p', {}, 'Crisis line: ', this.telLink(numbers.crisis_line))
          : null,
        h('p', { class: 'hint' }, `Rules ${result.ruleset_version}.`),
      ),
    );
    (this.resultBox.querySelector('.result-title') as HTMLElement).focus();
  }

  private telLink(number: string): HTMLElement {
    const uri = telUri(number);
    return uri ? h('a', { href: uri, class: 'tel' }, number) : h('span', {}, number);
  }

  /** The unmissable screen for urgent and emergency results. */
  showAlert(result: TriageResult, numbers: EmergencyNumbers): void {
    const selfHarm = result.rules.some((r) => r.id === 'self_harm');
    const emergency = result.level === 'emergency';
    const call = (label: string, number: string) => {
      const uri = telUri(number);
      return uri
        ? h('a', { href: uri, class: 'call-button' }, `${label} ${dialNumber(number)}`)
        : h('p', { class: 'call-button' }, `${label}: ${number}`);
    };
    const heading = emergency
      ? `Call ${dialNumber(numbers.emergency)} now`
      : selfHarm && result.rules.every((r) => r.level !== 'urgent' || r.id === 'self_harm')
        ? 'Talk to someone today'
        : 'Get seen today';
    const pauses = result.rules.some((r) => r.pauses === 'all') ? 'all' : result.rules.some((r) => r.pauses === 'site') ? 'site' : null;
    const headingId = uid('alert');
    this.alert.setAttribute('aria-labelledby', headingId);
    this.alert.className = `triage-alert level-${result.level}`;
    this.alert.replaceChildren(
      h(
        'div',
        { class: 'alert-body' },
      h('h2', { id: headingId }, heading),
      emergency ? call('Call', numbers.emergency) : null,
      selfHarm ? call('Crisis line', numbers.crisis_line) : null,
      !emergency && !selfHarm ? h('p', { class: 'same-day' }, kLevelWords.urgent.text) : null,
      h('ul', { class: 'rules' }, ...result.rules.filter((r) => r.level === 'emergency' || r.level === 'urgent').map(ruleItem)),
      !emergency
        ? h('details', { class: 'ask-number' }, h('summary', {}, 'Show the emergency number'), call('Call', numbers.emergency))
        : null,
      pauses ? h('p', { class: 'pause-note' }, `${kPauseWords[pauses]} until you tap “I've been seen” on the Check screen.`) : null,
      h('p', { class: 'hint' }, kDisclaimers[0]),
      h('button', { type: 'button', class: 'alert-close' }, 'I understand'),
      ),
    );
    this.alert.querySelector('button.alert-close')!.addEventListener('click', () => this.alert.close());
    if (!this.alert.open) this.alert.showModal();
  }

  /** Reads the stored checks: the pause, the history, the form's state. */
  async refresh(): Promise<void> {
    const [pause, history] = await Promise.all([this.app.client.call('triagePause'), this.app.client.call('triageHistory')]);
    if (pause.ok) {
      this.pause = pause.result;
      this.onPause(pause.result);
    }
    if (history.ok) this.showHistory(history.result);
    this.showState(history.ok ? history.result[0] : undefined);
  }

  private showState(latest: StoredTriage | undefined): void {
    const pause = this.pause;
    if (!pause || pause.pauses === 'none') {
      this.form.hidden = false;
      this.state.replaceChildren(
        latest
          ? h('p', { class: 'hint' }, `Last check: ${latest.at.slice(0, 10)}, ${kLevelWords[latest.level]?.title ?? latest.level}.`)
          : h('p', { class: 'hint' }, 'A short check for warning signs that need a doctor rather than self-care.'),
      );
      return;
    }
    this.form.hidden = true;
    const seen = h('button', { type: 'button', class: 'seen' }, "I've been seen");
    seen.addEventListener('click', () => {
      // The answers of the check that paused are not today's.
      this.form.reset();
      this.syncFollowUps();
      this.form.hidden = false;
      this.state.replaceChildren(h('p', {}, 'Good. Answer the questions again for how you are now: the new check replaces the pause.'));
      (this.form.querySelector('input') as HTMLInputElement | null)?.focus();
    });
    const rules = latest?.result?.rules.filter((r) => r.pauses !== 'none') ?? [];
    const again = h('button', { type: 'button', class: 'show-alert' }, 'Show the advice again');
    again.addEventListener('click', () => {
      if (latest?.result) void this.numbers().then((numbers) => this.showAlert(latest.result!, numbers));
    });
    this.state.replaceChildren(
      h(
        'div',
        { class: 'pause-card', role: 'region', 'aria-label': 'Self-care paused' },
        h('h3', {}, `${kPauseWords[pause.pauses]} since your check on ${(pause.last_check_at ?? '').slice(0, 10)}.`),
        h('ul', { class: 'rules' }, ...rules.map(ruleItem)),
        h('p', {}, "When a clinician has seen you about this, tap “I've been seen” and answer the questions again."),
        h('div', { class: 'button-row' }, seen, latest?.result && (latest.level === 'emergency' || latest.level === 'urgent') ? again : null),
      ),
    );
  }

  private showHistory(history: StoredTriage[]): void {
    this.historyList.replaceChildren(
      ...history.map((item) =>
        h(
          'li',
          { class: `level-${item.level}` },
          h('strong', {}, `${item.at.slice(0, 10)} ${item.at.slice(11, 16)}: ${kLevelWords[item.level]?.title ?? item.level}`),
          item.result && item.result.rules.length > 0 ? h('span', { class: 'hint' }, ` (${item.result.rules.map((r) => r.id).join(', ')})`) : null,
        ),
      ),
    );
    if (history.length === 0) this.historyList.replaceChildren(h('li', { class: 'hint' }, 'No checks yet.'));
  }
}
