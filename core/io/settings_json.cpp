#include "core/io/settings_json.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/io/json_decoder.hpp"
#include "core/io/sequence_json.hpp"
#include "core/io/workspace_json.hpp"
#include "core/model/catalog.hpp"
#include "core/util/text.hpp"

namespace nurture {

namespace {

using Json = json_decode::Json;

// Keeps the reader's invariants: the writer never produces more, a hostile file gets refused.
constexpr std::size_t k_max_segments = 1000;
constexpr std::size_t k_max_history = 20'000'000;
constexpr std::size_t k_max_sequences = 1000;
constexpr std::size_t k_max_enrollments = 20'000'000;
constexpr std::size_t k_max_touches = 20'000'000;
constexpr std::size_t k_max_reason_chars = 1000;
// A source and month per entry: 1,000 sources over 100 years is 1.2 million.
constexpr std::size_t k_max_ad_spend = 2'000'000;
// The longest touch key: a sequence id (64), a lead id (17), a time (up to 20 digits), a step
// id (32) and three slashes.
constexpr std::size_t k_max_touch_key = 64 + 17 + 20 + 32 + 3;

using json_decode::Decoder;

std::string item_path(const char* list, std::size_t i) { return json_decode::item_path(list, i); }

void read_segments(Decoder& d, const Json& j, std::vector<SavedSegment>& out) {
  if (!j.is_array()) return d.fail("saved_segments", "must be an array");
  if (j.size() > k_max_segments) return d.fail("saved_segments", "has more than 1000 segments");
  std::set<std::string> ids;
  for (std::size_t i = 0; i < j.size() && !d.failed(); ++i) {
    const std::string path = item_path("saved_segments", i);
    if (!d.object(j[i], path, {"id", "name", "query", "description", "stamp", "deleted"})) return;
    SavedSegment s;
    s.id = d.text(j[i], path, "id");
    s.name = d.text(j[i], path, "name");
    s.query = d.text(j[i], path, "query");
    s.description = d.text(j[i], path, "description", false);
    s.stamp = d.stamp(j[i], path);
    if (const auto it = j[i].find("deleted"); it != j[i].end()) {
      if (!it->is_boolean()) return d.fail(path + ".deleted", "must be true or false");
      s.deleted = it->get<bool>();
    }
    if (d.failed()) return;
    if (auto errors = validate(s); !errors.empty())
      return d.fail(path + "." + errors[0].field, errors[0].message);
    if (!ids.insert(s.id).second) return d.fail(path + ".id", "the id '" + s.id + "' appears twice");
    out.push_back(std::move(s));
  }
}

void read_history(Decoder& d, const Json& j, std::vector<MembershipChange>& out) {
  if (!j.is_array()) return d.fail("segment_history", "must be an array");
  if (j.size() > k_max_history) return d.fail("segment_history", "is longer than the limit");
  out.reserve(j.size());
  for (std::size_t i = 0; i < j.size(); ++i) {
    const auto& e = j[i];
    const std::string path = item_path("segment_history", i);
    // [segment id, lead id, at, entered]: compact, since a large segment records many rows.
    if (!e.is_array() || e.size() != 4 || !e[0].is_string() || !e[1].is_string() ||
        !e[2].is_number_integer() || !e[3].is_boolean()) {
      return d.fail(path, "must be [segment id, lead id, time in ms, entered]");
    }
    MembershipChange c;
    c.segment = e[0].get<std::string>();
    const auto lead = parse_lead_id(e[1].get<std::string>());
    if (!lead) return d.fail(path, "has no valid lead id");
    c.lead = *lead;
    c.at = e[2].get<std::int64_t>();
    c.entered = e[3].get<bool>();
    out.push_back(std::move(c));
  }
  if (!std::is_sorted(out.begin(), out.end())) std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

void read_scoring(Decoder& d, const Json& j, ScoringModel& m) {
  if (!d.object(j, "scoring", {"groups", "event_rules", "fit_rules", "thresholds", "stamp"})) return;
  const auto list = [&](const char* key) -> const Json* {
    const auto it = j.find(key);
    if (it == j.end()) return nullptr;
    if (!it->is_array() || it->size() > k_max_score_rules) {
      d.fail(std::string("scoring.") + key, "must be an array of at most 200 items");
      return nullptr;
    }
    return &*it;
  };
  if (const Json* groups = list("groups")) {
    for (std::size_t i = 0; i < groups->size() && !d.failed(); ++i) {
      const std::string path = item_path("scoring.groups", i);
      if (!d.object((*groups)[i], path, {"id", "name"})) return;
      m.groups.push_back({d.text((*groups)[i], path, "id"), d.text((*groups)[i], path, "name")});
    }
  }
  if (const Json* rules = list("event_rules")) {
    for (std::size_t i = 0; i < rules->size() && !d.failed(); ++i) {
      const Json& r = (*rules)[i];
      const std::string path = item_path("scoring.event_rules", i);
      if (!d.object(r, path,
                    {"group", "label", "event", "where", "points", "decay", "decay_days", "max_points"}))
        return;
      EventRule e;
      e.group = d.text(r, path, "group");
      e.label = d.text(r, path, "label", false);
      e.event = d.name(r, path, "event", parse_event_type, EventType::email_opened);
      e.where = d.text(r, path, "where", false);
      e.points = d.number(r, path, "points");
      e.decay = d.name(r, path, "decay", parse_decay, Decay::none, false);
      const double days = d.number(r, path, "decay_days", false);
      if (days < 0 || days > 36500 || days != std::floor(days))
        d.fail(path + ".decay_days", "must be 1–36500 days");
      e.decay_days = static_cast<std::uint32_t>(days);
      e.max_points = d.number(r, path, "max_points", false);
      m.event_rules.push_back(std::move(e));
    }
  }
  if (const Json* rules = list("fit_rules")) {
    for (std::size_t i = 0; i < rules->size() && !d.failed(); ++i) {
      const Json& r = (*rules)[i];
      const std::string path = item_path("scoring.fit_rules", i);
      if (!d.object(r, path, {"group", "label", "condition", "points"})) return;
      m.fit_rules.push_back({d.text(r, path, "group"), d.text(r, path, "label", false),
                             d.text(r, path, "condition"), d.number(r, path, "points")});
    }
  }
  if (const Json* list_t = list("thresholds")) {
    for (std::size_t i = 0; i < list_t->size() && !d.failed(); ++i) {
      const Json& t = (*list_t)[i];
      const std::string path = item_path("scoring.thresholds", i);
      if (!d.object(t, path, {"group", "at", "action", "stage", "value"})) return;
      ScoreThreshold th;
      th.group = d.text(t, path, "group");
      th.at = d.number(t, path, "at");
      th.action = d.name(t, path, "action", parse_threshold_action, ThresholdAction::move_stage);
      th.stage = d.name(t, path, "stage", parse_stage, Stage::consideration, false);
      th.value = d.text(t, path, "value", false);
      m.thresholds.push_back(std::move(th));
    }
  }
  if (d.failed()) return;
  m.stamp = d.stamp(j, "scoring");
  if (auto errors = validate(m); !errors.empty() && !d.failed())
    d.fail("scoring." + errors[0].field, errors[0].message);
}

void read_funnel(Decoder& d, const Json& j, Workspace& ws) {
  if (!d.object(j, "funnel", {"pipelines", "stamp"})) return;
  FunnelModel m;
  const Json* pipelines = d.array(j, "funnel", "pipelines", k_max_pipelines);
  if (pipelines == nullptr) {
    if (!d.failed()) d.fail("funnel.pipelines", "is missing");
    return;
  }
  for (std::size_t i = 0; i < pipelines->size() && !d.failed(); ++i) {
    const Json& pj = (*pipelines)[i];
    const std::string path = item_path("funnel.pipelines", i);
    if (!d.object(pj, path, {"id", "name", "treatments", "stages", "rules"})) return;
    Pipeline p;
    p.id = d.text(pj, path, "id");
    p.name = d.text(pj, path, "name");
    if (const Json* ts = d.array(pj, path, "treatments", 1000)) {
      for (std::size_t t = 0; t < ts->size(); ++t) {
        if (!(*ts)[t].is_string())
          return d.fail(item_path((path + ".treatments").c_str(), t), "must be a string");
        p.treatments.push_back((*ts)[t].get<std::string>());
      }
    }
    const Json* stages = d.array(pj, path, "stages", k_stage_count);
    if (d.failed()) return;
    if (stages == nullptr || stages->size() != k_stage_count)
      return d.fail(path + ".stages", "must list the 5 stages");
    for (std::size_t s = 0; s < k_stage_count; ++s) {
      const Json& sj = (*stages)[s];
      const std::string sp = item_path((path + ".stages").c_str(), s);
      if (!d.object(sj, sp, {"name", "description", "used"})) return;
      p.stages[s] = {d.text(sj, sp, "name"), d.text(sj, sp, "description", false),
                     d.boolean(sj, sp, "used", true)};
    }
    if (const Json* rules = d.array(pj, path, "rules", k_max_stage_rules)) {
      for (std::size_t r = 0; r < rules->size() && !d.failed(); ++r) {
        const Json& rj = (*rules)[r];
        const std::string rp = item_path((path + ".rules").c_str(), r);
        if (!d.object(rj, rp, {"to", "any"})) return;
        StageRule rule;
        rule.to = d.name(rj, rp, "to", parse_stage, Stage::consideration);
        if (const Json* any = d.array(rj, rp, "any", k_max_rule_conditions)) {
          for (std::size_t c = 0; c < any->size() && !d.failed(); ++c) {
            const Json& cj = (*any)[c];
            const std::string cp = item_path((rp + ".any").c_str(), c);
            if (!d.object(cj, cp, {"event", "count", "content_type", "educational", "min_amount_cents"}))
              return;
            RuleCondition cond;
            cond.type = d.name(cj, cp, "event", parse_event_type, EventType::email_opened);
            cond.count = static_cast<std::uint32_t>(d.integer(cj, cp, "count", 1, k_max_rule_count, 1));
            cond.content_type = d.text(cj, cp, "content_type", false);
            cond.educational = d.boolean(cj, cp, "educational");
            cond.min_amount_cents = d.integer(cj, cp, "min_amount_cents", 0, std::int64_t{1} << 50, 0);
            rule.any.push_back(std::move(cond));
          }
        }
        p.rules.push_back(std::move(rule));
      }
    }
    m.pipelines.push_back(std::move(p));
  }
  if (d.failed()) return;
  const Stamp stamp = d.stamp(j, "funnel");
  if (d.failed()) return;
  if (auto errors = validate_structure(m); !errors.empty())
    return d.fail("funnel." + errors[0].field, errors[0].message);
  ws.funnel = std::move(m);
  ws.funnel_stamp = stamp;
}

void read_sequences(Decoder& d, const Json& j, std::vector<Sequence>& out) {
  if (!out.empty()) return d.fail("sequences", "appears twice");
  if (!j.is_array()) return d.fail("sequences", "must be an array");
  if (j.size() > k_max_sequences) return d.fail("sequences", "has more than 1000 sequences");
  std::set<std::string, std::less<>> ids;
  for (std::size_t i = 0; i < j.size(); ++i) {
    const std::string path = item_path("sequences", i);
    auto s = read_sequence(j[i], path, true);
    if (!s) return d.fail("", s.error().message);
    if (!ids.insert(s.value().id).second)
      return d.fail(path + ".id", "the id '" + s.value().id + "' appears twice");
    out.push_back(std::move(s).value());
  }
}

// Enrollments and touch records are kept sorted by key, one per key (workspace.hpp); a file that
// breaks this was not written by Nurture, so it is refused rather than repaired.
template <class T>
bool check_order(Decoder& d, const std::vector<T>& list, const std::string& path) {
  if (list.size() < 2 || list[list.size() - 2].key < list.back().key) return true;
  d.fail(path, "is out of order or repeats a key (the list is sorted by key, each key once)");
  return false;
}

void read_enrollments(Decoder& d, const Json& j, std::vector<Enrollment>& out) {
  if (!out.empty()) return d.fail("enrollments", "appears twice");
  if (!j.is_array()) return d.fail("enrollments", "must be an array");
  if (j.size() > k_max_enrollments) return d.fail("enrollments", "is longer than the limit");
  out.reserve(j.size());
  for (std::size_t i = 0; i < j.size() && !d.failed(); ++i) {
    const Json& e = j[i];
    const std::string path = item_path("enrollments", i);
    if (!d.object(e, path, {"sequence", "lead", "enrolled_at", "reason", "ended_at", "end_reason", "stamp"}))
      return;
    Enrollment n;
    n.sequence = d.text(e, path, "sequence");
    if (!d.failed() && !is_catalog_id(n.sequence)) return d.fail(path + ".sequence", "is not a sequence id");
    const std::string lead = d.text(e, path, "lead");
    if (d.failed()) return;
    const auto id = parse_lead_id(lead);
    if (!id) return d.fail(path + ".lead", "is not a lead id");
    n.lead = *id;
    n.enrolled_at = d.integer(e, path, "enrolled_at", 0, k_max_json_millis, 0, true);
    n.reason = d.text(e, path, "reason", false);
    n.ended_at = d.integer(e, path, "ended_at", 0, k_max_json_millis);
    n.end_reason = d.text(e, path, "end_reason", false);
    n.stamp = d.stamp(e, path);
    if (d.failed()) return;
    if (utf8_length(n.reason) > k_max_reason_chars || utf8_length(n.end_reason) > k_max_reason_chars)
      return d.fail(path, "has a reason longer than 1000 characters");
    n.key = enrollment_key(n.sequence, n.lead, n.enrolled_at);
    out.push_back(std::move(n));
    check_order(d, out, path);
  }
}

void read_touches(Decoder& d, const Json& j, std::vector<TouchRecord>& out) {
  if (!out.empty()) return d.fail("touches", "appears twice");
  if (!j.is_array()) return d.fail("touches", "must be an array");
  if (j.size() > k_max_touches) return d.fail("touches", "is longer than the limit");
  out.reserve(j.size());
  for (std::size_t i = 0; i < j.size() && !d.failed(); ++i) {
    const Json& t = j[i];
    const std::string path = item_path("touches", i);
    if (!d.object(t, path, {"key", "outcome", "at", "until", "stamp"})) return;
    TouchRecord r;
    r.key = d.text(t, path, "key");
    if (!d.failed() && (r.key.empty() || r.key.size() > k_max_touch_key))
      return d.fail(path + ".key", "is not a touch key");
    r.outcome = d.name(t, path, "outcome", parse_touch_outcome, r.outcome);
    r.at = d.integer(t, path, "at", 0, k_max_json_millis, 0, true);
    r.until = d.integer(t, path, "until", 0, k_max_json_millis);
    r.stamp = d.stamp(t, path);
    if (d.failed()) return;
    out.push_back(std::move(r));
    check_order(d, out, path);
  }
}

// Like enrolments, the table is kept sorted by key, one entry per key; a file that breaks this
// is refused.
void read_ad_spend(Decoder& d, const Json& j, std::vector<AdSpend>& out) {
  if (!out.empty()) return d.fail("ad_spend", "appears twice");
  if (!j.is_array()) return d.fail("ad_spend", "must be an array");
  if (j.size() > k_max_ad_spend) return d.fail("ad_spend", "is longer than the limit");
  out.reserve(j.size());
  for (std::size_t i = 0; i < j.size() && !d.failed(); ++i) {
    const Json& e = j[i];
    const std::string path = item_path("ad_spend", i);
    if (!d.object(e, path, {"source", "month", "cents", "note", "stamp", "deleted"})) return;
    AdSpend a;
    a.source = d.text(e, path, "source");
    const std::string month = d.text(e, path, "month");
    a.cents = d.integer(e, path, "cents", 0, k_ad_spend_max_cents, 0, true);
    a.note = d.text(e, path, "note", false);
    a.stamp = d.stamp(e, path);
    a.deleted = d.boolean(e, path, "deleted");
    if (d.failed()) return;
    const auto m = parse_year_month(month);
    if (!m) return d.fail(path + ".month", "is not a month (YYYY-MM)");
    a.month = *m;
    if (auto errors = validate(a); !errors.empty())
      return d.fail(path + "." + errors[0].field, errors[0].message);
    out.push_back(std::move(a));
    if (out.size() >= 2 && !ad_spend_key_less(out[out.size() - 2], out.back()))
      return d.fail(path, "is out of order or repeats a source and month (sorted by source, then month)");
  }
}

}  // namespace

Status take_settings_members(Workspace& ws) {
  Decoder d;
  auto& members = ws.unknown_members;
  for (auto it = members.begin(); it != members.end() && !d.failed();) {
    const std::string& key = it->first;
    if (key != "saved_segments" && key != "segment_history" && key != "scoring" && key != "sequences" &&
        key != "enrollments" && key != "touches" && key != "ad_spend" && key != "funnel") {
      ++it;
      continue;
    }
    // The streaming reader has already checked the text (depth, sizes, UTF-8), so this parse
    // only fails on what it accepted and nlohmann does not, which should be nothing.
    const Json j = Json::parse(it->second, nullptr, false);
    if (j.is_discarded()) {
      d.fail(key, "is not valid JSON");
    } else if (key == "saved_segments") {
      read_segments(d, j, ws.segments);
    } else if (key == "segment_history") {
      read_history(d, j, ws.segment_history);
    } else if (key == "sequences") {
      read_sequences(d, j, ws.sequences);
    } else if (key == "enrollments") {
      read_enrollments(d, j, ws.enrollments);
    } else if (key == "touches") {
      read_touches(d, j, ws.touches);
    } else if (key == "ad_spend") {
      read_ad_spend(d, j, ws.ad_spend);
    } else if (key == "funnel") {
      read_funnel(d, j, ws);
    } else {
      read_scoring(d, j, ws.scoring);
    }
    it = members.erase(it);
  }
  if (d.failed()) return Status::failure(d.error());
  return Status::success();
}

}  // namespace nurture
