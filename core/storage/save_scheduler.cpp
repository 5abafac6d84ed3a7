#include "core/storage/save_scheduler.hpp"

#include <algorithm>

namespace nurture {

void SaveScheduler::note_revision(std::uint64_t revision, std::int64_t now) {
  if (revision <= m_current) return;
  if (m_saved >= m_current) m_first_unsaved_change = now;
  m_current = revision;
  m_last_change = now;
}

void SaveScheduler::mark_saved(std::uint64_t revision) {
  m_current = std::max(m_current, revision);
  m_saved = std::max(m_saved, revision);
}

void SaveScheduler::request_flush() { m_flush = true; }

bool SaveScheduler::should_start(std::int64_t now) const {
  if (m_saving || !has_unsaved_changes()) return false;
  if (m_flush) return true;
  if (!m_error.empty() && now < m_retry_at) return false;
  return now - m_last_change >= m_timing.debounce_ms || now - m_first_unsaved_change >= m_timing.max_delay_ms;
}

void SaveScheduler::started(std::uint64_t revision) {
  m_saving = true;
  m_flush = false;
  m_in_flight = revision;
}

void SaveScheduler::succeeded(std::int64_t now) {
  m_saving = false;
  m_saved = std::max(m_saved, m_in_flight);
  m_last_success = now;
  m_error.clear();
  m_retry_delay = 0;
  // Changes made while this save was in flight start a fresh debounce window.
  if (has_unsaved_changes()) m_first_unsaved_change = now;
}

void SaveScheduler::failed(std::int64_t now, std::string reason) {
  m_saving = false;
  m_error = reason.empty() ? "storage error" : std::move(reason);
  m_retry_delay =
      m_retry_delay == 0 ? m_timing.first_retry_ms : std::min(m_retry_delay * 2, m_timing.max_retry_ms);
  m_retry_at = now + m_retry_delay;
}

SaveState SaveScheduler::state() const {
  if (m_saving) return SaveState::saving;
  if (!m_error.empty()) return SaveState::failed;
  if (has_unsaved_changes()) return SaveState::pending;
  return SaveState::saved;
}

}  // namespace nurture
