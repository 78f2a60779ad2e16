/* 友好 service worker: keeps what the pages used so the entry pass, the gate scanner and a
 * compound's map open without a network, and costs a rider on a mobile plan nothing beyond the
 * pages they opened. The build prepends VERSION, SHELL (index.html, the favicon and the entry chunk
 * with its static imports and CSS), ASSETS (every built file) and GATE_PAGE (/m.html, the light
 * page of /m and /m/CODE, whose code is inside it); see vite.config.ts. A new build means a new
 * worker and a fresh cache. The API is never cached (the map page keeps its own copy of a map).
 *
 * - install: the app's shell, unless only gate pages are open (a poster scan fetches no app).
 * - fetch: hashed assets cache-first and kept; the gate page network-first, kept as GATE_PAGE and
 *   served from there offline; other pages network-first with the cached shell offline; other
 *   same-origin files (base-map tiles) network-first and kept.
 * - message {type: 'used', urls}: the page names the files it loaded before this worker controlled
 *   it (the gate page names itself); they are kept, then the page is claimed (so "controlled" means
 *   "reloads offline"). On Wi-Fi (or, where the browser does not tell the link type, an
 *   unmetered-looking 4g link without Data Saver) the rest of the app is fetched afterwards in the
 *   background. See web/README.md.
 */
/* global VERSION, SHELL, ASSETS, GATE_PAGE */

const CACHE = `youhao-shell-${VERSION}`;

/** The light gate page's paths: /m and /m/CODE (not /m.html itself, nor a file under /m/). */
function isGatePath(pathname) {
  return pathname === '/m' || (pathname.startsWith('/m/') && !pathname.slice(3).includes('.'));
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const gateOnly = windows.length > 0 && windows.every((client) => isGatePath(new URL(client.url).pathname));
      await (await caches.open(CACHE)).addAll(gateOnly ? [] : SHELL);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((names) => Promise.all(names.filter((n) => n.startsWith('youhao-shell-') && n !== CACHE).map((n) => caches.delete(n)))),
  );
});

/** Whether fetching the whole app in the background is cheap for this phone. */
function generousLink() {
  const link = self.navigator.connection;
  if (!link) return false;
  if (link.saveData) return false;
  if (link.type === 'wifi' || link.type === 'ethernet') return true;
  if (link.type && link.type !== 'unknown') return false; // cellular, bluetooth, wimax, none…
  return link.effectiveType === '4g';
}

/**
 * Keeps the gate page shown at `url` as GATE_PAGE. The browser has it already: fetched again, it
 * is revalidated (a 304 of a few hundred bytes), not downloaded twice.
 */
async function keepGatePage(url) {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (response.ok) await (await caches.open(CACHE)).put(GATE_PAGE, response);
}

/** Keeps `urls` (same-origin, cacheable) that are not kept yet; a failure skips that file. */
async function keep(urls) {
  const cache = await caches.open(CACHE);
  await Promise.allSettled(
    urls.map(async (url) => {
      if (await cache.match(url)) return;
      const response = await fetch(url, { credentials: 'same-origin' });
      if (response.ok) await cache.put(url, response);
    }),
  );
}

/** Files a page names that are kept: the built files, and the base map's tiles it showed (still in the HTTP cache). */
function cacheable(url) {
  return url.origin === self.location.origin && (url.pathname.startsWith('/assets/') || url.pathname.startsWith('/tiles/'));
}

self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'used' || !Array.isArray(data.urls)) return;
  const urls = [];
  const pages = [];
  for (const raw of data.urls.slice(0, 200)) {
    try {
      const url = new URL(String(raw), self.location.origin);
      if (cacheable(url)) urls.push(url.pathname);
      else if (url.origin === self.location.origin && isGatePath(url.pathname)) pages.push(url.pathname + url.search);
    } catch {
      // not a URL: ignored
    }
  }
  event.waitUntil(
    Promise.allSettled([keep(urls), ...pages.slice(0, 1).map(keepGatePage)])
      .then(() => self.clients.claim())
      .then(() => (generousLink() ? keep(ASSETS) : undefined)),
  );
});

function kept(request, response) {
  if (response.ok && response.type === 'basic') {
    const copy = response.clone();
    caches.open(CACHE).then((cache) => cache.put(request, copy));
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname === '/healthz' || url.pathname === '/metrics' || url.pathname === '/sw.js') return;
  if (url.pathname.startsWith('/assets/')) {
    // Hashed file names never change: cache first, and keep what was fetched.
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request).then((response) => kept(request, response))));
    return;
  }
  if (request.mode === 'navigate' && isGatePath(url.pathname)) {
    // The gate page: the network when there is one (kept for next time), the kept copy otherwise.
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(GATE_PAGE, copy));
          }
          return response;
        })
        .catch(() => caches.match(GATE_PAGE)),
    );
    return;
  }
  if (request.mode === 'navigate') {
    // Pages: the network when there is one (fresh index.html), the cached shell otherwise.
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put('/', copy));
          }
          return response;
        })
        .catch(() => caches.match('/')),
    );
    return;
  }
  event.respondWith(
    fetch(request)
      .then((response) => kept(request, response))
      .catch(() => caches.match(request)),
  );
});
