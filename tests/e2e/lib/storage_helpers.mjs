// Helpers for the persistence browser tests: a shared browser with one origin per test, edits
// through the TEST-ONLY nurture_test_command export, and direct IndexedDB access and fault
// injection for checking what is really stored.
import { after } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertNoConsoleErrors, click, command, killBrowser, launch, newProfile, openApp, removeProfile, startServer, waitReady,
  settle, waitState,
} from './harness.mjs';

// The shell's CSP meta tag makes Chromium log this once per load; it is not ours to fix here.
export const ALLOWED = [/Content Security Policy directive 'frame-ancestors'/];

export const saved = (s) => s.storage.save_state === 'saved' && !s.storage.unsaved;

// One browser for the suite: each test serves the app on its own port, which is its own origin
// and so its own IndexedDB, lock and broadcast channel. Tests that kill the browser get their own.
let shared = null;
after(async () => {
  if (!shared) return;
  await shared.browser.close();
  removeProfile(shared.profile);
});

/** Runs `fn(ctx)` against a fresh origin; fails on console errors beyond ALLOWED and `allowed`. */
export async function withApp(fn, { ownBrowser = false, allowed = [] } = {}) {
  const server = await startServer();
  let profile;
  let browser;
  if (ownBrowser) {
    profile = newProfile();
    browser = await launch(profile);
  } else {
    if (!shared) {
      const dir = newProfile();
      shared = { profile: dir, browser: await launch(dir) };
    }
    ({ profile, browser } = shared);
  }
  const firstError = browser.consoleErrors.length;
  const pagesBefore = new Set(browser.context.pages());
  const ctx = {
    server,
    get browser() { return browser; },
    errors: [],
    // Kills the browser (SIGKILL, no unload handlers) and reopens the app on the same profile.
    async killAndReopen() {
      ctx.errors.push(...browser.consoleErrors.slice(firstError));
      await killBrowser(browser, profile);
      browser = await launch(profile);
      return openApp(browser.context, server.url);
    },
  };
  try {
    await fn(ctx);
    assertNoConsoleErrors(assert, [...ctx.errors, ...browser.consoleErrors.slice(firstError)], [...ALLOWED, ...allowed]);
  } finally {
    if (ownBrowser) {
      await browser.close().catch(() => {});
      removeProfile(profile);
    } else {
      for (const p of browser.context.pages()) {
        if (pagesBefore.has(p)) await p.goto('about:blank').catch(() => {});
        else await p.close({ runBeforeUnload: false }).catch(() => {});
      }
    }
    await server.close();
  }
}

/**
 * Opens the app in `context`, loads the demo practice from the welcome dialog, waits until it is
 * saved and goes to the Leads page. Returns the page.
 */
export async function openSavedDemoOnLeads(context, url) {
  const page = await openApp(context, url, { keepWelcome: true });
  await click(page, 'welcome.demo');
  // The demo is built over a few frames (DemoJob); the storage notices it the frame after.
  await waitState(page, (st) => st.workspace.leads === 2000, { message: 'the demo practice', timeout: 30000 });
  await settle(page);
  await waitState(page, (s) => s.workspace.leads === 2000 && saved(s), { message: 'the demo saved', timeout: 30000 });
  await click(page, 'nav.leads');
  await waitState(page, (s) => s.page === 'leads', { message: 'the Leads page' });
  return page;
}

export async function edit(page, name) {
  const r = await command(page, { set_practice_name: name });
  assert.equal(r.ok, true, `edit "${name}" refused: ${r.message}`);
}

export async function editAndSave(page, name) {
  await edit(page, name);
  return waitState(page, (s) => saved(s) && s.practice_name === name, { message: `"${name}" saved` });
}

export async function reload(page) {
  await page.reload();
  await waitReady(page);
}

export const stats = (page) => page.evaluate(() => ({ ...window.nurture.storage.stats }));

/** Keys and byte lengths of the IDBFS database, read directly from IndexedDB. */
export function storedFiles(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const req = indexedDB.open('/nurture');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const out = {};
      const cursor = db.transaction('FILE_DATA').objectStore('FILE_DATA').openCursor();
      cursor.onsuccess = () => {
        const c = cursor.result;
        if (!c) { db.close(); resolve(out); return; }
        out[String(c.key).replace('/nurture/', '')] = c.value.contents ? c.value.contents.length : -1;
        c.continue();
      };
    };
  }));
}

/** The snapshot slot the head file in memory names as the latest save (save_plan.hpp). */
export const latestSlot = (page) => page.evaluate(() => {
  const FS = window.Module.FS;
  return FS.analyzePath('/nurture/workspace.head').exists
    ? FS.readFile('/nurture/workspace.head', { encoding: 'utf8' }) : 'workspace.snap';
});

/** A matcher for truncateStored: the stored key of file `name`. */
export const storedKey = (name) => new Function('key', `return key === '/nurture/${name}';`);

/** From now on, records the key and byte length of every IndexedDB put in window.__puts. */
export const recordPuts = (page) => page.evaluate(() => {
  window.__realPut = window.__realPut || IDBObjectStore.prototype.put;
  window.__puts = [];
  IDBObjectStore.prototype.put = function (value, key) {
    window.__puts.push({ key: String(key), bytes: value && value.contents ? value.contents.length : 0 });
    return window.__realPut.call(this, value, key);
  };
});
/** The keys put since recordPuts. */
export const recordedPuts = (page) => page.evaluate(() => window.__puts.map((p) => p.key));
/** The keys and byte lengths put since recordPuts. */
export const recordedPutSizes = (page) => page.evaluate(() => window.__puts.slice());

/** The part files (snapshot_parts.hpp) the stored manifest `name` lists, read from memory. */
export const manifestParts = (page, name) => page.evaluate((n) => window.Module.FS.readFile(`/nurture/${n}`,
  { encoding: 'utf8' }).split('\n').filter((line) => line.startsWith('part-')), name);

/** Truncates, directly in IndexedDB, every stored file whose key matches. */
export function truncateStored(page, match) {
  return page.evaluate((source) => new Promise((resolve, reject) => {
    const matches = new Function(`return (${source})`)();
    const req = indexedDB.open('/nurture');
    req.onsuccess = () => {
      const tx = req.result.transaction('FILE_DATA', 'readwrite');
      const store = tx.objectStore('FILE_DATA');
      store.openCursor().onsuccess = (e) => {
        const c = e.target.result;
        if (!c) return;
        if (matches(String(c.key)) && c.value.contents) {
          const entry = c.value;
          entry.contents = entry.contents.slice(0, Math.floor(entry.contents.length / 2));
          c.update(entry);
        }
        c.continue();
      };
      tx.oncomplete = () => { req.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), match.toString());
}

/** Makes every IndexedDB put throw `name` until undone by restorePut. */
export function failPuts(page, name) {
  return page.evaluate((errorName) => {
    window.__realPut = window.__realPut || IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () { throw new DOMException(`injected ${errorName}`, errorName); };
  }, name);
}
export const restorePut = (page) => page.evaluate(() => { IDBObjectStore.prototype.put = window.__realPut; });
