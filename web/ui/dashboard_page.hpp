#pragma once
/// The measurement dashboard (issue 6): a date range and filters at the top, KPI tiles with the
/// change against the previous period, the funnel, conversion over time, step rates, nurtured
/// versus not, content engagement, retention cohorts and return by source, each card with a CSV
/// download. Figures are computed when the range, filter or workspace changes, never per frame.
///
/// After a workspace change the figures' indexes (metrics::MetricsCache) are rebuilt across
/// frames, a slice at a time (about 1.4 s of work at 60,000 leads in wasm): a progress bar stands
/// where the figures go, the previous figures stay visible, dimmed; an edit during the build
/// starts it again, and leaving the page drops it (leave()), so a half-built cache is never read.

#include <memory>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "core/metrics/metrics_cache_builder.hpp"
#include "web/ui/dashboard_data.hpp"
#include "web/ui/long_work.hpp"
#include "web/ui/ui_context.hpp"

namespace nurture::ui {

class DashboardPage {
 public:
  DashboardPage();
  ~DashboardPage();
  DashboardPage(const DashboardPage&) = delete;
  DashboardPage& operator=(const DashboardPage&) = delete;

  void draw(Ui& ui);
  /// For tests: the range, filter, KPI values and row counts.
  void describe(nlohmann::json& out, const Workspace& ws) const;

  /// For tests: choose a preset or filter as the controls do.
  void set_preset(RangePreset p) { m_preset = p; }
  void set_filter(const metrics::MetricsFilter& f) { m_filter = f; }
  [[nodiscard]] const DashboardData* data() const { return m_data.get(); }
  /// How many times the figures were computed (a test checks it is not per frame).
  [[nodiscard]] std::size_t computations() const { return m_computations; }
  /// How much of the index build one frame does: chunk_bytes is work units per step
  /// (MetricsCacheBuilder::step); tests set frame_ms 0 for one step a frame.
  void set_budget(const FrameBudget& budget) { m_budget = budget; }
  /// The page is no longer shown: an index build in progress is dropped (the next visit starts
  /// it again).
  void leave() { m_building.reset(); }
  /// True while the indexes are being rebuilt across frames.
  [[nodiscard]] bool updating() const { return m_building != nullptr; }

 private:
  void draw_controls(Ui& ui, float width);
  void draw_filters(Ui& ui, float width);
  void draw_kpis(Ui& ui, float width);
  void refresh(Ui& ui);
  /// Advances the index build; true when m_cache describes the workspace as it is now.
  bool advance_cache(Ui& ui);
  void draw_updating(Ui& ui, float width);
  void export_csv(Ui& ui, const char* card, const std::string& csv);

  RangePreset m_preset = RangePreset::last_30;
  std::string m_custom_from;
  std::string m_custom_to;
  std::string m_custom_error;
  std::optional<metrics::MetricsRange> m_custom;  ///< the last valid custom range applied
  metrics::MetricsFilter m_filter;

  // What the figures were computed for.
  std::unique_ptr<DashboardData> m_data;
  /// Indexes of the workspace the figures read, rebuilt only when the workspace changes, so a
  /// new range or filter is a quick recompute (core/metrics/metrics_cache.hpp).
  metrics::MetricsCache m_cache;
  /// The build of the next m_cache while it runs across frames (m_cache is then stale and empty).
  std::unique_ptr<metrics::MetricsCacheBuilder> m_building;
  FrameBudget m_budget{20'000, 12, false};
  std::size_t m_cache_builds = 0;  ///< index builds started
  metrics::MetricsRange m_range;
  metrics::MetricsFilter m_data_filter;
  std::uint64_t m_revision = ~std::uint64_t{0};
  std::string m_error;
  std::size_t m_computations = 0;
  std::string m_last_export;
};

}  // namespace nurture::ui
