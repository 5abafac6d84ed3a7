// Sequences and Today in a real browser on the demo practice (issue 5): the demo's sequences, a
// playbook added as a draft and activated, a demo segment enrolled in it; the welcome touches due
// in Today, one opened, marked sent, and still marked after a reload. Screenshots of each screen land in build/e2e-screenshots.
//
// The page's clock is moved to a Monday afternoon (18:00 UTC: 13:00 in New York, 10:00 in Los
// Angeles) so that send windows and quiet hours allow the touches whatever time the test runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { click, clickVisible, mod, screenshot, settle, startServer, waitReady, waitState, widget, withPage } from './lib/harness.mjs';
import { MONDAY, clockAt } from './lib/clock.mjs';

const ALLOWED = [/frame-ancestors/];
// Date.now() (the app's clock) runs from MONDAY at the real pace (lib/clock.mjs).
const CLOCK = clockAt(MONDAY);

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });

test('a playbook enrolled from a demo segment fills Today; a touch marked sent stays sent after a reload', async () => {
  await withPage(server.url, { keepWelcome: true, width: 1440, height: 900, init: CLOCK }, async (page) => {
    await waitState(page, (st) => st.widgets['welcome.demo'], { message: 'the welcome dialog' });
    await click(page, 'welcome.demo');
    await waitState(page, (st) => st.workspace.demo && st.workspace.leads === 2000,
      { message: 'the demo practice', timeout: 30000 });

    // Sequences: the demo's own, active, with live numbers.
    await click(page, 'nav.sequences');
    let s = await waitState(page, (st) => st.page === 'sequences' && st.sequences.list.length >= 4,
      { message: 'the demo practice\'s sequences' });
    const welcome = s.sequences.list.find((x) => x.id === 'welcome-inquiry');
    assert.equal(welcome.status, 'active');
    await screenshot(page, 'sequences-list');

    // A playbook from the library arrives as a draft and activates (it passes the lint).
    await click(page, 'sequences.add_playbook');
    s = await waitState(page, (st) => st.sequences.playbook_files.length >= 10, { message: 'the playbook list' });
    await screenshot(page, 'sequences-playbooks');
    const before = s.sequences.list.length;
    await click(page, 'sequences.playbook.drip-surgical-consultation.json');
    s = await waitState(page, (st) => st.sequences.list.length === before + 1 && st.sequences.open !== '',
      { message: 'the playbook added and opened' });
    const added = s.sequences.open;
    assert.equal(s.sequences.list.find((x) => x.id === added).status, 'draft');
    await screenshot(page, 'sequences-draft');
    // Its structure opens for editing while it is a draft; leaving without changes keeps it.
    await clickVisible(page, 'sequences.edit_structure');
    s = await waitState(page, (st) => st.sequences.structure && st.sequences.structure.editing,
      { message: 'the structure editor' });
    assert.ok(s.sequences.structure.steps.length >= 3);
    await screenshot(page, 'sequences-structure-editor');
    await clickVisible(page, 'structure.discard');
    await waitState(page, (st) => !st.sequences.structure.editing, { message: 'back from the editor' });
    await clickVisible(page, 'sequences.activate');
    s = await waitState(page, (st) => st.sequences.list.find((x) => x.id === added).status === 'active'
      || (st.sequences.message.length > 0 && !st.sequences.message_ok), { message: 'activation' });
    assert.equal(s.sequences.list.find((x) => x.id === added).status, 'active', s.sequences.message);

    // Enrol a demo segment in the playbook just activated. (Not in the welcome sequence: the
    // demo's history has already taken every inquiry through it once, and it runs once per lead.)
    await click(page, 'sequences.back');
    await click(page, `sequences.item.${added}`);
    await waitState(page, (st) => st.sequences.open === added, { message: 'the activated playbook' });
    await click(page, 'sequences.enrol_segment');
    await click(page, 'sequences.enrol_segment.botox-curious');
    await click(page, 'sequences.enrol');
    s = await waitState(page, (st) => st.sequences.list.find((x) => x.id === added).running > 0,
      { message: 'the segment enrolled' });
    assert.match(s.sequences.message, /^Enrolled \d+ leads/);
    await screenshot(page, 'sequences-enrolled');

    // Today: the welcome touches of the app's own enrolments are due now; the drip's first email
    // waits for 10:00 in each lead's zone (tomorrow: the page's clock says 13:00 in New York).
    const id = 'welcome-inquiry';
    await click(page, 'nav.today');
    s = await waitState(page, (st) => st.page === 'today' && st.today.due.some((t) => t.sequence === id),
      { message: 'touches due in Today' });
    assert.ok(!s.today.due.some((t) => t.sequence === added), 'the drip waits for the morning');
    await screenshot(page, 'today-queue');
    const touch = s.today.due.find((t) => t.sequence === id);
    await clickVisible(page, `today.touch.${touch.key}`);
    s = await waitState(page, (st) => st.today.open === touch.key, { message: 'the touch opened' });
    await screenshot(page, 'today-touch-open');
    await clickVisible(page, 'today.sent');
    s = await waitState(page, (st) => !st.today.due.some((t) => t.key === touch.key)
      && st.storage.save_state === 'saved' && !st.storage.unsaved,
      { message: 'marked sent and saved', timeout: 20000 });
    assert.ok(s.sequences.list.find((x) => x.id === id).handled >= 1);

    // After a reload the touch is still handled: it is not due again.
    await page.reload();
    await waitReady(page);
    await click(page, 'nav.today');
    s = await waitState(page, (st) => st.page === 'today' && st.today.due.length > 0,
      { message: 'Today after the reload' });
    assert.ok(!s.today.due.some((t) => t.key === touch.key), 'the sent touch is not due again');
    assert.ok(s.sequences.list.find((x) => x.id === id).handled >= 1, 'its record survived');
    await screenshot(page, 'today-after-reload');

    // Leads: two selected rows enrolled in a sequence from the bulk bar, in one step.
    await click(page, 'nav.leads');
    await waitState(page, (st) => st.page === 'leads' && st.widgets['leads.row.1'], { message: 'the leads table' });
    await click(page, 'leads.row.0');
    const r1 = await widget(page, 'leads.row.1');
    await page.keyboard.down(mod);
    await page.mouse.click(r1.cx, r1.cy);
    await page.keyboard.up(mod);
    await settle(page);
    await waitState(page, (st) => st.leads.selected === 2, { message: 'two rows selected' });
    await click(page, 'leads.bulk.enrol');
    await click(page, 'bulk.sequence.birthday');
    await screenshot(page, 'leads-bulk-enrol');
    const revision = (await waitState(page, () => true)).revision;
    await click(page, 'bulk.confirm');
    s = await waitState(page, (st) => st.revision > revision, { message: 'the enrolment' });
    assert.equal(s.revision, revision + 1, 'one revision for the whole selection');
    assert.match(s.leads.message, /birthday|Birthday/);
  }, ALLOWED);
});
