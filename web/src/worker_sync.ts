// The worker's sync driver: moves the bytes of the core's sync round
// (wasm syncBegin/syncHandle, unknot/sync_round.h) with fetch(), keeps a
// WebSocket to /api/ws whose pokes start a round, and decides only *when*
// to sync: soon after a save, on focus/visibility/online (the page asks),
// on a poke, every few minutes, and after a failure with exponential
// backoff and jitter. What to send and what an answer means is the core's.
//
// Never blocks logging: every journal call goes through the worker's queue
// (`enqueue`), one short step at a time, and the network waits happen
// outside it, so a save made mid-round is answered at once (and is simply
// pending for the next round).
//
// The account calls (sign up, log in, recover, log out) are plain HTTP
// like the CLI's; the session is kept in the journal (setSyncAccount), so
// it survives reloads, and a 401 clears it there (signed out, data kept).
import type { CoreError, SyncStatus } from './rpc';
import type { Journal } from './unknot_core';

/** Tuning, in one place (a test may pass its own to SyncDriver). */
export const kSyncTuning = {
  /** A save starts a round this long after the last save (debounce). */
  saveDelayMs: 1500,
  /** A signed-in device syncs at least this often. */
  periodMs: 5 * 60_000,
  /** Backoff after a failure: base × 2^(n-1), capped, half of it jittered. */
  backoffBaseMs: 2000,
  backoffMaxMs: 5 * 60_000,
  /** A request with no answer in this time counts as offline. */
  requestTimeoutMs: 30_000,
};
export type SyncTuning = typeof kSyncTuning;

export interface SyncHost {
  /** The open journal, or null before open. */
  journal(): Journal | null;
  /** Runs `task` in the worker's request queue (after pending saves). */
  enqueue<T>(task: () => T | Promise<T>): Promise<T>;
  /** Makes what the journal holds durable (IDBFS); null or why it failed. */
  persist(): Promise<string | null>;
  /** Tells the page; `changed`: the round brought changes to show. */
  notify(status: SyncStatus, changed: boolean): void;
}

interface SyncRequest {
  method: string;
  path: string;
  body: string;
  token: string;
}
type Step = { request: SyncRequest } | { done: true; report: { applied: number } } | { error: CoreError };

interface JournalSyncState {
  server: string;
  email: string;
  role: string;
  token: string;
  /** Changes not yet pushed; counted only when signed in (else null). */
  pending: number | null;
  /** What the pending changes touch (an entry with its sites is one); signed in only. */
  pending_records: number;
  last_sync_ms: number;
  device_id: string;
}

/** The answer to signup/login/recover, for the page. */
export interface AccountAnswer {
  email: string;
  recovery_codes?: string[];
}

type Outcome<T> = { ok: true; result: T } | { ok: false; error: CoreError };

const kOffline: CoreError = { code: 'offline', message: 'The server cannot be reached.' };

function parse<T>(text: string): T {
  return JSON.parse(text) as T;
}

export class SyncDriver {
  private status: SyncStatus = {
    signedIn: false,
    email: '',
    role: 'patient',
    phase: 'idle',
    pending: 0,
    lastSync: null,
    error: null,
    sessionEnded: false,
  };
  private running = false;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private timerDue = 0;
  private failures = 0;
  /** Automatic rounds wait until then after a failure. */
  private notBefore = 0;
  private retryAfterMs = 0;
  private socket: WebSocket | null = null;
  private socketTimer: ReturnType<typeof setTimeout> | null = null;
  private socketFailures = 0;
  /** The session the running round uses (its requests carry it). */
  private roundToken = '';

  private readonly tuning: SyncTuning;

  constructor(
    private readonly host: SyncHost,
    tuning: Partial<SyncTuning> = {},
  ) {
    this.tuning = { ...kSyncTuning, ...tuning };
    self.addEventListener('online', () => this.request('online'));
    self.addEventListener('offline', () => {
      if (this.status.signedIn) this.update({ phase: 'offline', error: kOffline });
    });
  }

  /** After the journal opened: resume the session it holds, if any. */
  async start(): Promise<void> {
    await this.refresh();
    if (this.status.signedIn) {
      this.connectSocket();
      this.request('start');
    }
  }

  current(): SyncStatus {
    return this.status;
  }

  /** A save went through: count it, and sync soon. */
  async saved(): Promise<void> {
    await this.refresh();
    this.request('save');
  }

  /**
   * Asks for a round. 'save' waits for the debounce; automatic reasons
   * respect the backoff after a failure; the person's "Sync now", a poke
   * and coming back online go at once.
   */
  request(reason: 'save' | 'start' | 'periodic' | 'retry' | 'manual' | 'poke' | 'online' | 'focus'): void {
    if (!this.status.signedIn) return;
    const now = Date.now();
    let due = now + (reason === 'save' ? this.tuning.saveDelayMs : 0);
    if (reason === 'save' || reason === 'periodic' || reason === 'focus' || reason === 'start') {
      due = Math.max(due, this.notBefore);
    }
    if (this.running) {
      if (reason !== 'periodic') this.again = true;
      return;
    }
    this.schedule(due - now);
  }

  // --- Account -----------------------------------------------------------

  /** `role` only sets the app's default screen: any account can receive a share. */
  async signUp(email: string, password: string, role: 'patient' | 'therapist' = 'patient'): Promise<Outcome<AccountAnswer>> {
    return this.signIn('/api/account/signup', { email, password, role });
  }

  async logIn(email: string, password: string): Promise<Outcome<AccountAnswer>> {
    return this.signIn('/api/account/login', { email, password });
  }

  async recover(email: string, code: string, newPassword: string): Promise<Outcome<AccountAnswer>> {
    return this.signIn('/api/account/recover', { email, recovery_code: code, new_password: newPassword });
  }

  /** Ends the session (on the server when reachable) and forgets it here; the journal stays. */
  async signOut(): Promise<Outcome<SyncStatus>> {
    const state = await this.host.enqueue(() => this.journalState());
    if (state?.token) {
      // Signing out must work offline too: the server's answer is not needed.
      await this.http('POST', '/api/account/logout', '', state.token).catch(() => null);
    }
    const cleared = await this.host.enqueue(async () => {
      const text = this.host.journal()?.clearSyncToken() ?? '{}';
      const error = (parse<{ error?: CoreError }>(text)).error;
      if (!error) await this.host.persist();
      return error ?? null;
    });
    if (cleared) return { ok: false, error: cleared };
    this.stopAll();
    await this.refresh({ sessionEnded: false, phase: 'idle', error: null });
    return { ok: true, result: this.status };
  }

  /**
   * A call to the server with this journal's session (the sharing API):
   * the answer's JSON, or the server's error. No answer: "offline"; a 401
   * ends the session here as a round's would (signed out, data kept).
   */
  async api(method: string, path: string, body?: unknown): Promise<Outcome<unknown>> {
    const state = await this.host.enqueue(() => this.journalState());
    if (!state?.token) return { ok: false, error: { code: 'not-signed-in', message: 'Sign in first (Settings → Account and sync).' } };
    let response: Response;
    try {
      response = await this.http(method, path, body === undefined ? '' : JSON.stringify(body), state.token);
    } catch {
      return { ok: false, error: kOffline };
    }
    const answer = (await response.json().catch(() => null)) as { error?: CoreError } | null;
    if (response.ok && answer !== null) return { ok: true, result: answer };
    const error = answer?.error ?? { code: `http-${response.status}`, message: `The server answered HTTP ${response.status}.` };
    if (response.status === 401) {
      this.roundToken = state.token;
      await this.failed(error, false);
    }
    return { ok: false, error };
  }

  /** The session's token, for a socket of the sharing API ('' when signed out). */
  async token(): Promise<string> {
    return (await this.host.enqueue(() => this.journalState()))?.token ?? '';
  }

  private async signIn(path: string, body: object): Promise<Outcome<AccountAnswer>> {
    let response: Response;
    try {
      response = await this.http('POST', path, JSON.stringify(body), '');
    } catch {
      return { ok: false, error: kOffline };
    }
    const answer = (await response.json().catch(() => null)) as {
      token?: string;
      email?: string;
      role?: string;
      recovery_codes?: string[];
      error?: CoreError;
    } | null;
    if (!response.ok || !answer?.token) {
      return {
        ok: false,
        error: answer?.error ?? { code: `http-${response.status}`, message: `The server answered HTTP ${response.status}.` },
      };
    }
    const email = answer.email ?? (body as { email: string }).email;
    const token = answer.token;
    const stored = await this.host.enqueue(async () => {
      const journal = this.host.journal();
      if (!journal) return { code: 'not-open', message: 'The journal is not open yet.' };
      const text = journal.setSyncAccount(self.location.origin, email, answer.role ?? 'patient', token);
      const error = parse<{ error?: CoreError }>(text).error;
      if (error) return error;
      const saveError = await this.host.persist();
      return saveError ? { code: 'save-failed', message: saveError } : null;
    });
    if (stored) return { ok: false, error: stored };
    this.failures = 0;
    this.notBefore = 0;
    await this.refresh({ sessionEnded: false, error: null, phase: 'idle' });
    this.connectSocket();
    this.request('manual');
    const result: AccountAnswer = { email };
    if (answer.recovery_codes) result.recovery_codes = answer.recovery_codes;
    return { ok: true, result };
  }

  // --- The round -----------------------------------------------------------

  private schedule(delayMs: number): void {
    const due = Date.now() + Math.max(0, delayMs);
    if (this.timer !== null && this.timerDue <= due) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timerDue = due;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, Math.max(0, delayMs));
  }

  private async run(): Promise<void> {
    if (this.running || !this.status.signedIn) return;
    this.running = true;
    this.update({ phase: 'syncing' });
    let changed = false;
    let failure: CoreError | null = null;
    do {
      this.again = false;
      const result = await this.round();
      if ('error' in result) {
        failure = result.error;
        break;
      }
      changed ||= result.applied > 0;
      failure = null;
    } while (this.again && this.status.signedIn);
    this.running = false;
    if (failure) {
      await this.failed(failure, changed);
      return;
    }
    this.failures = 0;
    this.notBefore = 0;
    await this.refresh({ phase: 'idle', error: null }, changed);
    this.schedule(this.tuning.periodMs);
    if (this.socket === null) this.connectSocket();
  }

  /** One round, step by step; each journal step in the queue. */
  private async round(): Promise<{ applied: number } | { error: CoreError }> {
    let step = await this.host.enqueue(() => this.begin());
    let applied = 0;
    while ('request' in step) {
      const { method, path, body, token } = step.request;
      this.roundToken = token;
      let status: number;
      // The body goes to the core as bytes: a pull page is up to 1 MiB of
      // UTF-8 that text() would decode only for the core to encode again.
      let bytes: Uint8Array;
      try {
        const response = await this.http(method, path, body, token);
        status = response.status;
        bytes = new Uint8Array(await response.arrayBuffer());
        this.retryAfterMs = Number(response.headers.get('Retry-After') ?? 0) * 1000 || 0;
      } catch {
        await this.host.enqueue(() => this.host.journal()?.syncAbort());
        return { error: kOffline };
      }
      step = await this.host.enqueue(async () => {
        const journal = this.host.journal();
        if (!journal) return { error: { code: 'not-open', message: 'The journal is closed.' } };
        const next = parse<Step>(journal.syncHandle(status, bytes));
        // What the step committed (a pulled page, an acknowledged push).
        const saveError = await this.host.persist();
        return saveError ? { error: { code: 'save-failed', message: saveError } } : next;
      });
    }
    if ('error' in step) return step;
    applied += step.report.applied;
    return { applied };
  }

  private begin(): Step {
    const journal = this.host.journal();
    if (!journal) return { error: { code: 'not-open', message: 'The journal is not open yet.' } };
    return parse<Step>(journal.syncBegin(''));
  }

  private async failed(error: CoreError, changed: boolean): Promise<void> {
    if (error.code === 'unauthorized' || error.code === 'not-signed-in') {
      // The session expired or ended elsewhere: sign out here, keep the data
      // — unless the person signed out and in again while the round ran.
      // (a new session: sync with it) or just signed out (nothing to add).
      const session = await this.host.enqueue(async () => {
        const token = this.journalState()?.token ?? '';
        if (token !== this.roundToken) return token ? 'replaced' : 'gone';
        this.host.journal()?.clearSyncToken();
        await this.host.persist();
        return 'ended';
      });
      if (session === 'replaced') return this.request('manual');
      if (session === 'gone') return this.refresh({ phase: 'idle', error: null }, changed);
      this.stopAll();
      await this.refresh({ phase: 'idle', error, sessionEnded: true }, changed);
      return;
    }
    this.failures++;
    const exp = Math.min(this.tuning.backoffMaxMs, this.tuning.backoffBaseMs * 2 ** (this.failures - 1));
    const delay = Math.max(this.retryAfterMs, exp / 2 + Math.random() * (exp / 2));
    this.notBefore = Date.now() + delay;
    const offline = error.code === 'offline' || !self.navigator.onLine;
    await this.refresh({ phase: offline ? 'offline' : 'error', error: offline ? kOffline : error }, changed);
    this.schedule(delay);
  }

  private http(method: string, path: string, body: string, token: string): Promise<Response> {
    const headers: Record<string, string> = {};
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body) headers['Content-Type'] = 'application/json';
    const init: RequestInit = { method, headers, cache: 'no-store', signal: AbortSignal.timeout(this.tuning.requestTimeoutMs) };
    if (body) init.body = body;
    return fetch(new URL(path, self.location.origin), init);
  }

  // --- Pokes ---------------------------------------------------------------

  private connectSocket(): void {
    if (this.socket !== null || this.socketTimer !== null || !this.status.signedIn) return;
    const url = new URL('/api/ws', self.location.origin);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    let socket: WebSocket;
    try {
      socket = new WebSocket(url);
    } catch {
      this.reconnectSocket();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      void this.host.enqueue(() => this.journalState()).then((state) => {
        if (!state?.token) return socket.close();
        socket.send(JSON.stringify({ token: state.token, device: state.device_id }));
      });
    };
    socket.onmessage = (event: MessageEvent) => {
      const message = (() => {
        try {
          return JSON.parse(String(event.data)) as { type?: string };
        } catch {
          return {};
        }
      })();
      if (message.type === 'ready') this.socketFailures = 0;
      // "ready": catch up on what came while disconnected; "changes": a poke.
      // An "error" (e.g. an expired token) is found out by the round's 401.
      if (message.type === 'ready' || message.type === 'changes' || message.type === 'error') this.request('poke');
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.reconnectSocket();
    };
  }

  private reconnectSocket(): void {
    if (!this.status.signedIn || this.socketTimer !== null) return;
    this.socketFailures++;
    const exp = Math.min(this.tuning.backoffMaxMs, this.tuning.backoffBaseMs * 2 ** (this.socketFailures - 1));
    this.socketTimer = setTimeout(() => {
      this.socketTimer = null;
      this.connectSocket();
    }, exp / 2 + Math.random() * (exp / 2));
  }

  private stopAll(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    if (this.socketTimer !== null) clearTimeout(this.socketTimer);
    this.timer = this.socketTimer = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close();
    this.failures = 0;
    this.notBefore = 0;
  }

  // --- State ---------------------------------------------------------------

  private journalState(): JournalSyncState | null {
    const journal = this.host.journal();
    if (!journal) return null;
    const state = parse<JournalSyncState & { error?: CoreError }>(journal.syncState());
    return state.error ? null : state;
  }

  /** Re-reads the journal's sync state, merges `patch`, tells the page. */
  private async refresh(patch: Partial<SyncStatus> = {}, changed = false): Promise<void> {
    const state = await this.host.enqueue(() => this.journalState());
    this.update(
      {
        signedIn: Boolean(state?.token),
        email: state?.email ?? '',
        role: state?.role === 'therapist' ? 'therapist' : 'patient',
        pending: state?.pending_records ?? 0,
        lastSync: state?.last_sync_ms ? state.last_sync_ms : null,
        ...patch,
      },
      changed,
    );
  }

  private update(patch: Partial<SyncStatus>, changed = false): void {
    this.status = { ...this.status, ...patch };
    if (this.status.signedIn) this.status.sessionEnded = false;
    this.host.notify(this.status, changed);
  }
}
