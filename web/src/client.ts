// The page's side of the RPC (rpc.ts): each call posts a Request with a new
// id and resolves with the worker's Response of that id. Errors are values:
// a call never rejects, it answers { ok: false, error }.
import type { CoreError, Method, Methods, Notice, Request, Response } from './rpc';

export type Answer<M extends Method> =
  | { ok: true; result: Methods[M]['result']; saved: boolean }
  | { ok: false; error: CoreError };

// The page's ?storage=idbfs goes on to the worker, which then keeps the
// journal in the IndexedDB fallback instead of OPFS (web/src/worker_storage.ts;
// for tests and for comparing the two).
function withStorageChoice(workerUrl: string): string {
  const storage = new URL(location.href).searchParams.get('storage');
  if (storage === null) return workerUrl;
  const url = new URL(workerUrl, location.href);
  url.searchParams.set('storage', storage);
  return url.href;
}

export class CoreClient {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, (response: Response) => void>();

  constructor(workerUrl: string, onNotice: (notice: Notice) => void) {
    this.worker = new Worker(withStorageChoice(workerUrl), { type: 'module', name: 'unknot-core' });
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
    this.worker.onerror = (event) => {
      const error = { code: 'start-failed', message: `The journal engine stopped: ${event.message}` };
      for (const [id, resolve] of this.pending) resolve({ id, ok: false, error });
      this.pending.clear();
    };
  }

  /** Stops the worker (and so releases the journal); pending calls never answer. */
  terminate(): void {
    this.worker.terminate();
    this.pending.clear();
  }

  call<M extends Method>(method: M, ...args: Methods[M]['args']): Promise<Answer<M>> {
    const id = this.nextId++;
    const request: Request<M> = { id, method, args };
    return new Promise((resolve) => {
      this.pending.set(id, (response) => resolve(response as Answer<M>));
      this.worker.postMessage(request);
    });
  }
}
