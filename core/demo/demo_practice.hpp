#pragma once
/// The demo practice: a fictional aesthetic practice with a year of believable history, for
/// trying Nurture without real patient data. Pure and deterministic: the same options give the
/// same workspace, byte for byte. Every email is at an example domain (example.com/.net/.org)
/// and every phone number is in the 555-01xx range reserved for fiction.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "core/model/workspace.hpp"
#include "core/util/civil_time.hpp"

namespace nurture {

struct DemoOptions {
  std::uint64_t seed = 1;
  std::size_t leads = 2000;
  UnixMillis now = 0;        ///< the history ends here; the year before it is filled
  std::uint64_t device = 0;  ///< the device the stamps name
  /// Also write the history of the demo's sequences (welcome-inquiry, consultation-reminders):
  /// the enrolments and touch records behind their events before the sequences' activation
  /// (now − k_demo_activated_ago). Set it when add_demo_sequences follows, as the app and the
  /// CLI do; without it the workspace has events only, and no enrolments.
  bool sequence_history = false;
};

inline constexpr std::string_view k_demo_practice_name = "Lumen Aesthetics & Laser";
inline constexpr std::string_view k_demo_practice_email = "hello@lumen.example.com";

/// Builds the demo workspace: practice profile, 12 treatments, 8 lead sources, 26 content
/// items, `leads` leads and about 25 events per lead over the 365 days before `now`, and the
/// ad-spend table of its two paid sources for the 12 months before this one. Every
/// item, lead field and event is stamped with one stamp at `now` from `device`. Fast: direct
/// store appends, no commands (about 0.2 s natively for 2,000 leads).
Workspace make_demo_practice(const DemoOptions& options);

/// make_demo_practice in slices, so the app can show progress and cancel (U13): the same
/// options give the same workspace, byte for byte, however the steps are sized. Dropping the
/// builder before finish() is the cancel: nothing outside it has changed.
class DemoBuilder {
 public:
  explicit DemoBuilder(const DemoOptions& options);
  ~DemoBuilder();
  DemoBuilder(const DemoBuilder&) = delete;
  DemoBuilder& operator=(const DemoBuilder&) = delete;
  DemoBuilder(DemoBuilder&&) = delete;
  DemoBuilder& operator=(DemoBuilder&&) = delete;

  /// Simulates up to `leads` more leads (at least one); once all are, finishes the workspace in
  /// parts (events in order, then the consent ledger `leads` leads at a time). True when the
  /// workspace is complete.
  bool step(std::size_t leads);
  /// The share of leads simulated so far, 0..1.
  [[nodiscard]] double progress() const;
  /// Does what is left, then returns the workspace. Call once.
  Workspace finish();

 private:
  class Impl;
  std::unique_ptr<Impl> m_impl;
  bool m_simulated = false;
  bool m_done = false;
};

/// True when `ws` is (still) the demo practice: its profile names the demo's practice and
/// email. Drives the "this is a fictional demo" banner.
bool is_demo_practice(const Workspace& ws);

}  // namespace nurture
