// todoke's service worker: keeps the app shell (index.html and Trunk's hashed wasm, js and css: the
// lazily loaded screens' stylesheets too), the modules of the doctors' and veterinarians' screens and
// of a session's outbox (app/src/lazy.rs, groups `filing`, `filing_later` and `sync`) and every family of
// notification forms (`forms_*`) in a versioned cache so that the app starts, a doctor files any form
// and corrects and the outbox syncs with no network; the
// other lazily loaded modules once fetched.
// The API is never cached: drafts and the outbox live encrypted in IndexedDB, not here. A new version
// waits until the user chooses to update (the app shows a banner), so code is never swapped under a
// half-filled form.
//
// scripts/sw-precache.sh (a Trunk post_build hook) fills in the version and the file lists below
// from the files Trunk just built; the placeholders are never served as they are.
const VERSION = '__TODOKE_VERSION__';
const PRECACHE = __TODOKE_PRECACHE__;
// Precached once PRECACHE is: the modules of the filers' screens off the filing path (a notification's
// detail, its correction, a veterinarian's), of the help guide's screen, of the homes' notices and of the
// families of forms other than the filing path's, the stylesheets only the other roles' screens use and
// the English of the app's texts (i18n/en.txt), so that they do not hold up the filing path's.
const PRECACHE_LATER = __TODOKE_PRECACHE_LATER__;
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
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE).then(() => cache.addAll(PRECACHE_LATER))));
});

// At activation, before taking over, the lazily loaded modules that pages fetched before any worker
// controlled them (a first visit whose login was quicker than the worker's start, a page since gone):
// from the browser's HTTP cache only (hashed names, kept for a year), never from the network, so that
// a doctor's phone never downloads the other roles' screens. A page still open names its own as well
// once this worker controls it (below): its loads may end after this scan.
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((name) => name.startsWith('todoke-shell-') && name !== CACHE).map((name) => caches.delete(name))),
      )
      .then(() => keep(LAZY, { cache: 'only-if-cached', mode: 'same-origin' }))
      .then(() => self.clients.claim()),
  );
});

/**
 * Puts into the cache each of `urls` that is one of the lazily loaded modules this worker keeps (LAZY:
 * the only list of them; a page may name other files, or another version's modules) and that it has
 * not got yet, fetched with `init`. Two callers: the activation, for the modules of pages gone by, and
 * the page it now controls, which names what it loaded before (app/src/offline/worker.rs).
 */
async function keep(urls, init) {
  const cache = await caches.open(CACHE);
  const paths = new Set(urls.map((url) => new URL(url, self.location.href).pathname).filter((path) => LAZY.includes(path)));
  await Promise.all(
    [...paths].map(async (path) => {
      if (await cache.match(path)) return;
      try {
        const response = await fetch(path, init);
        if (response.ok) await cache.put(path, response);
      } catch {
        // Not to be had now (not in the browser's cache, or offline): kept when it is next fetched.
      }
    }),
  );
}

// The app asks for this when the user presses "update" in its banner; a page this worker has just
// taken over names the lazily loaded modules it loaded before (`{ loaded: [url, …] }`): they passed
// this worker by, and the page may go on using them offline. In the default cache mode: the page has
// just loaded them, and being immutable they come from the browser's HTTP cache (from the network only
// if it dropped them).
self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') {
    self.skipWaiting();
  } else if (Array.isArray(event.data?.loaded)) {
    event.waitUntil(keep(event.data.loaded, {}));
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
