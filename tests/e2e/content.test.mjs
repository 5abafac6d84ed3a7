// The Content page's library editor with real mouse and keyboard: add an item (after the form
// refuses a missing title and a malformed address, next to the fields), edit it, delete it, undo
// the delete with the button offered in place, and find it again after a reload (IndexedDB).
// Each step is checked through the app's test state. Screenshots of the empty state, the form
// with errors and the list, light and dark, land in build/e2e-screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertNoConsoleErrors, click, launch, newProfile, openApp, press, removeProfile, retype,
  screenshot, settle, startServer, type, waitReady, waitState, withPage,
} from './lib/harness.mjs';
import { MONDAY, clockAt } from './lib/clock.mjs';
import { saved } from './lib/storage_helpers.mjs';

const ALLOWED = [/frame-ancestors/];
const withApp = (scheme, body) =>
  withPage(server.url, { colorScheme: scheme, width: 1280, height: 800 }, body, ALLOWED);

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });

{
  const scheme = 'light';
  test('add, edit, delete and undo a content item; it survives a reload', async () => {
    const profile = newProfile();
    const browser = await launch(profile, { colorScheme: scheme, width: 1280, height: 800 });
    try {
      const page = await openApp(browser.context, server.url);
      await click(page, 'nav.content');
      let s = await waitState(page, (st) => st.page === 'content' && st.widgets['content.add_first'],
        { message: 'the empty state offers to add an item' });
      assert.deepEqual(s.content.items, []);
      await screenshot(page, `content-empty-${scheme}`);

      // The form opens with the title focused; a missing title and a malformed address are
      // refused, each with its message next to its field, and nothing is stored.
      await click(page, 'content.add_first');
      s = await waitState(page, (st) => st.content.form_open && st.focused_input === 'content.form.title',
        { message: 'the form with the title focused' });
      assert.equal(s.content.form_new, true);
      const revision = s.revision;
      await retype(page, 'content.form.url', 'yourpractice botox');
      await click(page, 'content.form.save');
      s = await waitState(page, (st) => st.content.errors.title && st.content.errors.url,
        { message: 'title and address errors' });
      assert.equal(s.content.errors.title, 'is required');
      assert.match(s.content.errors.url, /https:\/\//);
      assert.equal(s.revision, revision, 'nothing was stored');
      await screenshot(page, `content-form-error-${scheme}`);

      // Fixed, it is added; the id comes from the title.
      await retype(page, 'content.form.title', 'What to expect after Botox');
      await retype(page, 'content.form.url', 'https://yourpractice.com/botox-aftercare');
      await retype(page, 'content.form.minutes', '4');
      await click(page, 'content.form.save');
      s = await waitState(page, (st) => st.content.items.length === 1 && !st.content.form_open,
        { message: 'the item added' });
      const id = 'what-to-expect-after-botox';
      assert.deepEqual(s.content.items[0], {
        id, title: 'What to expect after Botox', kind: 'article', stage: 'consideration', treatment: '',
        url: 'https://yourpractice.com/botox-aftercare', minutes: 4,
      });
      assert.deepEqual(s.content.errors, {});

      // Edit: the form holds the stored values; a new title and kind (chosen with the keyboard
      // in the kind list) replace them under the same id.
      await click(page, `content.edit.${id}`);
      s = await waitState(page, (st) => st.content.form_open && st.content.form_id === id,
        { message: 'the edit form' });
      assert.equal(s.content.form_new, false);
      await retype(page, 'content.form.title', 'Botox aftercare: the first 48 hours');
      await click(page, 'content.form.kind');
      await press(page, 'ArrowDown');
      await press(page, 'Enter');
      await retype(page, 'content.form.url', 'https://yourpractice.com/botox aftercare');
      await click(page, 'content.form.save');
      s = await waitState(page, (st) => st.content.errors.url, { message: 'a space in the address is refused' });
      assert.match(s.content.errors.url, /spaces/);
      await retype(page, 'content.form.url', 'https://yourpractice.com/botox-48h');
      await click(page, 'content.form.save');
      s = await waitState(page, (st) => !st.content.form_open, { message: 'the edit saved' });
      assert.equal(s.content.items.length, 1);
      assert.deepEqual(s.content.items[0], {
        id, title: 'Botox aftercare: the first 48 hours', kind: 'guide', stage: 'consideration', treatment: '',
        url: 'https://yourpractice.com/botox-48h', minutes: 4,
      });

      // A second item, so the list has something to order; then a screenshot of the list.
      await click(page, 'content.add');
      await waitState(page, (st) => st.focused_input === 'content.form.title', { message: 'new form' });
      await type(page, 'Meet Dr. Ångström, our injector');
      await press(page, 'Enter');  // Enter in a field saves
      s = await waitState(page, (st) => st.content.items.length === 2, { message: 'the second item' });
      assert.equal(s.content.items[1].id, 'meet-dr-ngstrm-our-injector');
      await screenshot(page, `content-list-${scheme}`);

      // Delete: gone at once, with Undo offered where it happened.
      await click(page, `content.delete.${id}`);
      s = await waitState(page, (st) => st.content.items.length === 1 && st.widgets['content.undo'],
        { message: 'deleted, with Undo offered' });
      assert.equal(s.content.items[0].title, 'Meet Dr. Ångström, our injector');
      assert.match(s.content.message, /deleted/);
      await screenshot(page, `content-deleted-undo-${scheme}`);
      await click(page, 'content.undo');
      s = await waitState(page, (st) => st.content.items.length === 2, { message: 'the delete undone' });
      assert.equal(s.content.items[0].title, 'Botox aftercare: the first 48 hours');
      assert.ok(!s.widgets['content.undo'], 'Undo is offered once');

      // Persisted: both items after a reload.
      await waitState(page, saved, { message: 'saved', timeout: 20000 });
      await page.reload();
      await waitReady(page);
      s = await waitState(page, (st) => st.page === 'content' && st.content.items.length === 2,
        { message: 'the items after a reload' });
      assert.deepEqual(s.content.items.map((c) => c.title),
        ['Botox aftercare: the first 48 hours', 'Meet Dr. Ångström, our injector']);
      assert.equal(s.content.items[0].kind, 'guide');
      assertNoConsoleErrors(assert, browser.consoleErrors, ALLOWED);
    } finally {
      await browser.close();
      removeProfile(profile);
    }
  });
}

test('dark theme: the empty library, the form with an error, the list', async () => {
  await withApp('dark', async (page) => {
    await click(page, 'nav.content');
    await waitState(page, (st) => st.widgets['content.add_first'], { message: 'the empty state' });
    await screenshot(page, 'content-empty-dark');
    await click(page, 'content.add_first');
    await waitState(page, (st) => st.focused_input === 'content.form.title', { message: 'the form' });
    await type(page, 'Laser hair removal: how many sessions?');
    await retype(page, 'content.form.minutes', 'ten');
    await click(page, 'content.form.save');
    let s = await waitState(page, (st) => st.content.errors.minutes, { message: 'the minutes error' });
    assert.match(s.content.errors.minutes, /whole number/);
    assert.deepEqual(s.content.items, []);
    await screenshot(page, 'content-form-error-dark');
    await retype(page, 'content.form.minutes', '6');
    await click(page, 'content.form.save');
    s = await waitState(page, (st) => st.content.items.length === 1, { message: 'added' });
    assert.equal(s.content.items[0].minutes, 6);
    await screenshot(page, 'content-list-dark');
  });
});

test('the library on the demo practice: engagement per period, sorting, search and an item\'s detail', async () => {
  await withPage(server.url, { keepWelcome: true, width: 1440, height: 1000, init: clockAt(MONDAY) }, async (page) => {
    await waitState(page, (st) => st.widgets['welcome.demo'], { message: 'the welcome dialog' });
    await click(page, 'welcome.demo');
    await waitState(page, (st) => st.workspace.demo && st.workspace.leads === 2000,
      { message: 'the demo practice', timeout: 30000 });
    await click(page, 'nav.content');
    let s = await waitState(page, (st) => st.page === 'content' && st.content.library.rows.length === 26,
      { message: 'the demo library' });
    const lib = s.content.library;
    assert.equal(lib.period, '90d');
    assert.equal(lib.sort, 'views');
    assert.ok(lib.rows[0].views >= lib.rows[1].views, 'most viewed first');
    assert.ok(lib.rows.some((r) => r.used_in.includes('welcome-inquiry')), 'the welcome sequence links content');
    await screenshot(page, 'content-library-demo');

    // All time counts more views; computed once per change, not per frame.
    const views90 = lib.rows.reduce((a, r) => a + r.views, 0);
    await click(page, 'content.period.all');
    s = await waitState(page, (st) => st.content.library.period === 'all', { message: 'all time' });
    assert.ok(s.content.library.rows.reduce((a, r) => a + r.views, 0) > views90);
    const computed = s.content.library.computations;
    await settle(page, 10);
    assert.equal((await waitState(page, () => true)).content.library.computations, computed);

    // Search, then select an item for its detail.
    await click(page, 'content.search');
    await type(page, 'botox');
    s = await waitState(page, (st) => st.content.library.search === 'botox', { message: 'the search' });
    assert.ok(s.content.library.rows.length < 26 && s.content.library.rows.length >= 3);
    await click(page, 'content.row.botox-guide');
    s = await waitState(page, (st) => st.content.library.selected === 'botox-guide' && st.content.library.detail,
      { message: 'the detail pane' });
    assert.equal(s.content.library.detail.weekly_views.length, 26);
    await screenshot(page, 'content-library-detail');

    // "Used in" opens the sequence.
    await retype(page, 'content.search', '');
    await waitState(page, (st) => st.content.library.rows.length === 26, { message: 'the search cleared' });
    await click(page, 'content.used.patient-stories.welcome-inquiry');
    s = await waitState(page, (st) => st.page === 'sequences' && st.sequences.open === 'welcome-inquiry',
      { message: 'the welcome sequence opened' });
  }, ALLOWED);
});
