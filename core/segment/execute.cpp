// Execute: each step narrows a candidate set. Conditions read one column for the candidates
// only; categorical and list columns are tested once per dictionary code (a table), not once
// per lead. Behaviours walk the cached per-type event index inside the time window and
// aggregate into one dense per-row array. Nothing allocates per lead or per event.
//
// The rules are naive.hpp's. Conditions compute their positive form (=, in, …) and != / not in
// take the candidates without it, which is exactly "no value equals", empty values included.

#include <algorithm>

#include "core/segment/engine.hpp"

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
  template <class Pred>
  static LeadSet select(const LeadSet& cand, Pred&& pred) {
    LeadSet out(cand.size());
    cand.for_each([&](std::uint32_t row) {
      if (pred(row)) out.set(row);
    });
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

  // Multi-valued: holds when any entry holds; empty when no non-empty entry.
  template <class Codes>
  static LeadSet listed(const BoundCondition& c, const LeadSet& cand, const Dictionary& dict,
                        Codes&& codes_of) {
    const bool emptiness = c.test == Test::is_empty || c.test == Test::is_not_empty;
    const std::vector<std::uint8_t> table = emptiness ? std::vector<std::uint8_t>{} : code_table(c, dict);
    return select(cand, [&](std::uint32_t r) {
      const std::span<const std::uint32_t> codes = codes_of(r);
      if (emptiness) {
        const bool any = std::any_of(codes.begin(), codes.end(), [](std::uint32_t x) { return x != 0; });
        return c.test == Test::is_empty ? !any : any;
      }
      return std::any_of(codes.begin(), codes.end(), [&](std::uint32_t x) { return table[x] != 0; });
    });
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
        return listed(c, cand, leads.interest_dictionary(),
                      [&](std::uint32_t r) { return leads.interest_codes(r); });
      case Attr::tag:
        return listed(c, cand, leads.tag_dictionary(), [&](std::uint32_t r) { return leads.tag_codes(r); });
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
        return select(cand, [&](std::uint32_t r) {
          return number_match(c, true, static_cast<double>(leads.stage(r)));
        });
      case Attr::age:
        return select(cand, [&](std::uint32_t r) {
          if (const auto bd = leads.birth_day(r))
            return number_match(c, true, sem::age_on(civil_from_days(*bd), m_today));
          if (const auto a = leads.stored_age(r)) return number_match(c, true, *a);
          return number_match(c, false, 0);
        });
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
      case Attr::birthday:
        return select(cand, [&](std::uint32_t r) {
          const auto bd = leads.birth_day(r);
          return bd && sem::next_birthday(civil_from_days(*bd), m_today) <= c.birthday_limit;
        });
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
        return select(cand, [&](std::uint32_t r) {
          const bool b = consent ? leads.marketing_consent(r, ch) : leads.do_not_contact(r, ch);
          return b == want;
        });
      }
      default:
        return text_condition(c, cand);
    }
  }

  // ---- behaviours ----
  [[nodiscard]] bool filter_holds(const BoundFilter& f, const EventLog::View& v, std::uint32_t pos) const {
    using P = BoundFilter::Prop;
    switch (f.prop) {
      case P::step:
        return sem::op_holds(f.op, static_cast<double>(v.step), f.number);
      case P::seconds:
        return sem::op_holds(f.op, static_cast<double>(v.seconds), f.number);
      case P::amount:
        return sem::op_holds(f.op, static_cast<double>(v.amount_cents) / 100.0, f.number);
      case P::content:
      case P::sequence:
      case P::service: {
        const std::string_view t =
            f.prop == P::content ? v.content : (f.prop == P::sequence ? v.sequence : v.service);
        if (t.empty()) return f.op == CompareOp::ne;  // a missing value fails all but !=
        return sem::op_holds(f.op, sem::icompare(t, f.text));
      }
      case P::named: {
        const std::string_view t = named(pos, f.name);
        if (t.empty()) return f.op == CompareOp::ne;
        return sem::op_holds(f.op, sem::compare_loose(t, f.text));
      }
    }
    return false;
  }

  // The first property called `name`, empty when there is none.
  [[nodiscard]] std::string_view named(std::uint32_t pos, const std::string& name) const {
    const EventLog& log = m_ws.events;
    for (std::size_t i = 0; i < log.property_count(pos); ++i) {
      const auto [k, v] = log.property(pos, i);
      if (k == name) return v;
    }
    return {};
  }

  [[nodiscard]] double sum_value(const BoundFilter& f, const EventLog::View& v, std::uint32_t pos) const {
    using P = BoundFilter::Prop;
    switch (f.prop) {
      case P::step:
        return v.step;
      case P::seconds:
        return v.seconds;
      case P::amount:
        return static_cast<double>(v.amount_cents) / 100.0;
      case P::content:
        return sem::parse_number(v.content).value_or(0.0);
      case P::sequence:
        return sem::parse_number(v.sequence).value_or(0.0);
      case P::service:
        return sem::parse_number(v.service).value_or(0.0);
      case P::named:
        return sem::parse_number(named(pos, f.name)).value_or(0.0);
    }
    return 0;
  }

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
    const bool need_view = !b.where.empty() || b.kind == BehaviourKind::sum;
    const EventLog& log = m_ws.events;
    for (std::size_t i = first; i < last; ++i) {
      const std::uint32_t row = idx.row[i];
      if (!cand.contains(row)) continue;
      const std::uint32_t pos = idx.pos[i];
      if (need_view) {
        const EventLog::View v = log.view(pos);
        if (!std::all_of(b.where.begin(), b.where.end(),
                         [&](const BoundFilter& f) { return filter_holds(f, v, pos); })) {
          continue;
        }
        if (b.kind == BehaviourKind::sum) sums[row] += sum_value(b.sum, v, pos);
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
  ++m_builds;
  for (TypeIndex& t : m_by_type) {
    t.at.clear();
    t.pos.clear();
    t.row.clear();
  }
  m_last.assign(m_rows, k_none);
  const EventLog& log = ws.events;
  // One hash lookup per event, once per revision: keystrokes reuse the result.
  std::uint64_t last_lead = 0;
  std::optional<std::uint32_t> last_row;
  for (std::uint32_t pos = 0; pos < log.size(); ++pos) {
    if (log.is_deleted(pos)) continue;
    const LeadId lead = log.lead(pos);
    if (lead.value != last_lead || pos == 0) {
      last_lead = lead.value;
      last_row = ws.leads.find(lead);  // live rows only: events of deleted leads never count
    }
    if (!last_row) continue;
    const UnixMillis at = log.at(pos);
    TypeIndex& t = m_by_type[static_cast<std::size_t>(log.type(pos))];
    t.at.push_back(at);
    t.pos.push_back(pos);
    t.row.push_back(*last_row);
    m_last[*last_row] = std::max(m_last[*last_row], at);
  }
}

LeadSet execute(const CompiledQuery& q, const EvalContext& ctx, SegmentCache* cache) {
  SegmentCache local;
  SegmentCache* use = cache != nullptr ? cache : &local;
  if (q.uses_events) use->refresh(*ctx.workspace);
  Exec exec(q, ctx, use);
  return exec.run(q.root, LeadSet::live(ctx.workspace->leads));
}

}  // namespace nurture::segment
