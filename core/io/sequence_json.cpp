#include "core/io/sequence_json.hpp"

#include <array>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "core/io/json_decoder.hpp"
#include "core/io/workspace_json.hpp"

namespace nurture {

namespace {

using json_decode::Decoder;
using json_decode::item_path;
using json_decode::join;
using json_decode::Json;

constexpr std::array<std::string_view, 7> k_day_names = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

// Bounds of the reader. The ones validate() also checks (steps) only keep a hostile file from
// costing time; the others are what no practice needs, so a file past them is broken.
constexpr std::size_t k_max_steps = 100;
constexpr std::size_t k_max_list = 1000;  // triggers, goals, variants, arms
constexpr std::int64_t k_max_step_offset_minutes = 366LL * 24 * 60;

// ---- writing ----

std::string clock_text(std::uint16_t minute) {
  const unsigned h = minute / 60U;
  const unsigned m = minute % 60U;
  std::string out;
  if (h < 10) out.push_back('0');
  out += std::to_string(h);
  out.push_back(':');
  if (m < 10) out.push_back('0');
  out += std::to_string(m);
  return out;
}

Json trigger_json(const Trigger& t) {
  static const Trigger k_default;
  Json j = {{"kind", to_string(t.kind)}};
  if (t.kind == TriggerKind::segment_entry || !t.segment.empty()) j["segment"] = t.segment;
  if (t.kind == TriggerKind::stage_change || t.stage != k_default.stage) j["stage"] = to_string(t.stage);
  if (t.kind == TriggerKind::event || t.event != k_default.event) j["event"] = to_string(t.event);
  if (!t.treatment.empty()) j["treatment"] = t.treatment;
  if (t.kind == TriggerKind::birthday || t.days_before != 0) j["days_before"] = t.days_before;
  return j;
}

Json goal_json(const Goal& g) {
  static const Goal k_default;
  Json j = {{"kind", to_string(g.kind)}};
  if (g.kind == GoalKind::reached_stage || g.stage != k_default.stage) j["stage"] = to_string(g.stage);
  if (g.kind == GoalKind::left_segment || !g.segment.empty()) j["segment"] = g.segment;
  return j;
}

Json message_json(const MessageTemplate& m) {
  Json j = {{"purpose", to_string(m.purpose)}};
  if (!m.subject.empty()) j["subject"] = m.subject;
  j["body"] = m.body;
  if (!m.variants.empty()) {
    Json variants = Json::array();
    for (const auto& v : m.variants) {
      Json vj = {{"treatment", v.treatment}};
      if (!v.subject.empty()) vj["subject"] = v.subject;
      vj["body"] = v.body;
      variants.push_back(std::move(vj));
    }
    j["variants"] = std::move(variants);
  }
  if (m.review_request) j["review_request"] = true;
  if (!m.content.empty()) j["content"] = m.content;
  return j;
}

Json step_json(const Step& s) {
  static const Step k_default;
  Json j = {{"id", s.id}, {"kind", to_string(s.kind)}};
  const bool message = s.kind == StepKind::message;
  const bool wait = s.kind == StepKind::wait;
  if (message || s.channel != k_default.channel) j["channel"] = to_string(s.channel);
  if (message || s.timing != k_default.timing) {
    Json t = {{"anchor", to_string(s.timing.anchor)}, {"offset_minutes", s.timing.offset_minutes}};
    if (s.timing.at_minute) t["at_minute"] = *s.timing.at_minute;
    j["timing"] = std::move(t);
  }
  if (message || s.message != k_default.message) j["message"] = message_json(s.message);
  if (wait || s.wait_for != k_default.wait_for) j["wait_for"] = to_string(s.wait_for);
  if (wait || s.wait_days != k_default.wait_days) j["wait_days"] = s.wait_days;
  if (!s.yes_next.empty()) j["yes_next"] = s.yes_next;
  if (!s.no_next.empty()) j["no_next"] = s.no_next;
  if (s.kind == StepKind::split || !s.arms.empty()) {
    Json arms = Json::array();
    for (const auto& a : s.arms)
      arms.push_back({{"label", a.label}, {"percent", a.percent}, {"next", a.next}});
    j["arms"] = std::move(arms);
  }
  if (!s.next.empty()) j["next"] = s.next;
  return j;
}

Json window_json(const SendWindow& w) {
  Json days = Json::array();
  for (std::size_t d = 0; d < w.days.size(); ++d) {
    if (w.days[d]) days.push_back(k_day_names[d]);
  }
  return {
      {"start", clock_text(w.start_minute)}, {"end", clock_text(w.end_minute)}, {"days", std::move(days)}};
}

// ---- reading ----

// "HH:MM" with HH 00–24 and MM 00–59, at most 24:00.
std::optional<std::uint16_t> parse_clock(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  for (const std::size_t i : {0U, 1U, 3U, 4U}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  }
  const int h = (s[0] - '0') * 10 + (s[1] - '0');
  const int m = (s[3] - '0') * 10 + (s[4] - '0');
  if (m > 59 || h * 60 + m > 24 * 60) return std::nullopt;
  return static_cast<std::uint16_t>(h * 60 + m);
}

template <class T>
T narrow(std::int64_t v) {
  return static_cast<T>(v);
}

Trigger read_trigger(Decoder& d, const Json& j, const std::string& path) {
  Trigger t;
  if (!d.object(j, path, {"kind", "segment", "stage", "event", "treatment", "days_before"})) return t;
  t.kind = d.name(j, path, "kind", parse_trigger_kind, t.kind);
  t.segment = d.text(j, path, "segment", false);
  t.stage = d.name(j, path, "stage", parse_stage, t.stage, false);
  t.event = d.name(j, path, "event", parse_event_type, t.event, false);
  t.treatment = d.text(j, path, "treatment", false);
  t.days_before = narrow<std::uint16_t>(d.integer(j, path, "days_before", 0, UINT16_MAX));
  return t;
}

Goal read_goal(Decoder& d, const Json& j, const std::string& path) {
  Goal g;
  if (!d.object(j, path, {"kind", "stage", "segment"})) return g;
  g.kind = d.name(j, path, "kind", parse_goal_kind, g.kind);
  g.stage = d.name(j, path, "stage", parse_stage, g.stage, false);
  g.segment = d.text(j, path, "segment", false);
  return g;
}

void read_message(Decoder& d, const Json& j, const std::string& path, MessageTemplate& m) {
  if (!d.object(j, path, {"purpose", "subject", "body", "variants", "review_request", "content"})) return;
  m.purpose = d.name(j, path, "purpose", parse_message_purpose, m.purpose, false);
  m.subject = d.text(j, path, "subject", false);
  m.body = d.text(j, path, "body", false);
  if (const Json* variants = d.array(j, path, "variants", k_max_list)) {
    for (std::size_t i = 0; i < variants->size() && !d.failed(); ++i) {
      const Json& v = (*variants)[i];
      const std::string at = item_path(join(path, "variants"), i);
      if (!d.object(v, at, {"treatment", "subject", "body"})) return;
      m.variants.push_back(
          {d.text(v, at, "treatment"), d.text(v, at, "subject", false), d.text(v, at, "body")});
    }
  }
  m.review_request = d.boolean(j, path, "review_request");
  m.content = d.text(j, path, "content", false);
}

void read_timing(Decoder& d, const Json& j, const std::string& path, StepTiming& t) {
  if (!d.object(j, path, {"anchor", "offset_minutes", "at_minute"})) return;
  t.anchor = d.name(j, path, "anchor", parse_timing_anchor, t.anchor, false);
  t.offset_minutes = d.integer(j, path, "offset_minutes", 0, k_max_step_offset_minutes);
  if (j.contains("at_minute"))
    t.at_minute = narrow<std::uint16_t>(d.integer(j, path, "at_minute", 0, 24 * 60 - 1));
}

Step read_step(Decoder& d, const Json& j, const std::string& path) {
  Step s;
  if (!d.object(j, path,
                {"id", "kind", "channel", "timing", "message", "wait_for", "wait_days", "yes_next", "no_next",
                 "arms", "next"}))
    return s;
  s.id = d.text(j, path, "id");
  s.kind = d.name(j, path, "kind", parse_step_kind, s.kind);
  s.channel = d.name(j, path, "channel", parse_step_channel, s.channel, false);
  if (const auto it = j.find("timing"); it != j.end()) read_timing(d, *it, join(path, "timing"), s.timing);
  if (const auto it = j.find("message"); it != j.end())
    read_message(d, *it, join(path, "message"), s.message);
  s.wait_for = d.name(j, path, "wait_for", parse_wait_for, s.wait_for, false);
  s.wait_days = narrow<std::uint16_t>(d.integer(j, path, "wait_days", 0, UINT16_MAX, s.wait_days));
  s.yes_next = d.text(j, path, "yes_next", false);
  s.no_next = d.text(j, path, "no_next", false);
  if (const Json* arms = d.array(j, path, "arms", k_max_list)) {
    for (std::size_t i = 0; i < arms->size() && !d.failed(); ++i) {
      const Json& a = (*arms)[i];
      const std::string at = item_path(join(path, "arms"), i);
      if (!d.object(a, at, {"label", "percent", "next"})) break;
      SplitArm arm;
      arm.label = d.text(a, at, "label", false);
      arm.percent = narrow<std::uint8_t>(d.integer(a, at, "percent", 0, 100, 0, true));
      arm.next = d.text(a, at, "next", false);
      s.arms.push_back(std::move(arm));
    }
  }
  s.next = d.text(j, path, "next", false);
  return s;
}

void read_window(Decoder& d, const Json& j, const std::string& path, SendWindow& w) {
  if (!d.object(j, path, {"start", "end", "days"})) return;
  for (const auto& [key, minute] : {std::pair{"start", &w.start_minute}, std::pair{"end", &w.end_minute}}) {
    if (!j.contains(key)) continue;
    const std::string s = d.text(j, path, key);
    if (d.failed()) return;
    const auto m = parse_clock(s);
    if (!m) return d.fail(join(path, key), "'" + s + "' is not a time of day like 09:00");
    *minute = *m;
  }
  if (const Json* days = d.array(j, path, "days", k_day_names.size())) {
    w.days.fill(false);
    for (std::size_t i = 0; i < days->size(); ++i) {
      const std::string at = item_path(join(path, "days"), i);
      const Json& day = (*days)[i];
      const auto* name = day.is_string() ? day.get_ptr<const std::string*>() : nullptr;
      const auto found = name ? std::find(k_day_names.begin(), k_day_names.end(), *name) : k_day_names.end();
      if (found == k_day_names.end()) return d.fail(at, "must be one of mon, tue, wed, thu, fri, sat, sun");
      w.days[static_cast<std::size_t>(found - k_day_names.begin())] = true;
    }
  }
}

template <class T, class Read>
void read_list(Decoder& d, const Json& j, const std::string& path, const char* key, std::size_t max,
               std::vector<T>& out, Read read) {
  const Json* list = d.array(j, path, key, max);
  if (list == nullptr) return;
  for (std::size_t i = 0; i < list->size() && !d.failed(); ++i) {
    out.push_back(read(d, (*list)[i], item_path(join(path, key), i)));
  }
}

// The byte offset `pos` of `text` as a 1-based line and column (in code points).
Error located(std::string_view text, std::size_t pos, std::string message) {
  pos = std::min(pos, text.size());
  std::uint32_t line = 1;
  std::uint32_t column = 1;
  for (std::size_t i = 0; i < pos; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((c & 0xC0U) != 0x80U) {
      ++column;
    }
  }
  return Error{std::move(message), line, column};
}

// nlohmann's DOM builder that keeps the syntax error (its text and where) instead of throwing.
class QuietDomParser : public nlohmann::detail::json_sax_dom_parser<Json> {
 public:
  explicit QuietDomParser(Json& out) : json_sax_dom_parser(out, false) {}
  template <class Exception>
  bool parse_error(std::size_t position, const std::string& /*last token*/, const Exception& ex) {
    m_position = position;
    m_message = ex.what();
    return false;
  }
  [[nodiscard]] std::size_t position() const { return m_position; }
  // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error …" without
  // the parts our Error carries itself.
  [[nodiscard]] std::string message() const {
    std::string_view m = m_message;
    if (const auto at = m.find("column "); at != std::string_view::npos) {
      if (const auto colon = m.find(": ", at); colon != std::string_view::npos) m.remove_prefix(colon + 2);
    } else if (const auto bracket = m.find("] "); bracket != std::string_view::npos) {
      m.remove_prefix(bracket + 2);
    }
    return std::string(m);
  }

 private:
  std::size_t m_position = 0;
  std::string m_message;
};

}  // namespace

Json sequence_json(const Sequence& s, bool with_stamp) {
  Json j = {{"id", s.id}, {"name", s.name}};
  if (!s.description.empty()) j["description"] = s.description;
  j["status"] = to_string(s.status);
  if (s.activated_at != 0) j["activated_at"] = s.activated_at;
  Json triggers = Json::array();
  for (const auto& t : s.triggers) triggers.push_back(trigger_json(t));
  j["triggers"] = std::move(triggers);
  Json steps = Json::array();
  for (const auto& step : s.steps) steps.push_back(step_json(step));
  j["steps"] = std::move(steps);
  Json goals = Json::array();
  for (const auto& g : s.goals) goals.push_back(goal_json(g));
  j["goals"] = std::move(goals);
  j["reentry"] = to_string(s.reentry);
  if (s.reentry_days != 0) j["reentry_days"] = s.reentry_days;
  j["window"] = window_json(s.window);
  if (!s.sponsor_authorization.empty()) j["sponsor_authorization"] = s.sponsor_authorization;
  if (with_stamp) {
    j["stamp"] = to_string(s.stamp);
    if (s.deleted) j["deleted"] = true;
  }
  return j;
}

Expected<Sequence> read_sequence(const Json& j, std::string_view path_view, bool with_stamp) {
  const std::string path(path_view);
  Decoder d;
  Sequence s;
  const auto known = {"id",           "name",         "description", "status",
                      "activated_at", "triggers",     "steps",       "goals",
                      "reentry",      "reentry_days", "window",      "sponsor_authorization"};
  if (!j.is_object()) return Error{path.empty() ? "must be an object" : path + ": must be an object"};
  for (const auto& [key, value] : j.items()) {
    const bool stamp_member = key == "stamp" || key == "deleted";
    if ((stamp_member && with_stamp) || std::find(known.begin(), known.end(), key) != known.end()) continue;
    return Error{join(path, key) + ": " +
                 (stamp_member ? "is only allowed in workspace files" : "is not a known member")};
  }
  s.id = d.text(j, path, "id");
  s.name = d.text(j, path, "name");
  s.description = d.text(j, path, "description", false);
  s.status = d.name(j, path, "status", parse_sequence_status, s.status, false);
  s.activated_at = d.integer(j, path, "activated_at", 0, k_max_json_millis);
  read_list(d, j, path, "triggers", k_max_list, s.triggers, read_trigger);
  read_list(d, j, path, "steps", k_max_steps, s.steps, read_step);
  read_list(d, j, path, "goals", k_max_list, s.goals, read_goal);
  s.reentry = d.name(j, path, "reentry", parse_reentry_policy, s.reentry, false);
  s.reentry_days = narrow<std::uint16_t>(d.integer(j, path, "reentry_days", 0, UINT16_MAX));
  if (const auto it = j.find("window"); it != j.end() && !d.failed())
    read_window(d, *it, join(path, "window"), s.window);
  s.sponsor_authorization = d.text(j, path, "sponsor_authorization", false);
  if (with_stamp && !d.failed()) {
    s.stamp = d.stamp(j, path);
    s.deleted = d.boolean(j, path, "deleted");
  }
  if (d.failed()) return Error{d.error()};
  if (auto errors = validate(s); !errors.empty())
    return Error{join(path, errors[0].field) + ": " + errors[0].message};
  return s;
}

std::string sequence_to_json_text(const Sequence& sequence) {
  std::string out = sequence_json(sequence, false).dump(2, ' ', false, Json::error_handler_t::replace);
  out.push_back('\n');
  return out;
}

Expected<Sequence> sequence_from_json_text(std::string_view text) {
  Json j;
  QuietDomParser sax(j);
  if (!Json::sax_parse(text.begin(), text.end(), &sax)) {
    // nlohmann counts the characters read, the offending one included.
    const std::size_t at = sax.position() > 0 ? sax.position() - 1 : 0;
    return located(text, at, sax.message());
  }
  return read_sequence(j, "", false);
}

}  // namespace nurture
