#include "web/platform/storage_bridge.hpp"

// Implemented in shell/library_storage.js.
extern "C" {
void nurture_js_storage_start();
void nurture_js_storage_sync(int id);
void nurture_js_storage_release();
void nurture_js_storage_take_over();
void nurture_js_storage_persist(int ask);
void nurture_js_lock_now();
void nurture_js_lock_cancel();
void nurture_js_lock_unlock(const char* passphrase);
void nurture_js_lock_enable(const char* passphrase);
void nurture_js_lock_disable(const char* passphrase);
void nurture_js_lock_change(const char* old_passphrase, const char* new_passphrase);
}

namespace nurture::web::storage_js {

void start() { nurture_js_storage_start(); }
void sync(int id) { nurture_js_storage_sync(id); }
void release() { nurture_js_storage_release(); }
void take_over() { nurture_js_storage_take_over(); }
void persistence(bool ask) { nurture_js_storage_persist(ask ? 1 : 0); }
void lock() { nurture_js_lock_now(); }
void lock_cancel() { nurture_js_lock_cancel(); }
void unlock(const std::string& passphrase) { nurture_js_lock_unlock(passphrase.c_str()); }
void lock_enable(const std::string& passphrase) { nurture_js_lock_enable(passphrase.c_str()); }
void lock_disable(const std::string& passphrase) { nurture_js_lock_disable(passphrase.c_str()); }
void lock_change(const std::string& old_passphrase, const std::string& new_passphrase) {
  nurture_js_lock_change(old_passphrase.c_str(), new_passphrase.c_str());
}

}  // namespace nurture::web::storage_js
