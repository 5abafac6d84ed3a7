#include "core/sync/merge.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "core/sync/lww.hpp"
#include "core/util/text.hpp"

namespace nurture {

namespace {

// ---- Field values as text --------------------------------------------------------------------

// JSON string literal. Bytes that are not ASCII are copied as they are (not validated), so two
// different values never give the same text.
void append_quoted(std::string& out, std::string_view s) {
  out += '"';
  for (const char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
      out += buf;
    } else {
      out += c;
    }
  }
  out += '"';
}

std::string quoted_list(const std::vector<std::string>& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i != 0) out += ',';
    append_quoted(out, values[i]);
  }
  return out + "]";
}

// ---- Consent and do-not-contact: combined record by record -------------------------------------

auto consent_key(const ConsentRecord& r) { return std::make_tuple(r.channel, r.purpose); }

// The record that stands for its (channel, purpose): the one written by the later change (its
// stamp, not its wall-clock `at`, which a skewed clock can put anywhere); at the same stamp a
// revocation beats a grant (opt-out wins); the rest only makes the order total.
bool consent_less(const ConsentRecord& a, const ConsentRecord& b) {
  return std::make_tuple(a.stamp, !a.granted, a.at, std::cref(a.method), std::cref(a.text),
                         std::cref(a.reason)) < std::make_tuple(b.stamp, !b.granted, b.at,
                                                                std::cref(b.method), std::cref(b.text),
                                                                std::cref(b.reason));
}

// Joins two record lists: every key either side has, with the greater record per key. The
// result is sorted by key unless both lists are identical, which keeps the join idempotent
// and makes its result independent of argument order and grouping (docs/sync.md).
template <class Record, class KeyFn, class Less>
std::vector<Record> join_records(const std::vector<Record>& a, const std::vector<Record>& b, KeyFn key,
                                 Less less) {
  if (a == b) return a;
  std::vector<Record> out = a;
  out.insert(out.end(), b.begin(), b.end());
  // Sort by key, then best first, and keep the first of each key.
  std::sort(out.begin(), out.end(), [&](const Record& x, const Record& y) {
    if (key(x) != key(y)) return key(x) < key(y);
    return less(y, x);
  });
  out.erase(
      std::unique(out.begin(), out.end(), [&](const Record& x, const Record& y) { return key(x) == key(y); }),
      out.end());
  return out;
}

std::vector<ConsentRecord> join_consent(const std::vector<ConsentRecord>& a,
                                        const std::vector<ConsentRecord>& b) {
  return join_records(a, b, consent_key, consent_less);
}

// A do-not-contact set or clear: per channel one register, the later change wins; at the same
// stamp a set beats a clear (opt-out wins).
struct DncEntry {
  DoNotContact record;
  bool cleared = false;
  friend bool operator==(const DncEntry&, const DncEntry&) = default;
};

bool dnc_less(const DncEntry& a, const DncEntry& b) {
  return std::make_tuple(a.record.stamp, !a.cleared, a.record.at, std::cref(a.record.reason)) <
         std::make_tuple(b.record.stamp, !b.cleared, b.record.at, std::cref(b.record.reason));
}

std::vector<DncEntry> dnc_entries(const Lead& lead) {
  std::vector<DncEntry> out;
  out.reserve(lead.do_not_contact.size() + lead.do_not_contact_cleared.size());
  for (const auto& d : lead.do_not_contact) out.push_back({d, false});
  for (const auto& d : lead.do_not_contact_cleared) out.push_back({d, true});
  return out;
}

// Sets merged.do_not_contact and merged.do_not_contact_cleared from both sides.
void join_dnc(Lead& merged, const Lead& a, const Lead& b) {
  if (a.do_not_contact == b.do_not_contact && a.do_not_contact_cleared == b.do_not_contact_cleared) {
    merged.do_not_contact = a.do_not_contact;
    merged.do_not_contact_cleared = a.do_not_contact_cleared;
    return;
  }
  const auto joined = join_records(
      dnc_entries(a), dnc_entries(b), [](const DncEntry& e) { return e.record.channel; }, dnc_less);
  merged.do_not_contact.clear();
  merged.do_not_contact_cleared.clear();
  for (const auto& e : joined)
    (e.cleared ? merged.do_not_contact_cleared : merged.do_not_contact).push_back(e.record);
}

bool is_combined(LeadField f) { return f == LeadField::consent || f == LeadField::do_not_contact; }

// ---- Which changes a workspace has seen ----------------------------------------------------------

// The largest stamp a workspace holds per device. Files are merged whole, so a workspace holding
// device D's stamp s has seen every change D made up to s (or something newer in its place).
// This summary only under-estimates what was seen (a stamp overwritten by a newer one from
// another device no longer counts), so it can report a sequential edit as a conflict, never
// hide a concurrent one. Real version vectors would be exact (docs/sync.md).
class SeenStamps {
 public:
  explicit SeenStamps(const Workspace& ws) {
    for (const auto& s : ws.seen) note(s);
    note(ws.practice_stamp);
    const auto& leads = ws.leads;
    for (std::uint32_t r = 0; r < leads.rows(); ++r) {
      for (std::size_t f = 0; f < k_lead_field_count; ++f) note(leads.stamp(r, static_cast<LeadField>(f)));
      note(leads.deleted_stamp(r));
    }
    for (std::uint32_t p = 0; p < ws.events.size(); ++p) {
      if (ws.events.is_deleted(p)) note(ws.events.deleted_stamp(ws.events.id(p)));
    }
  }
  /// True when the workspace holds `s` or a later stamp of the same device (or `s` is zero).
  [[nodiscard]] bool has_seen(const Stamp& s) const {
    if (s.is_zero()) return true;
    const auto it = m_max.find(s.device);
    return it != m_max.end() && s <= it->second;
  }
  [[nodiscard]] const std::unordered_map<std::uint64_t, Stamp>& per_device() const { return m_max; }
  /// True when `other` holds a stamp this one has not seen.
  [[nodiscard]] bool misses_any_of(const SeenStamps& other) const {
    return std::any_of(other.m_max.begin(), other.m_max.end(),
                       [this](const auto& entry) { return !has_seen(entry.second); });
  }
  /// The entries of both (of this one alone without `other`), sorted by device.
  [[nodiscard]] std::vector<Stamp> joined(const SeenStamps* other = nullptr) const {
    std::unordered_map<std::uint64_t, Stamp> all = m_max;
    if (other != nullptr) {
      for (const auto& [device, s] : other->m_max) {
        auto [it, inserted] = all.try_emplace(device, s);
        if (!inserted && it->second < s) it->second = s;
      }
    }
    std::vector<Stamp> out;
    out.reserve(all.size());
    for (const auto& [device, s] : all) out.push_back(s);
    std::sort(out.begin(), out.end(), [](const Stamp& a, const Stamp& b) { return a.device < b.device; });
    return out;
  }

 private:
  void note(const Stamp& s) {
    if (s.is_zero()) return;
    if (s.device == m_last_device && m_last != nullptr) {
      if (*m_last < s) *m_last = s;
      return;
    }
    auto [it, inserted] = m_max.try_emplace(s.device, s);
    if (!inserted && it->second < s) it->second = s;
    m_last_device = s.device;
    m_last = &it->second;
  }
  std::unordered_map<std::uint64_t, Stamp> m_max;
  std::uint64_t m_last_device = 0;
  Stamp* m_last = nullptr;  // unordered_map never moves its elements
};

// ---- The merge ----------------------------------------------------------------------------------

template <class T>
void push_capped(std::vector<T>& list, std::size_t& total, T item) {
  ++total;
  if (list.size() < MergeReport::k_max_listed) list.push_back(std::move(item));
}

struct Context {
  const Workspace& local;
  const Workspace& remote;
  Workspace* out = nullptr;  // null for a preview; may be &local
  SeenStamps local_seen;
  SeenStamps remote_seen;
  MergeReport report;
  MergeUndo* undo = nullptr;  // only with out
  std::unordered_set<std::uint32_t> saved_rows;
};

void merge_row(Context& cx, std::uint32_t lrow, std::uint32_t rrow) {
  const LeadStore& ls = cx.local.leads;
  const LeadStore& rs = cx.remote.leads;
  const Lead lv = ls.get(lrow);
  const Lead rv = rs.get(rrow);
  Lead merged = lv;
  std::array<Stamp, k_lead_field_count> stamps{};
  std::vector<LeadField> written;

  // The deletion register first: field conflicts under a tombstone are not worth listing.
  const bool l_deleted = ls.is_deleted(lrow);
  const bool r_deleted = rs.is_deleted(rrow);
  const Stamp l_del = ls.deleted_stamp(lrow);
  const Stamp r_del = rs.deleted_stamp(rrow);
  const bool deletion_from_remote = lww_remote_wins(
      l_del, r_del, [&] { return l_deleted == r_deleted; }, [&] { return r_deleted; });
  const bool deleted = deletion_from_remote ? r_deleted : l_deleted;

  bool value_changed = false;
  for (std::size_t i = 0; i < k_lead_field_count; ++i) {
    const auto f = static_cast<LeadField>(i);
    const Stamp sl = ls.stamp(lrow, f);
    const Stamp sr = rs.stamp(rrow, f);
    const bool equal = field_equal(lv, rv, f);
    Stamp stamp = sl;
    if (is_combined(f)) {
      stamp = std::max(sl, sr);
      if (f == LeadField::consent) {
        merged.consent = join_consent(lv.consent, rv.consent);
      } else {
        join_dnc(merged, lv, rv);
      }
    } else if (lww_remote_wins(
                   sl, sr, [&] { return equal; }, [&] { return field_text(lv, f) < field_text(rv, f); })) {
      stamp = sr;
      copy_field(merged, rv, f);
    }
    stamps[i] = stamp;
    const bool changed = !field_equal(lv, merged, f);
    if (changed || stamp != sl) written.push_back(f);
    if (changed && !deleted && !l_deleted) {
      value_changed = true;
      push_capped(cx.report.changes, cx.report.changes_total,
                  LeadFieldChange{lv.id, f, field_text(lv, f), field_text(merged, f)});
    } else if (changed || stamp != sl) {
      ++cx.report.other_changes;
    }
    if (!deleted && !equal && !sl.is_zero() && !sr.is_zero() && !cx.remote_seen.has_seen(sl) &&
        !cx.local_seen.has_seen(sr)) {
      push_capped(cx.report.conflicts, cx.report.conflicts_total,
                  FieldConflict{lv.id, f, field_text(lv, f), field_text(rv, f), sl, sr, changed});
    }
  }
  if (value_changed) ++cx.report.leads_updated;

  const bool deletion_changed = deletion_from_remote && (l_deleted != r_deleted || l_del != r_del);
  if (deletion_changed) {
    if (!l_deleted && r_deleted) {
      ++cx.report.leads_deleted;
    } else if (l_deleted && !r_deleted) {
      ++cx.report.leads_updated;  // restored by a later decision on the other device
    } else {
      ++cx.report.other_changes;
    }
  }
  if (deleted && l_deleted != r_deleted) {
    // Which edits of the live side had the deleting side not seen?
    const bool remote_deleted = r_deleted;
    const LeadStore& live = remote_deleted ? ls : rs;
    const LeadStore& gone = remote_deleted ? rs : ls;
    const std::uint32_t live_row = remote_deleted ? lrow : rrow;
    const std::uint32_t gone_row = remote_deleted ? rrow : lrow;
    const SeenStamps& gone_seen = remote_deleted ? cx.remote_seen : cx.local_seen;
    DeleteConflict conflict{lv.id, !remote_deleted, remote_deleted ? r_del : l_del, {}};
    for (std::size_t i = 0; i < k_lead_field_count; ++i) {
      const auto f = static_cast<LeadField>(i);
      const Stamp s = live.stamp(live_row, f);
      if (s != gone.stamp(gone_row, f) && !gone_seen.has_seen(s)) conflict.edited.push_back(f);
    }
    if (!conflict.edited.empty())
      push_capped(cx.report.delete_conflicts, cx.report.delete_conflicts_total, std::move(conflict));
  }

  if (cx.out == nullptr) return;
  LeadStore& target = cx.out->leads;
  if (cx.undo != nullptr && (!written.empty() || deletion_changed) && lrow < cx.undo->lead_rows &&
      cx.saved_rows.insert(lrow).second) {
    cx.undo->rows.emplace_back(lrow, target.save_row(lrow));
  }
  for (const auto f : written) target.set_field(lrow, f, merged, stamps[static_cast<std::size_t>(f)]);
  if (deletion_changed) target.set_deleted(lrow, r_deleted, r_del);
}

void merge_leads(Context& cx) {
  const LeadStore& rs = cx.remote.leads;
  for (std::uint32_t r = 0; r < rs.rows(); ++r) {
    const LeadId id = rs.id(r);
    // With cx.out == &cx.local, rows appended below are found here too (a repeated id).
    const LeadStore& ls = cx.out != nullptr ? cx.out->leads : cx.local.leads;
    if (const auto l = ls.find_any(id)) {
      merge_row(cx, *l, r);
      continue;
    }
    if (rs.is_deleted(r)) {
      ++cx.report.other_changes;
    } else {
      ++cx.report.leads_added;
    }
    if (cx.out == nullptr) continue;
    std::array<Stamp, k_lead_field_count> stamps{};
    for (std::size_t f = 0; f < k_lead_field_count; ++f) stamps[f] = rs.stamp(r, static_cast<LeadField>(f));
    cx.out->leads.append_row(rs.get(r), stamps, rs.is_deleted(r), rs.deleted_stamp(r));
  }
}

auto event_tuple(const Event& e) {
  return std::tie(e.at, e.lead, e.type, e.content, e.sequence, e.step, e.seconds, e.amount_cents, e.service,
                  e.properties);
}

void merge_events(Context& cx) {
  const EventLog& le = cx.local.events;
  const EventLog& re = cx.remote.events;
  std::unordered_map<std::uint64_t, std::uint32_t> local_pos;
  local_pos.reserve(le.size());
  for (std::uint32_t p = 0; p < le.size(); ++p) local_pos.emplace(le.id(p).value, p);

  std::vector<Event> added;
  std::unordered_set<std::uint64_t> replaced;
  std::vector<std::pair<EventId, Stamp>> tombstones;
  bool changes_local = false;  // a tombstone or new content for an event already here
  for (std::uint32_t p = 0; p < re.size(); ++p) {
    const EventId id = re.id(p);
    const bool r_deleted = re.is_deleted(p);
    const Stamp r_del = re.deleted_stamp(id);
    const auto it = local_pos.find(id.value);
    if (it == local_pos.end()) {
      added.push_back(re.get(p));
      if (r_deleted) {
        tombstones.emplace_back(id, r_del);
        ++cx.report.other_changes;
      } else {
        ++cx.report.events_added;
      }
      continue;
    }
    const bool l_deleted = le.is_deleted(it->second);
    const Stamp l_del = le.deleted_stamp(id);
    // Events are immutable, so one id should mean one content; if two files disagree, the
    // greater content is kept on every device alike.
    Event le_event = le.get(it->second);
    Event re_event = re.get(p);
    const bool replace = !(le_event == re_event) && event_tuple(le_event) < event_tuple(re_event);
    if (replace) {
      replaced.insert(id.value);
      added.push_back(std::move(re_event));
      ++cx.report.other_changes;
    }
    const bool deleted = l_deleted || r_deleted;
    const Stamp del = std::max(l_del, r_del);
    changes_local = changes_local || replace;
    if (deleted && (!l_deleted || del != l_del || replace)) {
      tombstones.emplace_back(id, del);
      changes_local = true;
      if (!l_deleted) {
        ++cx.report.events_deleted;
      } else if (!replace) {
        ++cx.report.other_changes;
      }
    }
  }
  if (cx.out == nullptr) return;
  EventLog& target = cx.out->events;
  if (cx.undo != nullptr) {
    if (changes_local) {
      cx.undo->events = target;
    } else {
      for (const auto& e : added) cx.undo->added_events.insert(e.id.value);
    }
  }
  target.remove(replaced);
  // Added in (time, id) order so that every device files ties the same way.
  std::sort(added.begin(), added.end(),
            [](const Event& a, const Event& b) { return std::tie(a.at, a.id) < std::tie(b.at, b.id); });
  target.add(added);
  target.set_deleted_batch(tombstones);  // one scan of the log, not one per tombstone
}

auto practice_tuple(const PracticeProfile& p) {
  return std::tie(p.name, p.street, p.city, p.state, p.zip, p.country, p.time_zone, p.phone, p.email,
                  p.website);
}

void merge_practice(Context& cx) {
  const auto& l = cx.local;
  const auto& r = cx.remote;
  const bool equal = l.practice == r.practice;
  if (!lww_remote_wins(
          l.practice_stamp, r.practice_stamp, [&] { return equal; },
          [&] { return practice_tuple(l.practice) < practice_tuple(r.practice); })) {
    return;
  }
  if (equal) {
    ++cx.report.other_changes;
  } else {
    cx.report.practice_changed = true;
  }
  if (cx.out == nullptr) return;
  cx.out->practice = r.practice;
  cx.out->practice_stamp = r.practice_stamp;
}

// Members from a newer minor version: this version cannot know how they merge, so it only
// makes sure nothing is lost and devices converge. The union by key; where both sides hold
// the key with different JSON, the greater text wins (a total order, so the merge stays a
// join). Lists that differ come out sorted by key, so every device writes the same bytes.
void merge_unknown_members(Context& cx) {
  const auto& l = cx.local.unknown_members;
  const auto& r = cx.remote.unknown_members;
  if (l == r || r.empty()) return;
  // One side without any: the other's as they are (a join with nothing changes nothing).
  auto joined =
      l.empty()
          ? r
          : join_records(
                l, r,
                [](const std::pair<std::string, std::string>& m) -> const std::string& { return m.first; },
                [](const auto& a, const auto& b) { return a.second < b.second; });
  if (joined == l) return;
  ++cx.report.other_changes;
  if (cx.out != nullptr) cx.out->unknown_members = std::move(joined);
}

void check_clock_skew(Context& cx, UnixMillis now) {
  std::uint64_t device = 0;
  std::int64_t ahead = 0;
  for (const auto& [d, s] : cx.remote_seen.per_device()) {
    cx.report.remote_max = std::max(cx.report.remote_max, s);
    if (s.millis - now > ahead) {
      ahead = s.millis - now;
      device = d;
    }
  }
  if (ahead <= k_clock_skew_limit) return;
  constexpr std::int64_t k_day = 86'400'000;
  char device_hex[24];
  std::snprintf(device_hex, sizeof device_hex, "%016llx", static_cast<unsigned long long>(device));
  cx.report.clock_skew_warning =
      "Changes from device " + std::string(device_hex) + " are dated " +
      count_noun(static_cast<std::uint64_t>(ahead / k_day), "day", "days") +
      " ahead of this device's clock. One of the two clocks is wrong; edits made here from now on still "
      "win over them.";
}

MergeReport run_merge(const Workspace& local, const Workspace& remote, UnixMillis now, Workspace* out,
                      MergeUndo* undo) {
  Context cx{local, remote, out, SeenStamps(local), SeenStamps(remote), {}, out != nullptr ? undo : nullptr,
             {}};
  if (cx.undo != nullptr) {
    *cx.undo = MergeUndo{};
    cx.undo->lead_rows = local.leads.rows();
    cx.undo->practice = local.practice;
    cx.undo->practice_stamp = local.practice_stamp;
    cx.undo->seen = local.seen;
    cx.undo->unknown_members = local.unknown_members;
  }
  check_clock_skew(cx, now);
  merge_leads(cx);
  merge_events(cx);
  merge_practice(cx);
  merge_unknown_members(cx);
  // Knowing what the other device had seen is worth keeping even when its data adds nothing.
  if (cx.report.nothing_new() && cx.local_seen.misses_any_of(cx.remote_seen)) ++cx.report.other_changes;
  if (out != nullptr && !cx.report.nothing_new()) {
    out->seen = cx.local_seen.joined(&cx.remote_seen);
    ++out->revision;
  }
  return std::move(cx.report);
}

}  // namespace

std::string MergeReport::summary() const {
  if (nothing_new()) return "Nothing new";
  std::vector<std::string> parts;
  if (leads_added != 0) parts.push_back(count_noun(leads_added, "lead added", "leads added"));
  if (leads_updated != 0) parts.push_back(format_thousands(leads_updated) + " updated");
  if (leads_deleted != 0) parts.push_back(format_thousands(leads_deleted) + " deleted");
  if (events_added != 0) parts.push_back(count_noun(events_added, "event added", "events added"));
  if (events_deleted != 0) parts.push_back(count_noun(events_deleted, "event deleted", "events deleted"));
  if (practice_changed) parts.emplace_back("practice profile updated");
  const auto conflict_count = conflicts_total + delete_conflicts_total;
  if (conflict_count != 0) parts.push_back(count_noun(conflict_count, "conflict", "conflicts"));
  if (parts.empty()) return "Merged; nothing visible changed";
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i == 0 ? "" : ", ") + parts[i];
  out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

MergeReport preview_merge(const Workspace& local, const Workspace& remote, UnixMillis now) {
  return run_merge(local, remote, now, nullptr, nullptr);
}

MergeReport merge_into(Workspace& local, const Workspace& remote, UnixMillis now, MergeUndo* undo) {
  return run_merge(local, remote, now, &local, undo);
}

void revert_merge(Workspace& ws, MergeUndo&& undo) {
  while (ws.leads.rows() > undo.lead_rows) ws.leads.pop_row();
  for (const auto& [row, state] : undo.rows) ws.leads.restore_row(row, state);
  if (undo.events) {
    ws.events = std::move(*undo.events);
  } else {
    ws.events.remove(undo.added_events);
  }
  ws.practice = std::move(undo.practice);
  ws.practice_stamp = undo.practice_stamp;
  ws.seen = std::move(undo.seen);
  ws.unknown_members = std::move(undo.unknown_members);
}

std::vector<Stamp> seen_stamps(const Workspace& ws) { return SeenStamps(ws).joined(); }

Stamp max_stamp(const Workspace& ws) {
  const SeenStamps seen(ws);
  Stamp out;
  for (const auto& [device, s] : seen.per_device()) out = std::max(out, s);
  return out;
}

std::string field_text(const Lead& lead, LeadField field) {
  switch (field) {
    case LeadField::birth_date:
      return lead.birth_date ? format_date(*lead.birth_date) : std::string();
    case LeadField::age:
      return lead.age ? std::to_string(*lead.age) : std::string();
    case LeadField::gender:
      return std::string(to_string(lead.gender));
    case LeadField::created_at:
      return std::to_string(lead.created_at);
    case LeadField::interests:
      return quoted_list(lead.interests);
    case LeadField::tags:
      return quoted_list(lead.tags);
    case LeadField::custom_fields: {
      std::string out = "{";
      for (const auto& [name, value] : lead.custom_fields) {
        if (out.size() > 1) out += ',';
        append_quoted(out, name);
        out += ':';
        append_quoted(out, value);
      }
      return out + "}";
    }
    case LeadField::stage: {
      std::string out = std::string(to_string(lead.stage)) + " [";
      for (std::size_t i = 0; i < lead.stage_history.size(); ++i) {
        if (i != 0) out += ',';
        out += R"({"stage":")" + std::string(to_string(lead.stage_history[i].stage)) + R"(","at":)" +
               std::to_string(lead.stage_history[i].at) + "}";
      }
      return out + "]";
    }
    case LeadField::consent: {
      std::string out = "[";
      for (const auto& c : lead.consent) {
        if (out.size() > 1) out += ',';
        out += R"({"channel":")" + std::string(to_string(c.channel)) + R"(","purpose":")" +
               std::string(to_string(c.purpose)) + R"(","granted":)" + (c.granted ? "true" : "false") +
               R"(,"at":)" + std::to_string(c.at) + R"(,"method":)";
        append_quoted(out, c.method);
        out += R"(,"text":)";
        append_quoted(out, c.text);
        out += R"(,"reason":)";
        append_quoted(out, c.reason);
        out += '}';
      }
      return out + "]";
    }
    case LeadField::do_not_contact: {
      std::string out = "[";
      for (const auto& e : dnc_entries(lead)) {
        const auto& d = e.record;
        if (out.size() > 1) out += ',';
        out += R"({"channel":")" + std::string(to_string(d.channel)) + R"(","at":)" + std::to_string(d.at) +
               R"(,"reason":)";
        append_quoted(out, d.reason);
        if (e.cleared) out += R"(,"cleared":true)";
        out += '}';
      }
      return out + "]";
    }
    default:
      break;  // the text fields, below: the value itself
  }
  const std::string* text = nullptr;
  switch (field) {
    case LeadField::first_name:
      text = &lead.first_name;
      break;
    case LeadField::last_name:
      text = &lead.last_name;
      break;
    case LeadField::email:
      text = &lead.email;
      break;
    case LeadField::phone:
      text = &lead.phone;
      break;
    case LeadField::street:
      text = &lead.street;
      break;
    case LeadField::city:
      text = &lead.city;
      break;
    case LeadField::state:
      text = &lead.state;
      break;
    case LeadField::zip:
      text = &lead.zip;
      break;
    case LeadField::country:
      text = &lead.country;
      break;
    case LeadField::time_zone:
      text = &lead.time_zone;
      break;
    case LeadField::source:
      text = &lead.source;
      break;
    case LeadField::campaign:
      text = &lead.campaign;
      break;
    case LeadField::ad:
      text = &lead.ad;
      break;
    case LeadField::form:
      text = &lead.form;
      break;
    case LeadField::notes:
      text = &lead.notes;
      break;
    default:
      break;
  }
  return text != nullptr ? *text : std::string();
}

}  // namespace nurture
