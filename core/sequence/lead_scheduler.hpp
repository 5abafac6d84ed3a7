#pragma once
/// The per-lead core of the scheduler (internal to core/sequence): schedule() runs it once per
/// lead; the simulator and the tick cache run it again for one lead at later instants, each with
/// its own view of the lead's enrolments and touch records, which is why those come in as
/// arguments rather than from the workspace.
///
/// Besides the lead's part of the schedule, a call returns the lead's *wake*: the earliest
/// instant after `now` at which that part can change while the workspace stays as it is (a
/// pending touch's planned time, a held touch's retry, a wait's deadline, a due touch's send
/// window closing or its late limit, an appointment passing, a "passed over" note expiring, a
/// record, event or segment exit dated after `now` coming, for an exit dated `now` or a retry that
/// counts this call's own due touches the next instant, and with set_exact(true) a held touch's
/// reason changing words: a cap's count as old touches leave the window, a window's "after 21:00"
/// becoming "nothing allowed on Saturday" at local midnight).
/// Until then, scheduling the lead again gives the same due and exits lists and the same held
/// touches and retry times (with the same horizon), and with set_exact(true) the same held
/// reasons too; the tick cache relies on that, and the tick-cache property test checks it.

#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/model/workspace.hpp"
#include "core/sequence/scheduler.hpp"

namespace nurture {

struct LeadFacts;

/// No wake: nothing changes until the workspace does.
inline constexpr UnixMillis k_no_wake = std::numeric_limits<UnixMillis>::max();

/// The touch records of one enrolment, sorted by key; `prefix` is the length of
/// "<enrollment key>/", so a record's step id is key.substr(prefix).
struct RecordRange {
  const TouchRecord* begin = nullptr;
  const TouchRecord* end = nullptr;
  std::size_t prefix = 0;
};

/// One enrolment of the lead being scheduled, with its records.
struct LeadEnrollment {
  const Enrollment* enrollment = nullptr;
  RecordRange records;
};

class LeadScheduler {
 public:
  /// Reads the sequences of `ws` (which must outlive this object) once.
  LeadScheduler(const Workspace& ws, const FrequencyCaps& caps);
  ~LeadScheduler();
  LeadScheduler(const LeadScheduler&) = delete;
  LeadScheduler& operator=(const LeadScheduler&) = delete;

  /// The records of `e` in ws.touches.
  [[nodiscard]] RecordRange records_of(const Enrollment& e) const;
  /// The records of `e` in `records` (sorted by key).
  [[nodiscard]] static RecordRange records_in(const std::vector<TouchRecord>& records, const Enrollment& e);

  /// Whether `e` would schedule anything: running, of an active sequence.
  [[nodiscard]] bool runs(const Enrollment& e) const;

  /// Appends `lead`'s part of the schedule at `now` (touches up to `horizon` >= now in
  /// upcoming) to `out`, unsorted; `group` holds all the lead's enrolments (any order: it is
  /// walked in the given order, which is the key order in schedule()). Returns the lead's wake
  /// (see above), k_no_wake when none.
  UnixMillis schedule_lead(LeadId lead, std::span<const LeadEnrollment> group, UnixMillis now,
                           UnixMillis horizon, Schedule& out);

  /// Whether held touches matter to the caller (default true). The simulator turns this off
  /// for leads whose timeline nobody reads: a coming touch then wakes the lead at the first
  /// instant it may go (its planned time moved by the send rules) instead of its planned time,
  /// which skips one look per touch, and the due touches and exits are the same.
  void set_notes(bool notes) { m_notes = notes; }

  /// Whether the wake also covers held touches' reasons changing words (default false): the tick
  /// cache needs every part word for word; the simulator's timeline notes a reason when it
  /// changes at a look, and looking again at every local midnight of a weekend only adds noise.
  void set_exact(bool exact) { m_exact = exact; }

  /// Sorts `s`'s lists into the order scheduler.hpp's contract gives.
  static void sort(Schedule& s);

 private:
  struct Candidate;
  struct Counted;
  const Sequence* active_sequence(const Enrollment& e) const;
  std::string consent_of(LeadFacts& f, StepChannel channel, MessagePurpose purpose) const;
  std::optional<UnixMillis> plan(const Step& step, const Enrollment& e, UnixMillis prev, LeadFacts& f,
                                 UnixMillis& appointment) const;
  void walk(const Enrollment& e, const Sequence& s, LeadFacts& f, const RecordRange& records, bool lead_text,
            std::vector<Candidate>& out);
  void hold(DueTouch t, std::string reason, UnixMillis retry_at);
  std::optional<std::pair<std::string, UnixMillis>> capped(const Candidate& c, LeadFacts& f,
                                                           const std::vector<Counted>& counted,
                                                           const std::vector<StepChannel>& admitted,
                                                           std::vector<UnixMillis>& wakes) const;
  void decide(LeadFacts& f, std::vector<Candidate>& candidates, const std::vector<Counted>& counted);
  void wake_at(UnixMillis t) {
    if (t > m_now && t < m_wake) m_wake = t;
  }

  const Workspace& m_ws;
  FrequencyCaps m_caps;
  std::unordered_map<std::string_view, const Sequence*> m_all;
  std::unordered_map<std::string_view, const Sequence*> m_active;
  // Per call:
  UnixMillis m_now = 0;
  UnixMillis m_horizon = 0;
  bool m_notes = true;
  bool m_exact = false;
  UnixMillis m_wake = k_no_wake;
  Schedule* m_out = nullptr;
  std::vector<std::uint8_t> m_visited;  // per step of the current walk
};

}  // namespace nurture
