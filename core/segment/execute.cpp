// Execute: each step narrows a candidate set. Conditions read one column for the candidates
// only; categorical and list columns are tested once per dictionary code (a table), not once
// per lead. Behaviours walk the cached per-type event index inside the time window and
// aggregate into one dense per-row array. Nothing allocates per lead or per event.
//
// The rules are naive.hpp's. Conditions compute their positive form (=, in, …) and != / not in
// take the candidates without it, which is exactly "no value equals", empty values included.

#include <algorithm>
#include <array>
#include <bit>
#include <optional>

#include "core/segment/engine.hpp"
#include "core/segment/row_of_id.hpp"

namespace nurture::segment {

namespace {

bool is_truthy(std::string_view v) { return sem::iequals(v, "true") || sem::iequals(v, "yes") || v == "1"; }

// The positive test on one (non-empty) text value.
bool text_match(const BoundCondition& c, std::string_view v) {
  const auto cmp = [&](const std::string& lit) {
    return c.loose ? sem::compare_loose(v, lit) : sem::icompare(v, lit);
  };
  switch (c.test) {
    case Test::compare:
      return sem::op_holds(c.op, cmp(c.texts[0]));
    case Test::in:
      return std::any_of(c.texts.begin(), c.texts.end(), [&](const std::string& l) { return cmp(l) == 0; });
    case Test::between:
      return cmp(c.texts[0]) >= 0 && cmp(c.texts[1]) <= 0;
    case Test::contains:
      return sem::icontains(v, c.texts[0]);
    case Test::starts_with:
      return sem::istarts_with(v, c.texts[0]);
    case Test::is_true:
      return is_truthy(v);
    default:
      return false;
  }
}

// The positive test on an optional number.
bool number_match(const BoundCondition& c, bool present, double x) {
  switch (c.test) {
    case Test::compare:
      return present && sem::op_holds(c.op, x, c.numbers[0]);
    case Test::in:
      return present && std::find(c.numbers.begin(), c.numbers.end(), x) != c.numbers.end();
    case Test::between:
      return present && x >= c.numbers[0] && x <= c.numbers[1];
    case Test::is_empty:
      return !present;
    case Test::is_not_empty:
      return present;
    default:
      return false;
  }
}

class Exec {
 public:
  Exec(const CompiledQuery& q, const EvalContext& ctx, const SegmentCache* cache)
      : m_q(q),
        m_ws(*ctx.workspace),
        m_scores(ctx.scores),
        m_cache(cache),
        m_today(civil_from_days(sem::local_day(q.now, q.utc_offset_minutes))) {}

  LeadSet run(std::uint32_t step, const LeadSet& cand) {
    using Op = CompiledQuery::Step::Op;
    const CompiledQuery::Step& s = m_q.steps[step];
    switch (s.op) {
      case Op::all: {
        LeadSet cur = cand;
        for (const std::uint32_t c : s.children) {
          if (cur.empty()) break;
          cur = run(c, cur);
        }
        return cur;
      }
      case Op::any: {
        LeadSet out(cand.size());
        LeadSet rest = cand;
        for (const std::uint32_t c : s.children) {
          if (rest.empty()) break;
          const LeadSet hit = run(c, rest);
          out |= hit;
          rest.andnot(hit);
        }
        return out;
      }
      case Op::negate:
        return run(s.children[0], cand).complement(cand);
      case Op::condition: {
        LeadSet hit = condition(s.condition, cand);
        return s.condition.negated ? hit.complement(cand) : hit;
      }
      case Op::behaviour:
        return behaviour(s.behaviour, cand);
    }
    return LeadSet(cand.size());
  }

 private:
  // The candidates for which pred(row) holds. Dense words evaluate all 64 rows without
  // branches (pred must be safe for any row < rows(), deleted ones too); sparse words visit
  // their set bits only.
  template <class Pred>
  static LeadSet select(const LeadSet& cand, Pred&& pred) {
    LeadSet out(cand.size());
    const std::vector<std::uint64_t>& words = cand.words();
    for (std::size_t w = 0; w < words.size(); ++w) {
      const std::uint64_t bits = words[w];
      if (bits == 0) continue;
      const auto base = static_cast<std::uint32_t>(w * 64);
      std::uint64_t hit = 0;
      if (std::popcount(bits) >= 16 && base + 64 <= cand.size()) {
        for (std::uint32_t j = 0; j < 64; ++j) hit |= static_cast<std::uint64_t>(pred(base + j) ? 1 : 0) << j;
        hit &= bits;
      } else {
        for (std::uint64_t b = bits; b != 0; b &= b - 1) {
          const auto j = static_cast<std::uint32_t>(std::countr_zero(b));
          if (pred(base + j)) hit |= std::uint64_t{1} << j;
        }
      }
      out.set_word(w, hit);
    }
    return out;
  }

  // A per-code table of the positive text test over a dictionary; code 0 (empty) never holds.
  static std::vector<std::uint8_t> code_table(const BoundCondition& c, const Dictionary& dict) {
    std::vector<std::uint8_t> table(dict.size(), 0);
    for (std::uint32_t code = 1; code < dict.size(); ++code) {
      const std::string& v = dict.at(code);
      table[code] = !v.empty() && text_match(c, v) ? 1 : 0;
    }
    return table;
  }

  // Single-valued coded column: empty when the code is 0.
  static LeadSet coded(const BoundCondition& c, const LeadSet& cand, const std::vector<std::uint8_t>& table,
                       const std::vector<std::uint32_t>& codes) {
    if (c.test == Test::is_empty) return select(cand, [&](std::uint32_t r) { return codes[r] == 0; });
    if (c.test == Test::is_not_empty) return select(cand, [&](std::uint32_t r) { return codes[r] != 0; });
    return select(cand, [&](std::uint32_t r) { return table[codes[r]] != 0; });
  }

  // Multi-valued: holds when any entry holds (the union of the row sets of the codes that
  // pass); empty when no non-empty entry.
  static LeadSet listed(const BoundCondition& c, const LeadSet& cand, const Dictionary& dict,
                        const std::vector<LeadSet>& rows_of_code, const LeadSet& any) {
    LeadSet out = cand;
    if (c.test == Test::is_empty) return out.andnot(any);
    if (c.test == Test::is_not_empty) return out &= any;
    LeadSet hit(cand.size());
    const std::vector<std::uint8_t> table = code_table(c, dict);
    for (std::size_t code = 1; code < table.size() && code < rows_of_code.size(); ++code) {
      if (table[code] != 0) hit |= rows_of_code[code];
    }
    return out &= hit;
  }

  [[nodiscard]] LeadSet text_condition(const BoundCondition& c, const LeadSet& cand) const {
    const LeadStore& leads = m_ws.leads;
    const auto one_text = [&](auto&& value_of) {
      return select(cand, [&](std::uint32_t r) {
        const std::string_view v = value_of(r);
        if (c.test == Test::is_empty) return v.empty();
        if (c.test == Test::is_not_empty) return !v.empty();
        return !v.empty() && text_match(c, v);
      });
    };
    switch (c.attr) {
      case Attr::source:
      case Attr::city:
      case Attr::state: {
        const LeadField f = c.attr == Attr::source
                                ? LeadField::source
                                : (c.attr == Attr::city ? LeadField::city : LeadField::state);
        const Dictionary& dict = leads.category_dictionary(f);
        const bool emptiness = c.test == Test::is_empty || c.test == Test::is_not_empty;
        return coded(c, cand, emptiness ? std::vector<std::uint8_t>{} : code_table(c, dict),
                     leads.category_codes(f));
      }
      case Attr::interest:
        return listed(c, cand, leads.interest_dictionary(), m_cache->interest_rows(),
                      m_cache->any_interest());
      case Attr::tag:
        return listed(c, cand, leads.tag_dictionary(), m_cache->tag_rows(), m_cache->any_tag());
      case Attr::zip:
        return one_text([&](std::uint32_t r) { return leads.zip(r); });
      case Attr::gender:
        return one_text([&](std::uint32_t r) {
          const Gender g = leads.gender(r);
          return g == Gender::unknown ? std::string_view{} : to_string(g);
        });
      case Attr::field: {
        const Dictionary& dict = leads.custom_dictionary();
        const std::uint32_t name = dict.find(c.field);
        return one_text([&](std::uint32_t r) -> std::string_view {
          if (name == Dictionary::k_missing) return {};
          return dict.at(leads.custom_value_code(r, name));
        });
      }
      default:
        return LeadSet(cand.size());
    }
  }

  [[nodiscard]] LeadSet time_condition(const BoundCondition& c, const LeadSet& cand) const {
    if (c.attr == Attr::created && c.test == Test::within) {
      const LeadStore& leads = m_ws.leads;
      return select(cand, [&, now = m_q.now](std::uint32_t r) {
        const UnixMillis t = leads.created_at(r);
        return t > c.window_start && t <= now;
      });
    }
    const auto time_of = [&](std::uint32_t r) {
      return c.attr == Attr::created ? m_ws.leads.created_at(r) : m_cache->last_activity()[r];
    };
    const UnixMillis now = m_q.now;
    const int offset = m_q.utc_offset_minutes;
    return select(cand, [&](std::uint32_t r) {
      const UnixMillis t = time_of(r);
      const bool present = t != SegmentCache::k_none || c.attr == Attr::created;
      if (c.test == Test::is_empty) return !present;
      if (c.test == Test::is_not_empty) return present;
      if (!present) return false;
      if (c.test == Test::within) return t > c.window_start && t <= now;
      const std::int64_t day = sem::local_day(t, offset);
      switch (c.test) {
        case Test::compare:
          return sem::day_holds(c.op, day, c.ranges[0]);
        case Test::in:
          return std::any_of(c.ranges.begin(), c.ranges.end(),
                             [&](const sem::DayRange& x) { return sem::day_holds(CompareOp::eq, day, x); });
        case Test::between:
          return day >= c.ranges[0].first && day <= c.ranges[1].last;
        default:
          return false;
      }
    });
  }

  [[nodiscard]] LeadSet condition(const BoundCondition& c, const LeadSet& cand) const {
    const LeadStore& leads = m_ws.leads;
    switch (c.attr) {
      case Attr::stage:
        if (c.test == Test::is_empty || c.test == Test::is_not_empty) {
          return c.test == Test::is_empty ? LeadSet(cand.size()) : cand;
        }
        {
          std::array<bool, k_stage_count> table{};
          for (std::size_t st = 0; st < k_stage_count; ++st)
            table[st] = number_match(c, true, static_cast<double>(st));
          return select(cand,
                        [&](std::uint32_t r) { return table[static_cast<std::size_t>(leads.stage(r))]; });
        }
      case Attr::age: {
        // Ages are small integers: the test once per age in a table, then a lookup per row.
        constexpr int k_low = -200;
        std::array<bool, 600> table{};
        for (std::size_t a = 0; a < table.size(); ++a)
          table[a] = number_match(c, true, static_cast<double>(k_low + static_cast<int>(a)));
        const bool empty = number_match(c, false, 0);
        const std::vector<std::int16_t>& ages = m_cache->ages();
        return select(cand, [&](std::uint32_t r) {
          const int a = ages[r];
          if (a == SegmentCache::k_no_age) return empty;
          const int i = a - k_low;
          return i >= 0 && i < static_cast<int>(table.size()) ? table[static_cast<std::size_t>(i)]
                                                              : number_match(c, true, static_cast<double>(a));
        });
      }
      case Attr::score:
        return select(cand, [&](std::uint32_t r) {
          return number_match(c, true, m_scores != nullptr ? m_scores->total(r) : 0.0);
        });
      case Attr::score_group:
        return select(
            cand, [&](std::uint32_t r) { return number_match(c, true, m_scores->score(r, c.score_group)); });
      case Attr::created:
      case Attr::last_activity:
        return time_condition(c, cand);
      case Attr::birthday: {
        const std::vector<std::int32_t>& next = m_cache->next_birthdays();
        return select(cand, [&](std::uint32_t r) {
          return next[r] != SegmentCache::k_no_day && next[r] <= c.birthday_limit;
        });
      }
      case Attr::consent_email:
      case Attr::consent_sms:
      case Attr::consent_call:
      case Attr::dnc_email:
      case Attr::dnc_sms:
      case Attr::dnc_call: {
        if (c.test == Test::is_empty) return LeadSet(cand.size());
        if (c.test == Test::is_not_empty) return cand;
        const bool consent =
            c.attr == Attr::consent_email || c.attr == Attr::consent_sms || c.attr == Attr::consent_call;
        const Channel ch =
            (c.attr == Attr::consent_email || c.attr == Attr::dnc_email)
                ? Channel::email
                : ((c.attr == Attr::consent_sms || c.attr == Attr::dnc_sms) ? Channel::sms : Channel::call);
        const bool want = c.test == Test::is_true || c.numbers[0] != 0;
        LeadSet hit = cand;
        hit &= consent ? m_cache->consent(ch) : m_cache->dnc(ch);
        return want ? hit : hit.complement(cand);
      }
      default:
        return text_condition(c, cand);
    }
  }

  // ---- behaviours ----
  [[nodiscard]] LeadSet behaviour(const BoundBehaviour& b, const LeadSet& cand) const {
    const SegmentCache::TypeIndex& idx = m_cache->of_type(b.event);
    const UnixMillis now = m_q.now;
    // The slice of the type's events in (lo, hi]: the `within` window, narrowed further to
    // last(…) within's window (an event must be in both).
    bool bounded = b.windowed;
    UnixMillis lo = b.window_start;
    UnixMillis hi = now;
    if (b.kind == BehaviourKind::last_within) {
      lo = bounded ? std::max(lo, b.last_start) : b.last_start;
      bounded = true;
    }
    std::size_t first = 0;
    std::size_t last = idx.at.size();
    if (bounded) {
      first = static_cast<std::size_t>(std::upper_bound(idx.at.begin(), idx.at.end(), lo) - idx.at.begin());
      last = static_cast<std::size_t>(std::upper_bound(idx.at.begin(), idx.at.end(), hi) - idx.at.begin());
      last = std::max(first, last);
    }
    const std::size_t rows = cand.size();
    LeadSet hit(rows);
    std::vector<std::uint32_t> counts;
    std::vector<double> sums;
    std::vector<UnixMillis> latest;
    if (b.kind == BehaviourKind::count) counts.assign(rows, 0);
    if (b.kind == BehaviourKind::sum) sums.assign(rows, 0.0);
    if (b.kind == BehaviourKind::last_before) latest.assign(rows, SegmentCache::k_none);
    const bool per_event = !b.where.empty() || b.kind == BehaviourKind::sum;
    const EventLog& log = m_ws.events;
    for (std::size_t i = first; i < last; ++i) {
      const std::uint32_t row = idx.row[i];
      if (!cand.contains(row)) continue;
      if (per_event) {
        EventRef e(log, idx.pos[i]);
        if (!std::all_of(b.where.begin(), b.where.end(),
                         [&](const BoundFilter& f) { return filter_holds(f, e); })) {
          continue;
        }
        if (b.kind == BehaviourKind::sum) sums[row] += sum_value(b.sum, e);
      }
      switch (b.kind) {
        case BehaviourKind::count:
          ++counts[row];
          break;
        case BehaviourKind::last_before:
          latest[row] = std::max(latest[row], idx.at[i]);
          break;
        default:
          hit.set(row);
          break;
      }
    }
    switch (b.kind) {
      case BehaviourKind::ever:
      case BehaviourKind::last_within:
        return hit;
      case BehaviourKind::never:
        return hit.complement(cand);
      case BehaviourKind::count:
        return select(cand, [&](std::uint32_t r) {
          return sem::op_holds(b.op, static_cast<double>(counts[r]), b.number);
        });
      case BehaviourKind::sum:
        return select(cand, [&](std::uint32_t r) { return sem::op_holds(b.op, sums[r], b.number); });
      case BehaviourKind::last_before:
        return select(cand, [&](std::uint32_t r) {
          return latest[r] != SegmentCache::k_none &&
                 sem::local_day(latest[r], m_q.utc_offset_minutes) < b.before_day;
        });
    }
    return hit;
  }

  const CompiledQuery& m_q;
  const Workspace& m_ws;
  const ScoreTable* m_scores;
  const SegmentCache* m_cache;
  CivilDate m_today;
};

}  // namespace

void SegmentCache::refresh(const Workspace& ws) {
  if (m_ws == &ws && m_revision == ws.revision && m_rows == ws.leads.rows() && m_events == ws.events.size())
    return;
  m_ws = &ws;
  m_revision = ws.revision;
  m_rows = ws.leads.rows();
  m_events = ws.events.size();
  m_events_ready = false;
  m_lists_ready = false;
  m_dates_day = INT64_MIN;
  const LeadStore& leads = ws.leads;
  m_live = LeadSet::live(leads);
  for (std::size_t c = 0; c < k_channel_count; ++c) {
    const auto ch = static_cast<Channel>(c);
    m_consent[c] = LeadSet(m_rows);
    m_dnc[c] = LeadSet(m_rows);
    for (std::uint32_t r = 0; r < m_rows; ++r) {
      if (leads.marketing_consent(r, ch)) m_consent[c].set(r);
      if (leads.do_not_contact(r, ch)) m_dnc[c].set(r);
    }
  }
}

void SegmentCache::ensure_dates(std::int64_t today) {
  if (m_dates_day == today) return;
  m_dates_day = today;
  const LeadStore& leads = m_ws->leads;
  const CivilDate date = civil_from_days(today);
  m_ages.assign(m_rows, k_no_age);
  m_birthdays.assign(m_rows, k_no_day);
  for (std::uint32_t r = 0; r < m_rows; ++r) {
    if (const auto bd = leads.birth_day(r)) {
      const CivilDate birth = civil_from_days(*bd);
      m_ages[r] = static_cast<std::int16_t>(sem::age_on(birth, date));
      m_birthdays[r] = static_cast<std::int32_t>(sem::next_birthday(birth, date));
    } else if (const auto a = leads.stored_age(r)) {
      m_ages[r] = *a;
    }
  }
}

void SegmentCache::ensure_lists() {
  if (m_lists_ready) return;
  m_lists_ready = true;
  const LeadStore& leads = m_ws->leads;
  const auto build = [&](const Dictionary& dict, auto&& codes_of, std::vector<LeadSet>& sets, LeadSet& any) {
    sets.assign(dict.size(), LeadSet(m_rows));
    any = LeadSet(m_rows);
    for (std::uint32_t r = 0; r < m_rows; ++r) {
      for (const std::uint32_t code : codes_of(r)) {
        if (code == 0) continue;  // the empty string is no value
        sets[code].set(r);
        any.set(r);
      }
    }
  };
  build(
      leads.interest_dictionary(), [&](std::uint32_t r) { return leads.interest_codes(r); }, m_interest_rows,
      m_any_interest);
  build(
      leads.tag_dictionary(), [&](std::uint32_t r) { return leads.tag_codes(r); }, m_tag_rows, m_any_tag);
}

void SegmentCache::ensure_events() {
  if (m_events_ready) return;
  m_events_ready = true;
  ++m_builds;
  const Workspace& ws = *m_ws;
  m_last.assign(m_rows, k_none);
  const EventLog& log = ws.events;
  // Count first so that each type's arrays are allocated once.
  std::array<std::size_t, k_event_type_count> sizes{};
  for (std::uint32_t pos = 0; pos < log.size(); ++pos) {
    if (!log.is_deleted(pos)) ++sizes[static_cast<std::size_t>(log.type(pos))];
  }
  for (std::size_t t = 0; t < k_event_type_count; ++t) {
    TypeIndex& x = m_by_type[t];
    x.at.clear();
    x.pos.clear();
    x.row.clear();
    x.at.reserve(sizes[t]);
    x.pos.reserve(sizes[t]);
    x.row.reserve(sizes[t]);
  }
  const RowOfId rows(ws.leads);
  for (std::uint32_t pos = 0; pos < log.size(); ++pos) {
    if (log.is_deleted(pos)) continue;
    const auto row = rows.find(log.lead(pos).value);  // live rows only: events of deleted leads never count
    if (!row) continue;
    const UnixMillis at = log.at(pos);
    TypeIndex& t = m_by_type[static_cast<std::size_t>(log.type(pos))];
    t.at.push_back(at);
    t.pos.push_back(pos);
    t.row.push_back(*row);
    m_last[*row] = std::max(m_last[*row], at);
  }
}

LeadSet execute(const CompiledQuery& q, const EvalContext& ctx, SegmentCache* cache) {
  // Without a cache, a local one builds only what this query reads.
  SegmentCache local;
  SegmentCache& use = cache != nullptr ? *cache : local;
  use.refresh(*ctx.workspace);
  if (q.uses_events) use.ensure_events();
  if (q.uses_lists) use.ensure_lists();
  if (q.uses_dates) use.ensure_dates(sem::local_day(q.now, q.utc_offset_minutes));
  return Exec(q, ctx, &use).run(q.root, use.live());
}

}  // namespace nurture::segment
