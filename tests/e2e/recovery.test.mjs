// Recovery from a lost display (CHECKLISTS U9): when the browser takes the WebGL context away,
// the page stops drawing, stores any pending change, and only then says the work is saved; its
// Reload button works from the keyboard and brings back the exact state. When the change cannot
// be stored, the overlay says so instead, and the next load says which save it opened.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertNoConsoleErrors, click, command, launch, newProfile, openApp, removeProfile, screenshot, startServer, state, waitReady,
  settle, waitState,
} from './lib/harness.mjs';
import { failPuts } from './lib/storage_helpers.mjs';

const saved = (s) => s.storage.save_state === 'saved' && !s.storage.unsaved;
// Losing the context on purpose makes Chromium log WebGL warnings; nothing else may appear.
const ALLOWED = [/WebGL|CONTEXT_LOST/, /Content Security Policy directive 'frame-ancestors'/];

/**
 * Makes an edit and loses the WebGL context in one go: no app frame runs between, so no save
 * has started (saves start from a frame or a flush). Returns the storage writes before.
 */
function editThenLoseDisplay(page, name) {
  return page.evaluate((practiceName) => {
    const writes = window.nurture.storage.stats.writes;
    const ptr = window.Module.ccall('nurture_test_command', 'number', ['string'],
      [JSON.stringify({ set_practice_name: practiceName })]);
    if (!JSON.parse(window.Module.UTF8ToString(ptr)).ok) throw new Error('edit refused');
    document.getElementById('canvas').getContext('webgl2').getExtension('WEBGL_lose_context').loseContext();
    return writes;
  }, name);
}

const overlay = (page) => page.evaluate(() => ({
  visible: !document.getElementById('error').classList.contains('hidden'),
  title: document.getElementById('error-title').textContent,
  text: document.getElementById('error-text').textContent,
  safety: document.getElementById('error-safety').textContent,
  focused: document.activeElement && document.activeElement.id,
}));

/** Waits until the overlay has finished saving and returns what it says. */
async function overlayVerdict(page) {
  await page.waitForFunction(() => !document.getElementById('error').classList.contains('hidden')
    && !/Saving/.test(document.getElementById('error-safety').textContent), null, { timeout: 20000 });
  return overlay(page);
}

test('U9: a lost display stores the pending change, says so, and Reload (keyboard) restores the exact state', async () => {
  const server = await startServer();
  const profile = newProfile();
  const browser = await launch(profile);
  try {
    const page = await openApp(browser.context, server.url, { keepWelcome: true });
    await click(page, 'welcome.demo');
    // The demo is built over a few frames (DemoJob); the storage notices it the frame after.
    await waitState(page, (st) => st.workspace.leads === 2000, { message: 'the demo practice', timeout: 30000 });
    await settle(page);
    await waitState(page, (s) => s.workspace.leads === 2000 && saved(s), { message: 'the demo saved', timeout: 30000 });
    await click(page, 'nav.leads');
    await waitState(page, (s) => s.page === 'leads', { message: 'the Leads page' });
    await page.waitForTimeout(300);  // the page choice is stored in the preferences file

    const writes = await editThenLoseDisplay(page, 'Lumen after the lost display');
    const o = await overlayVerdict(page);
    // The frame loop is paused from the loss on, so this one save is the overlay's flush.
    assert.equal((await page.evaluate(() => window.nurture.storage.stats.writes)) - writes, 1, 'one save, after the loss');
    assert.equal(o.visible, true);
    assert.match(o.title, /The display was lost/);
    assert.match(o.text, /cannot draw until it reloads/);
    assert.match(o.safety, /^Your work is saved in this browser\. Reload to continue where you were\.$/);
    assert.equal(o.focused, 'error-reload', 'the Reload button has the keyboard focus');
    // The app behind stopped drawing (its frame loop is paused) but stored the edit.
    const frames = (await state(page)).frames_drawn;
    await page.waitForTimeout(300);
    const behind = await state(page);
    assert.equal(behind.frames_drawn, frames, 'no frames drawn on a lost context');
    assert.equal(behind.storage.save_state, 'saved');
    await screenshot(page, 'recovery-display-lost');

    // Enter on the focused button reloads; everything is as it was.
    await Promise.all([page.waitForNavigation({ timeout: 20000 }), page.keyboard.press('Enter')]);
    await waitReady(page, 30000);
    const s = await state(page);
    assert.equal(s.practice_name, 'Lumen after the lost display', 'the edit made just before');
    assert.equal(s.workspace.leads, 2000, 'the same workspace');
    assert.equal(s.page, 'leads', 'the same page');
    assert.equal(s.storage.recovery_warning, '', 'nothing to warn about');
    assert.equal((await overlay(page)).visible, false);
    assertNoConsoleErrors(assert, browser.consoleErrors, ALLOWED);
  } finally {
    await browser.close();
    await server.close();
    removeProfile(profile);
  }
});

test('U9: when the pending change cannot be stored, the overlay does not claim it was', async () => {
  const server = await startServer();
  const profile = newProfile();
  const browser = await launch(profile);
  try {
    const page = await openApp(browser.context, server.url);
    await waitState(page, (s) => s.storage.mode === 'ready', { message: 'storage ready' });
    // command() lets frames pass, so the save scheduler has seen the change before we wait.
    assert.equal((await command(page, { set_practice_name: 'Stored before' })).ok, true);
    await waitState(page, (s) => saved(s) && s.practice_name === 'Stored before', { message: 'saved' });

    await failPuts(page, 'UnknownError');
    await editThenLoseDisplay(page, 'Never stored');
    const o = await overlayVerdict(page);
    assert.match(o.safety, /^Your latest changes could not be saved\. Reloading opens your last complete save\.$/);
    assert.doesNotMatch(o.safety, /is saved/);
    await screenshot(page, 'recovery-display-lost-not-saved');

    // Reloading while the fault lasts (the leave-page save fails too); the new page has a
    // working IndexedDB again.
    page.on('dialog', (d) => d.accept());  // the leave-page guard: there is an unsaved change
    await page.reload();
    await waitReady(page, 30000);
    const s = await state(page);
    assert.equal(s.practice_name, 'Stored before', `the last complete save: ${JSON.stringify(s.storage)}`);
    assert.match(s.storage.recovery_warning, /^Nurture stopped while a change was not yet saved; this is your last complete save, so check your latest change\.$/);
    assertNoConsoleErrors(assert, browser.consoleErrors, ALLOWED);
  } finally {
    await browser.close();
    await server.close();
    removeProfile(profile);
  }
});
