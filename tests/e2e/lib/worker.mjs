// The app's journal worker driven directly, without the page's UI: for the
// storage tests and the save benchmark. The worker is started from a page of
// the server's origin that is not the app (/healthz), speaks the RPC of
// web/src/rpc.ts, and takes ?storage=idbfs to use the IndexedDB fallback.
import { readdirSync } from 'node:fs';

// The hashed worker bundle in the built app.
export function workerFile(webDir) {
  const name = readdirSync(webDir).find((f) => /^worker-[A-Za-z0-9]+\.js$/.test(f));
  if (!name) throw new Error(`no worker-*.js in ${webDir}`);
  return name;
}

// Starts the worker in `page` (navigating it to /healthz first) with
// `storage` ('opfs' or 'idbfs'); answers once the journal is open, with the
// worker's answer to `open`.
export async function startWorker(page, server, storage) {
  await page.goto(new URL('healthz', server.url).href);
  const url = `/${workerFile(server.webDir)}${storage === 'idbfs' ? '?storage=idbfs' : ''}`;
  await page.evaluate((workerUrl) => {
    const worker = new Worker(workerUrl, { type: 'module' });
    const pending = new Map();
    let nextId = 1;
    worker.onmessage = (event) => {
      const resolve = pending.get(event.data.id);
      pending.delete(event.data.id);
      resolve?.(event.data);
    };
    window.unknotWorker = {
      call(method, args) {
        const id = nextId++;
        return new Promise((resolve) => {
          pending.set(id, resolve);
          worker.postMessage({ id, method, args });
        });
      },
      // Times one call from the page: post to answer.
      async timed(method, args) {
        const start = performance.now();
        const answer = await this.call(method, args);
        return { answer, ms: performance.now() - start };
      },
      terminate: () => worker.terminate(),
    };
  }, url);
  return callWorker(page, 'open');
}

export function callWorker(page, method, ...args) {
  return page.evaluate(([m, a]) => window.unknotWorker.call(m, a), [method, args]);
}

export function timeWorkerCall(page, method, ...args) {
  return page.evaluate(([m, a]) => window.unknotWorker.timed(m, a), [method, args]);
}

export async function stopWorker(page) {
  await page.evaluate(() => window.unknotWorker.terminate());
}

// What the page can see of the app's storage: the file names in the OPFS
// folder "unknot", and the paths kept in IDBFS's IndexedDB database.
export async function storedFiles(page) {
  return page.evaluate(async () => {
    const opfs = [];
    try {
      const root = await navigator.storage.getDirectory();
      const folder = await root.getDirectoryHandle('unknot');
      for await (const name of folder.keys()) opfs.push(name);
    } catch {
      // no folder: nothing in OPFS
    }
    const databases = await indexedDB.databases();
    const idbfs = !databases.some((d) => d.name === '/journal') ? [] : await new Promise((resolve, reject) => {
      const request = indexedDB.open('/journal');
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains('FILE_DATA')) {
          db.close();
          resolve([]);
          return;
        }
        const keys = db.transaction('FILE_DATA').objectStore('FILE_DATA').getAllKeys();
        keys.onsuccess = () => {
          db.close();
          resolve(keys.result.map(String));
        };
        keys.onerror = () => reject(keys.error);
      };
    });
    return { opfs: opfs.sort(), idbfs: idbfs.sort() };
  });
}
