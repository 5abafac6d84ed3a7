// The app shell: loads without console errors, sets a CSP, asks for nothing but its own files
// (R18), shows the first screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertNoConsoleErrors, click, launch, newProfile, openApp, removeProfile, screenshot, settle, startServer, state,
  type, waitReady, waitState,
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

    // Requests while loading: only this origin. After loading: none at all, while we use it.
    const origin = new URL(server.url).origin;
    const foreign = browser.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
    assert.deepEqual(foreign, [], 'requests to other origins');
    const before = browser.requests.length;
    await page.mouse.move(300, 300);
    await page.mouse.click(300, 300);
    await page.keyboard.press('Tab');
    await page.waitForTimeout(1500);
    await settle(page);
    assert.deepEqual(browser.requests.slice(before), [], 'requests after loading');

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
    await click(page, 'settings.practice.city');
    await type(page, 'Tampa');
    await click(page, 'settings.practice.save');
    await waitState(page, (s) => s.practice_name === 'Lumen Aesthetics & Laser' && s.storage.save_state === 'saved'
      && !s.storage.unsaved, { message: 'the profile is saved' });

    await page.reload();
    await waitReady(page);
    assert.equal((await state(page)).practice_name, 'Lumen Aesthetics & Laser', 'kept across a reload');
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
