// Browser test harness: serves the built app, drives Debian's Chromium through playwright-core
// with real mouse and keyboard input, reads app state through the exported test hook, records
// console errors and network requests, and saves screenshots into the build folder.
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../../shell/serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '../../..');
export const webRoot = resolve(repoRoot, process.env.NURTURE_WEB_ROOT || 'build/web-release/web');
export const screenshotDir = resolve(repoRoot, process.env.NURTURE_SCREENSHOTS || 'build/e2e-screenshots');

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-renderer-backgrounding', '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
];

/**
 * Serves the built app (or `root`) on a free loopback port. `hits` lists the paths the server
 * was asked for, in order: what really reached the network, service worker or not.
 */
export async function startServer({ root = webRoot } = {}) {
  const hits = [];
  const { server, url } = await serve({ root, port: 0, quiet: true, onRequest: (path) => hits.push(path) });
  // close() alone waits for every open connection, and a socket Chromium opened but never used
  // is only dropped by node's 300 s request timeout: that once stalled a test for four minutes.
  return { url, hits, close: () => new Promise((r) => { server.close(r); server.closeAllConnections(); }) };
}

/** The files the built service worker keeps for offline use (the keys of its FILES list). */
export function precachedFiles(root = webRoot) {
  const text = readFileSync(join(root, 'sw.js'), 'utf8');
  return [...text.matchAll(/^ {2}'([^']+)': '[0-9a-f]{64}',$/gm)].map((m) => m[1]);
}

/** A fresh browser profile folder (IndexedDB lives here); remove with removeProfile. */
export function newProfile() {
  return mkdtempSync(join(tmpdir(), 'nurture-e2e-'));
}
export function removeProfile(dir) {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Launches Chromium on a persistent profile. Returns { context, close, consoleErrors, requests,
 * workerRequests }: requests are the pages' own (also those a service worker answered),
 * workerRequests those the service worker made itself.
 * `hasTouch` emulates a touch screen (page.touchscreen.tap sends real touch events).
 * consoleErrors collects console.error messages and page errors from every page; tests assert
 * it is empty unless they provoke an error on purpose.
 */
export async function launch(profileDir,
  { dpr = 1, width = 1280, height = 800, colorScheme = 'light', hasTouch = false } = {}) {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: process.env.NURTURE_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width, height },
    deviceScaleFactor: dpr,
    hasTouch,
    colorScheme,
    acceptDownloads: true,
  });
  const consoleErrors = [];
  const requests = [];
  const workerRequests = [];
  context.on('request', (req) => { if (req.serviceWorker()) workerRequests.push(req.url()); });
  const watch = (page) => {
    page.on('console', (msg) => { if (msg.type() === 'error') consoleErrors.push(msg.text()); });
    page.on('pageerror', (err) => consoleErrors.push(String(err)));
    page.on('request', (req) => requests.push(req.url()));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return { context, consoleErrors, requests, workerRequests, close: () => context.close() };
}

/** Opens the app in a page (a new one unless given) and waits until it has loaded its data. */
export async function openApp(context, url, { page = null, timeout = 20000, keepWelcome = false } = {}) {
  const p = page || (context.pages().find((x) => x.url() === 'about:blank') ?? (await context.newPage()));
  await p.goto(url);
  await waitReady(p, timeout, { keepWelcome });
  return p;
}

/**
 * Waits until the app has loaded its data. A fresh profile opens on the first-run dialog (demo
 * or empty practice); tests of other features close it for this page load, without choosing,
 * unless `keepWelcome` (tests/e2e/demo.test.mjs).
 */
export async function waitReady(page, timeout = 20000, { keepWelcome = false } = {}) {
  await page.waitForFunction(() => window.nurture && window.nurture.ready === true, null, { timeout });
  if (!keepWelcome) await command(page, { dismiss_welcome: true });
  await settle(page);
}

/** App state from the test hook (see WebHost::test_state_json). */
export async function state(page) {
  return page.evaluate(() => window.nurture.testState());
}

/** Waits until `predicate(state)` holds; returns the state. */
export async function waitState(page, predicate, { timeout = 10000, message = 'state condition' } = {}) {
  const start = Date.now();
  let s;
  for (;;) {
    s = await state(page);
    if (predicate(s)) return s;
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${message}; last state: ${JSON.stringify(s).slice(0, 2000)}`);
    await page.waitForTimeout(50);
  }
}

/**
 * Waits until the file `name` the app keeps in IndexedDB (IDBFS, e.g. 'prefs.json') exists and
 * its text satisfies `predicate`: what a reload will read, rather than a guess at how long the
 * background write takes. Returns the text.
 */
export async function waitStored(page, name, predicate, { timeout = 10000, message = name } = {}) {
  const start = Date.now();
  for (;;) {
    const text = await page.evaluate((key) => new Promise((resolve) => {
      const req = indexedDB.open('/nurture');
      req.onerror = () => resolve(null);
      req.onsuccess = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains('FILE_DATA')) { db.close(); resolve(null); return; }
        const get = db.transaction('FILE_DATA').objectStore('FILE_DATA').get(key);
        get.onerror = () => { db.close(); resolve(null); };
        get.onsuccess = () => {
          db.close();
          const c = get.result && get.result.contents;
          resolve(c ? new TextDecoder().decode(new Uint8Array(c.buffer, c.byteOffset, c.byteLength)) : null);
        };
      };
    }), `/nurture/${name}`);
    if (text !== null && predicate(text)) return text;
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for the stored ${message}; last: ${String(text).slice(0, 500)}`);
    await page.waitForTimeout(50);
  }
}

/** Lets a few animation frames pass so the UI reflects the last input. */
export async function settle(page, frames = 4) {
  await page.evaluate((n) => new Promise((done) => {
    const step = (k) => (k <= 0 ? done() : requestAnimationFrame(() => step(k - 1)));
    step(n);
  }), frames);
}

/** The rectangle of a marked widget in CSS pixels: { x, y, w, h, cx, cy }. */
export async function widget(page, id, { timeout = 5000 } = {}) {
  const s = await waitState(page, (st) => st.widgets && st.widgets[id], { timeout, message: `widget "${id}"` });
  const [x, y, w, h] = s.widgets[id];
  const dpr = s.display.dpr || 1;
  const r = { x: x / dpr, y: y / dpr, w: w / dpr, h: h / dpr };
  return { ...r, cx: r.x + r.w / 2, cy: r.y + r.h / 2 };
}

/**
 * Points the real mouse at (x, y) and lets frames pass before anything is pressed, as a hand on
 * a mouse does. playwright's mouse.click() moves and presses at once, so the app saw the
 * pointer arrive and the button go down in the same frame; ImGui widgets that allow overlap
 * (table column headers) count as hovered only from the frame after the pointer arrived, and
 * such a click was lost.
 */
export async function hover(page, x, y) {
  await page.mouse.move(x, y);
  await settle(page, 2);
}

/** Clicks the centre of a marked widget with the real mouse, then lets frames pass. */
export async function click(page, id) {
  const r = await widget(page, id);
  await hover(page, r.cx, r.cy);
  await page.mouse.click(r.cx, r.cy);
  await settle(page);
  return r;
}

/**
 * Taps the centre of a marked widget with a real touch (the page must be launched with
 * hasTouch): touchstart/touchend, then the browser's own mouse events for the tap, all at once
 * with no hover before, as a finger does. Then lets frames pass.
 */
export async function tap(page, id) {
  const r = await widget(page, id);
  await page.touchscreen.tap(r.cx, r.cy);
  await settle(page, 6);
  return r;
}

/** Double-clicks the centre of a marked widget with the real mouse (two presses, as a user). */
export async function doubleClick(page, id) {
  const r = await widget(page, id);
  await hover(page, r.cx, r.cy);
  await page.mouse.dblclick(r.cx, r.cy);
  await settle(page);
  return r;
}

/** Scrolls the page body with the wheel until widget `id` is fully in view, then clicks it. */
export async function reveal(page, id) {
  for (let i = 0; i < 40; i += 1) {
    const r = await widget(page, id);
    const vh = await page.evaluate(() => window.innerHeight);
    if (r.y >= 100 && r.y + r.h <= vh - 50) return r;
    await page.mouse.move(700, vh / 2);
    await page.mouse.wheel(0, r.y < 100 ? -100 : 100);
    await settle(page, 3);
  }
  throw new Error(`could not scroll ${id} into view`);
}
export async function clickVisible(page, id) {
  await reveal(page, id);
  return click(page, id);
}

/** Types text with real key events (ImGui receives keydown/keypress). */
export async function type(page, text) {
  await page.keyboard.type(text, { delay: 5 });
  await settle(page);
}

/** Saves a screenshot into build/e2e-screenshots/NAME.png and returns its path. */
export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await settle(page);
  const file = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Fails with the collected console errors, if any. */
export function assertNoConsoleErrors(assert, consoleErrors, allow = []) {
  const real = consoleErrors.filter((m) => !allow.some((re) => re.test(m)));
  assert.deepEqual(real, [], `console errors:\n${real.join('\n')}`);
}

/**
 * TEST-ONLY app command through the exported nurture_test_command (see
 * web/platform/storage_test_hooks.cpp): { set_practice_name }, { undo }, { restore_backup },
 * { take_over }, { save_now }, { request_persistence }. Returns the parsed result.
 */
export async function command(page, cmd) {
  const result = await page.evaluate((json) => {
    const ptr = window.Module.ccall('nurture_test_command', 'number', ['string'], [json]);
    return window.Module.UTF8ToString(ptr);
  }, JSON.stringify(cmd));
  await settle(page);
  return JSON.parse(result);
}

/**
 * Kills the Chromium started on `profileDir` with SIGKILL: no unload handlers, no orderly
 * shutdown. Finds the browser's main process by its unique --user-data-dir argument and kills
 * that one process id (its renderers die with it). Then lets playwright notice.
 */
export async function killBrowser(browser, profileDir) {
  const { execFileSync } = await import('node:child_process');
  const lines = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n');
  const main = lines.filter((l) => l.includes(`--user-data-dir=${profileDir}`) && !l.includes('--type='));
  if (main.length !== 1) throw new Error(`expected one browser process for ${profileDir}, found ${main.length}`);
  process.kill(Number(main[0].trim().split(/\s+/)[0]), 'SIGKILL');
  await Promise.race([browser.close().catch(() => {}), new Promise((r) => setTimeout(r, 3000))]);
}

/** The platform's command modifier for shortcuts: Cmd on macOS, Ctrl elsewhere. */
export const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

/** Presses a key or chord ("Enter", `${mod}+Z`) with the real keyboard, then lets frames pass. */
export async function press(page, key) {
  await page.keyboard.press(key);
  await settle(page);
}

/**
 * Runs `action` (a click or key press that opens the app's file chooser) and returns the chooser.
 * Waiting for Playwright's 'filechooser' event turns on its interception of file choosers, but
 * with a message it does not wait for: a key press sent at once can reach the page first, and
 * headless Chromium then opens a real chooser and cancels it at once (the input's 'cancel'
 * event; the test waits in vain). Seen with the CPU throttled and on a loaded machine. So the
 * wait starts, two animation frames pass (round trips through the page, behind the
 * interception), and only then the action runs.
 */
export async function fileChooser(page, action, { timeout = 10000 } = {}) {
  const chosen = page.waitForEvent('filechooser', { timeout });
  await settle(page, 2);
  const [chooser] = await Promise.all([chosen, action()]);
  return chooser;
}

/** Replaces the text of a marked field: click, select all, type (or clear when `text` is ''). */
export async function retype(page, id, text) {
  await click(page, id);
  await press(page, `${mod}+A`);
  if (text === '') await press(page, 'Backspace');
  else await type(page, text);
}

/**
 * Launches a fresh profile, opens the app at `url`, runs `body(page, browser)`, fails on console
 * errors not matched by `allowed`, and always closes the browser and removes the profile.
 * `options` are launch()'s, plus `init` (a script run before the app), `clipboard` (grant
 * clipboard access), `ready` (wait until storage is ready before the body) and `keepWelcome`
 * (leave the first-run dialog open).
 */
export async function withPage(url, options, body, allowed = []) {
  const { default: assert } = await import('node:assert/strict');
  const profile = newProfile();
  const browser = await launch(profile, options);
  try {
    if (options.init) await browser.context.addInitScript(options.init);
    if (options.clipboard) {
      await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
    }
    const page = await openApp(browser.context, url, { keepWelcome: options.keepWelcome });
    if (options.ready) await waitState(page, (s) => s.storage.mode === 'ready');
    await body(page, browser);
    assertNoConsoleErrors(assert, browser.consoleErrors, allowed);
  } finally {
    await browser.close();
    removeProfile(profile);
  }
}
