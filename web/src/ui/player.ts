// The guided player: before a routine the core's red-flag gate (a check
// needed → the Check screen at #check) and the pain before for the targeted
// site; then step by step, a countdown for each hold and rest, the rep, cues
// (beep, vibration), pause/resume, skip; after it the pain after, and the
// session goes to the core (steps done, duration, pain before/after).
//
// Timing is player_clock.ts (timestamps, not ticks). The screen reader hears
// each new phase and a few milestones (10 s left, each minute of a long
// step), never every second; the countdown itself is a `timer` (not live).
import type { Gate, Routine } from '../rpc';
import type { App } from './app';
import { Cues, type Cue } from './cues';
import { h, slider } from './dom';
import { fromCorePhases, PlayerClock, type Phase } from './player_clock';
import { isoInZone } from './time';

// How often the countdown is redrawn while visible; timing never depends on it.
const kTickMs = 250;
// Milestones worth announcing: 10 s left in a phase of 30 s or more, and
// every minute left in phases of 2 min or more.
const kAnnounceLastSeconds = 10;
const kAnnounceLastMinPhaseMs = 30_000;
const kAnnounceMinutesMinPhaseMs = 120_000;

type Stage = 'before' | 'gate' | 'playing' | 'after' | 'saved';

export function formatSeconds(total: number): string {
  const seconds = Math.max(0, Math.ceil(total));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function spokenDuration(seconds: number): string {
  if (seconds < 60) return plural(seconds, 'second');
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? plural(minutes, 'minute') : `${plural(minutes, 'minute')} ${plural(rest, 'second')}`;
}

export class Player {
  readonly root: HTMLElement;
  private routine: Routine | null = null;
  private stage: Stage = 'before';
  private site: string | null = null;
  private painBefore = 5;
  private painAfter = 5;
  /** Which end of the ranges to play (the core unrolls the dose). */
  private dose = { longerHolds: false, upperEnd: false };
  private clock: PlayerClock | null = null;
  private timer: number | null = null;
  private announced = '';
  private readonly cues = new Cues();
  private readonly live = h('div', { class: 'sr-only', 'aria-live': 'polite' });
  private readonly body = h('div', { class: 'player-body' });

  constructor(
    private readonly app: App,
    private readonly onClose: () => void,
  ) {
    this.root = h('section', { class: 'player', 'aria-labelledby': 'player-heading', hidden: true }, this.body, this.live);
    this.root.addEventListener('keydown', (event) => this.onKey(event));
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') this.tick();
    });
  }

  get active(): boolean {
    return this.routine !== null;
  }

  /** A routine is running (or paused) right now: not to be replaced. */
  get running(): boolean {
    return this.stage === 'playing' && this.clock !== null && !this.clock.finished;
  }

  /** Opens the player on `routine` at its "before" stage. */
  open(routine: Routine): void {
    this.stopTimer();
    this.routine = routine;
    this.site = routine.targets[0] ?? null;
    this.painBefore = 5;
    this.painAfter = 5;
    this.dose = { longerHolds: false, upperEnd: false };
    this.clock = null;
    this.root.hidden = false;
    this.show('before');
  }

  close(): void {
    this.stopTimer();
    void this.cues.keepAwake(false);
    this.routine = null;
    this.clock = null;
    this.root.hidden = true;
    this.onClose();
  }

  /** The Routines screen is shown again (e.g. back from #check): ask the gate again. */
  async shown(): Promise<void> {
    if (this.stage === 'gate') await this.begin();
  }

  private show(stage: Stage): void {
    this.stage = stage;
    const routine = this.routine!;
    const heading = h('h3', { id: 'player-heading', tabindex: -1 }, routine.title);
    const content =
      stage === 'before'
        ? this.renderBefore(routine)
        : stage === 'playing'
          ? this.renderPlaying()
          : stage === 'after'
            ? this.renderAfter()
            : stage === 'saved'
              ? this.renderSaved()
              : h('div');
    this.body.replaceChildren(heading, content);
    // While playing, focus sits on Pause (Space pauses and resumes, N moves on).
    if (stage === 'playing') (this.body.querySelector('button.pause') as HTMLButtonElement).focus();
    else heading.focus();
  }

  // ---- before ----------------------------------------------------------

  private renderBefore(routine: Routine): HTMLElement {
    const steps = routine.steps;
    const hasLonger = steps.some((s) => s.seconds_65_plus > 0);
    const hasRange = steps.some((s) => s.max_reps > s.reps || s.max_seconds > s.seconds);
    const painSlider = slider(this.site ? `Pain now: ${this.app.siteLabel(this.site)}` : 'Pain now', this.painBefore, (v) => {
      this.painBefore = v;
    });
    const siteField = this.siteChoice(routine, (site) => {
      this.site = site;
      painSlider.querySelector('label')!.textContent = site ? `Pain now: ${this.app.siteLabel(site)}` : 'Pain now';
    });
    const check = (label: string, checked: boolean, onChange: (on: boolean) => void) => {
      const input = h('input', { type: 'checkbox', checked });
      input.addEventListener('change', () => onChange(input.checked));
      return h('label', { class: 'choice' }, input, label);
    };
    const start = h('button', { type: 'button', class: 'primary big' }, 'Start');
    start.addEventListener('click', () => {
      // One run per click, however fast the clicks come.
      start.disabled = true;
      this.cues.unlock();
      void this.begin().finally(() => {
        start.disabled = false;
      });
    });
    const back = h('button', { type: 'button' }, 'Back to routines');
    back.addEventListener('click', () => this.close());
    return h(
      'div',
      {},
      h('h4', {}, 'Stop if'),
      h('ul', { class: 'safety' }, ...routine.safety.map((note) => h('li', {}, note))),
      siteField,
      painSlider,
      h(
        'fieldset',
        { class: 'field' },
        h('legend', {}, 'Options'),
        hasLonger ? check('Longer holds (offered for people 65 and over)', this.dose.longerHolds, (on) => (this.dose.longerHolds = on)) : null,
        hasRange ? check('Upper end of each range (more reps, longer times)', this.dose.upperEnd, (on) => (this.dose.upperEnd = on)) : null,
        check('Sound cues', this.cues.sound, (on) => (this.cues.sound = on)),
      ),
      h('p', { class: 'before-note', 'aria-live': 'polite' }),
      h('div', { class: 'button-row' }, start, back),
    );
  }

  // The site whose pain is asked: one of the routine's targets; for a
  // whole-body routine (breathing, a bath) "overall" or any area (the core's
  // gate then also checks that area).
  private siteChoice(routine: Routine, onChange: (site: string | null) => void): HTMLElement | null {
    if (routine.targets.length === 1) return null;
    const options =
      routine.targets.length > 0
        ? routine.targets.map((id) => ({ id, label: this.app.siteLabel(id) }))
        : [{ id: '', label: 'Overall' }, ...this.app.areas().map((a) => ({ id: a.id, label: a.label }))];
    const select = h(
      'select',
      { id: 'player-site' },
      ...options.map((o) => h('option', { value: o.id, selected: o.id === (this.site ?? '') }, o.label)),
    );
    select.addEventListener('change', () => onChange(select.value === '' ? null : select.value));
    return h('div', { class: 'field' }, h('label', { for: 'player-site' }, 'Where'), select);
  }

  // Asks the core's gate; starts, or says why not and links to the check.
  private async begin(): Promise<void> {
    const routine = this.routine!;
    const [answer, phases] = await Promise.all([
      this.app.client.call('gate', { routine_id: routine.id, site: this.site }),
      this.app.client.call('phases', { routine_id: routine.id, longer_holds: this.dose.longerHolds, upper_end: this.dose.upperEnd }),
    ]);
    if (this.routine !== routine) return;
    if (!answer.ok || !phases.ok) {
      this.app.showError('Could not start the routine', !answer.ok ? answer.error : phases.ok ? null : phases.error);
      return;
    }
    if (!answer.result.allowed) {
      this.showGate(answer.result);
      return;
    }
    this.app.showError('Start', null);
    if (this.stage === 'gate') {
      // Back from the check: the person starts when ready (and the click
      // lets the browser start the sound).
      this.show('before');
      this.body.querySelector('.before-note')!.textContent = 'Checked: nothing stops this routine now. Start when you are ready.';
      return;
    }
    this.start(answer.result, fromCorePhases(phases.result));
  }

  private showGate(gate: Gate): void {
    this.stage = 'gate';
    const areas = gate.paused_areas.map((id) => this.app.siteLabel(id)).join(', ');
    const text =
      gate.reason === 'first_check'
        ? 'Before your first routine, answer a few quick safety questions (the red-flag check). It takes a minute.'
        : `Your last red-flag check paused ${areas ? `self-care for: ${areas}` : 'all self-care'}. ` +
          'Once you have been seen, run the check again.';
    const again = h('button', { type: 'button' }, 'Check again');
    again.addEventListener('click', () => void this.begin());
    const back = h('button', { type: 'button' }, 'Back to routines');
    back.addEventListener('click', () => this.close());
    const panel = h(
      'div',
      { class: 'gate', role: 'alert' },
      h('p', {}, text),
      h(
        'p',
        {},
        h('a', { href: '#check', class: 'button-link' }, gate.reason === 'first_check' ? 'Go to the red-flag check' : "I've been seen: check again"),
      ),
      h('div', { class: 'button-row' }, again, back),
    );
    this.body.replaceChildren(h('h3', { id: 'player-heading', tabindex: -1 }, this.routine!.title), panel);
  }

  // ---- playing ---------------------------------------------------------

  private start(gate: Gate, phases: Phase[]): void {
    this.clock = new PlayerClock(phases, () => performance.now());
    this.announced = '';
    this.show('playing');
    if (gate.recheck_due) {
      // Not blocking (RED_FLAGS.md: re-ask at least weekly): offered.
      this.body.append(
        h('p', { class: 'hint' }, 'Your last red-flag check is over a week old. ', h('a', { href: '#check' }, 'Run it again'), ' when you can.'),
      );
    }
    void this.cues.keepAwake(true);
    this.enterPhase(true);
    this.timer = window.setInterval(() => this.tick(), kTickMs);
  }

  private renderPlaying(): HTMLElement {
    const button = (cls: string, label: string, onClick: () => void) => {
      const b = h('button', { type: 'button', class: `big ${cls}` }, label);
      b.addEventListener('click', onClick);
      return b;
    };
    return h(
      'div',
      { class: 'playing' },
      h('p', { class: 'step-count' }),
      h('p', { class: 'step-text' }),
      h('p', { class: 'phase' }),
      h('p', { class: 'countdown', role: 'timer', 'aria-label': 'Time left' }),
      h('p', { class: 'reps' }),
      h(
        'div',
        { class: 'button-row player-controls' },
        button('pause', 'Pause', () => this.togglePause()),
        button('next', 'Done, next step', () => this.userMove(() => this.clock!.next())),
        button('skip', 'Skip', () => this.userMove(() => this.clock!.skip())),
        button('finish', 'Finish now', () => this.userMove(() => this.clock!.stop())),
      ),
      h('p', { class: 'hint' }, 'Keys: Space pauses or resumes, N moves on to the next step.'),
    );
  }

  private onKey(event: KeyboardEvent): void {
    if (this.stage !== 'playing' || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target as HTMLElement;
    if (target.closest('input, select, textarea')) return;
    if (event.key === ' ') {
      // A focused button takes Space itself.
      if (target.closest('button, a')) return;
      event.preventDefault();
      this.togglePause();
    } else if (event.key === 'n' || event.key === 'N') {
      this.userMove(() => this.clock!.next());
    }
  }

  private togglePause(): void {
    const clock = this.clock!;
    if (clock.paused) {
      clock.resume();
      this.say('Resumed.');
    } else {
      clock.pause();
      this.say(`Paused, ${spokenDuration(Math.ceil(clock.remainingMs() / 1000))} left.`);
    }
    this.render();
  }

  private userMove(move: () => void): void {
    move();
    this.enterPhase(true);
  }

  private tick(): void {
    if (this.stage !== 'playing' || !this.clock) return;
    // After a locked screen several phases may have passed: one cue, for where we are now.
    if (this.clock.update() > 0) this.enterPhase(true);
    else this.render();
  }

  private enterPhase(cue: boolean): void {
    const clock = this.clock!;
    if (clock.finished) {
      this.stopTimer();
      void this.cues.keepAwake(false);
      if (cue) this.cues.play('done');
      this.say('Routine finished.');
      this.show('after');
      return;
    }
    const phase = clock.current!;
    if (cue) this.cues.play(this.cueFor(phase));
    this.say(this.describePhase(phase));
    this.announced = '';
    this.render();
  }

  private cueFor(phase: Phase): Cue {
    if (phase.kind === 'rest') return 'rest';
    if (phase.kind === 'untimed') return 'next';
    return 'hold';
  }

  private describePhase(phase: Phase): string {
    const routine = this.routine!;
    const step = routine.steps[phase.step]!;
    const where = `Step ${phase.step + 1} of ${routine.steps.length}`;
    const side = phase.side ? `, ${phase.side} side` : '';
    if (phase.kind === 'rest') return `Rest ${spokenDuration(phase.ms / 1000)}.`;
    if (phase.kind === 'untimed') return `${where}: ${step.text} At your own pace, then choose Done.`;
    const reps = phase.reps > 1 ? `, rep ${phase.rep} of ${phase.reps}` : '';
    return `${where}${reps}${side}: ${step.text} ${spokenDuration(phase.ms / 1000)}.`;
  }

  private render(): void {
    const clock = this.clock;
    const routine = this.routine;
    if (!clock || !routine || this.stage !== 'playing') return;
    const phase = clock.current;
    if (!phase) return;
    const q = <T extends HTMLElement>(cls: string) => this.body.querySelector(`.${cls}`) as T;
    const step = routine.steps[phase.step]!;
    q('step-count').textContent = `Step ${phase.step + 1} of ${routine.steps.length}`;
    q('step-text').textContent = step.text;
    const remaining = clock.remainingMs();
    q('phase').textContent =
      (phase.kind === 'hold' ? 'Hold' : phase.kind === 'rest' ? 'Rest' : 'At your own pace') + (clock.paused ? ' (paused)' : '');
    const countdown = q('countdown');
    countdown.hidden = phase.kind === 'untimed';
    countdown.textContent = formatSeconds(remaining / 1000);
    q('reps').textContent =
      phase.kind === 'untimed' ? '' : `Rep ${phase.rep} of ${phase.reps}${phase.side ? ` · ${phase.side} side` : ''}`;
    const pause = q<HTMLButtonElement>('pause');
    pause.textContent = clock.paused ? 'Resume' : 'Pause';
    pause.hidden = phase.kind === 'untimed';
    q<HTMLButtonElement>('next').hidden = phase.kind !== 'untimed';
    q<HTMLButtonElement>('skip').textContent = phase.kind === 'rest' ? 'Skip rest' : 'Skip step';
    q<HTMLButtonElement>('skip').hidden = phase.kind === 'untimed';
    if (!clock.paused) this.announceMilestone(phase, Math.ceil(remaining / 1000));
  }

  private announceMilestone(phase: Phase, secondsLeft: number): void {
    let milestone = '';
    if (phase.ms >= kAnnounceMinutesMinPhaseMs && secondsLeft % 60 === 0 && secondsLeft > 0 && secondsLeft * 1000 < phase.ms) {
      milestone = `${plural(secondsLeft / 60, 'minute')} left.`;
    } else if (phase.ms >= kAnnounceLastMinPhaseMs && secondsLeft === kAnnounceLastSeconds) {
      milestone = `${kAnnounceLastSeconds} seconds left.`;
    }
    if (milestone && milestone !== this.announced) {
      this.announced = milestone;
      this.say(milestone);
    }
  }

  private say(text: string): void {
    this.live.textContent = text;
  }

  private stopTimer(): void {
    if (this.timer !== null) window.clearInterval(this.timer);
    this.timer = null;
  }

  // ---- after -----------------------------------------------------------

  private renderAfter(): HTMLElement {
    // The slider starts where the pain was before: the person moves it by the change.
    this.painAfter = this.painBefore;
    const clock = this.clock!;
    const routine = this.routine!;
    const done = clock.stepsDone();
    const seconds = clock.activeSeconds();
    const save = h('button', { type: 'button', class: 'primary big' }, 'Save session');
    save.addEventListener('click', () => void this.save(done, seconds));
    const discard = h('button', { type: 'button' }, "Don't save");
    discard.addEventListener('click', () => this.close());
    return h(
      'div',
      {},
      h('p', { class: 'summary' }, `Steps done: ${done} of ${routine.steps.length}. Time: ${formatSeconds(seconds)}.`),
      slider(this.site ? `Pain now: ${this.app.siteLabel(this.site)}` : 'Pain now', this.painAfter, (v) => {
        this.painAfter = v;
      }),
      h('div', { class: 'button-row' }, save, discard),
    );
  }

  private async save(stepsDone: number, seconds: number): Promise<void> {
    const routine = this.routine!;
    const answer = await this.app.run(
      'Could not save the session',
      this.app.client.call('logSession', {
        routine_id: routine.id,
        at: isoInZone(new Date(), this.app.prefs.timeZone),
        site: this.site,
        pain_before: this.painBefore,
        pain_after: this.painAfter,
        duration_seconds: seconds,
        steps_done: stepsDone,
        steps_total: routine.steps.length,
      }),
    );
    if (!answer.ok) return;
    this.show('saved');
    this.app.changed();
  }

  private renderSaved(): HTMLElement {
    const back = h('button', { type: 'button', class: 'big' }, 'Back to routines');
    back.addEventListener('click', () => this.close());
    const change = this.painAfter - this.painBefore;
    const words =
      change < 0 ? `Pain down ${-change} (from ${this.painBefore} to ${this.painAfter}).` : change > 0 ? `Pain up ${change} (from ${this.painBefore} to ${this.painAfter}). If self-care makes pain worse, stop and consider the check.` : `Pain unchanged at ${this.painAfter}.`;
    return h('div', {}, h('p', {}, `Session saved. ${words}`), h('p', {}, h('a', { href: '#today' }, 'See today and your streak')), back);
  }
}
