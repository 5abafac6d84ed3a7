#include "web/platform/storage.hpp"

// Placeholder until the IDBFS implementation lands: keeps everything in memory.
namespace nurture::web {

WebStorage::WebStorage(Session& session) : m_session(session) {}

void WebStorage::start() { m_status.mode = ui::StorageStatus::Mode::ready; }

void WebStorage::tick(std::int64_t now) {
  m_scheduler.note_revision(m_session.revision(), now);
  if (m_scheduler.should_start(now)) {
    m_scheduler.started(m_session.revision());
    m_scheduler.succeeded(now);
    m_status.last_saved_at = now;
  }
  m_status.save_state = m_scheduler.state();
}

std::optional<Preferences> WebStorage::take_loaded_preferences() {
  return std::exchange(m_loaded_prefs, std::nullopt);
}
void WebStorage::save_now() { m_scheduler.request_flush(); }
void WebStorage::take_over() {}
void WebStorage::restore_backup(const std::string&) {}
void WebStorage::save_preferences(const Preferences&) {}
void WebStorage::request_persistence() {}
void WebStorage::on_page_hidden() { m_scheduler.request_flush(); }
void WebStorage::on_event(const std::string&, const std::string&) {}

}  // namespace nurture::web
