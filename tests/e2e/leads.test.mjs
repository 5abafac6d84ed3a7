// Leads (issue 3, item 7): add a lead with the keyboard only (U10), find it, open it with a
// double-click, edit with inline validation, bulk-tag and undo; sort by clicking column headers;
// the lead view's Save stays on screen at 1280×800; screenshots of the table, the lead view and
// the add form in light and dark into build/e2e-screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  click, command, doubleClick, mod, press, retype, screenshot, settle, startServer, type, waitState, widget,
  withPage,
} from './lib/harness.mjs';

const ALLOWED = [/frame-ancestors/];

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });
const withApp = (options, body) => withPage(server.url, options, body, ALLOWED);

/** Opens a table row with a real double-click (two presses of the mouse on the row). */
async function openRow(page, id) {
  await doubleClick(page, id);
}

/** Selects the first two rows as a user does: a click, then a Ctrl/Cmd+click. */
async function selectFirstTwo(page) {
  await click(page, 'leads.row.0');
  const r1 = await widget(page, 'leads.row.1');
  await page.keyboard.down(mod);
  await page.mouse.click(r1.cx, r1.cy);
  await page.keyboard.up(mod);
  await settle(page);
  await waitState(page, (st) => st.leads.selected === 2, { message: 'two selected' });
}

test('add with the keyboard, search, open, edit with validation, bulk tag and undo', async () => {
  await withApp({}, async (page) => {
    // Ctrl+F lands on the Leads search; Tab reaches "Add lead"; Enter opens the form with the
    // first name focused; Tab between fields; Enter saves. No mouse.
    await press(page, `${mod}+F`);
    let s = await waitState(page, (st) => st.page === 'leads' && st.focused_input === 'leads.search',
      { message: 'search focused' });
    assert.ok(s.widgets['leads.add_first'], 'the empty state offers to add a lead');
    await press(page, 'Tab');
    await press(page, 'Enter');
    await waitState(page, (st) => st.leads.add_open && st.focused_input === 'add.first_name',
      { message: 'add form open with the first name focused' });
    await screenshot(page, 'leads-add-form-light');
    await type(page, 'Zoë');
    await press(page, 'Tab');
    await type(page, 'Ångström');
    await press(page, 'Tab');
    await type(page, 'not-an-email');
    await press(page, 'Enter');
    s = await waitState(page, (st) => st.leads.add_errors.email, { message: 'inline email error in the add form' });
    assert.equal(s.leads.live, 0);
    await retype(page, 'add.email', 'zoe@example.com');
    await press(page, 'Enter');
    s = await waitState(page, (st) => st.leads.live === 1 && !st.leads.add_open, { message: 'lead added' });

    // More leads around it, then find it by name without accents.
    assert.equal((await command(page, { seed_leads: 40 })).ok, true);
    await waitState(page, (st) => st.leads.live === 41, { message: '41 leads' });
    await click(page, 'leads.search');
    await type(page, 'zoe angstrom');
    s = await waitState(page, (st) => st.leads.shown >= 1 && st.leads.shown < 41, { message: 'search narrows' });
    await retype(page, 'leads.search', 'zoe@example');
    s = await waitState(page, (st) => st.leads.shown === 1, { message: 'one match' });

    // Open it, break the email, see the error next to the field, fix it, save.
    await openRow(page, 'leads.row.0');
    s = await waitState(page, (st) => st.leads.open !== null && st.widgets['lead.save'], { message: 'lead open' });
    assert.equal(s.leads.lead_draft.email, 'zoe@example.com');
    await retype(page, 'lead.email', 'zoe@@bad');
    await click(page, 'lead.save');  // the action bar keeps Save on screen
    s = await waitState(page, (st) => st.leads.lead_errors.email, { message: 'inline email error' });
    assert.match(s.leads.lead_errors.email, /not an email address/);
    await retype(page, 'lead.email', 'zoe.a@example.com');
    await screenshot(page, 'leads-lead-view-error-light');
    await press(page, `${mod}+S`);  // and Ctrl+S saves too
    s = await waitState(page, (st) => st.leads.lead_result === 'Changes saved.', { message: 'saved' });
    assert.equal(s.leads.lead_draft.email, 'zoe.a@example.com');
    assert.deepEqual(s.leads.lead_errors, {});

    // Back to the table; clear the search; select two rows (click, Ctrl+click) and tag them.
    await click(page, 'lead.back');
    await retype(page, 'leads.search', 'x');
    await press(page, 'Backspace');
    await waitState(page, (st) => st.leads.shown === 41, { message: 'all leads shown' });
    await selectFirstTwo(page);
    await click(page, 'leads.bulk.tag');
    await waitState(page, (st) => st.focused_input === 'bulk.text', { message: 'tag field focused' });
    await type(page, 'e2e-tag');
    const before = (await waitState(page, () => true)).revision;
    await click(page, 'bulk.confirm');
    s = await waitState(page, (st) => st.leads.tags.includes('e2e-tag'), { message: 'tag applied' });
    assert.equal(s.revision, before + 1, 'one revision for the whole bulk action');
    assert.match(s.leads.message, /Tagged 2/);
    await screenshot(page, 'leads-table-bulk-light');

    // One Ctrl+Z takes the bulk action back.
    await page.mouse.click(5, 5);  // nothing focused: Ctrl+Z is the app's undo
    await press(page, `${mod}+Z`);
    s = await waitState(page, (st) => !st.leads.tags.includes('e2e-tag'), { message: 'tag undone' });
    assert.equal(s.leads.live, 41);
  });
});

test('delete two leads, restore one from the Deleted view: it is back in the table', async () => {
  await withApp({}, async (page) => {
    await click(page, 'nav.leads');
    assert.equal((await command(page, { seed_leads: 20 })).ok, true);
    let s = await waitState(page, (st) => st.leads.live === 20 && st.widgets['leads.row.0'], { message: 'seeded' });
    assert.equal(s.widgets['leads.filter.deleted'], undefined, 'no Deleted chip while nothing is deleted');

    // Delete two with the bulk action.
    await selectFirstTwo(page);
    await click(page, 'leads.bulk.delete');
    await click(page, 'bulk.confirm');
    s = await waitState(page, (st) => st.leads.live === 18 && st.leads.deleted === 2, { message: 'two deleted' });
    assert.equal(s.leads.shown, 18, 'the table leaves deleted leads out');
    assert.match(s.leads.message, /^Deleted 2 leads/);

    // The Deleted view lists just those two.
    await click(page, 'leads.filter.deleted');
    s = await waitState(page, (st) => st.leads.deleted_view && st.leads.shown === 2 && st.widgets['leads.restore.0'],
      { message: 'the Deleted view' });
    await screenshot(page, 'leads-deleted-view-light');
    const restored = s.leads.order[0];

    // Restore the first with its row's Restore.
    await click(page, 'leads.restore.0');
    s = await waitState(page, (st) => st.leads.live === 19 && st.leads.deleted === 1, { message: 'one restored' });
    assert.match(s.leads.message, /^Restored /);
    assert.ok(s.widgets['leads.undo'], 'the bar offers Undo');

    // Back to all leads: the restored lead is in the table again.
    await click(page, 'leads.filter.deleted');
    s = await waitState(page, (st) => !st.leads.deleted_view && st.leads.shown === 19, { message: 'all leads' });
    await click(page, 'leads.search');
    await type(page, restored);
    s = await waitState(page, (st) => st.leads.shown >= 1 && st.leads.shown < 19, { message: 'search finds it' });
    assert.ok(s.leads.order.includes(restored), `${restored} is back in the table`);
    await retype(page, 'leads.search', 'x');
    await press(page, 'Backspace');

    // The other one opens read-only under the banner, with its own Restore.
    await click(page, 'leads.filter.deleted');
    await waitState(page, (st) => st.leads.deleted_view && st.leads.shown === 1, { message: 'one left to restore' });
    await openRow(page, 'leads.row.0');
    s = await waitState(page, (st) => st.leads.open_deleted === true && st.widgets['lead.deleted_banner'],
      { message: 'the deleted lead opened read-only' });
    assert.equal(s.widgets['lead.delete'], undefined, 'no Delete on a deleted lead');
    await screenshot(page, 'leads-deleted-banner-light');
    await click(page, 'lead.restore');
    s = await waitState(page, (st) => st.leads.open_deleted === false && st.leads.deleted === 0 && st.workspace.leads === 20,
      { message: 'restored from the lead' });
    assert.equal(s.leads.lead_result, 'Lead restored. Ctrl+Z deletes it again.');
  });
});

/** Lowercase without accents, as people expect names to sort ("Ángel" with "angel"). */
function fold(name) {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/ł/g, 'l').replace(/ß/g, 'ss');
}

function assertSorted(names, ascending) {
  assert.ok(names.length >= 20, `enough rows to judge the order (${names.length})`);
  const keys = names.map(fold);
  const expected = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (!ascending) expected.reverse();
  assert.deepEqual(keys, expected, `rows ${ascending ? 'ascending' : 'descending'} by name`);
}

test('clicking the Name header sorts ascending, clicking again descending', async () => {
  await withApp({}, async (page) => {
    await click(page, 'nav.leads');
    assert.equal((await command(page, { seed_leads: 120 })).ok, true);
    let s = await waitState(page, (st) => st.leads.live === 120 && st.widgets['leads.row.0'], { message: 'seeded' });
    assert.deepEqual(s.leads.sort, { column: 'created', ascending: false }, 'newest first by default');
    const rebuilds = s.leads.view_rebuilds;

    await click(page, 'leads.sort.name');
    s = await waitState(page, (st) => st.leads.sort.column === 'name', { message: 'sorted by name' });
    assert.equal(s.leads.sort.ascending, true);
    assert.ok(s.leads.view_rebuilds > rebuilds, 'the view was rebuilt in the new order');
    assertSorted(s.leads.order, true);
    await screenshot(page, 'leads-sorted-by-name-light');

    await click(page, 'leads.sort.name');
    s = await waitState(page, (st) => st.leads.sort.column === 'name' && !st.leads.sort.ascending,
      { message: 'name descending' });
    assertSorted(s.leads.order, false);

    // A double-click on a row opens exactly that lead.
    const name = s.leads.order[3];
    await openRow(page, 'leads.row.3');
    s = await waitState(page, (st) => st.leads.open !== null, { message: 'lead opened by double-click' });
    const d = s.leads.lead_draft;
    assert.equal(`${d.first_name} ${d.last_name}`, name, 'the lead of the row double-clicked');
  });
});

test('double-click opens a row, every time', async () => {
  await withApp({}, async (page) => {
    await click(page, 'nav.leads');
    assert.equal((await command(page, { seed_leads: 30 })).ok, true);
    await waitState(page, (st) => st.leads.live === 30 && st.widgets['leads.row.0'], { message: 'seeded' });
    // Selecting a row (the first press of a double-click) must not move the table: the bulk
    // actions take the place of "Select all shown", at the same height.
    const unselected = await widget(page, 'leads.row.4');
    await click(page, 'leads.row.4');
    await waitState(page, (st) => st.leads.selected === 1, { message: 'one selected' });
    assert.deepEqual(await widget(page, 'leads.row.4'), unselected, 'the rows stay where they were');
    await click(page, 'leads.select_none');
    for (let i = 0; i < 5; i += 1) {
      await openRow(page, `leads.row.${i}`);
      await waitState(page, (st) => st.leads.open !== null, { message: `row ${i} opened`, timeout: 3000 });
      await click(page, 'lead.back');
      await waitState(page, (st) => st.leads.open === null, { message: 'back to the table' });
    }
  });
});

test('a held key acts once until the browser repeats it, however slow the frames', async () => {
  await withApp({}, async (page) => {
    await press(page, `${mod}+F`);
    await waitState(page, (st) => st.focused_input === 'leads.search', { message: 'search focused' });
    // Backspace held: the first keydown and two browser repeats remove three characters.
    await type(page, 'zoeabc');
    await page.keyboard.down('Backspace');
    await settle(page);
    await page.keyboard.down('Backspace');
    await settle(page);
    await page.keyboard.down('Backspace');
    await settle(page);
    await page.keyboard.up('Backspace');
    await waitState(page, (st) => st.leads.filter.search === 'zoe', { message: 'three characters removed' });
    // Tab held for most of a second with the app drawing frames meanwhile (the caret blinks):
    // without a browser repeat, the focus moves one field, not several.
    await press(page, 'Tab');
    await press(page, 'Enter');
    await waitState(page, (st) => st.leads.add_open && st.focused_input === 'add.first_name',
      { message: 'add form open with the first name focused' });
    await page.keyboard.down('Tab');
    await settle(page);
    await page.waitForTimeout(900);
    await settle(page);
    await page.keyboard.up('Tab');
    await settle(page);
    const s = await waitState(page, (st) => st.focused_input === 'add.last_name', { message: 'last name focused' });
    assert.equal(s.focused_input, 'add.last_name');
  });
});

for (const scheme of ['light', 'dark']) {
  test(`the lead view keeps Save and Cancel on screen at 1280×800 (${scheme})`, async () => {
    await withApp({ colorScheme: scheme, width: 1280, height: 800 }, async (page) => {
      await click(page, 'nav.leads');
      assert.equal((await command(page, { seed_leads: 40 })).ok, true);
      await waitState(page, (st) => st.widgets['leads.row.0'], { message: 'seeded' });
      await openRow(page, 'leads.row.1');
      await waitState(page, (st) => st.leads.open !== null, { message: 'lead open' });
      const inView = async () => {
        const r = await widget(page, 'lead.save');
        return r.y >= 0 && r.y + r.h <= 800 && r.x >= 0 && r.x + r.w <= 1280;
      };
      assert.ok(await inView(), 'Save is inside the 1280×800 viewport');
      // Scroll the cards to their end: the bar does not move.
      const before = await widget(page, 'lead.save');
      const body = await widget(page, 'lead.body');
      await page.mouse.move(body.cx, body.cy);
      for (let i = 0; i < 15; i += 1) await page.mouse.wheel(0, 200);
      await settle(page, 6);
      const after = await widget(page, 'lead.save');
      assert.deepEqual([after.x, after.y], [before.x, before.y], 'the action bar stays put while the cards scroll');
      assert.ok(await inView(), 'Save is still inside the viewport');
      // Edit something: Save becomes available and works from the bar.
      // Notes, the form's last field: scrolled back into the body's view (the cards column may
      // be the longer one, so the end of the scroll need not show it).
      for (let i = 0; i < 40; i += 1) {
        const r = await widget(page, 'lead.notes');
        if (r.y >= body.y && r.y + r.h <= body.y + body.h) break;
        await page.mouse.move(body.cx, body.cy);
        await page.mouse.wheel(0, r.y < body.y ? -100 : 100);
        await settle(page, 3);
      }
      await click(page, 'lead.notes');
      await type(page, 'Prefers afternoons.');
      await screenshot(page, `leads-lead-view-1280x800-${scheme}`);
      await click(page, 'lead.save');
      const s = await waitState(page, (st) => st.leads.lead_result === 'Changes saved.', { message: 'saved' });
      assert.deepEqual(s.leads.lead_errors, {});
    });
  });

  test(`screenshots of the table, a lead and the add form (${scheme})`, async () => {
    await withApp({ colorScheme: scheme, width: 1280, height: 800 }, async (page) => {
      await click(page, 'nav.leads');
      await waitState(page, (st) => st.page === 'leads', { message: 'leads page' });
      await screenshot(page, `leads-empty-${scheme}`);
      assert.equal((await command(page, { seed_leads: 2000 })).ok, true);
      await waitState(page, (st) => st.leads.live === 2000 && st.widgets['leads.row.0'], { message: 'seeded' });
      await screenshot(page, `leads-table-${scheme}`);
      await openRow(page, 'leads.row.2');
      await waitState(page, (st) => st.leads.open !== null, { message: 'lead open' });
      await screenshot(page, `leads-lead-view-${scheme}`);
      await click(page, 'lead.back');
      await click(page, 'leads.add');
      await waitState(page, (st) => st.leads.add_open, { message: 'add form' });
      await screenshot(page, `leads-add-form-${scheme}`);
    });
  });
}
