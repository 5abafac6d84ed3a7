// The app shell: loads without console errors, sets a CSP, asks for nothing but its own files
// (R18), shows the first screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertNoConsoleErrors, click, launch, newProfile, openApp, precachedFiles, removeProfile, screenshot, settle,
  startServer, state,
  type, waitReady, waitState, command,
} from './lib/harness.mjs';

test('the app loads, sets a CSP and makes no request beyond its own files', async () => {
  const server = await startServer();
  const profile = newProfile();
  const browser = await launch(profile);
  try {
    const page = await openApp(browser.context, server.url);
    const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content);
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /connect-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);

    const s = await state(page);
    assert.equal(s.ready, true);
    assert.ok(s.frames_drawn > 0, 'a frame was drawn');
    // Inter is loaded and draws Latin Extended, Greek, Cyrillic and the symbols practices use.
    assert.equal(s.fonts.inter, true, 'Inter loaded');
    assert.equal(s.fonts.missing_glyphs, '', 'characters without a glyph');

    // Requests while loading: only this origin. After loading, the service worker stores the
    // app's own files for offline use (and nothing else); once it is active, no request at
    // all while we use the app, from the page or from the worker.
    const origin = new URL(server.url).origin;
    await page.waitForFunction(() => window.nurture.offline.state === 'ready', null, { timeout: 20000 });
    const all = [...browser.requests, ...browser.workerRequests];
    const foreign = all.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
    assert.deepEqual(foreign, [], 'requests to other origins');
    const own = new Set([...precachedFiles(), 'sw.js']);
    const workerFetched = browser.workerRequests.map((u) => new URL(u).pathname.slice(1));
    assert.deepEqual(workerFetched.filter((f) => !own.has(f)), [], 'the worker fetched only the app\'s files');
    assert.equal(new Set(workerFetched).size, workerFetched.length, 'each of them once');
    assert.ok(workerFetched.includes('index.wasm'), `the worker stored the app: ${workerFetched.join(', ')}`);
    const before = browser.requests.length;
    const beforeWorker = browser.workerRequests.length;
    const beforeServer = server.hits.length;
    await page.mouse.move(300, 300);
    await page.mouse.click(300, 300);
    await page.keyboard.press('Tab');
    await page.waitForTimeout(1500);
    await settle(page);
    assert.deepEqual(browser.requests.slice(before), [], 'requests after loading');
    assert.deepEqual(browser.workerRequests.slice(beforeWorker), [], 'worker requests after loading');
    assert.deepEqual(server.hits.slice(beforeServer), [], 'nothing reached the server after loading');

    // The CSP is enforced, not decorative: an inline script does not run.
    const inlineRan = await page.evaluate(() => {
      window.__inline = false;
      const s = document.createElement('script');
      s.textContent = 'window.__inline = true';
      document.body.appendChild(s);
      return window.__inline;
    });
    assert.equal(inlineRan, false, 'inline script blocked by CSP');
    await screenshot(page, 'shell-first-screen');
    // The one console error expected is the CSP refusing the inline script above.
    assertNoConsoleErrors(assert, browser.consoleErrors, [/inline script violates the following Content Security Policy/]);
  } finally {
    await browser.close();
    await server.close();
    removeProfile(profile);
  }
});

test('what the user types in Settings survives a reload and a browser restart', async () => {
  const server = await startServer();
  const profile = newProfile();
  let browser = await launch(profile);
  try {
    let page = await openApp(browser.context, server.url);
    await waitState(page, (s) => s.storage.mode === 'ready', { message: 'storage ready' });
    await click(page, 'nav.settings');
    await click(page, 'settings.practice.name');
    await type(page, 'Lumen Aesthetics & Laser');
    // Composed text (what an input method, a dead key or an on-screen keyboard produces, and
    // what playwright sends for non-ASCII) arrives through the page's text bridge.
    await click(page, 'settings.practice.city');
    await type(page, 'Łódź Ñ Αθήνα Москва');
    await waitState(page, (st) => st.practice_draft.city === 'Łódź Ñ Αθήνα Москва', { message: 'composed text typed' });
    await click(page, 'settings.practice.save');
    await waitState(page, (s) => s.practice_name === 'Lumen Aesthetics & Laser' && s.storage.save_state === 'saved'
      && !s.storage.unsaved, { message: 'the profile is saved' });

    await page.reload();
    await waitReady(page);
    assert.equal((await state(page)).practice_name, 'Lumen Aesthetics & Laser', 'kept across a reload');
    assert.equal((await state(page)).practice_draft.city, 'Łódź Ñ Αθήνα Москва', 'the city too');
    assertNoConsoleErrors(assert, browser.consoleErrors);
    await browser.close();

    browser = await launch(profile);
    page = await openApp(browser.context, server.url);
    const s = await waitState(page, (st) => st.storage.mode === 'ready', { message: 'storage ready after restart' });
    assert.equal(s.practice_name, 'Lumen Aesthetics & Laser', 'kept across a browser restart');
    assert.equal(s.page, 'settings', 'the last page is restored too');
    await screenshot(page, 'settings-after-restart');
    assertNoConsoleErrors(assert, browser.consoleErrors);
  } finally {
    await browser.close();
    await server.close();
    removeProfile(profile);
  }
});

test('errors show the error overlay: an abort, an uncaught exception, a lost WebGL context', async () => {
  const server = await startServer();
  const profile = newProfile();
  const browser = await launch(profile);
  try {
    const overlay = (p) => p.evaluate(() => ({
      visible: !document.getElementById('error').classList.contains('hidden'),
      title: document.getElementById('error-title').textContent,
      text: document.getElementById('error-text').textContent,
    }));

    // A lost GPU context (driver reset): the overlay explains and offers a reload.
    let page = await openApp(browser.context, server.url);
    assert.equal((await overlay(page)).visible, false, 'no overlay while all is well');
    await page.evaluate(() => document.getElementById('canvas').getContext('webgl2').getExtension('WEBGL_lose_context').loseContext());
    await page.waitForFunction(() => !document.getElementById('error').classList.contains('hidden'));
    assert.match((await overlay(page)).title, /display was lost/);
    await screenshot(page, 'error-context-lost');

    // An uncaught exception in page code.
    await page.reload();
    await waitReady(page);
    await page.evaluate(() => setTimeout(() => { throw new Error('boom from a test'); }, 0));
    await page.waitForFunction(() => !document.getElementById('error').classList.contains('hidden'));
    assert.match((await overlay(page)).title, /stopped unexpectedly/);

    // An abort inside the wasm module (what a failed assertion or out-of-memory does).
    await page.reload();
    await waitReady(page);
    await command(page, { abort: true }).catch(() => { /* the module is gone; the call itself throws */ });
    await page.waitForFunction(() => !document.getElementById('error').classList.contains('hidden'));
    const o = await overlay(page);
    assert.match(o.title, /stopped unexpectedly/);
    assert.match(o.text, /Reloading/);
    await page.click('#error-reload');  // the overlay's own button reloads the app
    await waitReady(page);
    assert.equal((await overlay(page)).visible, false, 'the reload brings the app back');

    // Each provoked failure logged one console error; nothing else did.
    const unexpected = browser.consoleErrors.filter((m) => !/Nurture: |boom from a test|abort|RuntimeError|WebGL|CONTEXT_LOST/i.test(m));
    assert.deepEqual(unexpected, []);
  } finally {
    await browser.close();
    await server.close();
    removeProfile(profile);
  }
});
