// The demo practice in a real browser: a fresh profile opens on the first-run dialog; the demo
// loads with real clicks, survives a reload (IndexedDB), and Settings can start over empty
// (with a confirmation) and undo that with Ctrl+Z. Screenshots of the dialog, the Settings
// catalogs and the Content page, light and dark, land in build/e2e-screenshots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertNoConsoleErrors, click, launch, newProfile, openApp, removeProfile, screenshot, settle, startServer,
  state, waitReady, waitState, widget,
} from './lib/harness.mjs';

/** Scrolls the page body until the marked widget is fully on screen, then returns its rect. */
async function scrollTo(page, id) {
  for (let i = 0; i < 60; i++) {
    const s = await state(page);
    const r = await widget(page, id);
    if (r.y >= 60 && r.y + r.h <= s.display.height - 60) return r;
    await page.mouse.move(s.display.width * 0.6, s.display.height * 0.5);
    await page.mouse.wheel(0, r.y < 60 ? -200 : 200);
    await settle(page);
  }
  throw new Error(`could not scroll ${id} into view`);
}

test('first run: explore the demo, keep it across a reload, start over empty, undo', async () => {
  const server = await startServer();
  const profile = newProfile();
  const browser = await launch(profile);
  try {
    const page = await openApp(browser.context, server.url, { keepWelcome: true });
    let s = await waitState(page, (st) => st.welcome === true && st.widgets['welcome.demo'],
      { message: 'the welcome dialog' });
    assert.equal(s.workspace.empty, true);
    assert.ok(s.widgets['welcome.empty'], 'both choices are offered');
    await screenshot(page, 'welcome-light');

    const started = Date.now();
    await click(page, 'welcome.demo');
    s = await waitState(page, (st) => st.workspace.leads === 2000 && st.welcome === false,
      { message: 'the demo practice loaded', timeout: 20000 });
    const took = Date.now() - started;
    assert.ok(s.workspace.events > 40000, `a year of events (${s.workspace.events})`);
    assert.equal(s.workspace.treatments, 12);
    assert.equal(s.workspace.sources, 8);
    assert.ok(s.workspace.content >= 25);
    assert.equal(s.workspace.demo, true);
    assert.equal(s.practice_name, 'Lumen Aesthetics & Laser');
    assert.match(s.notice, /Undo with Ctrl\+Z/);
    assert.ok(s.widgets['banner.demo'], 'the banner says it is a fictional demo');
    assert.ok(took < 10000, `loading the demo took ${took} ms`);
    await waitState(page, (st) => st.storage.save_state === 'saved' && !st.storage.unsaved,
      { message: 'the demo is saved', timeout: 20000 });

    // Settings: the catalogs show the demo's treatments and sources.
    await click(page, 'nav.settings');
    await scrollTo(page, 'settings.treatments.row.botox');
    await screenshot(page, 'settings-treatments-light');
    await scrollTo(page, 'settings.sources.row.google-ads');
    await screenshot(page, 'settings-sources-light');

    // Start over empty: a confirmation that says what goes, then an empty workspace.
    await scrollTo(page, 'settings.demo.empty');
    await click(page, 'settings.demo.empty');
    await waitState(page, (st) => st.widgets['settings.demo.confirm'], { message: 'the confirmation' });
    await screenshot(page, 'settings-start-over-confirm');
    await click(page, 'settings.demo.confirm');
    s = await waitState(page, (st) => st.workspace.leads === 0 && st.workspace.empty,
      { message: 'an empty practice' });
    assert.match(s.notice, /Undo with Ctrl\+Z/);
    assert.equal(s.welcome, false, 'starting over does not ask again');

    // Ctrl+Z brings the demo back.
    await page.keyboard.press('Control+z');
    s = await waitState(page, (st) => st.workspace.leads === 2000, { message: 'the demo is back after undo' });
    assert.equal(s.workspace.demo, true);

    // Content and dark screenshots.
    await click(page, 'nav.content');
    await waitState(page, (st) => st.widgets['content.table'], { message: 'the content library' });
    await screenshot(page, 'content-light');

    // Persisted: the demo is still there after a reload. (Leads, events and catalogs are stored
    // by the workspace JSON v2; with v1 only the profile survives.)
    await waitState(page, (st) => st.storage.save_state === 'saved' && !st.storage.unsaved,
      { message: 'the undo is saved', timeout: 20000 });
    await page.reload();
    await waitReady(page, 20000, { keepWelcome: true });
    s = await waitState(page, (st) => st.storage.mode === 'ready', { message: 'ready after reload' });
    assert.equal(s.workspace.leads, 2000, 'the demo is still there after a reload');
    assert.equal(s.welcome, false, 'no welcome once a practice exists');

    assertNoConsoleErrors(assert, browser.consoleErrors);
  } finally {
    await browser.close();
    await server.close();
    removeProfile(profile);
  }
});

test('dark theme: the welcome dialog, Settings catalogs and the Content page', async () => {
  const server = await startServer();
  const profile = newProfile();
  const browser = await launch(profile, { colorScheme: 'dark' });
  try {
    const page = await openApp(browser.context, server.url, { keepWelcome: true });
    await waitState(page, (st) => st.welcome === true && st.widgets['welcome.demo'], { message: 'the welcome dialog' });
    await screenshot(page, 'welcome-dark');
    // Keyboard only: Tab reaches the first choice, Space takes it.
    await page.focus('#canvas');
    await settle(page);
    await page.keyboard.press('Tab');
    await settle(page);
    await page.keyboard.press('Space');
    await waitState(page, (st) => st.workspace.leads === 2000, { message: 'the demo loaded by keyboard', timeout: 20000 });
    await click(page, 'nav.settings');
    await scrollTo(page, 'settings.treatments.row.botox');
    await screenshot(page, 'settings-treatments-dark');
    await click(page, 'nav.content');
    await waitState(page, (st) => st.widgets['content.table'], { message: 'the content library' });
    await screenshot(page, 'content-dark');
    assertNoConsoleErrors(assert, browser.consoleErrors);
  } finally {
    await browser.close();
    await server.close();
    removeProfile(profile);
  }
});

test('"Start with an empty practice" is remembered across reloads', async () => {
  const server = await startServer();
  const profile = newProfile();
  const browser = await launch(profile);
  try {
    const page = await openApp(browser.context, server.url, { keepWelcome: true });
    await waitState(page, (st) => st.welcome === true && st.widgets['welcome.empty'], { message: 'the welcome dialog' });
    await click(page, 'welcome.empty');
    await waitState(page, (st) => st.welcome === false, { message: 'the dialog closed' });
    await page.waitForTimeout(300);  // the preference is written to IndexedDB
    await page.reload();
    await waitReady(page, 20000, { keepWelcome: true });
    await settle(page, 8);
    const s = await state(page);
    assert.equal(s.welcome, false, 'not asked again');
    assert.equal(s.workspace.empty, true);
    assertNoConsoleErrors(assert, browser.consoleErrors);
  } finally {
    await browser.close();
    await server.close();
    removeProfile(profile);
  }
});
