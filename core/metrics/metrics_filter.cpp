#include "core/metrics/metrics_filter.hpp"

#include "core/scoring/scoring.hpp"
#include "core/segment/engine.hpp"
#include "core/segment/membership.hpp"
#include "core/segment/parser.hpp"

namespace nurture::metrics {

namespace {

bool same_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

const SavedSegment* find_segment(const Workspace& ws, std::string_view key) {
  for (const auto& s : ws.segments)
    if (!s.deleted && s.id == key) return &s;
  for (const auto& s : ws.segments)
    if (!s.deleted && same_ignoring_case(s.name, key)) return &s;
  return nullptr;
}

Expected<segment::LeadSet> segment_members(const Workspace& ws, std::string_view key, UnixMillis at) {
  const SavedSegment* saved = find_segment(ws, key);
  if (saved == nullptr) return Error{"no saved segment '" + std::string(key) + "'"};
  auto query = segment::parse_query(saved->query);
  if (!query) return Error{"segment '" + saved->name + "': " + query.error().describe()};
  segment::SegmentCache cache;
  ScoreTable scores;
  if (!ws.scoring.empty()) {
    auto compiled = compile_scoring(ws.scoring);
    if (!compiled) return Error{"the workspace's scoring model is invalid: " + compiled.error().message};
    scores = compute_scores(compiled.value(), ws, at, 0, &cache);
  }
  const segment::ParsedSegments parsed(ws.segments);
  const auto ctx = segment::make_context(ws, at, 0, &scores, parsed);
  auto members = segment::evaluate(query.value(), saved->query, ctx, &cache);
  if (!members) return Error{"segment '" + saved->name + "': " + members.error().describe()};
  return members;
}

}  // namespace

bool split_touch_key(const LeadStore& leads, std::string_view key, TouchKeyParts& out) {
  const auto a = key.find('/');
  if (a == std::string_view::npos) return false;
  const auto b = key.find('/', a + 1);
  if (b == std::string_view::npos) return false;
  const auto c = key.find('/', b + 1);
  if (c == std::string_view::npos) return false;
  const auto id = parse_lead_id(key.substr(a + 1, b - a - 1));
  if (!id) return false;
  const auto row = leads.find(*id);
  if (!row) return false;
  out.sequence = key.substr(0, a);
  out.step = key.substr(c + 1);
  out.row = *row;
  return true;
}

Expected<segment::LeadSet> filter_leads(const Workspace& ws, const MetricsFilter& filter, UnixMillis at) {
  const LeadStore& leads = ws.leads;
  segment::LeadSet keep = segment::LeadSet::live(leads);
  if (!filter.source.empty()) {
    const auto& codes = leads.category_codes(LeadField::source);
    const std::uint32_t code = leads.category_dictionary(LeadField::source).find(filter.source);
    keep.for_each([&](std::uint32_t row) {
      if (codes[row] != code) keep.reset(row);
    });
  }
  if (!filter.treatment.empty()) {
    segment::LeadSet match(leads.rows());
    const std::uint32_t code = leads.interest_dictionary().find(filter.treatment);
    keep.for_each([&](std::uint32_t row) {
      for (const std::uint32_t c : leads.interest_codes(row))
        if (c == code) match.set(row);
    });
    // Services live on the booking, attendance and purchase events only: scan those types.
    for (const EventType type :
         {EventType::appointment_booked, EventType::appointment_attended, EventType::purchase}) {
      for (const std::uint32_t pos : ws.events.of_type(type, INT64_MIN, INT64_MAX)) {
        if (ws.events.view(pos).service != filter.treatment) continue;
        if (const auto row = leads.find(ws.events.lead(pos))) match.set(*row);
      }
    }
    keep &= match;
  }
  if (!filter.sequence.empty()) {
    segment::LeadSet match(leads.rows());
    for (const auto& e : ws.enrollments) {
      if (e.sequence != filter.sequence) continue;
      if (const auto row = leads.find(e.lead)) match.set(*row);
    }
    keep &= match;
  }
  if (!filter.pipeline.empty()) {
    const auto& pipelines = ws.funnel.pipelines;
    std::size_t wanted = pipelines.size();
    for (std::size_t p = 0; p < pipelines.size(); ++p) {
      if (pipelines[p].id == filter.pipeline) wanted = p;
    }
    if (wanted == pipelines.size()) return Error{"no funnel pipeline '" + filter.pipeline + "'"};
    // Per interest code, the pipeline that claims it (0: none); a lead's pipeline is its first
    // interest's that is not 0 — pipeline_of without building strings per lead.
    const Dictionary& dict = leads.interest_dictionary();
    std::vector<std::size_t> claimed(dict.size(), 0);
    for (std::uint32_t code = 1; code < dict.size(); ++code)
      claimed[code] = pipeline_of(ws.funnel, std::span<const std::string>(&dict.at(code), 1));
    keep.for_each([&](std::uint32_t row) {
      std::size_t p = 0;
      for (const std::uint32_t c : leads.interest_codes(row)) {
        if (claimed[c] != 0) {
          p = claimed[c];
          break;
        }
      }
      if (p != wanted) keep.reset(row);
    });
  }
  if (!filter.segment.empty()) {
    auto members = segment_members(ws, filter.segment, at);
    if (!members) return members.error();
    keep &= members.value();
  }
  return keep;
}

}  // namespace nurture::metrics
