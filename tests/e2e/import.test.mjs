// Import, export and sync by file in a real browser (issue 3; CHECKLISTS R14, R16, R17): the
// import wizard through the real file input, the leads CSV download with formulas
// neutralised, an encrypted export opened on a second "device" with its passphrase, and the
// sync preview with apply, undo and "nothing new".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  click, clickVisible, fileChooser, screenshot, startServer, state, type, waitState, withPage,
} from './lib/harness.mjs';

const ALLOWED = [/frame-ancestors/];
const scratch = mkdtempSync(join(tmpdir(), 'nurture-import-'));

// A spreadsheet as practices have them: BOM, CRLF, a quoted note with a comma and a newline,
// accented names, the same person twice (one row with a different case of the email), one
// row with an unusable email, and a name that is a spreadsheet formula.
const LEADS_CSV = '\ufeff' + [
  'First Name,Last Name,E-mail,Phone,Interest,Notes',
  'Zoë,Ångström-Łukasiewicz,zoe@example.com,(813) 555-0101,Botox,"Asked about pricing, twice"',
  'José,Núñez,jose@example.net,813-555-0102,Lip filler,"Prefers texts\nafter 5 pm"',
  'Zoe,Angstrom,ZOE@EXAMPLE.COM,,HydraFacial,',
  'Bad,Row,not-an-email,,Botox,',
  '"=HYPERLINK(""http://evil.example"",""x"")",Formula,formula@example.org,,,',
].join('\r\n') + '\r\n';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });
const withBrowser = (body) =>
  withPage(server.url, { ready: true }, async (page, browser) => {
    await startEmpty(page);
    await body(page, browser);
  }, ALLOWED);

/** Answers the first-run welcome with "Start with an empty practice". */
async function startEmpty(page) {
  const s = await state(page);
  if (s.widgets && s.widgets['welcome.empty']) {
    await click(page, 'welcome.empty');
    await waitState(page, (st) => !st.welcome === false || !st.widgets["welcome.empty"], { message: 'welcome closed' });
  }
}

/** Clicks `id` and answers the file chooser it opens with `file`. */
async function chooseFile(page, id, file) {
  const chooser = await fileChooser(page, () => click(page, id));
  await chooser.setFiles(file);
}

test('the import wizard reads a spreadsheet through the file input, reports every row, imports and undoes', async () => {
  const file = join(scratch, 'leads.csv');
  writeFileSync(file, LEADS_CSV);
  await withBrowser(async (page) => {
    await click(page, 'nav.import_export');
    await chooseFile(page, 'import.choose', file);
    await waitState(page, (s) => s.import.step === 'mapping', { message: 'mapping step' });
    await screenshot(page, 'import-mapping');
    await click(page, 'import.check');
    const review = await waitState(page, (s) => s.import.step === 'review', { message: 'review step' });
    const r = review.import.report;
    assert.equal(r.rows, 5);
    assert.equal(r.added, 3, 'Zoë, José and the formula name are new');
    assert.equal(r.merged, 1, 'the second Zoë row is the same person');
    assert.equal(r.errors, 1);
    assert.equal(r.error_rows[0].row, 4, 'the bad row is named by its row number');
    assert.equal(r.added + r.updated + r.merged + r.unchanged + r.skipped + r.errors, r.rows, 'no row dropped');
    await screenshot(page, 'import-review');

    await click(page, 'import.apply');
    await waitState(page, (s) => s.import.step === 'done' && s.workspace.leads === 3, { message: 'imported' });
    await screenshot(page, 'import-done');
    await click(page, 'import.undo');
    await waitState(page, (s) => s.workspace.leads === 0, { message: 'undone' });

    // Again, then once more: the second time there is nothing new.
    await click(page, 'import.again');
    await chooseFile(page, 'import.choose', file);
    await waitState(page, (s) => s.import.step === 'mapping');
    await click(page, 'import.check');
    await waitState(page, (s) => s.import.step === 'review');
    await click(page, 'import.apply');
    await waitState(page, (s) => s.import.step === 'done' && s.workspace.leads === 3);
    await click(page, 'import.again');
    await chooseFile(page, 'import.choose', file);
    await waitState(page, (s) => s.import.step === 'mapping');
    await click(page, 'import.check');
    const again = await waitState(page, (s) => s.import.step === 'review');
    assert.equal(again.import.report.added, 0);
    assert.ok(again.widgets['import.nothing_new'], '"nothing new" is said');

    // R16: the leads CSV neutralises the formula and keeps accents (UTF-8 with a BOM).
    const [download] = await Promise.all([page.waitForEvent('download'), clickVisible(page, 'import_export.export_csv')]);
    const csv = readFileSync(await download.path(), 'utf8');
    assert.ok(csv.startsWith('\ufeff'), 'BOM for spreadsheets');
    assert.match(csv, /Zoë/);
    assert.match(csv, /'=HYPERLINK/, 'the formula is text');
    assert.doesNotMatch(csv, /(^|,)=HYPERLINK/m, 'no live formula');
  });
});

test('R14 + R17: an encrypted export opens on another device with its passphrase; preview, apply, undo, nothing new', async () => {
  const file = join(scratch, 'leads-sync.csv');
  writeFileSync(file, LEADS_CSV);
  let exported;
  await withBrowser(async (page) => {
    await click(page, 'nav.import_export');
    await chooseFile(page, 'import.choose', file);
    await waitState(page, (s) => s.import.step === 'mapping');
    await click(page, 'import.check');
    await waitState(page, (s) => s.import.step === 'review');
    await click(page, 'import.apply');
    await waitState(page, (s) => s.workspace.leads === 3);
    await clickVisible(page, 'import_export.protect');
    for (const id of ['import_export.passphrase', 'import_export.passphrase_confirm']) {
      await clickVisible(page, id);
      await type(page, 'correct horse battery staple');
    }
    const [download] = await Promise.all([page.waitForEvent('download'), clickVisible(page, 'import_export.export_encrypted')]);
    exported = join(scratch, 'device-a.encrypted.json');
    writeFileSync(exported, readFileSync(await download.path()));
  });

  await withBrowser(async (page) => {
    await click(page, 'nav.import_export');
    await chooseFile(page, 'sync.choose', exported);
    await waitState(page, (s) => s.sync.step === 'passphrase', { message: 'asks for the passphrase' });
    await click(page, 'sync.passphrase');
    await type(page, 'wrong passphrase!');
    await click(page, 'sync.decrypt');
    await waitState(page, (s) => s.sync.error !== '', { message: 'wrong passphrase refused', timeout: 20000 });
    assert.equal((await state(page)).workspace.leads, 0, 'nothing changed');
    await click(page, 'sync.passphrase');
    await type(page, 'correct horse battery staple');
    await click(page, 'sync.decrypt');
    const preview = await waitState(page, (s) => s.sync.step === 'preview', { timeout: 20000 });
    assert.equal(preview.sync.leads_added, 3, 'the preview counts the new leads');
    assert.equal(preview.workspace.leads, 0, 'the preview changes nothing');
    await screenshot(page, 'sync-preview');
    await click(page, 'sync.apply');
    await waitState(page, (s) => s.sync.step === 'done' && s.workspace.leads === 3, { message: 'applied' });
    await click(page, 'sync.undo');
    await waitState(page, (s) => s.workspace.leads === 0, { message: 'undone' });
    await click(page, 'sync.again');
    await chooseFile(page, 'sync.choose', exported);
    await waitState(page, (s) => s.sync.step === 'passphrase');
    await click(page, 'sync.passphrase');
    await type(page, 'correct horse battery staple');
    await click(page, 'sync.decrypt');
    await waitState(page, (s) => s.sync.step === 'preview', { timeout: 20000 });
    await click(page, 'sync.apply');
    await waitState(page, (s) => s.workspace.leads === 3);
    // The same file again: nothing new, and the revision does not move.
    await click(page, 'sync.again');
    await chooseFile(page, 'sync.choose', exported);
    await click(page, 'sync.passphrase');
    await type(page, 'correct horse battery staple');
    await click(page, 'sync.decrypt');
    const same = await waitState(page, (s) => s.sync.step === 'preview', { timeout: 20000 });
    assert.equal(same.sync.nothing_new, true);
  });
});
