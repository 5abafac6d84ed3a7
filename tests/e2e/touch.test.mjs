// Touch screens: a finger's tap arrives as touch events followed by the browser's own mouse
// events for the tap, all at once and with no hover before the press. Emscripten 3.1.6's GLFW
// turns the touchstart into a press at the *previous* pointer position (it never reads a
// touch's coordinates), and ImGui items that allow overlap (table headers) count as hovered
// only from the frame after the pointer arrived. So each tap here must do what a click does,
// exactly once: the welcome dialog's button, the navigation, a sortable header tapped twice
// (a doubled press would sort back the other way) and table rows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertNoConsoleErrors, launch, newProfile, openApp, removeProfile, screenshot, settle, startServer, tap, waitState,
  widget,
} from './lib/harness.mjs';

const ALLOWED = [/frame-ancestors/];

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });

test('taps act once each: the demo button, the nav, a sortable header twice, table rows', async () => {
  const profile = newProfile();
  const browser = await launch(profile, { hasTouch: true, width: 1024, height: 768 });
  try {
    const page = await openApp(browser.context, server.url, { keepWelcome: true });
    await waitState(page, (st) => st.welcome === true && st.widgets['welcome.demo'], { message: 'first-run dialog' });
    await tap(page, 'welcome.demo');
    let s = await waitState(page, (st) => st.workspace.leads === 2000 && st.welcome === false,
      { message: 'a tap on "Explore the demo practice" loads the demo', timeout: 20000 });

    await tap(page, 'nav.leads');
    s = await waitState(page, (st) => st.page === 'leads' && st.widgets['leads.row.0'], { message: 'Leads by a tap' });
    assert.deepEqual(s.leads.sort, { column: 'created', ascending: false });

    // A table header allows overlap: it needs the pointer a frame before the press.
    await tap(page, 'leads.sort.name');
    s = await waitState(page, (st) => st.leads.sort.column === 'name', { message: 'a tap sorts by name', timeout: 3000 });
    assert.equal(s.leads.sort.ascending, true);
    // The second tap on the same header: once, so descending (a stale second press would
    // flip it back to ascending).
    await tap(page, 'leads.sort.name');
    s = await waitState(page, (st) => st.leads.sort.column === 'name' && !st.leads.sort.ascending,
      { message: 'a second tap sorts descending', timeout: 3000 });
    await page.waitForTimeout(300);
    s = await waitState(page, () => true);
    assert.equal(s.leads.sort.ascending, false, 'still descending: the tap acted once');

    // Rows: a tap on a name selects that row (and does not open it). (The row's centre may
    // fall on a column border, where a press starts resizing the column.)
    const row = await widget(page, 'leads.row.3');
    await page.touchscreen.tap(row.x + 30, row.cy);
    await settle(page, 6);
    s = await waitState(page, (st) => st.leads.selected === 1, { message: 'a tap selects a row', timeout: 3000 });
    assert.equal(s.leads.open, null);
    await tap(page, 'leads.select_none');
    s = await waitState(page, (st) => st.leads.selected === 0, { message: 'Clear selection by a tap', timeout: 3000 });
    await screenshot(page, 'touch-leads');
    assertNoConsoleErrors(assert, browser.consoleErrors, ALLOWED);
  } finally {
    await browser.close();
    removeProfile(profile);
  }
});
