#include "core/sync/merge.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "core/sync/lww.hpp"
#include "core/sync/merge_records.hpp"
#include "core/sync/merge_settings.hpp"
#include "core/util/text.hpp"
#include "core/util/time_units.hpp"

namespace nurture {

namespace merge_detail {

namespace {

bool is_combined(LeadField f) { return f == LeadField::consent || f == LeadField::do_not_contact; }

// ---- Which changes a workspace has seen ----------------------------------------------------------

// The largest stamp a workspace holds per device. Files are merged whole, so a workspace holding
// device D's stamp s has seen every change D made up to s (or something newer in its place).
// This summary only under-estimates what was seen (a stamp overwritten by a newer one from
// another device no longer counts), so it can report a sequential edit as a conflict, never
// hide a concurrent one. Real version vectors would be exact (docs/sync.md).
class SeenStamps {
 public:
  SeenStamps() = default;
  explicit SeenStamps(const Workspace& ws) {
    note_header(ws);
    note_leads(ws, 0, ws.leads.rows());
    note_events(ws, 0, ws.events.size());
  }
  // m_last points into m_max: a copy would point into the original. (A move keeps the nodes.)
  SeenStamps(const SeenStamps&) = delete;
  SeenStamps& operator=(const SeenStamps&) = delete;
  SeenStamps(SeenStamps&&) = default;
  SeenStamps& operator=(SeenStamps&&) = default;
  ~SeenStamps() = default;

  // The parts, so that a stepped merge can note a slice of rows at a time.
  void note_header(const Workspace& ws) {
    for (const auto& s : ws.seen) note(s);
    note(ws.practice_stamp);
    note_settings_stamps(ws, [&](const Stamp& s) { note(s); });
  }
  void note_leads(const Workspace& ws, std::uint32_t from, std::uint32_t to) {
    const auto& leads = ws.leads;
    for (std::uint32_t r = from; r < to; ++r) {
      for (std::size_t f = 0; f < k_lead_field_count; ++f) note(leads.stamp(r, static_cast<LeadField>(f)));
      note(leads.deleted_stamp(r));
    }
  }
  void note_events(const Workspace& ws, std::uint32_t from, std::uint32_t to) {
    for (std::uint32_t p = from; p < to; ++p) {
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
  Context(const Workspace& l, const Workspace& r, Workspace* o, MergeUndo* u)
      : local(l), remote(r), out(o), undo(o != nullptr ? u : nullptr) {}
  const Workspace& local;
  const Workspace& remote;
  Workspace* out = nullptr;   // null for a preview; may be &local
  MergeUndo* undo = nullptr;  // only with out
  SeenStamps local_seen;
  SeenStamps remote_seen;
  MergeReport report;
  std::unordered_set<std::uint32_t> saved_rows;
  // The events' merge between steps: where each local event is, and (only with out) what to
  // write at the end.
  std::unordered_map<std::uint64_t, std::uint32_t> local_pos;
  std::vector<Event> added;
  std::unordered_set<std::uint64_t> replaced;
  std::vector<std::pair<EventId, Stamp>> tombstones;
  bool changes_local = false;           // a tombstone or new content for an event already here
  std::vector<LeadId> consent_touched;  // leads whose consent or opt-outs the merge wrote
  std::vector<Lead> preview_leads;      // without out: those leads as merged
};

void touch_consent(Context& cx, const Lead& merged) {
  if (cx.out != nullptr) {
    cx.consent_touched.push_back(merged.id);
  } else {
    cx.preview_leads.push_back(merged);
  }
}

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

  if (std::any_of(written.begin(), written.end(), is_combined)) touch_consent(cx, merged);
  if (cx.out == nullptr) return;
  LeadStore& target = cx.out->leads;
  if (cx.undo != nullptr && (!written.empty() || deletion_changed) && lrow < cx.undo->lead_rows &&
      cx.saved_rows.insert(lrow).second) {
    cx.undo->rows.emplace_back(lrow, target.save_row(lrow));
  }
  for (const auto f : written) target.set_field(lrow, f, merged, stamps[static_cast<std::size_t>(f)]);
  if (deletion_changed) target.set_deleted(lrow, r_deleted, r_del);
}

// One remote row: merged into the local row with its id, or appended.
void merge_lead(Context& cx, std::uint32_t r) {
  const LeadStore& rs = cx.remote.leads;
  const LeadId id = rs.id(r);
  // With cx.out == &cx.local, rows appended below are found here too (a repeated id).
  const LeadStore& ls = cx.out != nullptr ? cx.out->leads : cx.local.leads;
  if (const auto l = ls.find_any(id)) {
    merge_row(cx, *l, r);
    return;
  }
  if (rs.is_deleted(r)) {
    ++cx.report.other_changes;
  } else {
    ++cx.report.leads_added;
  }
  const Lead lead = rs.get(r);
  if (!lead.consent.empty() || !lead.do_not_contact.empty() || !lead.do_not_contact_cleared.empty())
    touch_consent(cx, lead);
  if (cx.out == nullptr) return;
  std::array<Stamp, k_lead_field_count> stamps{};
  for (std::size_t f = 0; f < k_lead_field_count; ++f) stamps[f] = rs.stamp(r, static_cast<LeadField>(f));
  cx.out->leads.append_row(lead, stamps, rs.is_deleted(r), rs.deleted_stamp(r));
}

auto event_tuple(const Event& e) {
  return std::tie(e.at, e.lead, e.type, e.content, e.sequence, e.step, e.seconds, e.amount_cents, e.service,
                  e.properties);
}

void index_local_events(Context& cx, std::uint32_t from, std::uint32_t to) {
  const EventLog& le = cx.local.events;
  if (from == 0) cx.local_pos.reserve(le.size());
  for (std::uint32_t p = from; p < to; ++p) cx.local_pos.emplace(le.id(p).value, p);
}

// One remote event against the local log (indexed by index_local_events). A preview only
// counts; a merge also collects what finish_events writes.
void merge_event(Context& cx, std::uint32_t p) {
  const EventLog& le = cx.local.events;
  const EventLog& re = cx.remote.events;
  const bool collect = cx.out != nullptr;
  const EventId id = re.id(p);
  const bool r_deleted = re.is_deleted(p);
  const Stamp r_del = re.deleted_stamp(id);
  const auto it = cx.local_pos.find(id.value);
  if (it == cx.local_pos.end()) {
    if (collect) cx.added.push_back(re.get(p));
    if (r_deleted) {
      if (collect) cx.tombstones.emplace_back(id, r_del);
      ++cx.report.other_changes;
    } else {
      ++cx.report.events_added;
    }
    return;
  }
  const bool l_deleted = le.is_deleted(it->second);
  const Stamp l_del = le.deleted_stamp(id);
  // Events are immutable, so one id should mean one content; if two files disagree, the
  // greater content is kept on every device alike.
  Event le_event = le.get(it->second);
  Event re_event = re.get(p);
  const bool replace = !(le_event == re_event) && event_tuple(le_event) < event_tuple(re_event);
  if (replace) {
    if (collect) {
      cx.replaced.insert(id.value);
      cx.added.push_back(std::move(re_event));
    }
    ++cx.report.other_changes;
  }
  const bool deleted = l_deleted || r_deleted;
  const Stamp del = std::max(l_del, r_del);
  cx.changes_local = cx.changes_local || replace;
  if (deleted && (!l_deleted || del != l_del || replace)) {
    if (collect) cx.tombstones.emplace_back(id, del);
    cx.changes_local = true;
    if (!l_deleted) {
      ++cx.report.events_deleted;
    } else if (!replace) {
      ++cx.report.other_changes;
    }
  }
}

void finish_events(Context& cx) {
  if (cx.out == nullptr) return;
  EventLog& target = cx.out->events;
  if (cx.undo != nullptr) {
    if (cx.changes_local) {
      cx.undo->events = target;
    } else {
      for (const auto& e : cx.added) cx.undo->added_events.insert(e.id.value);
    }
  }
  target.remove(cx.replaced);
  // Added in (time, id) order so that every device files ties the same way.
  std::sort(cx.added.begin(), cx.added.end(),
            [](const Event& a, const Event& b) { return std::tie(a.at, a.id) < std::tie(b.at, b.id); });
  target.add(cx.added);
  target.set_deleted_batch(cx.tombstones);  // one scan of the log, not one per tombstone
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
  char device_hex[24];
  std::snprintf(device_hex, sizeof device_hex, "%016llx", static_cast<unsigned long long>(device));
  cx.report.clock_skew_warning =
      "Changes from device " + std::string(device_hex) + " are dated " +
      count_noun(static_cast<std::uint64_t>(ahead / k_day_ms), "day", "days") +
      " ahead of this device's clock. One of the two clocks is wrong; edits made here from now on still "
      "win over them.";
}

// The ledger's chains join (ConsentLedger::merge); consent that came in without entries (a
// file from a version before the ledger) gets derived "sync" entries, so every consent change
// a merge brings in is in the ledger.
void merge_ledger(Context& cx) {
  // A preview works on a copy: the count has to be the merge's own.
  ConsentLedger trial;
  if (cx.out == nullptr) trial = cx.local.ledger;
  ConsentLedger& ledger = cx.out != nullptr ? cx.out->ledger : trial;
  cx.report.ledger_entries = ledger.merge(cx.remote.ledger, &cx.report.ledger_chains_refused);
  for (const auto& lead : cx.preview_leads)
    cx.report.ledger_entries += ledger.derive_missing(lead, LedgerSource::sync);
  std::sort(cx.consent_touched.begin(), cx.consent_touched.end());
  cx.consent_touched.erase(std::unique(cx.consent_touched.begin(), cx.consent_touched.end()),
                           cx.consent_touched.end());
  for (const auto id : cx.consent_touched) {
    if (const auto row = cx.out->leads.find_any(id))
      cx.report.ledger_entries += ledger.derive_missing(cx.out->leads.get(*row), LedgerSource::sync);
  }
}

// Everything after the rows: the practice, unknown members, what was seen, the revision.
void finish_merge(Context& cx) {
  finish_events(cx);
  merge_practice(cx);
  cx.report.settings_changed = merge_settings(cx.local, cx.remote, cx.out);
  const auto records = merge_sequence_records(cx.local, cx.remote, cx.out);
  cx.report.enrollments_changed = records.enrollments;
  cx.report.touches_changed = records.touches;
  cx.report.settings_changed += records.ad_spend;
  merge_unknown_members(cx);
  merge_ledger(cx);
  // Knowing what the other device had seen is worth keeping even when its data adds nothing.
  if (cx.report.nothing_new() && cx.local_seen.misses_any_of(cx.remote_seen)) ++cx.report.other_changes;
  if (cx.out != nullptr && !cx.report.nothing_new()) {
    cx.out->seen = cx.local_seen.joined(&cx.remote_seen);
    ++cx.out->revision;
  }
}

}  // namespace

// The merge as phases over rows, so that a preview can run a slice per frame (MergePreview) and
// merge_into the same code in one go. Each phase walks one column set in order; the work of a
// row differs by phase, so rows are weighed in units of roughly equal cost for the budget and
// the progress bar.
class MergeRun {
 public:
  MergeRun(const Workspace& local, const Workspace& remote, UnixMillis now, Workspace* out, MergeUndo* undo)
      : m_cx(local, remote, out, undo), m_now(now) {
    if (m_cx.undo != nullptr) {
      *m_cx.undo = MergeUndo{};
      m_cx.undo->lead_rows = local.leads.rows();
      m_cx.undo->practice = local.practice;
      m_cx.undo->practice_stamp = local.practice_stamp;
      m_cx.undo->seen = local.seen;
      m_cx.undo->unknown_members = local.unknown_members;
      m_cx.undo->settings = std::make_unique<Workspace>();
      m_cx.undo->settings->treatments = local.treatments;
      m_cx.undo->settings->sources = local.sources;
      m_cx.undo->settings->content = local.content;
      m_cx.undo->settings->segments = local.segments;
      m_cx.undo->settings->segment_history = local.segment_history;
      m_cx.undo->settings->scoring = local.scoring;
      m_cx.undo->settings->funnel = local.funnel;
      m_cx.undo->settings->funnel_stamp = local.funnel_stamp;
      m_cx.undo->settings->sequences = local.sequences;
      m_cx.undo->settings->enrollments = local.enrollments;
      m_cx.undo->settings->touches = local.touches;
      m_cx.undo->settings->ad_spend = local.ad_spend;
    }
    m_cx.local_seen.note_header(local);
    m_cx.remote_seen.note_header(remote);
    for (std::size_t p = 0; p < k_phases; ++p)
      m_total += std::uint64_t{rows_of(static_cast<Phase>(p))} * k_weight[p];
    start_phase();
    if (rows_of(m_phase) == 0) next_phase();
  }

  /// Runs about `budget` units (at least one row while any remain); true when finished.
  bool step(std::size_t budget) {
    while (m_phase != Phase::done) {
      const std::size_t weight = k_weight[static_cast<std::size_t>(m_phase)];
      const std::uint32_t end = rows_of(m_phase);
      const std::size_t rows = std::max<std::size_t>(1, budget / weight);
      const auto to = static_cast<std::uint32_t>(std::min<std::uint64_t>(end, std::uint64_t{m_pos} + rows));
      run(m_pos, to);
      const std::size_t used = std::size_t{to - m_pos} * weight;
      m_done += used;
      m_pos = to;
      if (m_pos == end) next_phase();
      if (used >= budget) break;
      budget -= used;
    }
    return m_phase == Phase::done;
  }
  [[nodiscard]] double progress() const {
    return m_phase == Phase::done ? 1.0
           : m_total == 0         ? 0.0
                                  : static_cast<double>(m_done) / static_cast<double>(m_total);
  }
  [[nodiscard]] bool done() const { return m_phase == Phase::done; }
  [[nodiscard]] const MergeReport& report() const { return m_cx.report; }
  MergeReport take() { return std::move(m_cx.report); }

 private:
  enum class Phase {
    local_leads,
    local_events,
    remote_leads,
    remote_events,
    leads,
    index_events,
    events,
    done
  };
  static constexpr std::size_t k_phases = 7;
  // Units per row: noting a row's stamps ~ indexing an event = 1; comparing an event (both
  // materialised) 2; merging a lead (both materialised, every field compared) 8.
  static constexpr std::array<std::size_t, k_phases> k_weight = {1, 1, 1, 1, 8, 1, 2};

  [[nodiscard]] std::uint32_t rows_of(Phase p) const {
    switch (p) {
      case Phase::local_leads:
        return m_cx.local.leads.rows();
      case Phase::local_events:
      case Phase::index_events:
        return m_cx.local.events.size();
      case Phase::remote_leads:
      case Phase::leads:
        return m_cx.remote.leads.rows();
      case Phase::remote_events:
      case Phase::events:
        return m_cx.remote.events.size();
      case Phase::done:
        break;
    }
    return 0;
  }
  void run(std::uint32_t from, std::uint32_t to) {
    switch (m_phase) {
      case Phase::local_leads:
        m_cx.local_seen.note_leads(m_cx.local, from, to);
        break;
      case Phase::local_events:
        m_cx.local_seen.note_events(m_cx.local, from, to);
        break;
      case Phase::remote_leads:
        m_cx.remote_seen.note_leads(m_cx.remote, from, to);
        break;
      case Phase::remote_events:
        m_cx.remote_seen.note_events(m_cx.remote, from, to);
        break;
      case Phase::leads:
        for (std::uint32_t r = from; r < to; ++r) merge_lead(m_cx, r);
        break;
      case Phase::index_events:
        index_local_events(m_cx, from, to);
        break;
      case Phase::events:
        for (std::uint32_t p = from; p < to; ++p) merge_event(m_cx, p);
        break;
      case Phase::done:
        break;
    }
  }
  // Work between phases: the clock check needs every remote stamp; the end writes the rest.
  void start_phase() {
    m_pos = 0;
    if (m_phase == Phase::leads) check_clock_skew(m_cx, m_now);
    if (m_phase == Phase::done) finish_merge(m_cx);
  }
  // Past the finished phase and any empty ones, so that all rows done means done.
  void next_phase() {
    do {
      m_phase = static_cast<Phase>(static_cast<int>(m_phase) + 1);
      start_phase();
    } while (m_phase != Phase::done && rows_of(m_phase) == 0);
  }

  Context m_cx;
  UnixMillis m_now;
  Phase m_phase = Phase::local_leads;
  std::uint32_t m_pos = 0;
  std::uint64_t m_total = 0;
  std::uint64_t m_done = 0;
};

}  // namespace merge_detail

std::string MergeReport::summary() const {
  if (nothing_new()) return "Nothing new";
  std::vector<std::string> parts;
  if (leads_added != 0) parts.push_back(count_noun(leads_added, "lead added", "leads added"));
  if (leads_updated != 0) parts.push_back(format_thousands(leads_updated) + " updated");
  if (leads_deleted != 0) parts.push_back(format_thousands(leads_deleted) + " deleted");
  if (events_added != 0) parts.push_back(count_noun(events_added, "event added", "events added"));
  if (events_deleted != 0) parts.push_back(count_noun(events_deleted, "event deleted", "events deleted"));
  if (practice_changed) parts.emplace_back("practice profile updated");
  if (settings_changed != 0)
    parts.push_back(count_noun(settings_changed, "setting updated", "settings updated"));
  if (enrollments_changed != 0)
    parts.push_back(count_noun(enrollments_changed, "enrolment merged", "enrolments merged"));
  if (touches_changed != 0) parts.push_back(count_noun(touches_changed, "touch merged", "touches merged"));
  const auto conflict_count = conflicts_total + delete_conflicts_total;
  if (conflict_count != 0) parts.push_back(count_noun(conflict_count, "conflict", "conflicts"));
  if (parts.empty()) return "Merged; nothing visible changed";
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i == 0 ? "" : ", ") + parts[i];
  out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

MergeReport preview_merge(const Workspace& local, const Workspace& remote, UnixMillis now) {
  merge_detail::MergeRun run(local, remote, now, nullptr, nullptr);
  while (!run.step(SIZE_MAX)) {
  }
  return run.take();
}

MergeReport merge_into(Workspace& local, const Workspace& remote, UnixMillis now, MergeUndo* undo) {
  merge_detail::MergeRun run(local, remote, now, &local, undo);
  while (!run.step(SIZE_MAX)) {
  }
  return run.take();
}

MergePreview::MergePreview(const Workspace& local, const Workspace& remote, UnixMillis now)
    : m_local(&local),
      m_remote(&remote),
      m_now(now),
      m_revision(local.revision),
      m_run(std::make_unique<merge_detail::MergeRun>(local, remote, now, nullptr, nullptr)) {}

MergePreview::MergePreview(MergePreview&&) noexcept = default;
MergePreview& MergePreview::operator=(MergePreview&&) noexcept = default;
MergePreview::~MergePreview() = default;

bool MergePreview::step(std::size_t budget) {
  if (m_local->revision != m_revision) {
    // An edit since the last step: rows the preview indexed may have moved; start over.
    m_revision = m_local->revision;
    m_run = std::make_unique<merge_detail::MergeRun>(*m_local, *m_remote, m_now, nullptr, nullptr);
    ++m_restarts;
  }
  return m_run->step(budget);
}

double MergePreview::progress() const { return m_run->progress(); }

bool MergePreview::done() const { return m_run->done() && m_local->revision == m_revision; }

const MergeReport& MergePreview::report() const { return m_run->report(); }

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
  if (undo.settings) {
    ws.treatments = std::move(undo.settings->treatments);
    ws.sources = std::move(undo.settings->sources);
    ws.content = std::move(undo.settings->content);
    ws.segments = std::move(undo.settings->segments);
    ws.segment_history = std::move(undo.settings->segment_history);
    ws.scoring = std::move(undo.settings->scoring);
    ws.funnel = std::move(undo.settings->funnel);
    ws.funnel_stamp = undo.settings->funnel_stamp;
    ws.sequences = std::move(undo.settings->sequences);
    ws.enrollments = std::move(undo.settings->enrollments);
    ws.touches = std::move(undo.settings->touches);
    ws.ad_spend = std::move(undo.settings->ad_spend);
  }
}

std::vector<Stamp> seen_stamps(const Workspace& ws) { return merge_detail::SeenStamps(ws).joined(); }

Stamp max_stamp(const Workspace& ws) {
  const merge_detail::SeenStamps seen(ws);
  Stamp out;
  for (const auto& [device, s] : seen.per_device()) out = std::max(out, s);
  return out;
}

}  // namespace nurture
