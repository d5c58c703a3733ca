// The service worker: precaches the app shell, the bundles and the wasm
// core, then answers them cache-first, so Unknot opens with no network.
// build.mjs writes the list and a build hash; a new build gets a new cache
// name, installs beside the old one and deletes it on activation.
//
// Only GET requests for precached files and page navigations are answered
// here; everything else (health checks, later the sync API) goes to the
// network untouched.

// Set by build.mjs (esbuild `define`).
declare const UNKNOT_BUILD: string;
declare const UNKNOT_PRECACHE: string[];

const sw = self as unknown as ServiceWorkerGlobalScope;
const kCachePrefix = 'unknot-shell-';
const kCacheName = `${kCachePrefix}${UNKNOT_BUILD}`;
const kShellPage = 'index.html';

const precached = new Set(UNKNOT_PRECACHE.map((path) => new URL(path, sw.registration.scope).href));

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(kCacheName);
      // no-cache: revalidate with the server rather than trust the HTTP
      // cache, so a new build never precaches a stale file.
      await cache.addAll([...precached].map((url) => new Request(url, { cache: 'no-cache' })));
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(kCachePrefix) && name !== kCacheName) await caches.delete(name);
      }
      await sw.clients.claim();
    })(),
  );
});

async function cacheFirst(request: Request, key: string): Promise<Response> {
  const cache = await caches.open(kCacheName);
  const hit = await cache.match(key);
  return hit ?? fetch(request);
}

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  url.hash = '';
  if (request.mode === 'navigate' && url.origin === sw.location.origin) {
    event.respondWith(cacheFirst(request, new URL(kShellPage, sw.registration.scope).href));
  } else if (precached.has(url.href)) {
    event.respondWith(cacheFirst(request, url.href));
  }
});

// A reminder's notification (ui/reminders.ts shows it through here on
// Android; a Web Push one is shown below): a tap brings Unknot's window
// forward on Today, or opens it there.
sw.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(
    (async () => {
      const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows[0];
      if (open) {
        await open.focus();
        return;
      }
      await sw.clients.openWindow(new URL('./#today', sw.registration.scope).href);
    })(),
  );
});

// Web Push (reminders with Unknot closed, docs/push.md): the server sends
// `{"title","body","tag","routine_id"}`, encrypted for this browser. The
// tag is the one the open page's own reminder uses, so the two never show
// twice.
sw.addEventListener('push', (event) => {
  let message: { title?: string; body?: string; tag?: string; routine_id?: string } = {};
  try {
    message = (event.data?.json() ?? {}) as typeof message;
  } catch {
    message = { body: event.data?.text() ?? '' };
  }
  event.waitUntil(
    sw.registration.showNotification(message.title ?? 'Unknot', {
      body: message.body ?? '',
      icon: 'icons/icon-192.png',
      ...(message.tag ? { tag: message.tag } : {}),
      data: { routine_id: message.routine_id ?? null },
    }),
  );
});
