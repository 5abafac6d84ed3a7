// Exports (CHECKLISTS R17): the workspace file, plain and protected with a passphrase. The
// encrypted file is AES-256-GCM under a PBKDF2-SHA256 key (≥ 600,000 iterations) with a random
// IV per file; the right passphrase opens it, a wrong one gets a generic error, and any flipped
// bit is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  assertNoConsoleErrors, click, clickVisible, launch, newProfile, openApp, removeProfile, screenshot, startServer, state, type,
  waitState,
} from './lib/harness.mjs';

async function exportEncrypted(page, passphrase) {
  await clickVisible(page, 'import_export.passphrase');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await type(page, passphrase);
  await clickVisible(page, 'import_export.passphrase_confirm');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await type(page, passphrase);
  const [download] = await Promise.all([page.waitForEvent('download'), clickVisible(page, 'import_export.export_encrypted')]);
  await waitState(page, (s) => /encrypted/.test(s.export.message), { message: 'export finished' });
  return readFileSync(await download.path(), 'utf8');
}

test('R17: an encrypted export opens only with its passphrase and refuses any flipped bit', async () => {
  const server = await startServer();
  const profile = newProfile();
  const browser = await launch(profile);
  try {
    const page = await openApp(browser.context, server.url);
    await waitState(page, (s) => s.storage.mode === 'ready');
    await click(page, 'nav.settings');
    await click(page, 'settings.practice.name');
    await type(page, 'Glow Med Spa');
    await click(page, 'settings.practice.save');
    await waitState(page, (s) => s.practice_name === 'Glow Med Spa');

    await click(page, 'nav.import_export');
    await clickVisible(page, 'import_export.protect');
    await waitState(page, (s) => s.export.protect && s.widgets['import_export.passphrase']);
    // Too short, then different: the button stays disabled (no download, no message).
    await clickVisible(page, 'import_export.passphrase');
    await type(page, 'short');
    await screenshot(page, 'export-passphrase');

    const passphrase = 'correct horse battery staple';
    const text = await exportEncrypted(page, passphrase);
    assert.doesNotMatch(text, /Glow Med Spa/, 'no plaintext in the file');
    const env = JSON.parse(text);
    assert.equal(env.format, 'nurture.encrypted');
    assert.equal(env.cipher, 'AES-256-GCM');
    assert.equal(env.kdf, 'PBKDF2-SHA256');
    assert.ok(env.iterations >= 600000, 'PBKDF2 iterations');
    assert.equal(Buffer.from(env.iv, 'base64').length, 12);
    assert.equal(Buffer.from(env.salt, 'base64').length, 16);
    const s = await state(page);
    assert.ok(s.storage.last_export_at > 0, 'the export is remembered for the backup reminder');

    // The right passphrase gives back the workspace file.
    const plain = await page.evaluate(async ([t, p]) => new TextDecoder().decode(await window.nurture.crypto.decrypt(t, p)),
      [text, passphrase]);
    assert.match(plain, /"format": "nurture.workspace"/);
    assert.match(plain, /Glow Med Spa/);

    const refuse = (t, p) => page.evaluate(async ([tt, pp]) => {
      try { await window.nurture.crypto.decrypt(tt, pp); return 'opened'; } catch (e) { return e.message; }
    }, [t, p]);
    const generic = /passphrase is wrong, or the file is damaged/;
    assert.match(await refuse(text, 'wrong horse battery staple'), generic);
    // Flip one bit in the ciphertext, the IV, the salt and the header: each is refused.
    const flip = (b64, i) => { const b = Buffer.from(b64, 'base64'); b[i % b.length] ^= 1; return b.toString('base64'); };
    for (const field of ['data', 'iv', 'salt']) {
      for (const i of [0, 7, 1000]) {
        const bad = { ...env, [field]: flip(env[field], i) };
        assert.match(await refuse(JSON.stringify(bad), passphrase), generic, `flipped ${field}[${i}]`);
      }
    }
    assert.match(await refuse(JSON.stringify({ ...env, iterations: env.iterations + 1 }), passphrase), generic);
    assert.match(await refuse(JSON.stringify({ ...env, iterations: 1000 }), passphrase), generic, 'weak files refused');
    assert.match(await refuse('{"format":"nurture.workspace"}', passphrase), /not an encrypted Nurture file/);

    // A second export of the same workspace uses a fresh salt and IV.
    const again = JSON.parse(await exportEncrypted(page, passphrase));
    assert.notEqual(again.iv, env.iv);
    assert.notEqual(again.salt, env.salt);
    await screenshot(page, 'export-encrypted-done');
    assertNoConsoleErrors(assert, browser.consoleErrors);
  } finally {
    await browser.close();
    await server.close();
    removeProfile(profile);
  }
});
