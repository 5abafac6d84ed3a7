#pragma once
/// When to save. Changes are saved shortly after they settle (debounce), at the latest after a
/// maximum delay while edits keep coming, at once when the page is hidden, one save at a time,
/// and failed saves are retried with backoff. Pure: the caller passes `now` in milliseconds.

#include <cstdint>
#include <string>

namespace nurture {

enum class SaveState {
  saved,    ///< everything is stored
  pending,  ///< changes wait for the debounce
  saving,   ///< a save is in flight
  failed,   ///< the last save failed; a retry is scheduled
};

class SaveScheduler {
 public:
  struct Timing {
    std::int64_t debounce_ms = 400;      ///< quiet time after the last change
    std::int64_t max_delay_ms = 2000;    ///< upper bound while changes keep arriving
    std::int64_t first_retry_ms = 1000;  ///< after a failure; doubles up to max_retry_ms
    std::int64_t max_retry_ms = 30000;
  };

  SaveScheduler() = default;
  explicit SaveScheduler(Timing timing) : m_timing(timing) {}

  /// The workspace now has `revision`; call after every change (and once after load with the
  /// loaded revision, as already saved, via mark_saved).
  void note_revision(std::uint64_t revision, std::int64_t now);
  /// Everything up to `revision` is known to be stored (after load).
  void mark_saved(std::uint64_t revision);
  /// Ask for a save as soon as possible (page hidden, Ctrl+S), skipping the debounce and any
  /// retry delay.
  void request_flush();

  /// True when a save should start now.
  [[nodiscard]] bool should_start(std::int64_t now) const;
  /// A save of `revision` has started.
  void started(std::uint64_t revision);
  /// The save that started has finished.
  void succeeded(std::int64_t now);
  void failed(std::int64_t now, std::string reason);

  [[nodiscard]] SaveState state() const;
  [[nodiscard]] bool has_unsaved_changes() const { return m_saved < m_current; }
  [[nodiscard]] std::uint64_t saved_revision() const { return m_saved; }
  [[nodiscard]] std::int64_t last_success_at() const { return m_last_success; }
  [[nodiscard]] const std::string& last_error() const { return m_error; }
  [[nodiscard]] std::int64_t retry_at() const { return m_retry_at; }

 private:
  Timing m_timing;
  std::uint64_t m_current = 0;
  std::uint64_t m_saved = 0;
  std::uint64_t m_in_flight = 0;
  bool m_saving = false;
  bool m_flush = false;
  std::int64_t m_last_change = 0;
  std::int64_t m_first_unsaved_change = 0;
  std::int64_t m_last_success = 0;
  std::int64_t m_retry_at = 0;
  std::int64_t m_retry_delay = 0;
  std::string m_error;
};

}  // namespace nurture
