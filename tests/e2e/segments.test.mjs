// Segments and scores in a real browser on the demo practice (issue 4): the saved segments with
// live counts, the editor counting on every keystroke, an error underlined with its line and
// column, "why is this lead in", the overlap view, saving a segment from a Leads filter, the
// scoring settings and the score in the leads table and the lead view. Screenshots of each
// screen land in build/e2e-screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  click, clickVisible, doubleClick, press, retype, reveal, screenshot, startServer, waitState, withPage,
} from './lib/harness.mjs';

const ALLOWED = [/frame-ancestors/];

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });

async function withDemo(body) {
  await withPage(server.url, { keepWelcome: true, width: 1440, height: 900 }, async (page) => {
    await waitState(page, (st) => st.widgets['welcome.demo'], { message: 'the welcome dialog' });
    await click(page, 'welcome.demo');
    await waitState(page, (st) => st.workspace.demo && st.workspace.leads === 2000,
      { message: 'the demo practice', timeout: 30000 });
    await body(page);
  }, ALLOWED);
}

test('saved segments count live; the editor counts as you type and explains', async () => {
  await withDemo(async (page) => {
    await click(page, 'nav.segments');
    let s = await waitState(page, (st) => st.page === 'segments' && st.segments.saved.length === 7,
      { message: 'the demo practice\'s saved segments' });
    for (const seg of s.segments.saved) {
      assert.equal(seg.error, '', `${seg.name} has no query error`);
      assert.ok(seg.count > 0 && seg.count < 2000, `${seg.name} counts ${seg.count}`);
    }
    // The app recorded who is in each saved segment.
    assert.ok(s.scoring.history > 0, 'membership was recorded');
    await screenshot(page, 'segments-list');

    // Opening a saved segment shows the same count in the editor, nothing changed against it.
    const botox = s.segments.saved.find((x) => x.id === 'botox-curious');
    await click(page, 'segments.item.botox-curious');
    s = await waitState(page, (st) => st.segments.open && st.segments.id === 'botox-curious',
      { message: 'the editor' });
    assert.equal(s.segments.count, botox.count);
    assert.equal(s.segments.entered, 0);
    assert.equal(s.segments.exited, 0);
    await screenshot(page, 'segments-editor');

    // Narrowing the query lowers the count on the next frame; the change against the record
    // shows how many would leave.
    await click(page, 'segments.query');
    await press(page, 'End');
    await page.keyboard.type(' and consent.sms', { delay: 5 });
    s = await waitState(page, (st) => st.segments.query.endsWith('consent.sms') && st.segments.error === '',
      { message: 'the narrowed query' });
    assert.ok(s.segments.count <= botox.count);
    assert.equal(s.segments.exited, botox.count - s.segments.count);

    // An error is shown with its line and column, and the count stops.
    // (Keys reach the app a frame at a time: wait for the whole text before reading the answer.)
    const broken = 'stage = consideration and age >';
    await retype(page, 'segments.query', broken);
    s = await waitState(page, (st) => st.segments.query === broken && st.segments.error !== '',
      { message: 'the error' });
    assert.match(s.segments.error, /^1:32: /, `the query was "${s.segments.query}"`);
    assert.ok(s.widgets['segments.error']);
    await screenshot(page, 'segments-error');

    // Fixed: a count again, and "why" for the first member holds.
    const fixed = 'stage = consideration and age >= 40';
    await retype(page, 'segments.query', fixed);
    s = await waitState(page, (st) => st.segments.query === fixed && st.segments.error === '' && st.segments.count > 0,
      { message: 'fixed' });
    await click(page, 'segments.members.why.0');
    s = await waitState(page, (st) => st.segments.tab === 'why' && st.segments.why_lead !== '',
      { message: 'the why view' });
    assert.equal(s.segments.why_holds, true);
    await reveal(page, 'segments.why.verdict');
    await screenshot(page, 'segments-why');

    await click(page, 'segments.tab.overlap');
    await waitState(page, (st) => st.segments.tab === 'overlap' && st.widgets['segments.overlap.venn'],
      { message: 'the overlap view' });
    await reveal(page, 'segments.overlap.venn');
    await screenshot(page, 'segments-overlap');
  });
});

test('a Leads filter becomes a saved segment; scores show in the table, the lead and settings', async () => {
  await withDemo(async (page) => {
    await click(page, 'nav.leads');
    await waitState(page, (st) => st.page === 'leads' && st.widgets['leads.sort.score'], { message: 'leads' });
    // Sort by score, highest first: the column header, clicked as a user does.
    await click(page, 'leads.sort.score');
    let s = await waitState(page, (st) => st.leads.sort && st.leads.sort.column === 'score', { message: 'score sort' });
    await screenshot(page, 'leads-score-column');
    await doubleClick(page, 'leads.row.0');
    s = await waitState(page, (st) => st.widgets['lead.score.total'], { message: 'the score card' });
    await screenshot(page, 'lead-score-card');
    await press(page, 'Escape');

    await click(page, 'nav.settings');
    await clickVisible(page, 'scoring.edit');
    await clickVisible(page, 'scoring.add_threshold');
    await screenshot(page, 'settings-scoring');
  });
});
