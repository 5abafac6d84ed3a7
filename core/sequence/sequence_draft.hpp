#pragma once
/// Editing a sequence's structure as a draft (the Sequences page's Edit mode): new steps with a
/// fresh id and sensible defaults, insert / move / remove with the jumps that pointed at a
/// removed step retargeted, an offset as days + hours + minutes, and the rule for what an active
/// sequence may still change. Plain functions on plain values; nothing here checks validity
/// (validate() and activation_problems() do).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/sequence/sequence.hpp"

namespace nurture {

/// "step-N" for the smallest N > the number of steps that no step of `seq` uses as its id.
std::string fresh_step_id(const Sequence& seq);

/// A new step of `kind` with a fresh id and defaults that pass validate(): a message is an email
/// promoting the practice's own services, one day after the previous step, with a short
/// greeting; a wait waits up to 3 days for an open; a split sends 50 % to arm "A" and 50 % to
/// arm "B", both to the next step.
Step new_step(const Sequence& seq, StepKind kind);

/// Inserts `step` right after index `after` (nullopt or past the end: at the end) and returns
/// the index it now has.
std::size_t insert_step(Sequence& seq, Step step, std::optional<std::size_t> after);

/// Swaps step `index` with the one above (`direction` < 0) or below (> 0). Ids, and so every
/// jump, are unchanged. False (nothing moved) when that would leave the list.
bool move_step(Sequence& seq, std::size_t index, int direction);

/// Where leads who reach step `index` go next when it is not there: its own `next` for a
/// message step that has one, else the id of the step after it in the list, else "end".
std::string successor_of(const Sequence& seq, std::size_t index);

/// Removes step `index`. Every jump (next, yes_next, no_next, an arm's next) that pointed at it
/// is retargeted to successor_of() the removed step, so leads who would have reached it go on
/// to where it led; a jump that would then point at the step itself becomes "" (the next step
/// in the list). Returns how many jumps were retargeted, or nullopt (nothing removed) when
/// `index` is out of range.
std::optional<std::size_t> remove_step(Sequence& seq, std::size_t index);

/// An offset in whole days, hours (0–23) and minutes (0–59).
struct DayHourMinute {
  std::int64_t days = 0;
  std::int64_t hours = 0;
  std::int64_t minutes = 0;
  friend bool operator==(const DayHourMinute&, const DayHourMinute&) = default;
};
/// 1 590 → {1, 2, 30}. Negative input counts as 0.
DayHourMinute split_offset(std::int64_t minutes);
/// {1, 2, 30} → 1 590; each part is clamped at 0 (hours and minutes may exceed 23 / 59).
std::int64_t join_offset(const DayHourMinute& parts);

/// "09:30" for 570 minutes after midnight ("24:00" for 1 440).
std::string clock_text(std::uint16_t minute_of_day);

/// The step a validate() field names: "steps[3].arms" → 3; nullopt for other fields.
std::optional<std::size_t> step_of_field(std::string_view field);

/// Whether `a` and `b` are the same steps apart from their messages' wording (subject, body,
/// treatment variants): the only step changes PutSequence accepts for a sequence that is and
/// stays active, because running enrolments walk the steps by id.
bool same_steps_apart_from_wording(const std::vector<Step>& a, const std::vector<Step>& b);

}  // namespace nurture
