// Nurture's service worker: after the first visit the app opens with no network at all.
//
// The build (web/platform/precache.cmake) writes this file into the web folder with the list
// of every file the app needs and each one's SHA-256, and a version derived from them: a new
// build is a new version, so the browser installs it as an update next to the running one.
//
//   - install: fetch every listed file from this origin, check its hash, store them all in a
//     cache named after this version. One file missing or different: the install fails and
//     the version in use stays (never a mix of two builds).
//   - activate: delete the caches of other versions, then control the open pages.
//   - fetch: a listed file comes from the cache (cache first); anything else goes to the
//     network untouched and is never stored. Opening the app's folder ("/") gets index.html.
//   - an update waits until the page asks for it ({type: 'activate-update'}), which the page
//     does when the user chooses Reload in its "new version" banner (shell/offline.js).
/* eslint-env serviceworker */
'use strict';

const VERSION = '@NURTURE_SW_VERSION@';
const FILES = @NURTURE_SW_FILES@;
const PREFIX = 'nurture-';
const CACHE = PREFIX + VERSION;
const SCOPE = new URL(self.registration.scope);

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function precache() {
  const cache = await caches.open(CACHE);
  await Promise.all(Object.keys(FILES).map(async (name) => {
    const url = new URL(name, SCOPE).href;
    // 'reload': straight from the server, not from the HTTP cache, so a file of the previous
    // build cannot slip in under this build's name.
    const response = await fetch(new Request(url, { cache: 'reload', credentials: 'same-origin' }));
    if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
    const hash = hex(await crypto.subtle.digest('SHA-256', await response.clone().arrayBuffer()));
    if (hash !== FILES[name]) throw new Error(`${name} is not the file of this build (another deploy in progress?)`);
    await cache.put(url, response);
  }));
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().catch(async (err) => {
    await caches.delete(CACHE);
    throw err;
  }));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'activate-update') self.skipWaiting();
});

/** The listed file a request asks for, or null. */
function listedName(request) {
  if (request.method !== 'GET') return null;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return null;
  let name = url.pathname.slice(SCOPE.pathname.length);
  if (name === '' && request.mode === 'navigate') name = 'index.html';
  return Object.prototype.hasOwnProperty.call(FILES, name) ? name : null;
}

self.addEventListener('fetch', (event) => {
  const name = listedName(event.request);
  if (name === null) return;  // not ours to answer: the browser fetches it as if we were not here
  event.respondWith((async () => {
    const cached = await caches.match(new URL(name, SCOPE).href, { cacheName: CACHE });
    return cached || fetch(event.request);
  })());
});
