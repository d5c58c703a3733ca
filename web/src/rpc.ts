// The typed message protocol between the page (main.ts) and the worker
// (worker.ts) that owns the wasm core. The page sends a Request with a fresh
// id and gets exactly one Response with the same id. Mutating methods
// answer only once the change is durable (IDBFS synced), with saved: true.
//
// Shapes mirror the core's JSON (wasm/journal_api.h): the worker passes the
// core's objects through and never rewrites or validates them.

/** A stable kebab-case code and a message for people (docs/errors.md). */
export interface CoreError {
  code: string;
  message: string;
}

export interface BodySite {
  id: string;
  label: string;
  area: string;
  parent: string;
  view: string;
}

export interface Vocabulary {
  version: string;
  sites: BodySite[];
}

export type Side = 'left' | 'right' | 'both';

export interface SitePain {
  site: string;
  side: Side;
  intensity: number;
}

/** An entry as the page sends it to be logged. */
export interface NewEntry {
  at: string;
  flare: boolean;
  sites: SitePain[];
  note?: string;
}

/** An entry as the core lists it (only the fields the page shows). */
export interface Entry extends Omit<NewEntry, 'note'> {
  id: string;
  note: string | null;
}

/** Each method: its arguments and what the core answers on success. */
export interface Methods {
  /** Loads the journal; answers once it is open. */
  open: { args: []; result: { vocabulary: Vocabulary } };
  list: { args: []; result: Entry[] };
  log: { args: [entry: NewEntry]; result: { id: string } };
  remove: { args: [id: string]; result: { ok: true } };
  restore: { args: [id: string]; result: { ok: true } };
}

export type Method = keyof Methods;

/** Methods that change the journal: answered after the IDBFS sync. */
export const MUTATING: ReadonlySet<Method> = new Set<Method>(['log', 'remove', 'restore']);

export interface Request<M extends Method = Method> {
  id: number;
  method: M;
  args: Methods[M]['args'];
}

export type Response =
  | { id: number; ok: true; result: unknown; saved: boolean }
  | { id: number; ok: false; error: CoreError };

/** Host-side error codes (the worker's own, beside the core's). */
export const HOST_ERRORS = {
  /** The change is applied in memory but IndexedDB did not take it. */
  saveFailed: 'save-failed',
  /** The wasm module could not be loaded or the journal opened. */
  startFailed: 'start-failed',
} as const;

/** Unrequested news from the worker (has no id). */
export interface Notice {
  notice: 'waiting-for-other-tab';
}
