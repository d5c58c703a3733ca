// The Web Worker that owns the wasm core: the page never touches wasm.
//
// Durability: worker_storage.ts picks where the journal lives. On OPFS (the
// default) SQLite writes the changed pages through sync access handles and
// flushes them before a call returns; on the IDBFS fallback every mutating
// call is followed by FS.syncfs(false). Either way the page hears "saved"
// only once storage.persist() reports the change durable.
//
// Requests are handled one at a time, in arrival order, so two saves never
// overlap and a reply always reflects every earlier request.
import type { CreateUnknotCore, Journal, UnknotCore } from './unknot_core';
import {
  HOST_ERRORS,
  MUTATING,
  SYNC_METHODS,
  type Notice,
  type CoreError,
  type Method,
  type Methods,
  type Request,
  type Response,
  type Vocabulary,
} from './rpc';
import { openStorage, requestedStorage, type JournalStorage } from './worker_storage';
import { ShareWatch } from './worker_share';
import { SyncDriver } from './worker_sync';

// Set by build.mjs (esbuild `define`): the glue and wasm file names, which
// carry a content hash.
declare const UNKNOT_CORE_JS: string;
declare const UNKNOT_CORE_WASM: string;

// One journal writer per origin: IDBFS syncs whole files, so two tabs
// writing the same journal would overwrite each other's changes, and an
// OPFS access handle is exclusive to one worker anyway.
const kLockName = 'unknot-journal';

type Outcome = { ok: true; result: unknown; saved: boolean } | { ok: false; error: CoreError };

let core: UnknotCore | null = null;
let journal: Journal | null = null;
let storage: JournalStorage | null = null;
let opening: Promise<Outcome> | null = null;
let queue: Promise<unknown> = Promise.resolve();

// Runs `task` after everything queued before it; a failing task does not
// stall the queue.
function enqueue<T>(task: () => T | Promise<T>): Promise<T> {
  const run = queue.then(task);
  queue = run.catch(() => undefined);
  return run;
}

const sync = new SyncDriver({
  journal: () => journal,
  enqueue,
  persist: () => storage?.persist() ?? Promise.resolve(null),
  notify: (status, changed) => self.postMessage({ notice: 'sync', status, changed } satisfies Notice),
});

const shareWatch = new ShareWatch(
  () => sync.token(),
  (shareId, event) => self.postMessage({ notice: 'shared', shareId, event } satisfies Notice),
);

// The sharing API (docs/sharing.md) and Web Push (docs/push.md): each
// request as the server takes it.
function shareCall(method: Method, args: unknown[]): Promise<{ ok: true; result: unknown } | { ok: false; error: CoreError }> | null {
  const [a, b] = args as [unknown, unknown];
  const id = encodeURIComponent(String(a));
  switch (method) {
    case 'sharePreview':
      return sync.api('POST', '/api/shares/preview', a);
    case 'shareCreate':
      return sync.api('POST', '/api/shares', a);
    case 'shareList':
      return sync.api('GET', '/api/shares');
    case 'shareRevoke':
      return sync.api('POST', '/api/shares/revoke', { id: a });
    case 'shareLog':
      return sync.api('GET', `/api/shares/log?id=${id}`);
    case 'sharedRedeem':
      return sync.api('POST', '/api/shared/redeem', { code: a });
    case 'sharedList':
      return sync.api('GET', '/api/shared');
    case 'sharedView':
      return sync.api('GET', `/api/shared/view?share_id=${id}`);
    case 'sharedSuggest':
      return sync.api('POST', '/api/shared/suggest', { ...(b as object), share_id: a });
    case 'sharedVisit':
      return sync.api('POST', '/api/shared/visit', { share_id: a, visit_at: b });
    case 'pushKey':
      return sync.api('GET', '/api/push/key');
    case 'pushSubscribe':
      return sync.api('POST', '/api/push/subscribe', a);
    case 'pushUnsubscribe':
      return sync.api('POST', '/api/push/unsubscribe', { endpoint: a });
    default:
      return null;
  }
}

self.onmessage = (event: MessageEvent<Request>) => {
  const request = event.data;
  // Sync and account requests wait on the network: they run beside the
  // queue (queueing only their journal steps), so saves never wait on them.
  const handler = SYNC_METHODS.has(request.method) ? handleSync : (r: Request) => enqueue(() => handle(r));
  void handler(request)
    .catch((err: unknown) =>
      // A bug here must not stall anything: answer and go on.
      fail('internal-error', `Something went wrong in the journal engine: ${String(err)}`),
    )
    .then((outcome) => self.postMessage({ id: request.id, ...outcome } satisfies Response));
};

async function handleSync(request: Request): Promise<Outcome> {
  const opened = await (opening ?? fail('not-open', 'The journal is not open yet.'));
  if (!opened.ok) return opened;
  const [a, b, c] = request.args as [string, string, string];
  const answer = (result: { ok: true; result: unknown } | { ok: false; error: CoreError }): Outcome =>
    result.ok ? { ok: true, result: result.result, saved: true } : result;
  switch (request.method as Method) {
    case 'syncStatus':
      return { ok: true, result: sync.current(), saved: false };
    case 'syncNow':
      sync.request(a === 'manual' ? 'manual' : a === 'online' ? 'online' : 'focus');
      return { ok: true, result: sync.current(), saved: false };
    case 'signUp':
      return answer(await sync.signUp(a, b, c === 'therapist' ? 'therapist' : 'patient'));
    case 'logIn':
      return answer(await sync.logIn(a, b));
    case 'recover':
      return answer(await sync.recover(a, b, c));
    case 'signOut':
      shareWatch.watch(null);
      return answer(await sync.signOut());
    case 'watchShare':
      shareWatch.watch(typeof a === 'string' ? a : null);
      return { ok: true, result: { ok: true }, saved: false };
    default: {
      const call = shareCall(request.method, request.args as unknown[]);
      if (call) return { ...(await call), saved: false } as Outcome;
      return fail('unknown-method', `No such request: ${String(request.method)}`);
    }
  }
}

function fail(code: string, message: string): Outcome {
  return { ok: false, error: { code, message } };
}

// Parses a core answer: its documented JSON, or {"error":{code,message}}.
function fromCore(text: string): Outcome {
  const value: unknown = JSON.parse(text);
  if (value !== null && typeof value === 'object' && 'error' in value) {
    return { ok: false, error: (value as { error: CoreError }).error };
  }
  return { ok: true, result: value, saved: false };
}

// Waits for the journal lock and keeps it for the worker's lifetime; tells
// the page when another tab holds it.
function holdJournalLock(): Promise<void> {
  const locks = self.navigator.locks;
  if (!locks) return Promise.resolve();
  return new Promise((granted) => {
    const hold = () => {
      granted();
      return new Promise<never>(() => {});
    };
    void locks.request(kLockName, { ifAvailable: true }, (lock) => {
      if (lock) return hold();
      self.postMessage({ notice: 'waiting-for-other-tab' });
      void locks.request(kLockName, hold);
      return undefined;
    });
  });
}

// The wasm is fetched and compiled while the glue (a JS module) is fetched
// and evaluated, not after: the first start of the app waits for both.
async function compileWasm(url: string): Promise<WebAssembly.Module> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  // compileStreaming needs the application/wasm type (unknot-server sends it).
  return WebAssembly.compileStreaming ? WebAssembly.compileStreaming(response) : WebAssembly.compile(await response.arrayBuffer());
}

async function loadCore(): Promise<UnknotCore> {
  const base = self.location.href;
  const compiled = compileWasm(new URL(UNKNOT_CORE_WASM, base).href);
  const module = (await import(new URL(UNKNOT_CORE_JS, base).href)) as {
    default: CreateUnknotCore;
  };
  const core = module.default({
    instantiateWasm: (imports, receive) => {
      void compiled.then(async (wasm) => receive(await WebAssembly.instantiate(wasm, imports), wasm));
      return {};
    },
  });
  // A failed fetch or compile fails the start (the module would wait forever).
  return (await Promise.all([core, compiled]))[0];
}

// Started as soon as the worker runs: the page's "open" usually arrives
// later, once its own bundle has loaded.
const coreLoading = loadCore();
coreLoading.catch(() => undefined);

async function open(): Promise<Outcome> {
  await holdJournalLock();
  try {
    core = await coreLoading;
  } catch (err) {
    return fail(HOST_ERRORS.startFailed, `The journal engine did not load: ${String(err)}`);
  }
  try {
    storage = await openStorage(core, requestedStorage());
  } catch (err) {
    return fail(HOST_ERRORS.startFailed, err instanceof Error ? err.message : String(err));
  }
  journal = new core.Journal();
  const opened = fromCore(journal.open(storage.path));
  if (!opened.ok) return opened;
  // Opening a new journal writes its schema and device id: keep them.
  const saveError = await storage.persist();
  if (saveError) return fail(HOST_ERRORS.saveFailed, `Not saved: ${saveError}`);
  const vocabulary = JSON.parse(core.vocabulary()) as Vocabulary;
  // After this request's answer (the queue): resume the saved session.
  void Promise.resolve().then(() => sync.start());
  return { ok: true, result: { vocabulary, storage: storage.kind }, saved: true };
}

function callJournal(j: Journal, request: Request): Outcome {
  const [arg, arg2] = request.args as [unknown, unknown];
  switch (request.method as Method) {
    case 'list':
      return fromCore(j.list(JSON.stringify(arg ?? {})));
    case 'log':
      return fromCore(j.log(JSON.stringify(arg as Methods['log']['args'][0])));
    case 'edit':
      return fromCore(j.edit(arg as string, JSON.stringify(arg2)));
    case 'remove':
      return fromCore(j.remove(arg as string));
    case 'restore':
      return fromCore(j.restore(arg as string));
    case 'vocabulary':
      return fromCore(j.vocabulary());
    case 'addCustomTrigger':
      return fromCore(j.addCustomTrigger(arg as string));
    case 'exportJson': {
      // The document goes to the page as the core wrote it.
      const text = j.exportJson();
      const outcome = fromCore(text);
      return outcome.ok ? { ...outcome, result: { text } } : outcome;
    }
    case 'exportCsv':
      return fromCore(j.exportCsv());
    case 'importJson':
      return fromCore(j.importJson(arg as string));
    case 'emergencyNumbers':
      return fromCore(core!.emergencyNumbers(arg as string));
    case 'triageQuestions':
      return fromCore(core!.triageQuestions());
    case 'triage':
      return fromCore(j.triage(JSON.stringify(arg)));
    case 'triageHistory':
      return fromCore(j.triageHistory());
    case 'triagePause':
      return fromCore(j.triagePause());
    case 'suggestions':
      return fromCore(j.suggestions());
    case 'answerSuggestion':
      return fromCore(j.answerSuggestion(arg as string, arg2 === true));
    default:
      return callRoutines(j, request.method, arg);
  }
}

// The routines half of the core's API (wasm/routines_api.cc): objects go in
// as JSON text, the core's answers come back untouched.
function callRoutines(j: Journal, method: Method, arg: unknown): Outcome {
  const json = () => JSON.stringify(arg ?? {});
  switch (method) {
    case 'routines':
      return fromCore(j.routines());
    case 'saveRoutine':
      return fromCore(j.saveRoutine(json()));
    case 'deleteRoutine':
      return fromCore(j.deleteRoutine(arg as string));
    case 'logSession':
      return fromCore(j.logSession(json()));
    case 'sessions':
      return fromCore(j.sessions(json()));
    case 'addSchedule':
      return fromCore(j.addSchedule(json()));
    case 'removeSchedule':
      return fromCore(j.removeSchedule(arg as string));
    case 'schedules':
      return fromCore(j.schedules());
    case 'today':
      return fromCore(j.today(json()));
    case 'adherence':
      return fromCore(j.adherence(json()));
    case 'gate':
      return fromCore(j.gate(json()));
    case 'phases':
      return fromCore(j.phases(json()));
    case 'insights':
      return fromCore(j.insights(json()));
    default:
      return fail('unknown-method', `No such request: ${String(method)}`);
  }
}

async function handle(request: Request): Promise<Outcome> {
  if (request.method === 'start') {
    try {
      const loaded = await coreLoading;
      return { ok: true, result: { vocabulary: JSON.parse(loaded.vocabulary()) as Vocabulary }, saved: false };
    } catch (err) {
      return fail(HOST_ERRORS.startFailed, `The journal engine did not load: ${String(err)}`);
    }
  }
  if (request.method === 'open') {
    opening ??= open();
    return opening;
  }
  if (!journal || !storage) return fail('not-open', 'The journal is not open yet.');
  const outcome = callJournal(journal, request);
  if (!outcome.ok || !MUTATING.has(request.method)) return outcome;
  const saveError = await storage.persist();
  if (saveError) {
    return fail(HOST_ERRORS.saveFailed, `Kept on screen but not saved on this device: ${saveError}`);
  }
  // Saved first, synced later (debounced, outside this queue).
  void Promise.resolve().then(() => sync.saved());
  return { ...outcome, saved: true };
}
