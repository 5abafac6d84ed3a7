// The settings members written an item at a time (SettingsJsonWriter). The small members
// (saved segments, scoring, funnel, sequences, ad spend) still go through nlohmann's DOM; the
// three that grow with the leads (segment history, enrolments, touches) are written as text.
#include <nlohmann/json.hpp>

#include "core/io/json_decoder.hpp"
#include "core/io/json_text.hpp"
#include "core/io/sequence_json.hpp"
#include "core/io/settings_json.hpp"
#include "core/util/civil_time.hpp"

namespace nurture {

namespace {

using Json = json_decode::Json;
using json_text::append_hex_id;
using json_text::append_int;
using json_text::append_string;

Json stamp_json(const Stamp& s) { return to_string(s); }

Json segment_json(const SavedSegment& s) {
  Json j = {{"id", s.id}, {"name", s.name}, {"query", s.query}};
  if (!s.description.empty()) j["description"] = s.description;
  j["stamp"] = stamp_json(s.stamp);
  if (s.deleted) j["deleted"] = true;
  return j;
}

Json scoring_json(const ScoringModel& m) {
  Json groups = Json::array();
  for (const auto& g : m.groups) groups.push_back({{"id", g.id}, {"name", g.name}});
  Json events = Json::array();
  for (const auto& r : m.event_rules) {
    Json j = {{"group", r.group}, {"label", r.label}, {"event", to_string(r.event)}};
    if (!r.where.empty()) j["where"] = r.where;
    j["points"] = r.points;
    if (r.decay != Decay::none) {
      j["decay"] = to_string(r.decay);
      j["decay_days"] = r.decay_days;
    }
    if (r.max_points != 0) j["max_points"] = r.max_points;
    events.push_back(std::move(j));
  }
  Json fits = Json::array();
  for (const auto& r : m.fit_rules)
    fits.push_back(
        {{"group", r.group}, {"label", r.label}, {"condition", r.condition}, {"points", r.points}});
  Json thresholds = Json::array();
  for (const auto& t : m.thresholds) {
    Json j = {{"group", t.group}, {"at", t.at}, {"action", to_string(t.action)}};
    if (t.action == ThresholdAction::move_stage) {
      j["stage"] = to_string(t.stage);
    } else {
      j["value"] = t.value;
    }
    thresholds.push_back(std::move(j));
  }
  return {{"groups", groups},
          {"event_rules", events},
          {"fit_rules", fits},
          {"thresholds", thresholds},
          {"stamp", stamp_json(m.stamp)}};
}

Json ad_spend_json(const AdSpend& a) {
  Json j = {{"source", a.source}, {"month", format_year_month(a.month)}, {"cents", a.cents}};
  if (!a.note.empty()) j["note"] = a.note;
  j["stamp"] = stamp_json(a.stamp);
  if (a.deleted) j["deleted"] = true;
  return j;
}

Json funnel_json(const FunnelModel& m, const Stamp& stamp) {
  Json pipelines = Json::array();
  for (const auto& p : m.pipelines) {
    Json stages = Json::array();
    for (const auto& s : p.stages) {
      Json j = {{"name", s.name}};
      if (!s.description.empty()) j["description"] = s.description;
      if (!s.used) j["used"] = false;
      stages.push_back(std::move(j));
    }
    Json rules = Json::array();
    for (const auto& r : p.rules) {
      Json any = Json::array();
      for (const auto& c : r.any) {
        Json j = {{"event", to_string(c.type)}};
        if (c.count != 1) j["count"] = c.count;
        if (!c.content_type.empty()) j["content_type"] = c.content_type;
        if (c.educational) j["educational"] = true;
        if (c.min_amount_cents != 0) j["min_amount_cents"] = c.min_amount_cents;
        any.push_back(std::move(j));
      }
      rules.push_back({{"to", to_string(r.to)}, {"any", std::move(any)}});
    }
    Json j = {{"id", p.id}, {"name", p.name}};
    if (!p.treatments.empty()) j["treatments"] = p.treatments;
    j["stages"] = std::move(stages);
    j["rules"] = std::move(rules);
    pipelines.push_back(std::move(j));
  }
  return {{"pipelines", std::move(pipelines)}, {"stamp", stamp_json(stamp)}};
}

std::string dump_compact(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

// How a member's items are laid out: one compact line, one item per line, or a single value.
enum class MemberLayout : std::uint8_t { compact, lines, single };

}  // namespace

// [segment id, lead id, at, entered]: compact, since a large segment records many rows.
void write_history_item(std::string& out, const MembershipChange& c) {
  out.push_back('[');
  append_string(out, c.segment);
  out.push_back(',');
  append_hex_id(out, 'L', c.lead.value);
  out.push_back(',');
  append_int(out, c.at);
  out.append(c.entered ? ",true]" : ",false]");
}

// The key is not written: it is enrollment_key(sequence, lead, enrolled_at), recomputed on read.
void write_enrollment(std::string& out, const Enrollment& e) {
  out.append("{\"sequence\":");
  append_string(out, e.sequence);
  out.append(",\"lead\":");
  append_hex_id(out, 'L', e.lead.value);
  out.append(",\"enrolled_at\":");
  append_int(out, e.enrolled_at);
  out.append(",\"reason\":");
  append_string(out, e.reason);
  if (e.ended_at != 0) {
    out.append(",\"ended_at\":");
    append_int(out, e.ended_at);
  }
  if (!e.end_reason.empty()) {
    out.append(",\"end_reason\":");
    append_string(out, e.end_reason);
  }
  out.append(",\"stamp\":");
  append_string(out, to_string(e.stamp));
  out.push_back('}');
}

void write_touch(std::string& out, const TouchRecord& t) {
  out.append("{\"key\":");
  append_string(out, t.key);
  out.append(",\"outcome\":");
  append_string(out, to_string(t.outcome));
  out.append(",\"at\":");
  append_int(out, t.at);
  if (t.until != 0) {
    out.append(",\"until\":");
    append_int(out, t.until);
  }
  out.append(",\"stamp\":");
  append_string(out, to_string(t.stamp));
  out.push_back('}');
}

std::size_t SettingsJsonWriter::item_count() const {
  switch (m_member) {
    case Member::saved_segments:
      return m_ws.segments.size();
    case Member::segment_history:
      return m_ws.segment_history.size();
    case Member::scoring:
      return m_ws.scoring.empty() ? 0 : 1;
    case Member::funnel:
      // The default model is what a file without "funnel" means, so it is left out.
      return m_ws.funnel_stamp != Stamp{} || m_ws.funnel != default_funnel_model() ? 1 : 0;
    case Member::sequences:
      return m_ws.sequences.size();
    case Member::enrollments:
      return m_ws.enrollments.size();
    case Member::touches:
      return m_ws.touches.size();
    case Member::ad_spend:
      return m_ws.ad_spend.size();
    case Member::done:
      break;
  }
  return 0;
}

void SettingsJsonWriter::write_item(std::string& out, std::size_t i) const {
  switch (m_member) {
    case Member::saved_segments:
      out.append(dump_compact(segment_json(m_ws.segments[i])));
      return;
    case Member::segment_history:
      return write_history_item(out, m_ws.segment_history[i]);
    case Member::scoring:
      out.append(dump_compact(scoring_json(m_ws.scoring)));
      return;
    case Member::funnel:
      out.append(dump_compact(funnel_json(m_ws.funnel, m_ws.funnel_stamp)));
      return;
    case Member::sequences:
      out.append(dump_compact(sequence_json(m_ws.sequences[i], true)));
      return;
    case Member::enrollments:
      return write_enrollment(out, m_ws.enrollments[i]);
    case Member::touches:
      return write_touch(out, m_ws.touches[i]);
    case Member::ad_spend:
      out.append(dump_compact(ad_spend_json(m_ws.ad_spend[i])));
      return;
    case Member::done:
      return;
  }
}

bool SettingsJsonWriter::step(std::string& out, std::size_t budget) {
  static constexpr const char* k_keys[] = {"saved_segments", "segment_history", "scoring", "funnel",
                                           "sequences",      "enrollments",     "touches", "ad_spend"};
  // Segments and history were always one compact line; the lists that grow with the practice
  // are one item per line, which keeps a diff of two exports readable.
  static constexpr MemberLayout k_layouts[] = {
      MemberLayout::compact, MemberLayout::compact, MemberLayout::single, MemberLayout::single,
      MemberLayout::lines,   MemberLayout::lines,   MemberLayout::lines,  MemberLayout::lines};
  const std::size_t start = out.size();
  while (m_member != Member::done && (out.size() == start || out.size() - start < budget)) {
    const auto member = static_cast<std::size_t>(m_member);
    const MemberLayout layout = k_layouts[member];
    if (m_index == 0) {
      m_count = item_count();
      if (m_count == 0) {
        m_member = static_cast<Member>(member + 1);
        continue;
      }
      out.append(",\n  \"").append(k_keys[member]).append(layout == MemberLayout::single ? "\": " : "\": [");
    }
    if (layout == MemberLayout::lines) out.append(m_index == 0 ? "\n    " : ",\n    ");
    if (layout == MemberLayout::compact && m_index > 0) out.push_back(',');
    write_item(out, m_index);
    if (++m_index < m_count) continue;
    if (layout != MemberLayout::single) out.append(layout == MemberLayout::lines ? "\n  ]" : "]");
    m_member = static_cast<Member>(member + 1);
    m_index = 0;
  }
  return done();
}

void append_settings_members(std::string& out, const Workspace& ws) {
  SettingsJsonWriter writer(ws);
  while (!writer.step(out, SIZE_MAX)) {
  }
}

}  // namespace nurture
