#pragma once
/// Rendering a touch: the message a practitioner sends to one lead, with merge fields filled
/// in, the treatment variant chosen, and the legally required lines added (the carrier opt-out
/// line in the first text of a sequence, the CAN-SPAM footer in marketing emails).

#include <optional>
#include <string>

#include "core/model/workspace.hpp"
#include "core/sequence/sequence.hpp"

namespace nurture {

struct RenderContext {
  UnixMillis now = 0;
  /// The recipient's offset from UTC at the appointment (minutes east), for
  /// {appointment_time} and {appointment_date}.
  int utc_offset_minutes = 0;
  /// This is the first text of this sequence to this lead: it must carry the practice name and
  /// opt-out wording.
  bool first_text = false;
};

struct RenderedMessage {
  std::string subject;  ///< empty for channels other than email
  std::string body;
  friend bool operator==(const RenderedMessage&, const RenderedMessage&) = default;
};

/// The message of `step` (a message step of `sequence`) for `lead`:
/// - the template is the variant for the lead's treatment (lead_treatment()) when there is one,
///   else a variant written for another treatment of the same category (a family variant),
///   else the step's own subject and body; a variant with an empty subject keeps the step's;
/// - merge fields are filled in from the lead, the practice and the workspace (docs/templates.md
///   lists each with its fallback); a missing value falls back to neutral words ("there" for the
///   first name, "our practice", "the scheduled time", "treatment") or to nothing, never to the
///   field's name; {content_link} without a content item is the practice website; unknown fields
///   and stray braces (which the lint blocks before a sequence can be activated) are kept as
///   written so a preview shows them;
/// - a text with `first_text` whose body has no STOP wording gets the carrier line
///   "<practice>: Reply STOP to opt out, HELP for help. Msg & data rates may apply.";
/// - an email for promotion or sponsored purposes gets the CAN-SPAM footer (practice name,
///   postal address, unsubscribe line) unless the rendered body already has both the address
///   and an unsubscribe mention.
/// A lead that does not exist renders with every lead field missing.
RenderedMessage render_touch(const Workspace& ws, const Sequence& sequence, const Step& step, LeadId lead,
                             const RenderContext& context);

/// The treatment a lead's messages are about: the service of the lead's next booked
/// appointment, else of the latest appointment_booked event with a service, else the first
/// interest; empty when none.
std::string lead_treatment(const Workspace& ws, LeadId lead, UnixMillis now);

/// The time of the lead's next appointment at or after `now`: over live appointment_booked
/// events that no appointment_cancelled event took back (the scheduler's rule, cancel_booking in
/// lead_facts.hpp), the "appointment_at" property (ISO-8601) when present, else the event's time.
std::optional<UnixMillis> next_appointment(const Workspace& ws, LeadId lead, UnixMillis now);

/// The practice's postal address on one line: "1 Main St, Suite 2, Tampa, FL 33606" (the
/// country is added when it is not the US); empty when there is no street.
std::string practice_address_line(const PracticeProfile& practice);

/// A US number in E.164 as "(813) 555-0100"; other numbers as stored.
std::string display_phone(std::string_view e164);

}  // namespace nurture
