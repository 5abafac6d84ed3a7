// Long work at 100,000 leads (CHECKLISTS U13, docs/long-work.md): the consent ledger export
// shows a progress dialog and Cancel saves no file; loading the demo practice over the large
// workspace shows a progress dialog, and Cancel half-way leaves the workspace as it was (same
// revision, same leads, same undo history). Then the demo loads for real, built
// over many frames rather than in one frozen one, and Ctrl+Z brings the 100,000 leads back.
// The test-only {io_budget} command pauses the build (or makes it one slice a frame), so the
// progress state can be looked at however fast the machine is.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  click, command, mod, press, reveal, screenshot, settle, startServer, state, waitState, widget, withPage,
} from './lib/harness.mjs';

const ALLOWED = [/frame-ancestors/];
let server;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });

/** Settings is long: scrolls by the distance to the widget, then clicks it. */
async function clickFar(page, id) {
  for (let i = 0; i < 20; i += 1) {
    const r = await widget(page, id);
    const vh = await page.evaluate(() => window.innerHeight);
    if (r.y >= 100 && r.y + r.h <= vh - 50) break;
    await page.mouse.move(700, vh / 2);
    await page.mouse.wheel(0, Math.max(-3000, Math.min(3000, r.y - vh / 2)));
    await settle(page, 3);
  }
  await reveal(page, id);
  await click(page, id);
}

test('U13 at 100,000 leads: the demo load shows progress, Cancel changes nothing, then it loads', async () => {
  await withPage(server.url, { ready: true }, async (page) => {
    assert.equal((await command(page, { seed_leads: 100000 })).ok, true);
    let s = await waitState(page, (st) => st.workspace.leads === 100000 && st.storage.save_state === 'saved' &&
      !st.storage.unsaved, { message: 'the large workspace saved', timeout: 60000 });
    const before = { revision: s.revision, leads: s.workspace.leads, events: s.workspace.events,
      sample: s.sample_lead, practice: s.practice_name, canUndo: s.can_undo };

    // The consent ledger export (about 0.5 s in one frame before): a progress dialog; Cancel
    // downloads nothing.
    let downloads = 0;
    page.on('download', () => { downloads += 1; });
    await command(page, { io_budget: { bytes: 4194304, paused: true } });
    await click(page, 'nav.import_export');
    await clickFar(page, 'import_export.export_ledger');
    s = await waitState(page, (st) => st.export.step === 'writing' && st.widgets['export.progress'],
      { message: 'the ledger export under way' });
    assert.equal(s.export.kind, 'consent_ledger');
    await command(page, { io_budget: { bytes: 4194304 } });
    s = await waitState(page, (st) => st.export.progress >= 0.3, { message: 'part of the ledger written' });
    await command(page, { io_budget: { bytes: 4194304, paused: true } });
    await screenshot(page, 'long-work-ledger-progress');
    await click(page, 'export.cancel');
    s = await waitState(page, (st) => st.export.step === 'cancelled', { message: 'export cancelled' });
    await settle(page, 10);
    assert.equal(downloads, 0, 'no file');
    assert.equal(s.revision, before.revision);

    // Paused: the demo dialog opens and waits at 0 %.
    await command(page, { io_budget: { bytes: 1, paused: true } });
    await click(page, 'nav.settings');
    await clickFar(page, 'settings.demo.load');
    await waitState(page, (st) => st.widgets['settings.demo.confirm'], { message: 'the confirmation' });
    await click(page, 'settings.demo.confirm');
    s = await waitState(page, (st) => st.demo_job.step === 'building' && st.widgets['demo.progress'],
      { message: 'the progress dialog' });
    assert.equal(s.demo_job.progress, 0);
    // One slice a frame until part of the way, then paused again to look at it.
    await command(page, { io_budget: { bytes: 1 } });
    s = await waitState(page, (st) => st.demo_job.progress >= 0.2, { message: 'the build under way' });
    await command(page, { io_budget: { bytes: 1, paused: true } });
    s = await state(page);
    assert.equal(s.demo_job.step, 'building');
    assert.ok(s.demo_job.progress > 0 && s.demo_job.progress < 1, `part-way (${s.demo_job.progress})`);
    assert.ok(s.demo_job.frames >= 3, `over several frames (${s.demo_job.frames})`);
    assert.equal(s.revision, before.revision, 'nothing applied yet');
    assert.equal(s.workspace.leads, 100000);
    await screenshot(page, 'long-work-demo-progress');

    await click(page, 'demo.cancel');
    s = await waitState(page, (st) => st.demo_job.step === 'cancelled', { message: 'cancelled' });
    assert.equal(s.notice, 'Demo not loaded; nothing was changed.');
    assert.ok(!s.widgets['demo.progress'], 'the dialog is closed');
    assert.deepEqual({ revision: s.revision, leads: s.workspace.leads, events: s.workspace.events,
      sample: s.sample_lead, practice: s.practice_name, canUndo: s.can_undo }, before, 'the workspace as before');
    await screenshot(page, 'long-work-demo-cancelled');

    // For real, at the normal budget: built over many frames, then one undoable replace.
    await command(page, { io_budget: 'default' });
    await clickFar(page, 'settings.demo.load');
    await waitState(page, (st) => st.widgets['settings.demo.confirm'], { message: 'the confirmation' });
    await click(page, 'settings.demo.confirm');
    s = await waitState(page, (st) => st.demo_job.step === 'done' && st.workspace.leads === 2000,
      { message: 'the demo loaded', timeout: 30000 });
    assert.ok(s.demo_job.frames > 3, `built over several frames (${s.demo_job.frames})`);
    assert.equal(s.workspace.demo, true);
    assert.match(s.notice, /Demo practice loaded/);
    await settle(page, 10);
    await press(page, `${mod}+Z`);
    s = await waitState(page, (st) => st.workspace.leads === 100000, { message: 'undo brings the leads back', timeout: 30000 });
    assert.deepEqual(s.sample_lead, before.sample);
  }, ALLOWED);
});
