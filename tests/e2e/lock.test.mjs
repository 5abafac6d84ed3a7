// The app lock (issue 7, docs/storage.md "App lock") in a real browser: the demo practice, the
// lock turned on in Settings with real typing, then every IndexedDB record of the origin read
// raw — a demo lead's name and email are there before and gone after. A reload shows the lock
// screen with nothing loaded; a wrong passphrase gets the generic error; the right one brings
// the demo back. The idle lock (the idle clock advanced by a test hook), "Lock now" with a
// pending edit, and turning the lock off (plaintext again) follow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertNoConsoleErrors, click, command, launch, mod, newProfile, openApp, press, removeProfile, reveal, screenshot,
  settle, startServer, state, type, waitReady, waitState, widget,
} from './lib/harness.mjs';

const PASSPHRASE = 'amber lantern over quiet harbor';

/**
 * Every record of every IndexedDB database of the page's origin, searched in the page for
 * `needles` (file contents decoded as UTF-8, other fields as JSON). Returns one entry a record:
 * { db, key, sealed, hits }.
 */
function scanIndexedDb(page, needles) {
  return page.evaluate(async (words) => {
    const decoder = new TextDecoder('utf-8', { fatal: false });
    const textOf = (v) => {
      // IDBFS stores file contents as an Int8Array.
      if (ArrayBuffer.isView(v)) return decoder.decode(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
      if (v instanceof ArrayBuffer) return decoder.decode(new Uint8Array(v));
      if (v && typeof v === 'object') {
        return Object.keys(v).map((k) => `${k}:${textOf(v[k])}`).join('\n');
      }
      return String(v);
    };
    const out = [];
    for (const info of await indexedDB.databases()) {
      const db = await new Promise((resolve, reject) => {
        const req = indexedDB.open(info.name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      for (const storeName of Array.from(db.objectStoreNames)) {
        await new Promise((resolve, reject) => {
          const cursor = db.transaction(storeName).objectStore(storeName).openCursor();
          cursor.onerror = () => reject(cursor.error);
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (!c) { resolve(); return; }
            const text = `${String(c.key)}\n${textOf(c.value)}`;
            out.push({ db: info.name, key: String(c.key), sealed: !!(c.value && c.value.sealed),
              hits: words.filter((w) => text.includes(w)) });
            c.continue();
          };
        });
      }
      db.close();
    }
    return out;
  }, needles);
}

/** Settings is long: scrolls by the distance to the widget (the harness's reveal steps 100 px). */
async function revealFar(page, id) {
  for (let i = 0; i < 20; i += 1) {
    const r = await widget(page, id);
    const vh = await page.evaluate(() => window.innerHeight);
    if (r.y >= 100 && r.y + r.h <= vh - 50) return;
    await page.mouse.move(700, vh / 2);
    await page.mouse.wheel(0, Math.max(-3000, Math.min(3000, r.y - vh / 2)));
    await settle(page, 3);
  }
  await reveal(page, id);
}

async function clickVisible(page, id) {
  await revealFar(page, id);
  await click(page, id);
}

async function typeInto(page, id, text) {
  await clickVisible(page, id);
  await press(page, `${mod}+A`);
  await press(page, 'Backspace');
  await type(page, text);
}

async function unlock(page, passphrase) {
  await waitState(page, (s) => s.storage.mode === 'locked' && s.widgets['lock.passphrase'], { message: 'lock screen' });
  await click(page, 'lock.passphrase');
  await type(page, passphrase);
  await press(page, 'Enter');
}

/** The demo practice from the welcome dialog, saved in plain; returns the state then. */
async function openDemo(page) {
  await waitState(page, (s) => s.widgets['welcome.demo'], { message: 'the welcome dialog' });
  await click(page, 'welcome.demo');
  // The demo is built over a few frames (DemoJob); the storage notices it the frame after.
  await waitState(page, (st) => st.workspace.leads === 2000, { message: 'the demo practice', timeout: 30000 });
  await settle(page);
  return waitState(page, (st) => st.workspace.leads === 2000 && st.storage.save_state === 'saved' &&
    !st.storage.unsaved, { message: 'the demo saved', timeout: 30000 });
}

test('app lock: encrypted at rest, lock screen, generic error, idle lock, lock now, turned off', async () => {
  const server = await startServer();
  const profile = newProfile();
  const browser = await launch(profile);
  try {
    const page = await openApp(browser.context, server.url, { keepWelcome: true });
    let s = await openDemo(page);
    const lead = s.sample_lead;
    assert.ok(lead && lead.last_name.length >= 3 && lead.email.includes('@'), 'a demo lead with a name and email');
    const needles = [lead.email, lead.last_name, 'Lumen Aesthetics'];
    let records = await scanIndexedDb(page, needles);
    const plainHits = new Set(records.flatMap((r) => r.hits));
    // Proves the scan can see patient data at all: without the lock it is readable.
    assert.deepEqual([...plainHits].sort(), [...needles].sort(), 'names and email readable before the lock');
    assert.equal(s.storage.lock_enabled, false);

    // Settings → App lock: a weak passphrase is refused, then a good one with the warning.
    await click(page, 'nav.settings');
    await clickVisible(page, 'settings.lock.start');
    await typeInto(page, 'settings.lock.new', 'short');
    s = await state(page);
    assert.equal(s.lock.step, 'enabling');
    assert.ok(!s.widgets['settings.lock.strength'], 'a short passphrase gets no strength, only the error');
    await typeInto(page, 'settings.lock.new', PASSPHRASE);
    await typeInto(page, 'settings.lock.confirm', PASSPHRASE);
    await revealFar(page, 'settings.lock.enable');
    s = await waitState(page, (st) => st.widgets['settings.lock.strength'] && st.widgets['settings.lock.export_first'],
      { message: 'strength hint and the warning with "Export first"' });
    await screenshot(page, 'lock-settings-warning');
    await click(page, 'settings.lock.enable');
    s = await waitState(page, (st) => st.storage.lock_enabled && !st.lock_task.busy && st.lock_task.finished > 0,
      { message: 'the lock is on', timeout: 20000 });
    assert.equal(s.lock_task.failed, false, s.lock_task.message);
    s = await waitState(page, (st) => st.lock.message !== '', { message: 'the card says so' });
    assert.match(s.lock.message, /lock is on/);
    assert.equal(s.auto_lock_minutes, 15, 'the idle lock starts at 15 minutes');
    await revealFar(page, 'settings.lock.now');
    await screenshot(page, 'lock-settings-on');

    // At rest: no record holds the name, the email or the practice name; all but the lock
    // record are sealed; the lock record holds only the KDF parameters and the wrapped key.
    records = await scanIndexedDb(page, needles);
    assert.deepEqual(records.filter((r) => r.hits.length), [], 'no patient data readable with the lock on');
    const files = records.filter((r) => r.db === '/nurture' && r.key.startsWith('/nurture/') &&
      r.key !== '/nurture/lock.json');
    assert.ok(files.some((r) => r.key.endsWith('workspace.snap')), 'the snapshot is stored');
    assert.ok(files.every((r) => r.sealed), `every stored file is sealed: ${JSON.stringify(files)}`);
    const lockRecord = await page.evaluate(() => window.nurture.lock.recordText);
    const rec = JSON.parse(lockRecord);
    assert.equal(rec.kdf, 'PBKDF2-SHA256');
    assert.ok(rec.iterations >= 600000);
    assert.equal(Buffer.from(rec.salt, 'base64').length, 16);
    assert.equal(Buffer.from(rec.wrapped_key, 'base64').length, 32 + 16, 'a 256-bit key plus the GCM tag');

    // Reload: the lock screen, nothing loaded, nothing drawn of the workspace.
    await page.reload();
    await waitReady(page);
    s = await waitState(page, (st) => st.storage.mode === 'locked' && st.widgets['lock.passphrase'],
      { message: 'the lock screen after a reload' });
    assert.equal(s.workspace.leads, 0, 'nothing loaded while locked');
    assert.equal(s.practice_name, '');
    assert.ok(!s.widgets['nav.settings'], 'no sidebar behind the lock screen');
    assert.equal((await command(page, { set_practice_name: 'While locked' })).ok, false, 'no edits while locked');
    await screenshot(page, 'lock-screen');
    records = await scanIndexedDb(page, needles);
    assert.deepEqual(records.filter((r) => r.hits.length), [], 'still nothing readable while locked');

    // A wrong passphrase: the generic error, still locked.
    await unlock(page, 'amber lantern over loud harbor');
    s = await waitState(page, (st) => st.lock.screen_message !== '', { message: 'the wrong-passphrase error', timeout: 20000 });
    assert.equal(s.lock.screen_message, 'The passphrase is wrong.');
    assert.equal(s.storage.mode, 'locked');
    assert.equal(s.workspace.leads, 0);
    await screenshot(page, 'lock-screen-wrong');

    // The right one: the demo is back, as it was.
    await unlock(page, PASSPHRASE);
    s = await waitState(page, (st) => st.storage.mode === 'ready' && st.workspace.leads === 2000,
      { message: 'unlocked with the demo back', timeout: 20000 });
    assert.equal(s.practice_name, 'Lumen Aesthetics & Laser');
    assert.deepEqual(s.sample_lead, lead);
    assert.equal(s.storage.lock_enabled, true);

    // Idle lock: choose 5 minutes, then move the idle clock 5 minutes on (no waiting).
    await command(page, { dismiss_welcome: true });
    await click(page, 'nav.settings');
    await clickVisible(page, 'settings.lock.idle.5');
    s = await waitState(page, (st) => st.auto_lock_minutes === 5, { message: 'idle time chosen' });
    await command(page, { idle_ms: 4 * 60000 });
    await page.waitForTimeout(300);
    assert.equal((await state(page)).storage.mode, 'ready', 'not locked before the idle time');
    await command(page, { idle_ms: 61000 });
    s = await waitState(page, (st) => st.storage.mode === 'locked', { message: 'locked after 5 idle minutes' });
    assert.equal(s.workspace.leads, 0, 'the workspace was dropped');
    await unlock(page, PASSPHRASE);
    s = await waitState(page, (st) => st.storage.mode === 'ready' && st.workspace.leads === 2000,
      { message: 'unlocked after the idle lock', timeout: 20000 });
    assert.equal(s.auto_lock_minutes, 5, 'the idle time is kept');

    // Lock now with an edit still waiting for its save: the edit is saved first, then locked.
    assert.equal((await command(page, { set_practice_name: 'Edited just before locking' })).ok, true);
    assert.equal((await state(page)).can_undo, true, 'the edit is an undo point');
    await press(page, `${mod}+Shift+L`);
    s = await waitState(page, (st) => st.storage.mode === 'locked', { message: 'Ctrl+Shift+L locked' });
    assert.equal(s.can_undo, false, 'undo history cleared');
    await unlock(page, PASSPHRASE);
    s = await waitState(page, (st) => st.storage.mode === 'ready' && st.workspace.leads === 2000,
      { message: 'unlocked after Lock now', timeout: 20000 });
    assert.equal(s.practice_name, 'Edited just before locking', 'the pending edit was saved before locking');

    // Turning it off needs the passphrase and stores everything in plain again.
    await command(page, { dismiss_welcome: true });
    await click(page, 'nav.settings');
    await clickVisible(page, 'settings.lock.off');
    await typeInto(page, 'settings.lock.current', 'not the passphrase');
    await clickVisible(page, 'settings.lock.disable');
    s = await waitState(page, (st) => st.lock_task.failed && !st.lock_task.busy, { message: 'wrong passphrase refused', timeout: 20000 });
    assert.equal(s.storage.lock_enabled, true);
    await typeInto(page, 'settings.lock.current', PASSPHRASE);
    await clickVisible(page, 'settings.lock.disable');
    s = await waitState(page, (st) => !st.storage.lock_enabled && !st.lock_task.busy && !st.lock_task.failed,
      { message: 'the lock is off', timeout: 20000 });
    records = await scanIndexedDb(page, [lead.email, lead.last_name]);
    // The name and the email are in different columns, which may lie in different parts.
    assert.equal(new Set(records.flatMap((r) => r.hits)).size, 2, 'plaintext again');
    assert.ok(records.every((r) => !r.sealed), 'nothing sealed');
    assert.ok(!records.some((r) => r.key === '/nurture/lock.json'), 'the lock record is gone');
    await page.reload();
    await waitReady(page);
    s = await waitState(page, (st) => st.storage.mode === 'ready' && st.workspace.leads === 2000,
      { message: 'opens without a passphrase' });
    assert.equal(s.practice_name, 'Edited just before locking');
    assertNoConsoleErrors(assert, browser.consoleErrors, [/Content Security Policy directive 'frame-ancestors'/]);
  } finally {
    await browser.close();
    removeProfile(profile);
    await server.close();
  }
});

test('app lock: turning it on is cancelled mid-write, a passphrase change during its key derivation; nothing changes',
  async () => {
    const server = await startServer();
    const profile = newProfile();
    const browser = await launch(profile);
    try {
      const page = await openApp(browser.context, server.url, { keepWelcome: true });
      let s = await openDemo(page);
      const lead = s.sample_lead;
      const needles = [lead.email, lead.last_name];

      // Cancel at the third put of the write's one transaction: the lock's own progress hook
      // is wrapped so the cancel lands exactly there, through the app (the card's Cancel path).
      await page.evaluate(() => {
        const L = window.nurture.lock;
        const original = L.writeProgress;
        window.__lockWrite = { max: 0, puts: 0, cancelled: null, original };
        L.writeProgress = function (fraction, cancellable) {
          const w = window.__lockWrite;
          w.max = Math.max(w.max, fraction);
          if (fraction >= 0.5 && cancellable && ++w.puts === 3) {
            const ptr = window.Module.ccall('nurture_test_command', 'number', ['string'], ['{"lock_cancel":true}']);
            w.cancelled = JSON.parse(window.Module.UTF8ToString(ptr)).ok;
          }
          return original.call(this, fraction, cancellable);
        };
      });
      await click(page, 'nav.settings');
      await clickVisible(page, 'settings.lock.start');
      await typeInto(page, 'settings.lock.new', PASSPHRASE);
      await typeInto(page, 'settings.lock.confirm', PASSPHRASE);
      await clickVisible(page, 'settings.lock.enable');
      s = await waitState(page, (st) => !st.lock_task.busy && st.lock_task.finished > 0,
        { message: 'the lock change ended', timeout: 20000 });
      const write = await page.evaluate(() => { const { original, ...w } = window.__lockWrite; return w; });
      assert.equal(write.cancelled, true, 'the cancel reached a change that could still stop');
      assert.ok(write.puts >= 3 && write.max >= 0.5, `cancelled while storing: ${JSON.stringify(write)}`);
      assert.equal(s.lock_task.cancelled, true);
      assert.equal(s.lock_task.failed, false);
      assert.equal(s.storage.lock_enabled, false);
      s = await waitState(page, (st) => /^Cancelled: nothing was changed/.test(st.lock.message),
        { message: 'the card says it was cancelled' });
      assert.equal(s.lock.step, 'enabling', 'the form stays for another try');
      assert.equal(s.auto_lock_minutes, 0, 'no idle lock was set');
      await revealFar(page, 'settings.lock.message');
      await screenshot(page, 'lock-cancelled');

      // IndexedDB is as it was: nothing sealed, no lock record, the names readable.
      let records = await scanIndexedDb(page, needles);
      assert.ok(records.every((r) => !r.sealed), 'no sealed record');
      assert.ok(!records.some((r) => r.key === '/nurture/lock.json'), 'no lock record');
      assert.equal(new Set(records.flatMap((r) => r.hits)).size, 2, 'the names are still stored in plain');
      // Saving goes on as before (in plain), and turning the lock on then works.
      await page.evaluate(() => { window.nurture.lock.writeProgress = window.__lockWrite.original; });
      assert.equal((await command(page, { set_practice_name: 'After the cancel' })).ok, true);
      await waitState(page, (st) => st.storage.save_state === 'saved' && !st.storage.unsaved,
        { message: 'saved after the cancel', timeout: 20000 });
      records = await scanIndexedDb(page, ['After the cancel']);
      assert.ok(records.some((r) => r.hits.length === 1 && !r.sealed), 'the edit is stored, in plain');
      await typeInto(page, 'settings.lock.new', PASSPHRASE);
      await typeInto(page, 'settings.lock.confirm', PASSPHRASE);
      await clickVisible(page, 'settings.lock.enable');
      s = await waitState(page, (st) => st.storage.lock_enabled && !st.lock_task.busy,
        { message: 'the lock is on after all', timeout: 20000 });
      assert.equal(s.lock_task.cancelled, false);
      records = await scanIndexedDb(page, needles);
      assert.deepEqual(records.filter((r) => r.hits.length), [], 'no patient data readable with the lock on');

      // A passphrase change cancelled while its first key derivation runs: nothing is written.
      await page.evaluate(() => {
        const subtle = window.crypto.subtle;
        const derive = subtle.deriveKey.bind(subtle);
        let first = true;
        subtle.deriveKey = (...args) => {
          if (first) {
            first = false;
            const ptr = window.Module.ccall('nurture_test_command', 'number', ['string'], ['{"lock_cancel":true}']);
            window.__changeCancelled = JSON.parse(window.Module.UTF8ToString(ptr)).ok;
          }
          return derive(...args);
        };
      });
      const recordBefore = await page.evaluate(() => window.nurture.lock.recordText);
      await clickVisible(page, 'settings.lock.change');
      await typeInto(page, 'settings.lock.current', PASSPHRASE);
      await typeInto(page, 'settings.lock.new', 'a different harbor entirely');
      await typeInto(page, 'settings.lock.confirm', 'a different harbor entirely');
      const finished = (await state(page)).lock_task.finished;
      await clickVisible(page, 'settings.lock.change_apply');
      s = await waitState(page, (st) => !st.lock_task.busy && st.lock_task.finished > finished,
        { message: 'the passphrase change ended', timeout: 20000 });
      assert.equal(await page.evaluate(() => window.__changeCancelled), true);
      assert.equal(s.lock_task.cancelled, true, s.lock_task.message);
      s = await waitState(page, (st) => /passphrase is unchanged/.test(st.lock.message), { message: 'said so' });
      assert.equal(s.lock.step, 'changing');
      assert.equal(await page.evaluate(() => window.nurture.lock.recordText), recordBefore, 'the record is unchanged');

      // The old passphrase still opens it after a reload.
      await page.reload();
      await waitReady(page);
      await unlock(page, PASSPHRASE);
      s = await waitState(page, (st) => st.storage.mode === 'ready' && st.workspace.leads === 2000,
        { message: 'the old passphrase opens it', timeout: 20000 });
      assert.equal(s.practice_name, 'After the cancel');
      assertNoConsoleErrors(assert, browser.consoleErrors, [/Content Security Policy directive 'frame-ancestors'/]);
    } finally {
      await browser.close();
      removeProfile(profile);
      await server.close();
    }
  });
