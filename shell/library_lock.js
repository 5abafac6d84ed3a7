// The app lock (docs/storage.md, "App lock"): every stored file is encrypted at rest with a
// random AES-256-GCM data key; the data key is stored only wrapped (AES-GCM) under a key derived
// from the passphrase (PBKDF2-SHA256, 600,000 iterations, random salt; shell/crypto.js). The
// wrapped key, salt and iterations sit in the one unencrypted file, the lock record
// /nurture/lock.json. Files are sealed and opened in IDBFS.reconcile (library_storage.js), so
// the C++ app and the in-memory files never see ciphertext, and a save still lands in one
// IndexedDB transaction. While locked, the in-memory files are wiped and nothing is written.
/* global mergeInto, LibraryManager, Module, FS, IDBFS, UTF8ToString */
var LibraryNurtureLock = {
  $NurtureLock__deps: ['$NurtureStorage', '$FS', '$IDBFS'],
  $NurtureLock: {
    FILE: 'lock.json',
    GENERIC: 'The passphrase is wrong.',
    // Bound to each wrap and each file as additional data: a wrapped key or a file moved to
    // another role or path does not open.
    WRAP_AAD: 'nurture.lock 1',

    dataKey: null,   // CryptoKey (non-extractable) while unlocked with the lock on
    recordText: null, // the lock record the key came from
    locked: false,   // the lock screen is up: nothing is loaded and nothing is written
    rewriteAll: false, // the next write re-stores every file (the lock was turned on or off)
    // The running enable, disable or passphrase change (U13: progress and Cancel), or null:
    // {kind: 'on'|'off'|'changed', cancelled, writing (its sync has started), base (the share of
    // the bar done before the write), shown, cancellable (what was last reported)}.
    task: null,

    path: function () { return NurtureStorage.DIR + '/' + NurtureLock.FILE; },

    // The lock record straight from IndexedDB, before anything is loaded. cb(err, text|null).
    readRecord: function (cb) {
      IDBFS.getDB(NurtureStorage.DIR, function (err, db) {
        if (err || !db) { cb(err || new DOMException('IndexedDB could not be opened', 'UnknownError')); return; }
        try {
          var req = db.transaction([IDBFS.DB_STORE_NAME], 'readonly').objectStore(IDBFS.DB_STORE_NAME)
            .get(NurtureLock.path());
          req.onsuccess = function () {
            var e = req.result;
            cb(null, e && e.contents ? new TextDecoder().decode(e.contents) : null);
          };
          req.onerror = function (ev) { cb(req.error); if (ev && ev.preventDefault) ev.preventDefault(); };
        } catch (e) { cb(e); }
      });
    },

    // Encrypts one IDBFS entry for `path` (files only; the lock record stays readable).
    seal: function (path, entry, key) {
      if (!key || !entry || !entry.contents || path === NurtureLock.path()) return Promise.resolve(entry);
      var iv = crypto.getRandomValues(new Uint8Array(12));
      return crypto.subtle.encrypt({ name: 'AES-GCM', iv: iv, additionalData: new TextEncoder().encode(path) },
        key, entry.contents).then(function (data) {
        return { timestamp: entry.timestamp, mode: entry.mode, contents: new Uint8Array(data), iv: iv, sealed: 1 };
      });
    },

    // Decrypts one entry. A sealed entry without a key refuses the whole load (writing from
    // that state would replace the encrypted files); one that does not decrypt (damaged) is
    // handed over still sealed, so the app sees an unreadable snapshot and falls back (R7).
    open: function (path, entry, key) {
      if (!entry || !entry.sealed) return Promise.resolve(entry);
      if (!key) return Promise.reject(new DOMException('the stored data is encrypted but its lock record is missing', 'InvalidStateError'));
      return crypto.subtle.decrypt({ name: 'AES-GCM', iv: entry.iv, additionalData: new TextEncoder().encode(path) },
        key, entry.contents).then(function (data) {
        return { timestamp: entry.timestamp, mode: entry.mode, contents: new Uint8Array(data) };
      }, function () { return entry; });
    },

    wrap: function (dataKey, passphrase) {
      var C = Module.nurture.crypto;
      var salt = crypto.getRandomValues(new Uint8Array(16));
      var iv = crypto.getRandomValues(new Uint8Array(12));
      return C.deriveKey(passphrase, salt, C.ITERATIONS, 'wrapKey').then(function (kek) {
        return crypto.subtle.wrapKey('raw', dataKey, kek,
          { name: 'AES-GCM', iv: iv, additionalData: new TextEncoder().encode(NurtureLock.WRAP_AAD) });
      }).then(function (wrapped) {
        return JSON.stringify({ format: 'nurture.lock', version: 1, cipher: 'AES-256-GCM', kdf: 'PBKDF2-SHA256',
          iterations: C.ITERATIONS, salt: C.toBase64(salt), iv: C.toBase64(iv),
          wrapped_key: C.toBase64(new Uint8Array(wrapped)) });
      });
    },

    // Rejects with one generic message for a wrong passphrase and a damaged record.
    unwrap: function (text, passphrase, extractable) {
      var C = Module.nurture.crypto;
      var L = NurtureLock;
      return Promise.resolve().then(function () {
        var r = JSON.parse(text);
        if (!r || r.format !== 'nurture.lock' || r.version !== 1 || !Number.isInteger(r.iterations) ||
            r.iterations < C.MIN_ITERATIONS || r.iterations > C.MAX_ITERATIONS) throw new Error('bad record');
        var salt = C.fromBase64(r.salt);
        var iv = C.fromBase64(r.iv);
        if (salt.length !== 16 || iv.length !== 12) throw new Error('bad sizes');
        return C.deriveKey(passphrase, salt, r.iterations, 'unwrapKey').then(function (kek) {
          return crypto.subtle.unwrapKey('raw', C.fromBase64(r.wrapped_key), kek,
            { name: 'AES-GCM', iv: iv, additionalData: new TextEncoder().encode(L.WRAP_AAD) },
            { name: 'AES-GCM' }, extractable, ['encrypt', 'decrypt']);
        });
      }).catch(function () { throw new Error(L.GENERIC); });
    },

    wipeMemory: function () {
      var dir = NurtureStorage.DIR;
      try {
        FS.readdir(dir).forEach(function (name) {
          var p = dir + '/' + name;
          if (name !== '.' && name !== '..' && FS.isFile(FS.stat(p).mode)) FS.unlink(p);
        });
      } catch (e) { /* nothing mounted */ }
    },

    // Drops the key and the in-memory files; loaded=false fences every write (IDBFS would
    // otherwise delete the stored files missing from memory).
    enterLocked: function (detail) {
      var L = NurtureLock;
      var S = NurtureStorage;
      L.locked = true;
      L.dataKey = null;
      L.recordText = null;
      S.loaded = false;
      L.wipeMemory();
      S.event('locked', detail || '');
    },

    // "Lock now" and the idle lock: after the syncs already queued (the last save lands first).
    lock: function () {
      NurtureStorage.queue.push({ run: function (done) { NurtureLock.enterLocked('user'); done(); } });
      NurtureStorage.pump();
    },

    unlock: function (passphrase) {
      var L = NurtureLock;
      var S = NurtureStorage;
      L.readRecord(function (err, text) {
        if (err) { S.event('unlock-failed', S.describe(err)); return; }
        if (text === null) { L.locked = false; S.load(); return; }  // turned off in another tab
        L.unwrap(text, passphrase, false).then(function (key) {
          L.dataKey = key;
          L.recordText = text;
          L.locked = false;
          S.load();
        }, function (e) { S.event('unlock-failed', e.message); });
      });
    },

    // Runs a write that changes the lock: `apply` switches the state just before the sync (so
    // syncs queued earlier still use the old one), `undo` restores it if the write fails.
    // Cancelled before its sync starts, or during it (reconcile aborts the transaction), it ends
    // with "lock-cancelled" after `undo`.
    change: function (kind, apply, undo) {
      var S = NurtureStorage;
      var L = NurtureLock;
      if (L.cancelledBeforeWrite()) return;
      S.sync(false, function (err) {
        var task = L.task;
        L.task = null;
        if (err && task && task.cancelled) { S.event('lock-cancelled', kind); return; }
        if (err) { S.event('lock-failed', S.describe(err)); return; }
        if (S.channel) S.channel.postMessage({ type: 'saved' });
        S.event('lock-state', L.dataKey ? 'on' : 'off');
        S.event('lock-done', kind);
      }, {
        before: function () {
          if (L.task) L.task.writing = true;
          apply();
        },
        rollback: undo,
      });
    },

    // A failure before the write: the task ends with the message.
    fail: function (message) {
      NurtureLock.task = null;
      NurtureStorage.event('lock-failed', message);
    },

    beginChange: function (kind) {
      NurtureLock.task = { kind: kind, cancelled: false, writing: false, base: 0, shown: -1, cancellable: true };
      NurtureLock.progress(0, true);
    },

    // Tells the app how far the change is (0..1) and whether Cancel can still stop it: at most
    // one event per percent.
    progress: function (fraction, cancellable) {
      var t = NurtureLock.task;
      if (!t) return;
      var percent = Math.floor(fraction * 100);
      if (percent === t.shown && cancellable === t.cancellable) return;
      t.shown = percent;
      t.cancellable = cancellable;
      NurtureStorage.event('lock-progress', fraction.toFixed(3) + ' ' + (cancellable ? 1 : 0));
    },

    // Progress within the write (0..1), after the key derivations' share of the bar.
    writeProgress: function (fraction, cancellable) {
      var t = NurtureLock.task;
      if (t) NurtureLock.progress(t.base + (1 - t.base) * fraction, cancellable);
    },

    // The key derivations are done: `base` of the bar is filled.
    derived: function (base) {
      var t = NurtureLock.task;
      if (!t) return;
      t.base = base;
      NurtureLock.progress(base, true);
    },

    // Cancel: the change stops at its next check (after a key derivation, after sealing, before
    // each put), and the write's one transaction is aborted, so nothing stored changes.
    cancel: function () { if (NurtureLock.task) NurtureLock.task.cancelled = true; },

    // Before the write: a change cancelled during its key derivations ends here, nothing done.
    cancelledBeforeWrite: function () {
      var t = NurtureLock.task;
      if (!t || !t.cancelled) return false;
      NurtureLock.task = null;
      NurtureStorage.event('lock-cancelled', t.kind);
      return true;
    },

    // What reconcile stops the lock change's transaction with.
    cancelError: function () { return new DOMException('the lock change was cancelled', 'AbortError'); },

    writeRecord: function (text) { FS.writeFile(NurtureLock.path(), text); },

    enable: function (passphrase) {
      var L = NurtureLock;
      var S = NurtureStorage;
      if (L.dataKey || !S.loaded || !S.writer) { S.event('lock-failed', 'The lock is already on, or this tab cannot save.'); return; }
      L.beginChange('on');
      var extractable;
      crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']).then(function (k) {
        extractable = k;
        return L.wrap(k, passphrase);
      }).then(function (text) {
        // The key in use is not extractable: only its wrapped form ever leaves WebCrypto.
        return crypto.subtle.exportKey('raw', extractable).then(function (raw) {
          var bytes = new Uint8Array(raw);
          return crypto.subtle.importKey('raw', bytes, 'AES-GCM', false, ['encrypt', 'decrypt']).then(function (key) {
            bytes.fill(0);
            L.derived(0.1);
            L.change('on', function () {
              L.dataKey = key;
              L.recordText = text;
              L.writeRecord(text);
              L.rewriteAll = true;
            }, function () {
              L.dataKey = null;
              L.recordText = null;
              L.rewriteAll = false;
              try { FS.unlink(L.path()); } catch (e) { /* not written */ }
            });
          });
        });
      }).catch(function (e) { L.fail(S.describe(e)); });
    },

    disable: function (passphrase) {
      var L = NurtureLock;
      var S = NurtureStorage;
      if (!L.dataKey || !L.recordText) { S.event('lock-failed', 'The lock is not on.'); return; }
      var oldKey = L.dataKey;
      var oldText = L.recordText;
      L.beginChange('off');
      L.unwrap(oldText, passphrase, false).then(function () {
        L.derived(0.1);
        L.change('off', function () {
          L.dataKey = null;
          L.recordText = null;
          try { FS.unlink(L.path()); } catch (e) { /* already gone */ }
          L.rewriteAll = true;
        }, function () {
          L.dataKey = oldKey;
          L.recordText = oldText;
          L.rewriteAll = false;
          L.writeRecord(oldText);
        });
      }, function (e) { L.fail(e.message); });
    },

    // A new passphrase re-wraps the same data key: only the lock record changes.
    changePassphrase: function (oldPassphrase, newPassphrase) {
      var L = NurtureLock;
      var S = NurtureStorage;
      if (!L.recordText) { S.event('lock-failed', 'The lock is not on.'); return; }
      var oldText = L.recordText;
      L.beginChange('changed');
      // Two key derivations, each half of the bar; the write is one small record.
      L.unwrap(oldText, oldPassphrase, true).then(function (key) {
        if (L.cancelledBeforeWrite()) return undefined;
        L.derived(0.5);
        return L.wrap(key, newPassphrase).then(function (text) {
          L.derived(1);
          L.change('changed', function () {
            L.recordText = text;
            L.writeRecord(text);
          }, function () {
            L.recordText = oldText;
            L.writeRecord(oldText);
          });
        });
      }, function (e) { L.fail(e.message); });
    },
  },

  nurture_js_lock_now__deps: ['$NurtureLock'],
  nurture_js_lock_now: function () { NurtureLock.lock(); },
  nurture_js_lock_cancel__deps: ['$NurtureLock'],
  nurture_js_lock_cancel: function () { NurtureLock.cancel(); },
  nurture_js_lock_unlock__deps: ['$NurtureLock'],
  nurture_js_lock_unlock: function (pass) { NurtureLock.unlock(UTF8ToString(pass)); },
  nurture_js_lock_enable__deps: ['$NurtureLock'],
  nurture_js_lock_enable: function (pass) { NurtureLock.enable(UTF8ToString(pass)); },
  nurture_js_lock_disable__deps: ['$NurtureLock'],
  nurture_js_lock_disable: function (pass) { NurtureLock.disable(UTF8ToString(pass)); },
  nurture_js_lock_change__deps: ['$NurtureLock'],
  nurture_js_lock_change: function (oldPass, newPass) {
    NurtureLock.changePassphrase(UTF8ToString(oldPass), UTF8ToString(newPass));
  },
};
mergeInto(LibraryManager.library, LibraryNurtureLock);
