#pragma once
/// Commands on sequences and what leads do in them. A sequence itself is a catalog item
/// (PutSequence, DeleteCatalogItem{CatalogKind::sequence}); enrolments and touch records are
/// keyed records: every command stamps what it writes with one `clock.tick(now)` and its undo
/// works by key, so commands the app applies on its own (Session::record) never disturb it.

#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/model/lead_types.hpp"
#include "core/sequence/sequence.hpp"

namespace nurture {

/// Adds or replaces (by id) a sequence. Validated with validate(const Sequence&), and the name
/// must be unique among the other live sequences (ignoring case). Status and activated_at are
/// kept as given (SetSequenceStatus is what checks activation); stamp and tombstone are ignored.
/// A sequence that is active and stays active may change everything but its steps' structure
/// (same_steps_apart_from_wording, core/sequence/sequence_draft.hpp): only the messages'
/// wording; anything more is refused with field "steps" ("Pause the sequence to change its
/// steps…"), because running enrolments walk the steps by id.
struct PutSequence {
  Sequence item;
  UnixMillis now = 0;
};

/// Sets the status of the live sequence `id`. Activating runs activation_problems()
/// (core/sequence/activation.hpp) and, when it passes, sets activated_at = now, so triggers
/// enrol only for what happens from then on.
struct SetSequenceStatus {
  std::string id;
  SequenceStatus status = SequenceStatus::active;
  UnixMillis now = 0;
};

/// Enrols `leads` in the live sequence `sequence` at `at`: one Enrollment per lead, keyed
/// enrollment_key(sequence, lead, at). Unknown or deleted leads refuse the command; leads the
/// re-entry policy keeps out (reentry_problem) are skipped and counted in the message. When
/// nobody can enter, the result is ok with a message and the revision does not move.
struct Enroll {
  std::string sequence;
  std::vector<LeadId> leads;
  UnixMillis at = 0;
  std::string reason;  ///< "manual", "segment: VIP"…
  UnixMillis now = 0;
};

/// Ends the enrolments with these keys by hand (ended_at = now, end_reason = `reason`). An
/// unknown key refuses the command; enrolments already ended are left alone.
struct EndEnrollments {
  std::vector<std::string> keys;
  std::string reason;
  UnixMillis now = 0;
};

/// What the practitioner did with one touch.
struct TouchEntry {
  std::string key;  ///< touch_key(enrolment key, step id)
  TouchOutcome outcome = TouchOutcome::sent;
  UnixMillis until = 0;  ///< snoozed: when to ask again (required, after `now`)
};

/// Writes or replaces the TouchRecord of each entry (at = now) and logs the matching event for
/// the lead, so the rest of the product sees it: sent → email_sent / text_sent / call by the
/// step's channel; replied → email_replied / text_replied; booked → appointment_booked;
/// no_answer and wrong_number → call with property "outcome"; skipped, snoozed, and sends on
/// social or letter steps log nothing. Events carry sequence = the sequence id and step = the
/// step's index; their ids are a hash of the touch key and outcome, so recording the same
/// outcome again never logs it twice. A key whose enrolment, sequence or message step does not
/// exist refuses the command.
struct RecordTouches {
  std::vector<TouchEntry> touches;
  UnixMillis now = 0;
};

/// The inverse of Enroll, EndEnrollments and RecordTouches, by key: records to remove, previous
/// versions to put back, events to remove.
struct SequenceRecordsUndo {
  std::vector<std::string> added_enrollments;
  std::vector<Enrollment> replaced_enrollments;
  std::vector<std::string> added_touches;
  std::vector<TouchRecord> replaced_touches;
  std::unordered_set<std::uint64_t> added_events;
};

/// The id of the event RecordTouches logs for `outcome` on touch `key` (never 0).
EventId touch_event_id(std::string_view key, TouchOutcome outcome);

}  // namespace nurture
