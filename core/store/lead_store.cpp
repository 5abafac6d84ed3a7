#include "core/store/lead_store.hpp"

#include <algorithm>
#include <functional>
#include <limits>

namespace nurture {

namespace {

constexpr std::int32_t k_no_birth = std::numeric_limits<std::int32_t>::min();
constexpr std::uint8_t k_no_age = 0xFF;

constexpr std::array<LeadField, 7> k_text_fields = {
    LeadField::first_name, LeadField::last_name, LeadField::email, LeadField::phone,
    LeadField::street,     LeadField::zip,       LeadField::notes};
constexpr std::array<std::string Lead::*, 7> k_text_members = {
    &Lead::first_name, &Lead::last_name, &Lead::email, &Lead::phone, &Lead::street, &Lead::zip, &Lead::notes};
constexpr std::array<LeadField, 8> k_category_fields = {
    LeadField::city,   LeadField::state,    LeadField::country, LeadField::time_zone,
    LeadField::source, LeadField::campaign, LeadField::ad,      LeadField::form};
constexpr std::array<std::string Lead::*, 8> k_category_members = {
    &Lead::city,   &Lead::state,    &Lead::country, &Lead::time_zone,
    &Lead::source, &Lead::campaign, &Lead::ad,      &Lead::form};

template <std::size_t N>
int slot_of(const std::array<LeadField, N>& fields, LeadField field) {
  for (std::size_t i = 0; i < N; ++i) {
    if (fields[i] == field) return static_cast<int>(i);
  }
  return -1;
}

std::uint64_t key_hash(std::string_view key) { return std::hash<std::string_view>{}(key); }

template <class T>
std::vector<T> read_list(const ListColumn<T>& column, std::uint32_t row) {
  const T* p = column.data(row);
  return std::vector<T>(p, p + column.size(row));
}

}  // namespace

LeadStore::LeadStore() { m_stamps.push_back(Stamp{}); }

void LeadStore::reserve(std::size_t rows) {
  m_id.reserve(rows);
  for (auto& c : m_text) c.reserve(rows, rows * 8);
  for (auto& c : m_category) c.reserve(rows);
  m_birth_days.reserve(rows);
  m_age.reserve(rows);
  m_gender.reserve(rows);
  m_stage.reserve(rows);
  m_deleted.reserve(rows);
  m_created_at.reserve(rows);
  m_interests.reserve(rows, rows);
  m_tags.reserve(rows, rows);
  m_custom.reserve(rows, 0);
  m_stage_history.reserve(rows, rows);
  m_consent.reserve(rows, rows);
  m_dnc.reserve(rows, 0);
  m_stamp_refs.reserve(rows * k_stamp_slots);
  m_by_id.reserve(rows);
}

std::uint32_t LeadStore::intern_stamp(const Stamp& stamp) {
  if (stamp.is_zero()) return 0;
  // A command stamps all its fields with one stamp, so comparing with the last entry shares
  // it between them without a hash map.
  if (m_stamps.back() == stamp) return static_cast<std::uint32_t>(m_stamps.size() - 1);
  m_stamps.push_back(stamp);
  return static_cast<std::uint32_t>(m_stamps.size() - 1);
}

std::uint32_t LeadStore::append_empty_row(LeadId id) {
  const auto row = static_cast<std::uint32_t>(m_id.size());
  m_id.push_back(id.value);
  for (auto& c : m_text) c.push_back(std::string_view{});
  for (auto& c : m_category) c.push_back(0);
  m_birth_days.push_back(k_no_birth);
  m_age.push_back(k_no_age);
  m_gender.push_back(Gender::unknown);
  m_stage.push_back(Stage::awareness);
  m_deleted.push_back(0);
  m_created_at.push_back(0);
  m_interests.push_back(nullptr, 0);
  m_tags.push_back(nullptr, 0);
  m_custom.push_back(nullptr, 0);
  m_stage_history.push_back(nullptr, 0);
  m_consent.push_back(nullptr, 0);
  m_dnc.push_back(nullptr, 0);
  m_stamp_refs.insert(m_stamp_refs.end(), k_stamp_slots, 0);
  m_by_id[id.value] = row;
  ++m_live;
  return row;
}

std::uint32_t LeadStore::append_row(const Lead& lead, const Stamp& stamp) {
  const auto row = append_empty_row(lead.id);
  for (std::size_t f = 0; f < k_lead_field_count; ++f) {
    const auto field = static_cast<LeadField>(f);
    if (field_is_set(lead, field)) set_field(row, field, lead, stamp);
  }
  return row;
}

std::uint32_t LeadStore::append_row(const Lead& lead, const std::array<Stamp, k_lead_field_count>& stamps,
                                    bool deleted, const Stamp& deleted_stamp) {
  const auto row = append_empty_row(lead.id);
  for (std::size_t f = 0; f < k_lead_field_count; ++f) {
    const auto field = static_cast<LeadField>(f);
    if (field_is_set(lead, field)) {
      set_field(row, field, lead, stamps[f]);
    } else {
      m_stamp_refs[row * k_stamp_slots + f] = intern_stamp(stamps[f]);  // a value cleared later
    }
  }
  if (deleted || !deleted_stamp.is_zero()) set_deleted(row, deleted, deleted_stamp);
  return row;
}

void LeadStore::set_field(std::uint32_t row, LeadField field, const Lead& from, const Stamp& stamp) {
  if (field == LeadField::email) index_remove(m_by_email, email(row), row);
  if (field == LeadField::phone) index_remove(m_by_phone, phone(row), row);
  write_field(row, field, from, stamp);
  if (field == LeadField::email) index_add(m_by_email, email(row), row);
  if (field == LeadField::phone) index_add(m_by_phone, phone(row), row);
  m_stamp_refs[row * k_stamp_slots + static_cast<std::size_t>(field)] = intern_stamp(stamp);
}

void LeadStore::set_deleted(std::uint32_t row, bool deleted, const Stamp& stamp) {
  if ((m_deleted[row] != 0) != deleted) {
    if (deleted) {
      --m_live;
    } else {
      ++m_live;
    }
  }
  m_deleted[row] = deleted ? 1 : 0;
  m_stamp_refs[row * k_stamp_slots + k_lead_field_count] = intern_stamp(stamp);
}

void LeadStore::write_field(std::uint32_t row, LeadField field, const Lead& from, const Stamp& stamp) {
  if (const int t = slot_of(k_text_fields, field); t >= 0) {
    m_text[static_cast<std::size_t>(t)].set(row, from.*k_text_members[static_cast<std::size_t>(t)]);
    return;
  }
  if (const int c = slot_of(k_category_fields, field); c >= 0) {
    const auto i = static_cast<std::size_t>(c);
    m_category[i][row] = m_category_dict[i].intern(from.*k_category_members[i]);
    return;
  }
  switch (field) {
    case LeadField::birth_date:
      m_birth_days[row] =
          from.birth_date ? static_cast<std::int32_t>(days_from_civil(*from.birth_date)) : k_no_birth;
      break;
    case LeadField::age:
      m_age[row] = from.age ? *from.age : k_no_age;
      break;
    case LeadField::gender:
      m_gender[row] = from.gender;
      break;
    case LeadField::created_at:
      m_created_at[row] = from.created_at;
      break;
    case LeadField::stage:
      m_stage[row] = from.stage;
      m_stage_history.set(row, from.stage_history.data(), from.stage_history.size());
      break;
    case LeadField::interests:
    case LeadField::tags: {
      const bool interests = field == LeadField::interests;
      auto& dict = interests ? m_interest_dict : m_tag_dict;
      const auto& values = interests ? from.interests : from.tags;
      std::vector<std::uint32_t> codes;
      codes.reserve(values.size());
      for (const auto& v : values) codes.push_back(dict.intern(v));
      (interests ? m_interests : m_tags).set(row, codes.data(), codes.size());
      break;
    }
    case LeadField::custom_fields: {
      std::vector<CustomEntry> entries;
      entries.reserve(from.custom_fields.size());
      for (const auto& [name, value] : from.custom_fields) {
        entries.push_back({m_custom_dict.intern(name), m_custom_dict.intern(value)});
      }
      m_custom.set(row, entries.data(), entries.size());
      break;
    }
    case LeadField::consent: {
      std::vector<PackedConsent> packed;
      packed.reserve(from.consent.size());
      for (const auto& c : from.consent) {
        packed.push_back({c.at, m_consent_dict.intern(c.method), m_consent_dict.intern(c.text),
                          m_consent_dict.intern(c.reason), intern_stamp(c.stamp.is_zero() ? stamp : c.stamp),
                          c.channel, c.purpose, c.granted});
      }
      m_consent.set(row, packed.data(), packed.size());
      break;
    }
    case LeadField::do_not_contact: {
      std::vector<PackedDnc> packed;
      packed.reserve(from.do_not_contact.size() + from.do_not_contact_cleared.size());
      for (const bool cleared : {false, true}) {
        for (const auto& d : cleared ? from.do_not_contact_cleared : from.do_not_contact) {
          packed.push_back({d.at, m_consent_dict.intern(d.reason),
                            intern_stamp(d.stamp.is_zero() ? stamp : d.stamp), d.channel, cleared});
        }
      }
      m_dnc.set(row, packed.data(), packed.size());
      break;
    }
    default:
      break;  // text and categorical fields handled above
  }
}

void LeadStore::read_field(std::uint32_t row, LeadField field, Lead& to) const {
  if (const int t = slot_of(k_text_fields, field); t >= 0) {
    to.*k_text_members[static_cast<std::size_t>(t)] =
        std::string(m_text[static_cast<std::size_t>(t)].get(row));
    return;
  }
  if (const int c = slot_of(k_category_fields, field); c >= 0) {
    const auto i = static_cast<std::size_t>(c);
    to.*k_category_members[i] = m_category_dict[i].at(m_category[i][row]);
    return;
  }
  switch (field) {
    case LeadField::birth_date:
      if (m_birth_days[row] == k_no_birth) {
        to.birth_date.reset();
      } else {
        to.birth_date = civil_from_days(m_birth_days[row]);
      }
      break;
    case LeadField::age:
      to.age = m_age[row] == k_no_age ? std::nullopt : std::optional<std::uint8_t>(m_age[row]);
      break;
    case LeadField::gender:
      to.gender = m_gender[row];
      break;
    case LeadField::created_at:
      to.created_at = m_created_at[row];
      break;
    case LeadField::stage:
      to.stage = m_stage[row];
      to.stage_history = read_list(m_stage_history, row);
      break;
    case LeadField::interests:
    case LeadField::tags: {
      const bool interests = field == LeadField::interests;
      const auto& dict = interests ? m_interest_dict : m_tag_dict;
      auto& out = interests ? to.interests : to.tags;
      out.clear();
      for (const auto code : read_list(interests ? m_interests : m_tags, row)) out.push_back(dict.at(code));
      break;
    }
    case LeadField::custom_fields:
      to.custom_fields.clear();
      for (const auto& e : read_list(m_custom, row)) {
        to.custom_fields.emplace(m_custom_dict.at(e.name), m_custom_dict.at(e.value));
      }
      break;
    case LeadField::consent:
      to.consent.clear();
      for (const auto& c : read_list(m_consent, row)) {
        to.consent.push_back({c.channel, c.purpose, c.granted, c.at, m_consent_dict.at(c.method),
                              m_consent_dict.at(c.text), m_consent_dict.at(c.reason), m_stamps[c.stamp]});
      }
      break;
    case LeadField::do_not_contact:
      to.do_not_contact.clear();
      to.do_not_contact_cleared.clear();
      for (const auto& d : read_list(m_dnc, row)) {
        (d.cleared ? to.do_not_contact_cleared : to.do_not_contact)
            .push_back({d.channel, m_consent_dict.at(d.reason), d.at, m_stamps[d.stamp]});
      }
      break;
    default:
      break;
  }
}

Lead LeadStore::get(std::uint32_t row) const {
  Lead lead;
  lead.id = LeadId{m_id[row]};
  for (std::size_t f = 0; f < k_lead_field_count; ++f) read_field(row, static_cast<LeadField>(f), lead);
  return lead;
}

const std::vector<std::uint32_t>& LeadStore::category_codes(LeadField field) const {
  return m_category[static_cast<std::size_t>(slot_of(k_category_fields, field))];
}

const Dictionary& LeadStore::category_dictionary(LeadField field) const {
  return m_category_dict[static_cast<std::size_t>(slot_of(k_category_fields, field))];
}

std::string_view LeadStore::zip(std::uint32_t row) const { return m_text[5].get(row); }

std::uint32_t LeadStore::custom_value_code(std::uint32_t row, std::uint32_t name_code) const {
  const CustomEntry* e = m_custom.data(row);
  for (std::size_t i = 0; i < m_custom.size(row); ++i) {
    if (e[i].name == name_code) return e[i].value;
  }
  return 0;
}

bool LeadStore::marketing_consent(std::uint32_t row, Channel channel) const {
  if (do_not_contact(row, channel)) return false;  // opt-out wins, as in may_contact
  const PackedConsent* c = m_consent.data(row);
  for (std::size_t i = 0; i < m_consent.size(row); ++i) {
    if (c[i].channel == channel && c[i].purpose == Purpose::marketing && c[i].granted) return true;
  }
  return false;
}

bool LeadStore::do_not_contact(std::uint32_t row, Channel channel) const {
  const PackedDnc* d = m_dnc.data(row);
  for (std::size_t i = 0; i < m_dnc.size(row); ++i) {
    if (d[i].channel == channel && !d[i].cleared) return true;
  }
  return false;
}

std::string_view LeadStore::email(std::uint32_t row) const { return m_text[2].get(row); }
std::string_view LeadStore::phone(std::uint32_t row) const { return m_text[3].get(row); }
std::string_view LeadStore::first_name(std::uint32_t row) const { return m_text[0].get(row); }
std::string_view LeadStore::last_name(std::uint32_t row) const { return m_text[1].get(row); }

Stamp LeadStore::stamp(std::uint32_t row, LeadField field) const {
  return m_stamps[m_stamp_refs[row * k_stamp_slots + static_cast<std::size_t>(field)]];
}

Stamp LeadStore::deleted_stamp(std::uint32_t row) const {
  return m_stamps[m_stamp_refs[row * k_stamp_slots + k_lead_field_count]];
}

std::optional<std::uint32_t> LeadStore::find_any(LeadId id) const {
  const auto it = m_by_id.find(id.value);
  if (it == m_by_id.end()) return std::nullopt;
  return it->second;
}

std::optional<std::uint32_t> LeadStore::find(LeadId id) const {
  const auto row = find_any(id);
  if (!row || m_deleted[*row] != 0) return std::nullopt;
  return row;
}

void LeadStore::index_add(std::unordered_multimap<std::uint64_t, std::uint32_t>& index, std::string_view key,
                          std::uint32_t row) {
  if (!key.empty()) index.emplace(key_hash(key), row);
}

void LeadStore::index_remove(std::unordered_multimap<std::uint64_t, std::uint32_t>& index,
                             std::string_view key, std::uint32_t row) {
  if (key.empty()) return;
  auto [first, last] = index.equal_range(key_hash(key));
  for (auto it = first; it != last; ++it) {
    if (it->second == row) {
      index.erase(it);
      return;
    }
  }
}

std::vector<std::uint32_t> LeadStore::index_find(
    const std::unordered_multimap<std::uint64_t, std::uint32_t>& index, std::string_view key,
    LeadField field) const {
  std::vector<std::uint32_t> rows;
  if (key.empty()) return rows;
  auto [first, last] = index.equal_range(key_hash(key));
  for (auto it = first; it != last; ++it) {
    const auto row = it->second;
    // The index holds hashes; compare the text itself so a collision never matches.
    const auto value = field == LeadField::email ? email(row) : phone(row);
    if (m_deleted[row] == 0 && value == key) rows.push_back(row);
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

std::vector<std::uint32_t> LeadStore::find_by_email(std::string_view e) const {
  return index_find(m_by_email, e, LeadField::email);
}
std::vector<std::uint32_t> LeadStore::find_by_phone(std::string_view p) const {
  return index_find(m_by_phone, p, LeadField::phone);
}

LeadStore::RowState LeadStore::save_row(std::uint32_t row) const {
  RowState state;
  state.lead = get(row);
  std::copy_n(m_stamp_refs.begin() + static_cast<std::ptrdiff_t>(row * k_stamp_slots), k_stamp_slots,
              state.stamps.begin());
  state.deleted = m_deleted[row] != 0;
  return state;
}

void LeadStore::restore_row(std::uint32_t row, const RowState& state) {
  const Lead current = get(row);
  for (std::size_t f = 0; f < k_lead_field_count; ++f) {
    const auto field = static_cast<LeadField>(f);
    if (!field_equal(current, state.lead, field)) set_field(row, field, state.lead, Stamp{});
  }
  if (state.deleted != (m_deleted[row] != 0)) set_deleted(row, state.deleted, Stamp{});
  std::copy(state.stamps.begin(), state.stamps.end(),
            m_stamp_refs.begin() + static_cast<std::ptrdiff_t>(row * k_stamp_slots));
}

void LeadStore::pop_row() {
  const auto row = static_cast<std::uint32_t>(m_id.size() - 1);
  index_remove(m_by_email, email(row), row);
  index_remove(m_by_phone, phone(row), row);
  m_by_id.erase(m_id[row]);
  if (m_deleted[row] == 0) --m_live;
  m_id.pop_back();
  for (auto& c : m_text) c.pop_back();
  for (auto& c : m_category) c.pop_back();
  m_birth_days.pop_back();
  m_age.pop_back();
  m_gender.pop_back();
  m_stage.pop_back();
  m_deleted.pop_back();
  m_created_at.pop_back();
  m_interests.pop_back();
  m_tags.pop_back();
  m_custom.pop_back();
  m_stage_history.pop_back();
  m_consent.pop_back();
  m_dnc.pop_back();
  m_stamp_refs.resize(m_stamp_refs.size() - k_stamp_slots);
}

MemoryUse LeadStore::memory() const {
  MemoryUse use;
  const auto cap = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
  use.columns = cap(m_id) + cap(m_birth_days) + cap(m_age) + cap(m_gender) + cap(m_stage) + cap(m_deleted) +
                cap(m_created_at) + cap(m_stamp_refs) + m_interests.span_bytes() + m_tags.span_bytes() +
                m_custom.span_bytes() + m_stage_history.span_bytes() + m_consent.span_bytes() +
                m_dnc.span_bytes();
  for (const auto& c : m_text) use.columns += c.span_bytes();
  for (const auto& c : m_category) use.columns += cap(c);
  use.values = cap(m_stamps) + m_interests.memory_bytes() + m_tags.memory_bytes() + m_custom.memory_bytes() +
               m_stage_history.memory_bytes() + m_consent.memory_bytes() + m_dnc.memory_bytes() -
               (m_interests.span_bytes() + m_tags.span_bytes() + m_custom.span_bytes() +
                m_stage_history.span_bytes() + m_consent.span_bytes() + m_dnc.span_bytes());
  for (const auto& c : m_text) use.values += c.memory_bytes() - c.span_bytes();
  for (const auto& d : m_category_dict) use.values += d.memory_bytes();
  use.values += m_interest_dict.memory_bytes() + m_tag_dict.memory_bytes() + m_custom_dict.memory_bytes() +
                m_consent_dict.memory_bytes();
  // A hash node is the key/value pair plus a next pointer (and, for libstdc++, the cached hash);
  // each bucket is one pointer.
  const auto index_bytes = [](const auto& index) {
    return index.size() * (sizeof(std::pair<std::uint64_t, std::uint32_t>) + 2 * sizeof(void*)) +
           index.bucket_count() * sizeof(void*);
  };
  use.indexes = index_bytes(m_by_id) + index_bytes(m_by_email) + index_bytes(m_by_phone);
  return use;
}

bool operator==(const LeadStore& a, const LeadStore& b) {
  if (a.rows() != b.rows() || a.size() != b.size()) return false;
  for (std::uint32_t r = 0; r < a.rows(); ++r) {
    if (a.is_deleted(r) != b.is_deleted(r) || a.deleted_stamp(r) != b.deleted_stamp(r)) return false;
    if (!(a.get(r) == b.get(r))) return false;
    for (std::size_t f = 0; f < k_lead_field_count; ++f) {
      if (a.stamp(r, static_cast<LeadField>(f)) != b.stamp(r, static_cast<LeadField>(f))) return false;
    }
  }
  return true;
}

}  // namespace nurture
