// Offline install (issue 7, item 6): the web manifest makes the app installable, and the
// service worker (shell/sw.js) keeps every file of the build, so after the first visit the app
// opens with no network at all, with the workspace it had. A new build installs next to the
// running one and waits for the user's Reload, which stores pending changes first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  assertNoConsoleErrors, click, command, launch, newProfile, openApp, precachedFiles, removeProfile, screenshot,
  settle, startServer, state, waitReady, waitState, webRoot,
} from './lib/harness.mjs';

const saved = (s) => s.storage.save_state === 'saved' && !s.storage.unsaved;

/** Waits until a service worker controls the page and has stored its files. */
async function waitControlled(page) {
  await page.waitForFunction(() => window.nurture.offline.state === 'ready' && navigator.serviceWorker.controller,
    null, { timeout: 30000 });
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes) {
  const b = Buffer.from(bytes);
  assert.equal(b.subarray(1, 4).toString('latin1'), 'PNG', 'a PNG file');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

test('after the first visit the app opens offline with its workspace, and can be installed', async () => {
  const server = await startServer();
  const profile = newProfile();
  const browser = await launch(profile);
  let serverOpen = true;
  try {
    const page = await openApp(browser.context, server.url, { keepWelcome: true });
    await click(page, 'welcome.demo');
    // The demo is built over a few frames (DemoJob); the storage notices it the frame after.
    await waitState(page, (st) => st.workspace.leads === 2000, { message: 'the demo practice', timeout: 30000 });
    await settle(page);
    await waitState(page, (s) => s.workspace.leads === 2000 && saved(s), { message: 'the demo saved', timeout: 30000 });
    await click(page, 'nav.leads');
    await waitState(page, (s) => s.page === 'leads', { message: 'the Leads page' });
    await waitControlled(page);

    // The cache holds exactly the build's files, under this build's version.
    const files = precachedFiles();
    const cached = await page.evaluate(async () => {
      const names = await caches.keys();
      const keys = names.length === 1 ? await (await caches.open(names[0])).keys() : [];
      return { names, paths: keys.map((r) => new URL(r.url).pathname.slice(1)).sort() };
    });
    const version = readFileSync(join(webRoot, 'sw.js'), 'utf8').match(/const VERSION = '([0-9a-f]{16})'/)[1];
    assert.deepEqual(cached.names, [`nurture-${version}`]);
    assert.deepEqual(cached.paths, [...files].sort());
    for (const f of ['index.html', 'index.js', 'index.wasm', 'nurture.css', 'manifest.webmanifest', 'icons/icon-512.png']) {
      assert.ok(files.includes(f), `${f} is kept for offline use`);
    }

    // The manifest is served, parses, and its icons are there at the sizes it states.
    const manifest = await page.evaluate(async () => {
      const href = document.querySelector('link[rel="manifest"]').href;
      const response = await fetch(href);
      const json = await response.json();
      const icons = [];
      for (const icon of json.icons) {
        const r = await fetch(new URL(icon.src, href));
        icons.push({ ...icon, status: r.status, type: r.headers.get('content-type'), bytes: [...new Uint8Array(await r.arrayBuffer())].slice(0, 32) });
      }
      return { type: response.headers.get('content-type'), json, icons };
    });
    assert.equal(manifest.type, 'application/manifest+json');
    assert.equal(manifest.json.name, 'Nurture — patient lead nurturing');
    assert.equal(manifest.json.short_name, 'Nurture');
    assert.equal(manifest.json.display, 'standalone');
    assert.equal(manifest.json.start_url, './');
    assert.match(manifest.json.background_color, /^#[0-9a-f]{6}$/);
    const sizes = manifest.icons.map((i) => i.sizes);
    assert.ok(sizes.includes('192x192') && sizes.includes('512x512') && sizes.includes('any'), sizes.join(', '));
    for (const icon of manifest.icons) {
      assert.equal(icon.status, 200, icon.src);
      assert.equal(icon.type, icon.type === 'image/svg+xml' ? 'image/svg+xml' : 'image/png', icon.src);
      if (icon.sizes !== 'any') assert.equal(pngSize(icon.bytes).join('x'), icon.sizes, icon.src);
      assert.ok(files.includes(icon.src), `${icon.src} is kept for offline use`);
    }
    // Chromium's own verdict: the manifest parses and nothing stands in the way of installing.
    const cdp = await browser.context.newCDPSession(page);
    const parsed = await cdp.send('Page.getAppManifest');
    assert.deepEqual(parsed.errors, [], 'manifest errors');
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, [], 'installability errors');

    // No network at all: the browser is offline and the server is gone.
    await browser.context.setOffline(true);
    await server.close();
    serverOpen = false;
    const failed = [];
    page.on('requestfailed', (r) => failed.push(r.url()));
    await page.reload();
    await waitReady(page, 30000);
    let s = await state(page);
    assert.equal(s.workspace.leads, 2000, 'the workspace it had');
    assert.equal(s.page, 'leads', 'on the page it was on');
    assert.equal(s.practice_name, 'Lumen Aesthetics & Laser');
    assert.equal(s.storage.mode, 'ready');
    assert.deepEqual(failed, [], 'requests that failed offline');

    // A new window later, still offline, opens the app too.
    await page.close();
    const again = await openApp(browser.context, server.url, { page: await browser.context.newPage(), timeout: 30000 });
    s = await waitState(again, (st) => st.storage.mode === 'ready', { message: 'the writer again' });
    assert.equal(s.workspace.leads, 2000);
    await screenshot(again, 'offline-opened-without-network');
    assertNoConsoleErrors(assert, browser.consoleErrors, [/Content Security Policy directive 'frame-ancestors'/]);
  } finally {
    await browser.close();
    if (serverOpen) await server.close();
    removeProfile(profile);
  }
});

test('a new build waits for the user: the banner\'s Reload stores the pending change, then updates', async () => {
  // A copy of the build, so a "new build" can be made by changing its service worker.
  const root = newProfile();
  cpSync(webRoot, root, { recursive: true });
  const server = await startServer({ root });
  const profile = newProfile();
  const browser = await launch(profile);
  try {
    const page = await openApp(browser.context, server.url);
    await waitState(page, (s) => s.storage.mode === 'ready', { message: 'storage ready' });
    await waitControlled(page);
    const oldCaches = await page.evaluate(() => caches.keys());
    assert.equal(oldCaches.length, 1);

    // Deploy a new version (a different worker is a new build to the browser) and let the
    // browser find it, as it does on its own at the next visit.
    const sw = readFileSync(join(root, 'sw.js'), 'utf8');
    writeFileSync(join(root, 'sw.js'), sw.replace(/const VERSION = '[0-9a-f]{16}'/, "const VERSION = 'feedfacefeedface'"));
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    await page.waitForFunction(() => window.nurture.offline.updateReady === true, null, { timeout: 30000 });
    assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById('update')).display), 'flex');
    assert.match(await page.textContent('#update'), /A new version of Nurture is ready\.\s*Reload/);
    await screenshot(page, 'update-ready-banner');

    // The app keeps working under the banner, and nothing reloads by itself.
    await page.evaluate(() => { window.__samePage = true; });
    assert.equal((await command(page, { set_practice_name: 'Edited while an update waits' })).ok, true);
    await waitState(page, (s) => saved(s), { message: 'saved' });
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => window.__samePage), true, 'no reload by itself');

    // An edit still pending when Reload is clicked (no frame runs in between) is stored first;
    // otherwise the leave-page guard would stop the reload (and the edit would be lost).
    const navigated = page.waitForNavigation({ timeout: 20000 });
    await page.evaluate(() => {
      const ptr = window.Module.ccall('nurture_test_command', 'number', ['string'],
        [JSON.stringify({ set_practice_name: 'Pending when Reload was clicked' })]);
      if (!JSON.parse(window.Module.UTF8ToString(ptr)).ok) throw new Error('edit refused');
      document.getElementById('update-reload').click();
    });
    await navigated;
    await waitReady(page);
    const s = await state(page);
    assert.equal(s.practice_name, 'Pending when Reload was clicked');
    assert.equal(await page.evaluate(() => window.__samePage), undefined, 'a fresh page');
    await waitControlled(page);
    assert.deepEqual(await page.evaluate(() => caches.keys()), ['nurture-feedfacefeedface'], 'the old cache is gone');
    assert.equal(await page.evaluate(() => window.nurture.offline.updateReady), false, 'no banner after updating');
    assertNoConsoleErrors(assert, browser.consoleErrors, [/Content Security Policy directive 'frame-ancestors'/]);
  } finally {
    await browser.close();
    await server.close();
    removeProfile(profile);
    removeProfile(root);
  }
});
