// The page's side of the RPC (rpc.ts): each call posts a Request with a new
// id and resolves with the worker's Response of that id. Errors are values:
// a call never rejects, it answers { ok: false, error }.
import type { CoreError, Method, Methods, Notice, Request, Response } from './rpc';

export type Answer<M extends Method> =
  | { ok: true; result: Methods[M]['result']; saved: boolean }
  | { ok: false; error: CoreError };

// The worker's URL: the page's query goes on to it, so ?storage=idbfs makes
// the worker keep the journal in the IndexedDB fallback instead of OPFS
// (web/src/worker_storage.ts; for tests and for comparing the two).
// index.html's inline start script (build.mjs) builds the same URL.
function workerUrlFor(workerUrl: string): string {
  return new URL(workerUrl + location.search, document.baseURI).href;
}

// The worker index.html started before this bundle loaded (build.mjs), with
// `failed` set if it could not start.
type EarlyWorker = Worker & { failed?: string };

export class CoreClient {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, (response: Response) => void>();
  // Once the worker failed, every call answers this.
  private failure: CoreError | null = null;

  constructor(workerUrl: string, onNotice: (notice: Notice) => void) {
    const early = (window as { unknotWorker?: EarlyWorker }).unknotWorker;
    this.worker = early ?? new Worker(workerUrlFor(workerUrl), { type: 'module', name: 'unknot-core' });
    this.worker.onmessage = (event: MessageEvent<Response | Notice>) => {
      const data = event.data;
      if ('notice' in data) {
        onNotice(data);
        return;
      }
      const resolve = this.pending.get(data.id);
      this.pending.delete(data.id);
      resolve?.(data);
    };
    const fail = (message: string) => {
      const error = { code: 'start-failed', message: `The journal engine stopped: ${message}` };
      this.failure = error;
      for (const [id, resolve] of this.pending) resolve({ id, ok: false, error });
      this.pending.clear();
    };
    this.worker.onerror = (event) => fail(event.message);
    if (early?.failed !== undefined) fail(early.failed);
  }

  /** Stops the worker (and so releases the journal); pending calls never answer. */
  terminate(): void {
    this.worker.terminate();
    this.pending.clear();
  }

  call<M extends Method>(method: M, ...args: Methods[M]['args']): Promise<Answer<M>> {
    const id = this.nextId++;
    const request: Request<M> = { id, method, args };
    if (this.failure) return Promise.resolve({ ok: false, error: this.failure });
    return new Promise((resolve) => {
      this.pending.set(id, (response) => resolve(response as Answer<M>));
      this.worker.postMessage(request);
    });
  }
}
