// Hostile files in the app (issue 7 item 2, CHECKLISTS R15): files from tests/fixtures/hostile
// and a generated 20 MB one go through the real file inputs of the import wizard and of "merge
// another device's file". Each is refused with a message that says what is wrong, within a few
// seconds, and the workspace is unchanged (same revision, same leads). The unit and CLI tests
// (hostile_input_test.cpp, cli.hostile_*) cover the readers themselves.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { click, fileChooser, screenshot, settle, startServer, waitState, withPage } from './lib/harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const hostile = (name) => resolve(here, '../fixtures/hostile', name);
const scratch = mkdtempSync(join(tmpdir(), 'nurture-hostile-'));
const ALLOWED = [/frame-ancestors/];

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.close(); });

/** Clicks `id` and answers the file chooser it opens with `file`. */
async function chooseFile(page, id, file) {
  const chooser = await fileChooser(page, () => click(page, id));
  await chooser.setFiles(file);
}

// [file, which input, what the message must say]
const CASES = [
  [hostile('workbook.csv'), 'import', /binary data/],
  [hostile('utf16.csv'), 'import', /UTF-16/],
  [hostile('invalid-utf8-header.csv'), 'import', /not valid UTF-8/],
  [hostile('deep-nesting.json'), 'sync', /nested more than 64 levels/],
  [hostile('duplicate-keys.json'), 'sync', /appears twice/],
  [hostile('nan.json'), 'sync', /malformed JSON/],
  [hostile('wrong-types.json'), 'sync', /must be an array/],
  [hostile('invalid-utf8.json'), 'sync', /not valid UTF-8/],
  [hostile('future-version.json'), 'sync', /update the app/],
];

test('R15: hostile files on the import and merge inputs are refused with a clear message; nothing changes', async () => {
  // A 20 MB practice name: over the 64 KiB string limit, refused while reading.
  const giant = join(scratch, 'giant-string.json');
  writeFileSync(giant, '{"format":"nurture.workspace","version":2,"practice":{"name":"' + 'a'.repeat(20 << 20) + '"}}');
  const cases = [...CASES, [giant, 'sync', /longer than the limit/]];

  await withPage(server.url, { keepWelcome: true, width: 1280, height: 900 }, async (page) => {
    await waitState(page, (st) => st.widgets['welcome.demo'], { message: 'the welcome dialog' });
    await click(page, 'welcome.demo');
    // The demo is built over a few frames (DemoJob); the storage notices it the frame after.
    await waitState(page, (st) => st.workspace.leads === 2000, { message: 'the demo practice', timeout: 30000 });
    await settle(page);
    const before = await waitState(page, (st) => st.workspace.demo && st.workspace.leads === 2000 &&
      st.storage.save_state === 'saved', { message: 'the demo practice, saved', timeout: 30000 });
    await click(page, 'nav.import_export');
    await waitState(page, (st) => st.page === 'import_export', { message: 'Import / Export' });

    for (const [file, input, expect] of cases) {
      const started = Date.now();
      await chooseFile(page, input === 'import' ? 'import.choose' : 'sync.choose', file);
      const s = await waitState(page, (st) => st[input].error !== '', { message: `the error for ${file}`, timeout: 15000 });
      const ms = Date.now() - started;
      assert.match(s[input].error, expect, `${file}: ${s[input].error}`);
      assert.equal(s.revision, before.revision, `${file} changed nothing`);
      assert.equal(s.workspace.leads, 2000);
      // "Within about 2 s": generous here, as the browser tests share two cores with each other.
      assert.ok(ms < 8000, `${file} took ${ms} ms`);
      console.log(`${file.split('/').pop()}: ${ms} ms — ${s[input].error}`);
      if (file.endsWith('workbook.csv')) await screenshot(page, 'hostile-import-refused');
      if (file.endsWith('deep-nesting.json')) await screenshot(page, 'hostile-merge-refused');
    }
  }, ALLOWED);
});
