// The guided player's timing, apart from the DOM: a clock that places "now"
// among a routine's phases (each hold, each rest between reps, each untimed
// step — the core unrolls the dose, RoutinePhases in unknot/routines.h)
// from timestamps.
//
// Why timestamps: a browser throttles timers in a hidden tab (down to once a
// minute) and stops them while the screen is locked, so counting ticks
// would fall behind. Each phase instead has a start time; whenever the page
// looks (a tick, the tab coming back) every phase whose end has passed is
// completed at its exact end time, so a 30 s hold is 30 s however late the
// page looks. Pausing shifts the start by the paused time.
//
// What a dose means is the core's: the player only says which end of the
// ranges the person chose and times the phases it gets back.
import type { CorePhase } from '../rpc';

export type PhaseKind = 'hold' | 'rest' | 'untimed';

export interface Phase {
  /** Index of the routine step it belongs to. */
  step: number;
  kind: PhaseKind;
  /** Length in ms (0 for an untimed step: the person moves on). */
  ms: number;
  /** 1-based rep of the step, and the step's reps. */
  rep: number;
  reps: number;
  side: 'left' | 'right' | null;
  /** The step's last phase: completing it completes the step. */
  lastOfStep: boolean;
}

/** The core's phases in the clock's terms (milliseconds). */
export function fromCorePhases(phases: readonly CorePhase[]): Phase[] {
  return phases.map((p) => ({ step: p.step, kind: p.kind, ms: p.seconds * 1000, rep: p.rep, reps: p.reps, side: p.side, lastOfStep: p.last_of_step }));
}

/** Where a run of the player is; every method takes "now" from `now()`. */
export class PlayerClock {
  private index = 0;
  private phaseStart: number;
  private pausedAt: number | null = null;
  private pausedMs = 0;
  private endedAt: number | null = null;
  private readonly began: number;
  private readonly done = new Set<number>();
  private readonly skipped = new Set<number>();

  constructor(
    readonly phases: readonly Phase[],
    private readonly now: () => number,
  ) {
    this.began = now();
    this.phaseStart = this.began;
    if (phases.length === 0) this.endedAt = this.began;
  }

  get current(): Phase | null {
    return this.phases[this.index] ?? null;
  }

  get finished(): boolean {
    return this.index >= this.phases.length;
  }

  get paused(): boolean {
    return this.pausedAt !== null;
  }

  /** Time left in the current phase (frozen while paused); 0 when untimed. */
  remainingMs(): number {
    const phase = this.current;
    if (!phase || phase.kind === 'untimed') return 0;
    const at = this.pausedAt ?? this.now();
    return Math.max(0, phase.ms - (at - this.phaseStart));
  }

  /** Completes every timed phase whose end has passed; returns how many. */
  update(): number {
    if (this.paused || this.finished) return 0;
    const now = this.now();
    let moved = 0;
    for (let phase = this.current; phase && phase.kind !== 'untimed'; phase = this.current) {
      const end = this.phaseStart + phase.ms;
      if (now < end) break;
      this.advance(end, true);
      moved++;
    }
    return moved;
  }

  /** Ends an untimed phase (the person did it), or the current one early. */
  next(): void {
    if (this.finished) return;
    this.advance(this.pausedAt ?? this.now(), true);
  }

  /** Skips a rest (the step still counts) or the rest of the current step. */
  skip(): void {
    const phase = this.current;
    if (!phase) return;
    const at = this.pausedAt ?? this.now();
    if (phase.kind === 'rest') {
      this.advance(at, true);
      return;
    }
    this.skipped.add(phase.step);
    while (this.current?.step === phase.step) this.advance(at, false);
  }

  pause(): void {
    if (!this.paused && !this.finished) this.pausedAt = this.now();
  }

  resume(): void {
    if (this.pausedAt === null) return;
    const pausedFor = this.now() - this.pausedAt;
    this.phaseStart += pausedFor;
    this.pausedMs += pausedFor;
    this.pausedAt = null;
  }

  /** Stops here: steps not completed stay not done. */
  stop(): void {
    if (this.finished) return;
    this.resume();
    this.index = this.phases.length;
    this.endedAt = this.now();
  }

  /** Steps whose every phase ran (a skipped rest still counts). */
  stepsDone(): number {
    return this.done.size;
  }

  /** Seconds from start to end, pauses left out. */
  activeSeconds(): number {
    // While paused the run ends, for now, where the pause began.
    const end = this.endedAt ?? this.pausedAt ?? this.now();
    return Math.max(0, Math.round((end - this.began - this.pausedMs) / 1000));
  }

  private advance(at: number, completed: boolean): void {
    const phase = this.phases[this.index]!;
    if (completed && phase.lastOfStep && !this.skipped.has(phase.step)) this.done.add(phase.step);
    this.index++;
    this.phaseStart = at;
    if (this.finished) {
      this.endedAt = at;
      this.pausedAt = null;
    }
  }
}
