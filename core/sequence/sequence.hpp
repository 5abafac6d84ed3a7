#pragma once
/// Sequences: the practice's nurture programmes as data. A sequence is a list of steps (messages
/// on a channel, waits that branch on what the lead did, A/B splits) with triggers that enrol
/// leads, goals that take them out, a send window and a re-entry policy. An enrolment walks one
/// lead through one sequence; a message step that comes due is a *touch*, and what the
/// practitioner did with it (sent, skipped, snoozed…) is a TouchRecord keyed by an idempotency
/// key, so recomputing the schedule never repeats a touch.
///
/// Everything here is a plain value. Sequences are whole catalog-like items (stamp, tombstone,
/// last writer wins in a merge); enrolments and touch records are keyed and merge as unions.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/lead_types.hpp"
#include "core/model/practice.hpp"
#include "core/sync/hlc.hpp"
#include "core/util/civil_time.hpp"

namespace nurture {

/// How a touch reaches the lead. Email and text are messages the practitioner sends from their
/// own mail or phone app (or a batch export); call, social and letter are tasks.
enum class StepChannel : std::uint8_t { email, text, call, social, letter };
inline constexpr std::size_t k_step_channel_count = 5;

/// Why a message is sent, which decides the rules it falls under (DOMAIN.md, HIPAA):
/// reminder/treatment communications need no marketing consent but still respect do-not-contact
/// and quiet hours; promotion of the practice's own services is marketing (consent per
/// channel, CAN-SPAM footer); sponsored content is paid for by a third party and needs a
/// stored authorisation.
enum class MessagePurpose : std::uint8_t { reminder, promotion, sponsored };
inline constexpr std::size_t k_message_purpose_count = 3;

/// A treatment-specific wording of a template: used when the lead's treatment (the booked
/// service, else the first interest) is `treatment`.
struct TemplateVariant {
  std::string treatment;  ///< a Treatment id
  std::string subject;
  std::string body;
  friend bool operator==(const TemplateVariant&, const TemplateVariant&) = default;
};

/// A message with merge fields in braces: {first_name}, {last_name}, {practice_name},
/// {practice_phone}, {practice_address}, {booking_link}, {appointment_time},
/// {appointment_date}, {treatment}, {unsubscribe_link}, {content_link}. Unknown fields are a
/// lint error; `{{` and `}}` write a literal brace.
struct MessageTemplate {
  std::string subject;  ///< email only
  std::string body;
  std::vector<TemplateVariant> variants;
  MessagePurpose purpose = MessagePurpose::promotion;
  /// The step asks for a review (FTC: every eligible patient gets the same request).
  bool review_request = false;
  /// A content item id the message links to ({content_link}); empty when none.
  std::string content;
  friend bool operator==(const MessageTemplate&, const MessageTemplate&) = default;
};

/// What a message step's delay counts from.
enum class TimingAnchor : std::uint8_t {
  after_previous,      ///< the previous step's completion (or the enrolment for the first step)
  after_enrolment,     ///< the enrolment time
  before_appointment,  ///< the lead's next booked appointment (offset counts backwards)
  after_appointment,   ///< the lead's last attended appointment
};
inline constexpr std::size_t k_timing_anchor_count = 4;

struct StepTiming {
  TimingAnchor anchor = TimingAnchor::after_previous;
  /// Minutes after the anchor (before it for before_appointment). Never negative.
  std::int64_t offset_minutes = 0;
  /// When set, the touch moves to this time of day (minutes after local midnight in the
  /// recipient's zone) on the day the offset lands on, or the next day if that time has passed.
  std::optional<std::uint16_t> at_minute;
  friend bool operator==(const StepTiming&, const StepTiming&) = default;
};

enum class StepKind : std::uint8_t {
  message,  ///< a touch on `channel` with `message`
  wait,     ///< wait up to `wait_days` for `wait_for`, then go to `yes_next` or `no_next`
  split,    ///< A/B: each lead goes, stably, to one arm by percentage
};
inline constexpr std::size_t k_step_kind_count = 3;

/// What a wait step waits for (events of the lead after the wait starts).
enum class WaitFor : std::uint8_t { open, click, reply, booking };
inline constexpr std::size_t k_wait_for_count = 4;

/// One arm of a split: `percent` of leads go to `next`. Arms add up to 100.
struct SplitArm {
  std::string label;  ///< "A", "B"
  std::uint8_t percent = 50;
  std::string next;  ///< a step id, or k_end_step
  friend bool operator==(const SplitArm&, const SplitArm&) = default;
};

/// A `next` that ends the enrolment.
inline constexpr std::string_view k_end_step = "end";

struct Step {
  std::string id;  ///< unique within the sequence: letters, digits, '-', '_'; 1–32 characters
  StepKind kind = StepKind::message;
  /// Where to go after this step; empty means the step after it in the list (or the end).
  std::string next;
  // message
  StepChannel channel = StepChannel::email;
  MessageTemplate message;
  StepTiming timing;
  // wait
  WaitFor wait_for = WaitFor::open;
  std::uint16_t wait_days = 3;
  std::string yes_next;  ///< empty: the next step in the list
  std::string no_next;   ///< empty: the next step in the list
  // split
  std::vector<SplitArm> arms;
  friend bool operator==(const Step&, const Step&) = default;
};

/// What enrols a lead.
enum class TriggerKind : std::uint8_t {
  segment_entry,    ///< the lead enters saved segment `segment` (by id)
  stage_change,     ///< the lead reaches `stage`
  event,            ///< an event of type `event` is logged for the lead
  birthday,         ///< `days_before` days before the lead's birthday, every year
  retreatment_due,  ///< the last visit for `treatment` (empty: any) plus its re-treatment interval
  manual,           ///< only by hand (from a lead, a selection, or the CLI)
};
inline constexpr std::size_t k_trigger_kind_count = 6;

struct Trigger {
  TriggerKind kind = TriggerKind::manual;
  std::string segment;
  Stage stage = Stage::consideration;
  EventType event = EventType::form_submitted;
  std::string treatment;
  std::uint16_t days_before = 0;
  friend bool operator==(const Trigger&, const Trigger&) = default;
};

/// What takes a lead out of the sequence early (checked before every touch).
enum class GoalKind : std::uint8_t { booked, replied, unsubscribed, reached_stage, left_segment };
inline constexpr std::size_t k_goal_kind_count = 5;

struct Goal {
  GoalKind kind = GoalKind::booked;
  Stage stage = Stage::conversion;  ///< reached_stage
  std::string segment;              ///< left_segment: a SavedSegment id
  friend bool operator==(const Goal&, const Goal&) = default;
};

/// Whether a lead who was enrolled before may be enrolled again.
enum class ReentryPolicy : std::uint8_t {
  never,           ///< once per lead, ever
  after_exit,      ///< again once the previous enrolment has ended
  after_cooldown,  ///< again once `reentry_days` have passed since the previous enrolment
};
inline constexpr std::size_t k_reentry_policy_count = 3;

/// When touches of this sequence may be scheduled, in the recipient's local time: the hours and
/// the days of the week (Monday first). Legal quiet hours are applied on top, always.
struct SendWindow {
  std::uint16_t start_minute = 9 * 60;
  std::uint16_t end_minute = 18 * 60;
  std::array<bool, 7> days = {true, true, true, true, true, false, false};
  friend bool operator==(const SendWindow&, const SendWindow&) = default;
};

enum class SequenceStatus : std::uint8_t { draft, active, paused };
inline constexpr std::size_t k_sequence_status_count = 3;

struct Sequence {
  std::string id;  ///< catalog id (lowercase slug)
  std::string name;
  std::string description;
  SequenceStatus status = SequenceStatus::draft;
  /// When it was last activated: triggers enrol only for what happens from then on.
  UnixMillis activated_at = 0;
  std::vector<Trigger> triggers;
  std::vector<Step> steps;
  std::vector<Goal> goals;
  ReentryPolicy reentry = ReentryPolicy::never;
  std::uint16_t reentry_days = 0;
  SendWindow window;
  /// The stored authorisation for sponsored content (who paid, the form patients signed and
  /// where it is kept); required before a sequence with sponsored steps can be activated.
  std::string sponsor_authorization;
  Stamp stamp;
  bool deleted = false;
  friend bool operator==(const Sequence&, const Sequence&) = default;
};

/// One lead walking one sequence. `key` identifies it everywhere (touch keys start with it):
/// "<sequence id>/<lead id>/<enrolled_at in ms>", so enrolling the same lead by the same
/// trigger occurrence twice is the same enrolment.
struct Enrollment {
  std::string key;
  std::string sequence;
  LeadId lead;
  UnixMillis enrolled_at = 0;
  std::string reason;       ///< "manual", "segment: VIP", "event: form_submitted"…
  UnixMillis ended_at = 0;  ///< 0 while running; set when ended by hand (goals are computed)
  std::string end_reason;
  Stamp stamp;
  friend bool operator==(const Enrollment&, const Enrollment&) = default;
};

/// What the practitioner did with a touch.
enum class TouchOutcome : std::uint8_t {
  sent,
  skipped,
  replied,
  booked,
  no_answer,
  wrong_number,
  snoozed,  ///< asked again at `until`
};
inline constexpr std::size_t k_touch_outcome_count = 7;

/// The record that a touch was handled. `key` is "<enrollment key>/<step id>"; the latest
/// record per key (by stamp) is the one that counts, so a snooze can be followed by a send.
struct TouchRecord {
  std::string key;
  TouchOutcome outcome = TouchOutcome::sent;
  UnixMillis at = 0;     ///< when it was handled
  UnixMillis until = 0;  ///< snoozed: when to ask again
  Stamp stamp;
  friend bool operator==(const TouchRecord&, const TouchRecord&) = default;
};

std::string_view to_string(StepChannel v);
/// "Email", "Text", "Call", "Social message", "Letter": the channel in words, for people.
std::string_view channel_label(StepChannel v);
std::string_view to_string(MessagePurpose v);
std::string_view to_string(TimingAnchor v);
std::string_view to_string(StepKind v);
std::string_view to_string(WaitFor v);
std::string_view to_string(TriggerKind v);
std::string_view to_string(GoalKind v);
std::string_view to_string(ReentryPolicy v);
std::string_view to_string(SequenceStatus v);
std::string_view to_string(TouchOutcome v);
/// Exact inverses of to_string; nullopt for anything else.
std::optional<StepChannel> parse_step_channel(std::string_view text);
std::optional<MessagePurpose> parse_message_purpose(std::string_view text);
std::optional<TimingAnchor> parse_timing_anchor(std::string_view text);
std::optional<StepKind> parse_step_kind(std::string_view text);
std::optional<WaitFor> parse_wait_for(std::string_view text);
std::optional<TriggerKind> parse_trigger_kind(std::string_view text);
std::optional<GoalKind> parse_goal_kind(std::string_view text);
std::optional<ReentryPolicy> parse_reentry_policy(std::string_view text);
std::optional<SequenceStatus> parse_sequence_status(std::string_view text);
std::optional<TouchOutcome> parse_touch_outcome(std::string_view text);

/// The consent channel a message on `channel` needs: email → email, text → sms, call → call;
/// nullopt for social and letter, which have no consent of their own (compliance.hpp: a lead
/// with do-not-contact on every channel gets neither).
std::optional<Channel> consent_channel(StepChannel channel);

/// Structural problems (empty: valid): ids, names, step ids unique and well-formed, every
/// `next`/`yes_next`/`no_next`/arm target a step id or "end", arms adding up to 100, a wait of
/// 1–90 days, offsets within a year, windows inside the day and at least one day, triggers with
/// their parameter. Whether templates are compliant is the lint's job (template_lint.hpp).
std::vector<FieldError> validate(const Sequence& sequence);

/// The index of the step with `id`, or nullopt.
std::optional<std::size_t> step_index(const Sequence& sequence, std::string_view id);

/// "<sequence>/<lead>/<ms>" (see Enrollment::key).
std::string enrollment_key(std::string_view sequence, LeadId lead, UnixMillis enrolled_at);
/// "<enrollment key>/<step id>" (see TouchRecord::key).
std::string touch_key(std::string_view enrollment, std::string_view step);

}  // namespace nurture
