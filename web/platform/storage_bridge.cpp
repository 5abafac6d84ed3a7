#include "web/platform/storage_bridge.hpp"

// Implemented in shell/library_storage.js.
extern "C" {
void nurture_js_storage_start();
void nurture_js_storage_sync(int id);
void nurture_js_storage_release();
void nurture_js_storage_take_over();
void nurture_js_storage_persist(int ask);
}

namespace nurture::web::storage_js {

void start() { nurture_js_storage_start(); }
void sync(int id) { nurture_js_storage_sync(id); }
void release() { nurture_js_storage_release(); }
void take_over() { nurture_js_storage_take_over(); }
void persistence(bool ask) { nurture_js_storage_persist(ask ? 1 : 0); }

}  // namespace nurture::web::storage_js
