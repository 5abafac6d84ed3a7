// The app shell: loads without console errors, sets a CSP, asks for nothing but its own files
// (R18), shows the first screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertNoConsoleErrors, launch, newProfile, openApp, removeProfile, screenshot, startServer, state, settle,
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
    assertNoConsoleErrors(assert, browser.consoleErrors, [/Content Security Policy/]);
  } finally {
    await browser.close();
    await server.close();
    removeProfile(profile);
  }
});
