// Storage glue the C++ app calls (web/platform/storage_bridge.cpp): IDBFS mount and syncs, the
// single-writer lock across tabs, and the browser's persistence API. Decisions (what to save,
// when, what to show) stay in C++; this file only keeps the browser-side rules that must hold
// even if C++ asked for something wrong:
//   - no syncfs(false) before a successful load, nor in a tab without the writer lock;
//   - one syncfs at a time (a queue), each with an 8 s watchdog, late callbacks ignored;
//   - every outcome goes back to C++ as an event (kind, detail) through nurture_storage_event,
//     always asynchronously so C++ is never re-entered from its own call.
// The app lock (library_lock.js) seals and opens the stored files inside reconcile below.
/* global mergeInto, LibraryManager, Module, FS, IDBFS, ABORT, NurtureLock */
var LibraryNurtureStorage = {
  $NurtureStorage__deps: ['$FS', '$IDBFS'],
  $NurtureStorage: {
    DIR: '/nurture',
    LOCK: 'nurture-writer',
    CHANNEL: 'nurture-storage',
    // A hung sync must show as "not saved" within 10 s of the change (R3): the save starts
    // 0.4 s after the last edit, so the watchdog gives up after 8 s. Tests may lower it.
    WATCHDOG_MS: 8000,
    STEAL_AFTER_MS: 3000,
    LOCK_ATTEMPTS: 3,
    LOCK_RETRY_MS: 250,
    // Chromium's incognito quota is bounded by memory (a few hundred MB at most), a normal
    // profile's by the disk (60% of it). Below this, storage will most likely not outlive the
    // window. A normal profile on a nearly full disk can trip it; the warning then merely says
    // data may not be kept, which is true there too.
    PRIVATE_QUOTA_BYTES: 400 * 1024 * 1024,

    writer: false,        // this tab holds the writer lock
    loaded: false,        // the last load (syncfs(true)) succeeded; writes are allowed only then
    takingOver: false,
    reloadQueued: false,
    releaseLock: null,    // resolves the promise that keeps the lock held
    channel: null,
    queue: [],
    busy: false,
    stats: { writes: 0, loads: 0, refused: 0, timeouts: 0 },

    // A microtask, not a timer: it still runs after the current call into JS has returned to
    // C++ and unwound, but is not throttled in a background tab (a hidden writer must still
    // hand over the lock promptly).
    event: function (kind, detail) {
      Promise.resolve().then(function () {
        if (Module.nurture && Module.nurture.failed) return;
        Module.ccall('nurture_storage_event', null, ['string', 'string'], [kind, String(detail || '')]);
      });
    },

    stopped: function () { return ABORT || !!(Module.nurture && Module.nurture.failed); },

    // The page before this one in this tab stopped with unsaved changes (shell/pre.js leaves
    // the note): tell C++ before the load, so the load can say so.
    checkInterrupted: function () {
      var S = NurtureStorage;
      var key = Module.nurture.STOPPED_UNSAVED_KEY;
      try {
        if (sessionStorage.getItem(key) === null) return;
        sessionStorage.removeItem(key);
        S.event('interrupted', '');
      } catch (e) { /* no sessionStorage (sandboxed): nothing to report */ }
    },

    describe: function (e) {
      if (e === null || e === undefined) return 'Error: unknown storage error';
      if (typeof e === 'number') return 'Error: file system error ' + e;
      var name = e.name || 'Error';
      return name + ': ' + (e.message || String(e));
    },

    // Runs syncfs jobs one at a time. cb(err) gets null on success. `options.before` runs just
    // before the sync starts, `options.rollback` when it fails (the app lock's state changes).
    sync: function (populate, cb, options) {
      var o = options || {};
      NurtureStorage.queue.push({ populate: populate, cb: cb, before: o.before, rollback: o.rollback });
      NurtureStorage.pump();
    },

    pump: function () {
      var S = NurtureStorage;
      if (S.busy || !S.queue.length) return;
      var job = S.queue.shift();
      if (job.run) {
        // A step that must wait for the syncs queued before it (locking).
        S.busy = true;
        job.run(function () { S.busy = false; S.pump(); });
        return;
      }
      if (!job.populate && !(S.writer && S.loaded && !S.stopped())) {
        // The fence: a reader, or a tab whose load failed, must never write, because IDBFS
        // deletes stored files missing from this tab's memory. Nor may a tab whose app has
        // stopped (an abort, an uncaught error): it may have died in the middle of a save,
        // with the previous copy overwritten in memory and the head not yet naming the new
        // snapshot, and a sync queued before the stop would store exactly that.
        S.stats.refused++;
        job.cb(new DOMException(S.stopped() ? 'the app has stopped' : 'this tab is not the writer or has not loaded',
          'InvalidStateError'));
        S.pump();
        return;
      }
      S.busy = true;
      var finished = false;
      var finish = function (err) {
        if (finished) return;  // a late callback from a sync the watchdog already gave up on
        finished = true;
        clearTimeout(timer);
        S.busy = false;
        if (err && job.rollback) job.rollback();
        job.cb(err || null);
        S.pump();
      };
      // IDBFS in 3.1.6 may never call back when IndexedDB fails (abort, quota).
      var timer = setTimeout(function () {
        S.stats.timeouts++;
        finish(new DOMException('IndexedDB did not answer within ' + S.WATCHDOG_MS / 1000 + ' s', 'TimeoutError'));
      }, S.WATCHDOG_MS);
      if (job.populate) S.stats.loads++; else S.stats.writes++;
      try {
        if (job.before) job.before();
        FS.syncfs(job.populate, finish);
      } catch (e) {
        finish(e);
      }
    },

    // Loads the stored files into memory and tells C++ whether this tab may write. With the
    // app lock on and no key for the stored lock record, shows the lock screen instead.
    load: function () {
      var S = NurtureStorage;
      var L = NurtureLock;
      S.loaded = false;
      L.readRecord(function (lockErr, text) {
        // A failed read falls through to the load, which reports the same failure.
        if (!lockErr && text !== null && text !== L.recordText) {
          L.enterLocked('start');
          return;
        }
        if (!lockErr && text === null) {
          L.dataKey = null;
          L.recordText = null;
        }
        S.sync(true, function (err) {
          if (err) {
            // Without a load this tab must never write; let another tab be the writer.
            S.release();
            S.event('load-failed', S.describe(err));
            return;
          }
          S.loaded = true;
          S.event('lock-state', L.dataKey ? 'on' : 'off');
          S.event('loaded', S.writer ? 'writer' : 'reader');
        });
      });
    },

    // Asks for the lock. `onResult(held)` runs once; returning false declines a granted lock
    // (it is released at once). A lock stolen later is reported as "lock-lost".
    requestLock: function (options, onResult) {
      var S = NurtureStorage;
      var held = false;
      return navigator.locks.request(S.LOCK, options, function (lock) {
        if (!lock) { onResult(false); return undefined; }
        if (onResult(true) === false) return undefined;
        held = true;
        S.writer = true;
        return new Promise(function (resolve) { S.releaseLock = resolve; });
      }).catch(function (e) {
        if (!held) return;  // a waiting request we aborted ourselves
        // Another tab stole the lock: stop writing at once.
        if (S.writer) {
          S.writer = false;
          S.releaseLock = null;
          S.queue = S.queue.filter(function (job) { return job.populate; });
          S.event('lock-lost', S.describe(e));
        }
      });
    },

    release: function () {
      var S = NurtureStorage;
      S.writer = false;
      S.queue = S.queue.filter(function (job) { return job.populate; });
      if (S.releaseLock) { S.releaseLock(); S.releaseLock = null; }
    },

    onMessage: function (msg) {
      var S = NurtureStorage;
      if (!msg || !msg.data) return;
      if (msg.data.type === 'release-request' && S.writer) {
        // A locked tab has nothing unsaved: it hands over at once.
        if (NurtureLock.locked) S.release(); else S.event('release-requested', '');
      } else if (msg.data.type === 'saved' && !S.writer && S.loaded && !S.takingOver && !S.reloadQueued) {
        // A reader follows the writer's saves so it shows current data; the writer may have
        // turned the lock on, so the lock record is checked first.
        S.reloadQueued = true;
        NurtureLock.readRecord(function (lockErr, text) {
          if (!lockErr && text !== null && text !== NurtureLock.recordText) {
            S.reloadQueued = false;
            NurtureLock.enterLocked('start');
            return;
          }
          if (!lockErr && text === null) NurtureLock.dataKey = null;
          S.sync(true, function (err) {
            S.reloadQueued = false;
            if (!err && !S.writer && !S.takingOver) {
              S.event('lock-state', NurtureLock.dataKey ? 'on' : 'off');
              S.event('loaded', 'reader');
            }
          });
        });
      }
    },

    start: function () {
      var S = NurtureStorage;
      try {
        FS.mkdir(S.DIR);
        FS.mount(IDBFS, {}, S.DIR);
      } catch (e) {
        S.event('load-failed', S.describe(e));
        return;
      }
      S.patchIdbfs();
      S.checkInterrupted();
      if (typeof BroadcastChannel !== 'undefined') {
        S.channel = new BroadcastChannel(S.CHANNEL);
        S.channel.onmessage = S.onMessage;
      }
      S.checkPersistence(false);
      if (navigator.storage && navigator.storage.estimate) {
        navigator.storage.estimate().then(function (est) {
          if (est && est.quota && est.quota < S.PRIVATE_QUOTA_BYTES) S.event('private-mode', '1');
        }, function () {});
      }
      if (!navigator.locks) {
        // No Web Locks (an insecure context or a very old browser): act as the writer, as a
        // single-tab app would. Tabs are then not fenced against each other.
        console.warn('Nurture: Web Locks unavailable; other tabs are not fenced');
        S.writer = true;
        S.load();
        return;
      }
      // On a reload the old page's lock may be released a moment after this page asks, and a
      // lone tab must not come up read-only: ask again twice before settling for reading.
      // (ifAvailable, not a timed wait: the lock manager's answer does not depend on how busy
      // this page's main thread is.)
      var attempts = 0;
      var tryLock = function () {
        S.requestLock({ ifAvailable: true }, function (held) {
          if (!held && ++attempts < S.LOCK_ATTEMPTS) {
            setTimeout(tryLock, S.LOCK_RETRY_MS);
            return false;
          }
          S.load();
          return true;
        });
      };
      tryLock();
    },

    takeOver: function () {
      var S = NurtureStorage;
      if (S.writer || S.takingOver || !navigator.locks) return;
      S.takingOver = true;
      S.loaded = false;
      var granted = false;
      var onGranted = function (held) {
        if (!held || granted) return false;
        granted = true;
        clearTimeout(stealTimer);
        S.takingOver = false;
        S.load();
        return true;
      };
      var waiting = new AbortController();
      S.requestLock({ signal: waiting.signal }, onGranted);
      // The writer saves and releases; if it does not answer (frozen, crashed), take the lock.
      var stealTimer = setTimeout(function () {
        if (granted) return;
        waiting.abort();
        S.requestLock({ steal: true }, onGranted);
      }, S.STEAL_AFTER_MS);
      if (S.channel) S.channel.postMessage({ type: 'release-request' });
    },

    checkPersistence: function (ask) {
      var S = NurtureStorage;
      if (!navigator.storage || !navigator.storage.persisted) {
        if (ask) S.event('persistence', 'denied');
        return;
      }
      var p = ask ? navigator.storage.persist() : navigator.storage.persisted();
      p.then(function (granted) {
        // Before asking, "not persisted" only means "not asked yet": stay unknown.
        if (granted || ask) S.event('persistence', granted ? 'granted' : 'denied');
      }, function () { if (ask) S.event('persistence', 'denied'); });
    },

    // IDBFS 3.1.6 reports request errors as `this.error` inside arrow functions (undefined)
    // and has no abort handler, so a failed put either looks like success or never calls back.
    // These replacements report the real DOMException (QuotaExceededError, AbortError, ...).
    patchIdbfs: function () {
      var fail = function (callback, req) {
        return function (e) {
          callback((req && req.error) || new DOMException('IndexedDB request failed', 'UnknownError'));
          if (e && e.preventDefault) e.preventDefault();
        };
      };
      IDBFS.loadRemoteEntry = function (store, path, callback) {
        var req = store.get(path);
        req.onsuccess = function (event) { callback(null, event.target.result); };
        req.onerror = fail(callback, req);
      };
      IDBFS.storeRemoteEntry = function (store, path, entry, callback) {
        var req;
        try { req = store.put(entry, path); } catch (e) { callback(e); return; }
        req.onsuccess = function () { callback(null); };
        req.onerror = fail(callback, req);
      };
      IDBFS.removeRemoteEntry = function (store, path, callback) {
        var req;
        try { req = store.delete(path); } catch (e) { callback(e); return; }
        req.onsuccess = function () { callback(null); };
        req.onerror = fail(callback, req);
      };
      // The same reconcile as 3.1.6, plus: the first error aborts the transaction, so a save
      // lands completely or not at all, and an abort (quota at commit time) is reported. With
      // the app lock on, files are sealed before the write transaction opens and opened after
      // the read transaction ends: a transaction commits as soon as the page waits on anything
      // but its own requests, and WebCrypto is asynchronous.
      IDBFS.reconcile = function (src, dst, callback) {
        var L = NurtureLock;
        var toRemote = dst.type === 'remote';
        var all = toRemote && L.rewriteAll;  // the lock changed: every file is stored anew
        if (toRemote) L.rewriteAll = false;
        var key = L.dataKey;
        var create = [];
        var remove = [];
        Object.keys(src.entries).forEach(function (key) {
          var e = src.entries[key];
          var e2 = dst.entries[key];
          if (all || !e2 || e.timestamp.getTime() !== e2.timestamp.getTime()) create.push(key);
        });
        Object.keys(dst.entries).forEach(function (key) { if (!src.entries[key]) remove.push(key); });
        if (!create.length && !remove.length) { callback(null); return; }
        create.sort();
        remove.sort().reverse();
        var finished = false;
        var done = function (err) {
          if (finished) return;
          finished = true;
          callback(err);
        };
        var db = src.type === 'remote' ? src.db : dst.db;
        // Runs `fill(store, step)` in one readwrite transaction; `complete` after it commits.
        var transact = function (fill, complete) {
          var tx;
          try { tx = db.transaction([IDBFS.DB_STORE_NAME], 'readwrite'); } catch (e) { done(e); return; }
          var store = tx.objectStore(IDBFS.DB_STORE_NAME);
          var step = function (err) {
            if (!err) return;
            done(err);
            try { tx.abort(); } catch (e) { /* already finished */ }
          };
          tx.onerror = function (e) {
            done(tx.error || new DOMException('IndexedDB write failed', 'UnknownError'));
            e.preventDefault();
          };
          tx.onabort = function () {
            done(tx.error || new DOMException('IndexedDB transaction aborted', 'AbortError'));
          };
          tx.oncomplete = function () { if (!finished) complete(); };
          fill(store, step);
        };
        if (toRemote) {
          var local = [];
          var readError = null;
          create.forEach(function (path) {
            IDBFS.loadLocalEntry(path, function (err, entry) { if (err) readError = err; local.push(entry); });
          });
          if (readError) { done(readError); return; }
          // The lock change's own write reports its progress (sealing, then storing) and stops
          // when cancelled: before the transaction opens, or by aborting it before a put.
          var task = L.task && L.task.writing ? L.task : null;
          var sealedCount = 0;
          Promise.all(create.map(function (path, i) {
            return L.seal(path, local[i], key).then(function (entry) {
              if (task) L.writeProgress(0.5 * ++sealedCount / create.length, true);
              return entry;
            });
          })).then(function (sealed) {
            if (task && task.cancelled) { done(L.cancelError()); return; }
            transact(function (store, step) {
              // One put at a time, each from the success of the one before: a put clones its file
              // synchronously, so issuing them all at once made storing tens of megabytes one long
              // task. A request's success handler keeps the transaction alive, so the save still
              // lands whole or not at all, and the page can draw between the puts.
              var at = 0;
              var next = function (err) {
                if (err) { step(err); return; }
                if (task && task.cancelled) { step(L.cancelError()); return; }
                if (task) L.writeProgress(0.5 + 0.5 * at / create.length, at < create.length);
                if (at < create.length) {
                  var i = at++;
                  IDBFS.storeRemoteEntry(store, create[i], sealed[i], next);
                  return;
                }
                remove.forEach(function (path) { IDBFS.removeRemoteEntry(store, path, step); });
              };
              next(null);
            }, function () { done(null); });
          }, done);
          return;
        }
        var remote = {};
        transact(function (store, step) {
          create.forEach(function (path) {
            IDBFS.loadRemoteEntry(store, path, function (err, entry) {
              if (err) { step(err); return; }
              remote[path] = entry;
            });
          });
        }, function () {
          Promise.all(create.map(function (path) { return L.open(path, remote[path], key); })).then(function (opened) {
            var err = null;
            var keep = function (e) { if (e && !err) err = e; };
            create.forEach(function (path, i) { if (!err) IDBFS.storeLocalEntry(path, opened[i], keep); });
            remove.forEach(function (path) { if (!err) IDBFS.removeLocalEntry(path, keep); });
            done(err);
          }, done);
        });
      };
    },
  },

  nurture_js_storage_start__deps: ['$NurtureStorage', '$NurtureLock'],
  nurture_js_storage_start: function () {
    Module.nurture.storage = NurtureStorage;
    Module.nurture.lock = NurtureLock;
    NurtureStorage.start();
  },

  nurture_js_storage_sync__deps: ['$NurtureStorage'],
  nurture_js_storage_sync: function (id) {
    var S = NurtureStorage;
    S.sync(false, function (err) {
      if (err) {
        S.event('sync-failed', id + ' ' + S.describe(err));
        return;
      }
      if (S.channel) S.channel.postMessage({ type: 'saved' });
      S.event('sync-ok', String(id));
    });
  },

  nurture_js_storage_release__deps: ['$NurtureStorage'],
  nurture_js_storage_release: function () { NurtureStorage.release(); },

  nurture_js_storage_take_over__deps: ['$NurtureStorage'],
  nurture_js_storage_take_over: function () { NurtureStorage.takeOver(); },

  nurture_js_storage_persist__deps: ['$NurtureStorage'],
  nurture_js_storage_persist: function (ask) { NurtureStorage.checkPersistence(!!ask); },
};
mergeInto(LibraryManager.library, LibraryNurtureStorage);
