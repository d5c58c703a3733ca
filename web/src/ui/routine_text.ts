// Words for routines: kind names and a step's dose as the core gives it
// (presentation only; the doses themselves are the core's library).
import type { RoutineKind, RoutineStep } from '../rpc';

/** The core's kinds in the library's order, with their names on screen. */
export const kKinds: readonly { id: RoutineKind; label: string }[] = [
  { id: 'stretch', label: 'Stretches' },
  { id: 'foam_rolling', label: 'Foam rolling' },
  { id: 'heat', label: 'Heat' },
  { id: 'self_massage', label: 'Self-massage' },
  { id: 'posture_check', label: 'Posture checks' },
  { id: 'mind_body', label: 'Mind–body' },
];

export function kindLabel(kind: string): string {
  return kKinds.find((k) => k.id === kind)?.label ?? kind;
}

function amount(seconds: number): string {
  return seconds % 60 === 0 && seconds >= 60 ? `${seconds / 60} min` : `${seconds} s`;
}

function range(low: number, high: number, unit: (n: number) => string): string {
  if (high > low) {
    const a = unit(low);
    const b = unit(high);
    // "15–20 min" rather than "15 min–20 min" when the units agree.
    const suffix = /\s\S+$/.exec(a)?.[0];
    return suffix && b.endsWith(suffix) ? `${a.slice(0, -suffix.length)}–${b}` : `${a}–${b}`;
  }
  return unit(low);
}

/** "hold 30 s (60 s at 65+), 3–5 reps, 10 s rest, each side" or "at your own pace". */
export function describeDose(step: RoutineStep): string {
  const parts: string[] = [];
  if (step.seconds > 0) {
    let hold = range(step.seconds, step.max_seconds, amount);
    if (step.seconds_65_plus > 0) hold += ` (${amount(step.seconds_65_plus)} at 65+)`;
    parts.push(hold);
  } else {
    parts.push('at your own pace');
  }
  const reps = step.max_reps > step.reps ? `${step.reps}–${step.max_reps}` : String(step.reps);
  if (step.reps > 1 || step.max_reps > step.reps) parts.push(`${reps} reps`);
  if (step.rest_seconds > 0) parts.push(`${amount(step.rest_seconds)} rest`);
  if (step.per_side) parts.push('each side');
  return parts.join(', ');
}
