// The typed message protocol between the page (main.ts) and the worker
// (worker.ts) that owns the wasm core. The page sends a Request with a fresh
// id and gets exactly one Response with the same id. Mutating methods
// answer only once the change is durable (flushed to OPFS, or IDBFS
// synced), with saved: true.
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

/** A quality, trigger or "helped" item of the core's vocabulary. */
export interface Term {
  id: string;
  label: string;
  group?: string;
}

export interface Vocabulary {
  version: string;
  sites: BodySite[];
  qualities: Term[];
  triggers: Term[];
  helped: Term[];
  /** The user's own triggers (only when a journal is open). */
  custom_triggers?: Term[];
}

export type Side = 'left' | 'right' | 'both';

export interface SitePain {
  site: string;
  side: Side;
  intensity: number;
}

/** An entry as the page sends it to be logged (docs/export-format.md). */
export interface NewEntry {
  at: string;
  flare: boolean;
  sites: SitePain[];
  qualities?: string[];
  triggers?: string[];
  helped?: string[];
  stress?: number | null;
  note?: string | null;
}

/** An entry as the core lists it (only the fields the page shows). */
export interface Entry {
  id: string;
  at: string;
  flare: boolean;
  sites: SitePain[];
  qualities: string[];
  triggers: string[];
  helped: string[];
  /** Recorded as written, never recommended. */
  medications?: string[];
  stress: number | null;
  note: string | null;
}

/** A JSON Merge Patch of an entry (the core's edit). */
export type EntryPatch = Partial<NewEntry>;

/** The core's list filter: local dates, inclusive. */
export interface ListFilter {
  since?: string;
  until?: string;
}

export interface EmergencyNumbers {
  emergency: string;
  crisis_line: string;
}

export type RoutineKind = 'stretch' | 'foam_rolling' | 'heat' | 'self_massage' | 'posture_check' | 'mind_body';

/** One step of a routine (core/include/unknot/routines.h RoutineStep). */
export interface RoutineStep {
  text: string;
  /** A hold, or the step's length; 0 = untimed (the person moves on). */
  seconds: number;
  /** Upper end of a range of seconds, or 0. */
  max_seconds: number;
  /** The longer hold offered to people 65+, or 0. */
  seconds_65_plus: number;
  reps: number;
  /** Upper end of a range of reps, or 0. */
  max_reps: number;
  rest_seconds: number;
  per_side: boolean;
}

/** A routine as the core gives it (RoutineToJson). */
export interface Routine {
  id: string;
  title: string;
  kind: RoutineKind;
  targets: string[];
  areas: string[];
  steps: RoutineStep[];
  safety: string[];
  source: string;
  custom: boolean;
}

/** A routine as the page sends it to be saved ("id" absent: a new one). */
export interface RoutineInput {
  id?: string;
  title: string;
  kind: string;
  targets: string[];
  steps: Partial<RoutineStep>[];
}

export interface NewSession {
  routine_id: string;
  at: string;
  site?: string | null;
  pain_before?: number | null;
  pain_after?: number | null;
  duration_seconds: number;
  steps_done: number;
  steps_total: number;
}

export interface Session {
  id: string;
  routine_id: string;
  at: string;
  tz_offset_minutes: number;
  local_date: string;
  steps_done: number;
  steps_total: number;
  duration_seconds: number;
  site: string | null;
  pain_before: number | null;
  pain_after: number | null;
}

/** A schedule as the page asks for it (the core parses and validates it). */
export interface NewSchedule {
  routine_id: string;
  /** "HH:MM", local wall-clock time. */
  at: string;
  /** "daily", "weekdays", "weekends" or "mon,wed,...". */
  days: string;
  every_minutes?: number | null;
  until?: string | null;
  /** The local date (YYYY-MM-DD, chosen zone) it counts from: today. */
  since?: string;
}

export interface Schedule {
  id: string;
  routine_id: string;
  days: number;
  at: string;
  every_minutes: number | null;
  until: string | null;
  since: string;
  /** "daily at 08:00", "weekdays every 45 min 09:00-17:00" (the core's words). */
  description: string;
}

export interface TodayItem {
  time: string;
  schedule_id: string;
  routine_id: string;
  title: string;
  due: boolean;
  done: boolean;
}

export interface AdherenceWindow {
  days: number;
  planned: number;
  done: number;
  /** null when nothing was planned. */
  percent: number | null;
  session_days: number;
  sessions: number;
}

export interface Adherence {
  today: string;
  last_7_days: AdherenceWindow;
  last_28_days: AdherenceWindow;
  current_streak: number;
  longest_streak: number;
  total_sessions: number;
  last_session_date: string | null;
}

/** Insights of a period (docs/insights.md): the core's JSON as it comes. */
export interface PainTrend {
  scope: string;
  baseline_days: number;
  recent_days: number;
  baseline_mean: number | null;
  recent_mean: number | null;
  verdict: 'better' | 'worse' | 'no_clear_change' | 'not_enough_data';
}

export interface TriggerInsight {
  id: string;
  days_with: number;
  days_without: number;
  mean_with: number;
  mean_without: number;
  difference: number;
  ci95: [number, number] | null;
  verdict: 'higher' | 'lower' | 'no_clear_difference' | 'not_enough_data';
}

export interface HelpInsight {
  id: string;
  n: number;
  mean_change: number;
  ci95: [number, number] | null;
  verdict: 'pain_lower_after' | 'pain_higher_after' | 'unclear' | 'not_enough_data';
}

export interface PatternBucket {
  name: string;
  entries: number;
  mean_intensity: number;
  max_intensity: number;
}

export interface Insights {
  from: string;
  to: string;
  entries: number;
  days_with_entries: number;
  sessions: number;
  trends: PainTrend[];
  triggers: TriggerInsight[];
  routines: HelpInsight[];
  helped: HelpInsight[];
  time_of_day: PatternBucket[];
  weekdays: PatternBucket[];
  sites: PatternBucket[];
  /** What "not_enough_data" means, from the core (docs/insights.md). */
  minimums: { trend_days: number; trigger_days: number; samples: number };
}

/** A phase of a routine's dose as the core unrolls it (RoutinePhasesToJson). */
export interface CorePhase {
  step: number;
  kind: 'hold' | 'rest' | 'untimed';
  seconds: number;
  rep: number;
  reps: number;
  side: 'left' | 'right' | null;
  last_of_step: boolean;
}

/** The core's red-flag gate for starting a routine (docs/routines.md). */
export interface Gate {
  allowed: boolean;
  check_required: boolean;
  reason: 'ok' | 'first_check' | 'paused';
  paused_by: string[];
  paused_areas: string[];
  recheck_due: boolean;
  last_check_at: string | null;
}

export type TriageLevel = 'self_care' | 'soon' | 'urgent' | 'emergency';

/** A question of the core's red-flag check (stable id, plain wording). */
export interface TriageQuestion {
  id: string;
  kind: 'yes_no' | 'number';
  text: string;
  /** Asked only when this question was answered yes ('' = always). */
  follows: string;
  /** Not asked directly: the total of this mood form. */
  form: string;
  min?: number;
  max?: number;
  integer?: boolean;
}

export interface MoodForm {
  id: string;
  short_id: string;
  title: string;
  stem: string;
  items: string[];
  bands: { from: number; name: string }[];
  offer_full_at: number;
}

export interface TriageQuestions {
  ruleset_version: string;
  questions: TriageQuestion[];
  mood_forms: MoodForm[];
  mood_scale: string[];
}

export interface FiredRule {
  id: string;
  level: TriageLevel;
  message: string;
  pauses: 'none' | 'site' | 'all';
  source: string;
}

export interface TriageResult {
  level: TriageLevel;
  rules: FiredRule[];
  unanswered: string[];
  ruleset_version: string;
}

export interface MoodScore {
  form: string;
  full: boolean;
  total: number;
  band: string;
  offer_full: boolean;
  self_harm_item: boolean;
}

/** What the page sends: the answers file of docs/triage.md plus mood items. */
export interface TriageRequest {
  age?: number | null;
  answers: Record<string, boolean | number | null>;
  mood?: Record<string, number[]>;
  dry_run?: boolean;
}

export interface TriageOutcome {
  result: TriageResult;
  mood: Record<string, MoodScore>;
  id?: string;
  save_error?: CoreError;
}

export interface StoredTriage {
  id: string;
  at: string;
  level: TriageLevel;
  result: TriageResult | null;
}

export interface TriagePause {
  pauses: 'none' | 'site' | 'all';
  paused_by: string[];
  last_level: TriageLevel | '';
  recheck_due: boolean;
  last_check_at: string | null;
}

// --- Sharing (docs/sharing.md) -------------------------------------------

export type ShareScope = 'entries' | 'notes' | 'routines' | 'adherence' | 'triage' | 'insights';

/** {since: "YYYY-MM-DD"}, {last_days: N} or {} (everything). */
export interface SharePeriod {
  since?: string;
  last_days?: number;
}

/** A share as its owner (the patient) sees it. */
export interface OwnedShare {
  id: string;
  scopes: ShareScope[];
  period: SharePeriod;
  created_at: string;
  expires_at: string;
  redeemed_by: string | null;
  redeemed_at: string | null;
  last_viewed_at: string | null;
  revoked_at: string | null;
  /** Only in the answer to shareCreate: the invitation code, shown once. */
  code?: string;
}

/** A share as the one who redeemed it (the therapist) sees it. */
export interface HeldShare {
  patient: string;
  share_id: string;
  scopes: ShareScope[];
  period: SharePeriod;
  expires_at: string;
}

/** A line of the access log (never health content). */
export interface AccessLine {
  at: string;
  actor: string;
  subject: string | null;
  action: string;
  share_id: string | null;
  detail: string;
}

/** A therapist's comment or recommended routine (unknot/suggestions.h). */
export interface Suggestion {
  id: string;
  kind: 'comment' | 'routine';
  entry_id: string | null;
  text: string | null;
  routine_id: string | null;
  routine: Routine | null;
  author: string;
  share_id: string | null;
  at: string | null;
  status: 'pending' | 'accepted' | 'dismissed';
  answered_at: string | null;
  accepted_routine_id: string | null;
}

/** What a therapist sends (the core's ParseSuggestionRequest shapes). */
export type SuggestionRequest =
  | { entry_id: string; text: string }
  | { routine_id: string; text?: string }
  | { routine: RoutineInput; text?: string };

export interface SinceLastVisit {
  since: string | null;
  source: 'set' | 'previous_view' | 'first_view';
  entries?: {
    count: number;
    flares: number;
    days: number;
    highest: number | null;
    average_peak: number | null;
    average_peak_before: number | null;
    sites: { site: string; side: Side; entries: number; highest: number }[];
    new_sites: { site: string; side: Side }[];
  };
  notes?: number;
  sessions?: { count: number; minutes: number; rated: number; average_change: number | null };
  checks?: { at: string; level: TriageLevel }[];
}

/** The core's shared view (SharedViewJson): a section per shared scope. */
export interface SharedView {
  scopes: ShareScope[];
  period: SharePeriod;
  from: string | null;
  today: string;
  generated_at: string;
  /** The server's view only. */
  patient?: string;
  share_id?: string;
  entries?: Entry[];
  notes?: { entry_id: string; at: string; local_date: string; note: string }[];
  sessions?: Session[];
  routines?: Routine[];
  schedules?: { id: string; routine_id: string; schedule: string; since: string }[];
  adherence?: Adherence;
  triage?: { id: string; at: string; level: TriageLevel; ruleset_version: string | null; result: TriageResult | null }[];
  insights?: Insights;
  suggestions?: Suggestion[];
  since_last_visit?: SinceLastVisit;
}

/** "now" for the core's computed views: the page's clock in the chosen zone. */
export interface Now {
  at: string;
}

/**
 * Where the journal is kept: "opfs" (page-level writes to the Origin Private
 * File System) or "idbfs" (the fallback for browsers without OPFS sync
 * access handles: every save copies the whole file into IndexedDB).
 */
export type StorageKind = 'opfs' | 'idbfs';

/** Each method: its arguments and what the core answers on success. */
export interface Methods {
  /** Answers once the core has loaded (the journal may still be opening). */
  start: { args: []; result: { vocabulary: Vocabulary } };
  /** Loads the journal; answers once it is open. */
  open: { args: []; result: { vocabulary: Vocabulary; storage: StorageKind } };
  list: { args: [filter?: ListFilter]; result: Entry[] };
  log: { args: [entry: NewEntry]; result: { id: string } };
  edit: { args: [id: string, patch: EntryPatch]; result: { ok: true } };
  remove: { args: [id: string]; result: { ok: true } };
  restore: { args: [id: string]; result: { ok: true } };
  /** The vocabulary with the user's own triggers. */
  vocabulary: { args: []; result: Vocabulary };
  addCustomTrigger: { args: [label: string]; result: { id: string } };
  /** The export document as the core wrote it (docs/export-format.md). */
  exportJson: { args: []; result: { text: string } };
  exportCsv: { args: []; result: { csv: string } };
  importJson: { args: [text: string]; result: { entries: number; cells_applied: number } };
  emergencyNumbers: { args: [country: string]; result: EmergencyNumbers };
  // --- Sync and account (web/src/worker_sync.ts); see SYNC_METHODS.
  syncStatus: { args: []; result: SyncStatus };
  /** Starts a round now (the answer does not wait for it: notices follow). */
  syncNow: { args: [reason: 'manual' | 'focus' | 'online']; result: SyncStatus };
  /** The recovery codes are in this answer only: show them once. */
  signUp: { args: [email: string, password: string, role?: 'patient' | 'therapist']; result: AccountAnswer };
  logIn: { args: [email: string, password: string]; result: AccountAnswer };
  recover: { args: [email: string, code: string, newPassword: string]; result: AccountAnswer };
  /** Ends the session; the journal stays (the page wipes it if asked). */
  signOut: { args: []; result: SyncStatus };
  /** The library, then the user's own routines. */
  routines: { args: []; result: { version: string; routines: Routine[] } };
  saveRoutine: { args: [routine: RoutineInput]; result: { id: string } };
  deleteRoutine: { args: [id: string]; result: { ok: true } };
  logSession: { args: [session: NewSession]; result: { id: string } };
  sessions: { args: [filter?: ListFilter]; result: Session[] };
  addSchedule: { args: [schedule: NewSchedule]; result: { id: string } };
  removeSchedule: { args: [id: string]; result: { ok: true } };
  schedules: { args: []; result: Schedule[] };
  today: { args: [now: Now]; result: TodayItem[] };
  adherence: { args: [now: Now]; result: Adherence };
  gate: { args: [request: { routine_id: string; site?: string | null }]; result: Gate };
  /** The routine's dose unrolled for the player (the core's RoutinePhases). */
  phases: { args: [request: { routine_id: string; longer_holds: boolean; upper_end: boolean }]; result: CorePhase[] };
  /** "since" absent: from the first entry; "at": today's date (default now). */
  insights: { args: [options: { since?: string; at?: string }]; result: Insights };
  triageQuestions: { args: []; result: TriageQuestions };
  /** Evaluates and (unless dry_run) stores a red-flag check. */
  triage: { args: [request: TriageRequest]; result: TriageOutcome };
  triageHistory: { args: []; result: StoredTriage[] };
  triagePause: { args: []; result: TriagePause };
  // --- Sharing: the local half (the journal queue).
  /** What therapists sent, newest first (it arrives by sync). */
  suggestions: { args: []; result: Suggestion[] };
  answerSuggestion: { args: [id: string, accept: boolean]; result: Suggestion };
  // --- Sharing: the server's half (SYNC_METHODS: beside the queue).
  /** Exactly what a therapist would see: the core's view of the synced journal. */
  sharePreview: { args: [request: { scopes: ShareScope[]; period: SharePeriod }]; result: SharedView };
  shareCreate: { args: [request: { scopes: ShareScope[]; period: SharePeriod; expires_at: string }]; result: OwnedShare };
  shareList: { args: []; result: { shares: OwnedShare[] } };
  shareRevoke: { args: [id: string]; result: { status: string } };
  shareLog: { args: [id: string]; result: { log: AccessLine[] } };
  sharedRedeem: { args: [code: string]; result: HeldShare };
  sharedList: { args: []; result: { shared: HeldShare[] } };
  sharedView: { args: [shareId: string]; result: SharedView };
  sharedSuggest: { args: [shareId: string, suggestion: SuggestionRequest]; result: Suggestion };
  /** "since last visit" from `visitAt` (an ISO instant), or null: the previous visit. */
  sharedVisit: { args: [shareId: string, visitAt: string | null]; result: { status: string } };
  /** Live updates of one shared view (null: none); notices follow. */
  watchShare: { args: [shareId: string | null]; result: { ok: true } };
  // --- Web Push reminders (docs/push.md): the server's half.
  /** The server's VAPID key (the page's applicationServerKey), base64url. */
  pushKey: { args: []; result: { public_key: string } };
  /** Stores this browser's subscription with the signed-in account. */
  pushSubscribe: { args: [subscription: PushSubscriptionRequest]; result: { id: string } };
  pushUnsubscribe: { args: [endpoint: string]; result: { status: string } };
}

/** PushSubscription.toJSON() and the time zone over the coming year. */
export interface PushSubscriptionRequest {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  /** [from_ms, offset_minutes], sorted: the server has no time zone rules. */
  zone_offsets: [number, number][];
}

export type Method = keyof Methods;

/** Methods that change the journal: answered once the change is durable. */
export const MUTATING: ReadonlySet<Method> = new Set<Method>([
  'log',
  'edit',
  'remove',
  'restore',
  'addCustomTrigger',
  'importJson',
  'saveRoutine',
  'deleteRoutine',
  'logSession',
  'addSchedule',
  'removeSchedule',
  'triage',
  'answerSuggestion',
]);

/**
 * Methods that wait on the network: the worker runs them beside its queue
 * (only their journal steps queue), so saves are never held up by them.
 */
export const SYNC_METHODS: ReadonlySet<string> = new Set<Method>([
  'syncStatus',
  'syncNow',
  'signUp',
  'logIn',
  'recover',
  'signOut',
  'sharePreview',
  'shareCreate',
  'shareList',
  'shareRevoke',
  'shareLog',
  'sharedRedeem',
  'sharedList',
  'sharedView',
  'sharedSuggest',
  'sharedVisit',
  'watchShare',
  'pushKey',
  'pushSubscribe',
  'pushUnsubscribe',
]);

/** The sync state the page shows on every screen. */
export interface SyncStatus {
  /** The journal holds a session. */
  signedIn: boolean;
  /** The account's email ('' when this journal never signed in). */
  email: string;
  /** Sets only the default screen: a therapist's is the patients list. */
  role: 'patient' | 'therapist';
  /** idle: nothing running (synced when pending is 0 and lastSync set). */
  phase: 'idle' | 'syncing' | 'offline' | 'error';
  /**
   * Things changed here the server has not acknowledged yet, as a person
   * counts them: an entry with its sites and tags is one (the core's
   * PendingRecords), however many cell changes it made.
   */
  pending: number;
  /** When the last complete round ended (ms since 1970), or null. */
  lastSync: number | null;
  /** Why the last round failed (the core's or server's code), or null. */
  error: CoreError | null;
  /** The server refused the session (expired): signed out, data kept. */
  sessionEnded: boolean;
}

export interface AccountAnswer {
  email: string;
  /** Sign up only: the one-time recovery codes. */
  recovery_codes?: string[];
}

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
export type Notice =
  | { notice: 'waiting-for-other-tab' }
  /** The sync state changed; `changed`: a round brought changes to show. */
  | { notice: 'sync'; status: SyncStatus; changed: boolean }
  /** The watched shared view changed, or the share ended (revoked, expired). */
  | { notice: 'shared'; shareId: string; event: { kind: 'changed' } | { kind: 'ended'; code: string } };
