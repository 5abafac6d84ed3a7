// Enrolments and touch records: Enroll, EndEnrollments, RecordTouches and their undo.

#include "core/commands/sequence_commands.hpp"

#include <algorithm>
#include <iterator>
#include <set>
#include <utility>

#include "core/commands/sequence_apply.hpp"
#include "core/model/field_checks.hpp"
#include "core/sequence/activation.hpp"
#include "core/util/text.hpp"

namespace nurture {

namespace {

// A refused command lists at most this many problems (a selection of 10,000 deleted leads
// should not make 10,000 lines).
constexpr std::size_t k_max_errors = 20;

template <class Record>
const Record* record_at(const std::vector<Record>& list, std::string_view key) {
  const auto it = std::lower_bound(list.begin(), list.end(), key,
                                   [](const Record& r, std::string_view k) { return r.key < k; });
  return it != list.end() && it->key == key ? &*it : nullptr;
}

template <class Record>
Record* mutable_record_at(std::vector<Record>& list, std::string_view key) {
  return const_cast<Record*>(record_at(std::as_const(list), key));
}

// Puts `record` in its place by key, replacing the one with the same key.
template <class Record>
void upsert(std::vector<Record>& list, Record record) {
  const auto it = std::lower_bound(list.begin(), list.end(), record.key,
                                   [](const Record& r, const std::string& k) { return r.key < k; });
  if (it != list.end() && it->key == record.key) {
    *it = std::move(record);
  } else {
    list.insert(it, std::move(record));
  }
}

template <class Record>
void remove_keys(std::vector<Record>& list, const std::vector<std::string>& keys) {
  if (keys.empty()) return;
  const std::set<std::string, std::less<>> gone(keys.begin(), keys.end());
  list.erase(
      std::remove_if(list.begin(), list.end(), [&](const Record& r) { return gone.count(r.key) != 0; }),
      list.end());
}

const Sequence* live_sequence(const Workspace& ws, std::string_view id) {
  for (const auto& s : ws.sequences) {
    if (!s.deleted && s.id == id) return &s;
  }
  return nullptr;
}

const Sequence* any_sequence(const Workspace& ws, std::string_view id) {
  for (const auto& s : ws.sequences) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

CommandResult refused(std::string message, std::vector<FieldError> errors) {
  return {false, std::move(message), std::move(errors)};
}

// The event a touch outcome stands for, if any (sequence_commands.hpp lists the rules).
std::optional<EventType> touch_event_type(StepChannel channel, TouchOutcome outcome) {
  switch (outcome) {
    case TouchOutcome::sent:
      if (channel == StepChannel::email) return EventType::email_sent;
      if (channel == StepChannel::text) return EventType::text_sent;
      if (channel == StepChannel::call) return EventType::call;
      return std::nullopt;
    case TouchOutcome::replied:
      if (channel == StepChannel::email) return EventType::email_replied;
      if (channel == StepChannel::text) return EventType::text_replied;
      return std::nullopt;
    case TouchOutcome::booked:
      return EventType::appointment_booked;
    case TouchOutcome::no_answer:
    case TouchOutcome::wrong_number:
      return EventType::call;
    case TouchOutcome::skipped:
    case TouchOutcome::snoozed:
      break;
  }
  return std::nullopt;
}

// A checked touch entry: where its enrolment, sequence and step are.
struct ResolvedTouch {
  const TouchEntry* entry = nullptr;
  LeadId lead;
  const Sequence* sequence = nullptr;
  std::size_t step = 0;
};

std::optional<ResolvedTouch> resolve(const Workspace& ws, const TouchEntry& t, UnixMillis now,
                                     const std::string& at, std::vector<FieldError>& errors) {
  const auto slash = t.key.rfind('/');
  const Enrollment* e =
      slash == std::string::npos ? nullptr : record_at(ws.enrollments, t.key.substr(0, slash));
  if (e == nullptr) {
    errors.push_back({at + ".key", "no enrolment has the touch \"" + t.key + "\""});
    return std::nullopt;
  }
  const Sequence* seq = any_sequence(ws, e->sequence);
  const auto step = seq == nullptr ? std::nullopt : step_index(*seq, t.key.substr(slash + 1));
  if (!step || seq->steps[*step].kind != StepKind::message) {
    errors.push_back(
        {at + ".key", "\"" + t.key.substr(slash + 1) + "\" is not a message step of the sequence"});
    return std::nullopt;
  }
  if (static_cast<std::size_t>(t.outcome) >= k_touch_outcome_count) {
    errors.push_back({at + ".outcome", "is not a touch outcome"});
    return std::nullopt;
  }
  if (t.outcome == TouchOutcome::snoozed && t.until <= now) {
    errors.push_back({at + ".until", "choose when to ask again (a time after now)"});
    return std::nullopt;
  }
  return ResolvedTouch{&t, e->lead, seq, *step};
}

// Which of `ids` the log already holds: one scan of the log for the whole batch.
std::unordered_set<std::uint64_t> logged(const EventLog& events,
                                         const std::unordered_set<std::uint64_t>& ids) {
  std::unordered_set<std::uint64_t> found;
  if (ids.empty()) return found;
  for (std::uint32_t p = 0; p < events.size(); ++p) {
    if (ids.count(events.id(p).value) != 0) found.insert(events.id(p).value);
  }
  return found;
}

}  // namespace

EventId touch_event_id(std::string_view key, TouchOutcome outcome) {
  // FNV-1a over the key and the outcome's name, then SplitMix64's finaliser to spread it.
  std::uint64_t h = 0xcbf29ce484222325ULL;
  const auto mix = [&](std::string_view s) {
    for (const char c : s) {
      h ^= static_cast<unsigned char>(c);
      h *= 0x100000001b3ULL;
    }
  };
  mix("touch:");
  mix(key);
  mix("|");
  mix(to_string(outcome));
  h = (h ^ (h >> 30U)) * 0xBF58476D1CE4E5B9ULL;
  h = (h ^ (h >> 27U)) * 0x94D049BB133111EBULL;
  h ^= h >> 31U;
  return EventId{h == 0 ? 1 : h};
}

namespace detail {

CommandResult run(Workspace& ws, const Enroll& c, HybridClock& clock, UndoStep* undo) {
  const Sequence* seq = live_sequence(ws, c.sequence);
  if (seq == nullptr)
    return refused("No such sequence", {{"sequence", "This sequence does not exist or was deleted"}});
  std::vector<FieldError> errors;
  check_text(errors, "reason", c.reason, 1000, false);
  if (c.at <= 0) errors.push_back({"at", "is not a time"});
  std::vector<LeadId> leads;
  std::set<LeadId> seen;
  for (const LeadId lead : c.leads) {
    if (!seen.insert(lead).second) continue;
    const auto row = ws.leads.find(lead);
    if (!row || ws.leads.is_deleted(*row)) {
      if (errors.size() < k_max_errors)
        errors.push_back({"leads", "the lead " + to_string(lead) + " does not exist or was deleted"});
      continue;
    }
    leads.push_back(lead);
  }
  if (!errors.empty()) return refused("Nobody was enrolled in \"" + seq->name + "\"", std::move(errors));
  if (leads.empty()) return {true, "No leads to enrol", {}};

  std::vector<Enrollment> fresh;
  std::vector<std::pair<std::string, std::size_t>> skipped;  // why, how many; in order of first use
  for (const LeadId lead : leads) {
    auto problem = reentry_problem(ws, *seq, lead, c.at);
    std::string key = enrollment_key(seq->id, lead, c.at);
    // Same lead, same moment: the same enrolment (after_exit allows a second one, not this one).
    if (!problem && record_at(ws.enrollments, key) != nullptr) problem = "already enrolled at that moment";
    if (problem) {
      const auto it =
          std::find_if(skipped.begin(), skipped.end(), [&](const auto& s) { return s.first == *problem; });
      if (it == skipped.end()) {
        skipped.emplace_back(std::move(*problem), 1);
      } else {
        ++it->second;
      }
      continue;
    }
    Enrollment e;
    e.key = std::move(key);
    e.sequence = seq->id;
    e.lead = lead;
    e.enrolled_at = c.at;
    e.reason = c.reason;
    fresh.push_back(std::move(e));
  }
  std::string why;
  for (const auto& [text, n] : skipped)
    why += "; " + format_thousands(n) + (n == 1 ? " was " : " were ") + text;
  if (fresh.empty()) return {true, "Nobody enrolled in \"" + seq->name + "\"" + why, {}};

  const std::string name = seq->name;  // `seq` stays valid: only enrolments change below
  const Stamp stamp = clock.tick(c.now);
  SequenceRecordsUndo inverse;
  inverse.added_enrollments.reserve(fresh.size());
  for (auto& e : fresh) {
    e.stamp = stamp;
    inverse.added_enrollments.push_back(e.key);
  }
  // One sorted merge, not an insert per lead: inserting 25,000 enrolments one by one into a
  // sorted list shifted the list 25,000 times and froze the tab for 2.6 s (a segment of
  // 25,000 leads at 100,000 leads, docs/long-work.md). Every fresh key is new (checked above)
  // and unique (one per lead), so the merge is exactly the sequence of upserts.
  const auto by_key = [](const Enrollment& a, const Enrollment& b) { return a.key < b.key; };
  std::sort(fresh.begin(), fresh.end(), by_key);
  const auto old_size = static_cast<std::ptrdiff_t>(ws.enrollments.size());
  ws.enrollments.insert(ws.enrollments.end(), std::make_move_iterator(fresh.begin()),
                        std::make_move_iterator(fresh.end()));
  std::inplace_merge(ws.enrollments.begin(), ws.enrollments.begin() + old_size, ws.enrollments.end(), by_key);
  if (undo != nullptr) undo->inverse = std::move(inverse);
  ++ws.revision;
  return {true, "Enrolled " + count_noun(fresh.size(), "lead", "leads") + " in \"" + name + "\"" + why, {}};
}

CommandResult run(Workspace& ws, const EndEnrollments& c, HybridClock& clock, UndoStep* undo) {
  std::vector<FieldError> errors;
  check_text(errors, "reason", c.reason, 1000, false);
  std::vector<std::string> to_end;
  for (const auto& key : c.keys) {
    const Enrollment* e = record_at(ws.enrollments, key);
    if (e == nullptr) {
      if (errors.size() < k_max_errors) errors.push_back({"keys", "no enrolment \"" + key + "\""});
    } else if (e->ended_at == 0 && std::find(to_end.begin(), to_end.end(), key) == to_end.end()) {
      to_end.push_back(key);
    }
  }
  if (!errors.empty()) return refused("No enrolment was ended", std::move(errors));
  if (to_end.empty()) return {true, "Nothing changed", {}};
  const Stamp stamp = clock.tick(c.now);
  SequenceRecordsUndo inverse;
  for (const auto& key : to_end) {
    Enrollment* it = mutable_record_at(ws.enrollments, key);
    inverse.replaced_enrollments.push_back(*it);
    it->ended_at = std::max<UnixMillis>(c.now, 1);  // 0 would mean "still running"
    it->end_reason = c.reason.empty() ? "ended by hand" : c.reason;
    it->stamp = stamp;
  }
  if (undo != nullptr) undo->inverse = std::move(inverse);
  ++ws.revision;
  return {true, "Ended " + count_noun(to_end.size(), "enrolment", "enrolments"), {}};
}

CommandResult run(Workspace& ws, const RecordTouches& c, HybridClock& clock, UndoStep* undo) {
  std::vector<FieldError> errors;
  std::vector<ResolvedTouch> touches;
  std::set<std::string_view> keys;
  for (std::size_t i = 0; i < c.touches.size() && errors.size() < k_max_errors; ++i) {
    const std::string at = "touches[" + std::to_string(i) + "]";
    if (!keys.insert(c.touches[i].key).second) {
      errors.push_back({at + ".key", "the touch \"" + c.touches[i].key + "\" appears twice"});
      continue;
    }
    if (auto t = resolve(ws, c.touches[i], c.now, at, errors)) touches.push_back(*t);
  }
  if (!errors.empty()) return refused("No touch was recorded", std::move(errors));
  if (touches.empty()) return {true, "Nothing changed", {}};

  // The events first: their ids tell which are logged already (a repeated record).
  std::vector<Event> events;
  std::unordered_set<std::uint64_t> ids;
  for (const auto& t : touches) {
    const Step& step = t.sequence->steps[t.step];
    const auto type = touch_event_type(step.channel, t.entry->outcome);
    if (!type) continue;
    Event e;
    e.id = touch_event_id(t.entry->key, t.entry->outcome);
    e.lead = t.lead;
    e.at = c.now;
    e.type = *type;
    e.sequence = t.sequence->id;
    e.step = static_cast<std::uint16_t>(t.step);
    if (t.entry->outcome == TouchOutcome::no_answer || t.entry->outcome == TouchOutcome::wrong_number)
      e.properties.emplace_back("outcome", std::string(to_string(t.entry->outcome)));
    ids.insert(e.id.value);
    events.push_back(std::move(e));
  }
  const auto already = logged(ws.events, ids);
  events.erase(std::remove_if(events.begin(), events.end(),
                              [&](const Event& e) { return already.count(e.id.value) != 0; }),
               events.end());

  const Stamp stamp = clock.tick(c.now);
  SequenceRecordsUndo inverse;
  for (const auto& t : touches) {
    if (const TouchRecord* before = record_at(ws.touches, t.entry->key)) {
      inverse.replaced_touches.push_back(*before);
    } else {
      inverse.added_touches.push_back(t.entry->key);
    }
    TouchRecord r;
    r.key = t.entry->key;
    r.outcome = t.entry->outcome;
    r.at = c.now;
    r.until = t.entry->outcome == TouchOutcome::snoozed ? t.entry->until : 0;
    r.stamp = stamp;
    upsert(ws.touches, std::move(r));
  }
  if (!events.empty()) {
    ws.events.add(events);
    for (const auto& e : events) inverse.added_events.insert(e.id.value);
  }
  if (undo != nullptr) undo->inverse = std::move(inverse);
  ++ws.revision;
  std::string message = "Recorded " + count_noun(touches.size(), "touch", "touches");
  if (!events.empty()) message += " (" + count_noun(events.size(), "event", "events") + " logged)";
  return {true, std::move(message), {}};
}

}  // namespace detail

void revert_sequence_records(Workspace& ws, SequenceRecordsUndo&& undo) {
  remove_keys(ws.enrollments, undo.added_enrollments);
  for (auto& e : undo.replaced_enrollments) upsert(ws.enrollments, std::move(e));
  remove_keys(ws.touches, undo.added_touches);
  for (auto& t : undo.replaced_touches) upsert(ws.touches, std::move(t));
  if (!undo.added_events.empty()) ws.events.remove(undo.added_events);
}

}  // namespace nurture
