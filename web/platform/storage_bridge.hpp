#pragma once
/// Calls into shell/library_storage.js. Each returns at once; outcomes come back later as
/// storage events (WebStorage::on_event), never from inside these calls.

#include <string>

namespace nurture::web::storage_js {

/// Mounts IDBFS at /nurture, asks for the writer lock without waiting, loads the stored files.
/// Reports "loaded" ("writer" or "reader") or "load-failed" (the reason); also "persistence"
/// and "private-mode" when known.
void start();
/// Queues a write of memory to IndexedDB (refused in JS unless this tab is a loaded writer).
/// Reports "sync-ok" ("<id>") or "sync-failed" ("<id> <ErrorName>: <message>").
void sync(int id);
/// Gives up the writer lock (after the last save, when another tab takes over).
void release();
/// Asks the writer tab to hand over, takes the lock (stealing it after ~3 s), reloads the
/// files and reports "loaded" ("writer").
void take_over();
/// `ask`: navigator.storage.persist(), else persisted(); reports "persistence".
void persistence(bool ask);
/// App lock (shell/library_lock.js). lock(): after the queued syncs, drops the key and the
/// in-memory files and reports "locked". unlock(): "unlock-failed" (message) or a new load.
/// enable/disable/change: "lock-done" ("on", "off", "changed"), "lock-failed" (message) or,
/// after lock_cancel(), "lock-cancelled" (the kind); on the way, "lock-progress" ("<fraction>
/// <1 while it can still be cancelled, else 0>"). Every load and change also reports
/// "lock-state" ("on"/"off").
void lock();
void unlock(const std::string& passphrase);
void lock_enable(const std::string& passphrase);
void lock_disable(const std::string& passphrase);
void lock_change(const std::string& old_passphrase, const std::string& new_passphrase);
/// Stops the running lock change if it can still be stopped (library_lock.js, NurtureLock.cancel).
void lock_cancel();

}  // namespace nurture::web::storage_js
