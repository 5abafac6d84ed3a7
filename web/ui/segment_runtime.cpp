#include "web/ui/segment_runtime.hpp"

#include <algorithm>

#include "core/segment/engine.hpp"
#include "core/util/text.hpp"
#include "core/util/time_units.hpp"

namespace nurture::ui {

namespace {}  // namespace

segment::EvalContext SegmentRuntime::context(const Workspace& ws) const {
  return segment::make_context(ws, m_now, m_offset, &m_scores, *m_parsed);
}

const SegmentRuntime::SavedState* SegmentRuntime::saved_state(const std::string& id) const {
  for (const auto& s : m_saved) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

void SegmentRuntime::update(Ui& ui) {
  const UnixMillis minute = ui.platform.now_ms() / k_minute_ms * k_minute_ms;
  if (ui.session.revision() == m_revision && minute == m_now) return;
  m_now = minute;
  m_offset = ui.platform.local_utc_offset_minutes(minute);
  recompute(ui);
  if (!ui.editable()) return;

  // The app's own bookkeeping; each applies at most once per change (asking again finds
  // nothing to do), so this settles after one round.
  const Workspace& ws = ui.session.workspace();
  if (m_scoring) {
    auto actions = due_threshold_actions(*m_scoring, ws, m_scores, m_now);
    if (!actions.empty()) {
      const auto n = actions.size();
      const auto r = ui.mutable_session.record(
          LeadBatch{std::move(actions), "Scoring thresholds: " + count_noun(n, "change", "changes"), true});
      if (r.ok) recompute(ui);
    }
  }
  auto changes = segment::membership_changes(ws, context(ws), *m_parsed, &m_cache);
  if (!changes.empty()) {
    const auto r = ui.mutable_session.record(RecordMemberships{std::move(changes)});
    if (r.ok) recompute(ui);
  }
}

void SegmentRuntime::recompute(Ui& ui) {
  const Workspace& ws = ui.session.workspace();
  m_revision = ui.session.revision();
  ++m_generation;

  m_scoring.reset();
  m_scoring_error.clear();
  m_scores = ScoreTable{};
  if (!ws.scoring.empty()) {
    auto compiled = compile_scoring(ws.scoring);
    if (compiled) {
      m_scoring = std::move(compiled).value();
      m_scores = compute_scores(*m_scoring, ws, m_now, m_offset, &m_cache);
    } else {
      m_scoring_error = compiled.error().message;
    }
  }

  m_parsed.emplace(ws.segments);
  m_saved.clear();
  const auto ctx = context(ws);
  for (const auto& entry : m_parsed->entries()) {
    SavedState st;
    st.id = entry.segment.id;
    if (!entry.query.ok()) {
      st.error = entry.query.error().describe();
      m_saved.push_back(std::move(st));
      continue;
    }
    auto members = segment::evaluate(entry.query.value(), entry.segment.query, ctx, &m_cache);
    if (!members) {
      st.error = members.error().describe();
      m_saved.push_back(std::move(st));
      continue;
    }
    st.count = members.value().count();
    for (const auto& c : ws.segment_history) {
      if (c.segment != st.id || c.at < m_now - 7 * 24 * 60 * k_minute_ms) continue;
      ++(c.entered ? st.week_entered : st.week_exited);
    }
    m_saved.push_back(std::move(st));
  }
}

}  // namespace nurture::ui
