// The workspace reader: member names (key), the root object, the practice, the catalogs and
// the captured unknown top-level members.

#include "core/io/json_text.hpp"
#include "core/io/workspace_json_reader.hpp"

namespace nurture::workspace_json_detail {

bool Reader::key(std::string_view k) {
  Frame& f = top();
  if (k.size() > k_max_json_key_bytes) return fail("a member name is longer than the limit");
  f.name.assign(k);
  ++f.count;
  int id = -1;
  switch (f.ctx) {
    case Ctx::root:
      id = find_key(k_root_keys, k,
                    m_version == 1 ? k_root_v1_keys : static_cast<int>(std::size(k_root_keys)));
      // A version 1 file cannot hold a later version's members: kept as unknown members they
      // would be written back beside the real ones and make the file unreadable.
      if (id < 0 && m_version == 1 && find_key(k_root_keys, k) >= 0) {
        return fail("is a member of later format versions, not of version 1");
      }
      if (id < 0) {
        for (const auto& [name, raw] : m_ws.unknown_members) {
          if (name == k) return fail("the member appears twice");
        }
      }
      break;
    case Ctx::practice:
      id = find_key(k_practice_keys, k);
      break;
    case Ctx::counts:
      id = find_key(k_count_keys, k);
      break;
    case Ctx::catalog_item:
      id = m_catalog == 0   ? find_key(k_treatment_keys, k)
           : m_catalog == 1 ? find_key(k_source_keys, k)
                            : find_key(k_content_keys, k);
      break;
    case Ctx::lead:
      id = find_lead_field(k);
      if (id < 0) {
        id = find_key(k_lead_extra_keys, k);
        if (id >= 0) id += k_lead_id;
      }
      break;
    case Ctx::lead_stamps:
      id = find_lead_field(k);
      break;
    case Ctx::consent_item:
      id = find_key(k_consent_keys, k);
      break;
    case Ctx::dnc_item:
      id = find_key(k_dnc_keys, k);
      break;
    case Ctx::lead_custom:
      if (m_lead.custom_fields.count(f.name) != 0) return fail("the member appears twice");
      break;
    case Ctx::event_props:
      for (const auto& [name, value] : m_event.properties) {
        if (name == k) return fail("the member appears twice");
      }
      break;
    case Ctx::capture:
      if (f.count > 1) m_capture.push_back(',');
      json_text::append_string(m_capture, k);
      m_capture.push_back(':');
      break;
    default:
      break;
  }
  f.key = id;
  if (id >= 0) {
    const std::uint64_t bit = std::uint64_t{1} << id;
    if ((f.seen & bit) != 0) return fail("the member appears twice");
    f.seen |= bit;
  }
  return true;
}

bool Reader::root_value(const Value& v) {
  const Frame& f = top();
  std::int64_t n = 0;
  switch (f.key) {
    case 0:
      if (v.kind != Value::Kind::string || v.s != k_workspace_format) {
        return fail(R"(this is not a Nurture workspace file (its "format" is not "nurture.workspace"))");
      }
      m_has_format = true;
      return true;
    case 1:
      if (v.kind != Value::Kind::integer) {
        m_error = "the workspace file has no integer \"version\"";
        return false;
      }
      if (!v.is_signed && v.u > static_cast<std::uint64_t>(k_workspace_version)) {
        m_error = "this file was made by a newer version of Nurture (format version " + std::to_string(v.u) +
                  "); update the app to open it";
        return false;
      }
      if (v.is_signed || v.u < 1) {
        m_error = "unsupported workspace format version " + (v.is_signed ? std::to_string(v.i) : "0");
        return false;
      }
      m_version = static_cast<std::int64_t>(v.u);
      return true;
    case 2:
      return get_int(v, 0, INT64_MAX, n);
    case 3:
      if (v.kind != Value::Kind::integer || v.is_signed) return fail("must be a non-negative integer");
      m_ws.revision = v.u;
      return true;
    case 4:
      return fail("must be an object");
    case 5:
      return get_stamp(v, m_ws.practice_stamp);
    case 6:
      return fail("must be an object");
    case 7:
    case 8:
    case 9:
    case 10:
    case 11:
    case 12:
      return fail("must be an array");
    default:
      m_capture.clear();
      capture_value(v);
      m_ws.unknown_members.emplace_back(f.name, std::move(m_capture));
      m_capture = std::string();
      return true;
  }
}

bool Reader::practice_value(const Value& v) {
  PracticeProfile& p = m_ws.practice;
  std::string* const fields[] = {&p.name,    &p.street,    &p.city,  &p.state, &p.zip,
                                 &p.country, &p.time_zone, &p.phone, &p.email, &p.website};
  const int k = top().key;
  if (k < 0) return true;
  if (k == 10) return fail("must be an array of 7 [open, close] pairs");
  return get_string(v, *fields[k]);
}

bool Reader::catalog_value(const Value& v) {
  const int k = top().key;
  if (k < 0) return true;
  std::int64_t n = 0;
  if (m_catalog == 0) {
    Treatment& t = m_treatment;
    switch (k) {
      case 0:
        return get_string(v, t.id);
      case 1:
        return get_string(v, t.name);
      case 2:
        return get_string(v, t.category);
      case 3:
        if (!get_int(v, 0, UINT16_MAX, n)) return false;
        t.retreatment_days = static_cast<std::uint16_t>(n);
        return true;
      case 4:
        return get_int(v, INT64_MIN, INT64_MAX, t.price_cents);
      case 5:
        return get_stamp(v, t.stamp);
      default:
        return get_bool(v, t.deleted);
    }
  }
  if (m_catalog == 1) {
    LeadSource& s = m_source;
    switch (k) {
      case 0:
        return get_string(v, s.id);
      case 1:
        return get_string(v, s.name);
      case 2:
        return get_enum(v, parse_source_kind, s.kind);
      case 3:
        return get_int(v, INT64_MIN, INT64_MAX, s.monthly_cost_cents);
      case 4:
        return get_stamp(v, s.stamp);
      default:
        return get_bool(v, s.deleted);
    }
  }
  ContentItem& c = m_content;
  switch (k) {
    case 0:
      return get_string(v, c.id);
    case 1:
      return get_string(v, c.title);
    case 2:
      return get_enum(v, parse_content_kind, c.kind);
    case 3:
      return get_enum(v, parse_stage, c.stage);
    case 4:
      return get_string(v, c.treatment);
    case 5:
      return get_string(v, c.url);
    case 6:
      if (!get_int(v, 0, UINT16_MAX, n)) return false;
      c.minutes = static_cast<std::uint16_t>(n);
      return true;
    case 7:
      return get_stamp(v, c.stamp);
    default:
      return get_bool(v, c.deleted);
  }
}

template <class Item>
std::optional<FieldError> check_item(const std::vector<Item>& items, const Item& item) {
  auto errors = validate(item);
  if (!errors.empty()) return std::move(errors.front());
  if (!item.deleted && find_item(items, item.id) != nullptr) {
    return FieldError{"id", "the id \"" + item.id + "\" is used twice"};
  }
  return std::nullopt;
}

bool Reader::finish_catalog_item() {
  std::optional<FieldError> problem;
  if (m_catalog == 0) {
    problem = check_item(m_ws.treatments, m_treatment);
    if (!problem) m_ws.treatments.push_back(std::move(m_treatment));
  } else if (m_catalog == 1) {
    problem = check_item(m_ws.sources, m_source);
    if (!problem) m_ws.sources.push_back(std::move(m_source));
  } else {
    problem = check_item(m_ws.content, m_content);
    if (!problem) m_ws.content.push_back(std::move(m_content));
  }
  return !problem || fail(problem->message, problem->field);
}

void Reader::capture_separator() {
  Frame& f = top();
  if (f.array && f.count > 0) m_capture.push_back(',');
}

bool Reader::capture_value(const Value& v) {
  switch (v.kind) {
    case Value::Kind::null:
      m_capture.append("null");
      break;
    case Value::Kind::boolean:
      m_capture.append(v.b ? "true" : "false");
      break;
    case Value::Kind::integer:
      if (v.is_signed) {
        json_text::append_int(m_capture, v.i);
      } else {
        json_text::append_int(m_capture, v.u);
      }
      break;
    case Value::Kind::floating:
      m_capture.append(v.s);
      break;
    case Value::Kind::string:
      json_text::append_string(m_capture, v.s);
      break;
  }
  return true;
}

}  // namespace nurture::workspace_json_detail
