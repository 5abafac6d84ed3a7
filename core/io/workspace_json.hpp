#pragma once
/// The workspace file: versioned JSON with a format name, the form in which a workspace is
/// exported, synced between devices and stored. Every lead field, catalog item and the practice
/// profile carry change stamps and deletions are tombstones, so files merge. See docs/schema.md.
///
/// The writer emits text directly (no DOM), in a fixed key order: the same workspace always
/// gives the same bytes. The reader streams (our own resumable scanner, json_scanner.hpp, drives a
/// SAX-style state machine): leads go straight into
/// LeadStore::append_row and events in batches into EventLog, so a 100,000-lead, 3,000,000-event
/// file never exists as a DOM.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/io/settings_json.hpp"
#include "core/model/workspace.hpp"
#include "core/util/expected.hpp"

namespace nurture {

inline constexpr std::string_view k_workspace_format = "nurture.workspace";
/// Major version: a file with a larger one is refused ("update the app").
inline constexpr int k_workspace_version = 2;
/// Minor version: additions older readers may ignore (their unknown members are kept).
/// 1: consent and do-not-contact records may carry their own "stamp", do-not-contact records
/// may be "cleared" (older readers ignore both keys; a cleared record then reads as set).
inline constexpr int k_workspace_minor_version = 1;
/// Files larger than this are refused before parsing.
inline constexpr std::size_t k_max_workspace_bytes = std::size_t{512} * 1024 * 1024;
/// JSON nesting deeper than this is refused (the format itself needs fewer than 8 levels).
inline constexpr int k_max_json_depth = 64;
/// Longest string value accepted (notes, consent wording, any text): a 50 MB "name" is hostile.
inline constexpr std::size_t k_max_json_string_bytes = std::size_t{64} * 1024;
/// Longest member name accepted (custom field names, event property keys, unknown members).
inline constexpr std::size_t k_max_json_key_bytes = 1024;
/// Latest time accepted anywhere in the file: 9999-12-31T23:59:59.999Z.
inline constexpr std::int64_t k_max_json_millis = 253402300799999;

/// Writes a workspace in steps, so the UI can show progress and cancel a large export.
/// Usage: `while (!w.step(out, 1 << 20)) show(w.progress());`. The concatenated output equals
/// workspace_to_json(ws). `ws` must outlive the writer and not change while it runs.
class WorkspaceJsonWriter {
 public:
  /// What is written: the whole workspace, or everything but the leads, the events and the
  /// consent ledger, byte for byte as if they were empty (the binary image's JSON part,
  /// workspace_image.hpp, which stores those three in binary).
  enum class Part : std::uint8_t { whole, without_stores };
  explicit WorkspaceJsonWriter(const Workspace& ws, Part part = Part::whole)
      : m_ws(ws), m_part(part), m_settings(ws) {}
  /// Appends roughly `budget` bytes (at least one item) to `out`; true when the file is done.
  bool step(std::string& out, std::size_t budget);
  /// Fraction of the items written so far, 0..1.
  [[nodiscard]] double progress() const;

 private:
  enum class Phase : std::uint8_t {
    header,
    treatments,
    sources,
    content,
    leads,
    events,
    settings,
    tail,
    done
  };
  [[nodiscard]] bool with_stores() const { return m_part == Part::whole; }
  const Workspace& m_ws;
  Part m_part;
  SettingsJsonWriter m_settings;
  Phase m_phase = Phase::header;
  std::size_t m_index = 0;  // next item of the current phase
  std::size_t m_written = 0;
};

/// Serialises `ws` as deterministic JSON (same workspace → same bytes) in the current version.
std::string workspace_to_json(const Workspace& ws);

struct WorkspaceReadOptions {
  /// Called about every 16,384 leads/events with the fraction done (0..1, from the file's
  /// `counts` hint; 0 when it has none). Returning false cancels: the read fails with "the
  /// import was cancelled". workspace_from_json parses in one call; WorkspaceJsonReader reads in
  /// steps instead (drop it to cancel).
  std::function<bool(double fraction)> progress;
};

/// Reads a workspace file in steps, so the UI can draw a progress bar and offer Cancel while a
/// large file (100,000 leads, 3,000,000 events) is parsed, instead of freezing the tab.
/// Usage: `while (!r.step(1 << 20)) show(r.progress()); auto ws = r.take();`.
/// The result equals workspace_from_json(text). `text` must outlive the reader and not change.
class WorkspaceJsonReader {
 public:
  explicit WorkspaceJsonReader(std::string_view text);
  ~WorkspaceJsonReader();
  WorkspaceJsonReader(const WorkspaceJsonReader&) = delete;
  WorkspaceJsonReader& operator=(const WorkspaceJsonReader&) = delete;
  WorkspaceJsonReader(WorkspaceJsonReader&&) noexcept;
  WorkspaceJsonReader& operator=(WorkspaceJsonReader&&) noexcept;

  /// Parses about `budget_bytes` more of the text (at least one value, so every step moves
  /// on); true when reading has finished, with a workspace or an error. Further calls after
  /// that return true and do nothing. Destroying the reader at any point is safe (Cancel).
  bool step(std::size_t budget_bytes);
  /// Fraction of the text read so far, 0..1: never decreases, 1 once finished.
  [[nodiscard]] double progress() const;
  /// The result (exactly what workspace_from_json gives, errors included), once step() has
  /// returned true; an error before that. Call at most once.
  Expected<Workspace> take();

 private:
  struct State;
  std::unique_ptr<State> m_state;
};

/// Parses and validates a workspace file of any supported version, migrating older versions
/// forward. On error nothing is returned; the message says what is wrong and where (line and
/// column for malformed JSON, a path such as "leads[12].email" for bad values).
Expected<Workspace> workspace_from_json(std::string_view text, const WorkspaceReadOptions& options = {});

}  // namespace nurture
