#pragma once
/// The messaging rules a touch must pass before it may go (DOMAIN.md): consent per channel and
/// purpose, the sequence's send window in the recipient's local time, legal quiet hours for
/// texts and calls, the practice's business hours for calls. Every refusal is a sentence a
/// practitioner understands; the scheduler defers, it never drops.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/lead_types.hpp"
#include "core/model/practice.hpp"
#include "core/sequence/recipient_clock.hpp"
#include "core/sequence/sequence.hpp"
#include "core/util/time_zone.hpp"

namespace nurture {

/// Why a message on `channel` for `purpose` may not go to `lead`, or empty when it may:
/// - email: an address; promotion/sponsored need may_contact(lead, email, marketing); reminders
///   need only no do-not-contact on email;
/// - text / call: a phone number, no do-not-contact on sms / call, and a granted consent on that
///   channel (marketing for promotion/sponsored; marketing or treatment for reminders);
/// - letter: a street address; social: not do-not-contact on every channel.
std::string consent_problem(const Lead& lead, StepChannel channel, MessagePurpose purpose);

/// Why a marketing (promotion or sponsored) email may not go from this practice (CAN-SPAM needs
/// its postal address), or empty. Empty for every other channel and purpose.
std::string sender_problem(const PracticeProfile& practice, StepChannel channel, MessagePurpose purpose);

/// When a touch may go: inside `window` in every zone of `zones`; for texts and calls also inside
/// the legal quiet hours of `state` (per local weekday) in every zone; for calls also inside the
/// practice's business hours in the practice zone.
struct SendRules {
  SendWindow window;
  std::vector<const TimeZone*> zones;  ///< the recipient's; never empty
  std::string state;                   ///< the recipient's US state for quiet hours ("" : federal)
  bool quiet_hours = false;
  bool business_hours = false;
  const TimeZone* practice_zone = nullptr;  ///< business hours' zone
  BusinessHours hours = k_default_business_hours;
};

/// The rules for a touch of `sequence` on `channel` to a recipient with `clock`. An unknown
/// practice zone falls back to the recipient's first zone for business hours.
SendRules send_rules(const Sequence& sequence, StepChannel channel, const RecipientClock& clock,
                     const PracticeProfile& practice);

/// Why instant `t` is not allowed, e.g. "outside quiet hours in America/Chicago (before 08:00)",
/// or empty when it is.
std::string window_problem(const SendRules& rules, UnixMillis t);

/// How far ahead next_allowed looks before it gives up.
inline constexpr UnixMillis k_window_search_limit = 14LL * 86'400'000;

/// The first allowed instant at or after `from`, or nullopt when there is none within
/// k_window_search_limit (the rules contradict each other, e.g. a 09:00–10:00 window in New York
/// for a lead who might be in Los Angeles).
std::optional<UnixMillis> next_allowed(const SendRules& rules, UnixMillis from);

/// When an instant `t` that window_problem allows stops being allowed: the earliest end of the
/// current local interval among the rules (never later than the true change; possibly earlier,
/// e.g. a window ending at midnight that the next day's window continues). Callers use it as a
/// time to look again, so early is safe.
UnixMillis allowed_until(const SendRules& rules, UnixMillis t);

/// The earliest instant after `t` at which window_problem(rules, ·)'s answer may differ from its
/// answer at `t`: the next start or end of a rule's local interval, or the next local midnight
/// (the weekday in "nothing allowed on Sunday", or "after 21:00" becoming "before 08:00"), in
/// any of the rules' zones. Possibly earlier than the true change, never later (callers use it as
/// a time to look again).
UnixMillis problem_until(const SendRules& rules, UnixMillis t);

}  // namespace nurture
