// LeadStore in the binary workspace image: each column as one length-prefixed array, so
// opening is a memcpy per column plus one validation pass. Element types with padding
// (stage changes, consent, do-not-contact, stamps) are written field by field, so the image
// never holds uninitialised bytes and every field is range-checked on the way back.

#include "core/store/lead_store.hpp"

namespace nurture {

namespace {

template <class T, class F>
std::vector<F> field_of(const std::vector<T>& pool, F T::*member) {
  std::vector<F> out;
  out.reserve(pool.size());
  for (const auto& v : pool) out.push_back(v.*member);
  return out;
}

bool codes_below(const std::vector<std::uint32_t>& codes, std::size_t size) {
  for (const auto c : codes) {
    if (c >= size) return false;
  }
  return true;
}

template <class E>
bool enums_below(const std::vector<E>& values, std::size_t count) {
  for (const auto v : values) {
    if (static_cast<std::size_t>(v) >= count) return false;
  }
  return true;
}

bool flags_valid(const std::vector<std::uint8_t>& flags) {
  for (const auto f : flags) {
    if (f > 1) return false;
  }
  return true;
}

// A copy of a record column's pool where each row's records take the stamp reference of
// `field` in that row (version 1 images had no per-record stamps).
template <class Packed>
std::vector<Packed> with_field_stamps(const ListColumn<Packed>& column,
                                      const std::vector<std::uint32_t>& refs, LeadField field) {
  std::vector<Packed> pool = column.pool();
  const auto& spans = column.span_table();
  for (std::size_t r = 0; r < spans.size(); ++r) {
    const auto ref = refs[r * LeadStore::k_stamp_slots + static_cast<std::size_t>(field)];
    for (std::uint32_t i = 0; i < spans[r].count; ++i) pool[spans[r].offset + i].stamp = ref;
  }
  return pool;
}

}  // namespace

// Pieces: the id column, each text column, each category column with its dictionary, then
// the groups below (a record column's fields travel together).
namespace {
constexpr std::size_t k_tail_pieces = 10;
}

std::size_t LeadStore::serialize_pieces() const {
  return 1 + k_text_columns + k_category_columns + k_tail_pieces;
}

void LeadStore::serialize(ImageWriter& out) const {
  for (std::size_t i = 0; i < serialize_pieces(); ++i) serialize_piece(out, i);
}

void LeadStore::serialize_piece(ImageWriter& out, std::size_t i) const {
  if (i == 0) return out.array(m_id);
  i -= 1;
  if (i < k_text_columns) return m_text[i].serialize(out);
  i -= k_text_columns;
  if (i < k_category_columns) {
    out.array(m_category[i]);
    return m_category_dict[i].serialize(out);
  }
  switch (i - k_category_columns) {
    case 0:
      out.array(m_birth_days);
      out.array(m_age);
      out.array(m_gender);
      out.array(m_stage);
      out.array(m_deleted);
      return out.array(m_created_at);
    case 1:
      return m_interests.serialize(out);
    case 2:
      return m_tags.serialize(out);
    case 3:
      return m_custom.serialize(out);
    case 4:
      out.array(m_stage_history.span_table());
      out.array(field_of(m_stage_history.pool(), &StageChange::stage));
      out.array(field_of(m_stage_history.pool(), &StageChange::at));
      return out.array(field_of(m_stage_history.pool(), &StageChange::cause));
    case 5: {
      out.array(m_consent.span_table());
      const auto& consent = m_consent.pool();
      out.array(field_of(consent, &PackedConsent::at));
      out.array(field_of(consent, &PackedConsent::method));
      out.array(field_of(consent, &PackedConsent::text));
      out.array(field_of(consent, &PackedConsent::reason));
      out.array(field_of(consent, &PackedConsent::channel));
      out.array(field_of(consent, &PackedConsent::purpose));
      std::vector<std::uint8_t> granted;
      granted.reserve(consent.size());
      for (const auto& c : consent) granted.push_back(c.granted ? 1 : 0);
      out.array(granted);
      return out.array(field_of(consent, &PackedConsent::stamp));
    }
    case 6: {
      out.array(m_dnc.span_table());
      out.array(field_of(m_dnc.pool(), &PackedDnc::at));
      out.array(field_of(m_dnc.pool(), &PackedDnc::reason));
      out.array(field_of(m_dnc.pool(), &PackedDnc::channel));
      out.array(field_of(m_dnc.pool(), &PackedDnc::stamp));
      std::vector<std::uint8_t> cleared;
      cleared.reserve(m_dnc.pool().size());
      for (const auto& d : m_dnc.pool()) cleared.push_back(d.cleared ? 1 : 0);
      return out.array(cleared);
    }
    case 7:
      m_interest_dict.serialize(out);
      m_tag_dict.serialize(out);
      m_custom_dict.serialize(out);
      return m_consent_dict.serialize(out);
    case 8:
      return out.array(m_stamp_refs);
    case 9:
      out.array(field_of(m_stamps, &Stamp::millis));
      out.array(field_of(m_stamps, &Stamp::counter));
      return out.array(field_of(m_stamps, &Stamp::device));
    default:
      return;
  }
}

bool LeadStore::deserialize(ImageReader& in, int version) {
  LeadStore s;
  if (!s.deserialize_columns(in, version) || !s.index_rows(in, 0, static_cast<std::uint32_t>(s.rows())))
    return false;
  *this = std::move(s);
  return true;
}

bool LeadStore::deserialize_columns(ImageReader& in, int version) {
  const bool record_stamps = version >= 2;
  LeadStore s;
  if (!in.array(s.m_id)) return false;
  const auto n = s.m_id.size();
  for (auto& c : s.m_text) {
    if (!c.deserialize(in, n)) return false;
  }
  for (std::size_t i = 0; i < k_category_columns; ++i) {
    if (!in.array(s.m_category[i], n) || !s.m_category_dict[i].deserialize(in)) return false;
    if (!codes_below(s.m_category[i], s.m_category_dict[i].size()))
      return in.fail("image lead category code is out of range");
  }
  if (!in.array(s.m_birth_days, n) || !in.array(s.m_age, n) || !in.array(s.m_gender, n) ||
      !in.array(s.m_stage, n) || !in.array(s.m_deleted, n) || !in.array(s.m_created_at, n))
    return false;
  if (!enums_below(s.m_gender, k_gender_count) || !enums_below(s.m_stage, k_stage_count) ||
      !flags_valid(s.m_deleted))
    return in.fail("image lead gender, stage or deletion flag is out of range");
  if (!s.m_interests.deserialize(in, n) || !s.m_tags.deserialize(in, n) || !s.m_custom.deserialize(in, n))
    return false;

  std::vector<PoolSpan> spans;
  {
    std::vector<Stage> stages;
    std::vector<UnixMillis> at;
    std::vector<StageCause> causes;
    if (!in.array(spans, n) || !in.array(stages) || !in.array(at, stages.size())) return false;
    if (version >= 3) {
      if (!in.array(causes, stages.size())) return false;
    } else {
      causes.assign(stages.size(), StageCause::imported);  // older images knew no causes
    }
    if (!enums_below(stages, k_stage_count) || !enums_below(causes, k_stage_cause_count))
      return in.fail("image stage history is out of range");
    std::vector<StageChange> pool(stages.size());
    for (std::size_t i = 0; i < pool.size(); ++i) pool[i] = {stages[i], at[i], causes[i]};
    if (!s.m_stage_history.assign(std::move(spans), std::move(pool)))
      return in.fail("image stage history span is out of range");
  }
  {
    std::vector<UnixMillis> at;
    std::vector<std::uint32_t> method, text, reason;
    std::vector<Channel> channel;
    std::vector<Purpose> purpose;
    std::vector<std::uint8_t> granted;
    std::vector<std::uint32_t> stamp;
    if (!in.array(spans, n) || !in.array(at)) return false;
    const auto m = at.size();
    if (!in.array(method, m) || !in.array(text, m) || !in.array(reason, m) || !in.array(channel, m) ||
        !in.array(purpose, m) || !in.array(granted, m))
      return false;
    if (record_stamps) {
      if (!in.array(stamp, m)) return false;
    } else {
      stamp.assign(m, 0);  // filled in from the field stamps below
    }
    if (!enums_below(channel, k_channel_count) || !enums_below(purpose, k_purpose_count) ||
        !flags_valid(granted))
      return in.fail("image consent record is out of range");
    std::vector<PackedConsent> pool(m);
    for (std::size_t i = 0; i < m; ++i)
      pool[i] = {at[i], method[i], text[i], reason[i], stamp[i], channel[i], purpose[i], granted[i] != 0};
    if (!s.m_consent.assign(std::move(spans), std::move(pool)))
      return in.fail("image consent span is out of range");
  }
  {
    std::vector<UnixMillis> at;
    std::vector<std::uint32_t> reason;
    std::vector<Channel> channel;
    std::vector<std::uint32_t> stamp;
    std::vector<std::uint8_t> cleared;
    if (!in.array(spans, n) || !in.array(at) || !in.array(reason, at.size()) || !in.array(channel, at.size()))
      return false;
    if (record_stamps) {
      if (!in.array(stamp, at.size()) || !in.array(cleared, at.size())) return false;
    } else {
      stamp.assign(at.size(), 0);
      cleared.assign(at.size(), 0);
    }
    if (!enums_below(channel, k_channel_count) || !flags_valid(cleared))
      return in.fail("image do-not-contact record is out of range");
    std::vector<PackedDnc> pool(at.size());
    for (std::size_t i = 0; i < pool.size(); ++i)
      pool[i] = {at[i], reason[i], stamp[i], channel[i], cleared[i] != 0};
    if (!s.m_dnc.assign(std::move(spans), std::move(pool)))
      return in.fail("image do-not-contact span is out of range");
  }
  if (!s.m_interest_dict.deserialize(in) || !s.m_tag_dict.deserialize(in) ||
      !s.m_custom_dict.deserialize(in) || !s.m_consent_dict.deserialize(in))
    return false;
  // Codes in the pools are checked against the whole pool, including garbage left by updates:
  // it is cheap and keeps the rule simple.
  if (!codes_below(s.m_interests.pool(), s.m_interest_dict.size()) ||
      !codes_below(s.m_tags.pool(), s.m_tag_dict.size()))
    return in.fail("image interest or tag code is out of range");
  for (const auto& e : s.m_custom.pool()) {
    if (e.name >= s.m_custom_dict.size() || e.value >= s.m_custom_dict.size())
      return in.fail("image custom field code is out of range");
  }
  const auto consent_codes = s.m_consent_dict.size();
  for (const auto& c : s.m_consent.pool()) {
    if (c.method >= consent_codes || c.text >= consent_codes || c.reason >= consent_codes)
      return in.fail("image consent code is out of range");
  }
  for (const auto& d : s.m_dnc.pool()) {
    if (d.reason >= consent_codes) return in.fail("image do-not-contact code is out of range");
  }

  std::vector<std::int64_t> millis;
  std::vector<std::uint32_t> counter;
  std::vector<std::uint64_t> device;
  if (!in.array(s.m_stamp_refs, std::uint64_t{n} * k_stamp_slots) || !in.array(millis) ||
      !in.array(counter, millis.size()) || !in.array(device, millis.size()))
    return false;
  if (millis.empty() || millis[0] != 0 || counter[0] != 0 || device[0] != 0)
    return in.fail("image stamp table does not start with the zero stamp");
  s.m_stamps.resize(millis.size());
  for (std::size_t i = 0; i < millis.size(); ++i) s.m_stamps[i] = {millis[i], counter[i], device[i]};
  if (!codes_below(s.m_stamp_refs, s.m_stamps.size()))
    return in.fail("image stamp reference is out of range");
  if (record_stamps) {
    for (const auto& c : s.m_consent.pool()) {
      if (c.stamp >= s.m_stamps.size()) return in.fail("image consent stamp reference is out of range");
    }
    for (const auto& d : s.m_dnc.pool()) {
      if (d.stamp >= s.m_stamps.size())
        return in.fail("image do-not-contact stamp reference is out of range");
    }
  } else {
    // Version 1: a record was written by the change that stamped its field, or an earlier one.
    s.m_consent.assign(s.m_consent.span_table(),
                       with_field_stamps(s.m_consent, s.m_stamp_refs, LeadField::consent));
    s.m_dnc.assign(s.m_dnc.span_table(),
                   with_field_stamps(s.m_dnc, s.m_stamp_refs, LeadField::do_not_contact));
  }

  s.m_by_id.reserve(n);
  *this = std::move(s);
  return true;
}

bool LeadStore::index_rows(ImageReader& in, std::uint32_t from, std::uint32_t to) {
  for (std::uint32_t r = from; r < to && r < m_id.size(); ++r) {
    if (m_id[r] == 0 || !m_by_id.emplace(m_id[r], r).second)
      return in.fail("image lead id is zero or repeated");
    if (m_deleted[r] == 0) ++m_live;
    index_add(m_by_email, email(r), r);
    index_add(m_by_phone, phone(r), r);
  }
  return true;
}

}  // namespace nurture
