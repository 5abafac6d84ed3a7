// nurture due W.json --at ISO8601 [--mark-sent]
// nurture enroll W.json --sequence NAME|ID (--segment 'QUERY' | --lead ID) --at ISO8601
#include <map>
#include <string>
#include <tuple>

#include "cli/cli_support.hpp"
#include "cli/commands.hpp"
#include "core/commands/command.hpp"
#include "core/import/values.hpp"
#include "core/io/workspace_json.hpp"
#include "core/segment/engine.hpp"
#include "core/segment/membership.hpp"
#include "core/segment/parser.hpp"
#include "core/sequence/enrollment_planner.hpp"
#include "core/sequence/scheduler.hpp"
#include "core/sequence/touch_message.hpp"
#include "core/sync/merge.hpp"
#include "core/util/text.hpp"

namespace nurture::cli {

namespace {

using Json = nlohmann::ordered_json;

Expected<UnixMillis> at_of(const Args& args) {
  const auto text = args.get("--at");
  if (!text) return Error{"--at is required (an ISO 8601 date-time, e.g. 2026-12-07T09:00:00Z)"};
  const auto t = parse_timestamp(*text);
  if (!t) return Error{"--at: '" + *text + "' is not a date-time (use ISO 8601, e.g. 2026-12-07T09:00:00Z)"};
  return *t;
}

/// What the app does each minute, at `at`: the enrolments the triggers call for and the ends of
/// finished enrolments, applied with `clock`. Returns how many enrolments were added.
std::size_t bookkeeping(Workspace& ws, UnixMillis at, HybridClock& clock) {
  std::size_t enrolled = 0;
  const auto planned = plan_enrollments(ws, at);
  std::map<std::tuple<std::string, UnixMillis, std::string>, std::vector<LeadId>> groups;
  for (const auto& p : planned) groups[{p.sequence, p.at, p.reason}].push_back(p.lead);
  for (auto& [key, leads] : groups) {
    const auto& [sequence, when, reason] = key;
    const auto before = ws.enrollments.size();
    apply(ws, Enroll{sequence, std::move(leads), when, reason, at}, clock);
    enrolled += ws.enrollments.size() - before;
  }
  const Schedule s = schedule(ws, at);
  std::map<std::string, std::vector<std::string>> exits;
  for (const auto& e : s.exits) exits[e.reason].push_back(e.enrollment);
  for (auto& [reason, keys] : exits) apply(ws, EndEnrollments{std::move(keys), reason, at}, clock);
  return enrolled;
}

Json touch_json(const Workspace& ws, const DueTouch& t, UnixMillis at) {
  Json j;
  j["key"] = t.key;
  j["lead"] = to_string(t.lead);
  j["sequence"] = t.sequence;
  j["step"] = t.step;
  j["channel"] = to_string(t.channel);
  j["due_at"] = format_iso8601_utc(t.due_at);
  if (t.planned_at != t.due_at) j["planned_at"] = format_iso8601_utc(t.planned_at);
  if (!t.arm.empty()) j["arm"] = t.arm;
  if (const auto view = view_touch(ws, t, at)) {
    j["to"] = t.channel == StepChannel::email ? view->lead.email : view->lead.phone;
    if (!view->message.subject.empty()) j["subject"] = view->message.subject;
    j["body"] = view->message.body;
  }
  return j;
}

const Sequence* find_sequence(const Workspace& ws, const std::string& name_or_id) {
  for (const auto& s : ws.sequences) {
    if (!s.deleted && s.id == name_or_id) return &s;
  }
  for (const auto& s : ws.sequences) {
    if (!s.deleted && same_segment_name(s.name, name_or_id)) return &s;
  }
  return nullptr;
}

}  // namespace

int run_due(int argc, char** argv, int first) {
  const auto args = parse_args(argc, argv, first, ArgSpec{{"--at"}, {"--mark-sent"}, {}, 1, 1});
  if (!args) return fail("due", args.error().message, k_exit_usage);
  const auto at = at_of(args.value());
  if (!at) return fail("due", at.error().message, k_exit_usage);
  const std::string& path = args.value().positional[0];
  auto ws = load_workspace(path, false);
  if (!ws) return fail("due", ws.error().message);
  Workspace& w = ws.value();

  HybridClock clock(random_u64());
  clock.observe(max_stamp(w));
  const std::size_t enrolled = bookkeeping(w, at.value(), clock);
  const Schedule s = schedule(w, at.value());

  Json out;
  out["at"] = format_iso8601_utc(at.value());
  out["enrolled"] = enrolled;
  Json due = Json::array();
  for (const auto& t : s.due) due.push_back(touch_json(w, t, at.value()));
  out["due"] = std::move(due);
  Json held = Json::array();
  for (const auto& h : s.held) {
    Json j = {{"key", h.touch.key},
              {"lead", to_string(h.touch.lead)},
              {"channel", to_string(h.touch.channel)},
              {"reason", h.reason}};
    if (h.retry_at > 0) j["retry_at"] = format_iso8601_utc(h.retry_at);
    held.push_back(std::move(j));
  }
  out["held"] = std::move(held);

  if (args.value().has("--mark-sent")) {
    RecordTouches record;
    record.now = at.value();
    for (const auto& t : s.due) record.touches.push_back(TouchEntry{t.key, TouchOutcome::sent, 0});
    std::size_t marked = 0;
    if (!record.touches.empty()) {
      const auto r = apply(w, Command{std::move(record)}, clock);
      if (!r.ok) return fail("due", r.message);
      marked = s.due.size();
    }
    out["marked_sent"] = marked;
  }
  // The file changes only when asked to record (--mark-sent): a plain `due` is a question.
  if (args.value().has("--mark-sent")) {
    if (const auto status = write_file_atomic(path, workspace_to_json(w)); !status.ok())
      return fail("due", status.message);
  }
  return print_json(out);
}

int run_enroll(int argc, char** argv, int first) {
  const auto args =
      parse_args(argc, argv, first, ArgSpec{{"--sequence", "--segment", "--lead", "--at"}, {}, {}, 1, 1});
  if (!args) return fail("enroll", args.error().message, k_exit_usage);
  const auto at = at_of(args.value());
  if (!at) return fail("enroll", at.error().message, k_exit_usage);
  const auto name = args.value().get("--sequence");
  if (!name) return fail("enroll", "--sequence is required (a sequence's name or id)", k_exit_usage);
  const auto query_text = args.value().get("--segment");
  const auto lead_text = args.value().get("--lead");
  if (query_text.has_value() == lead_text.has_value())
    return fail("enroll", "give exactly one of --segment 'QUERY' and --lead ID", k_exit_usage);
  std::optional<segment::Node> query;
  if (query_text) {
    auto parsed = segment::parse_query(*query_text);
    if (!parsed) return fail("enroll", parsed.error().describe(), k_exit_usage);
    query = std::move(parsed).value();
  }
  const std::string& path = args.value().positional[0];
  auto ws = load_workspace(path, false);
  if (!ws) return fail("enroll", ws.error().message);
  Workspace& w = ws.value();
  const Sequence* seq = find_sequence(w, *name);
  if (seq == nullptr) return fail("enroll", "no sequence named '" + *name + "'");

  std::vector<LeadId> leads;
  std::string reason = "manual";
  if (lead_text) {
    const auto id = parse_lead_id(*lead_text);
    if (!id)
      return fail("enroll", "--lead: '" + *lead_text + "' is not a lead id (L + 16 hex digits)",
                  k_exit_usage);
    if (!w.leads.find(*id)) return fail("enroll", "--lead: no live lead " + *lead_text);
    leads.push_back(*id);
  } else {
    const segment::ParsedSegments saved(w.segments);
    const auto ctx = segment::make_context(w, at.value(), 0, nullptr, saved);
    auto members = segment::evaluate(*query, *query_text, ctx);
    if (!members) return fail("enroll", members.error().describe(), k_exit_usage);
    leads = members.value().ids(w.leads);
    reason = "segment: " + *query_text;
  }
  HybridClock clock(random_u64());
  clock.observe(max_stamp(w));
  const auto before = w.enrollments.size();
  const auto r = apply(w, Enroll{seq->id, leads, at.value(), reason, at.value()}, clock);
  if (!r.ok) return fail("enroll", r.message);
  const std::size_t added = w.enrollments.size() - before;
  if (added > 0) {
    if (const auto status = write_file_atomic(path, workspace_to_json(w)); !status.ok())
      return fail("enroll", status.message);
  }
  Json out;
  out["sequence"] = seq->id;
  out["matched"] = leads.size();
  out["enrolled"] = added;
  out["skipped"] = leads.size() - added;
  out["message"] = r.message;
  return print_json(out);
}

}  // namespace nurture::cli
