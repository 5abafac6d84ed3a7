// The workspace reader's core: the context stack (start, end and value dispatch), typed value
// accessors and stepping. The contexts' own rules are in workspace_json_read_root.cpp (root,
// practice, catalogs), _lead.cpp and _event.cpp (with the end-of-file checks); the state
// machine is declared in workspace_json_reader.hpp.

#include <algorithm>

#include "core/io/workspace_json_reader.hpp"

namespace nurture {

namespace workspace_json_detail {

bool Reader::fail(std::string what, std::string_view field) {
  check_event_leads();  // an unknown lead read earlier is the first problem
  if (m_error.empty()) {
    auto p = path();
    if (!field.empty()) p += (p.empty() ? "" : ".") + std::string(field);
    m_error = p.empty() ? std::move(what) : p + ": " + what;
  }
  return false;
}

std::string Reader::path() const {
  std::string p;
  for (int d = 0; d < m_depth; ++d) {
    const Frame& f = m_stack[d];
    if (f.ctx == Ctx::not_object) break;
    if (f.array) {
      p += "[" + std::to_string(f.count) + "]";
    } else if (f.key >= 0 || !f.name.empty()) {
      if (!p.empty()) p += '.';
      p += f.name;
    }
  }
  return p;
}

bool Reader::push(Ctx ctx, bool array) {
  if (m_depth > k_max_json_depth) {
    if (!check_event_leads()) return false;
    m_error = "the file is nested more than " + std::to_string(k_max_json_depth) + " levels deep";
    return false;
  }
  Frame& f = m_stack[m_depth++];
  f.ctx = ctx;
  f.array = array;
  f.count = 0;
  f.seen = 0;
  f.key = -1;
  f.name.clear();
  return true;
}

bool Reader::get_string(const Value& v, std::string& out) {
  if (v.kind != Value::Kind::string) return fail("must be a string");
  out.assign(v.s);
  return true;
}

bool Reader::get_int(const Value& v, std::int64_t lo, std::int64_t hi, std::int64_t& out) {
  const auto range = [&] {
    return "must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi);
  };
  if (v.kind != Value::Kind::integer) return fail(range());
  if (v.is_signed) {
    out = v.i;
  } else {
    if (v.u > static_cast<std::uint64_t>(hi)) return fail(range());
    out = static_cast<std::int64_t>(v.u);
  }
  if (out < lo || out > hi) return fail(range());
  return true;
}

bool Reader::get_bool(const Value& v, bool& out) {
  if (v.kind != Value::Kind::boolean) return fail("must be true or false");
  out = v.b;
  return true;
}

bool Reader::get_stamp(const Value& v, Stamp& out) {
  if (v.kind != Value::Kind::string) return fail("must be a change stamp (a string)");
  const auto s = parse_stamp(v.s);
  if (!s) return fail("\"" + std::string(v.s.substr(0, 60)) + "\" is not a change stamp");
  out = *s;
  return true;
}

bool Reader::start(bool array) {
  if (m_depth == 0) {
    m_root_not_object = array;
    return push(array ? Ctx::not_object : Ctx::root, array);
  }
  Frame& f = top();
  const auto wrong = [&](const char* what) { return fail(std::string("must be ") + what); };
  switch (f.ctx) {
    case Ctx::root:
      switch (f.key) {
        case 4:
          return array ? wrong("an object") : push(Ctx::practice, false);
        case 6:
          return array ? wrong("an object") : push(Ctx::counts, false);
        case 7:
        case 8:
        case 9:
          m_catalog = f.key - 7;
          return array ? push(Ctx::catalog, true) : wrong("an array");
        case 10:
          return array ? push(Ctx::leads, true) : wrong("an array");
        case 11:
          return array ? push(Ctx::events, true) : wrong("an array");
        case 12:
          return array ? push(Ctx::seen, true) : wrong("an array of change stamps");
        case -1:
          m_capture_key = f.name;
          m_capture.clear();
          m_capture.push_back(array ? '[' : '{');
          return push(Ctx::capture, array);
        default:
          return wrong("a single value");
      }
    case Ctx::practice:
      if (f.key == 10) return array ? push(Ctx::hours, true) : wrong("an array of 7 [open, close] pairs");
      if (f.key < 0) return push(Ctx::skip, array);
      return wrong("a string");
    case Ctx::hours:
      if (f.count >= 7) return fail("there are only 7 weekdays");
      return array ? push(Ctx::hours_day, true) : wrong("an [open, close] pair of minutes");
    case Ctx::catalog:
      if (array) return wrong("an object");
      m_treatment = Treatment{};
      m_source = LeadSource{};
      m_content = ContentItem{};
      return push(Ctx::catalog_item, false);
    case Ctx::leads:
      if (array) return wrong("an object");
      m_lead = Lead{};
      m_lead_stamp = Stamp{};
      m_lead_stamps.fill(std::nullopt);
      m_lead_deleted = false;
      m_lead_deleted_stamp = Stamp{};
      return push(Ctx::lead, false);
    case Ctx::lead:
      switch (f.key) {
        case static_cast<int>(LeadField::interests):
        case static_cast<int>(LeadField::tags):
          return array ? push(Ctx::lead_list, true) : wrong("an array of strings");
        case static_cast<int>(LeadField::custom_fields):
          return array ? wrong("an object of strings") : push(Ctx::lead_custom, false);
        case static_cast<int>(LeadField::consent):
          return array ? push(Ctx::consent_list, true) : wrong("an array");
        case static_cast<int>(LeadField::do_not_contact):
          return array ? push(Ctx::dnc_list, true) : wrong("an array");
        case k_lead_stage_history:
          return array ? push(Ctx::stage_history, true) : wrong("an array");
        case k_lead_stamps:
          return array ? wrong("an object") : push(Ctx::lead_stamps, false);
        case -1:
          return push(Ctx::skip, array);
        default:
          return wrong("a single value");
      }
    case Ctx::stage_history:
      return array ? push(Ctx::stage_item, true) : wrong("a [stage, time] pair");
    case Ctx::consent_list:
      if (array) return wrong("an object");
      m_lead.consent.emplace_back();
      return push(Ctx::consent_item, false);
    case Ctx::dnc_list:
      if (array) return wrong("an object");
      m_lead.do_not_contact.emplace_back();
      m_dnc_cleared = false;
      return push(Ctx::dnc_item, false);
    case Ctx::events:
      if (!array) return wrong("an array [id, lead, time, type, …]");
      m_event = Event{};
      m_event_deleted.reset();
      return push(Ctx::event, true);
    case Ctx::event:
      if (f.count == 10) return array ? wrong("an object of strings") : push(Ctx::event_props, false);
      if (f.count > 11) return push(Ctx::skip, array);  // a newer minor version's addition
      return wrong("a single value");
    case Ctx::consent_item:
    case Ctx::dnc_item:
    case Ctx::catalog_item:
    case Ctx::counts:
      if (f.key < 0) return push(Ctx::skip, array);
      return wrong("a single value");
    case Ctx::lead_stamps:
      if (f.key < 0) return push(Ctx::skip, array);
      return wrong("a change stamp (a string)");
    case Ctx::capture:
      capture_separator();
      m_capture.push_back(array ? '[' : '{');
      return push(Ctx::capture, array);
    case Ctx::skip:
    case Ctx::not_object:
      return push(f.ctx, array);
    default:
      return wrong("a single value");
  }
}

bool Reader::end() {
  const Frame& done = top();
  // Leads read after the events must not count for them.
  if (done.ctx == Ctx::events && !check_event_leads()) return false;
  --m_depth;  // problems found now are reported at the element's own path
  switch (done.ctx) {
    case Ctx::hours_day:
      if (done.count != 2) return fail("must be an [open, close] pair of minutes");
      break;
    case Ctx::hours:
      if (done.count != 7) return fail("must have 7 days, Monday first");
      break;
    case Ctx::catalog_item:
      if (!finish_catalog_item()) return false;
      break;
    case Ctx::lead:
      if (!finish_lead()) return false;
      break;
    case Ctx::stage_item:
      if (done.count != 2 && done.count != 3)
        return fail("must be a [stage, time] pair or a [stage, time, cause] triple");
      break;
    case Ctx::consent_item:
      if ((done.seen & 0x3) != 0x3) return fail("a consent record needs a channel and a purpose");
      for (std::size_t i = 0; i + 1 < m_lead.consent.size(); ++i) {
        const auto& c = m_lead.consent.back();
        if (m_lead.consent[i].channel == c.channel && m_lead.consent[i].purpose == c.purpose)
          return fail("a second consent record for the same channel and purpose");
      }
      break;
    case Ctx::dnc_item:
      if ((done.seen & 0x1) == 0) return fail("a do-not-contact record needs a channel");
      if (!finish_dnc_item()) return false;
      break;
    case Ctx::event:
      if (!finish_event(done.count)) return false;
      break;
    case Ctx::capture:
      m_capture.push_back(done.array ? ']' : '}');
      break;
    default:
      break;
  }
  if (m_depth == 0) return true;
  Frame& parent = top();
  if (parent.array) ++parent.count;
  if (parent.ctx == Ctx::root && done.ctx == Ctx::capture) {
    m_ws.unknown_members.emplace_back(std::move(m_capture_key), std::move(m_capture));
    m_capture = std::string();
  }
  return true;
}

bool Reader::value(const Value& v) {
  if (m_depth == 0) {
    m_root_not_object = true;
    return true;
  }
  Frame& f = top();
  bool ok = true;
  switch (f.ctx) {
    case Ctx::root:
      ok = root_value(v);
      break;
    case Ctx::practice:
      ok = practice_value(v);
      break;
    case Ctx::hours:
      ok = fail("must be an [open, close] pair of minutes");
      break;
    case Ctx::hours_day: {
      std::int64_t minutes = 0;
      if (f.count >= 2) return fail("must be an [open, close] pair of minutes");
      ok = get_int(v, 0, 1440, minutes);
      DayHours& day = m_ws.practice.hours[m_stack[m_depth - 2].count];
      (f.count == 0 ? day.open : day.close) = static_cast<std::uint16_t>(minutes);
      if (ok && f.count == 1 && day.close < day.open) ok = fail("closes before it opens");
      break;
    }
    case Ctx::counts: {
      std::int64_t n = 0;
      if (f.key >= 0 && get_int(v, 0, INT64_MAX, n)) {
        m_count_hint += static_cast<std::uint64_t>(n);
        // Reserve from the hint, capped by what the file can hold (an event takes more than 32
        // bytes, a lead more than 16), so a lying "counts" cannot demand unbounded memory.
        const auto rows = static_cast<std::uint64_t>(n);
        if (f.key == 0) {
          m_ws.leads.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(rows, m_text.size() / 16)));
        } else {
          const auto events = static_cast<std::size_t>(std::min<std::uint64_t>(rows, m_text.size() / 32));
          m_ws.events.reserve(events);
          m_event_ids.reserve(events);
        }
      }
      ok = m_error.empty();
      break;
    }
    case Ctx::catalog_item:
      ok = catalog_value(v);
      break;
    case Ctx::lead:
      ok = lead_value(v);
      break;
    case Ctx::seen: {
      Stamp stamp;
      ok = get_stamp(v, stamp);
      if (ok && !m_ws.seen.empty() && m_ws.seen.back().device >= stamp.device) {
        ok = fail("must list each device once, in ascending order of device");
      }
      if (ok) m_ws.seen.push_back(stamp);
      break;
    }
    case Ctx::lead_list: {
      auto& list =
          m_stack[m_depth - 2].key == static_cast<int>(LeadField::interests) ? m_lead.interests : m_lead.tags;
      ok = get_string(v, list.emplace_back());
      break;
    }
    case Ctx::lead_custom:
      ok = get_string(v, m_lead.custom_fields[f.name]);
      break;
    case Ctx::lead_stamps:
      if (f.key >= 0) {
        Stamp s;
        ok = get_stamp(v, s);
        m_lead_stamps[static_cast<std::size_t>(f.key)] = s;
      }
      break;
    case Ctx::stage_history:
      ok = fail("must be a [stage, time] pair");
      break;
    case Ctx::stage_item: {
      if (f.count == 0) {
        ok = get_enum(v, parse_stage, m_lead.stage_history.emplace_back().stage);
      } else if (f.count == 1) {
        ok = get_int(v, 0, k_max_json_millis, m_lead.stage_history.back().at);
      } else if (f.count == 2) {
        ok = get_enum(v, parse_stage_cause, m_lead.stage_history.back().cause);
      } else {
        ok = fail("must be a [stage, time] pair or a [stage, time, cause] triple");
      }
      break;
    }
    case Ctx::consent_list:
    case Ctx::dnc_list:
      ok = fail("must be an object");
      break;
    case Ctx::consent_item:
    case Ctx::dnc_item:
      ok = consent_value(v);
      break;
    case Ctx::catalog:
    case Ctx::leads:
      ok = fail("must be an object");
      break;
    case Ctx::events:
      ok = fail("must be an array [id, lead, time, type, …]");
      break;
    case Ctx::event:
      ok = event_value(v);
      break;
    case Ctx::event_props: {
      auto& prop = m_event.properties.emplace_back();
      prop.first = f.name;
      ok = get_string(v, prop.second);
      break;
    }
    case Ctx::capture:
      capture_separator();
      ok = capture_value(v);
      break;
    case Ctx::skip:
    case Ctx::not_object:
      break;
  }
  if (f.array) ++f.count;
  return ok;
}

bool Reader::step(std::size_t budget) {
  if (m_outcome) return true;
  if (m_text.size() > k_max_workspace_bytes) {
    m_outcome = Error{"the file is larger than " + std::to_string(k_max_workspace_bytes >> 20) + " MB"};
    return true;
  }
  json_scan::ScanStatus status = json_scan::ScanStatus::more;
#if defined(__cpp_exceptions)
  try {
    status = m_scanner.resume(*this, budget);
  } catch (const std::exception& e) {
    // Only allocation failure can get here: the scanner reports errors as values.
    m_outcome = Error{std::string("the file could not be read: ") + e.what()};
    return true;
  }
#else
  // The wasm build compiles this file without exceptions (see core/CMakeLists.txt).
  status = m_scanner.resume(*this, budget);
#endif
  if (status == json_scan::ScanStatus::more) return false;
  m_outcome = conclude(status);
  return true;
}

double Reader::progress() const {
  if (m_outcome) return 1.0;
  if (m_text.empty()) return 0.0;
  return static_cast<double>(m_scanner.offset()) / static_cast<double>(m_text.size());
}

}  // namespace workspace_json_detail

Expected<Workspace> workspace_from_json(std::string_view text, const WorkspaceReadOptions& options) {
  workspace_json_detail::Reader reader(text, options);
  return reader.run();
}

// The stepped reader owns its (default) options, which the Reader refers to.
struct WorkspaceJsonReader::State {
  explicit State(std::string_view text) : reader(text, options) {}
  WorkspaceReadOptions options;
  workspace_json_detail::Reader reader;
};

WorkspaceJsonReader::WorkspaceJsonReader(std::string_view text) : m_state(std::make_unique<State>(text)) {}
WorkspaceJsonReader::~WorkspaceJsonReader() = default;
WorkspaceJsonReader::WorkspaceJsonReader(WorkspaceJsonReader&&) noexcept = default;
WorkspaceJsonReader& WorkspaceJsonReader::operator=(WorkspaceJsonReader&&) noexcept = default;

bool WorkspaceJsonReader::step(std::size_t budget_bytes) { return m_state->reader.step(budget_bytes); }

double WorkspaceJsonReader::progress() const { return m_state->reader.progress(); }

Expected<Workspace> WorkspaceJsonReader::take() { return m_state->reader.take(); }

}  // namespace nurture
