// todoke's service worker: keeps the app shell (index.html and Trunk's hashed wasm, js and css) and
// the modules of the doctors' screens (app/src/lazy.rs, group `filing`) in a versioned cache so that
// the app starts, and a doctor files, with no network; the other lazily loaded modules once fetched.
// The API is never cached: drafts and the outbox live encrypted in IndexedDB, not here. A new version
// waits until the user chooses to update (the app shows a banner), so code is never swapped under a
// half-filled form.
//
// scripts/sw-precache.sh (a Trunk post_build hook) fills in the version and the file lists below
// from the files Trunk just built; the placeholders are never served as they are.
const VERSION = '__TODOKE_VERSION__';
const PRECACHE = __TODOKE_PRECACHE__;
// The lazily loaded modules not precached: other roles' screens, which a doctor's phone never downloads.
const LAZY = __TODOKE_LAZY__;
const CACHE = `todoke-shell-${VERSION}`;
const SHELL = '/index.html';

// In the default cache mode: the files with a content hash in their name (Trunk's wasm, js and css, the
// lazily loaded modules) are sent as immutable (server/src/http/web.rs), so those the page already
// loaded (the main wasm, always: the app registers this worker once it runs) come from the browser's
// HTTP cache instead of being downloaded a second time; every other file is sent `no-cache`, so the
// browser asks the server again and the new cache never holds an old version of it.
self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((name) => name.startsWith('todoke-shell-') && name !== CACHE).map((name) => caches.delete(name))),
      )
      .then(keepFetchedBefore)
      .then(() => self.clients.claim()),
  );
});

/**
 * The lazily loaded modules that the page fetched before this worker controlled it (a first visit
 * whose login was quicker than the worker's start): they passed the worker by, but the browser's own
 * cache holds them (hashed names, kept for a year). Copied from there, never from the network, so
 * that the screens already opened also open offline; before the worker takes over, so that a page it
 * controls finds them.
 */
async function keepFetchedBefore() {
  const cache = await caches.open(CACHE);
  await Promise.all(
    LAZY.map(async (path) => {
      if (await cache.match(path)) return;
      try {
        const response = await fetch(path, { cache: 'only-if-cached', mode: 'same-origin' });
        if (response.ok) await cache.put(path, response);
      } catch {
        // Not in the browser's cache: kept when it is first fetched (below).
      }
    }),
  );
}

// The app asks for this when the user presses "update" in its banner.
self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') {
    self.skipWaiting();
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) {
    return; // the network, untouched
  }
  if (request.mode === 'navigate') {
    // Every app route is the same index.html: from the cache, so the app starts offline.
    event.respondWith(caches.match(SHELL, { cacheName: CACHE }).then((cached) => cached ?? fetch(request)));
    return;
  }
  if (url.pathname.startsWith('/lazy/')) {
    // A module of screens loaded when first opened (app/src/lazy.rs; hashed names): the doctors'
    // precached, the others not, so that a doctor's phone never downloads the administrators' screens,
    // but kept the first time they arrive, so that the screen opens offline after one visit.
    event.respondWith(
      caches.open(CACHE).then(async (cache) => {
        const cached = await cache.match(request);
        if (cached) {
          return cached;
        }
        const response = await fetch(request);
        if (response.ok) {
          await cache.put(request, response.clone());
        }
        return response;
      }),
    );
    return;
  }
  // Hashed assets never change under their name; anything not precached goes to the network (a
  // missing hashed file stays a 404, never index.html).
  event.respondWith(caches.match(request, { cacheName: CACHE }).then((cached) => cached ?? fetch(request)));
});
