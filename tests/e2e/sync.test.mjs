// Long work on Import / Export (CHECKLISTS U13, R11, R14, R17): sync by file with a real
// conflict (both devices edited the same lead's email) listed with both values, applied and
// undone; the sync read shows progress and Cancel leaves the workspace as it was; the workspace
// export shows progress, finishes with a download, and Cancel produces none.
// The test-only {io_budget} command makes each frame read or write one small slice (or none,
// "paused"), so even a small file takes several frames and the progress states can be seen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  click, clickVisible, command, fileChooser, mod, press, reveal, screenshot, settle, startServer, state, type,
  waitState, withPage,
} from './lib/harness.mjs';

const ALLOWED = [/frame-ancestors/];
const scratch = mkdtempSync(join(tmpdir(), 'nurture-sync-'));

const LEADS_CSV = [
  'First Name,Last Name,E-mail,Phone,Interest',
  'Zoë,Ångström,zoe@example.com,(813) 555-0101,Botox',
  'José,Núñez,jose@example.net,813-555-0102,Lip filler',
  'Ana,Silva,ana@example.org,813-555-0103,HydraFacial',
].join('\r\n') + '\r\n';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });
const withBrowser = (body) => withPage(server.url, { ready: true }, body, ALLOWED);

/** Clicks `id` and answers the file chooser it opens with `file`. */
async function chooseFile(page, id, file) {
  await reveal(page, id);
  const chooser = await fileChooser(page, () => click(page, id));
  await chooser.setFiles(file);
}

/** Imports LEADS_CSV through the wizard: three leads. */
async function importLeads(page) {
  const file = join(scratch, 'leads.csv');
  writeFileSync(file, LEADS_CSV);
  await click(page, 'nav.import_export');
  await chooseFile(page, 'import.choose', file);
  await waitState(page, (s) => s.import.step === 'mapping', { message: 'mapping step' });
  await click(page, 'import.check');
  await waitState(page, (s) => s.import.step === 'review', { message: 'review step' });
  await click(page, 'import.apply');
  await waitState(page, (s) => s.workspace.leads === 3, { message: 'three leads imported' });
}

/** Exports the workspace (plain) and returns the downloaded text. */
async function exportPlain(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), clickVisible(page, 'import_export.export')]);
  await waitState(page, (s) => s.export.step === 'done', { message: 'export done' });
  return readFileSync(await download.path(), 'utf8');
}

/** Types `text` into the Leads search and returns the number of rows shown. */
async function searchLeads(page, text) {
  await click(page, 'nav.leads');
  await click(page, 'leads.search');
  await press(page, `${mod}+A`);
  await type(page, text);
  await settle(page, 6);
  return (await state(page)).leads.shown;
}

test('R11: a conflicting edit from another device is listed with both values, applied, and undone', async () => {
  await withBrowser(async (page) => {
    await importLeads(page);
    const base = JSON.parse(await exportPlain(page));

    // This device changes Zoë's email after the export...
    assert.equal(await searchLeads(page, 'zoe@example.com'), 1);
    await click(page, 'leads.row.0');
    await press(page, 'Enter');
    await waitState(page, (s) => s.leads.open !== null && s.widgets['lead.email'], { message: 'lead open' });
    await click(page, 'lead.email');
    await press(page, `${mod}+A`);
    await type(page, 'zoe.local@example.com');
    await press(page, `${mod}+S`);
    await waitState(page, (s) => s.leads.lead_result === 'Changes saved.', { message: 'local edit saved' });
    await click(page, 'lead.back');

    // ...and another device, which never saw that edit, changed it too, a minute later (its
    // file: the export with the email edited under that device's change stamp).
    const zoe = base.leads.find((l) => l.email === 'zoe@example.com');
    assert.ok(zoe, 'Zoë is in the export');
    zoe.email = 'zoe.remote@example.com';
    const stamp = `${new Date(Date.now() + 60000).toISOString()}/00000000/00000000000beef1`;
    zoe.stamps = { ...(zoe.stamps || {}), email: stamp };
    const remoteFile = join(scratch, 'other-device.json');
    writeFileSync(remoteFile, JSON.stringify(base, null, 1));

    await click(page, 'nav.import_export');
    const revision = (await state(page)).revision;
    await chooseFile(page, 'sync.choose', remoteFile);
    const preview = await waitState(page, (s) => s.sync.step === 'preview', { message: 'preview', timeout: 20000 });
    assert.equal(preview.sync.conflicts, 1, 'one conflict');
    assert.deepEqual(preview.sync.conflict_list.map(({ field, local, remote, remote_won }) => ({ field, local, remote, remote_won })),
      [{ field: 'email', local: 'zoe.local@example.com', remote: 'zoe.remote@example.com', remote_won: true }],
      'both values, and the later one wins');
    assert.equal(preview.revision, revision, 'the preview changes nothing');
    assert.ok(preview.widgets['sync.apply']);
    await screenshot(page, 'sync-preview-conflict');

    await clickVisible(page, 'sync.apply');
    await waitState(page, (s) => s.sync.step === 'done', { message: 'applied' });
    await screenshot(page, 'sync-done');
    assert.equal(await searchLeads(page, 'zoe.remote@example.com'), 1, 'the later value is on the lead');
    assert.equal(await searchLeads(page, 'zoe.local@example.com'), 0);

    await click(page, 'nav.import_export');
    const applied = (await state(page)).revision;
    await clickVisible(page, 'sync.undo');
    await waitState(page, (s) => s.revision > applied && s.can_undo === true, { message: 'undone' });
    assert.equal(await searchLeads(page, 'zoe.local@example.com'), 1, 'undo restores this device\'s value');
    assert.equal(await searchLeads(page, 'zoe.remote@example.com'), 0);
  });
});

test('U13: the sync read shows progress; Cancel leaves the workspace unchanged', async () => {
  let file;
  await withBrowser(async (page) => {
    await importLeads(page);
    file = join(scratch, 'sync-source.json');
    writeFileSync(file, await exportPlain(page));
  });
  await withBrowser(async (page) => {
    await click(page, 'nav.import_export');
    const before = await state(page);
    // Paused: the read cannot finish before the test has looked at it.
    assert.equal((await command(page, { io_budget: { bytes: 512, paused: true } })).ok, true);
    await chooseFile(page, 'sync.choose', file);
    const reading = await waitState(page, (s) => s.sync.step === 'reading', { message: 'reading step' });
    assert.ok(reading.widgets['sync.progress'], 'a progress bar');
    assert.ok(reading.widgets['sync.cancel'], 'a Cancel button');
    assert.ok(reading.sync.progress < 1);
    await screenshot(page, 'sync-reading');
    await click(page, 'sync.cancel');
    const cancelled = await waitState(page, (s) => s.sync.step === 'pick', { message: 'back to the start' });
    assert.equal(cancelled.revision, before.revision, 'nothing changed');
    assert.equal(cancelled.workspace.leads, 0);
    assert.equal(cancelled.sync.error, '');

    // One 512-byte slice a frame: the bar moves (never backwards) and the preview follows.
    await command(page, { io_budget: { bytes: 512 } });
    await chooseFile(page, 'sync.choose', file);
    const seen = { reading: [], comparing: [] };
    const done = await waitState(page, (s) => {
      if (seen[s.sync.step]) seen[s.sync.step].push(s.sync.progress);
      return s.sync.step === 'preview';
    }, { message: 'preview after a stepped read', timeout: 20000 });
    for (const bar of Object.values(seen)) {
      for (let i = 1; i < bar.length; i += 1) assert.ok(bar[i] >= bar[i - 1], 'progress never goes back');
    }
    assert.ok(done.sync.read_frames >= 2, `the read spans frames (${done.sync.read_frames})`);
    assert.ok(done.sync.compare_frames >= 2, `so does the comparison (${done.sync.compare_frames})`);
    assert.equal(done.sync.leads_added, 3);
    assert.equal(done.workspace.leads, 0, 'the preview changes nothing');
    await command(page, { io_budget: 'default' });
  });
});

test('U13: the export shows progress and can be cancelled (no download); finished, it downloads', async () => {
  await withBrowser(async (page) => {
    assert.equal((await command(page, { seed_leads: 200 })).ok, true);
    await waitState(page, (s) => s.workspace.leads === 200);
    await click(page, 'nav.import_export');
    let downloads = 0;
    page.on('download', () => { downloads += 1; });

    await command(page, { io_budget: { bytes: 2048, paused: true } });
    await clickVisible(page, 'import_export.export');
    const writing = await waitState(page, (s) => s.export.step === 'writing' && s.widgets['export.progress'],
      { message: 'export progress dialog' });
    assert.ok(writing.widgets['export.cancel']);
    await screenshot(page, 'export-progress');
    await click(page, 'export.cancel');
    const cancelled = await waitState(page, (s) => s.export.step === 'cancelled', { message: 'export cancelled' });
    assert.equal(cancelled.export.files, 0);
    await settle(page, 10);
    assert.equal(downloads, 0, 'Cancel produces no download');
    await screenshot(page, 'export-cancelled');

    // One 2 KB slice a frame: several frames, the bar moves, then exactly one download. Frames
    // slow down a lot on a loaded machine (CI once took 20 s to reach 89%): wait generously.
    await command(page, { io_budget: { bytes: 2048 } });
    const seen = [];
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 90000 }),
      (async () => {
        await clickVisible(page, 'import_export.export');
        await waitState(page, (s) => {
          if (s.export.step === 'writing') seen.push(s.export.progress);
          return s.export.step === 'done';
        }, { message: 'export done', timeout: 90000 });
      })(),
    ]);
    const s = await state(page);
    assert.ok(s.export.frames >= 5, `written over several frames (${s.export.frames})`);
    assert.ok(seen.some((p) => p > 0 && p < 1), 'a partial progress was shown');
    for (let i = 1; i < seen.length; i += 1) assert.ok(seen[i] >= seen[i - 1], 'progress never goes back');
    assert.equal(s.export.files, 1);
    assert.equal(downloads, 1);
    const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(file.format, 'nurture.workspace');
    assert.equal(file.leads.length, 200);
    await command(page, { io_budget: 'default' });
  });
});
