// The app in a browser tab (CHECKLISTS U1–U3, U5–U8, U11, U12): real Chromium, real mouse and
// keyboard, state read through the test hook. Also saves a screenshot of every page in light
// and dark, and of Settings at DPR 2, into build/e2e-screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  click, clickVisible, mod, reveal, screenshot, settle, startServer, state, type, waitReady,
  waitState, waitStored, widget, withPage,
} from './lib/harness.mjs';

const PAGES = ['today', 'leads', 'segments', 'sequences', 'funnel', 'content', 'import_export', 'settings'];
// The CSP's frame-ancestors is only honoured as a header; Chromium says so once per load.
const ALLOWED = [/frame-ancestors/];

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });
const withApp = (options, body) => withPage(server.url, options, body, ALLOWED);

async function goTo(page, name) {
  await click(page, `nav.${name}`);
  await waitState(page, (s) => s.page === name, { message: `page ${name}` });
}

async function cursorAt(page, x, y) {
  await page.mouse.move(x, y);
  await settle(page, 4);
  return page.evaluate(() => document.getElementById('canvas').style.cursor || 'default');
}

// Keyups swallowed before any page script sees them: a key released while the window is in the
// background never reaches the page.
const SWALLOW_KEYUPS = `window.addEventListener('keyup', (e) => { if (window.__away) e.stopImmediatePropagation(); }, true);`;

test('U1 U2 U3 U7 U8 U11: clipboard, shortcuts, modifiers, wheel, cursor, idle, status; light pages', async () => {
  await withApp({ clipboard: true, init: SWALLOW_KEYUPS }, async (page) => {
    // Every page in light, with its empty state.
    for (const name of PAGES) {
      await goTo(page, name);
      await screenshot(page, `page-${name}-light`);
    }

    // U11: the status bar always shows the save state in words.
    let s = await state(page);
    assert.match(s.status_text, /^(All changes saved|Saved \d\d:\d\d)/);
    const bar = await widget(page, 'status.save');
    assert.ok(bar.y > 700 && bar.y < 800, 'status text sits in the bottom bar');

    // U1: copy out of a field through the system clipboard...
    await page.evaluate(() => {
      const write = navigator.clipboard.writeText.bind(navigator.clipboard);
      window.__clipboardWrites = [];
      window.__writeText = write;
      navigator.clipboard.writeText = (t) => { window.__clipboardWrites.push(t); return write(t); };
    });
    await click(page, 'settings.practice.name');
    await type(page, 'Harbor Aesthetics');
    await page.keyboard.press(`${mod}+a`);
    await page.keyboard.press(`${mod}+c`);
    await settle(page);
    await page.waitForFunction(async () => (await navigator.clipboard.readText()) === 'Harbor Aesthetics', null,
      { timeout: 3000, polling: 100 });
    // ...and paste a name with Latin Extended letters into another.
    const name = 'Zoë Ångström-Łukasiewicz';
    await page.evaluate((t) => navigator.clipboard.writeText(t), name);
    // Clicked and pasted at once, before a frame has given the field the focus: the paste
    // still lands in it, with the new clipboard and not the text the app copied before.
    const city = await widget(page, 'settings.practice.city');
    await page.mouse.click(city.cx, city.cy);
    await page.keyboard.press(`${mod}+v`);
    s = await waitState(page, (st) => st.practice_draft.city === name, { timeout: 3000, message: 'pasted city' });
    assert.equal(s.practice_draft.name, 'Harbor Aesthetics');
    // The copy event put the text there; the app's own copy a frame later is not written again
    // (it could land after the new clipboard text and put the old one back).
    assert.ok(!(await page.evaluate(() => window.__clipboardWrites)).includes('Harbor Aesthetics'),
      'no second, late write of the copied text');
    await page.evaluate(() => { navigator.clipboard.writeText = window.__writeText; });
    // Where the browser refuses the app's own clipboard write (Safari, outside the key's
    // handler), Ctrl+C still copies the field: the page's copy event asks the app for it.
    await page.evaluate(() => {
      window.__writeText = navigator.clipboard.writeText.bind(navigator.clipboard);
      navigator.clipboard.writeText = () => Promise.reject(new DOMException('refused', 'NotAllowedError'));
    });
    await click(page, 'settings.practice.name');
    await settle(page);
    await page.keyboard.press(`${mod}+c`);
    await settle(page);
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'Harbor Aesthetics',
      'Ctrl+C copied the field, not the text pasted before');
    await page.evaluate(() => { navigator.clipboard.writeText = window.__writeText; });

    // U2: Ctrl+S saves (the form on Settings, then storage) instead of "save page as".
    await page.evaluate(() => {
      window.__saveDefaultPrevented = null;
      window.addEventListener('keydown', (e) => { if (e.key === 's') window.__saveDefaultPrevented = e.defaultPrevented; });
    });
    const before = s.revision;
    await page.keyboard.press(`${mod}+s`);
    s = await waitState(page, (st) => st.revision > before && st.practice_name === 'Harbor Aesthetics',
      { message: 'Ctrl+S saved the practice profile' });
    assert.equal(await page.evaluate(() => window.__saveDefaultPrevented), true, 'browser save dialog suppressed');
    s = await waitState(page, (st) => st.status_text.endsWith('✓'), { message: 'visible save confirmation' });
    assert.match(s.status_text, /^Saved \d\d:\d\d ✓$/);

    // U2: Ctrl+F jumps to Leads with the search field focused; typing goes there.
    await page.keyboard.press(`${mod}+f`);
    s = await waitState(page, (st) => st.page === 'leads' && st.focused_input === 'leads.search',
      { message: 'search focused' });
    await type(page, 'botox');
    s = await waitState(page, (st) => st.search === 'botox', { message: 'search text' });

    // U2: arrows, space and paging keys never scroll the page itself.
    await page.keyboard.press('Escape');
    for (const key of ['ArrowDown', 'ArrowDown', 'PageDown', 'Space', 'End', 'ArrowRight']) await page.keyboard.press(key);
    await settle(page);
    assert.equal(await page.evaluate(() => document.scrollingElement.scrollTop + window.scrollY), 0);

    // U3: Ctrl held while the window loses focus and released elsewhere is not stuck. (Space
    // and End above, with keyboard navigation, opened Settings and scrolled it: start afresh.)
    await goTo(page, 'today');
    await goTo(page, 'settings');
    await clickVisible(page, 'settings.practice.street');
    await page.keyboard.down('Control');
    await settle(page);
    await page.evaluate(() => { window.__away = true; window.dispatchEvent(new Event('blur')); });
    await page.keyboard.up('Control');
    await page.evaluate(() => { window.__away = false; window.dispatchEvent(new Event('focus')); });
    await settle(page);
    await type(page, 'a');
    await waitState(page, (st) => st.practice_draft.street === 'a', { timeout: 3000, message: 'typed "a" after blur' });

    // U7: the cursor is an I-beam over a text field and the arrow elsewhere.
    const field = await reveal(page, 'settings.practice.zip');
    assert.equal(await cursorAt(page, field.cx, field.cy), 'text');
    assert.equal(await cursorAt(page, 1200, 400), 'default');

    // U7: one wheel notch scrolls the page a few lines in the wheel's direction, and back.
    await page.keyboard.press('Escape');
    s = await state(page);
    assert.ok(s.scroll.max > 0, 'Settings is taller than the window');
    const y0 = s.scroll.y;
    await page.mouse.move(700, 450);
    await page.mouse.wheel(0, 100);
    s = await waitState(page, (st) => st.scroll.y !== y0, { message: 'wheel scrolled' });
    const moved = s.scroll.y - y0;
    assert.ok(moved >= 2 * s.scroll.line && moved <= 10 * s.scroll.line, `one notch moved ${moved}px`);
    await page.mouse.wheel(0, -100);
    s = await waitState(page, (st) => st.scroll.y === y0, { message: 'wheel scrolled back' });

    // U8: idle with no focused field draws (almost) nothing...
    await goTo(page, 'today');
    await page.mouse.move(1250, 20);
    await page.waitForTimeout(600);
    const f0 = (await state(page)).frames_drawn;
    await page.waitForTimeout(5000);
    const f1 = (await state(page)).frames_drawn;
    assert.ok(f1 - f0 <= 2, `idle frames: ${f1 - f0}`);
    // ...and 50 fast key taps after idling all arrive.
    await goTo(page, 'settings');
    await clickVisible(page, 'settings.practice.phone');
    await page.waitForTimeout(800);
    await page.keyboard.type('5'.repeat(50), { delay: 0 });
    // ImGui takes one key event per frame (its input queue trickles), and SwiftShader on a busy
    // machine draws slowly, so allow time; a lost tap would never arrive at all.
    await waitState(page, (st) => st.practice_draft.phone.length >= 50, { timeout: 30000, message: '50 key taps arrived' });
    assert.equal((await state(page)).practice_draft.phone, '5'.repeat(50));

    // Settings validates before saving and shows each problem next to its field.
    await clickVisible(page, 'settings.practice.email');
    await type(page, 'not-an-email');
    await clickVisible(page, 'settings.practice.save');
    s = await waitState(page, (st) => st.settings_result === 'Check the highlighted fields.', { message: 'save refused' });
    assert.match(s.field_errors.email, /e-mail/);
    await reveal(page, 'settings.practice.email');
    await screenshot(page, 'settings-errors-light');
    await reveal(page, 'settings.persistence');
    await screenshot(page, 'settings-storage-light');
  });
});

test('U12: prefers-color-scheme dark is honoured with theme System; dark pages', async () => {
  await withApp({ colorScheme: 'dark' }, async (page) => {
    let s = await state(page);
    assert.equal(s.theme_choice, 'system');
    assert.equal(s.theme, 'dark');
    for (const name of PAGES) {
      await goTo(page, name);
      await screenshot(page, `page-${name}-dark`);
    }
    // Empty-state buttons do real things: Export offers the workspace as a file.
    await goTo(page, 'import_export');
    const [download] = await Promise.all([page.waitForEvent('download'), clickVisible(page, 'import_export.export')]);
    assert.match(download.suggestedFilename(), /^nurture-workspace-\d{4}-\d{2}-\d{2}\.json$/);
    // The system switching to light while the app is open follows at once.
    await page.emulateMedia({ colorScheme: 'light' });
    s = await waitState(page, (st) => st.theme === 'light', { message: 'followed the system to light' });
    // An explicit choice wins over the system.
    await goTo(page, 'settings');
    await clickVisible(page, 'settings.theme.dark');
    s = await waitState(page, (st) => st.theme === 'dark' && st.theme_choice === 'dark', { message: 'dark chosen' });
  });
});

test('U12: theme and UI scale persist across a reload', async () => {
  await withApp({}, async (page) => {
    await goTo(page, 'settings');
    await clickVisible(page, 'settings.theme.dark');
    const slider = await reveal(page, 'settings.scale');
    await page.mouse.click(slider.x + slider.w * 0.2, slider.cy);
    const s = await waitState(page, (st) => st.theme === 'dark' && st.ui_scale > 0.8 && st.ui_scale < 1.05 && st.ui_scale !== 1,
      { message: 'scale changed' });
    const scale = s.ui_scale;
    await waitStored(page, 'prefs.json', (t) => {
      const p = JSON.parse(t);
      return p.theme === 'dark' && Math.abs(p.ui_scale - scale) < 0.001;
    }, { message: 'theme and scale' });
    await page.reload();
    await waitReady(page);
    const r = await waitState(page, (st) => st.frames_drawn > 0, { message: 'reloaded' });
    assert.equal(r.theme_choice, 'dark');
    assert.equal(r.theme, 'dark');
    assert.ok(Math.abs(r.ui_scale - scale) < 0.001, `scale ${r.ui_scale} after reload, ${scale} before`);
    assert.equal(r.page, 'settings', 'the last page is restored too');
  });
});

for (const dpr of [1, 2, 3]) {
  test(`U5: crisp and clickable at device pixel ratio ${dpr}${dpr === 1 ? '; U6: the canvas follows the window' : ''}`, async () => {
    // DPR 3 at a smaller window: SwiftShader renders every physical pixel on the CPU.
    const size = { 1: [800, 600], 2: [1280, 800], 3: [1024, 700] }[dpr];
    await withApp({ dpr, width: size[0], height: size[1] }, async (page) => {
      const canvas = await page.evaluate(() => {
        const c = document.getElementById('canvas');
        const r = c.getBoundingClientRect();
        return { w: c.width, h: c.height, cssW: r.width, cssH: r.height, dpr: window.devicePixelRatio };
      });
      assert.equal(canvas.dpr, dpr);
      assert.equal(canvas.w, Math.round(canvas.cssW * dpr));
      assert.equal(canvas.h, Math.round(canvas.cssH * dpr));
      let s = await state(page);
      assert.equal(s.display.width, canvas.w);
      await goTo(page, 'settings');
      await screenshot(page, dpr === 2 ? 'settings-dpr2' : `settings-dpr${dpr}`);
      if (dpr !== 1) return;
      // U6: from 800×600 to 2560×1440, the backing store and layout follow within a few frames.
      await page.setViewportSize({ width: 2560, height: 1440 });
      s = await waitState(page, (st) => st.display.width === 2560 && st.display.height === 1440,
        { timeout: 2000, message: 'display follows the window' });
      const bar = await widget(page, 'status.save');
      assert.ok(bar.y > 1440 - 40, 'status bar moved to the new bottom edge');
      await goTo(page, 'today');
      await screenshot(page, 'resized-2560x1440');
    });
  });
}
