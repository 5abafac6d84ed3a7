#pragma once
/// The value-level rules of the segment language, shared by the reference evaluator
/// (naive.hpp) and the engine (engine.hpp) so that both read a value the same way: text
/// folding, numbers in text, local calendar days, `within` windows, periods, ages and
/// birthdays. Everything above the single value (which leads, which events, multi-valued
/// attributes, negation, windows over the log) each evaluator does its own way, and the
/// property test compares them. tests/unit/segment_naive_test.cpp checks these rules directly.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/segment/ast.hpp"
#include "core/util/civil_time.hpp"

namespace nurture::segment::sem {

inline constexpr std::int64_t k_ms_per_day = 86'400'000;

/// ASCII case-insensitive equality and three-way comparison (other bytes compare as is).
bool iequals(std::string_view a, std::string_view b);
int icompare(std::string_view a, std::string_view b);
bool icontains(std::string_view text, std::string_view needle);
bool istarts_with(std::string_view text, std::string_view prefix);

/// A decimal number written as text: optional sign, digits, optional fraction ("42", "-3.5",
/// ".5"); surrounding spaces allowed. nullopt for anything else (so "12abc", "1e3", "" are text).
std::optional<double> parse_number(std::string_view text);

/// A literal as text for text attributes: the text itself; a number without a trailing ".0"
/// (42 → "42", 3.5 → "3.5"); true/false; a date as YYYY-MM-DD. nullopt for durations and
/// periods (today, this month), which are not text.
std::optional<std::string> value_text(const Value& v);
/// A literal as a number: numbers and booleans (1/0), text that parse_number accepts.
std::optional<double> value_number(const Value& v);

/// Compares text `a` with literal text `b` the way `field.NAME` and event properties do:
/// numerically when both parse as numbers, else ASCII case-insensitively. Returns <0, 0, >0.
int compare_loose(std::string_view a, std::string_view b);
/// Whether `cmp` (a three-way result) satisfies `op`.
bool op_holds(CompareOp op, int cmp);
/// Whether `a OP b` holds for numbers.
bool op_holds(CompareOp op, double a, double b);

/// The local calendar day (days since 1970-01-01) containing `t` at `utc_offset_minutes`.
std::int64_t local_day(UnixMillis t, int utc_offset_minutes);
/// The start of the window `within d` ends at `now`: a member time t has start < t <= now.
/// Hours, days and weeks are fixed lengths; months and years are calendar months counted back
/// in local time, the day clamped to the target month's length (6m from 2026-08-31 is
/// 2026-02-28 at the same local time).
UnixMillis window_start(UnixMillis now, int utc_offset_minutes, Duration d);
/// `date` moved by `months` calendar months, the day clamped to the month's length.
CivilDate add_months(CivilDate date, std::int64_t months);

/// A run of local calendar days, inclusive.
struct DayRange {
  std::int64_t first = 0;
  std::int64_t last = 0;
};
/// The days a date-like literal stands for: a date is that day; today; this month and last
/// month are the whole calendar month (local, at `now`). nullopt for other kinds.
std::optional<DayRange> period(const Value& v, UnixMillis now, int utc_offset_minutes);
/// Whether local day `day` satisfies `day OP period`: = inside it, != outside, < before its
/// first day, <= not after its last, > after its last, >= not before its first.
bool day_holds(CompareOp op, std::int64_t day, DayRange range);

/// Age in whole years on `today` of someone born on `birth`; a Feb 29 birthday counts as
/// Feb 28 in non-leap years.
int age_on(CivilDate birth, CivilDate today);
/// The local day of the next birthday on or after `today` (Feb 29 → Feb 28 in non-leap years).
std::int64_t next_birthday(CivilDate birth, CivilDate today);
/// The last day `birthday within d` reaches from `today`: today + d days (weeks; hours count
/// whole days, so 12h is today only), or calendar months/years ahead (day clamped).
std::int64_t birthday_limit(CivilDate today, Duration d);

}  // namespace nurture::segment::sem
